"""Writing a workspace as CSV files or one XLSX workbook (``kinerja export``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.io.workspace import WORKBOOK_NAME, Workspace, _empty_frame


def _atomic_target(out: Path):
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    return Path(tmp)


def _cell_value(v):
    if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
        return None
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return float(v)
    return v


def write_workspace(ws: Workspace, out, fmt: str = "csv") -> list[Path]:
    """Write every table of ``ws`` into folder ``out``; returns the files written.

    ``csv``: one UTF-8 file per table (``pegawai.csv`` ...). ``xlsx``: one workbook
    ``kinerja.xlsx`` with one sheet per table (NIP and other text cells stored as text).
    Each file is written to a temporary name and then renamed, so readers never see half a file.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tables = ws.tables()
    for name, spec in schema.FILES.items():
        tables.setdefault(name, _empty_frame(spec))
    written: list[Path] = []
    if fmt == "csv":
        for name, df in tables.items():
            target = out / f"{name}.csv"
            tmp = _atomic_target(target)
            df.to_csv(tmp, index=False, encoding="utf-8")
            os.replace(tmp, target)
            written.append(target)
        return written
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt!r}; use 'csv' or 'xlsx'")
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for name, df in tables.items():
        sheet = wb.create_sheet(name)
        sheet.append(list(df.columns))
        text_cols = [not pd.api.types.is_numeric_dtype(df[c].dtype) for c in df.columns]
        for row in df.itertuples(index=False, name=None):
            cells = []
            for v, is_text in zip(row, text_cols):
                v = _cell_value(v)
                if is_text and v is not None:
                    cell = WriteOnlyCell(sheet, value=str(v))
                    cell.number_format = "@"
                    cells.append(cell)
                else:
                    cells.append(v)
            sheet.append(cells)
    target = out / WORKBOOK_NAME
    tmp = _atomic_target(target)
    wb.save(tmp)
    os.replace(tmp, target)
    return [target]


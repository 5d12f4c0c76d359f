"""Writing a workspace as CSV files or one XLSX workbook (``kinerja export``).

Exports are safe to open in a spreadsheet and round-trip exactly (issue 10 point 6):

* Text that a spreadsheet would take for a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return: the set :data:`FORMULA_START`, the same as the reports' XLSX export) is
  written with a leading apostrophe ``'``, as Excel users mark text. Text that already starts with
  an apostrophe gets one more, so the scheme is reversible.
* Reading (any workspace file, CSV or XLSX) removes ONE leading apostrophe from every cell
  (:func:`kinerja.io.validate._raw_strings`), so ``'=1+1`` imports as ``=1+1`` and ``''a`` as ``'a``.
* XLSX text cells are explicit strings (never a formula cell), numbers are numbers.
* Numbers are written so that no value can be read as Indonesian thousands (``2.125`` is
  written ``2.1250``; whole numbers without ``.0``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.io.convert import XLSX_CR
from kinerja.io.workspace import WORKBOOK_NAME, Workspace, _empty_frame


def _atomic_target(out: Path):
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    return Path(tmp)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet evaluate text (= kinerja.report.xlsx_export.FORMULA_START)."""
TEXT_MARK = "'"


def protect_text(v: str) -> str:
    """``'`` + v when v looks like a formula or starts with an apostrophe; v otherwise."""
    return TEXT_MARK + v if v.startswith(FORMULA_START) or v.startswith(TEXT_MARK) else v


def _protected_column(s: pd.Series) -> pd.Series:
    vals = s.to_numpy(dtype=object)
    is_str = np.fromiter((isinstance(v, str) for v in vals), dtype=bool, count=len(vals))
    if not is_str.any():
        return s
    text = pd.Series(vals[is_str], dtype=object).astype(str)
    hit = text.str.startswith(FORMULA_START + (TEXT_MARK,)).to_numpy(dtype=bool)
    if not hit.any():
        return s
    out = vals.copy()
    pos = np.flatnonzero(is_str)[hit]
    out[pos] = [TEXT_MARK + v for v in text[hit]]
    return pd.Series(out, index=s.index, dtype=object)


def _number_text(s: pd.Series) -> pd.Series:
    """A float column as CSV text: ``2400`` not ``2400.0``, ``2.1250`` not ``2.125`` (never ambiguous)."""
    from kinerja.io.convert import _cell_str  # noqa: PLC0415

    codes, uniq = pd.factorize(s, use_na_sentinel=True)
    text = np.array([_cell_str(v) for v in uniq] + [""], dtype=object)
    return pd.Series(text[np.where(codes < 0, len(uniq), codes)], index=s.index, dtype=object)


def _export_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = {}
    for c in df.columns:
        s = df[c]
        if pd.api.types.is_float_dtype(s.dtype):
            out[c] = _number_text(s)
        elif pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
            out[c] = s
        else:
            out[c] = _protected_column(s)
    return pd.DataFrame(out, index=df.index, columns=df.columns)


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
    Formula-like text is marked with a leading apostrophe (see the module docstring); reading the
    files back gives the same workspace.
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
            # CRLF line ends (as Excel writes CSV): a CR inside a text is then quoted like a newline
            _export_frame(df).to_csv(tmp, index=False, encoding="utf-8", lineterminator="\r\n")
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
                    cell = WriteOnlyCell(sheet, value=protect_text(str(v)).replace("\r", XLSX_CR))
                    cell.data_type = "s"  # never a formula cell, whatever the text
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


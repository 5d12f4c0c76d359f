"""Reading: one CSV file or workbook sheet as raw strings, and a whole workspace folder or workbook."""

from __future__ import annotations

import io as _io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.errors import InputError, ValidationErrors
from kinerja.io.convert import _cell_str
from kinerja.io.validate import _validate
from kinerja.io.workspace import CSV_SUFFIXES, EXCEL_SUFFIXES, Workspace, _norm_header


def _detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _sniff_sep(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


class _ReadError(Exception):
    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.message, self.row = message, row


def _read_csv(path: Path) -> pd.DataFrame:
    data = path.read_bytes()
    enc = _detect_encoding(data)
    head = data[:65536].decode(enc, errors="replace").lstrip("\ufeff")
    if not head.strip():
        return pd.DataFrame()
    sep = _sniff_sep(head.splitlines()[0])
    try:
        df = pd.read_csv(_io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, engine="c",
                         encoding=enc, skip_blank_lines=False)
    except pd.errors.ParserError as exc:
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if m:
            raise _ReadError(f"baris ini punya {m[3]} kolom, padahal baris judul punya {m[1]}; periksa "
                             f"pemisah kolom ('{sep}') dan tanda kutip", int(m[2])) from None
        raise _ReadError(f"berkas CSV tidak dapat dibaca: {exc}") from None
    return _drop_empty_rows(df)


def _drop_empty_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows whose every cell is empty, keeping the index (= data row position)."""
    if not len(df.columns) or not len(df):
        return df
    cand = np.flatnonzero(df.iloc[:, 0].to_numpy(dtype=object) == "")
    for j in range(1, len(df.columns)):
        if not len(cand):
            break
        cand = cand[df.iloc[cand, j].to_numpy(dtype=object) == ""]
    return df.drop(df.index[cand]) if len(cand) else df


def _sheet_frame(ws) -> pd.DataFrame:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return pd.DataFrame()
    header = [_cell_str(h).strip() for h in header]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    if not width:
        return pd.DataFrame()
    header = [h or f"kolom_{i + 1}" for i, h in enumerate(header)]
    data, index = [], []
    for i, row in enumerate(rows):
        cells = [_cell_str(v) for v in row[:width]]
        if not any(c.strip() for c in cells):
            continue
        cells += [""] * (width - len(cells))
        data.append(cells)
        index.append(i)
    return pd.DataFrame(data, columns=header, index=index, dtype=str) if data else \
        pd.DataFrame({h: pd.Series([], dtype=str) for h in header})


def _open_workbook(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError ...
        raise _ReadError(f"berkas Excel tidak dapat dibuka ({type(exc).__name__}: {exc}); "
                         "simpan ulang sebagai .xlsx") from None


def read_table(path, sheet: str | None = None) -> pd.DataFrame:
    """Read one CSV file or one sheet of a workbook as raw strings (every column dtype str).

    No NA guessing: an empty cell is ''. CSV encoding (UTF-8, UTF-8 with BOM, UTF-16,
    Windows-1252) and delimiter (``,`` ``;`` tab ``|``) are detected. Rows that are entirely empty
    are dropped; the index is the 0-based data row, so the Excel row is index + 2. Excel numbers
    are written as a CSV would hold them (``95``, ``87.5``); very large numbers keep their
    scientific form so a NIP stored as a number can be recognised.
    Raises InputError when the file cannot be read.
    """
    p = Path(path)
    try:
        if p.suffix.lower() in EXCEL_SUFFIXES:
            wb = _open_workbook(p)
            try:
                if sheet is None:
                    return _sheet_frame(wb.worksheets[0])
                names = {_norm_header(n): n for n in wb.sheetnames}
                if _norm_header(sheet) not in names:
                    raise _ReadError(f"lembar '{sheet}' tidak ada di berkas ini")
                return _sheet_frame(wb[names[_norm_header(sheet)]])
            finally:
                wb.close()
        return _read_csv(p)
    except _ReadError as exc:
        raise InputError(exc.message, file=str(p), sheet=sheet, row=exc.row) from None
    except OSError as exc:
        raise InputError(f"berkas tidak dapat dibaca: {exc.strerror or exc}", file=str(p)) from None


def _find_workbook(folder: Path) -> Path | None:
    books = sorted(f for f in folder.iterdir()
                   if f.suffix.lower() in EXCEL_SUFFIXES and not f.name.startswith(("~$", ".")))
    if len(books) > 1:
        raise ValidationErrors([InputError(
            "folder berisi lebih dari satu berkas Excel (" + ", ".join(b.name for b in books)
            + "); sisakan satu, atau simpan tiap lembar sebagai CSV", file=str(folder))])
    return books[0] if books else None


def load_workspace(path, *, max_errors: int = 200) -> Workspace:
    """Load and validate a workspace: a folder of CSVs, a folder with one .xlsx, or an .xlsx path.

    Returns a typed :class:`Workspace`, or raises ValidationErrors listing all problems (at most
    ``max_errors``; then ``truncated`` is True). Nothing is partially loaded.
    """
    p = Path(path)
    if not p.exists():
        raise ValidationErrors([InputError("folder atau berkas workspace tidak ditemukan", file=str(p))])
    frames: dict[str, pd.DataFrame] = {}
    sources: dict[str, tuple[str, str | None]] = {}
    errors: list[InputError] = []
    unreadable: list[str] = []
    book = None
    folder = p
    if p.is_dir():
        by_name: dict[str, Path] = {}
        for f in sorted(p.iterdir()):
            if f.is_file() and f.suffix.lower() in CSV_SUFFIXES and _norm_header(f.stem) in schema.FILES:
                by_name.setdefault(_norm_header(f.stem), f)
        if by_name:
            for name in schema.FILES:
                f = by_name.get(name)
                sources[name] = (str(f if f else p / f"{name}.csv"), None)
                if f is None:
                    continue
                try:
                    frames[name] = read_table(f)
                except InputError as exc:
                    errors.append(exc)
                    unreadable.append(name)
        else:
            book = _find_workbook(p)
            if book is None:
                for name in schema.FILES:
                    sources[name] = (str(p / f"{name}.csv"), None)
    elif p.suffix.lower() in EXCEL_SUFFIXES:
        book, folder = p, p.parent
    else:
        raise ValidationErrors([InputError(
            "workspace harus berupa folder berisi berkas CSV, atau berkas Excel .xlsx", file=str(p))])

    if book is not None:
        try:
            wb = _open_workbook(book)
        except _ReadError as exc:
            raise ValidationErrors([InputError(exc.message, file=str(book))]) from None
        try:
            sheets = {_norm_header(n): n for n in wb.sheetnames}
            for name in schema.FILES:
                sources[name] = (str(book), name)
                if name in sheets:
                    sources[name] = (str(book), sheets[name])
                    frames[name] = _sheet_frame(wb[sheets[name]])
        finally:
            wb.close()
    return _validate(frames, sources, None, max_errors=max_errors, pre_errors=errors,
                     unreadable=unreadable, path=folder)


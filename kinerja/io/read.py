"""Reading: one CSV file or workbook sheet as raw strings, and a whole workspace folder or workbook.

Nothing is read silently wrong (issue 10 point 3):

* a file or sheet whose name is not a workspace name is an error listing the known names and the
  closest one (``penilaian (1).csv``, sheet ``Penilaian Akhir``); only ``pengguna.csv`` (login
  mapping) and the template's ``petunjuk`` sheet, and empty sheets, are passed over;
* the header row is looked for in the first :data:`HEADER_SCAN_ROWS` rows (a title above it is
  skipped); row numbers stay as Excel / a text editor shows them;
* the encoding is decided per file: clean UTF-8 (with or without BOM), UTF-16 with BOM, or clean
  Windows-1252. A file that is neither (e.g. UTF-8 with one stray byte) is refused, naming the row;
* structural faults get ONE message each: an empty file, a binary / XLSX / XLS / PDF file named
  ``.csv``, an unclosed quote, mixed column separators, merged cells in a sheet (named by range).
"""

from __future__ import annotations

import csv
import difflib
import io as _io
import re
import warnings
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.errors import InputError, ValidationErrors
from kinerja.io.convert import SEL_ANGKA, _cell_str
from kinerja.io.validate import _validate
from kinerja.io.workspace import CSV_SUFFIXES, EXCEL_SUFFIXES, Workspace, _norm_header

HEADER_SCAN_ROWS = 20
"""The header row is looked for in this many rows at the top of a file or sheet."""
IGNORED_NAMES = frozenset({"pengguna", "petunjuk"})
"""Files / sheets in a workspace that are not data files: ``pengguna.csv`` (login name -> NIP,
kinerja.ui.common) and the ``petunjuk`` sheet of the blank template."""
_SEPARATORS = (",", ";", "\t", "|")
_SEP_NAME = {",": "koma (,)", ";": "titik koma (;)", "\t": "tab", "|": "garis tegak (|)"}


class _ReadError(Exception):
    def __init__(self, message: str, row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message, self.row, self.column = message, row, column


# ----------------------------------------------------------------------------------------------
# Names
# ----------------------------------------------------------------------------------------------

def _known_list(sheet: bool) -> str:
    return ", ".join(schema.FILES) if sheet else ", ".join(f"{n}.csv" for n in schema.FILES)


def closest_name(name: str) -> str | None:
    """The workspace file name a misnamed file or sheet most likely meant, or None.

    Copy suffixes are removed first (``penilaian (1)``, ``pegawai - Copy``, ``Salinan skp``); then a
    known name contained in the name wins (``Penilaian Akhir`` -> penilaian); then difflib."""
    t = re.sub(r"\s*\(\d+\)\s*$|\s*[-_ ]\s*(copy|salinan|kopi)(\s*\(\d+\))?\s*$", "", str(name), flags=re.I)
    t = re.sub(r"^(copy of|salinan( dari)?|kopi)\s+", "", t, flags=re.I)
    key = _norm_header(t)
    if key in schema.FILES:
        return key
    inside = [n for n in schema.FILES if re.search(rf"(^|_){re.escape(n)}($|_)", key)]
    if inside:
        return max(inside, key=len)
    hit = difflib.get_close_matches(key, list(schema.FILES), n=1, cutoff=0.6)
    return hit[0] if hit else None


def _unknown_name_message(shown: str, sheet: bool) -> str:
    what = "lembar" if sheet else "berkas"
    guess = closest_name(Path(shown).stem if not sheet else shown)
    hint = f" Mungkin maksudnya {guess if sheet else guess + '.csv'}?" if guess else ""
    return (f"{what} '{_cut(shown)}' tidak dikenal, sehingga isinya tidak akan dibaca.{hint} Ganti namanya "
            f"menjadi salah satu nama yang dikenal: {_known_list(sheet)}")


def _cut(text: str, n: int = 80) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


# ----------------------------------------------------------------------------------------------
# Header row
# ----------------------------------------------------------------------------------------------

_ALL_COLUMNS = frozenset(c.name for spec in schema.FILES.values() for c in spec.columns)


def _header_score(cells) -> int:
    return sum(1 for c in cells if _norm_header(c) in _ALL_COLUMNS)


def _find_header(rows: list[list[str]]) -> int:
    """0-based position of the header among the first rows: row 1 unless it holds fewer than two
    known column names and a later row (within HEADER_SCAN_ROWS) holds at least two."""
    if not rows or _header_score(rows[0]) >= 2:
        return 0
    for i, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        if _header_score(cells) >= 2:
            return i
    return 0


# ----------------------------------------------------------------------------------------------
# CSV
# ----------------------------------------------------------------------------------------------

_SIGNATURES = (
    (b"PK\x03\x04", "berkas ini sebenarnya berkas Excel (.xlsx) atau arsip ZIP yang diberi nama .csv; ganti "
                    "akhiran namanya menjadi .xlsx, atau buka di Excel lalu Simpan Sebagai CSV"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "berkas ini sebenarnya berkas Excel lama (.xls) yang diberi nama .csv; "
                                          "buka di Excel lalu Simpan Sebagai .xlsx atau CSV"),
    (b"%PDF-", "berkas ini PDF, bukan CSV; data harus berupa tabel CSV atau Excel, bukan dokumen cetak"),
)


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _decode_check(data: bytes) -> str:
    """The encoding of a CSV file (decided per file), or _ReadError naming the row that is neither
    clean UTF-8 nor clean Windows-1252."""
    for sig, message in _SIGNATURES:
        if data.startswith(sig):
            raise _ReadError(message)
    if data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        nul = data.find(b"\x00", 0, 1 << 20)
        if nul >= 0:
            raise _ReadError("berkas ini berisi data biner (byte NUL), bukan teks CSV; jika ini CSV UTF-16 tanpa "
                             "BOM atau berkas dari aplikasi lain, buka di Excel lalu Simpan Sebagai CSV UTF-8",
                             _line_of(data, nul))
        enc = "utf-8"
    try:
        data.decode(enc)
        return enc
    except UnicodeDecodeError as exc:
        if enc != "utf-8":
            raise _ReadError(f"berkas ini tidak dapat dibaca sebagai {enc.upper()}: byte tidak valid di baris "
                             f"{_line_of(data, exc.start)}; simpan ulang sebagai CSV UTF-8",
                             _line_of(data, exc.start)) from None
        bad_at = exc.start
    bad = data[bad_at:bad_at + 1].hex().upper()
    if re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data):
        raise _ReadError(
            f"berkas ini UTF-8, tetapi baris ini berisi byte yang bukan UTF-8 (0x{bad}), mungkin karena disalin "
            "dari aplikasi lain. kinerja tidak menebak: bila dibaca sebagai Windows-1252, semua huruf beraksen "
            "di berkas ini akan rusak. Perbaiki teks di baris ini, lalu simpan ulang sebagai CSV UTF-8",
            _line_of(data, bad_at))
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError as exc:
        raise _ReadError(
            f"berkas ini bukan UTF-8 maupun Windows-1252: byte 0x{data[exc.start:exc.start + 1].hex().upper()} di "
            "baris ini tidak bermakna di keduanya; simpan ulang sebagai CSV UTF-8", _line_of(data, exc.start)) from None


def _detect_encoding(data: bytes) -> str:
    """Kept for callers: the encoding :func:`_decode_check` decides (raises _ReadError when refused)."""
    return _decode_check(data)


def _split_line(line: str, sep: str) -> list[str]:
    return next(iter(csv.reader([line], delimiter=sep)), [])


def _sniff_sep(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def _read_csv(path: Path) -> pd.DataFrame:
    data = path.read_bytes()
    if not data.strip():
        raise _ReadError("berkas kosong: tidak ada baris judul maupun data")
    enc = _decode_check(data)
    head = data[:65536].decode(enc, errors="replace").lstrip("\ufeff")
    if not head.strip(" \t\r\n,;|"):
        raise _ReadError("berkas kosong: tidak ada baris judul maupun data (hanya pemisah atau baris kosong)")
    lines = head.splitlines()[:HEADER_SCAN_ROWS]
    split = [_split_line(ln, _sniff_sep(ln)) for ln in lines]
    h = _find_header(split)
    sep = _sniff_sep(lines[h]) if lines else ","
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            df = pd.read_csv(_io.BytesIO(data), sep=sep, dtype=str, keep_default_na=False, engine="c",
                             encoding=enc, skip_blank_lines=False, skiprows=h, index_col=False)
        if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
            _raise_too_many_fields(data.decode(enc).lstrip("\ufeff"), sep, h)
    except pd.errors.ParserError as exc:
        text = str(exc)
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
        if m:
            raise _ReadError(f"baris ini punya {m[3]} kolom, padahal baris judul punya {m[1]}; periksa "
                             f"pemisah kolom ({_SEP_NAME[sep]}) dan tanda kutip (\")", int(m[2]) + h) from None
        m = re.search(r"EOF inside string starting at row (\d+)", text)
        if m:
            raise _ReadError("tanda kutip (\") dibuka di baris ini tetapi tidak pernah ditutup, sehingga sisa "
                             "berkas terbaca sebagai satu sel; tutup tanda kutipnya atau hapus",
                             int(m[1]) + 1 + h) from None
        raise _ReadError(f"berkas CSV tidak dapat dibaca ({_cut(text)}); simpan ulang dari Excel sebagai CSV") from None
    except pd.errors.EmptyDataError:
        raise _ReadError("berkas kosong: tidak ada baris judul maupun data") from None
    if h:
        df.index = df.index + h
    lines_in_file = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if lines_in_file > len(df) + 1 + h:  # some quoted cell spans lines: legit, or a quote never closed
        _check_unclosed_quote(df, sep)
    _check_mixed_separators(df, sep)
    df = _drop_empty_rows(df)
    df.attrs["baris_judul"] = h + 1
    return df


def _raise_too_many_fields(text: str, sep: str, h: int) -> None:
    """pandas warned that a row is longer than the header (it would drop the extra cells): name the row."""
    rows = csv.reader(_io.StringIO(text), delimiter=sep)
    width = None
    start = 1
    for i, cells in enumerate(rows):
        first_line, start = start, rows.line_num + 1
        if i < h:
            continue
        if width is None:
            width = len(cells)
        elif len(cells) > width:
            if rows.line_num > first_line and any("\n" in c for c in cells):
                raise _ReadError("tanda kutip (\") dibuka di baris ini tetapi tidak ditutup di baris yang sama, "
                                 f"sehingga baris {first_line}-{rows.line_num} terbaca sebagai satu baris; tutup "
                                 "tanda kutipnya atau hapus", first_line)
            raise _ReadError(f"baris ini punya {len(cells)} kolom, padahal baris judul punya {width}; periksa "
                             f"pemisah kolom ({_SEP_NAME[sep]}) dan tanda kutip (\")", rows.line_num)
    raise _ReadError(f"ada baris yang punya lebih banyak kolom daripada baris judul; periksa pemisah kolom "
                     f"({_SEP_NAME[sep]}) dan tanda kutip (\")")


def _check_unclosed_quote(df: pd.DataFrame, sep: str) -> None:
    """A cell spanning lines whose later lines look like whole rows: a quote opened and closed only
    rows later (the rows between were swallowed into one cell). One message naming the row."""
    need = max(len(df.columns) - 2, 1)
    starts = set(df.iloc[:, 0].astype(str).str.strip()) - {""}
    for j in range(len(df.columns)):
        col = df.iloc[:, j]
        multi = np.flatnonzero(col.str.contains("\n", regex=False).to_numpy(dtype=bool))
        for i in multi:
            rest = str(col.iat[i]).split("\n")[1:]
            if any(line.count(sep) >= need or (sep in line and line.split(sep)[0].strip() in starts)
                   for line in rest):
                raise _ReadError(f"tanda kutip (\") di kolom '{df.columns[j]}' dibuka di baris ini tetapi tidak ditutup "
                                 f"di baris yang sama, sehingga {len(rest)} baris berikutnya terbaca sebagai isi satu "
                                 "sel; tutup tanda kutipnya atau hapus", int(df.index[i]) + 2, str(df.columns[j]))


def _check_mixed_separators(df: pd.DataFrame, sep: str) -> None:
    """Rows whose whole content sits in the first cell, split by another separator: one message."""
    if len(df.columns) < 2 or not len(df):
        return
    rest_empty = np.flatnonzero(df.iloc[:, 1].to_numpy(dtype=object) == "")
    if not len(rest_empty):
        return
    first = df.iloc[rest_empty, 0].astype(str)
    need = len(df.columns) - 1
    for other in _SEPARATORS:
        if other == sep:
            continue
        hit = first.str.count(re.escape(other)).to_numpy() >= min(need, 2)
        if hit.any():
            rows = (df.index[rest_empty[hit]] + 2).tolist()
            shown = ", ".join(str(r) for r in rows[:5]) + (f" dan {len(rows) - 5} baris lain" if len(rows) > 5 else "")
            raise _ReadError(
                f"pemisah kolom bercampur: baris judul memakai {_SEP_NAME[sep]}, tetapi baris {shown} memakai "
                f"{_SEP_NAME[other]}; simpan ulang seluruh berkas dengan satu pemisah", rows[0])


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


# ----------------------------------------------------------------------------------------------
# Excel
# ----------------------------------------------------------------------------------------------

_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def merged_ranges(path: Path) -> dict[str, list[str]]:
    """Merged cell ranges (``A5:A9``) per sheet title, read from the workbook's XML (openpyxl's
    read-only mode does not expose them)."""
    out: dict[str, list[str]] = {}
    try:
        with zipfile.ZipFile(path) as z:
            wb = ElementTree.fromstring(z.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            target = {r.get("Id"): r.get("Target") for r in rels}
            names = set(z.namelist())
            for s in wb.iter():
                if not s.tag.endswith("}sheet"):
                    continue
                t = target.get(s.get(_NS_REL), "")
                t = t.lstrip("/") if t.startswith("/") else "xl/" + t
                if t not in names:
                    continue
                xml = z.read(t)
                found = re.findall(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\"", xml)
                if found:
                    out[s.get("name")] = [f.decode() for f in found]
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return out
    return out


def _range_rows_cols(ref: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    return r1, r2, c1, c2


def _merge_error(merges: list[str], header_row: int, header: list[str]) -> _ReadError | None:
    """One error naming every merged range at or below the header row."""
    hits = []
    for ref in merges:
        r1, r2, c1, c2 = _range_rows_cols(ref)
        if r2 >= header_row:
            hits.append((r1, c1, ref))
    if not hits:
        return None
    hits.sort()
    r1, c1, _ = hits[0]
    col = header[c1 - 1] if 0 < c1 <= len(header) else None
    shown = ", ".join(h[2] for h in hits[:10]) + (f" dan {len(hits) - 10} lainnya" if len(hits) > 10 else "")
    return _ReadError(f"sel digabung (merge) ditemukan: {shown}. Nilai sel gabungan hanya tersimpan di sel kiri "
                      "atasnya, sel lain terbaca kosong. Pisahkan gabungan sel (Unmerge) dan isi setiap sel",
                      r1, col)


_NUM_COLUMNS = frozenset(c.name for spec in schema.FILES.values() for c in spec.columns if c.kind == "num")


def _is_number(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))


def _sheet_frame(ws, merges: list[str] | None = None) -> pd.DataFrame:
    rows = ws.iter_rows(values_only=True)
    top: list[list[str]] = []
    top_raw: list[tuple] = []
    for row in rows:
        top.append([_cell_str(v).strip() for v in row])
        top_raw.append(row)
        if len(top) >= HEADER_SCAN_ROWS:
            break
    while top and not any(top[-1]) and len(top) < HEADER_SCAN_ROWS:
        top.pop()
    if not top or not any(any(r) for r in top):
        return pd.DataFrame()
    h = _find_header(top)
    header = list(top[h])
    while header and not header[-1]:
        header.pop()
    width = len(header)
    if not width:
        return pd.DataFrame()
    if merges:
        err = _merge_error(merges, h + 1, header)
        if err is not None:
            raise err
    header = [c or f"kolom_{i + 1}" for i, c in enumerate(header)]
    data, index = [], []
    num_pos = [j for j, c in enumerate(header) if _norm_header(c) in _NUM_COLUMNS]
    angka: list[list[bool]] = []  # per row, per num_pos: the cell held a real number (df.attrs[SEL_ANGKA])

    def add(i: int, cells: list[str], raw: tuple) -> None:
        if not any(c.strip() for c in cells):
            return
        cells = cells[:width] + [""] * (width - len(cells))
        data.append(cells)
        index.append(i - 1)  # sheet row i (0-based) is Excel row i + 1 = index + 2
        if num_pos:
            angka.append([j < len(raw) and _is_number(raw[j]) for j in num_pos])

    for i in range(h + 1, len(top)):
        add(i, top[i], top_raw[i])
    for i, row in enumerate(rows, start=len(top)):
        add(i, [_cell_str(v) for v in row[:width]], row)
    df = pd.DataFrame(data, columns=header, index=index, dtype=str) if data else \
        pd.DataFrame({c: pd.Series([], dtype=str) for c in header})
    df.attrs["baris_judul"] = h + 1
    if angka:
        mask = np.array(angka, dtype=bool).reshape(len(angka), len(num_pos))
        df.attrs[SEL_ANGKA] = {_norm_header(header[j]): mask[:, k] for k, j in enumerate(num_pos) if mask[:, k].any()}
    return df


def _open_workbook(path: Path):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError ...
        head = path.read_bytes()[:8] if path.exists() else b""
        if head.startswith(b"%PDF-"):
            raise _ReadError("berkas ini PDF, bukan Excel; data harus berupa tabel CSV atau Excel") from None
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise _ReadError("berkas ini Excel lama (.xls); buka di Excel lalu Simpan Sebagai .xlsx") from None
        raise _ReadError(f"berkas Excel tidak dapat dibuka ({type(exc).__name__}: {_cut(str(exc))}); "
                         "simpan ulang sebagai .xlsx") from None


def _sheet_is_empty(ws) -> bool:
    for row in ws.iter_rows(values_only=True, max_row=HEADER_SCAN_ROWS):
        if any(v is not None and str(v).strip() for v in row):
            return False
    return True


def read_table(path, sheet: str | None = None) -> pd.DataFrame:
    """Read one CSV file or one sheet of a workbook as raw strings (every column dtype str).

    No NA guessing: an empty cell is ''. The CSV encoding (UTF-8, UTF-8 with BOM, UTF-16 with BOM,
    Windows-1252) is decided per file and the delimiter (``,`` ``;`` tab ``|``) from the header
    row, which is looked for in the first 20 rows. Rows that are entirely empty are dropped; the
    index is the Excel row - 2 (so the Excel row is index + 2; ``df.attrs['baris_judul']`` is the
    header's row). Excel numbers are written as a CSV would hold them (``95``, ``87.5``); very large
    numbers keep their scientific form so a NIP stored as a number can be recognised.
    Raises InputError when the file cannot be read (one message per structural fault).
    """
    p = Path(path)
    try:
        if p.suffix.lower() in EXCEL_SUFFIXES:
            wb = _open_workbook(p)
            try:
                names = {_norm_header(n): n for n in wb.sheetnames}
                if sheet is None:
                    title = wb.sheetnames[0]
                else:
                    if _norm_header(sheet) not in names:
                        guess = closest_name(sheet)
                        hint = f"; mungkin maksudnya '{names.get(guess, guess)}'" if guess and guess in names else ""
                        raise _ReadError(f"lembar '{_cut(sheet)}' tidak ada di berkas ini{hint}; lembar yang ada: "
                                         + ", ".join(wb.sheetnames))
                    title = names[_norm_header(sheet)]
                return _sheet_frame(wb[title], merged_ranges(p).get(title))
            finally:
                wb.close()
        return _read_csv(p)
    except _ReadError as exc:
        raise InputError(exc.message, file=str(p), sheet=sheet, row=exc.row, column=exc.column) from None
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


def _folder_files(p: Path, errors: list[InputError]) -> dict[str, Path]:
    """The data files of a folder by schema name; unknown and duplicate names are errors."""
    by_name: dict[str, Path] = {}
    for f in sorted(p.iterdir()):
        if not f.is_file() or f.name.startswith((".", "~$")) or f.suffix.lower() not in CSV_SUFFIXES:
            continue
        key = _norm_header(f.stem)
        if key in IGNORED_NAMES:
            continue
        if key not in schema.FILES:
            if f.suffix.lower() == ".txt" and closest_name(f.stem) is None:
                continue  # notes such as README.txt
            errors.append(InputError(_unknown_name_message(f.name, sheet=False), file=str(f)))
            continue
        if key in by_name:
            errors.append(InputError(f"ada dua berkas untuk {key}: {by_name[key].name} dan {f.name}; sisakan satu",
                                     file=str(f)))
            continue
        by_name[key] = f
    return by_name


def read_files(paths) -> tuple[dict[str, pd.DataFrame], dict[str, tuple[str, str | None]], list[InputError]]:
    """Read files given one by one (``kinerja import``, an upload) with the same name rules as a
    workspace folder: ``(frames, sources, errors)``.

    ``paths``: paths, or ``(shown_name, path)`` pairs (an upload saved under a temporary name).
    A CSV must be named after a workspace file; every non-empty sheet of a workbook must be named
    after one (the ``petunjuk`` sheet and empty sheets are passed over). Unknown names are errors
    suggesting the closest name; the same file given twice is an error. Nothing is skipped silently.
    """
    frames: dict[str, pd.DataFrame] = {}
    sources: dict[str, tuple[str, str | None]] = {}
    errors: list[InputError] = []

    def add(name: str, df: pd.DataFrame, shown: str, sheet: str | None) -> None:
        if name in frames:
            first = sources[name]
            errors.append(InputError(f"{name} diberikan dua kali (juga di {first[0]}"
                                     + (f", lembar {first[1]}" if first[1] else "") + "); sisakan satu",
                                     file=shown, sheet=sheet))
            return
        frames[name], sources[name] = df, (shown, sheet)

    for item in paths:
        shown, p = (str(item[0]), Path(item[1])) if isinstance(item, tuple) else (str(item), Path(item))
        if not p.is_file():
            errors.append(InputError("berkas tidak ditemukan", file=shown))
            continue
        try:
            if p.suffix.lower() in EXCEL_SUFFIXES:
                wb = _open_workbook(p)
                try:
                    merges = merged_ranges(p)
                    used = 0
                    for title in wb.sheetnames:
                        key = _norm_header(title)
                        if key in schema.FILES:
                            used += 1
                            try:
                                add(key, _sheet_frame(wb[title], merges.get(title)), shown, title)
                            except _ReadError as exc:
                                errors.append(InputError(exc.message, file=shown, sheet=title, row=exc.row,
                                                         column=exc.column))
                        elif key not in IGNORED_NAMES and not _sheet_is_empty(wb[title]):
                            errors.append(InputError(_unknown_name_message(title, sheet=True), file=shown,
                                                     sheet=title))
                    if not used and not errors:
                        errors.append(InputError("tidak ada lembar bernama berkas workspace ("
                                                 + _known_list(True) + ")", file=shown))
                finally:
                    wb.close()
            else:
                key = _norm_header(Path(shown).stem)
                if key not in schema.FILES:
                    errors.append(InputError(_unknown_name_message(Path(shown).name, sheet=False), file=shown))
                    continue
                add(key, _read_csv(p), shown, None)
        except _ReadError as exc:
            errors.append(InputError(exc.message, file=shown, row=exc.row, column=exc.column))
        except OSError as exc:
            errors.append(InputError(f"berkas tidak dapat dibaca: {exc.strerror or exc}", file=shown))
    return frames, sources, errors


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
        by_name = _folder_files(p, errors)
        if by_name or (errors and _find_workbook(p) is None):
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
            merges = merged_ranges(book)
            sheets: dict[str, str] = {}
            for title in wb.sheetnames:
                key = _norm_header(title)
                if key in schema.FILES and key not in sheets:
                    sheets[key] = title
                elif key not in IGNORED_NAMES and not _sheet_is_empty(wb[title]):
                    errors.append(InputError(_unknown_name_message(title, sheet=True), file=str(book), sheet=title))
            for name in schema.FILES:
                sources[name] = (str(book), name)
                if name in sheets:
                    sources[name] = (str(book), sheets[name])
                    try:
                        frames[name] = _sheet_frame(wb[sheets[name]], merges.get(sheets[name]))
                    except _ReadError as exc:
                        errors.append(InputError(exc.message, file=str(book), sheet=sheets[name], row=exc.row,
                                                 column=exc.column))
                        unreadable.append(name)
        finally:
            wb.close()
    return _validate(frames, sources, None, max_errors=max_errors, pre_errors=errors,
                     unreadable=unreadable, path=folder)

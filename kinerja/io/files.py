"""Reading, validating and writing a workspace (the files described in :mod:`kinerja.domain.schema`).

A workspace is a folder of CSV files (``pegawai.csv``, ``skp.csv`` ...), a folder holding one
``.xlsx`` workbook, or an ``.xlsx`` path, with one sheet per file name.

Loading is all-or-nothing: :func:`load_workspace` either returns a fully typed and cross-checked
:class:`Workspace` or raises :class:`kinerja.errors.ValidationErrors` listing every problem found
(file, sheet, Excel-style row, column, Indonesian message). Nothing is partially loaded.

How validation is organised (so it stays fast and easy to extend):

* Every cell is read as a string (:func:`read_table`).
* Each column is converted by the converter of its ``Column.kind`` (see ``KINDS``). Converters work
  on the *unique* values of a column (``pd.factorize``), so a 1,000,000-row file with 100,000
  distinct NIPs checks 100,000 NIPs, and string work is vectorised. Python loops run only over
  unique values that need per-value handling (periode, rating) or over the bad rows when reporting.
* Files are driven by ``schema.FILES``: registering a new ``FileSpec`` there is enough for it to be
  read, type-checked, key-checked and put into ``Workspace.extra``.
* Checks across files are the functions in ``CROSS_CHECKS``; each receives a :class:`_Context`
  and reports through it. Add a function to extend them.
* Per-file normalisation after validation (e.g. filling ``skp.arah``) lives in ``POST_PROCESS``.
"""

from __future__ import annotations

import datetime as _dt
import io as _io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from kinerja.domain import labels
from kinerja.domain import schema
from kinerja.errors import InputError, ValidationErrors
from kinerja.domain.angka import parse_numbers
from kinerja.domain.nip import nip_problems
from kinerja.domain.periode import PeriodeError, normalise_periode

CORE_FILES = ("pegawai", "skp", "realisasi", "perilaku", "penilaian", "organisasi")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
WORKBOOK_NAME = "kinerja.xlsx"


# ----------------------------------------------------------------------------------------------
# Workspace
# ----------------------------------------------------------------------------------------------

@dataclass
class Workspace:
    """A validated workspace: one typed DataFrame per file of ``schema.FILES``.

    Every schema column exists in every frame (optional columns absent from the input are empty).
    Files registered in ``schema.FILES`` beyond the six core ones are in ``extra``.
    """

    pegawai: pd.DataFrame
    skp: pd.DataFrame
    realisasi: pd.DataFrame
    perilaku: pd.DataFrame
    penilaian: pd.DataFrame
    organisasi: pd.DataFrame
    path: Path | None = None
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """All frames by file name: the core files first, then ``extra``."""
        out = {name: getattr(self, name) for name in CORE_FILES}
        out.update(self.extra)
        return out

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in CORE_FILES:
            return getattr(self, name)
        if name in self.extra:
            return self.extra[name]
        spec = schema.FILES.get(name)
        if spec is None:
            raise KeyError(name)
        return _empty_frame(spec)


def _workspace_from(tables: dict[str, pd.DataFrame], path: Path | None) -> Workspace:
    core = {name: tables[name] for name in CORE_FILES}
    extra = {name: df for name, df in tables.items() if name not in CORE_FILES}
    return Workspace(**core, path=path, extra=extra)


def empty_workspace() -> Workspace:
    """A valid workspace with no rows (every schema column present, typed)."""
    return _workspace_from({name: _empty_frame(spec) for name, spec in schema.FILES.items()}, None)


# ----------------------------------------------------------------------------------------------
# Column typing
# ----------------------------------------------------------------------------------------------

def _typed(kind: str, values, nullable: bool = True) -> pd.Series:
    """The final Series for a column of ``kind`` (one place decides dtypes)."""
    if kind == "num":
        return pd.Series(values, dtype="float64")
    if kind == "tahun":
        s = pd.Series(values, dtype="float64")
        return s.astype("Int64" if nullable else "int64")
    return pd.Series(values, dtype=str)


def _empty_frame(spec: schema.FileSpec) -> pd.DataFrame:
    return pd.DataFrame({c.name: _typed(c.kind, [], c.nullable) for c in spec.columns})


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


# A converter takes the non-empty, stripped unique values of a column (a str Series with a
# RangeIndex) and its Column, and returns (values, errors): two sequences of the same length;
# errors holds an Indonesian message for each bad value, None for good ones.
Converter = Callable[[pd.Series, schema.Column], tuple[Iterable, Iterable]]

_NIP_SCI = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE]\+?\d+$")


def _conv_text(u: pd.Series, col: schema.Column):
    return u.to_numpy(dtype=object), [None] * len(u)


def _conv_nip(u: pd.Series, col: schema.Column):
    sci = u.str.fullmatch(_NIP_SCI.pattern).to_numpy(dtype=bool)
    n = u.str.replace(r"\.0+$", "", regex=True).str.replace(r"[\s.\-]", "", regex=True)
    probs = nip_problems(n).to_numpy(dtype=object).copy()
    urut0 = (n.str.fullmatch(r"\d{15}000").to_numpy(dtype=bool)) & pd.isna(probs)
    for i in np.flatnonzero(sci | urut0):
        if sci[i]:
            probs[i] = (f"NIP '{u.iat[i]}' tersimpan sebagai angka sehingga digit di belakang digit ke-15 "
                        "hilang; simpan NIP sebagai teks (format sel Teks, atau awali dengan tanda petik ')")
        else:
            probs[i] = (f"NIP '{u.iat[i]}': nomor urut 000 tidak mungkin; kemungkinan NIP tersimpan sebagai "
                        "angka di Excel sehingga 3 digit terakhir hilang. Simpan NIP sebagai teks")
    vals = n.to_numpy(dtype=object).copy()
    vals[~pd.isna(probs)] = np.nan
    return vals, probs


def _conv_num(u: pd.Series, col: schema.Column):
    vals = parse_numbers(u)
    errs = np.full(len(u), None, dtype=object)
    bad = np.isnan(vals)
    for i in np.flatnonzero(bad):
        errs[i] = f"nilai '{u.iat[i]}' bukan angka"
    if col.positive:
        for i in np.flatnonzero(~bad & (vals <= 0)):
            errs[i] = f"nilai '{u.iat[i]}' harus lebih besar dari 0"
    elif col.nonnegative:
        for i in np.flatnonzero(~bad & (vals < 0)):
            errs[i] = f"nilai '{u.iat[i]}' tidak boleh negatif"
    vals[~pd.isna(errs)] = np.nan
    return vals, errs


def _conv_tahun(u: pd.Series, col: schema.Column):
    t = u.str.replace(r"\.0+$", "", regex=True)
    ok = t.str.fullmatch(r"\d{4}").to_numpy(dtype=bool).copy()
    vals = np.full(len(u), np.nan)
    vals[ok] = t[ok].astype("int64").to_numpy()
    ok &= (vals >= 1900) & (vals <= 2999)
    vals[~ok] = np.nan
    errs = np.full(len(u), None, dtype=object)
    for i in np.flatnonzero(~ok):
        errs[i] = f"tahun '{u.iat[i]}' tidak valid; tulis empat angka, misalnya 2026"
    return vals, errs


def _per_value(fn: Callable[[str], str]) -> Converter:
    """A converter that calls ``fn`` on each unique value; ``fn`` raises ValueError with the message."""

    def conv(u: pd.Series, col: schema.Column):
        vals, errs = [], []
        for v in u:
            try:
                vals.append(fn(v))
                errs.append(None)
            except ValueError as exc:  # PeriodeError is a ValueError
                vals.append(np.nan)
                errs.append(str(exc))
        return vals, errs

    return conv


def _conv_enum(u: pd.Series, col: schema.Column):
    table = {_key(c): c for c in col.choices}
    keys = u.map(_key)
    vals = keys.map(table).to_numpy(dtype=object)
    errs = np.full(len(u), None, dtype=object)
    for i in np.flatnonzero(pd.isna(vals)):
        errs[i] = f"nilai '{u.iat[i]}' tidak dikenal; pilih salah satu dari: {', '.join(col.choices)}"
    return vals, errs


KINDS: dict[str, Converter] = {
    "text": _conv_text,
    "nip": _conv_nip,
    "num": _conv_num,
    "tahun": _conv_tahun,
    "periode": _per_value(normalise_periode),
    "enum": _conv_enum,
    "rating": _per_value(labels.rating_code),
    "predikat": _per_value(labels.predikat_label),
    "capaian": _per_value(labels.capaian_organisasi_label),
}
"""Converters by ``Column.kind``. Add an entry to support a new kind."""

COLUMN_CONVERTERS: dict[tuple[str, str], Converter] = {
    ("perilaku", "aspek"): _per_value(labels.aspek_perilaku_code),
}
"""Converters for one (file, column) that override its kind's converter."""

CACHED = {_conv_nip}
"""Converters whose result depends only on the value (not the Column): results are reused across
columns and files within one validation, since the same NIPs appear in every file."""


def _cell_str(v) -> str:
    """A raw cell value (from Excel or a form) as the string a CSV would hold."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        if v != v:
            return ""
        if float(v).is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(float(v))
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if v is pd.NA or v is pd.NaT:
        return ""
    return str(v)


# ----------------------------------------------------------------------------------------------
# Error collection
# ----------------------------------------------------------------------------------------------

class _Full(Exception):
    """Raised internally when max_errors is exceeded."""


class _Context:
    """Collects errors; holds the typed tables (for cross-file checks) and their row numbers."""

    def __init__(self, max_errors: int):
        self.max_errors = max_errors
        self.errors: list[InputError] = []
        self.truncated = False
        self.tables: dict[str, pd.DataFrame] = {}
        self.rows: dict[str, np.ndarray] = {}            # Excel row of each table row
        self.sources: dict[str, tuple[str, str | None]] = {}
        self.cache: dict = {}                              # converter -> (uniques, values, errors)

    def add(self, err: InputError) -> None:
        if len(self.errors) >= self.max_errors:
            self.truncated = True
            raise _Full
        self.errors.append(err)

    def error(self, name: str, message: str, row: int | None = None, column: str | None = None) -> None:
        file, sheet = self.sources.get(name, (f"{name}.csv", None))
        self.add(InputError(message, file=file, sheet=sheet, row=row, column=column))

    def report(self, name: str, positions: np.ndarray, column: str | None,
               message: Callable[[int], str]) -> None:
        """Report one error per bad row; ``positions`` are row positions in ``tables[name]``."""
        rows = self.rows[name]
        for p in positions:
            self.error(name, message(int(p)), int(rows[p]), column)

    def has(self, *names: str) -> bool:
        return all(n in self.tables for n in names)


# ----------------------------------------------------------------------------------------------
# Per-file validation
# ----------------------------------------------------------------------------------------------

def _norm_header(h) -> str:
    return re.sub(r"[\s\-]+", "_", str(h).replace("\ufeff", "").strip().lower())


def _raw_strings(arr: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, stripped unique strings) of a raw column; NaN/None count as ''."""
    codes, uniq = pd.factorize(arr, use_na_sentinel=True)
    if pd.api.types.is_string_dtype(uniq.dtype) and uniq.inferred_type in ("string", "empty"):
        u = pd.Series(uniq, dtype=str).str.strip()
    else:
        u = pd.Series([_cell_str(v) for v in uniq], dtype=str).str.strip()
    if (codes < 0).any():
        codes = np.where(codes < 0, len(u), codes)
        u = pd.concat([u, pd.Series([""], dtype=str)], ignore_index=True)
    return codes, u.reset_index(drop=True)


def _check_column(ctx: _Context, name: str, col: schema.Column, arr: pd.Series) -> pd.Series:
    codes, u = _raw_strings(arr)
    empty = (u == "").to_numpy(dtype=bool)
    conv = COLUMN_CONVERTERS.get((name, col.name)) or KINDS.get(col.kind, _conv_text)
    nonempty = np.flatnonzero(~empty)
    uvals = np.full(len(u), np.nan, dtype=object)
    uerrs = np.full(len(u), None, dtype=object)
    if len(nonempty):
        todo = u.iloc[nonempty].reset_index(drop=True)
        cache = ctx.cache.get(conv) if conv in CACHED else None
        if cache is not None and len(cache[0]):
            # values already converted in an earlier column (NIPs repeat across files)
            where = cache[0].get_indexer(todo)
            hit = where >= 0
            uvals[nonempty[hit]] = cache[1][where[hit]]
            uerrs[nonempty[hit]] = cache[2][where[hit]]
            nonempty, todo = nonempty[~hit], todo[~hit].reset_index(drop=True)
        if len(todo):
            vals, errs = conv(todo, col)
            vals, errs = np.asarray(vals, dtype=object), np.asarray(errs, dtype=object)
            uvals[nonempty] = vals
            uerrs[nonempty] = errs
            if conv in CACHED:
                old = ctx.cache.get(conv)
                ctx.cache[conv] = (pd.Index(todo), vals, errs) if old is None else (
                    old[0].append(pd.Index(todo)), np.concatenate([old[1], vals]),
                    np.concatenate([old[2], errs]))
    if not col.nullable:
        uerrs[empty] = f"sel kosong; kolom '{col.name}' wajib diisi"
    bad_u = np.not_equal(uerrs, None)
    if bad_u.any():
        uvals[bad_u] = np.nan
        bad_rows = np.flatnonzero(bad_u[codes])
        ctx.report(name, bad_rows, col.name, lambda p: uerrs[codes[p]])
    if col.kind in ("num", "tahun"):
        return pd.Series(uvals.astype("float64")[codes])
    return pd.Series(uvals[codes], dtype=object)


def _group_codes(columns: list[pd.Series]) -> np.ndarray:
    """One int64 code per row identifying the combination of values (NaN counts as a value)."""
    key = np.zeros(len(columns[0]) if columns else 0, dtype="int64")
    for s in columns:
        c, u = pd.factorize(s, use_na_sentinel=False)
        key, _ = pd.factorize(key * (len(u) + 1) + c)
        key = key.astype("int64")
    return key


def _membership(left: list[pd.Series], right: list[pd.Series]) -> np.ndarray:
    """Boolean per left row: does its combination of values occur among the right rows?"""
    n = len(left[0])
    both = [pd.concat([a, b], ignore_index=True) for a, b in zip(left, right)]
    key = _group_codes(both)
    return np.isin(key[:n], key[n:])


def _check_keys(ctx: _Context, name: str, spec: schema.FileSpec, df: pd.DataFrame) -> None:
    if not spec.key or not all(k in df.columns for k in spec.key):
        return
    cols = [df[k] for k in spec.key]
    complete = np.logical_and.reduce([s.notna().to_numpy() for s in cols])
    key = _group_codes(cols)
    key = np.where(complete, key, -1 - np.arange(len(key)))  # incomplete keys never collide
    dup = pd.Series(key).duplicated(keep="first").to_numpy()
    if not dup.any():
        return
    first_pos = pd.Series(np.arange(len(key))).groupby(key).transform("first").to_numpy()
    rows = ctx.rows[name]
    label = ", ".join(spec.key)
    ctx.report(name, np.flatnonzero(dup), label,
               lambda p: f"duplikat: kombinasi {label} sama dengan baris {rows[first_pos[p]]}")


def _check_file(ctx: _Context, spec: schema.FileSpec, raw: pd.DataFrame) -> pd.DataFrame | None:
    """Type-check one raw frame. Returns the typed frame, or None when it is unusable."""
    name = spec.name
    if pd.api.types.is_integer_dtype(raw.index.dtype) and len(raw):
        ctx.rows[name] = raw.index.to_numpy(dtype="int64") + 2
    else:
        ctx.rows[name] = np.arange(len(raw), dtype="int64") + 2
    raw = raw.reset_index(drop=True)
    headers = [_norm_header(h) for h in raw.columns]
    seen: set[str] = set()
    keep = []
    known = set(spec.column_names)
    for i, h in enumerate(headers):
        base = re.sub(r"\.\d+$", "", h)
        if h in seen or (base != h and base in known and base in headers):
            ctx.error(name, f"kolom '{base}' muncul lebih dari sekali di baris judul", 1, base)
            continue
        seen.add(h)
        keep.append(i)
    raw = raw.iloc[:, keep]
    raw.columns = [headers[i] for i in keep]

    usable = True
    for c in spec.columns:
        if c.required and c.name not in raw.columns:
            ctx.error(name, f"kolom wajib '{c.name}' tidak ada di baris judul ({c.doc or c.name})", 1, c.name)
            usable = False
    out = {}
    for c in spec.columns:
        if c.name in raw.columns:
            out[c.name] = _check_column(ctx, name, c, raw[c.name])
        else:
            out[c.name] = pd.Series(np.nan, index=range(len(raw)),
                                    dtype="float64" if c.kind in ("num", "tahun") else object)
    df = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    _check_keys(ctx, name, spec, df)
    return df if usable else None


# ----------------------------------------------------------------------------------------------
# Cross-file checks
# ----------------------------------------------------------------------------------------------

def _check_nip_terdaftar(ctx: _Context) -> None:
    """Every file with a ``nip`` column (except pegawai) refers to a pegawai."""
    if not ctx.has("pegawai"):
        return
    known = ctx.tables["pegawai"]["nip"]
    for name, df in ctx.tables.items():
        if name == "pegawai" or "nip" not in df.columns or not len(df):
            continue
        nip = df["nip"]
        bad = np.flatnonzero(nip.notna().to_numpy() & ~nip.isin(known.dropna()).to_numpy())
        ctx.report(name, bad, "nip", lambda p: f"NIP {nip.iat[p]} tidak terdaftar di berkas pegawai")


def _check_atasan(ctx: _Context) -> None:
    """``nip_atasan`` refers to a pegawai."""
    if not ctx.has("pegawai"):
        return
    peg = ctx.tables["pegawai"]
    at = peg["nip_atasan"]
    bad = np.flatnonzero(at.notna().to_numpy() & ~at.isin(peg["nip"].dropna()).to_numpy())
    ctx.report("pegawai", bad, "nip_atasan",
               lambda p: f"NIP atasan {at.iat[p]} tidak terdaftar sebagai pegawai")


def _check_siklus_penilai(ctx: _Context) -> None:
    """The penilai chain (nip -> nip_atasan) has no cycle.

    Vectorised: each pegawai points to its atasan (or to a sink). After repeated squaring of the
    pointer array, every pegawai points into a cycle or the sink; cycle members are those pegawai.
    """
    if not ctx.has("pegawai"):
        return
    peg = ctx.tables["pegawai"]
    valid = peg["nip"].notna().to_numpy()
    nips = peg["nip"][valid].reset_index(drop=True)
    pos = np.flatnonzero(valid)
    n = len(nips)
    if n == 0:
        return
    idx = pd.Index(nips)
    if not idx.is_unique:  # duplicates were reported; use the first row of each nip
        keep = ~nips.duplicated().to_numpy()
        nips, pos = nips[keep].reset_index(drop=True), pos[keep]
        idx, n = pd.Index(nips), int(keep.sum())
    target = idx.get_indexer(peg["nip_atasan"].iloc[pos])
    nxt = np.where(target < 0, n, target).astype("int64")
    nxt = np.append(nxt, n)  # the sink points to itself
    jump = nxt.copy()
    steps = 1
    while steps <= n:
        jump = jump[jump]
        steps *= 2
    on_cycle = np.zeros(n + 1, dtype=bool)
    on_cycle[np.unique(jump)] = True
    on_cycle[n] = False
    done = np.zeros(n + 1, dtype=bool)
    for start in np.flatnonzero(on_cycle):
        if done[start]:
            continue
        members = [start]
        done[start] = True
        cur = nxt[start]
        while cur != start:
            members.append(cur)
            done[cur] = True
            cur = nxt[cur]
        first = min(members, key=lambda m: pos[m])
        k = members.index(first)
        members = members[k:] + members[:k]
        chain = " → ".join(str(nips.iat[m]) for m in members + [members[0]])
        msg = (f"NIP {nips.iat[first]} menjadi atasannya sendiri" if len(members) == 1 else
               f"rantai pejabat penilai berputar: {chain}; pimpinan tertinggi harus punya nip_atasan kosong")
        ctx.report("pegawai", np.array([pos[first]]), "nip_atasan", lambda p: msg)


def _tahun_of(periode: pd.Series) -> pd.Series:
    """The year (float, NaN when unknown) of canonical periode kode strings."""
    codes, uniq = pd.factorize(periode)  # few distinct periode: work on those
    years = pd.to_numeric(pd.Series(uniq, dtype=object).str.slice(0, 4), errors="coerce").to_numpy()
    return pd.Series(np.where(codes >= 0, np.append(years, np.nan)[codes], np.nan), index=periode.index)


def _check_realisasi_di_skp(ctx: _Context) -> None:
    """Each realisasi row names an indikator (nip, rhk_id, iki_id) in the SKP of its year."""
    if not ctx.has("realisasi", "skp"):
        return
    real, skp = ctx.tables["realisasi"], ctx.tables["skp"]
    if not len(real):
        return
    tahun = _tahun_of(real["periode"])
    cols = ["nip", "rhk_id", "iki_id"]
    complete = tahun.notna().to_numpy() & np.logical_and.reduce([real[c].notna().to_numpy() for c in cols])
    found = _membership([tahun] + [real[c] for c in cols],
                        [skp["periode"].astype("float64")] + [skp[c] for c in cols])
    bad = np.flatnonzero(complete & ~found)
    ctx.report("realisasi", bad, "iki_id", lambda p: (
        f"indikator {real['rhk_id'].iat[p]} / {real['iki_id'].iat[p]} milik NIP {real['nip'].iat[p]} "
        f"tidak ada di SKP tahun {int(tahun.iat[p])}"))


def _check_rhk_atasan(ctx: _Context) -> None:
    """``skp.rhk_atasan`` is an rhk_id in the SKP of the pegawai's atasan, same year."""
    if not ctx.has("skp", "pegawai"):
        return
    skp, peg = ctx.tables["skp"], ctx.tables["pegawai"]
    has = np.flatnonzero(skp["rhk_atasan"].notna().to_numpy() & skp["nip"].notna().to_numpy()
                         & skp["periode"].notna().to_numpy())
    if not len(has):
        return
    sub = skp.iloc[has]
    atasan_of = peg.dropna(subset=["nip"]).drop_duplicates("nip").set_index("nip")["nip_atasan"]
    atasan = sub["nip"].map(atasan_of).reset_index(drop=True)
    periode = sub["periode"].astype("float64").reset_index(drop=True)
    found = _membership([periode, atasan, sub["rhk_atasan"].reset_index(drop=True)],
                        [skp["periode"].astype("float64"), skp["nip"], skp["rhk_id"]])
    known_nip = sub["nip"].isin(atasan_of.index).to_numpy()
    no_atasan = known_nip & atasan.isna().to_numpy()
    bad = known_nip & ~found
    for i in np.flatnonzero(bad):
        p = has[i]
        if no_atasan[i]:
            msg = (f"rhk_atasan '{sub['rhk_atasan'].iat[i]}' diisi, padahal pegawai {sub['nip'].iat[i]} "
                   "tidak punya atasan (nip_atasan kosong)")
        else:
            msg = (f"rhk_atasan '{sub['rhk_atasan'].iat[i]}' tidak ada di SKP atasan "
                   f"(NIP {atasan.iat[i]}) tahun {int(periode.iat[i])}")
        ctx.report("skp", np.array([p]), "rhk_atasan", lambda _p, m=msg: m)


def _check_unit_organisasi(ctx: _Context) -> None:
    """Each organisasi ``unit`` is the unit of at least one pegawai."""
    if not ctx.has("organisasi", "pegawai"):
        return
    org = ctx.tables["organisasi"]
    unit = org["unit"]
    bad = np.flatnonzero(unit.notna().to_numpy() & ~unit.isin(ctx.tables["pegawai"]["unit"].dropna()).to_numpy())
    ctx.report("organisasi", bad, "unit",
               lambda p: f"unit '{unit.iat[p]}' tidak dipakai oleh pegawai mana pun (periksa ejaannya)")


CROSS_CHECKS: list[Callable[[_Context], None]] = [
    _check_nip_terdaftar,
    _check_atasan,
    _check_siklus_penilai,
    _check_realisasi_di_skp,
    _check_rhk_atasan,
    _check_unit_organisasi,
]
"""Checks across files, run in order after every file was type-checked. Each uses ``ctx.tables``
(typed frames, NaN where a cell was bad; files with missing required columns are absent) and
reports through ``ctx.report`` / ``ctx.error``."""


# ----------------------------------------------------------------------------------------------
# Post-processing of valid frames
# ----------------------------------------------------------------------------------------------

def _fill_arah(df: pd.DataFrame) -> pd.DataFrame:
    """Empty ``arah``: turun for waktu/biaya, naik otherwise (PermenPANRB 6/2022 capaian rules)."""
    if "arah" in df.columns:
        default = np.where(df["aspek"].isin(["waktu", "biaya"]).to_numpy(), "turun", "naik")
        df["arah"] = df["arah"].where(df["arah"].notna(), pd.Series(default, index=df.index))
    return df


POST_PROCESS: dict[str, list[Callable[[pd.DataFrame], pd.DataFrame]]] = {"skp": [_fill_arah]}


def _finish(spec: schema.FileSpec, df: pd.DataFrame) -> pd.DataFrame:
    for fn in POST_PROCESS.get(spec.name, []):
        df = fn(df)
    return pd.DataFrame({c.name: _typed(c.kind, df[c.name].to_numpy(), c.nullable) for c in spec.columns})


# ----------------------------------------------------------------------------------------------
# Validate
# ----------------------------------------------------------------------------------------------

def validate_frames(frames: dict[str, pd.DataFrame], sources: dict[str, tuple[str, str | None]],
                    base: Workspace | None = None, *, max_errors: int = 200) -> Workspace:
    """Type-check and cross-check raw string frames; return a Workspace or raise ValidationErrors.

    ``frames``: raw frames by file name (as :func:`read_table` returns them; the index is the
    0-based data row, so the Excel row is index + 2). ``sources``: file name -> (path shown to the
    user, sheet or None); may also name files not in ``frames`` to say where they were looked for.
    ``base``: a valid Workspace that supplies the files not in ``frames``.
    """
    return _validate(frames, sources, base, max_errors=max_errors)


def _validate(frames, sources, base, *, max_errors: int, pre_errors: Iterable[InputError] = (),
              unreadable: Iterable[str] = (), path: Path | None = None) -> Workspace:
    ctx = _Context(max_errors)
    ctx.sources = {k: (str(v[0]), v[1]) for k, v in sources.items()}
    frames = {_norm_header(k): v for k, v in frames.items()}
    unreadable = set(unreadable)
    typed: dict[str, pd.DataFrame] = {}
    try:
        for e in pre_errors:
            ctx.add(e)
        for name, spec in schema.FILES.items():
            if name in frames:
                df = _check_file(ctx, spec, frames[name])
                if df is not None:
                    typed[name] = df
            elif name in unreadable:
                continue
            elif base is not None:
                typed[name] = base[name].reset_index(drop=True)
                ctx.rows[name] = np.arange(len(typed[name]), dtype="int64") + 2
            elif spec.required:
                file, sheet = ctx.sources.get(name, (f"{name}.csv", None))
                where = f"lembar '{name}'" if sheet else f"berkas {name}.csv"
                ctx.add(InputError(f"{where} wajib ada tetapi tidak ditemukan ({spec.doc})",
                                   file=file, sheet=sheet))
            else:
                typed[name] = _empty_frame(spec)
                ctx.rows[name] = np.zeros(0, dtype="int64")
        ctx.tables = typed
        for check in CROSS_CHECKS:
            check(ctx)
    except _Full:
        pass
    if ctx.errors:
        raise ValidationErrors(ctx.errors, truncated=ctx.truncated)
    out = {name: _finish(spec, typed[name]) for name, spec in schema.FILES.items()}
    return _workspace_from(out, path if path is not None else (base.path if base is not None else None))


# ----------------------------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------------------------

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


# ----------------------------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------------------------

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


# ---- issue 6 (360 feedback and IKM files): their checks live in kinerja.io.survei ----
from kinerja.io import survei as _survei_io  # noqa: E402

_survei_io.register(CROSS_CHECKS, COLUMN_CONVERTERS)

"""Validation: raw string frames -> a typed, cross-checked :class:`~kinerja.io.workspace.Workspace`.

* Every cell is read as a string (:func:`kinerja.io.read.read_table`).
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

import re
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from kinerja.domain import schema
from kinerja.domain.nip import BENTUK_NOMOR, jenis_pegawai_dari_nomor
from kinerja.errors import InputError, ValidationErrors
from kinerja.io.convert import (CACHED, COLUMN_CONVERTERS, KINDS, NUMBER_CONVERTERS, SEL_ANGKA, _cell_str,
                                _conv_text)
from kinerja.io.workspace import Workspace, _empty_frame, _norm_header, _typed, _workspace_from


# ----------------------------------------------------------------------------------------------
# Error collection
# ----------------------------------------------------------------------------------------------

MAX_VALUE_CHARS = 80
"""A value quoted in a message is cut to this many characters (a 50 MB cell stays a short line)."""
_QUOTED = re.compile(r"'([^']*)'", re.S)


def cut_values(message: str) -> str:
    """Cut every quoted value longer than MAX_VALUE_CHARS in a message (``'aaaa…'``), and the message
    itself to a few lines' length."""
    if len(message) <= MAX_VALUE_CHARS:
        return message
    message = _QUOTED.sub(lambda m: m[0] if len(m[1]) <= MAX_VALUE_CHARS
                          else "'" + m[1][: MAX_VALUE_CHARS - 1] + "…'", message)
    return message if len(message) <= 1000 else message[:999] + "…"


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
        self.kosong: set[str] = set()                      # files with a header only, referred to by others
        self.warnings: list[InputError] = []               # not errors: the data loads (Workspace.peringatan)

    def add(self, err: InputError) -> None:
        if len(self.errors) >= self.max_errors:
            self.truncated = True
            raise _Full
        err.message = cut_values(err.message)
        self.errors.append(err)

    def error(self, name: str, message: str, row: int | None = None, column: str | None = None) -> None:
        file, sheet = self.sources.get(name, (f"{name}.csv", None))
        self.add(InputError(message, file=file, sheet=sheet, row=row, column=column))

    def warn(self, name: str, message: str, row: int | None = None, column: str | None = None) -> None:
        file, sheet = self.sources.get(name, (f"{name}.csv", None))
        self.warnings.append(InputError(cut_values(message), file=file, sheet=sheet, row=row, column=column))

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

def _raw_strings(arr: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, stripped unique strings) of a raw column; NaN/None count as ''. ONE leading apostrophe
    (the text mark of :mod:`kinerja.io.write` and of Excel users) is removed after stripping."""
    codes, uniq = pd.factorize(arr, use_na_sentinel=True)
    if pd.api.types.is_string_dtype(uniq.dtype) and uniq.inferred_type in ("string", "empty"):
        u = pd.Series(uniq, dtype=str).str.strip()
    else:
        u = pd.Series([_cell_str(v) for v in uniq], dtype=str).str.strip()
    if (codes < 0).any():
        codes = np.where(codes < 0, len(u), codes)
        u = pd.concat([u, pd.Series([""], dtype=str)], ignore_index=True)
    u = u.reset_index(drop=True)
    marked = u.str.startswith("'").to_numpy(dtype=bool) if "'" in "".join(u.to_numpy(dtype=object)) \
        else np.zeros(0, dtype=bool)
    if marked.any():  # a leading apostrophe marks text (Excel's habit, and kinerja's export): drop one
        u = u.copy()
        u[marked] = u[marked].str.slice(1)
    return codes, u


MAX_WARNINGS_PER_COLUMN = 20
"""At most this many number warnings are listed per column (then one line counts the rest)."""


def _check_column(ctx: _Context, name: str, col: schema.Column, arr: pd.Series,
                  angka: np.ndarray | None = None) -> pd.Series:
    """``angka``: bool per row, True where the cell held a real number (see convert.SEL_ANGKA)."""
    codes, u = _raw_strings(arr)
    conv = COLUMN_CONVERTERS.get((name, col.name)) or KINDS.get(col.kind, _conv_text)
    uangka = None
    if conv in NUMBER_CONVERTERS and angka is not None and angka.any():
        # a real number and a text with the same characters are different values: split them
        codes, keep = pd.factorize(np.where(angka, codes + len(u), codes))
        uangka = keep >= len(u)
        u = pd.concat([u, u], ignore_index=True).iloc[keep].reset_index(drop=True)
    empty = (u == "").to_numpy(dtype=bool)
    nonempty = np.flatnonzero(~empty)
    uvals = np.full(len(u), np.nan, dtype=object)
    uerrs = np.full(len(u), None, dtype=object)
    uwarn = None
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
            if conv in NUMBER_CONVERTERS:
                vals, errs, warns = conv(todo, col, angka=None if uangka is None else uangka[nonempty])
                uwarn = np.full(len(u), None, dtype=object)
                uwarn[nonempty] = np.asarray(warns, dtype=object)
            else:
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
    if uwarn is not None:
        _warn_column(ctx, name, col.name, codes, np.flatnonzero(np.not_equal(uwarn, None) & ~bad_u), uwarn)
    if col.kind in ("num", "tahun"):
        return pd.Series(uvals.astype("float64")[codes])
    return pd.Series(uvals[codes], dtype=object)


def _warn_column(ctx: _Context, name: str, column: str, codes: np.ndarray, warned: np.ndarray,
                 uwarn: np.ndarray) -> None:
    """One warning per distinct warned value, at its first row (saying how many rows share it)."""
    if not len(warned):
        return
    _, first, count = np.unique(codes, return_index=True, return_counts=True)
    warned = warned[np.argsort(first[warned], kind="stable")]
    rows = ctx.rows[name]
    for k in warned[:MAX_WARNINGS_PER_COLUMN]:
        more = f" (nilai yang sama juga ada di {count[k] - 1} baris lain)" if count[k] > 1 else ""
        ctx.warn(name, uwarn[k] + more, int(rows[first[k]]), column)
    rest = warned[MAX_WARNINGS_PER_COLUMN:]
    if len(rest):
        ctx.warn(name, f"dan {len(rest)} nilai ragu lain di kolom ini, mulai baris ini, dibaca dengan cara yang sama",
                 int(rows[first[rest[0]]]), column)


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
    hdr = int(raw.attrs.get("baris_judul", 1))
    sel_angka = raw.attrs.get(SEL_ANGKA) or {}
    stored = raw.index.to_numpy() < 0 if pd.api.types.is_integer_dtype(raw.index.dtype) else None
    if stored is not None and not stored.any():
        stored = None
    if not len(raw.columns):
        where = "lembar" if ctx.sources.get(name, ("", None))[1] else "berkas"
        ctx.error(name, f"{where} kosong: tidak ada baris judul maupun data")
        return None
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
            ctx.error(name, f"kolom '{base}' muncul lebih dari sekali di baris judul", hdr, base)
            continue
        seen.add(h)
        keep.append(i)
    raw = raw.iloc[:, keep]
    raw.columns = [headers[i] for i in keep]

    usable = True
    if not any(c.name in raw.columns for c in spec.columns):
        shown = ", ".join(str(c) for c in list(raw.columns)[:8])
        ctx.error(name, f"baris judul tidak ditemukan: tidak ada nama kolom yang dikenal di 20 baris pertama "
                        f"(baris {hdr} berisi: {shown}); baris judul harus memuat kolom "
                        + ", ".join(c.name for c in spec.columns if c.required), hdr)
        return None
    for c in spec.columns:
        if c.required and c.name not in raw.columns:
            ctx.error(name, f"kolom wajib '{c.name}' tidak ada di baris judul ({c.doc or c.name})", hdr, c.name)
            usable = False
    out = {}
    for c in spec.columns:
        if c.name in raw.columns:
            angka = sel_angka.get(c.name) if c.kind == "num" else None
            if c.kind == "num" and stored is not None:  # a store's rows under an import: real numbers
                angka = stored if angka is None else (angka | stored)
            out[c.name] = _check_column(ctx, name, c, raw[c.name], angka)
        else:
            out[c.name] = pd.Series(np.nan, index=range(len(raw)),
                                    dtype="float64" if c.kind in ("num", "tahun") else object)
    df = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    _check_keys(ctx, name, spec, df)
    return df if usable else None


# ----------------------------------------------------------------------------------------------
# Cross-file checks
# ----------------------------------------------------------------------------------------------

_REFERRED = {"pegawai": "NIP", "skp": "indikator SKP"}


def _check_tanpa_data(ctx: _Context) -> None:
    """A pegawai or skp file with a header but no rows, while other files refer to it: ONE message
    (instead of one 'tidak terdaftar' per referring row); the dependent checks are skipped."""
    for name, what in _REFERRED.items():
        if not ctx.has(name) or len(ctx.tables[name]):
            continue
        users = [n for n, df in ctx.tables.items() if n != name and len(df)
                 and (("nip" in df.columns) if name == "pegawai" else n == "realisasi")]
        if users:
            ctx.kosong.add(name)
            ctx.error(name, f"berkas ini hanya berisi baris judul, tanpa data, padahal {', '.join(users)} merujuk "
                            f"ke {what} di dalamnya; isi datanya atau periksa apakah berkas yang benar yang dipakai")


def _check_nip_terdaftar(ctx: _Context) -> None:
    """Every file with a ``nip`` column (except pegawai) refers to a pegawai."""
    if not ctx.has("pegawai") or "pegawai" in ctx.kosong:
        return
    known = ctx.tables["pegawai"]["nip"]
    for name, df in ctx.tables.items():
        if name == "pegawai" or "nip" not in df.columns or not len(df):
            continue
        nip = df["nip"]
        bad = np.flatnonzero(nip.notna().to_numpy() & ~nip.isin(known.dropna()).to_numpy())
        ctx.report(name, bad, "nip", lambda p: f"NIP {nip.iat[p]} tidak terdaftar di berkas pegawai")


def _check_atasan(ctx: _Context) -> None:
    """``nip_atasan`` (of pegawai, of a placement, of a Plt./Plh.) refers to a pegawai, not to oneself
    (the pegawai chain is checked for longer cycles below)."""
    if not ctx.has("pegawai"):
        return
    known = ctx.tables["pegawai"]["nip"].dropna()
    for name in ("pegawai", "penempatan", "plt"):
        if not ctx.has(name):
            continue
        df = ctx.tables[name]
        at = df["nip_atasan"]
        bad = np.flatnonzero(at.notna().to_numpy() & ~at.isin(known).to_numpy())
        ctx.report(name, bad, "nip_atasan", lambda p, at=at: f"NIP atasan {at.iat[p]} tidak terdaftar sebagai pegawai")
        if name != "pegawai":
            ctx.report(name, np.flatnonzero((at == df["nip"]).to_numpy()), "nip_atasan",
                       lambda p, at=at: f"NIP {at.iat[p]} menjadi atasannya sendiri")


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
    if not ctx.has("realisasi", "skp") or "skp" in ctx.kosong:
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
    if ctx.has("penempatan") and sub["mulai"].notna().any():  # an SKP of a placement: its own atasan
        pen = ctx.tables["penempatan"]
        atasan_pen = dict(zip(zip(pen["nip"], pen["mulai"]), pen["nip_atasan"]))
        key = list(zip(sub["nip"], sub["mulai"]))
        atasan = pd.Series([atasan_pen.get(k, a) if isinstance(k[1], str) else a for k, a in zip(key, atasan)],
                           dtype=object)
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
    if not ctx.has("organisasi", "pegawai") or "pegawai" in ctx.kosong:
        return
    org = ctx.tables["organisasi"]
    unit = org["unit"]
    bad = np.flatnonzero(unit.notna().to_numpy() & ~unit.isin(ctx.tables["pegawai"]["unit"].dropna()).to_numpy())
    ctx.report("organisasi", bad, "unit",
               lambda p: f"unit '{unit.iat[p]}' tidak dipakai oleh pegawai mana pun (periksa ejaannya)")


def _check_jenis_pegawai(ctx: _Context) -> None:
    """``jenis_pegawai`` matches the number's form: pns has a NIP PNS, pppk/pppk_paruh_waktu an NI PPPK."""
    if not ctx.has("pegawai"):
        return
    peg = ctx.tables["pegawai"]
    jenis = peg["jenis_pegawai"]
    given = jenis.notna().to_numpy()
    if not given.any():
        return
    form = jenis_pegawai_dari_nomor(peg["nip"].where(peg["nip"].notna(), ""))
    expect = jenis.map(BENTUK_NOMOR)
    bad = np.flatnonzero(given & form.notna().to_numpy() & (expect != form).to_numpy())
    ctx.report("pegawai", bad, "jenis_pegawai", lambda p: (
        f"jenis_pegawai '{jenis.iat[p]}' bertentangan dengan nomor {peg['nip'].iat[p]}, yang berbentuk "
        + ("NI PPPK (digit ke-13 adalah 2)" if form.iat[p] == "pppk" else "NIP PNS (digit ke-13 bukan 2)")
        + "; perbaiki jenis_pegawai atau nomornya"))


def _bukan_bulanan(kode: pd.Series) -> np.ndarray:
    """Positions of filled periode codes that are not a month (``2026-08``)."""
    return np.flatnonzero(kode.notna().to_numpy() & ~kode.astype(str).str.fullmatch(r"\d{4}-\d{2}").to_numpy())


def _check_penempatan(ctx: _Context) -> None:
    """Mutasi and Plt./Plh. (kinerja.domain.penempatan): months are bulanan codes, and each SKP row of a pegawai with placements that year names one of them (``mulai``)."""
    for name, cols in (("penempatan", ("mulai",)), ("plt", ("mulai", "selesai")), ("skp", ("mulai",))):
        if not ctx.has(name):
            continue
        df = ctx.tables[name]
        for c in cols:
            ctx.report(name, _bukan_bulanan(df[c]), c, lambda p, v=df[c]: (
                f"'{v.iat[p]}' bukan kode bulan; tulis bulan mulai/selesai seperti 2026-08"))
    if ctx.has("plt"):
        plt = ctx.tables["plt"]
        bad = np.flatnonzero((plt["selesai"].notna() & (plt["selesai"].astype(str) < plt["mulai"].astype(str))).to_numpy())
        ctx.report("plt", bad, "selesai", lambda p: (
            f"bulan selesai {plt['selesai'].iat[p]} sebelum bulan mulai {plt['mulai'].iat[p]}"))
    if not ctx.has("penempatan", "skp"):
        return
    pen, skp = ctx.tables["penempatan"], ctx.tables["skp"]
    tahun_pen = _tahun_of(pen["mulai"])
    punya = set(zip(pen["nip"], tahun_pen))
    rows = set(zip(pen["nip"], pen["mulai"]))
    tahun_skp = skp["periode"].astype("float64").to_numpy()
    cek = np.flatnonzero(skp["mulai"].notna().to_numpy() | skp["nip"].isin(pen["nip"]).to_numpy())
    for i in cek:  # only the SKP rows of pegawai who moved (or that name a placement)
        nip, th, mulai = skp["nip"].iat[i], tahun_skp[i], skp["mulai"].iat[i]
        if th != th:  # a bad periode was reported already
            continue
        if mulai is None or mulai != mulai:
            if (nip, th) in punya:
                ctx.report("skp", np.array([i]), "mulai", lambda p, nip=nip, th=th: (
                    f"pegawai {nip} pindah (mutasi) pada tahun {int(th)} (lihat berkas penempatan); isi kolom "
                    "mulai dengan bulan mulai penempatan yang memiliki RHK ini"))
        elif (nip, mulai) not in rows or str(mulai)[:4] != str(int(th)):
            ctx.report("skp", np.array([i]), "mulai", lambda p, nip=nip, mulai=mulai: (
                f"penempatan pegawai {nip} yang mulai {mulai} tidak ada di berkas penempatan "
                "(atau tahunnya berbeda dengan periode SKP)"))


CROSS_CHECKS: list[Callable[[_Context], None]] = [
    _check_tanpa_data,
    _check_jenis_pegawai,
    _check_nip_terdaftar,
    _check_atasan,
    _check_penempatan,
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


def _fill_jenis_pegawai(df: pd.DataFrame) -> pd.DataFrame:
    """Empty ``jenis_pegawai``: pns for a NIP PNS, pppk for an NI PPPK (paruh waktu must be written)."""
    if "jenis_pegawai" in df.columns and df["jenis_pegawai"].isna().any():
        df["jenis_pegawai"] = df["jenis_pegawai"].where(df["jenis_pegawai"].notna(),
                                                        jenis_pegawai_dari_nomor(df["nip"]))
    return df


POST_PROCESS: dict[str, list[Callable[[pd.DataFrame], pd.DataFrame]]] = {
    "skp": [_fill_arah], "pegawai": [_fill_jenis_pegawai]}


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
    ws = _workspace_from(out, path if path is not None else (base.path if base is not None else None))
    ws.peringatan = ctx.warnings
    return ws


# ---- issue 6 (360 feedback and IKM files): their checks live in kinerja.io.survei ----
from kinerja.io import survei as _survei_io  # noqa: E402

_survei_io.register(CROSS_CHECKS, COLUMN_CONVERTERS)

"""Validation of the survey files: ``umpan_balik_360``, ``penugasan_360`` and ``ikm`` (issue 6).

:mod:`kinerja.io.files` registers these with :func:`register`; each check receives io's validation
context (``ctx.tables``, ``ctx.report``) and reports every bad row with file, row and column.
Type checks (numbers, periode, enum values such as an unknown ``peran`` or ``aspek``) and duplicate
keys (a rater answering the same value twice for one pegawai) are done by io from the FileSpecs in
:mod:`kinerja.domain.schema`; here are the checks io cannot express: value ranges, who may hold which role,
and units that must exist.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.domain.labels import PERAN_ASN
SKALA_360 = (1, 5)     # kinerja.schemes.multirater scale (config/umpan_balik_360.toml [skala])
SKALA_IKM = (1, 4)     # PermenPANRB 14/2017 (config/ikm.toml)


def _scale(name: str, default: tuple[int, int]) -> tuple[int, int]:
    try:
        from kinerja.domain.config import load_config

        cfg = load_config(name)
        s = cfg["skala"] if "skala" in cfg else cfg
        return int(s.get("min", s.get("skala_min"))), int(s.get("max", s.get("skala_max")))
    except Exception:  # a broken config must not hide the data errors
        return default


def conv_penilai(u: pd.Series, col):
    """``penilai``: a NIP written with spaces/dots/dashes is stored compact; other codes as given."""
    compact = u.str.replace(r"[\s.\-]", "", regex=True)
    is_nip = compact.str.fullmatch(r"\d{18}").to_numpy(dtype=bool)
    vals = np.where(is_nip, compact.to_numpy(dtype=object), u.to_numpy(dtype=object))
    return vals, [None] * len(u)


def _range(ctx, name: str, columns, lo: int, hi: int, what: str) -> None:
    df = ctx.tables[name]
    for c in columns:
        if c not in df.columns:
            continue
        v = df[c].to_numpy(dtype=float)
        bad = np.flatnonzero(~np.isnan(v) & ((v < lo) | (v > hi) | (v != np.round(v))))
        ctx.report(name, bad, c, lambda p, v=v: (
            f"{what} '{v[p]:g}' di luar skala; isi dengan angka bulat {lo}-{hi}"))


def _check_skor_360(ctx) -> None:
    if ctx.has("umpan_balik_360"):
        lo, hi = _scale("umpan_balik_360", SKALA_360)
        _range(ctx, "umpan_balik_360", ["skor"], lo, hi, "skor")


def _check_ikm(ctx) -> None:
    if not ctx.has("ikm"):
        return
    lo, hi = _scale("ikm", SKALA_IKM)
    _range(ctx, "ikm", [f"u{i}" for i in range(1, 10)], lo, hi, "jawaban")
    if ctx.has("pegawai"):
        unit = ctx.tables["ikm"]["unit"]
        bad = np.flatnonzero(unit.notna().to_numpy() & ~unit.isin(ctx.tables["pegawai"]["unit"].dropna()).to_numpy())
        ctx.report("ikm", bad, "unit", lambda p: f"unit '{unit.iat[p]}' tidak dipakai oleh pegawai mana pun "
                                                 "(periksa ejaannya)")


def _check_peran(ctx, name: str) -> None:
    """Who may hold which role: diri = the pegawai; atasan = their nip_atasan; ASN roles are
    registered pegawai; one rater has one role towards one pegawai in a periode."""
    if not ctx.has(name):
        return
    df = ctx.tables[name]
    if not len(df):
        return
    nip, pen, peran = df["nip"], df["penilai"], df["peran"]
    ok = nip.notna().to_numpy() & pen.notna().to_numpy() & peran.notna().to_numpy()
    diri = ok & (peran == "diri").to_numpy()
    bad = np.flatnonzero(diri & (nip != pen).to_numpy())
    ctx.report(name, bad, "penilai", lambda p: (
        f"peran 'diri' berarti pegawai menilai dirinya sendiri, jadi penilai harus sama dengan nip "
        f"({nip.iat[p]}), bukan {pen.iat[p]}"))
    lain = ok & ~diri & (nip == pen).to_numpy()
    ctx.report(name, np.flatnonzero(lain), "peran", lambda p: (
        f"penilai {pen.iat[p]} menilai dirinya sendiri; gunakan peran 'diri', bukan '{peran.iat[p]}'"))
    if ctx.has("pegawai"):
        peg = ctx.tables["pegawai"].dropna(subset=["nip"]).drop_duplicates("nip")
        asn = ok & peran.isin(PERAN_ASN).to_numpy()
        unknown = asn & ~pen.isin(peg["nip"]).to_numpy()
        ctx.report(name, np.flatnonzero(unknown), "penilai", lambda p: (
            f"penilai {pen.iat[p]} dengan peran '{peran.iat[p]}' tidak terdaftar di berkas pegawai "
            "(hanya peran 'masyarakat' boleh memakai kode responden)"))
        atasan_of = peg.set_index("nip")["nip_atasan"]
        exp = nip.map(atasan_of)
        wrong = ok & (peran == "atasan").to_numpy() & nip.isin(peg["nip"]).to_numpy() & (exp != pen).to_numpy()
        ctx.report(name, np.flatnonzero(wrong & ~unknown), "penilai", lambda p: (
            f"penilai {pen.iat[p]} bukan atasan langsung NIP {nip.iat[p]} menurut berkas pegawai "
            f"(nip_atasan: {exp.iat[p] if isinstance(exp.iat[p], str) else 'kosong'})"))
    # one role per (periode, nip, penilai)
    key = df[["periode", "nip", "penilai"]].astype(str).agg("|".join, axis=1)
    n_roles = peran.groupby(key).transform("nunique")
    first = peran.groupby(key).transform("first")
    multi = ok & (n_roles > 1).to_numpy() & (peran != first).to_numpy()
    ctx.report(name, np.flatnonzero(multi), "peran", lambda p: (
        f"penilai {pen.iat[p]} sudah tercatat dengan peran '{first.iat[p]}' untuk NIP {nip.iat[p]}; "
        "satu penilai hanya boleh punya satu peran terhadap satu pegawai"))


CHECKS = [
    _check_skor_360,
    lambda ctx: _check_peran(ctx, "umpan_balik_360"),
    lambda ctx: _check_peran(ctx, "penugasan_360"),
    _check_ikm,
]


def register(cross_checks: list, column_converters: dict) -> None:
    """Called once by kinerja.io.files: add the survey checks and converters."""
    for fn in CHECKS:
        if fn not in cross_checks:
            cross_checks.append(fn)
    column_converters[("umpan_balik_360", "penilai")] = conv_penilai
    column_converters[("penugasan_360", "penilai")] = conv_penilai

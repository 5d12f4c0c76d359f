"""The two 18-digit ASN numbers: the NIP of a PNS and the Nomor Induk (NI) of a PPPK.

=========  ===========================================  ==========================================
digits     NIP PNS                                      NI PPPK
=========  ===========================================  ==========================================
1-8        tanggal lahir YYYYMMDD                       tanggal lahir YYYYMMDD
9-12       tahun TMT CPNS                               tahun pengangkatan
13-14      bulan TMT CPNS (01-12)                       kode PPPK ``2`` + nomor masa perjanjian 1-9
15         jenis kelamin (1 pria, 2 wanita)             jenis kelamin (1 pria, 2 wanita)
16-18      nomor urut                                   nomor urut
=========  ===========================================  ==========================================

Digit 13 tells the forms apart: ``0``/``1`` is a month of a PNS TMT, ``2`` is the PPPK code digit.
Spaces (and dots, dashes) in the printed form ``19800101 200501 1 001`` are accepted and removed.
Every message says which form was assumed, so a user sees why a number was read the way it was.
"""

from __future__ import annotations

import datetime as _dt
import re

import numpy as np
import pandas as pd

_STRIP = re.compile(r"[\s.\-]")

JENIS_PEGAWAI = ("pns", "pppk", "pppk_paruh_waktu")
"""Values of the optional ``pegawai.jenis_pegawai`` column."""
JENIS_PEGAWAI_LABEL = {"pns": "PNS", "pppk": "PPPK", "pppk_paruh_waktu": "PPPK Paruh Waktu"}
BENTUK_NOMOR = {"pns": "pns", "pppk": "pppk", "pppk_paruh_waktu": "pppk"}
"""The number form (``pns`` NIP or ``pppk`` NI) each jenis_pegawai carries."""

USIA_MINIMUM_PENGANGKATAN = 18
"""Youngest age (years) at TMT CPNS or PPPK appointment that a number may encode. PP 11/2017 Pasal 23:
a CPNS applicant is at least 18; PP 49/2018 asks at least 20 of a PPPK applicant, so 18 is a lenient
floor for both forms (it catches typos, never refuses a real person)."""
TAHUN_TMT_PALING_AWAL = 1945
TAHUN_PPPK_PALING_AWAL = 2019
"""The first PPPK were appointed under PP 49/2018 from 2019; an earlier year of appointment is a typo."""
KODE_PPPK = "2"

_FORM_LABEL = {"pns": "NIP PNS", "pppk": "NI PPPK"}


def normalise_nip(value) -> str:
    """Remove spaces, dots and dashes; keep everything else so validation can report it."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return _STRIP.sub("", text)


def bentuk_nomor(nip: str) -> str | None:
    """``pns`` or ``pppk``: the form an 18-digit number is read as (digit 13 = ``2`` is PPPK); None if
    the value is not 18 digits."""
    if len(nip) != 18 or not nip.isdigit():
        return None
    return "pppk" if nip[12] == KODE_PPPK else "pns"


def nip_problem(nip: str) -> str | None:
    """Return an Indonesian message describing what is wrong with a normalised NIP / NI PPPK, or None."""
    if not nip:
        return "NIP kosong"
    if not nip.isdigit() or len(nip) != 18:
        return f"NIP '{nip}' harus terdiri dari 18 angka (sekarang {len(nip)} karakter)"
    form = bentuk_nomor(nip)
    label = _FORM_LABEL[form]
    why = ("digit ke-13 adalah 2, kode PPPK" if form == "pppk"
           else "digit ke-13 bukan 2, jadi digit 9-14 dibaca sebagai TMT CPNS")
    pre = f"NIP '{nip}' (dibaca sebagai {label}: {why})"
    try:
        lahir = _dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"{pre}: tanggal lahir {nip[0:8]} tidak mungkin"
    tahun = int(nip[8:12])
    now = _dt.date.today().year + 1
    if form == "pns":
        bulan = int(nip[12:14])
        if not 1 <= bulan <= 12 or tahun < TAHUN_TMT_PALING_AWAL or tahun > now:
            return f"{pre}: TMT CPNS {nip[8:14]} tidak mungkin"
        if (tahun * 12 + bulan) - (lahir.year * 12 + lahir.month) < USIA_MINIMUM_PENGANGKATAN * 12:
            return (f"{pre}: TMT CPNS {nip[8:14]} berarti diangkat sebelum usia "
                    f"{USIA_MINIMUM_PENGANGKATAN} tahun (lahir {nip[0:8]}); periksa NIP")
    else:
        if tahun < TAHUN_PPPK_PALING_AWAL or tahun > now:
            return (f"{pre}: tahun pengangkatan {nip[8:12]} tidak mungkin (PPPK diangkat sejak "
                    f"{TAHUN_PPPK_PALING_AWAL})")
        if nip[13] == "0":
            return f"{pre}: nomor masa perjanjian kerja (digit ke-14) harus 1-9, bukan 0"
        if tahun - lahir.year < USIA_MINIMUM_PENGANGKATAN:
            return (f"{pre}: tahun pengangkatan {nip[8:12]} berarti diangkat sebelum usia "
                    f"{USIA_MINIMUM_PENGANGKATAN} tahun (lahir {nip[0:8]}); periksa nomor")
    if nip[14] not in "12":
        return f"{pre}: digit jenis kelamin (ke-15) harus 1 (pria) atau 2 (wanita), bukan {nip[14]}"
    return None


def nip_problems(nips: pd.Series) -> pd.Series:
    """Vectorised check of a Series of normalised NIPs / NI PPPK: messages (None where valid).

    The common case (all valid) is decided with vectorised string/date operations; only the rows
    that fail get the per-row message.
    """
    s = nips.astype("string").fillna("")
    ok = s.str.fullmatch(r"\d{18}").fillna(False).to_numpy(dtype=bool)
    if ok.any():
        d = s[ok]
        lahir = pd.to_datetime(d.str.slice(0, 8), format="%Y%m%d", errors="coerce")
        tahun = pd.to_numeric(d.str.slice(8, 12), errors="coerce")
        d13 = d.str.slice(12, 13)
        d14 = pd.to_numeric(d.str.slice(13, 14), errors="coerce")
        bulan = pd.to_numeric(d.str.slice(12, 14), errors="coerce")
        jk = d.str.slice(14, 15)
        now = _dt.date.today().year + 1
        pppk = d13 == KODE_PPPK
        umur_bulan = (tahun * 12 + bulan) - (lahir.dt.year * 12 + lahir.dt.month)
        good_pns = (~pppk & bulan.between(1, 12) & (tahun >= TAHUN_TMT_PALING_AWAL)
                    & (umur_bulan >= USIA_MINIMUM_PENGANGKATAN * 12))
        good_pppk = (pppk & (tahun >= TAHUN_PPPK_PALING_AWAL) & (d14 >= 1)
                     & (tahun - lahir.dt.year >= USIA_MINIMUM_PENGANGKATAN))
        good = lahir.notna() & (good_pns | good_pppk) & (tahun <= now) & jk.isin(["1", "2"])
        ok[np.flatnonzero(ok)[~good.fillna(False).to_numpy(dtype=bool)]] = False
    out = pd.Series([None] * len(s), index=nips.index, dtype=object)
    bad = ~ok
    if bad.any():
        out[bad] = [nip_problem(x) for x in s[bad]]
    return out


def jenis_kelamin(nip: str) -> str:
    return {"1": "Pria", "2": "Wanita"}.get(nip[14:15], "-")


def jenis_pegawai_dari_nomor(nips: pd.Series) -> pd.Series:
    """``pns`` or ``pppk`` per (valid) number; NaN where the value is not 18 digits. The number alone
    cannot tell a PPPK paruh waktu: that needs the ``jenis_pegawai`` column."""
    s = nips.astype(object).where(nips.notna(), "").astype(str)
    digits = (s.str.len().to_numpy() == 18) & s.str.isdigit().to_numpy(dtype=bool)
    out = np.where(s.str.slice(12, 13).to_numpy(dtype=object) == KODE_PPPK, "pppk", "pns").astype(object)
    out[~digits] = np.nan
    return pd.Series(out, index=nips.index, dtype=object)

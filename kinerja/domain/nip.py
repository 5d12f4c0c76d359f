"""NIP (Nomor Induk Pegawai) checks: 18 digits = lahir YYYYMMDD, TMT CPNS YYYYMM, jenis kelamin, urut.

Spaces (and dots) in the printed form ``19800101 200501 1 001`` are accepted and removed.
"""

from __future__ import annotations

import datetime as _dt
import re

import numpy as np
import pandas as pd

_STRIP = re.compile(r"[\s.\-]")


def normalise_nip(value) -> str:
    """Remove spaces, dots and dashes; keep everything else so validation can report it."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return _STRIP.sub("", text)


def nip_problem(nip: str) -> str | None:
    """Return an Indonesian message describing what is wrong with a normalised NIP, or None."""
    if not nip:
        return "NIP kosong"
    if not nip.isdigit() or len(nip) != 18:
        return f"NIP '{nip}' harus terdiri dari 18 angka (sekarang {len(nip)} karakter)"
    try:
        lahir = _dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return f"NIP '{nip}': tanggal lahir {nip[0:8]} tidak mungkin"
    tmt_y, tmt_m = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_m <= 12 or tmt_y < 1945:
        return f"NIP '{nip}': TMT CPNS {nip[8:14]} tidak mungkin"
    if tmt_y < lahir.year + 14 or tmt_y > _dt.date.today().year + 1:
        return f"NIP '{nip}': TMT CPNS {nip[8:14]} tidak masuk akal untuk tanggal lahir {nip[0:8]}"
    if nip[14] not in "12":
        return f"NIP '{nip}': digit jenis kelamin (ke-15) harus 1 (pria) atau 2 (wanita), bukan {nip[14]}"
    return None


def nip_problems(nips: pd.Series) -> pd.Series:
    """Vectorised check of a Series of normalised NIPs: a Series of messages (None where valid).

    The common case (all valid) is decided with vectorised string/date operations; only the rows
    that fail get the per-row message.
    """
    s = nips.astype("string").fillna("")
    ok = s.str.fullmatch(r"\d{18}").fillna(False).to_numpy(dtype=bool)
    if ok.any():
        d = s[ok]
        lahir = pd.to_datetime(d.str.slice(0, 8), format="%Y%m%d", errors="coerce")
        tmt_y = pd.to_numeric(d.str.slice(8, 12), errors="coerce")
        tmt_m = pd.to_numeric(d.str.slice(12, 14), errors="coerce")
        jk = d.str.slice(14, 15)
        good = (lahir.notna() & tmt_m.between(1, 12) & (tmt_y >= 1945)
                & (tmt_y >= lahir.dt.year + 14) & (tmt_y <= _dt.date.today().year + 1)
                & jk.isin(["1", "2"]))
        ok[np.flatnonzero(ok)[~good.to_numpy(dtype=bool)]] = False
    out = pd.Series([None] * len(s), index=nips.index, dtype=object)
    bad = ~ok
    if bad.any():
        out[bad] = [nip_problem(x) for x in s[bad]]
    return out


def jenis_kelamin(nip: str) -> str:
    return {"1": "Pria", "2": "Wanita"}.get(nip[14:15], "-")

"""Angka kredit for jabatan fungsional from the predikat kinerja (PermenPANRB 1/2023).

angka kredit = bulan / 12 x persentase(predikat) x koefisien tahunan of the jenjang.
Example: Ahli Pertama (koefisien 12.5), Sangat Baik for a full year: 12/12 x 150% x 12.5 = 18.75.

Only the five PermenPANRB 6/2022 predikat have a percentage; any other value (for example a
PP 46/2011 "Cukup") gives NaN in the vectorised helper and a ValueError in :func:`angka_kredit`.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from kinerja.domain import labels

# PermenPANRB 1/2023 Pasal 37: percentage of the annual koefisien per predikat kinerja.
PERSEN_PREDIKAT = {
    labels.SANGAT_BAIK: 1.50,
    labels.BAIK: 1.00,
    labels.BUTUH_PERBAIKAN: 0.75,
    labels.KURANG: 0.50,
    labels.SANGAT_KURANG: 0.25,
}
# PermenPANRB 1/2023, Lampiran (koefisien angka kredit tahunan per jenjang jabatan fungsional).
# Exact Lampiran number not verified in RULES.md; a pegawai's own `koefisien_ak` column overrides.
KOEFISIEN_JENJANG = {
    "Pemula": 3.75,
    "Terampil": 5.0,
    "Mahir": 12.5,
    "Penyelia": 25.0,
    "Ahli Pertama": 12.5,
    "Ahli Muda": 25.0,
    "Ahli Madya": 37.5,
    "Ahli Utama": 50.0,
}
BULAN_SETAHUN = 12


def _key(text) -> str:
    return re.sub(r"[^a-z]+", " ", str(text).lower()).strip()


_JENJANG_ALIASES = {_key(k): k for k in KOEFISIEN_JENJANG}


def jenjang_label(jenjang) -> str:
    """Normalise a jenjang (``ahli pertama``, ``AHLI_PERTAMA`` ...) to its label."""
    j = _JENJANG_ALIASES.get(_key(jenjang))
    if j is None:
        raise ValueError(f"jenjang '{jenjang}' tidak dikenal; gunakan salah satu dari: {', '.join(KOEFISIEN_JENJANG)}")
    return j


def koefisien(jenjang) -> float:
    """Annual koefisien angka kredit of a jenjang (PermenPANRB 1/2023, Lampiran)."""
    return KOEFISIEN_JENJANG[jenjang_label(jenjang)]


def persentase(predikat) -> float:
    """Share of the annual koefisien for a predikat (Sangat Baik 1.5 ... Sangat Kurang 0.25)."""
    return PERSEN_PREDIKAT[labels.predikat_label(predikat)]


def angka_kredit(predikat, koefisien: float, bulan: int | float = BULAN_SETAHUN) -> float:
    """bulan / 12 x persentase(predikat) x koefisien (PermenPANRB 1/2023 Pasal 37)."""
    if not 0 < bulan <= BULAN_SETAHUN:
        raise ValueError(f"jumlah bulan harus antara 1 dan 12 (diberikan {bulan})")
    if not koefisien > 0:
        raise ValueError(f"koefisien angka kredit harus lebih dari 0 (diberikan {koefisien})")
    return bulan / BULAN_SETAHUN * persentase(predikat) * float(koefisien)


def _lut(values: pd.Series, fn) -> np.ndarray:
    codes, uniq = pd.factorize(values)
    out = []
    for u in uniq:
        try:
            out.append(fn(u))
        except (ValueError, KeyError):
            out.append(math.nan)
    return np.array(out + [math.nan], dtype=float)[codes]


def angka_kredit_frame(scores: pd.DataFrame, pegawai: pd.DataFrame | None = None,
                       bulan: int | float = BULAN_SETAHUN) -> pd.DataFrame:
    """Angka kredit for every row of a score frame (``nip``, ``predikat``).

    The koefisien comes from ``koefisien_ak`` when filled, else from ``jenjang``; both are read from
    ``scores`` or, when missing there, from ``pegawai`` (matched by nip). Returns ``nip, jenjang,
    koefisien, persentase, bulan, angka_kredit``; NaN where the predikat, jenjang or koefisien is
    unknown (for example a pegawai who is not in a jabatan fungsional).
    """
    if not 0 < bulan <= BULAN_SETAHUN:
        raise ValueError(f"jumlah bulan harus antara 1 dan 12 (diberikan {bulan})")
    nip = scores["nip"]

    def col(name):
        if name in scores.columns:
            return scores[name].reset_index(drop=True)
        if pegawai is not None and name in pegawai.columns:
            src = pegawai.set_index("nip")[name] if "nip" in pegawai.columns else pegawai[name]
            return pd.Series(src.reindex(nip.to_numpy()).to_numpy(), dtype=object)
        return pd.Series(np.full(len(scores), None, dtype=object))

    jenjang = col("jenjang")
    koef_kolom = pd.to_numeric(col("koefisien_ak"), errors="coerce").to_numpy(float)
    koef = np.where(np.isfinite(koef_kolom) & (koef_kolom > 0), koef_kolom, _lut(jenjang, koefisien))
    persen = _lut(scores["predikat"].reset_index(drop=True), persentase)
    return pd.DataFrame({
        "nip": nip.to_numpy(),
        "jenjang": _lut_label(jenjang),
        "koefisien": koef,
        "persentase": persen,
        "bulan": float(bulan),
        "angka_kredit": bulan / BULAN_SETAHUN * persen * koef,
    })


def _lut_label(jenjang: pd.Series) -> np.ndarray:
    codes, uniq = pd.factorize(jenjang)
    out = []
    for u in uniq:
        try:
            out.append(jenjang_label(u))
        except ValueError:
            out.append(None)
    return np.array(out + [None], dtype=object)[codes]

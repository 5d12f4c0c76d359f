"""Pandas frames for one periode, ready for the scoring schemes.

Data flows one way: ``kinerja.io.files`` (validated Workspace) -> here -> ``kinerja.schemes``. Scoring
never reads files or SQL; it only sees a :class:`PeriodeData`.

Periodic targets: SKP targets are annual. For a periode shorter than a year, the target of an aspek
listed in ``[capaian] aspek_proporsional`` (default kuantitas and biaya, which add up over the year)
is pro-rated: target x bulan/12. Realisasi in ``realisasi.csv`` is the result *of that periode*
(not cumulative); the annual row (``2026``) is the result of the whole year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.domain.config import load_config
from kinerja.domain.periode import Periode, parse_periode

INDIKATOR_COLUMNS = ["nip", "rhk_id", "iki_id", "rhk", "jenis", "rhk_atasan", "perspektif", "indikator",
                     "aspek", "arah", "target", "target_periode", "satuan", "bobot", "sumber",
                     "realisasi", "bukti", "umpan_balik"]


@dataclass
class PeriodeData:
    """Everything the schemes need for one periode. All frames are keyed by ``nip``."""

    periode: Periode
    pegawai: pd.DataFrame     # one row per pegawai (index: nip)
    indikator: pd.DataFrame   # one row per SKP indikator of the year, with the periode's realisasi
    perilaku: pd.DataFrame    # periode rows of perilaku.csv: nip, aspek, rating, nilai, catatan
    penilaian: pd.DataFrame   # periode rows of penilaian.csv (index: nip)
    organisasi: pd.DataFrame  # unit -> capaian (index: unit), periode row or else the year's
    config: dict              # permenpanrb_2022 config (capaian section used here)

    @property
    def nips(self) -> pd.Index:
        return self.pegawai.index


def _col(df: pd.DataFrame, name: str, default=np.nan) -> pd.Series:
    return df[name] if name in df.columns else pd.Series(default, index=df.index)


def build_periode_data(ws, periode, config: dict | None = None) -> PeriodeData:
    """The :class:`PeriodeData` of ``periode`` as the workspace holds it.

    Callers want :func:`kinerja.schemes.periode_data`, which adds the realisasi the schemes derive
    (an IKI with ``sumber = ikm`` takes its unit's IKM)."""
    p = parse_periode(periode)
    cfg = config or load_config("permenpanrb_2022", getattr(ws, "path", None))
    kode = p.kode

    pegawai = ws.pegawai.set_index("nip", drop=False)
    pegawai.index.name = None
    # a unit head: their Pejabat Penilai is outside their unit (or they have none). Computed on the
    # whole workspace so it survives subset().
    atasan_unit = pegawai["nip_atasan"].map(pegawai["unit"])
    pegawai = pegawai.assign(kepala_unit=(atasan_unit.isna() | (atasan_unit != pegawai["unit"])).astype(bool))  # keep the 'nip' column; avoid index/column name clash in merges
    skp = ws.skp[ws.skp["periode"] == p.tahun]
    real = ws.realisasi[ws.realisasi["periode"] == kode]
    ind = skp.merge(real[["nip", "rhk_id", "iki_id", "realisasi", "bukti", "umpan_balik"]],
                    on=["nip", "rhk_id", "iki_id"], how="left")
    for name in INDIKATOR_COLUMNS:
        if name not in ind.columns:
            ind[name] = np.nan
    faktor = np.where(ind["aspek"].isin(cfg["capaian"]["aspek_proporsional"]), p.bulan / 12.0, 1.0)
    ind["target_periode"] = ind["target"].astype(float) * faktor
    ind = ind[INDIKATOR_COLUMNS].reset_index(drop=True)

    perilaku = ws.perilaku[ws.perilaku["periode"] == kode].drop(columns=["periode"])
    penilaian = ws.penilaian[ws.penilaian["periode"] == kode].drop(columns=["periode"]).set_index("nip", drop=False)
    penilaian.index.name = None

    org = ws.organisasi
    org_p = org[org["periode"] == kode]
    if org_p.empty and not p.is_tahunan:  # fall back to the year's capaian organisasi
        org_p = org[org["periode"] == p.tahunan().kode]
    organisasi = org_p.set_index("unit")
    return PeriodeData(p, pegawai, ind, perilaku, penilaian, organisasi, cfg)


def subset(data: PeriodeData, nips) -> PeriodeData:
    """The same periode restricted to some pegawai (e.g. one pegawai for explain or the form)."""
    nips = pd.Index([nips] if isinstance(nips, str) else list(nips))
    return PeriodeData(
        data.periode,
        data.pegawai[data.pegawai.index.isin(nips)],
        data.indikator[data.indikator["nip"].isin(nips)],
        data.perilaku[data.perilaku["nip"].isin(nips)],
        data.penilaian[data.penilaian.index.isin(nips)],
        data.organisasi,
        data.config,
    )

"""Pandas frames for one periode, ready for the scoring schemes.

Data flows one way: ``kinerja.io.files`` (validated Workspace) -> here -> ``kinerja.schemes``. Scoring
never reads files or SQL; it only sees a :class:`PeriodeData`.

Periodic targets: SKP targets are annual. For a periode shorter than a year, only a target that adds
up over the year (a count, an amount of money) is pro-rated: target x bulan/12 (for a pegawai who moved,
over the months of the placement that owns the SKP: target x shared months / placement months; see
:mod:`kinerja.domain.penempatan`). Percentages, rates,
indexes, averages, durations and every kualitas/waktu target apply unchanged (a Triwulan IV target
of 95 persen stays 95). :func:`akumulasi` decides, per indikator:

1. the SKP's own ``akumulasi`` column (``ya`` / ``tidak``) when filled;
2. else an aspek not in ``[capaian] aspek_proporsional`` (default kuantitas, biaya) -> not pro-rated;
3. else a satuan naming a ratio or level (:data:`SATUAN_TIDAK_AKUMULASI`: persen, %, rasio, indeks,
   nilai, skor, tingkat, rata-rata, per 1.000 ..., or a duration/age: tahun, bulan, hari, jam, menit)
   -> not pro-rated; everything else (orang, dokumen, laporan, rupiah ...) is pro-rated.

Realisasi in ``realisasi.csv`` is the result *of that periode* (not cumulative); the annual row
(``2026``) is the result of the whole year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.domain.config import load_config
from kinerja.domain.penempatan import KOLOM_PENEMPATAN, Efektif, efektif
from kinerja.domain.periode import Periode, parse_periode

INDIKATOR_COLUMNS = ["nip", "rhk_id", "iki_id", "rhk", "jenis", "rhk_atasan", "perspektif", "indikator",
                     "aspek", "arah", "target", "target_periode", "akumulasi", "satuan", "bobot", "sumber",
                     "realisasi", "bukti", "umpan_balik", "mulai"]


SATUAN_TIDAK_AKUMULASI = (
    "persen", "persentase", "prosen", "%", "rasio", "ratio", "proporsi", "indeks", "index", "nilai",
    "skor", "score", "tingkat", "level", "skala", "peringkat", "rata-rata", "rerata", "predikat", "opini",
    "kategori", "per", "permil", "‰", "tahun", "bulan", "hari", "jam", "menit", "detik",
)
"""Words of a satuan that make a kuantitas/biaya target a level rather than an amount that adds up over
the year, so it is not pro-rated ("persen", "per 1.000 kelahiran hidup", "indeks", "hari" ...).
Matched as whole words, case-insensitive; ``%`` and ``‰`` anywhere. Override with a list in
``[capaian] satuan_tidak_akumulasi`` of the config."""


def akumulasi(aspek, satuan, kolom=None, config: dict | None = None) -> np.ndarray:
    """Per indikator: True when its annual target adds up over the year and is pro-rated by months.

    ``aspek``, ``satuan`` and (optional) ``kolom`` = the SKP ``akumulasi`` column (``ya``/``tidak``/
    empty) are equal-length sequences. See the module docstring for the rule."""
    cap = (config or {}).get("capaian", {})
    aspek_prop = cap.get("aspek_proporsional", ["kuantitas", "biaya"])
    words = [str(w).lower() for w in cap.get("satuan_tidak_akumulasi", SATUAN_TIDAK_AKUMULASI)]
    a = pd.Series(np.asarray(aspek, dtype=object))
    s = pd.Series(np.asarray(satuan, dtype=object)).fillna("").astype(str).str.lower()
    symbols = [w for w in words if not w[:1].isalnum()]
    names = [w for w in words if w[:1].isalnum()]
    level = s.str.contains("|".join(re.escape(w) for w in symbols), regex=True) if symbols else False
    if names:
        pat = r"(?<![0-9a-z])(?:" + "|".join(re.escape(w) for w in names) + r")(?![0-9a-z])"
        level = level | s.str.contains(pat, regex=True)
    out = a.isin(aspek_prop).to_numpy(dtype=bool) & ~np.asarray(level, dtype=bool)
    if kolom is not None:
        k = pd.Series(np.asarray(kolom, dtype=object)).astype("string").str.strip().str.lower()
        out = np.where(k.eq("ya").fillna(False).to_numpy(dtype=bool), True,
                       np.where(k.eq("tidak").fillna(False).to_numpy(dtype=bool), False, out))
    return np.asarray(out, dtype=bool)


_PIMPINAN_RANK = {"jpt": 0, "administrator": 1}
_KEPALA_FUNGSIONAL = re.compile(r"^\s*kepala\b", re.I)


def kepala_unit(pegawai: pd.DataFrame) -> np.ndarray:
    """Per pegawai: True when they lead their unit, decided from jenis_jabatan and jabatan only.

    The leader of a unit is its highest-ranked pimpinan: a JPT, else an administrator, else a pejabat
    fungsional whose jabatan begins with "Kepala" (Lampiran hlm. 90 angka 7: a pejabat fungsional
    who leads a unit, e.g. a kepala sekolah or kepala instalasi). Pengawas lead sub-units only, and
    staff never lead a unit. A unit whose head post is vacant has no head in it: its Plt./Plh. is a
    pegawai of another unit (Lampiran hlm. 90 angka 3 and 5), who stays the head of their own unit,
    so the staff's suggestions are not changed by where their (Plt.) atasan sits."""
    jenis = pegawai["jenis_jabatan"].astype(object)
    rank = jenis.map(_PIMPINAN_RANK).astype(float)
    fung_kepala = (jenis == "fungsional").to_numpy() & pegawai["jabatan"].astype(str).str.match(
        _KEPALA_FUNGSIONAL).to_numpy(dtype=bool)
    rank = rank.where(~pd.Series(fung_kepala, index=rank.index), 2.0)
    best = rank.groupby(pegawai["unit"].to_numpy()).transform("min")
    return (rank.notna() & (rank == best)).to_numpy(dtype=bool)


def _pegawai_periode(pegawai: pd.DataFrame, ef: Efektif) -> pd.DataFrame:
    """The pegawai rows as placed in the periode (kinerja.domain.penempatan): a pegawai who moved gets
    the unit, jabatan and Pejabat Penilai of the placement evaluated in the periode (and is absent
    before their first placement); a Plt./Plh. gets the pimpinan they report to as Plt. Adds
    ``penilai_sebagai`` (e.g. "Plt. Kepala Bidang X" when the atasan evaluates as Plt./Plh.),
    ``plt`` (the Plt./Plh. post the pegawai holds) and ``penempatan_mulai``."""
    pegawai = pegawai.copy()
    pegawai["penempatan_mulai"] = None
    if ef.penempatan:
        absent = [n for n, pl in ef.penempatan.items() if pl is None]
        pegawai = pegawai.drop(index=[n for n in absent if n in pegawai.index])
        for nip, pl in ef.penempatan.items():
            if pl is not None and nip in pegawai.index:
                pegawai.loc[nip, list(KOLOM_PENEMPATAN)] = [getattr(pl, k) for k in KOLOM_PENEMPATAN]
                pegawai.loc[nip, "penempatan_mulai"] = pl.mulai
    for nip, atasan in ef.atasan_plt.items():
        if nip in pegawai.index:
            pegawai.loc[nip, "nip_atasan"] = atasan
    pegawai["penilai_sebagai"] = (
        [ef.label_penilai(a if isinstance(a, str) else None, u) for a, u in zip(pegawai["nip_atasan"], pegawai["unit"])]
        if ef.sebagai else None)
    pegawai["plt"] = pegawai["nip"].map(ef.plt) if ef.plt else None
    return pegawai


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

    ef = efektif(p, ws["penempatan"].to_dict("records"), ws["plt"].to_dict("records"))
    pegawai = _pegawai_periode(ws.pegawai.set_index("nip", drop=False), ef)
    pegawai.index.name = None
    # unit heads from jabatan and jenis jabatan (never from where the atasan sits, so a Plt. atasan
    # from another unit does not turn the staff into heads). Computed on the whole workspace so it
    # survives subset(). Keep the 'nip' column; avoid index/column name clash in merges.
    pegawai = pegawai.assign(kepala_unit=kepala_unit(pegawai))
    skp = ws.skp[ws.skp["periode"] == p.tahun]
    real = ws.realisasi[ws.realisasi["periode"] == kode]
    ind = skp.merge(real[["nip", "rhk_id", "iki_id", "realisasi", "bukti", "umpan_balik"]],
                    on=["nip", "rhk_id", "iki_id"], how="left")
    for name in INDIKATOR_COLUMNS:
        if name not in ind.columns:
            ind[name] = np.nan
    ind["akumulasi"] = akumulasi(ind["aspek"], ind["satuan"], _col(ind, "akumulasi", None), cfg)
    faktor = np.full(len(ind), p.bulan / 12.0)
    if ef.riwayat:  # a pegawai who moved: only the SKP of the placement evaluated in this periode,
        # an amount pro-rated over that placement's months (its SKP covers only them)
        keep = np.ones(len(ind), dtype=bool)
        for i in np.flatnonzero(ind["nip"].isin(list(ef.penempatan)).to_numpy()):
            pl = ef.penempatan[ind["nip"].iat[i]]
            keep[i] = pl is not None and ind["mulai"].iat[i] == pl.mulai
            faktor[i] = pl.tumpang(p) / pl.bulan if keep[i] else 0.0
        ind, faktor = ind[keep], faktor[keep]
    faktor = np.where(ind["akumulasi"].to_numpy(dtype=bool), faktor, 1.0)
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


def per_jenis_pegawai(sc: pd.DataFrame, pegawai: pd.DataFrame, kolom: str = "predikat") -> pd.DataFrame:
    """Counts of ``kolom`` (default predikat) per jenis_pegawai (PNS, PPPK, PPPK Paruh Waktu), as an
    office reports them: one row per jenis present, one column per value, plus ``jumlah``.

    ``sc`` is a score frame with ``nip``; ``pegawai`` a PeriodeData.pegawai (or any frame with nip and
    jenis_pegawai). Labels come from :data:`kinerja.domain.nip.JENIS_PEGAWAI_LABEL`."""
    from kinerja.domain.nip import JENIS_PEGAWAI, JENIS_PEGAWAI_LABEL, jenis_pegawai_dari_nomor

    jenis_of = pegawai.drop_duplicates("nip").set_index("nip")["jenis_pegawai"] \
        if "jenis_pegawai" in pegawai.columns else pd.Series(dtype=object)
    jenis = sc["nip"].map(jenis_of)
    jenis = jenis.where(jenis.notna(), jenis_pegawai_dari_nomor(sc["nip"]))
    t = pd.crosstab(jenis, sc[kolom])
    order = [j for j in JENIS_PEGAWAI if j in t.index]
    t = t.reindex(order).fillna(0).astype(int)
    t["jumlah"] = t.sum(axis=1)
    t.index = [JENIS_PEGAWAI_LABEL[j] for j in t.index]
    t.index.name = "jenis_pegawai"
    t.columns.name = None
    return t

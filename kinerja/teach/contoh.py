"""Data for the teaching apps: the sample instansi, one pegawai's SKP, a made-up pegawai."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd


_SAMPLE = None


def _sample_ws():
    """The sample instansi (in memory, generated once per process)."""
    global _SAMPLE
    if _SAMPLE is None:
        from kinerja.services.sample import sample_instansi

        _SAMPLE = sample_instansi()
    return _SAMPLE


def data_contoh(periode: str = "2026", ws=None):
    """PeriodeData of the sample instansi (or ``ws``) for ``periode``."""
    from kinerja.schemes import periode_data

    return periode_data(ws if ws is not None else _sample_ws(), periode)


def skp_contoh(data, nip: str | None = None) -> tuple[dict, pd.DataFrame]:
    """One pegawai's SKP for the slider walk: (pegawai info, indikator rows).

    Default pegawai: the first one (not a unit head) whose suggestion is decided by the Utama rule,
    so the walk shows the rule at work.
    """
    from kinerja.schemes import permenpanrb_2022 as s22

    if nip is None:
        sc = s22.score(data)
        cand = sc[(sc["alasan_usulan_hasil_kerja"] == s22.ALASAN_HK["utama_di_bawah"]) & ~sc["kepala_unit"]]
        nip = (cand if len(cand) else sc[~sc["kepala_unit"]]).iloc[0]["nip"]
    p = data.pegawai.loc[nip]
    ind = data.indikator[data.indikator["nip"] == nip]
    cols = ["rhk_id", "rhk", "jenis", "iki_id", "indikator", "aspek", "arah", "target_periode", "satuan", "bobot",
            "realisasi"]
    info = {"nip": nip, "nama": p["nama"], "jabatan": p["jabatan"], "unit": p["unit"],
            "kepala_unit": bool(p.get("kepala_unit", False)), "periode": data.periode.kode}
    return info, ind[cols].rename(columns={"target_periode": "target"}).reset_index(drop=True)


def data_satu_pegawai(indikator: Sequence[Mapping], perilaku: Mapping[str, float] | None = None,
                      struktural: bool = False, periode: str = "2026", nip: str = "199001012020011001",
                      nama: str = "Pegawai Contoh"):
    """A PeriodeData for one made-up pegawai, so participants' own numbers go through the schemes.

    ``indikator``: dicts with rhk_id, aspek, target, realisasi (and optional jenis, arah, bobot,
    indikator). ``perilaku``: aspect code or label -> nilai (PP 46 aspects and/or BerAKHLAK values).
    """
    from kinerja.domain.config import load_config
    from kinerja.dataset.frames import INDIKATOR_COLUMNS, PeriodeData
    from kinerja.domain.periode import parse_periode

    jj = "administrator" if struktural else "pelaksana"
    peg = pd.DataFrame([{"nip": nip, "nama": nama, "unit": "Unit Contoh", "jabatan": "Jabatan Contoh",
                         "jenis_jabatan": jj, "nip_atasan": np.nan, "kepala_unit": False}], index=[nip])
    rows = []
    for k, d in enumerate(indikator, 1):
        aspek = d["aspek"]
        rows.append({"nip": nip, "rhk_id": d.get("rhk_id", "RHK-1"), "iki_id": d.get("iki_id", f"{k}"),
                     "rhk": d.get("rhk", "Kegiatan contoh"), "jenis": d.get("jenis", "utama"),
                     "indikator": d.get("indikator", f"Indikator {aspek}"), "aspek": aspek,
                     "arah": d.get("arah", "turun" if aspek in ("waktu", "biaya") else "naik"),
                     "target": float(d["target"]), "target_periode": float(d["target"]),
                     "satuan": d.get("satuan", ""), "bobot": d.get("bobot", np.nan),
                     "realisasi": np.nan if d.get("realisasi") is None else float(d["realisasi"])})
    ind = pd.DataFrame(rows).reindex(columns=INDIKATOR_COLUMNS)
    per = pd.DataFrame([{"nip": nip, "aspek": k, "rating": None, "nilai": float(v), "catatan": None}
                        for k, v in (perilaku or {}).items()], columns=["nip", "aspek", "rating", "nilai", "catatan"])
    pen = pd.DataFrame(columns=["nip", "rating_hasil_kerja", "rating_perilaku", "alasan", "catatan"])
    org = pd.DataFrame(columns=["capaian"])
    return PeriodeData(parse_periode(periode), peg, ind, per, pen, org, load_config("permenpanrb_2022"))


CONTOH_PP46 = {
    "kegiatan": [
        {"rhk_id": "Kegiatan 1", "aspek": "kuantitas", "target": 240, "realisasi": 228, "indikator": "Berkas diproses"},
        {"rhk_id": "Kegiatan 1", "aspek": "kualitas", "target": 100, "realisasi": 90, "indikator": "Mutu berkas"},
        {"rhk_id": "Kegiatan 1", "aspek": "waktu", "target": 12, "realisasi": 12, "indikator": "Waktu (bulan)"},
    ],
    "perilaku": {"orientasi_pelayanan": 85, "integritas": 88, "komitmen": 84, "disiplin": 80, "kerja_sama": 86},
}

"""The KPI scheme in the classroom (notebook 06): the playground's config and scores, and the
exercises. The starting config is the workspace's (``kpi.load_config(workspace=...)``)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from kinerja.domain import format as fmt
from kinerja.teach.latihan import Soal, _pilihan_angka
from kinerja.teach.sumber import SUMBER_KPI


def kpi_config(bobot_hasil: float | None = None, batas: Mapping[str, float] | None = None,
               batas_capaian: float | None = None, dasar: dict | str | None = None) -> dict:
    """A KPI config: ``dasar`` (a config dict, a shipped name or TOML path; None = the shipped default)
    with the playground's changes; validated (InputError). ``bobot_hasil`` None keeps dasar's weights."""
    from kinerja.schemes import kpi

    cfg = dict(dasar) if isinstance(dasar, dict) else kpi.load_config(dasar)
    if bobot_hasil is not None:
        cfg["bobot_hasil"] = round(float(bobot_hasil), 4)
        cfg["bobot_perilaku"] = round(1.0 - float(bobot_hasil), 4)
    if batas_capaian is not None:
        cfg["batas_capaian"] = float(batas_capaian)
    if batas:
        cfg["kategori"] = [{"nama": b["nama"], "min": float(batas.get(b["nama"], b["min"]))} for b in cfg["kategori"]]
    return kpi.validate_config(cfg)


def simulasi_kpi(data, unit: str | None = None, bobot_hasil: float | None = None, bobot_utama: float | None = None,
                 bobot_tambahan: float | None = None, batas: Mapping[str, float] | None = None,
                 batas_capaian: float | None = None, dasar: dict | str | None = None) -> pd.DataFrame:
    """The KPI playground: the unit scored with the changed config, next to the starting config
    ``dasar`` (the workspace's KPI config; None = the shipped default).

    ``bobot_utama``/``bobot_tambahan`` replace every indikator's bobot by RHK jenis (None keeps the
    SKP's own bobot). Columns: nama, nilai_hasil, nilai_perilaku, nilai, predikat, peringkat,
    nilai_awal, predikat_awal, peringkat_awal, naik (rank places gained; positive = moved up).
    """
    from kinerja.dataset.frames import subset
    from kinerja.schemes import kpi

    if unit is not None:
        data = subset(data, data.pegawai.index[data.pegawai["unit"] == unit])
    awal = kpi.score(data, kpi_config(dasar=dasar))
    changed = data
    if bobot_utama is not None or bobot_tambahan is not None:
        ind = data.indikator.copy()
        utama = ind["jenis"].astype(str).str.lower() == "utama"
        if bobot_utama is not None:
            ind.loc[utama, "bobot"] = float(bobot_utama)
        if bobot_tambahan is not None:
            ind.loc[~utama, "bobot"] = float(bobot_tambahan)
        changed = type(data)(data.periode, data.pegawai, ind, data.perilaku, data.penilaian, data.organisasi,
                             data.config)
    baru = kpi.score(changed, kpi_config(bobot_hasil, batas, batas_capaian, dasar))
    out = baru[["nip", "nama", "nilai_hasil", "nilai_perilaku", "nilai", "predikat"]].copy()
    out["peringkat"] = _rank(out["nilai"])
    out["nilai_awal"] = awal["nilai"].to_numpy()
    out["predikat_awal"] = awal["predikat"].to_numpy()
    out["peringkat_awal"] = _rank(awal["nilai"]).to_numpy()
    out["naik"] = out["peringkat_awal"] - out["peringkat"]
    return out.sort_values(["peringkat", "nama"]).reset_index(drop=True)


def _rank(values: pd.Series) -> pd.Series:
    """1 = best; ties share the better place (competition ranking); NaN last."""
    return pd.Series(values).rank(ascending=False, method="min", na_option="bottom").astype(int)


def soal_kpi_turun(target: float, realisasi: float, satuan: str = "hari", id: str | None = None) -> Soal:
    """KPI: capaian of a lower-is-better indikator, (2 - R/T) x 100%."""
    from kinerja.schemes import kpi

    benar_n = kpi.capaian(target, realisasi, "turun")
    salah = [realisasi / target * 100, target / realisasi * 100, 100.0]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    khusus = {fmt.angka(realisasi / target * 100): "Untuk indikator \"makin kecil makin baik\", rumusnya dibalik."}
    return Soal(id or f"kpi-turun-{target}-{realisasi}", "KPI: indikator makin kecil makin baik",
                f"Target waktu layanan paling lama {fmt.angka(target)} {satuan}; realisasinya {fmt.angka(realisasi)} {satuan}. "
                "Berapa capaiannya (%) pada skema KPI?", pilihan, benar,
                "Untuk indikator yang makin kecil makin baik: capaian = (2 - realisasi / target) x 100%.",
                f"Capaiannya {benar}% = (2 - {fmt.angka(realisasi)} / {fmt.angka(target)}) x 100%.", SUMBER_KPI,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_kpi_nilai(nilai_hasil: float, nilai_perilaku: float, bobot_hasil: float | None = None,
                   id: str | None = None) -> Soal:
    """KPI: nilai kinerja = bobot hasil x hasil + bobot perilaku x perilaku (default: the shipped KPI's)."""
    if bobot_hasil is None:
        bobot_hasil = float(kpi_config()["bobot_hasil"])
    bp = 1 - bobot_hasil
    benar_n = bobot_hasil * nilai_hasil + bp * nilai_perilaku
    salah = [bp * nilai_hasil + bobot_hasil * nilai_perilaku, (nilai_hasil + nilai_perilaku) / 2,
             0.6 * nilai_hasil + 0.4 * nilai_perilaku]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    return Soal(id or f"kpi-nilai-{nilai_hasil}-{nilai_perilaku}", "KPI: nilai kinerja",
                f"Pada KPI {fmt.angka(bobot_hasil * 100)}/{fmt.angka(bp * 100)}, nilai hasil kerja {fmt.angka(nilai_hasil)} dan nilai perilaku "
                f"{fmt.angka(nilai_perilaku)}. Berapa nilai kinerjanya?", pilihan, benar,
                f"Nilai kinerja = {fmt.persen_pecahan(bobot_hasil)} x nilai hasil kerja + {fmt.persen_pecahan(bp)} x "
                "nilai perilaku "
                "(bentuk PP 30/2019 Pasal 41).",
                f"Nilainya {benar}.", SUMBER_KPI)

"""One unit under the three schemes side by side (notebook 06), and notebook 06's exercise set."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd

from kinerja.domain import format as fmt
from kinerja.domain import labels
from kinerja.teach.kpi import _rank, kpi_config, soal_kpi_nilai, soal_kpi_turun
from kinerja.teach.latihan import Soal
from kinerja.teach.pp46 import soal_prestasi, soal_sebutan, soal_waktu


_URUTAN_PREDIKAT = {p: i for i, p in enumerate(labels.PREDIKAT)}


def bandingkan_skema(data, unit: str, kpi_cfg: dict | None = None) -> pd.DataFrame:
    """The same unit under the three schemes side by side, with each pegawai's rank per scheme and
    a plain reason for who moves.

    The 2022 scheme has no number; its order is by predikat (best first), then mean capaian RHK.
    """
    from kinerja.dataset.frames import subset
    from kinerja.schemes import kpi
    from kinerja.schemes import permenpanrb_2022 as s22
    from kinerja.schemes import pp46_2011 as pp46

    d = subset(data, data.pegawai.index[data.pegawai["unit"] == unit])
    a = s22.score(d).set_index("nip")
    b = pp46.score(d).set_index("nip")
    kcfg = kpi_config(dasar=kpi_cfg)
    c = kpi.score(d, kcfg).set_index("nip")
    out = pd.DataFrame({"nama": a["nama"], "rating_hasil_kerja": a["rating_hasil_kerja"],
                        "rating_perilaku": a["rating_perilaku"], "predikat_2022": a["predikat"],
                        "capaian_rata": a["capaian_rata"],
                        "nilai_pp46": b["nilai"], "kategori_pp46": b["predikat"],
                        "nilai_kpi": c["nilai"], "kategori_kpi": c["predikat"]})
    key = out["predikat_2022"].map(_URUTAN_PREDIKAT).fillna(len(labels.PREDIKAT)).astype(float)
    order = pd.DataFrame({"k": key, "c": -out["capaian_rata"].fillna(-1e9)}).sort_values(["k", "c"])
    out["peringkat_2022"] = pd.Series(np.arange(1, len(order) + 1), index=order.index).reindex(out.index)
    out["peringkat_pp46"] = _rank(out["nilai_pp46"]).to_numpy()
    out["peringkat_kpi"] = _rank(out["nilai_kpi"]).to_numpy()
    ranks = out[["peringkat_2022", "peringkat_pp46", "peringkat_kpi"]]
    out["selisih_peringkat"] = ranks.max(axis=1) - ranks.min(axis=1)

    ind = d.indikator
    capai = s22.hitung_capaian(ind)["capaian"].to_numpy()
    wb = ind["aspek"].isin(["waktu", "biaya"]).to_numpy() & (ind["target_periode"] > 0).to_numpy()
    nilai46 = pp46.nilai_aspek_array(ind["aspek"].to_numpy(dtype=object), ind["target_periode"],
                                     ind["realisasi"].fillna(0.0))
    # waktu/biaya met (capaian >= 100%) that PP 46 still scores at most 80 (76 at exactly on target)
    tepat_76 = pd.Series(wb & (capai >= 100.0) & (nilai46 <= 80.0), index=ind.index).groupby(ind["nip"]).sum()
    dipotong = pd.Series(capai > float(kcfg["batas_capaian"]), index=ind.index).groupby(ind["nip"]).sum()
    out["mengapa"] = [alasan_perbedaan(r, int(tepat_76.get(nip, 0)), int(dipotong.get(nip, 0)),
                                       float(kcfg["bobot_perilaku"]))
                      for nip, r in out.iterrows()]
    return out.sort_values(["peringkat_2022"]).reset_index(names="nip")


def alasan_perbedaan(row, jumlah_waktu_76: int = 0, jumlah_dipotong: int = 0,
                     bobot_perilaku_kpi: float | None = None) -> str:
    """A plain sentence on why one pegawai lands differently under the three schemes.

    ``row``: a row of :func:`bandingkan_skema`; ``jumlah_waktu_76``: waktu/biaya indikator met on
    target that PP 46 still scores about 76; ``jumlah_dipotong``: indikator above the KPI cap.
    """
    from kinerja.schemes import pp46_2011 as pp46

    if bobot_perilaku_kpi is None:
        bobot_perilaku_kpi = float(kpi_config()["bobot_perilaku"])
    hk, pk, p22 = row["rating_hasil_kerja"], row["rating_perilaku"], row["predikat_2022"]
    angka_baik = row["kategori_pp46"] in ("Sangat Baik", "Baik") or row["kategori_kpi"] in ("Sangat Baik", "Baik")
    parts = []
    if pk == "di_bawah" and hk != "di_bawah":
        parts.append(f"Perilaku kerja di bawah ekspektasi langsung membuat predikat 2022 menjadi {p22} (kuadran), "
                     f"sedangkan di skema angka perilaku hanya ikut {fmt.persen_pecahan(pp46.BOBOT_PERILAKU)} (PP 46) "
                     f"atau {fmt.persen_pecahan(bobot_perilaku_kpi)} (KPI) dari nilai.")
    elif hk == "di_bawah" and angka_baik:
        parts.append("Menurut aturan 2022 hasil kerjanya di bawah ekspektasi (banyak RHK, atau lebih dari sebagian "
                     f"kecil RHK Utama, di bawah target), tetapi rata-rata capaiannya {fmt.angka(row['capaian_rata'], 1)}%, "
                     "sehingga skema angka masih memberi sebutan Baik.")
    elif hk == "di_bawah":
        parts.append("Hasil kerjanya rendah di semua skema.")
    elif hk == "sesuai" and pk == "di_atas":
        parts.append("Perilaku di atas ekspektasi tidak menaikkan predikat 2022 bila hasil kerja hanya sesuai "
                     "ekspektasi (tetap Baik), tetapi di skema angka perilaku yang tinggi menaikkan nilai.")
    elif hk == "di_atas" and pk == "sesuai":
        parts.append("Hasil kerja di atas ekspektasi dengan perilaku sesuai ekspektasi tetap Baik di 2022; di skema "
                     "angka hasil kerja yang tinggi langsung menaikkan nilai.")
    elif p22 == labels.SANGAT_BAIK:
        parts.append("Hasil kerja dan perilaku kerja sama-sama di atas ekspektasi: tinggi di semua skema.")
    if jumlah_waktu_76 and row.get("peringkat_pp46", 0) > row.get("peringkat_kpi", 0):
        parts.append(f"Di PP 46 peringkatnya lebih rendah: {jumlah_waktu_76} indikator waktu/biaya tercapai sesuai "
                     f"target hanya bernilai sekitar {fmt.angka(pp46.NILAI_EFISIENSI_TINGGI)}, bukan 100.")
    if jumlah_dipotong:
        parts.append(f"{jumlah_dipotong} indikator melampaui batas capaian KPI dan dipotong, jadi kelebihannya tidak "
                     "dihitung di KPI.")
    if not parts:
        if row.get("selisih_peringkat", 0) >= 2:
            parts.append("Nilainya berdekatan dengan rekan-rekannya, jadi perbedaan kecil antara rumus skema sudah "
                         "cukup untuk menggeser urutannya.")
        else:
            parts.append("Posisinya kurang lebih sama di ketiga skema.")
    return " ".join(parts)


def latihan_angka(acak: bool = False, seed: int = 0) -> list[Soal]:
    """The notebook 06 exercise set (fixed by default; ``acak=True`` draws new numbers from ``seed``)."""
    if not acak:
        return [soal_waktu(12, 12, id="waktu-tepat"), soal_waktu(12, 6, id="waktu-cepat"),
                soal_prestasi(85, 80, id="prestasi"), soal_sebutan(90.0, id="sebutan"),
                soal_kpi_turun(10, 8, id="kpi-turun"), soal_kpi_nilai(104, 100, id="kpi-nilai")]
    rng = random.Random(seed)
    t = rng.choice([6, 10, 12, 20])
    return [soal_waktu(t, t * rng.choice([0.9, 1.0, 1.1]), id="waktu-1"),
            soal_waktu(t, t * rng.choice([0.5, 0.6, 0.7]), id="waktu-2"),
            soal_prestasi(rng.randint(70, 95), rng.randint(70, 95), id="prestasi"),
            soal_sebutan(rng.choice([50.0, 60.0, 75.0, 90.0, 90.5, 75.5]), id="sebutan"),
            soal_kpi_turun(t, round(t * rng.choice([0.7, 0.8, 1.2]), 1), id="kpi-turun"),
            soal_kpi_nilai(rng.randint(85, 115), rng.choice([70, 100, 110]), id="kpi-nilai")]

"""PP 46/2011 in the classroom (notebook 06): the waktu/biaya kink, the step-by-step formula and the
exercises. Every number and every formula text comes from :mod:`kinerja.schemes.pp46_2011`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from kinerja.domain import format as fmt
from kinerja.teach.contoh import data_satu_pegawai
from kinerja.teach.latihan import Soal, _pilihan_angka
from kinerja.teach.sumber import SUMBER_PP46


def kurva_nilai_waktu(rasio: Sequence[float] | None = None) -> pd.DataFrame:
    """Nilai aspek waktu/biaya against realisasi/target (the kink at 24% efisiensi)."""
    from kinerja.schemes import pp46_2011 as pp46

    r = np.linspace(0.3, 1.4, 221) if rasio is None else np.asarray(rasio, dtype=float)
    return pd.DataFrame({"rasio": r, "efisiensi": 100.0 - r * 100.0,
                         "nilai": pp46.nilai_aspek_array(np.full(len(r), "waktu", dtype=object), np.ones(len(r)), r)})


def langkah_waktu(target: float, realisasi: float) -> dict:
    """The waktu/biaya computation step by step: efisiensi, which formula, nilai."""
    from kinerja.schemes import pp46_2011 as pp46

    eff = pp46.efisiensi(target, realisasi)
    rendah = eff <= pp46.BATAS_EFISIENSI + 1e-9
    nilai = pp46.nilai_aspek("waktu", target, realisasi)
    return {"efisiensi": eff, "rumus": "pertama" if rendah else "kedua", "nilai": nilai,
            "teks": [f"efisiensi = 100 - (realisasi / target x 100) = 100 - ({fmt.angka(realisasi)} / {fmt.angka(target)} x 100)"
                     f" = {fmt.angka(eff)}%",
                     (f"efisiensi {fmt.angka(eff)}% <= 24%, jadi dipakai rumus pertama: nilai = ((1,76 x {fmt.angka(target)} - "
                      f"{fmt.angka(realisasi)}) / {fmt.angka(target)}) x 100 = {fmt.angka(nilai)}") if rendah else
                     (f"efisiensi {fmt.angka(eff)}% > 24%, jadi dipakai rumus kedua: nilai = 76 - ((((1,76 x "
                      f"{fmt.angka(target)} - {fmt.angka(realisasi)}) / {fmt.angka(target)}) x 100) - 100) = {fmt.angka(nilai)}")]}


def coba_pp46(kegiatan: Sequence[Mapping], perilaku: Mapping[str, float], struktural: bool = False):
    """PP 46/2011 explanation of made-up numbers: ``kegiatan`` = indikator dicts (rhk_id, aspek,
    target, realisasi); ``perilaku`` = PP 46 aspect -> nilai. Returns the Explanation."""
    from kinerja.schemes import pp46_2011 as pp46

    data = data_satu_pegawai(kegiatan, perilaku, struktural)
    return pp46.explain(data, data.pegawai.index[0])


def soal_waktu(target: float, realisasi: float, satuan: str = "bulan", id: str | None = None) -> Soal:
    """PP 46: the nilai of a waktu aspect (the efisiensi formula)."""
    from kinerja.schemes import pp46_2011 as pp46

    w = langkah_waktu(target, realisasi)
    base = (pp46.FAKTOR_EFISIENSI * target - realisasi) / target * 100
    salah = [realisasi / target * 100, base, pp46.NILAI_EFISIENSI_TINGGI - (base - 100), 100.0, 76.0, 88.0, 50.0]
    pilihan, benar = _pilihan_angka(w["nilai"], salah)
    pertanyaan = (f"Target waktu sebuah kegiatan {fmt.angka(target)} {satuan}; kegiatan selesai dalam {fmt.angka(realisasi)} "
                  f"{satuan}. Berapa nilai aspek waktu menurut PP 46/2011?")
    petunjuk = ("Hitung dulu efisiensi = 100 - (realisasi / target x 100). Bila efisiensi paling tinggi 24%, pakai "
                "rumus ((1,76 x target - realisasi) / target) x 100; bila lebih dari 24%, pakai "
                "76 - ((((1,76 x target - realisasi) / target) x 100) - 100) (Perka BKN 1/2013).")
    khusus = {fmt.angka(realisasi / target * 100): "Aspek waktu tidak dihitung realisasi / target x 100 seperti kuantitas."}
    if w["rumus"] == "kedua":
        khusus.setdefault(fmt.angka(base), "Efisiensinya lebih dari 24%, jadi rumus pertama tidak berlaku.")
    return Soal(id or f"waktu-{target}-{realisasi}", "PP 46: aspek waktu", pertanyaan, pilihan, benar, petunjuk,
                "Nilainya " + benar + ". " + " ".join(w["teks"]), SUMBER_PP46,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_prestasi(nilai_skp: float, nilai_perilaku: float, id: str | None = None) -> Soal:
    """PP 46: nilai prestasi kerja = 60% SKP + 40% perilaku."""
    from kinerja.schemes import pp46_2011 as pp46

    benar_n = pp46.nilai_prestasi_kerja(nilai_skp, nilai_perilaku)
    salah = [(nilai_skp + nilai_perilaku) / 2, 0.4 * nilai_skp + 0.6 * nilai_perilaku, 0.7 * nilai_skp + 0.3 * nilai_perilaku]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    khusus = {fmt.angka(0.4 * nilai_skp + 0.6 * nilai_perilaku): "Bobotnya tertukar.",
              fmt.angka((nilai_skp + nilai_perilaku) / 2): "Ini rata-rata biasa; SKP dan perilaku tidak berbobot sama."}
    return Soal(id or f"prestasi-{nilai_skp}-{nilai_perilaku}", "PP 46: nilai prestasi kerja",
                f"Nilai capaian SKP {fmt.angka(nilai_skp)} dan nilai perilaku kerja {fmt.angka(nilai_perilaku)}. Berapa nilai "
                "prestasi kerja menurut PP 46/2011?", pilihan, benar,
                "Nilai prestasi kerja = 60% x nilai capaian SKP + 40% x nilai perilaku kerja (PP 46/2011).",
                f"Nilainya {benar} = 60% x {fmt.angka(nilai_skp)} + 40% x {fmt.angka(nilai_perilaku)}; sebutannya "
                f"{pp46.kategori(benar_n)}.", SUMBER_PP46,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_sebutan(nilai: float, id: str | None = None) -> Soal:
    """PP 46: the sebutan of a nilai (band edges are the usual trap)."""
    from kinerja.schemes import pp46_2011 as pp46

    benar = pp46.kategori(nilai)
    return Soal(id or f"sebutan-{nilai}", "PP 46: sebutan", f"Nilai prestasi kerja seorang pegawai {fmt.angka(nilai)}. "
                "Apa sebutannya menurut PP 46/2011?", pp46.KATEGORI, benar,
                "Batasnya: 91 ke atas Sangat Baik; 76-90 Baik; 61-75 Cukup; 51-60 Kurang; 50 ke bawah Buruk. "
                "Perhatikan batas bawah tiap sebutan.",
                f"Sebutannya {benar}.", SUMBER_PP46)

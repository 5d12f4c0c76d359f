"""PP 46/2011 in the classroom (notebook 06): the waktu/biaya kink, the step-by-step formula and the
exercises. Every number and every formula text comes from :mod:`kinerja.schemes.pp46_2011`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from kinerja.domain import format as fmt
from kinerja.schemes import pp46_2011 as pp46
from kinerja.teach.contoh import data_satu_pegawai
from kinerja.teach.latihan import Soal, _pilihan_angka
from kinerja.teach.sumber import SUMBER_PP46


def kurva_nilai_waktu(rasio: Sequence[float] | None = None) -> pd.DataFrame:
    """Nilai aspek waktu/biaya against realisasi/target (the kink at the efisiensi limit)."""
    r = np.linspace(0.3, 1.4, 221) if rasio is None else np.asarray(rasio, dtype=float)
    return pd.DataFrame({"rasio": r, "efisiensi": 100.0 - r * 100.0,
                         "nilai": pp46.nilai_aspek_array(np.full(len(r), "waktu", dtype=object), np.ones(len(r)), r)})


def _isi(rumus: str, target: float, realisasi: float) -> str:
    """A formula of :mod:`kinerja.schemes.pp46_2011` with the numbers put in."""
    return rumus.replace("target", fmt.angka(target)).replace("realisasi", fmt.angka(realisasi))


def langkah_waktu(target: float, realisasi: float) -> dict:
    """The waktu/biaya computation step by step: efisiensi, which formula, nilai."""
    eff = pp46.efisiensi(target, realisasi)
    rendah = eff <= pp46.BATAS_EFISIENSI + pp46._EPS
    nilai = pp46.nilai_aspek("waktu", target, realisasi)
    batas = fmt.angka(pp46.BATAS_EFISIENSI)
    rumus = pp46.RUMUS_NILAI_RENDAH if rendah else pp46.RUMUS_NILAI_TINGGI
    pilih = (f"efisiensi {fmt.angka(eff)}% <= {batas}%, jadi dipakai rumus pertama" if rendah else
             f"efisiensi {fmt.angka(eff)}% > {batas}%, jadi dipakai rumus kedua")
    return {"efisiensi": eff, "rumus": "pertama" if rendah else "kedua", "nilai": nilai,
            "teks": [f"{pp46.RUMUS_EFISIENSI} = {_isi(pp46.RUMUS_EFISIENSI.split(' = ', 1)[1], target, realisasi)}"
                     f" = {fmt.angka(eff)}%",
                     f"{pilih}: {rumus} = {_isi(rumus.split(' = ', 1)[1], target, realisasi)} = {fmt.angka(nilai)}"]}


def coba_pp46(kegiatan: Sequence[Mapping], perilaku: Mapping[str, float], struktural: bool = False):
    """PP 46/2011 explanation of made-up numbers: ``kegiatan`` = indikator dicts (rhk_id, aspek,
    target, realisasi); ``perilaku`` = PP 46 aspect -> nilai. Returns the Explanation."""
    data = data_satu_pegawai(kegiatan, perilaku, struktural)
    return pp46.explain(data, data.pegawai.index[0])


def soal_waktu(target: float, realisasi: float, satuan: str = "bulan", id: str | None = None) -> Soal:
    """PP 46: the nilai of a waktu aspect (the efisiensi formula)."""
    w = langkah_waktu(target, realisasi)
    base = (pp46.FAKTOR_EFISIENSI * target - realisasi) / target * 100
    salah = [realisasi / target * 100, base, pp46.NILAI_EFISIENSI_TINGGI - (base - 100), 100.0,
             pp46.NILAI_EFISIENSI_TINGGI, 88.0, 50.0]
    pilihan, benar = _pilihan_angka(w["nilai"], salah)
    batas = fmt.angka(pp46.BATAS_EFISIENSI)
    pertanyaan = (f"Target waktu sebuah kegiatan {fmt.angka(target)} {satuan}; kegiatan selesai dalam "
                  f"{fmt.angka(realisasi)} {satuan}. Berapa nilai aspek waktu menurut PP 46/2011?")
    petunjuk = (f"Hitung dulu {pp46.RUMUS_EFISIENSI}. Bila efisiensi paling tinggi {batas}%, pakai "
                f"{pp46.RUMUS_NILAI_RENDAH}; bila lebih dari {batas}%, pakai {pp46.RUMUS_NILAI_TINGGI} "
                "(Perka BKN 1/2013).")
    khusus = {fmt.angka(realisasi / target * 100): "Aspek waktu tidak dihitung realisasi / target x 100 seperti kuantitas."}
    if w["rumus"] == "kedua":
        khusus.setdefault(fmt.angka(base), f"Efisiensinya lebih dari {batas}%, jadi rumus pertama tidak berlaku.")
    return Soal(id or f"waktu-{target}-{realisasi}", "PP 46: aspek waktu", pertanyaan, pilihan, benar, petunjuk,
                "Nilainya " + benar + ". " + " ".join(w["teks"]), SUMBER_PP46,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_prestasi(nilai_skp: float, nilai_perilaku: float, id: str | None = None) -> Soal:
    """PP 46: nilai prestasi kerja = BOBOT_SKP x SKP + BOBOT_PERILAKU x perilaku."""
    bs, bp = pp46.BOBOT_SKP, pp46.BOBOT_PERILAKU
    benar_n = pp46.nilai_prestasi_kerja(nilai_skp, nilai_perilaku)
    tertukar = bp * nilai_skp + bs * nilai_perilaku
    rata = (nilai_skp + nilai_perilaku) / 2
    salah = [rata, tertukar, 0.7 * nilai_skp + 0.3 * nilai_perilaku]
    pilihan, benar = _pilihan_angka(benar_n, salah)
    khusus = {fmt.angka(tertukar): "Bobotnya tertukar.",
              fmt.angka(rata): "Ini rata-rata biasa; SKP dan perilaku tidak berbobot sama."}
    isi = f"{fmt.angka(bs * 100)}% x {fmt.angka(nilai_skp)} + {fmt.angka(bp * 100)}% x {fmt.angka(nilai_perilaku)}"
    return Soal(id or f"prestasi-{nilai_skp}-{nilai_perilaku}", "PP 46: nilai prestasi kerja",
                f"Nilai capaian SKP {fmt.angka(nilai_skp)} dan nilai perilaku kerja {fmt.angka(nilai_perilaku)}. "
                "Berapa nilai prestasi kerja menurut PP 46/2011?", pilihan, benar,
                f"Nilai prestasi kerja = {pp46.teks_bobot()} (PP 46/2011).",
                f"Nilainya {benar} = {isi}; sebutannya {pp46.kategori(benar_n)}.", SUMBER_PP46,
                petunjuk_khusus={k: v for k, v in khusus.items() if k != benar and k in pilihan})


def soal_sebutan(nilai: float, id: str | None = None) -> Soal:
    """PP 46: the sebutan of a nilai (band edges are the usual trap; the bands as
    :func:`kinerja.schemes.pp46_2011.teks_sebutan` states them)."""
    benar = pp46.kategori(nilai)
    return Soal(id or f"sebutan-{nilai}", "PP 46: sebutan", f"Nilai prestasi kerja seorang pegawai {fmt.angka(nilai)}. "
                "Apa sebutannya menurut PP 46/2011?", pp46.KATEGORI, benar,
                f"Batasnya: {pp46.teks_sebutan()}. Perhatikan batas bawah tiap sebutan: nilai berkoma di antara "
                "dua rentang bulat masuk ke sebutan yang lebih tinggi.",
                f"Sebutannya {benar}.", SUMBER_PP46)

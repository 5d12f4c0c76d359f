"""Where each teaching rule comes from (shown under exercises and simulators), and short labels."""

from __future__ import annotations

SUMBER_KUADRAN = "PermenPANRB 6/2022, Lampiran hlm. 99-100 (Kuadran Kinerja Pegawai)"


SUMBER_RATING_HK = "PermenPANRB 6/2022, Lampiran hlm. 97-98 (panduan rating hasil kerja)"


SUMBER_RATING_PK = "PermenPANRB 6/2022, Lampiran hlm. 98 (panduan rating perilaku kerja)"


SUMBER_KURVA = ("PermenPANRB 6/2022, Lampiran hlm. 94-97 (pola distribusi); angka persen dari "
                "SE MenPANRB 3/2023 (sumber sekunder)")


SUMBER_BERAKHLAK = "PermenPANRB 6/2022, Lampiran hlm. 29-30 (nilai dasar BerAKHLAK dan panduan perilaku)"


SUMBER_PP46 = "PP 46/2011 dan Perka BKN 1/2013"


SUMBER_KPI = "PP 30/2019 Pasal 41 (bentuk umum); konfigurasi KPI instansi"


RATING_PENDEK = {"di_atas": "di atas ekspektasi", "sesuai": "sesuai ekspektasi", "di_bawah": "di bawah ekspektasi"}


YA, TIDAK = "Ya, sesuai kurva", "Tidak sesuai kurva"

"""Labels from PermenPANRB 6/2022, written exactly as the regulation writes them.

Ratings are stored as short codes (``di_atas``, ``sesuai``, ``di_bawah``) and shown with their full
label. Every function here accepts either form, case-insensitively.
"""

from __future__ import annotations

import re

# Rating hasil kerja / rating perilaku kerja (Lampiran, hlm. 97-99).
RATING_LABEL = {
    "di_atas": "Di Atas Ekspektasi",
    "sesuai": "Sesuai Ekspektasi",
    "di_bawah": "Di Bawah Ekspektasi",
}
RATINGS = tuple(RATING_LABEL)  # best first

# Predikat kinerja pegawai (Lampiran, hlm. 99-100 and 102-103), best first.
SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG = (
    "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
PREDIKAT = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

# Capaian kinerja organisasi (Lampiran, hlm. 89-94), best first.
CAPAIAN_ORGANISASI = ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")

JENIS_RHK = ("utama", "tambahan")
ASPEK = ("kuantitas", "kualitas", "waktu", "biaya")
ARAH = ("naik", "turun")  # naik: higher is better; turun: lower is better
JENIS_JABATAN = ("jpt", "administrator", "pengawas", "pelaksana", "fungsional")
JENIS_JABATAN_LABEL = {"jpt": "Pimpinan Tinggi", "administrator": "Administrator",
                       "pengawas": "Pengawas", "pelaksana": "Pelaksana", "fungsional": "Fungsional"}
# Perspektif RHK for JPT (Lampiran, hlm. 29).
PERSPEKTIF = ("penerima layanan", "proses bisnis", "penguatan internal", "anggaran")

# Nilai Dasar ASN BerAKHLAK and their panduan perilaku (Pasal 10; Lampiran, hlm. 29-30).
BERAKHLAK = {
    "berorientasi_pelayanan": ("Berorientasi Pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif, dan dapat diandalkan",
        "Melakukan perbaikan tiada henti")),
    "akuntabel": ("Akuntabel", (
        "Melaksanakan tugas dengan jujur, bertanggungjawab, cermat, disiplin dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggungjawab, efektif, dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan")),
    "kompeten": ("Kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik")),
    "harmonis": ("Harmonis", (
        "Menghargai setiap orang apapun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif")),
    "loyal": ("Loyal", (
        "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, "
        "setia kepada Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
        "Menjaga rahasia jabatan dan negara")),
    "adaptif": ("Adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif")),
    "kolaboratif": ("Kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama")),
}
BERAKHLAK_LABEL = {k: v[0] for k, v in BERAKHLAK.items()}

# PP 46/2011 perilaku kerja aspects (Pasal 12); kepemimpinan only for pejabat struktural.
PERILAKU_PP46 = {
    "orientasi_pelayanan": "Orientasi Pelayanan",
    "integritas": "Integritas",
    "komitmen": "Komitmen",
    "disiplin": "Disiplin",
    "kerja_sama": "Kerja Sama",
    "kepemimpinan": "Kepemimpinan",
}
# Jabatan that count as struktural for the kepemimpinan aspect.
JABATAN_STRUKTURAL = ("jpt", "administrator", "pengawas")


def _key(text) -> str:
    return re.sub(r"[^a-z]+", "_", str(text).strip().lower()).strip("_")


_RATING_ALIASES = {}
for _code, _label in RATING_LABEL.items():
    _RATING_ALIASES[_code] = _code
    _RATING_ALIASES[_key(_label)] = _code
    _RATING_ALIASES[_key(_label.replace(" Ekspektasi", ""))] = _code


def rating_code(value) -> str:
    """Normalise a rating (``di_atas``, ``Di Atas Ekspektasi``, ``di atas`` ...) to its code.

    Raises ValueError (Indonesian message) for anything else.
    """
    code = _RATING_ALIASES.get(_key(value))
    if code is None:
        raise ValueError(f"rating '{value}' tidak dikenal; gunakan Di Atas Ekspektasi, "
                         "Sesuai Ekspektasi atau Di Bawah Ekspektasi")
    return code


def rating_label(value) -> str:
    return RATING_LABEL[rating_code(value)]


_PREDIKAT_ALIASES = {_key(p): p for p in PREDIKAT}
_PREDIKAT_ALIASES.update({"kurang": KURANG, "misconduct": KURANG})


def predikat_label(value) -> str:
    p = _PREDIKAT_ALIASES.get(_key(value))
    if p is None:
        raise ValueError(f"predikat '{value}' tidak dikenal; gunakan salah satu dari: {', '.join(PREDIKAT)}")
    return p


_CAPAIAN_ALIASES = {_key(c): c for c in CAPAIAN_ORGANISASI}


def capaian_organisasi_label(value) -> str:
    c = _CAPAIAN_ALIASES.get(_key(value))
    if c is None:
        raise ValueError(f"capaian kinerja organisasi '{value}' tidak dikenal; gunakan salah satu dari: "
                         f"{', '.join(CAPAIAN_ORGANISASI)}")
    return c


_BERAKHLAK_ALIASES = {}
for _k, (_label, _) in BERAKHLAK.items():
    _BERAKHLAK_ALIASES[_k] = _k
    _BERAKHLAK_ALIASES[_key(_label)] = _k
_PP46_ALIASES = {_key(v): k for k, v in PERILAKU_PP46.items()} | {k: k for k in PERILAKU_PP46}


def aspek_perilaku_code(value) -> str:
    """Normalise a perilaku aspect: a BerAKHLAK value or a PP 46/2011 aspect."""
    k = _key(value)
    code = _BERAKHLAK_ALIASES.get(k) or _PP46_ALIASES.get(k)
    if code is None:
        raise ValueError(f"aspek perilaku '{value}' tidak dikenal; gunakan nilai BerAKHLAK "
                         f"({', '.join(BERAKHLAK_LABEL.values())}) atau aspek PP 46/2011")
    return code


# 360-degree feedback: who answers a questionnaire (kinerja.schemes.multirater, kinerja.store.store_360)
PERAN = ("atasan", "rekan", "bawahan", "diri", "masyarakat")
PERAN_LABEL = {"atasan": "atasan", "rekan": "rekan kerja", "bawahan": "bawahan", "diri": "diri sendiri",
               "masyarakat": "masyarakat", "gabungan": "gabungan", "lainnya": "orang lain"}
PERAN_ASN = ("atasan", "rekan", "bawahan", "diri")  # raters identified by NIP

# What every document shows instead of a predikat until the Pejabat Penilai has set both final ratings
# (kinerja.report): the system's suggestion is never printed as a final predikat.
PREDIKAT_USULAN = "Usulan — belum ditetapkan Pejabat Penilai"

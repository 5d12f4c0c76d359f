"""The workspace file contract with HR staff: which files, which columns, what each holds.

A workspace folder holds these CSV files, or one ``.xlsx`` workbook with one sheet per file name
(sheet ``pegawai`` for ``pegawai.csv`` ...). ``data_samples/README.md`` documents every column with
an example; keep the two in step (a test checks that every column here is documented there).

Column kinds:
  text     free text (stripped)
  nip      an 18-digit NIP (PNS) or NI PPPK, spaces allowed on input (kinerja.domain.nip)
  num      a number; a decimal comma ("87,5") is accepted
  periode  see kinerja.domain.periode
  tahun    a four-digit year
  enum     one of ``choices`` (case-insensitive)
  rating   a rating label or code (kinerja.domain.labels.rating_code)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.domain import labels
from kinerja.domain.nip import JENIS_PEGAWAI

AKUMULASI = ("ya", "tidak")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"
    required: bool = True          # the column must exist in the file
    nullable: bool = False         # a cell may be empty
    choices: tuple[str, ...] = ()  # for enum
    positive: bool = False         # for num: must be > 0
    nonnegative: bool = False      # for num: must be >= 0
    doc: str = ""
    example: str = ""


@dataclass(frozen=True)
class FileSpec:
    name: str                   # file stem, also the sheet name
    columns: tuple[Column, ...]
    key: tuple[str, ...]        # unique key
    required: bool = True       # the file must exist in a workspace
    doc: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


PEGAWAI = FileSpec("pegawai", (
    Column("nip", "nip", doc="NIP pegawai, 18 angka (spasi boleh)", example="19800101 200501 1 001"),
    Column("nama", doc="Nama lengkap dengan gelar", example="Dr. Rina Maharani, M.Kes."),
    Column("pangkat", nullable=True, doc="Pangkat", example="Pembina Utama Muda"),
    Column("golongan", nullable=True, doc="Golongan ruang", example="IV/c"),
    Column("jabatan", doc="Nama jabatan", example="Kepala Dinas Kesehatan"),
    Column("jenis_jabatan", "enum", choices=labels.JENIS_JABATAN,
           doc="jpt, administrator, pengawas, pelaksana atau fungsional", example="jpt"),
    Column("unit", doc="Unit kerja", example="Sekretariat"),
    Column("nip_atasan", "nip", nullable=True,
           doc="NIP Pejabat Penilai (atasan langsung); kosong untuk pimpinan tertinggi di workspace",
           example="19750505 199903 1 002"),
    Column("jenjang", required=False, nullable=True,
           doc="Jenjang jabatan fungsional (untuk angka kredit)", example="Ahli Pertama"),
    Column("koefisien_ak", "num", required=False, nullable=True, positive=True,
           doc="Koefisien angka kredit tahunan; kosong = dari jenjang", example="12,5"),
    Column("jenis_pegawai", "enum", required=False, nullable=True, choices=JENIS_PEGAWAI,
           doc="pns, pppk atau pppk_paruh_waktu; kosong = dari bentuk nomor (NIP PNS atau NI PPPK); "
               "harus cocok dengan bentuk nomornya", example="pppk_paruh_waktu"),
), key=("nip",), doc="Satu baris per pegawai.")

SKP = FileSpec("skp", (
    Column("periode", "tahun", doc="Tahun SKP", example="2026"),
    Column("nip", "nip", doc="NIP pegawai pemilik SKP", example="199001012015031001"),
    Column("rhk_id", doc="Kode RHK, unik per pegawai dan tahun", example="RHK-1"),
    Column("rhk", doc="Rencana Hasil Kerja", example="Meningkatnya cakupan imunisasi dasar lengkap"),
    Column("jenis", "enum", choices=labels.JENIS_RHK, doc="utama atau tambahan", example="utama"),
    Column("rhk_atasan", required=False, nullable=True,
           doc="rhk_id RHK atasan yang diintervensi (boleh kosong)", example="RHK-2"),
    Column("perspektif", "enum", required=False, nullable=True, choices=labels.PERSPEKTIF,
           doc="Perspektif (khusus JPT): penerima layanan, proses bisnis, penguatan internal, anggaran",
           example="penerima layanan"),
    Column("iki_id", doc="Kode indikator, unik dalam satu RHK", example="1.1"),
    Column("indikator", doc="Indikator Kinerja Individu (IKI)", example="Persentase bayi diimunisasi"),
    Column("aspek", "enum", choices=labels.ASPEK, doc="kuantitas, kualitas, waktu atau biaya",
           example="kuantitas"),
    Column("target", "num", positive=True, doc="Target tahunan (angka)", example="95"),
    Column("satuan", nullable=True, doc="Satuan target", example="persen"),
    Column("arah", "enum", required=False, nullable=True, choices=labels.ARAH,
           doc="naik (makin tinggi makin baik) atau turun (makin rendah makin baik); "
               "kosong = turun untuk waktu/biaya, naik untuk lainnya", example="naik"),
    Column("bobot", "num", required=False, nullable=True, nonnegative=True,
           doc="Bobot indikator untuk skema KPI (kosong = sama rata)", example="20"),
    Column("sumber", "enum", required=False, nullable=True, choices=("manual", "ikm"),
           doc="Sumber realisasi: manual, atau ikm (diambil dari survei kepuasan masyarakat unit)",
           example="manual"),
    Column("akumulasi", "enum", required=False, nullable=True, choices=AKUMULASI,
           doc="ya: target bertambah sepanjang tahun (jumlah, uang) dan dibagi per bulan untuk periode "
               "triwulan/semester/bulanan; tidak: target berlaku utuh (persen, rasio, indeks); "
               "kosong = ditentukan dari aspek dan satuan", example="tidak"),
    Column("mulai", "periode", required=False, nullable=True,
           doc="Hanya untuk pegawai yang pindah (mutasi) dalam tahun ini: bulan mulai penempatan yang "
               "memiliki SKP ini, sama dengan kolom mulai di penempatan; kosong untuk pegawai lain",
           example="2026-08"),
), key=("periode", "nip", "rhk_id", "iki_id"),
    doc="Satu baris per indikator (IKI). Pegawai yang pindah dalam tahun berjalan punya satu SKP per "
        "penempatan (kolom mulai); rhk_id tetap unik per pegawai dan tahun.")

REALISASI = FileSpec("realisasi", (
    Column("periode", "periode", doc="Periode penilaian", example="2026-TW1"),
    Column("nip", "nip", doc="NIP pegawai", example="199001012015031001"),
    Column("rhk_id", doc="Kode RHK dari skp", example="RHK-1"),
    Column("iki_id", doc="Kode indikator dari skp", example="1.1"),
    Column("realisasi", "num", nonnegative=True, doc="Realisasi pada periode ini (angka)", example="87,5"),
    Column("bukti", nullable=True, doc="Bukti dukung: tautan atau keterangan",
           example="https://drive.example.go.id/laporan-tw1.pdf"),
    Column("umpan_balik", nullable=True, doc="Umpan balik atasan atas RHK/indikator ini",
           example="Capaian baik, pertahankan"),
), key=("periode", "nip", "rhk_id", "iki_id"), doc="Satu baris per indikator per periode.")

PERILAKU = FileSpec("perilaku", (
    Column("periode", "periode", doc="Periode penilaian", example="2026"),
    Column("nip", "nip", doc="NIP pegawai", example="199001012015031001"),
    Column("aspek", doc="Nilai BerAKHLAK (mis. akuntabel) atau aspek PP 46/2011 (mis. integritas)",
           example="akuntabel"),
    Column("rating", "rating", nullable=True, doc="Rating: Di Atas/Sesuai/Di Bawah Ekspektasi",
           example="Sesuai Ekspektasi"),
    Column("nilai", "num", required=False, nullable=True, nonnegative=True,
           doc="Nilai angka 0-100 (untuk skema PP 46/2011 atau KPI)", example="85"),
    Column("catatan", required=False, nullable=True, doc="Catatan atasan", example="Konsisten dan ramah"),
), key=("periode", "nip", "aspek"), doc="Satu baris per aspek perilaku per periode.")

PENILAIAN = FileSpec("penilaian", (
    Column("periode", "periode", doc="Periode penilaian", example="2026"),
    Column("nip", "nip", doc="NIP pegawai", example="199001012015031001"),
    Column("rating_hasil_kerja", "rating", nullable=True, doc="Rating hasil kerja akhir",
           example="Sesuai Ekspektasi"),
    Column("rating_perilaku", "rating", nullable=True, doc="Rating perilaku kerja akhir",
           example="Di Atas Ekspektasi"),
    Column("alasan", required=False, nullable=True,
           doc="Alasan bila rating akhir berbeda dari usulan", example="Capaian RHK utama tertunda karena anggaran"),
    Column("catatan", required=False, nullable=True, doc="Catatan/rekomendasi", example="Ikut pelatihan analisis data"),
    Column("nilai_tugas_tambahan", "num", required=False, nullable=True, nonnegative=True,
           doc="PP 46/2011: nilai tambahan untuk tugas tambahan (opsional)", example="1"),
    Column("nilai_kreativitas", "num", required=False, nullable=True, nonnegative=True,
           doc="PP 46/2011: nilai tambahan untuk kreativitas (opsional)", example="3"),
), key=("periode", "nip"), required=False, doc="Rating akhir Pejabat Penilai, satu baris per pegawai per periode.")

ORGANISASI = FileSpec("organisasi", (
    Column("unit", doc="Unit kerja (sama dengan kolom unit di pegawai)", example="Sekretariat"),
    Column("periode", "periode", doc="Periode", example="2026"),
    Column("capaian", "enum", choices=labels.CAPAIAN_ORGANISASI,
           doc="Capaian kinerja organisasi: Istimewa, Baik, Butuh Perbaikan, Kurang, Sangat Kurang",
           example="Baik"),
    Column("instansi", required=False, nullable=True, doc="Nama instansi", example="Dinas Kesehatan Kabupaten Contoh"),
), key=("unit", "periode"), required=False, doc="Capaian kinerja organisasi per unit per periode.")

PENEMPATAN = FileSpec("penempatan", (
    Column("nip", "nip", doc="NIP pegawai yang pindah (mutasi) dalam tahun berjalan", example="199001012015031001"),
    Column("mulai", "periode", doc="Bulan mulai penempatan (TMT), kode bulanan", example="2026-08"),
    Column("unit", doc="Unit kerja pada penempatan ini", example="Bidang Pelayanan Kesehatan"),
    Column("jabatan", doc="Jabatan pada penempatan ini", example="Pengelola Layanan Kesehatan"),
    Column("jenis_jabatan", "enum", choices=labels.JENIS_JABATAN,
           doc="jpt, administrator, pengawas, pelaksana atau fungsional", example="pelaksana"),
    Column("nip_atasan", "nip", nullable=True, doc="NIP Pejabat Penilai pada penempatan ini",
           example="19750505 199903 1 002"),
), key=("nip", "mulai"), required=False,
    doc="Riwayat penempatan (mutasi) dalam tahun: satu baris per penempatan, termasuk yang pertama. "
        "Penempatan berlaku dari bulan mulai sampai sebelum penempatan berikutnya (yang terakhir sampai "
        "Desember). Evaluasi suatu periode dilakukan pada penempatan yang memuat bulan terakhir periode "
        "itu, oleh Pejabat Penilai yang baru (Lampiran hlm. 91 angka 13). Pegawai tanpa baris di sini "
        "memakai data berkas pegawai untuk setahun penuh.")

PLT = FileSpec("plt", (
    Column("nip", "nip", doc="NIP pegawai yang ditugaskan sebagai Plt. atau Plh.", example="198203032006041004"),
    Column("jenis", "enum", choices=("plt", "plh"), doc="plt (Pelaksana Tugas) atau plh (Pelaksana Harian)",
           example="plt"),
    Column("jabatan", doc="Jabatan yang dilaksanakan", example="Kepala Bidang Pencegahan dan Pengendalian Penyakit"),
    Column("unit", doc="Unit kerja yang dipimpin sebagai Plt./Plh.", example="Bidang P2P"),
    Column("mulai", "periode", doc="Bulan mulai penugasan, kode bulanan", example="2026-03"),
    Column("selesai", "periode", nullable=True, doc="Bulan terakhir penugasan, kode bulanan; kosong = masih berjalan",
           example="2026-09"),
    Column("nip_atasan", "nip", nullable=True,
           doc="NIP pimpinan unit kerja tempat Plt. melaporkan kinerjanya; ia menjadi Pejabat Penilai Plt. "
               "selama penugasan (Lampiran hlm. 90 angka 5); kosong = atasan definitif",
           example="19700101 199003 1 001"),
), key=("nip", "unit", "mulai"), required=False,
    doc="Penugasan Plt./Plh.: staf unit yang dipimpin, yang nip_atasan-nya pegawai ini, dinilai olehnya "
        "sebagai Plt./Plh. (Lampiran hlm. 90 angka 3 dan 5).")

FILES: dict[str, FileSpec] = {f.name: f for f in (PEGAWAI, SKP, REALISASI, PERILAKU, PENILAIAN, ORGANISASI,
                                                  PENEMPATAN, PLT)}


# ---------------------------------------------------------------------------------------------
# Issue 6: umpan balik 360 derajat and Indeks Kepuasan Masyarakat (IKM). Checks across files and
# value ranges live in kinerja.io.survei (registered by kinerja.io.files).
# ---------------------------------------------------------------------------------------------

PERAN_360 = ("atasan", "rekan", "bawahan", "diri", "masyarakat")  # = kinerja.schemes.multirater.PERAN

UMPAN_BALIK_360 = FileSpec("umpan_balik_360", (
    Column("periode", "periode", doc="Periode penilaian", example="2026"),
    Column("nip", "nip", doc="NIP pegawai yang dinilai", example="199001012015031001"),
    Column("penilai", doc="NIP penilai (atasan, rekan, bawahan, diri) atau kode responden masyarakat; "
                          "hanya terlihat oleh SDM, tidak pernah di laporan", example="198805052010012003"),
    Column("peran", "enum", choices=PERAN_360,
           doc="Peran penilai: atasan, rekan, bawahan, diri (diri sendiri) atau masyarakat", example="rekan"),
    Column("aspek", "enum", choices=tuple(labels.BERAKHLAK),
           doc="Nilai BerAKHLAK yang dinilai (kode atau nama)", example="kolaboratif"),
    Column("skor", "num", doc="Jawaban 1-5: 1 tidak pernah, 2 jarang, 3 kadang-kadang, 4 sering (konsisten), "
                              "5 selalu dan menjadi teladan", example="4"),
    Column("komentar", required=False, nullable=True, doc="Komentar (opsional)",
           example="Sigap membantu rekan satu tim"),
), key=("periode", "nip", "penilai", "aspek"), required=False,
    doc="Jawaban kuesioner umpan balik 360 derajat: satu baris per penilai per nilai BerAKHLAK.")

PENUGASAN_360 = FileSpec("penugasan_360", (
    Column("periode", "periode", doc="Periode penilaian", example="2026"),
    Column("nip", "nip", doc="NIP pegawai yang dinilai", example="199001012015031001"),
    Column("penilai", doc="NIP penilai yang ditugaskan (kode responden untuk masyarakat)",
           example="198805052010012003"),
    Column("peran", "enum", choices=PERAN_360, doc="Peran penilai terhadap pegawai ini", example="rekan"),
), key=("periode", "nip", "penilai"), required=False,
    doc="Penugasan penilai 360 derajat oleh SDM: siapa menilai siapa.")

IKM = FileSpec("ikm", (
    Column("unit", doc="Unit pelayanan (sama dengan kolom unit di pegawai)", example="Bidang Pelayanan Kesehatan"),
    Column("periode", "periode", doc="Periode survei", example="2026-TW1"),
    Column("responden", nullable=True, doc="Kode responden (boleh kosong)", example="R-0001"),
    *(Column(f"u{i}", "num", doc=f"Jawaban unsur {i} ({_u}), angka bulat 1-4", example="3")
      for i, _u in enumerate(("persyaratan", "sistem, mekanisme dan prosedur", "waktu penyelesaian",
                              "biaya/tarif", "produk spesifikasi jenis pelayanan", "kompetensi pelaksana",
                              "perilaku pelaksana", "penanganan pengaduan, saran dan masukan",
                              "sarana dan prasarana"), start=1)),
), key=("unit", "periode", "responden"), required=False,
    doc="Survei Kepuasan Masyarakat (PermenPANRB 14/2017): satu baris per responden.")

FILES.update({f.name: f for f in (UMPAN_BALIK_360, PENUGASAN_360, IKM)})

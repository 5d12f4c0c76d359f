"""The bad-input corpus (issue 10 point 7): one row per fault, run on CSV and/or XLSX.

Each case starts from the minimal valid workspace (conftest_io.base_rows: pegawai rows 2-4 = kepala,
kabid, staf; skp rows 2-5; realisasi rows 2-3; perilaku rows 2-3; penilaian row 2; organisasi rows 2-3),
applies ONE fault, and asserts

* the load is refused with an error on the expected file (or sheet), Excel row and column whose
  message contains the expected fragment, and no message is longer than a few lines;
* nothing was written: importing the same files into a store that holds the valid workspace leaves
  every table as it was (and a few cases run the whole ``kinerja init`` on a fresh folder).

A case with ``warning=True`` is data that loads but must be warned about (an ambiguous ``2.400`` its
column decided): the load succeeds, a warning sits at the expected file, row and column with the
fragment, and the import plan (``--dry-run``) lists it and writes nothing.

Adding a case is adding a row to CASES.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import sqlalchemy as sa
from conftest_io import KABID, KEPALA, STAF, base_rows, write_csvs, write_xlsx

from kinerja.errors import ValidationErrors
from kinerja.io.files import load_workspace

PPPK = "199205172023212001"
BOTH, CSV, XLSX = ("csv", "xlsx"), ("csv",), ("xlsx",)


@dataclass
class Case:
    id: str
    file: str                     # file stem / sheet of the expected error
    row: int | None
    column: str | None
    fragment: str
    cells: Callable | None = None          # mutates the rows (both formats)
    raw: Callable | None = None            # mutates the written CSV folder
    book: Callable | None = None           # mutates the written workbook (openpyxl)
    formats: tuple = BOTH
    warning: bool = False                  # loads, with a warning there (not an error)


def put(file, i, col, value):
    def m(rows):
        rows[file][i][col] = value
    return m


def put_all(file, col, values):
    """Set an (optional) column on every row of a file; values by row position."""
    def m(rows):
        for r, v in zip(rows[file], values):
            r[col] = v
    return m


def dup(file, i):
    def m(rows):
        rows[file].append(dict(rows[file][i]))
    return m


def drop_col(file, col):
    def m(rows):
        for r in rows[file]:
            r.pop(col, None)
    return m


def many(*ms):
    def m(rows):
        for f in ms:
            f(rows)
    return m


def header_only(file):
    def m(rows):
        keys = list(rows[file][0])
        rows[file] = []
        rows[f"__header_{file}"] = keys
    return m


# -------- raw CSV mutations ------------------------------------------------------------------

def raw_bytes(file, data: bytes):
    def m(folder: Path):
        (folder / f"{file}.csv").write_bytes(data)
    return m


def raw_edit(file, fn):
    def m(folder: Path):
        p = folder / f"{file}.csv"
        p.write_bytes(fn(p.read_bytes()))
    return m


def raw_line(file, n, fn):
    """Change physical line n (1-based) of a CSV."""
    def m(folder: Path):
        p = folder / f"{file}.csv"
        lines = p.read_bytes().split(b"\r\n")  # csv.DictWriter writes CRLF
        lines[n - 1] = fn(lines[n - 1])
        p.write_bytes(b"\r\n".join(lines))
    return m


def rename(old, new):
    def m(folder: Path):
        (folder / old).rename(folder / new)
    return m


def rewrite(sep=",", encoding="utf-8", title: str = ""):
    """Rewrite every CSV with another separator / encoding (and a title above the header)."""
    def m(folder: Path, rows):
        write_csvs(folder, rows, sep=sep, encoding=encoding)
        if title:
            for p in folder.glob("*.csv"):
                p.write_bytes(title.encode(encoding) + b"\r\n\r\n" + p.read_bytes())
    return m


# -------- workbook mutations -----------------------------------------------------------------

def wb_do(fn):
    def m(book: Path):
        from openpyxl import load_workbook

        wb = load_workbook(book)
        fn(wb)
        wb.save(book)
    return m


def wb_bytes(data: bytes):
    def m(book: Path):
        book.write_bytes(data)
    return m


def _rename_sheet(old, new):
    def fn(wb):
        wb[old].title = new
    return fn


def _merge(sheet, ref):
    def fn(wb):
        wb[sheet].merge_cells(ref)
    return fn


def _cell(sheet, ref, value):
    def fn(wb):
        wb[sheet][ref] = value
    return fn


def _title_rows(sheet, n=2, text="Daftar SKP Dinas Kesehatan 2026"):
    def fn(wb):
        ws = wb[sheet]
        ws.insert_rows(1, n)
        ws["A1"] = text
    return fn


def _fns(*fns):
    def fn(wb):
        for f in fns:
            f(wb)
    return fn


_LONG = "x" * 5000

def add(file, *new_rows):
    """Add rows to a file (an optional file such as penempatan or plt is created)."""
    def m(rows):
        rows.setdefault(file, []).extend(dict(r) for r in new_rows)
    return m


def _tempat(mulai, unit, atasan, nip=STAF):
    return {"nip": nip, "mulai": mulai, "unit": unit, "jabatan": "Epidemiolog", "jenis_jabatan": "fungsional",
            "nip_atasan": atasan}


# STAF moves from Sekretariat (under the Kepala) to Bidang P2P (under the Kabid) in August
MUTASI = add("penempatan", _tempat("2026-01", "Sekretariat", KEPALA), _tempat("2026-08", "Bidang P2P", KABID))
MUTASI_SKP = many(MUTASI, put("skp", 2, "mulai", "2026-08"), put("skp", 3, "mulai", "2026-08"))
PLT = {"nip": KABID, "jenis": "plt", "jabatan": "Kepala Bidang Yankes", "unit": "Bidang Yankes", "mulai": "2026-03",
       "selesai": "", "nip_atasan": ""}


CASES: list[Case] = [
    # ---- pegawai: cells -------------------------------------------------------------------
    Case("pegawai-nip-kosong", "pegawai", 4, "nip", "wajib diisi", put("pegawai", 2, "nip", "")),
    Case("pegawai-nip-17", "pegawai", 4, "nip", "18 angka", put("pegawai", 2, "nip", "19900101201503200")),
    Case("pegawai-nip-huruf", "pegawai", 4, "nip", "18 angka", put("pegawai", 2, "nip", "19900101201503200A")),
    Case("pegawai-nip-lahir", "pegawai", 4, "nip", "tanggal lahir", put("pegawai", 2, "nip", "199013012015032001")),
    Case("pegawai-nip-tmt-bulan", "pegawai", 4, "nip", "TMT CPNS 201513", put("pegawai", 2, "nip", "199001012015132001")),
    Case("pegawai-nip-tmt-15-tahun", "pegawai", 4, "nip", "sebelum usia 18", put("pegawai", 2, "nip", "199001012005032001")),
    Case("pegawai-nip-kelamin", "pegawai", 4, "nip", "jenis kelamin", put("pegawai", 2, "nip", "199001012015033001")),
    Case("pegawai-nip-urut-000", "pegawai", 4, "nip", "Simpan NIP sebagai teks", put("pegawai", 2, "nip", "199001012015032000")),
    Case("pegawai-nip-ilmiah", "pegawai", 4, "nip", "tersimpan sebagai angka", put("pegawai", 2, "nip", "1.99001E+17")),
    Case("pegawai-pppk-masa-0", "pegawai", 4, "nip", "digit ke-14", put("pegawai", 2, "nip", "199205172023202001")),
    Case("pegawai-pppk-tahun-2015", "pegawai", 4, "nip", "dibaca sebagai NI PPPK", put("pegawai", 2, "nip", "199205172015212001")),
    Case("pegawai-nip-duplikat", "pegawai", 4, "nip", "duplikat", put("pegawai", 2, "nip", KABID)),
    Case("pegawai-nama-kosong", "pegawai", 3, "nama", "wajib diisi", put("pegawai", 1, "nama", "")),
    Case("pegawai-jabatan-kosong", "pegawai", 3, "jabatan", "wajib diisi", put("pegawai", 1, "jabatan", "  ")),
    Case("pegawai-jenis-jabatan", "pegawai", 3, "jenis_jabatan", "tidak dikenal", put("pegawai", 1, "jenis_jabatan", "kepala")),
    Case("pegawai-unit-kosong", "pegawai", 2, "unit", "wajib diisi", put("pegawai", 0, "unit", "")),
    Case("pegawai-atasan-tak-terdaftar", "pegawai", 4, "nip_atasan", "tidak terdaftar sebagai pegawai",
         put("pegawai", 2, "nip_atasan", "198502022010012003")),
    Case("pegawai-atasan-format", "pegawai", 4, "nip_atasan", "18 angka", put("pegawai", 2, "nip_atasan", "123")),
    Case("pegawai-atasan-diri", "pegawai", 4, "nip_atasan", "atasannya sendiri", put("pegawai", 2, "nip_atasan", STAF)),
    Case("pegawai-atasan-berputar", "pegawai", 2, "nip_atasan", "berputar", put("pegawai", 0, "nip_atasan", STAF)),
    Case("pegawai-koefisien-huruf", "pegawai", 4, "koefisien_ak", "bukan angka", put_all("pegawai", "koefisien_ak", ["", "", "dua"])),
    Case("pegawai-koefisien-nol", "pegawai", 4, "koefisien_ak", "lebih besar dari 0", put_all("pegawai", "koefisien_ak", ["", "", "0"])),
    Case("pegawai-jenis-pegawai-asing", "pegawai", 4, "jenis_pegawai", "tidak dikenal",
         put_all("pegawai", "jenis_pegawai", ["", "", "honorer"])),
    Case("pegawai-jenis-pegawai-bertentangan", "pegawai", 4, "jenis_pegawai", "bertentangan",
         put_all("pegawai", "jenis_pegawai", ["pns", "pns", "pppk"])),
    Case("pegawai-pppk-ditulis-pns", "pegawai", 4, "jenis_pegawai", "NI PPPK",
         many(put("pegawai", 2, "nip", PPPK), put_all("skp", "nip", [KEPALA, KABID, PPPK, PPPK]),
              put_all("realisasi", "nip", [PPPK, PPPK]), put_all("perilaku", "nip", [PPPK, PPPK]),
              put_all("penilaian", "nip", [PPPK]), put_all("pegawai", "jenis_pegawai", ["", "", "pns"]))),
    Case("pegawai-kolom-nama-hilang", "pegawai", 1, "nama", "kolom wajib 'nama'", drop_col("pegawai", "nama")),
    Case("pegawai-kolom-unit-hilang", "pegawai", 1, "unit", "kolom wajib 'unit'", drop_col("pegawai", "unit")),
    Case("pegawai-hanya-judul", "pegawai", None, None, "hanya berisi baris judul", header_only("pegawai")),
    # ---- skp ------------------------------------------------------------------------------
    Case("skp-tahun-pendek", "skp", 3, "periode", "tahun '26'", put("skp", 1, "periode", "26")),
    Case("skp-tahun-triwulan", "skp", 3, "periode", "tidak valid", put("skp", 1, "periode", "2026-TW1")),
    Case("skp-nip-tak-terdaftar", "skp", 5, "nip", "tidak terdaftar", put("skp", 3, "nip", "198502022010012003")),
    Case("skp-rhk-id-kosong", "skp", 2, "rhk_id", "wajib diisi", put("skp", 0, "rhk_id", "")),
    Case("skp-rhk-kosong", "skp", 2, "rhk", "wajib diisi", put("skp", 0, "rhk", "")),
    Case("skp-jenis", "skp", 2, "jenis", "tidak dikenal", put("skp", 0, "jenis", "pokok")),
    Case("skp-iki-kosong", "skp", 3, "iki_id", "wajib diisi", put("skp", 1, "iki_id", "")),
    Case("skp-indikator-kosong", "skp", 3, "indikator", "wajib diisi", put("skp", 1, "indikator", "")),
    Case("skp-aspek", "skp", 3, "aspek", "tidak dikenal", put("skp", 1, "aspek", "jumlah")),
    Case("skp-target-huruf", "skp", 4, "target", "bukan angka", put("skp", 2, "target", "dua belas")),
    Case("skp-target-satuan", "skp", 4, "target", "bukan angka", put("skp", 2, "target", "12 laporan")),
    Case("skp-target-nol", "skp", 4, "target", "lebih besar dari 0", put("skp", 2, "target", "0")),
    Case("skp-target-negatif", "skp", 4, "target", "lebih besar dari 0", put("skp", 2, "target", "-5")),
    Case("skp-target-kosong", "skp", 4, "target", "wajib diisi", put("skp", 2, "target", "")),
    Case("skp-target-tiga-koma", "skp", 4, "target", "bukan angka", put("skp", 2, "target", "1,2,3")),
    Case("skp-target-ribuan-ragu", "skp", 4, "target", "1000 kali",
         many(put("skp", 0, "target", "87,5"), put("skp", 1, "target", "87.5"), put("skp", 2, "target", "1.250"))),
    Case("skp-duplikat", "skp", 6, "periode, nip, rhk_id, iki_id", "sama dengan baris 5", dup("skp", 3)),
    Case("skp-rhk-atasan-asing", "skp", 4, "rhk_atasan", "tidak ada di SKP atasan", put("skp", 2, "rhk_atasan", "RHK-9")),
    Case("skp-rhk-atasan-tanpa-atasan", "skp", 2, "rhk_atasan", "tidak punya atasan", put("skp", 0, "rhk_atasan", "RHK-1")),
    Case("skp-perspektif", "skp", 2, "perspektif", "tidak dikenal", put_all("skp", "perspektif", ["keuangan", "", "", ""])),
    Case("skp-arah", "skp", 3, "arah", "tidak dikenal", put_all("skp", "arah", ["", "atas", "", ""])),
    Case("skp-bobot-negatif", "skp", 4, "bobot", "tidak boleh negatif", put_all("skp", "bobot", ["", "", "-1", ""])),
    Case("skp-bobot-huruf", "skp", 4, "bobot", "bukan angka", put_all("skp", "bobot", ["", "", "x", ""])),
    Case("skp-sumber", "skp", 5, "sumber", "tidak dikenal", put_all("skp", "sumber", ["", "", "", "excel"])),
    Case("skp-akumulasi", "skp", 5, "akumulasi", "tidak dikenal", put_all("skp", "akumulasi", ["", "", "", "kadang"])),
    Case("skp-kolom-target-hilang", "skp", 1, "target", "kolom wajib 'target'", drop_col("skp", "target")),
    Case("skp-kolom-aspek-hilang", "skp", 1, "aspek", "kolom wajib 'aspek'", drop_col("skp", "aspek")),
    Case("skp-hanya-judul", "skp", None, None, "hanya berisi baris judul", header_only("skp")),
    # ---- realisasi ------------------------------------------------------------------------
    Case("realisasi-periode-tw5", "realisasi", 2, "periode", "tidak dikenali", put("realisasi", 0, "periode", "2026-TW5")),
    Case("realisasi-periode-q1", "realisasi", 2, "periode", "tidak dikenali", put("realisasi", 0, "periode", "Q1 2026")),
    Case("realisasi-periode-tanggal", "realisasi", 2, "periode", "tanggal buatan Excel",
         put("realisasi", 0, "periode", "2026-01-01")),
    Case("realisasi-periode-serial", "realisasi", 3, "periode", "tanggal 2026-01-01 dalam format Excel",
         put("realisasi", 1, "periode", "46023")),
    Case("realisasi-periode-bulan-nama", "realisasi", 3, "periode", "tanggal buatan Excel",
         put("realisasi", 1, "periode", "Jan-26")),
    Case("realisasi-nip", "realisasi", 2, "nip", "tidak terdaftar", put("realisasi", 0, "nip", KEPALA[:-1] + "9")),
    Case("realisasi-iki-asing", "realisasi", 3, "iki_id", "tidak ada di SKP tahun 2026", put("realisasi", 1, "iki_id", "9.9")),
    Case("realisasi-tahun-lain", "realisasi", 3, "iki_id", "tahun 2025", put("realisasi", 1, "periode", "2025-TW1")),
    Case("realisasi-huruf", "realisasi", 2, "realisasi", "bukan angka", put("realisasi", 0, "realisasi", "tiga")),
    Case("realisasi-negatif", "realisasi", 2, "realisasi", "tidak boleh negatif", put("realisasi", 0, "realisasi", "-1")),
    Case("realisasi-kosong", "realisasi", 2, "realisasi", "wajib diisi", put("realisasi", 0, "realisasi", "")),
    Case("realisasi-persen-kata", "realisasi", 2, "realisasi", "bukan angka", put("realisasi", 0, "realisasi", "90 persen")),
    Case("realisasi-panjang", "realisasi", 2, "realisasi", "xxxx…", put("realisasi", 0, "realisasi", _LONG)),
    Case("realisasi-ribuan-ragu", "realisasi", 2, "realisasi", "bisa berarti 1250",
         many(put("realisasi", 0, "realisasi", "1.250"), put("realisasi", 1, "realisasi", "4,5"),
              lambda rows: rows["realisasi"].append(dict(rows["realisasi"][0], periode="2026-TW2", realisasi="3.5")))),
    Case("realisasi-duplikat", "realisasi", 4, "periode, nip, rhk_id, iki_id", "duplikat", dup("realisasi", 0)),
    Case("realisasi-kolom-hilang", "realisasi", 1, "realisasi", "kolom wajib", drop_col("realisasi", "realisasi")),
    # ---- perilaku -------------------------------------------------------------------------
    Case("perilaku-periode", "perilaku", 2, "periode", "tidak dikenali", put("perilaku", 0, "periode", "2026-S3")),
    Case("perilaku-nip", "perilaku", 3, "nip", "tidak terdaftar", put("perilaku", 1, "nip", "198502022010012003")),
    Case("perilaku-aspek", "perilaku", 2, "aspek", "jujur", put("perilaku", 0, "aspek", "jujur")),
    Case("perilaku-rating", "perilaku", 3, "rating", "Baik Sekali", put("perilaku", 1, "rating", "Baik Sekali")),
    Case("perilaku-nilai-huruf", "perilaku", 2, "nilai", "bukan angka", put_all("perilaku", "nilai", ["baik", ""])),
    Case("perilaku-nilai-negatif", "perilaku", 3, "nilai", "tidak boleh negatif", put_all("perilaku", "nilai", ["", "-3"])),
    Case("perilaku-duplikat", "perilaku", 3, "periode, nip, aspek", "duplikat", put("perilaku", 1, "aspek", "Akuntabel")),
    Case("perilaku-kolom-hilang", "perilaku", 1, "aspek", "kolom wajib 'aspek'", drop_col("perilaku", "aspek")),
    # ---- penilaian ------------------------------------------------------------------------
    Case("penilaian-periode", "penilaian", 2, "periode", "tidak dikenali", put("penilaian", 0, "periode", "tahun 2026")),
    Case("penilaian-nip", "penilaian", 2, "nip", "tidak terdaftar", put("penilaian", 0, "nip", "198502022010012003")),
    Case("penilaian-rating-hk", "penilaian", 2, "rating_hasil_kerja", "bagus", put("penilaian", 0, "rating_hasil_kerja", "bagus")),
    Case("penilaian-rating-pk", "penilaian", 2, "rating_perilaku", "'5'", put("penilaian", 0, "rating_perilaku", "5")),
    Case("penilaian-tugas-tambahan", "penilaian", 2, "nilai_tugas_tambahan", "tidak boleh negatif",
         put_all("penilaian", "nilai_tugas_tambahan", ["-1"])),
    Case("penilaian-kreativitas", "penilaian", 2, "nilai_kreativitas", "bukan angka", put_all("penilaian", "nilai_kreativitas", ["x"])),
    Case("penilaian-duplikat", "penilaian", 3, "periode, nip", "duplikat", dup("penilaian", 0)),
    # ---- organisasi -----------------------------------------------------------------------
    Case("organisasi-unit", "organisasi", 3, "unit", "tidak dipakai", put("organisasi", 1, "unit", "Bidang X")),
    Case("organisasi-periode", "organisasi", 2, "periode", "tidak dikenali", put("organisasi", 0, "periode", "2026-TW0")),
    Case("organisasi-capaian", "organisasi", 2, "capaian", "tidak dikenal", put("organisasi", 0, "capaian", "Luar Biasa")),
    Case("organisasi-capaian-kosong", "organisasi", 3, "capaian", "wajib diisi", put("organisasi", 1, "capaian", "")),
    Case("organisasi-duplikat", "organisasi", 3, "unit, periode", "duplikat", put("organisasi", 1, "unit", "Sekretariat")),
    # ---- CSV structure (one message each) -------------------------------------------------
    Case("csv-kosong", "skp", None, None, "berkas kosong", raw=raw_bytes("skp", b""), formats=CSV),
    Case("csv-hanya-spasi", "skp", None, None, "berkas kosong", raw=raw_bytes("skp", b"\r\n  \r\n\r\n"), formats=CSV),
    Case("csv-hanya-pemisah", "skp", None, None, "berkas kosong", raw=raw_bytes("skp", b";;;\n;;;\n"), formats=CSV),
    Case("csv-pdf", "skp", None, None, "PDF", raw=raw_bytes("skp", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), formats=CSV),
    Case("csv-sebenarnya-xlsx", "pegawai", None, None, "berkas Excel (.xlsx)",
         raw=raw_bytes("pegawai", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40), formats=CSV),
    Case("csv-sebenarnya-xls", "pegawai", None, None, "Excel lama (.xls)",
         raw=raw_bytes("pegawai", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40), formats=CSV),
    Case("csv-biner", "realisasi", 2, None, "data biner", raw=raw_line("realisasi", 2, lambda b: b + b"\x00\x01"),
         formats=CSV),
    Case("csv-utf8-satu-byte", "pegawai", 4, None, "bukan UTF-8 (0xE9)",
         raw=raw_edit("pegawai", lambda b: b.replace(b"Dr. Rina", "Dr. Rína".encode()).replace(b"Siti", b"S\xe9ti")),
         formats=CSV),
    Case("csv-bukan-utf8-maupun-1252", "skp", 3, None, "bukan UTF-8 maupun Windows-1252",
         raw=raw_line("skp", 3, lambda b: b.replace(b"Cakupan", b"Cak\x81pan")), formats=CSV),
    Case("csv-kutip-tak-ditutup-akhir", "realisasi", 3, None, "tidak pernah ditutup",
         raw=raw_line("realisasi", 3, lambda b: b + b'"catatan tanpa penutup'), formats=CSV),
    Case("csv-kutip-menelan-baris", "realisasi", 2, None, "tidak ditutup di baris yang sama",
         raw=raw_line("realisasi", 2, lambda b: b.replace(b"Baik", b'"Baik')), formats=CSV),
    Case("csv-pemisah-bercampur", "skp", 3, None, "pemisah kolom bercampur",
         raw=many(raw_line("skp", 3, lambda b: b.replace(b",", b";")), raw_line("skp", 4, lambda b: b.replace(b",", b";"))),
         formats=CSV),
    Case("csv-kolom-berlebih", "pegawai", 3, None, "padahal baris judul punya",
         raw=raw_line("pegawai", 3, lambda b: b + b",lebih"), formats=CSV),
    Case("csv-kolom-berlebih-baris-2", "pegawai", 2, None, "padahal baris judul punya",
         raw=raw_line("pegawai", 2, lambda b: b + b",lebih"), formats=CSV),
    Case("csv-judul-tak-dikenal", "skp", 1, None, "baris judul tidak ditemukan",
         raw=raw_line("skp", 1, lambda b: b"tahun,pegawai,kode,uraian,j,ra,p,k,ind,asp,tgt,sat"), formats=CSV),
    Case("csv-judul-ganda", "skp", 1, "target", "muncul lebih dari sekali",
         raw=raw_line("skp", 1, lambda b: b.replace(b"satuan", b"target")), formats=CSV),
    Case("csv-nama-salinan-browser", "penilaian (1)", None, None, "Mungkin maksudnya penilaian.csv",
         raw=rename("penilaian.csv", "penilaian (1).csv"), formats=CSV),
    Case("csv-nama-copy", "pegawai - Copy", None, None, "Mungkin maksudnya pegawai.csv",
         raw=many(lambda f: shutil.copy(f / "pegawai.csv", f / "pegawai - Copy.csv")), formats=CSV),
    Case("csv-nama-akhiran", "realisasi_tw1", None, None, "Mungkin maksudnya realisasi.csv",
         raw=rename("realisasi.csv", "realisasi_tw1.csv"), formats=CSV),
    Case("csv-nama-salah-eja", "perilak", None, None, "Mungkin maksudnya perilaku.csv",
         raw=rename("perilaku.csv", "perilak.csv"), formats=CSV),
    Case("csv-dua-berkas-sama", "pegawai", None, None, "ada dua berkas untuk pegawai",
         raw=lambda f: shutil.copy(f / "pegawai.csv", f / "Pegawai.CSV"), formats=CSV),
    Case("csv-berkas-wajib-hilang", "perilaku", None, None, "wajib ada tetapi tidak ditemukan",
         raw=lambda f: (f / "perilaku.csv").unlink(), formats=CSV),
    Case("csv-titik-koma-1252-desimal", "skp", 4, "target", "bukan angka",
         cells=put("skp", 2, "target", "dua"), raw=rewrite(";", "cp1252"), formats=CSV),
    Case("csv-titik-koma-1252-ribuan", "realisasi", 3, "realisasi", "tidak boleh negatif",
         cells=many(put("realisasi", 0, "realisasi", "1.250.000"), put("realisasi", 1, "realisasi", "-4,5"),
                    put("pegawai", 2, "nama", "Siti Wédari")), raw=rewrite(";", "cp1252"), formats=CSV),
    Case("csv-judul-di-atas", "skp", 6, "target", "bukan angka",
         cells=put("skp", 2, "target", "dua"), raw=rewrite(",", "utf-8", title="Daftar SKP 2026"), formats=CSV),
    Case("csv-tab-utf16", "perilaku", 3, "rating", "tidak dikenal",
         cells=put("perilaku", 1, "rating", "hebat"), raw=rewrite("\t", "utf-16"), formats=CSV),
    Case("csv-pipa-bom", "organisasi", 2, "capaian", "tidak dikenal",
         cells=put("organisasi", 0, "capaian", "top"), raw=rewrite("|", "utf-8-sig"), formats=CSV),
    Case("csv-angka-sebagai-teks-kutip", "skp", 4, "target", "lebih besar dari 0",
         raw=raw_line("skp", 4, lambda b: b.replace(b",12,", b',"-12",')), formats=CSV),
    Case("csv-baris-50k", "realisasi", 2, "realisasi", "…'", cells=put("realisasi", 0, "realisasi", "9" * 20 + "x" * 50000),
         formats=CSV),
    # ---- XLSX structure -------------------------------------------------------------------
    Case("xlsx-lembar-penilaian-akhir", "Penilaian Akhir", None, None, "Mungkin maksudnya penilaian?",
         book=wb_do(_rename_sheet("penilaian", "Penilaian Akhir")), formats=XLSX),
    Case("xlsx-lembar-sheet1", "Sheet1", None, None, "tidak dikenal",
         book=wb_do(_rename_sheet("organisasi", "Sheet1")), formats=XLSX),
    Case("xlsx-lembar-wajib-hilang", "skp", None, None, "lembar 'skp' wajib ada",
         book=wb_do(_rename_sheet("skp", "rencana")), formats=XLSX),
    Case("xlsx-gabung-data", "skp", 3, "nip", "B3:B4", book=wb_do(_merge("skp", "B3:B4")), formats=XLSX),
    Case("xlsx-gabung-kolom-opsional", "realisasi", 2, "bukti", "F2:F3", book=wb_do(_merge("realisasi", "F2:F3")),
         formats=XLSX),
    Case("xlsx-gabung-judul", "pegawai", 1, "nama", "B1:C1", book=wb_do(_merge("pegawai", "B1:C1")), formats=XLSX),
    Case("xlsx-judul-di-atas", "skp", 6, "target", "bukan angka", cells=put("skp", 2, "target", "dua"),
         book=wb_do(_title_rows("skp")), formats=XLSX),
    Case("xlsx-judul-digabung-lalu-data-digabung", "skp", 5, "nip", "B5:B6",
         book=wb_do(_fns(_title_rows("skp"), _merge("skp", "A1:F1"), _merge("skp", "B5:B6"))), formats=XLSX),
    Case("xlsx-nip-angka", "pegawai", 4, "nip", "tersimpan sebagai angka", book=wb_do(_cell("pegawai", "A4", float(STAF))),
         formats=XLSX),
    Case("xlsx-realisasi-angka-negatif", "realisasi", 3, "realisasi", "tidak boleh negatif",
         book=wb_do(_cell("realisasi", "E3", -4.5)), formats=XLSX),
    Case("xlsx-target-angka-nol", "skp", 5, "target", "lebih besar dari 0", book=wb_do(_cell("skp", "J5", 0)),
         formats=XLSX),
    Case("xlsx-periode-tanggal", "realisasi", 2, "periode", "tanggal buatan Excel",
         book=wb_do(_cell("realisasi", "A2", __import__("datetime").datetime(2026, 1, 1))), formats=XLSX),
    Case("xlsx-periode-tanggal-maret", "perilaku", 3, "periode", "2026-TW1",
         book=wb_do(_cell("perilaku", "A3", __import__("datetime").date(2026, 3, 1))), formats=XLSX),
    Case("xlsx-rusak", "kinerja", None, None, "tidak dapat dibuka", book=wb_bytes(b"PK\x03\x04 rusak"), formats=XLSX),
    Case("xlsx-pdf", "kinerja", None, None, "PDF", book=wb_bytes(b"%PDF-1.4\n"), formats=XLSX),
    Case("xlsx-xls", "kinerja", None, None, "Excel lama (.xls)",
         book=wb_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64), formats=XLSX),
    Case("xlsx-lembar-kosong", "organisasi", None, None, "lembar kosong",
         book=wb_do(lambda wb: wb["organisasi"].delete_rows(1, 10)), formats=XLSX),
    # ---- ambiguous numbers (2.400: thousands or decimal?) -----------------------------------
    Case("skp-target-semua-ragu", "skp", 4, "target", "bisa berarti 2400",
         put_all("skp", "target", ["2.400", "1.250", "2.400", "3.500"])),
    Case("xlsx-target-ragu-teks-dua-cara", "skp", 5, "target", "kedua cara penulisan (mis. '87,5' dan '0.5')",
         many(put("skp", 1, "target", "0.5"), put("skp", 2, "target", "87,5"), put("skp", 3, "target", "2.400")),
         book=wb_do(_fns(_cell("skp", "J2", 72.5))), formats=XLSX),
    # warnings: the column decided, the value is read and the cell is named
    Case("skp-target-ribuan-indonesia", "skp", 4, "target", "'2.400' dibaca sebagai 2400 (titik sebagai pemisah ribuan)",
         many(put("skp", 1, "target", "87,5"), put("skp", 2, "target", "2.400")), warning=True),
    Case("skp-target-desimal-inggris", "skp", 4, "target", "'2.400' dibaca sebagai 2,4 (titik sebagai tanda desimal)",
         many(put("skp", 1, "target", "87.5"), put("skp", 2, "target", "2.400")), warning=True),
    Case("skp-target-ribuan-bilangan-bulat", "skp", 4, "target", "bilangan bulat tanpa pemisah",
         put("skp", 2, "target", "2.400"), warning=True),
    Case("realisasi-ribuan-indonesia", "realisasi", 2, "realisasi", "'2.530' dibaca sebagai 2530",
         put("realisasi", 0, "realisasi", "2.530"), warning=True),
    Case("realisasi-koma-desimal-indonesia", "realisasi", 3, "realisasi", "'1,250' dibaca sebagai 1,25",
         many(put("realisasi", 0, "realisasi", "1.250.000"), put("realisasi", 1, "realisasi", "1,250")), warning=True),
    Case("pegawai-koefisien-ribuan", "pegawai", 4, "koefisien_ak", "'1.250' dibaca sebagai 1250",
         put_all("pegawai", "koefisien_ak", ["", "0,5", "1.250"]), warning=True),
    Case("xlsx-target-angka-asli-bukan-bukti", "skp", 4, "target", "sel berformat angka tidak menunjukkannya",
         put("skp", 2, "target", "2.400"),
         book=wb_do(_fns(_cell("skp", "J2", 72), _cell("skp", "J3", 87.5), _cell("skp", "J5", 5))),
         formats=XLSX, warning=True),
    Case("xlsx-target-teks-inggris-di-antara-angka", "skp", 5, "target", "cara Inggris (mis. '0.5'",
         many(put("skp", 2, "target", "0.5"), put("skp", 3, "target", "2.400")),
         book=wb_do(_fns(_cell("skp", "J2", 72.5), _cell("skp", "J3", 87.5))), formats=XLSX, warning=True),
    Case("csv-titik-koma-ribuan-dan-desimal", "realisasi", 2, "realisasi", "dibaca sebagai 2400",
         put("realisasi", 0, "realisasi", "2.400"), raw=rewrite(";", "cp1252"), formats=CSV, warning=True),
    # ---- mutasi (penempatan, skp.mulai) and Plt./Plh. (plt) ----------------------------------
    Case("skp-mulai-kosong-setelah-mutasi", "skp", 4, "mulai", "isi kolom mulai", many(MUTASI, put("skp", 3, "mulai", "2026-08"))),
    Case("skp-mulai-tanpa-penempatan", "skp", 5, "mulai", "tidak ada di berkas penempatan",
         many(MUTASI_SKP, put("skp", 3, "mulai", "2026-05"))),
    Case("skp-mulai-bukan-bulan", "skp", 4, "mulai", "bukan kode bulan", many(MUTASI_SKP, put("skp", 2, "mulai", "2026"))),
    Case("penempatan-mulai-bukan-bulan", "penempatan", 3, "mulai", "bukan kode bulan",
         add("penempatan", _tempat("2026-01", "Sekretariat", KEPALA), _tempat("2026-TW3", "Bidang P2P", KABID))),
    Case("penempatan-mulai-tanggal", "penempatan", 2, "mulai", "tidak dikenali",
         add("penempatan", _tempat("1 Agustus 2026", "Bidang P2P", KABID))),
    Case("penempatan-atasan-tak-terdaftar", "penempatan", 3, "nip_atasan", "tidak terdaftar sebagai pegawai",
         many(add("penempatan", _tempat("2026-01", "Sekretariat", KEPALA), _tempat("2026-08", "Bidang P2P", PPPK)),
              put("skp", 2, "mulai", "2026-08"), put("skp", 3, "mulai", "2026-08"))),
    Case("penempatan-atasan-diri", "penempatan", 2, "nip_atasan", "atasannya sendiri",
         add("penempatan", _tempat("2026-01", "Sekretariat", STAF))),
    Case("penempatan-nip-tak-terdaftar", "penempatan", 2, "nip", "tidak terdaftar di berkas pegawai",
         add("penempatan", _tempat("2026-01", "Sekretariat", KEPALA, nip=PPPK))),
    Case("penempatan-duplikat", "penempatan", 3, "nip, mulai", "duplikat",
         add("penempatan", _tempat("2026-01", "Sekretariat", KEPALA), _tempat("2026-01", "Bidang P2P", KABID))),
    Case("penempatan-jenis-jabatan", "penempatan", 2, "jenis_jabatan", "tidak dikenal",
         add("penempatan", dict(_tempat("2026-01", "Sekretariat", KEPALA), jenis_jabatan="staf"))),
    Case("plt-jenis-salah", "plt", 2, "jenis", "tidak dikenal", add("plt", dict(PLT, jenis="pjs"))),
    Case("plt-selesai-sebelum-mulai", "plt", 2, "selesai", "sebelum bulan mulai", add("plt", dict(PLT, selesai="2026-02"))),
    Case("plt-atasan-diri", "plt", 2, "nip_atasan", "atasannya sendiri", add("plt", dict(PLT, nip_atasan=KABID))),
    Case("plt-atasan-tak-terdaftar", "plt", 2, "nip_atasan", "tidak terdaftar sebagai pegawai",
         add("plt", dict(PLT, nip_atasan=PPPK))),
    Case("plt-selesai-bukan-bulan", "plt", 2, "selesai", "bukan kode bulan", add("plt", dict(PLT, selesai="2026-S2"))),
]


def _build(case: Case, fmt: str, tmp: Path) -> Path:
    rows = base_rows()
    if case.cells:
        case.cells(rows)
    headers = {k[len("__header_"):]: rows.pop(k) for k in list(rows) if k.startswith("__header_")}
    if fmt == "csv":
        folder = tmp / "ws"
        write_csvs(folder, rows)
        for name, keys in headers.items():
            (folder / f"{name}.csv").write_text(",".join(keys) + "\n", encoding="utf-8")
        if case.raw:
            if case.raw.__code__.co_argcount == 2:
                case.raw(folder, rows)
            else:
                case.raw(folder)
        return folder
    book = write_xlsx(tmp / "kinerja.xlsx", rows)
    if headers:
        from openpyxl import load_workbook

        wb = load_workbook(book)
        for name, keys in headers.items():
            ws = wb[name]
            ws.delete_rows(2, ws.max_row)
            for j, k in enumerate(keys, 1):
                ws.cell(row=1, column=j, value=k)
        wb.save(book)
    if case.book:
        case.book(book)
    return book


PARAMS = [pytest.param(c, f, id=f"{c.id}-{f}") for c in CASES for f in c.formats if not c.warning]
WARNING_PARAMS = [pytest.param(c, f, id=f"{c.id}-{f}") for c in CASES for f in c.formats if c.warning]


def _fingerprint(st) -> tuple:
    with st.engine.connect() as con:
        names = sorted(sa.inspect(con).get_table_names())
        return tuple((n, con.execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar()) for n in names) + (
            tuple(con.execute(sa.text("SELECT nip, nama, unit FROM pegawai ORDER BY nip")).fetchall()),
            tuple(con.execute(sa.text("SELECT nip, rhk_id, iki_id, target FROM skp ORDER BY nip, rhk_id, iki_id")).fetchall()))


@pytest.fixture(scope="module")
def valid_store(tmp_path_factory):
    from kinerja.store.core import Store

    folder = write_csvs(tmp_path_factory.mktemp("valid") / "ws")
    st = Store(f"sqlite:///{folder / 'kinerja.db'}")
    st.init_from(load_workspace(folder))
    return st


def test_corpus_is_large_and_distinct():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 100, len(CASES)
    assert {f for c in CASES for f in c.formats} == {"csv", "xlsx"}


@pytest.mark.parametrize("case,fmt", PARAMS)
def test_bad_input(case: Case, fmt: str, tmp_path, valid_store):
    src = _build(case, fmt, tmp_path)
    with pytest.raises(ValidationErrors) as exc:
        load_workspace(src)
    errors = exc.value.errors
    listing = "\n".join(str(e) for e in errors)
    assert all(len(e.message) < 1200 for e in errors), "a message is too long"
    where = [e for e in errors
             if (Path(e.file).stem == case.file or e.sheet == case.file) and e.row == case.row and e.column == case.column]
    assert where, f"no error at {case.file} row {case.row} column {case.column}:\n{listing}"
    assert any(case.fragment in e.message for e in where), f"'{case.fragment}' not in:\n{listing}"
    # nothing written: the same files imported into a store holding the valid workspace change nothing
    before = _fingerprint(valid_store)
    files = [src] if fmt == "xlsx" else sorted(p for p in src.iterdir() if p.suffix.lower() in (".csv",))
    try:
        valid_store.import_files(files, oleh="corpus")
    except ValidationErrors:
        pass
    except Exception as e:  # the store may refuse in its own way; it must not write
        assert not isinstance(e, AssertionError), e
    assert _fingerprint(valid_store) == before


@pytest.mark.parametrize("case,fmt", WARNING_PARAMS)
def test_warning_input(case: Case, fmt: str, tmp_path, valid_store):
    from kinerja.services.impor import rencana_frames
    from kinerja.store.transfer import read_import_files

    src = _build(case, fmt, tmp_path)
    ws = load_workspace(src)  # loads: a warning is not an error
    listing = "\n".join(str(w) for w in ws.peringatan)
    where = [w for w in ws.peringatan
             if (Path(w.file).stem == case.file or w.sheet == case.file) and w.row == case.row and w.column == case.column]
    assert where, f"no warning at {case.file} row {case.row} column {case.column}:\n{listing}"
    assert any(case.fragment in w.message for w in where), f"'{case.fragment}' not in:\n{listing}"
    # the import plan (--dry-run) of that file lists it and writes nothing
    before = _fingerprint(valid_store)
    files = [src] if fmt == "xlsx" else sorted(p for p in src.iterdir() if p.suffix.lower() in (".csv",))
    frames, sources, _sha = read_import_files(files)
    res = rencana_frames(valid_store, {case.file: frames[case.file]}, {case.file: sources[case.file]})
    assert any(case.fragment in w for w in res.peringatan), res.peringatan
    assert _fingerprint(valid_store) == before


@pytest.mark.parametrize("case_id", ["pegawai-nip-lahir", "csv-utf8-satu-byte", "skp-target-ribuan-ragu",
                                     "csv-nama-salinan-browser"])
def test_init_on_bad_workspace_writes_nothing(case_id, tmp_path, capsys):
    from kinerja.cli.commands import main

    case = next(c for c in CASES if c.id == case_id)
    folder = _build(case, "csv", tmp_path)
    code = main(["init", str(folder)])
    assert code != 0
    assert case.fragment in capsys.readouterr().err
    db = folder / "kinerja.db"
    if db.exists():  # an empty database may be left by the current init; it must hold no data
        from kinerja.store.core import Store

        assert Store(f"sqlite:///{db}").is_empty()

"""Helpers for the io tests: a minimal valid workspace (3 pegawai) built in code.

Not a conftest.py (others own that); import it as ``from conftest_io import ...``.
"""

from __future__ import annotations

import copy
import csv
from pathlib import Path

KEPALA = "197001012000031001"
KABID = "198001012005011001"
STAF = "199001012015032001"

_BASE: dict[str, list[dict[str, str]]] = {
    "pegawai": [
        {"nip": KEPALA, "nama": "Dr. Rina Maharani, M.Kes.", "pangkat": "Pembina Utama Muda",
         "golongan": "IV/c", "jabatan": "Kepala Dinas", "jenis_jabatan": "jpt", "unit": "Sekretariat",
         "nip_atasan": ""},
        {"nip": KABID, "nama": "Budi Santoso, S.K.M.", "pangkat": "Pembina Tk. I", "golongan": "IV/b",
         "jabatan": "Kepala Bidang P2P", "jenis_jabatan": "administrator", "unit": "Bidang P2P",
         "nip_atasan": KEPALA},
        {"nip": STAF, "nama": "Siti Aminah", "pangkat": "Penata", "golongan": "III/c",
         "jabatan": "Epidemiolog", "jenis_jabatan": "fungsional", "unit": "Bidang P2P",
         "nip_atasan": KABID},
    ],
    "skp": [
        {"periode": "2026", "nip": KEPALA, "rhk_id": "RHK-1", "rhk": "Meningkatnya derajat kesehatan",
         "jenis": "utama", "rhk_atasan": "", "iki_id": "1.1", "indikator": "Angka harapan hidup",
         "aspek": "kuantitas", "target": "72", "satuan": "tahun"},
        {"periode": "2026", "nip": KABID, "rhk_id": "RHK-1", "rhk": "Terkendalinya penyakit menular",
         "jenis": "utama", "rhk_atasan": "RHK-1", "iki_id": "1.1", "indikator": "Cakupan imunisasi",
         "aspek": "kuantitas", "target": "95", "satuan": "persen"},
        {"periode": "2026", "nip": STAF, "rhk_id": "RHK-1", "rhk": "Tersusunnya laporan surveilans",
         "jenis": "utama", "rhk_atasan": "RHK-1", "iki_id": "1.1", "indikator": "Jumlah laporan",
         "aspek": "kuantitas", "target": "12", "satuan": "laporan"},
        {"periode": "2026", "nip": STAF, "rhk_id": "RHK-1", "rhk": "Tersusunnya laporan surveilans",
         "jenis": "utama", "rhk_atasan": "RHK-1", "iki_id": "1.2", "indikator": "Waktu penyusunan",
         "aspek": "waktu", "target": "5", "satuan": "hari"},
    ],
    "realisasi": [
        {"periode": "2026-TW1", "nip": STAF, "rhk_id": "RHK-1", "iki_id": "1.1", "realisasi": "3",
         "bukti": "https://drive.example.go.id/tw1.pdf", "umpan_balik": "Baik"},
        {"periode": "2026-TW1", "nip": STAF, "rhk_id": "RHK-1", "iki_id": "1.2", "realisasi": "4,5",
         "bukti": "", "umpan_balik": ""},
    ],
    "perilaku": [
        {"periode": "2026", "nip": STAF, "aspek": "akuntabel", "rating": "Sesuai Ekspektasi"},
        {"periode": "2026", "nip": STAF, "aspek": "Berorientasi Pelayanan", "rating": "di atas"},
    ],
    "penilaian": [
        {"periode": "2026", "nip": STAF, "rating_hasil_kerja": "Sesuai Ekspektasi",
         "rating_perilaku": "Di Atas Ekspektasi"},
    ],
    "organisasi": [
        {"unit": "Sekretariat", "periode": "2026", "capaian": "baik"},
        {"unit": "Bidang P2P", "periode": "2026", "capaian": "Butuh Perbaikan"},
    ],
}


def base_rows() -> dict[str, list[dict[str, str]]]:
    """A fresh deep copy of the minimal valid workspace, as rows of strings per file."""
    return copy.deepcopy(_BASE)


def write_csvs(folder: Path, rows: dict[str, list[dict[str, str]]] | None = None, *,
               sep: str = ",", encoding: str = "utf-8") -> Path:
    """Write ``rows`` (default: the minimal workspace) as CSV files into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = base_rows() if rows is None else rows
    for name, data in rows.items():
        header: list[str] = []
        for r in data:
            header += [k for k in r if k not in header]
        if not header:
            header = list(_BASE[name][0])
        with open(folder / f"{name}.csv", "w", newline="", encoding=encoding) as fh:
            w = csv.DictWriter(fh, fieldnames=header, delimiter=sep, restval="")
            w.writeheader()
            w.writerows(data)
    return folder


def write_xlsx(path: Path, rows: dict[str, list[dict[str, object]]] | None = None,
               extra_sheets: dict[str, list[list[object]]] | None = None) -> Path:
    """Write ``rows`` as one workbook with one sheet per file (values written as given)."""
    from openpyxl import Workbook

    rows = base_rows() if rows is None else rows
    wb = Workbook()
    wb.remove(wb.active)
    for name, grid in (extra_sheets or {}).items():
        ws = wb.create_sheet(name)
        for r in grid:
            ws.append(r)
    for name, data in rows.items():
        ws = wb.create_sheet(name)
        header: list[str] = []
        for r in data:
            header += [k for k in r if k not in header]
        header = header or list(_BASE[name][0])
        ws.append(header)
        for r in data:
            ws.append([r.get(h, None) for h in header])
    wb.save(path)
    return Path(path)

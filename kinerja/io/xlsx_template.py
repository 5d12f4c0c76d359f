"""The blank Excel SKP template HR staff fill in: one sheet per file of ``schema.FILES``.

``templates/skp_template.xlsx`` is the output of :func:`build_template`; regenerate it with::

    python -m kinerja.io.xlsx_template templates/skp_template.xlsx

The workbook holds a ``petunjuk`` sheet (instructions in Bahasa Indonesia, every column with its
doc and example) and one sheet per file with a bold, coloured, frozen header row, dropdowns for
enum and rating columns, and text format ("@") for NIP, periode and other text columns so Excel
does not turn ``2026-01`` into a date or a NIP into a rounded number. An unfilled template loads
with ``kinerja.io.files.load_workspace`` as a valid empty workspace.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kinerja.domain import labels
from kinerja.domain import schema

HEADER_FILL = "1F4E79"     # dark blue
OPTIONAL_FILL = "5B9BD5"   # lighter blue for optional columns
HEADER_FONT = "FFFFFF"
VALIDATION_ROWS = 5000     # dropdowns cover rows 2..VALIDATION_ROWS

KIND_LABEL = {
    "text": "teks",
    "nip": "NIP (18 angka, simpan sebagai teks)",
    "num": "angka (koma desimal boleh: 87,5)",
    "periode": "periode (2026, 2026-S1, 2026-TW1, 2026-01)",
    "tahun": "tahun (4 angka)",
    "enum": "pilihan",
    "rating": "rating",
}

PETUNJUK = [
    "Petunjuk pengisian templat SKP (PermenPANRB 6/2022)",
    "",
    "1. Isi setiap lembar sesuai nama berkasnya: " + ", ".join(schema.FILES) + ".",
    "2. Baris 1 adalah judul kolom. Jangan mengubah, menghapus atau mengganti nama judul kolom.",
    "3. Isi data mulai baris 2, satu baris per data. Baris kosong diabaikan.",
    "4. NIP ditulis 18 angka dan disimpan sebagai TEKS (kolom NIP sudah berformat teks). "
    "Jika NIP tersimpan sebagai angka, Excel menghapus digit setelah digit ke-15.",
    "5. Angka boleh memakai koma desimal (87,5) dan titik ribuan (1.250.000).",
    "6. Kolom berwarna biru tua wajib ada dan diisi (kecuali yang boleh kosong); kolom biru muda opsional.",
    "7. Kolom pilihan memiliki daftar pilihan (dropdown); huruf besar/kecil tidak dibedakan.",
    "8. Lembar yang tidak wajib (lihat kolom 'wajib ada' di bawah) boleh dibiarkan kosong: "
    + ", ".join(n for n, f in schema.FILES.items() if not f.required) + ".",
    "9. Periksa berkas dengan notebook 01_muat_rencana atau perintah `kinerja validate`; "
    "semua masalah dilaporkan sekaligus beserta lembar, baris dan kolomnya.",
    "",
    "Daftar kolom:",
]


def _choices(spec: schema.FileSpec, col: schema.Column) -> tuple[list[str], bool]:
    """(dropdown values, strict) for a column; empty list when it has none."""
    if col.kind == "enum":
        return list(col.choices), True
    if col.kind == "rating":
        return list(labels.RATING_LABEL.values()), True
    if spec.name == "perilaku" and col.name == "aspek":
        # BerAKHLAK values; PP 46/2011 aspects are also accepted, so the list only suggests.
        return list(labels.BERAKHLAK_LABEL.values()), False
    return [], False


def _is_text(col: schema.Column) -> bool:
    return col.kind not in ("num", "tahun")


def build_template(path) -> Path:
    """Write the blank SKP template workbook to ``path`` and return it."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    wb = Workbook()
    info = wb.active
    info.title = "petunjuk"
    for line in PETUNJUK:
        info.append([line])
    info["A1"].font = Font(bold=True, size=14)
    table_header = ["lembar", "kolom", "wajib ada", "boleh kosong", "jenis isi", "keterangan", "contoh",
                    "pilihan"]
    info.append(table_header)
    head_row = info.max_row
    for cell in info[head_row]:
        cell.font = Font(bold=True, color=HEADER_FONT)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    for spec in schema.FILES.values():
        info.append([spec.name, "", "ya" if spec.required else "tidak (boleh kosong)", "", "",
                     spec.doc, "", ""])
        info.cell(info.max_row, 1).font = Font(bold=True)
        for col in spec.columns:
            choices, _ = _choices(spec, col)
            info.append([spec.name, col.name, "ya" if col.required else "tidak",
                         "ya" if col.nullable else "tidak", KIND_LABEL.get(col.kind, col.kind),
                         col.doc, col.example, ", ".join(choices)])
            info.cell(info.max_row, 7).number_format = "@"
    for letter, width in zip("ABCDEFGH", (12, 22, 18, 13, 34, 70, 34, 50)):
        info.column_dimensions[letter].width = width
    for row in info.iter_rows(min_row=head_row + 1):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    for spec in schema.FILES.values():
        ws = wb.create_sheet(spec.name)
        ws.append(spec.column_names)
        ws.freeze_panes = "A2"
        for i, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(i)
            cell = ws.cell(1, i)
            cell.font = Font(bold=True, color=HEADER_FONT)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL if col.required else OPTIONAL_FILL)
            cell.alignment = Alignment(vertical="center")
            note = col.doc + (f"\nContoh: {col.example}" if col.example else "")
            if not col.nullable:
                note += "\nWajib diisi."
            cell.comment = Comment(note, "kinerja", width=300, height=120)
            width = max(len(col.name), len(col.example), 10) + 3
            ws.column_dimensions[letter].width = min(width, 50)
            if _is_text(col):
                ws.column_dimensions[letter].number_format = "@"
            choices, strict = _choices(spec, col)
            if choices:
                dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                    allow_blank=True, showDropDown=False)
                dv.showErrorMessage = True
                dv.errorStyle = "stop" if strict else "information"
                dv.errorTitle = "Nilai tidak dikenal"
                dv.error = "Pilih salah satu dari: " + ", ".join(choices)
                dv.promptTitle = col.name
                dv.prompt = col.doc[:255]
                dv.showInputMessage = True
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


if __name__ == "__main__":  # pragma: no cover
    print(build_template(sys.argv[1] if len(sys.argv) > 1 else "templates/skp_template.xlsx"))

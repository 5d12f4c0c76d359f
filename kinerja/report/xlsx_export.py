"""Unit summary as an Excel workbook, with formula injection neutralised.

Any text cell that comes from user data and starts with ``=``, ``+``, ``-``, ``@`` (or a tab /
carriage return, which some spreadsheet programs also treat as a formula start) is written as an
explicit text cell with Excel's quote prefix, so Excel shows it as typed and never evaluates it.
"""

from __future__ import annotations

import io

from kinerja.domain import labels

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def set_cell(ws, row: int, col: int, value):
    """Write one cell; text that looks like a formula is stored as text (data type 's', quotePrefix)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never 'f', whatever the first character is
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _rating(code) -> str:
    return labels.RATING_LABEL.get(code, "-") if isinstance(code, str) else "-"


def _sheet(wb, title, header, rows, widths):
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(title)
    fill = PatternFill("solid", fgColor="1F3A5F")
    for j, h in enumerate(header, 1):
        c = set_cell(ws, 1, j, h)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = fill
        c.alignment = Alignment(vertical="center", wrap_text=True)
    for i, row in enumerate(rows, 2):
        for j, v in enumerate(row, 1):
            set_cell(ws, i, j, v)
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[chr(64 + j)].width = w
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    return ws


def unit_workbook(ctx: dict):
    """An openpyxl Workbook of a unit summary context (kinerja.report.render.unit_context)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    info = [("Instansi", ctx["instansi"]), ("Unit kerja", ctx["unit"]), ("Periode", ctx["periode"]["label"]),
            ("Capaian kinerja organisasi", ctx["capaian_organisasi"]), ("Jumlah pegawai", ctx["jumlah"]),
            ("Penilaian final", ctx["jumlah_final"]),
            ("Kurva", "Sesuai" if ctx["sesuai_kurva"] else "Tidak sesuai")]
    set_cell(ws, 1, 1, ctx["judul"]).font = Font(bold=True, size=13, color="1F3A5F")
    for i, (k, v) in enumerate(info, 3):
        set_cell(ws, i, 1, k).font = Font(bold=True)
        set_cell(ws, i, 2, v)
    r = len(info) + 4
    set_cell(ws, r, 1, "Predikat").font = Font(bold=True)
    set_cell(ws, r, 2, "Jumlah").font = Font(bold=True)
    set_cell(ws, r, 3, "Persen").font = Font(bold=True)
    for i, p in enumerate(labels.PREDIKAT, r + 1):
        set_cell(ws, i, 1, p)
        set_cell(ws, i, 2, ctx["jumlah_per_predikat"][p])
        c = set_cell(ws, i, 3, ctx["persen_per_predikat"][p] / 100)
        c.number_format = "0.0%"
    r += len(labels.PREDIKAT) + 2
    set_cell(ws, r, 1, "Pemeriksaan kurva (SE MenPANRB 3/2023)").font = Font(bold=True)
    for i, m in enumerate(ctx["kurva_pesan"] or ["Sebaran predikat sesuai kurva."], r + 1):
        set_cell(ws, i, 1, m)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 12

    peg = ctx["pegawai"]
    _sheet(wb, "Pegawai", ["NIP", "Nama", "Jabatan", "Pejabat Penilai", "Capaian RHK (%)", "Usulan hasil kerja",
                           "Rating hasil kerja", "Rating perilaku", "Predikat", "Status"],
           [[x["nip_raw"], x["nama"], x["jabatan"], x["penilai"],
             None if x["capaian"] != x["capaian"] else round(float(x["capaian"]), 2),
             _rating(x["usulan_hasil_kerja"]), _rating(x["rating_hasil_kerja"]), _rating(x["rating_perilaku"]),
             x["predikat"], "Final" if x["status"] == "final" else "Belum final"] for x in peg],
           [20, 28, 30, 26, 14, 20, 20, 20, 18, 12])
    _sheet(wb, "Pembinaan", ["NIP", "Nama", "Jabatan", "Predikat", "Alasan"],
           [[x["nip_raw"], x["nama"], x["jabatan"], x["predikat"], x["alasan"]] for x in ctx["pembinaan"]],
           [20, 28, 30, 18, 40])
    _sheet(wb, "Belum Dinilai", ["NIP", "Nama", "Jabatan", "Pejabat Penilai"],
           [[x["nip_raw"], x["nama"], x["jabatan"], x["penilai"]] for x in ctx["belum_final"]], [20, 28, 30, 28])
    m = ctx["matrix"]
    codes = list(labels.BERAKHLAK)
    _sheet(wb, "BerAKHLAK", ["Nama"] + [labels.BERAKHLAK_LABEL[c] for c in codes],
           [[str(idx)] + [_rating(row.get(c)) for c in codes] for idx, row in
            (m.iterrows() if not m.empty else [])], [28] + [16] * len(codes))
    return wb


def unit_workbook_bytes(ctx: dict) -> bytes:
    buf = io.BytesIO()
    unit_workbook(ctx).save(buf)
    return buf.getvalue()

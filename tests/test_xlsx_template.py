"""The blank Excel SKP template (kinerja.io.xlsx_template, templates/skp_template.xlsx)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest_io import KABID, KEPALA

from kinerja.io import files as io
from kinerja.domain import labels
from kinerja.domain import schema
from kinerja.errors import ValidationErrors
from kinerja.io.xlsx_template import build_template

COMMITTED = Path(__file__).resolve().parents[1] / "templates" / "skp_template.xlsx"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return build_template(tmp_path_factory.mktemp("tpl") / "skp_template.xlsx")


def _open(path):
    from openpyxl import load_workbook

    return load_workbook(path)


def test_blank_template_loads_as_empty_workspace(template):
    ws = io.load_workspace(template)
    for name, spec in schema.FILES.items():
        assert ws[name].empty and list(ws[name].columns) == spec.column_names


def test_committed_template_loads_and_matches_builder(template):
    ws = io.load_workspace(COMMITTED)
    assert all(df.empty for df in ws.tables().values())
    fresh, committed = _open(template), _open(COMMITTED)
    assert fresh.sheetnames == committed.sheetnames
    for name in fresh.sheetnames:
        rows_fresh = [tuple(c.value for c in r) for r in fresh[name].iter_rows()]
        rows_committed = [tuple(c.value for c in r) for r in committed[name].iter_rows()]
        assert rows_fresh == rows_committed, f"templates/skp_template.xlsx is stale ({name}); rebuild it"


def test_sheets_headers_and_formatting(template):
    wb = _open(template)
    assert wb.sheetnames == ["petunjuk", *schema.FILES]
    for name, spec in schema.FILES.items():
        sheet = wb[name]
        header = [c.value for c in sheet[1]]
        assert header == spec.column_names
        assert sheet.freeze_panes == "A2"
        for i, col in enumerate(spec.columns, start=1):
            cell = sheet.cell(1, i)
            assert cell.font.bold and cell.fill.fgColor.rgb.endswith(("1F4E79", "5B9BD5"))
            assert cell.comment is not None and col.doc[:20] in cell.comment.text
            letter = cell.column_letter
            assert sheet.column_dimensions[letter].width >= len(col.name)
            if col.kind in ("nip", "periode"):
                assert sheet.column_dimensions[letter].number_format == "@", (name, col.name)


def _validations(sheet) -> dict[str, list[str]]:
    out = {}
    for dv in sheet.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv.formula1.strip('"').split(",")
    return out


def test_dropdowns_for_enum_and_rating(template):
    from openpyxl.utils import get_column_letter

    wb = _open(template)
    for name, spec in schema.FILES.items():
        dvs = _validations(wb[name])
        for i, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(i)
            if col.kind == "enum":
                assert dvs[letter] == list(col.choices), (name, col.name)
            elif col.kind == "rating":
                assert dvs[letter] == list(labels.RATING_LABEL.values()), (name, col.name)
    assert _validations(wb["perilaku"])["C"][0] == "Berorientasi Pelayanan"


def test_petunjuk_documents_every_column(template):
    sheet = _open(template)["petunjuk"]
    rows = {(r[0], r[1]): r for r in sheet.iter_rows(values_only=True) if r[0] and r[1]}
    for name, spec in schema.FILES.items():
        for col in spec.columns:
            r = rows[(name, col.name)]
            assert r[5] == col.doc and r[6] == col.example


def _fill(path: Path, data: dict[str, dict[str, object]]) -> None:
    wb = _open(path)
    for name, values in data.items():
        sheet = wb[name]
        header = [c.value for c in sheet[1]]
        for col, value in values.items():
            sheet.cell(2, header.index(col) + 1, value)
    wb.save(path)


EXAMPLE = {
    "pegawai": {"nip": "19700101 200003 1 001", "nama": "Dr. Rina Maharani, M.Kes.",
                "pangkat": "Pembina Utama Muda", "golongan": "IV/c", "jabatan": "Kepala Dinas",
                "jenis_jabatan": "jpt", "unit": "Sekretariat"},
    "skp": {"periode": 2026, "nip": KEPALA, "rhk_id": "RHK-1", "rhk": "Meningkatnya derajat kesehatan",
            "jenis": "utama", "perspektif": "penerima layanan", "iki_id": "1.1",
            "indikator": "Angka harapan hidup", "aspek": "kuantitas", "target": 72.5, "satuan": "tahun"},
    "realisasi": {"periode": "2026-TW1", "nip": KEPALA, "rhk_id": "RHK-1", "iki_id": "1.1",
                  "realisasi": "70,5", "bukti": "https://drive.example.go.id/tw1.pdf"},
    "perilaku": {"periode": "2026", "nip": KEPALA, "aspek": "Akuntabel", "rating": "Sesuai Ekspektasi"},
    "penilaian": {"periode": "2026", "nip": KEPALA, "rating_hasil_kerja": "Di Atas Ekspektasi",
                  "rating_perilaku": "Sesuai Ekspektasi"},
    "organisasi": {"unit": "Sekretariat", "periode": "2026", "capaian": "Baik"},
}


def test_filled_template_loads(tmp_path):
    book = shutil.copy(COMMITTED, tmp_path / "isian.xlsx")
    _fill(Path(book), EXAMPLE)
    ws = io.load_workspace(book)
    assert ws.pegawai["nip"].tolist() == [KEPALA]
    assert ws.skp["target"].tolist() == [72.5] and ws.skp["arah"].tolist() == ["naik"]
    assert ws.realisasi["realisasi"].tolist() == [70.5]
    assert ws.perilaku["aspek"].tolist() == ["akuntabel"]
    assert ws.penilaian["rating_hasil_kerja"].tolist() == ["di_atas"]
    assert ws.organisasi["capaian"].tolist() == ["Baik"]


def test_filled_template_errors_name_sheet_row_column(tmp_path):
    book = Path(shutil.copy(COMMITTED, tmp_path / "isian.xlsx"))
    data = {k: dict(v) for k, v in EXAMPLE.items()}
    data["pegawai"]["nip_atasan"] = KABID
    _fill(book, data)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(book)
    (e,) = exc.value.errors
    assert (e.file, e.sheet, e.row, e.column) == (str(book), "pegawai", 2, "nip_atasan")

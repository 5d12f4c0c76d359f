"""Reading files (encodings, delimiters, decimal commas, Excel) and writing a workspace."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest_io import KABID, KEPALA, STAF, base_rows, write_csvs, write_xlsx

from kinerja.io import files as io
from kinerja.domain import schema
from kinerja.errors import InputError, ValidationErrors


# --- numbers -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("87,5", 87.5), ("87.5", 87.5), ("95", 95.0), ("1.250.000", 1250000.0), ("1.250,5", 1250.5),
    ("1,250.5", 1250.5), ("1,250,000", 1250000.0), ("1.250", 1.25), (" 12 ", 12.0), ("-3,25", -3.25),
    ("Rp 1.500.000", 1500000.0), ("95%", 95.0), ("1e3", 1000.0), (",5", 0.5), ("1 250 000", 1250000.0),
])
def test_parse_numbers(text, value):
    assert io.parse_numbers(pd.Series([text]))[0] == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2.3,4,5", "nan", "inf", "12a", "1..2"])
def test_parse_numbers_rejects(text):
    assert np.isnan(io.parse_numbers(pd.Series([text]))[0])


# --- CSV reading -----------------------------------------------------------------------------------

def test_read_table_raw_strings_without_na_guessing(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b,c\nNA,001,\nnull,2,N/A\n", encoding="utf-8")
    df = io.read_table(p)
    assert df.to_dict("list") == {"a": ["NA", "null"], "b": ["001", "2"], "c": ["", "N/A"]}
    assert all(pd.api.types.is_string_dtype(t) for t in df.dtypes)


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_and_delimiters(tmp_path, sep, encoding):
    rows = base_rows()
    rows["pegawai"][1]["nama"] = "René Siregar – S.Kom."
    rows["pegawai"][1]["pangkat"] = "Pembina Tk. I"
    ws = io.load_workspace(write_csvs(tmp_path, rows, sep=sep, encoding=encoding))
    assert ws.pegawai["nama"].iloc[1] == "René Siregar – S.Kom."
    assert ws.pegawai["nip"].tolist() == [KEPALA, KABID, STAF]
    assert ws.realisasi["realisasi"].tolist() == [3.0, 4.5]


def test_semicolon_file_with_decimal_commas(tmp_path):
    folder = write_csvs(tmp_path)
    (folder / "skp.csv").write_text(
        "periode;nip;rhk_id;rhk;jenis;iki_id;indikator;aspek;target;satuan\n"
        f"2026;{KEPALA};RHK-1;Meningkatnya derajat kesehatan;utama;1.1;AHH;kuantitas;72,5;tahun\n"
        f"2026;{KABID};RHK-1;P2P;utama;1.1;Biaya;biaya;1.250.000;rupiah\n"
        f"2026;{STAF};RHK-1;Laporan;utama;1.1;Jumlah;kuantitas;12;laporan\n"
        f"2026;{STAF};RHK-1;Laporan;utama;1.2;Waktu;waktu;5;hari\n", encoding="utf-8")
    ws = io.load_workspace(folder)
    assert ws.skp["target"].tolist() == [72.5, 1250000.0, 12.0, 5.0]
    assert ws.skp["arah"].tolist() == ["naik", "turun", "naik", "turun"]
    assert ws.skp["periode"].dtype == np.int64 and ws.skp["periode"].tolist() == [2026] * 4


def test_utf16_tab_file(tmp_path):
    # Excel's "Unicode Text" export
    p = tmp_path / "x.txt"
    p.write_text("nip\tnama\n198001012005011001\tAndré\n", encoding="utf-16")
    assert io.read_table(p).to_dict("list") == {"nip": ["198001012005011001"], "nama": ["André"]}


def test_blank_rows_keep_excel_row_numbers(tmp_path):
    folder = write_csvs(tmp_path)
    text = (folder / "skp.csv").read_text().splitlines()
    text.insert(2, "")            # a blank line after the first data row
    text.insert(3, ",,,,,,,,,,")  # and a row of empty cells
    bad = text[4].split(",")
    bad[9] = "abc"                # target of the (originally second) data row
    text[4] = ",".join(bad)
    (folder / "skp.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(folder)
    (e,) = exc.value.errors
    assert (e.row, e.column) == (5, "target")


def test_ragged_csv_reports_row(tmp_path):
    folder = write_csvs(tmp_path)
    with open(folder / "organisasi.csv", "a") as fh:
        fh.write("Sekretariat,2027,Baik,Dinas,lebih\n")
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(folder)
    (e,) = exc.value.errors
    assert Path(e.file).name == "organisasi.csv" and e.row == 4 and "kolom" in e.message


def test_read_table_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        io.read_table(tmp_path / "tidak_ada.csv")
    assert exc.value.file.endswith("tidak_ada.csv")


def test_workspace_path_not_found(tmp_path):
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(tmp_path / "nope")
    assert "tidak ditemukan" in exc.value.errors[0].message


def test_empty_folder_lists_required_files(tmp_path):
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(tmp_path)
    missing = {Path(e.file).stem for e in exc.value.errors}
    assert missing == {n for n, s in schema.FILES.items() if s.required}


# --- Excel ---------------------------------------------------------------------------------------

def _numeric_rows():
    """The minimal workspace with numbers as Excel numbers (ints/floats), not text."""
    rows = base_rows()
    for r in rows["skp"]:
        r["periode"] = 2026
        r["target"] = float(r["target"]) if r["iki_id"] == "1.1" else int(r["target"])
    rows["realisasi"][1]["realisasi"] = 4.5
    for r in rows["perilaku"] + rows["penilaian"]:
        r["periode"] = 2026.0
    return rows


def test_xlsx_workbook(tmp_path):
    book = write_xlsx(tmp_path / "data.xlsx", _numeric_rows(),
                      extra_sheets={"petunjuk": [["Isi setiap lembar"], ["apa saja", 1]]})
    ws = io.load_workspace(book)
    assert ws.path == tmp_path
    assert ws.skp["target"].tolist() == [72.0, 95.0, 12.0, 5.0]
    assert ws.skp["periode"].tolist() == [2026] * 4
    assert ws.perilaku["periode"].tolist() == ["2026", "2026"]
    assert ws.realisasi["realisasi"].tolist() == [3.0, 4.5]
    # a folder holding one workbook works the same
    ws2 = io.load_workspace(tmp_path)
    pd.testing.assert_frame_equal(ws.skp, ws2.skp)


def test_xlsx_nip_as_number_loses_digits(tmp_path):
    rows = base_rows()
    rows["pegawai"][2]["nip"] = float(STAF)   # as Excel stores a NIP typed into a number cell
    book = write_xlsx(tmp_path / "data.xlsx", rows)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(book)
    e = next(e for e in exc.value.errors if e.column == "nip")
    assert (e.sheet, e.row) == ("pegawai", 4)
    assert "simpan NIP sebagai teks" in e.message
    assert e.file == str(book)


def test_xlsx_sheet_errors_name_the_sheet(tmp_path):
    rows = _numeric_rows()
    rows["skp"][2]["target"] = "abc"
    book = write_xlsx(tmp_path / "data.xlsx", rows)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(book)
    (e,) = exc.value.errors
    assert (e.file, e.sheet, e.row, e.column) == (str(book), "skp", 4, "target")
    assert "lembar skp" in str(e)


def test_xlsx_missing_sheet(tmp_path):
    rows = base_rows()
    del rows["realisasi"]
    book = write_xlsx(tmp_path / "data.xlsx", rows)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(book)
    (e,) = exc.value.errors
    assert (e.sheet, e.row) == ("realisasi", None) and "lembar 'realisasi'" in e.message


def test_xlsx_sheet_names_case_insensitive_and_read_table_sheet(tmp_path):
    from openpyxl import load_workbook

    book = write_xlsx(tmp_path / "data.xlsx")
    wb = load_workbook(book)
    sheet = wb["pegawai"]
    sheet.title = "sementara"   # openpyxl refuses a case-only rename in one step
    sheet.title = " Pegawai"
    wb.save(book)
    assert len(io.load_workspace(book).pegawai) == 3
    assert io.read_table(book, "PEGAWAI")["nip"].tolist() == [KEPALA, KABID, STAF]
    with pytest.raises(InputError):
        io.read_table(book, "tidak_ada")


def test_two_workbooks_in_folder(tmp_path):
    write_xlsx(tmp_path / "a.xlsx")
    write_xlsx(tmp_path / "b.xlsx")
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(tmp_path)
    assert "lebih dari satu berkas Excel" in exc.value.errors[0].message


def test_broken_workbook(tmp_path):
    (tmp_path / "rusak.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(tmp_path / "rusak.xlsx")
    assert "tidak dapat dibuka" in exc.value.errors[0].message


def test_cell_str():
    import datetime as dt

    assert io._cell_str(95.0) == "95"
    assert io._cell_str(87.5) == "87.5"
    assert io._cell_str(198001012005011001) == "198001012005011001"
    assert io._cell_str(1.98001012005011e17) == "1.98001012005011e+17"
    assert io._cell_str(dt.datetime(2026, 1, 31)) == "2026-01-31"
    assert io._cell_str(None) == ""


# --- writing, round trip, empty workspace -----------------------------------------------------------

def _assert_ws_equal(a: io.Workspace, b: io.Workspace) -> None:
    for name, df in a.tables().items():
        pd.testing.assert_frame_equal(df, b.tables()[name], check_dtype=True, obj=name)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip(tmp_path, fmt):
    rows = base_rows()
    rows["pegawai"][1]["nama"] = "René – Tk. I"
    rows["skp"][0]["bobot"] = "12,5"
    rows["skp"][1]["perspektif"] = "proses bisnis"
    rows["realisasi"][0]["realisasi"] = "0,1"
    ws = io.load_workspace(write_csvs(tmp_path / "in", rows))
    written = io.write_workspace(ws, tmp_path / "out", fmt)
    if fmt == "csv":
        assert {p.name for p in written} == {f"{n}.csv" for n in schema.FILES}
    else:
        assert [p.name for p in written] == ["kinerja.xlsx"]
    again = io.load_workspace(tmp_path / "out")
    _assert_ws_equal(ws, again)
    assert again.skp["arah"].tolist() == ["naik", "naik", "naik", "turun"]


def test_round_trip_preserves_leading_zeros_in_text(tmp_path):
    rows = base_rows()
    rows["skp"][0]["iki_id"] = "01"
    ws = io.load_workspace(write_csvs(tmp_path / "in", rows))
    io.write_workspace(ws, tmp_path / "out", "xlsx")
    assert io.load_workspace(tmp_path / "out").skp["iki_id"].iloc[0] == "01"


def test_empty_workspace_round_trip(tmp_path):
    ws = io.empty_workspace()
    for name, spec in schema.FILES.items():
        assert list(ws[name].columns) == spec.column_names and ws[name].empty
    io.write_workspace(ws, tmp_path)
    _assert_ws_equal(ws, io.load_workspace(tmp_path))


def test_write_unknown_format(tmp_path):
    with pytest.raises(ValueError):
        io.write_workspace(io.empty_workspace(), tmp_path, "json")


def test_loaded_workspace_feeds_dataset(tmp_path):
    from kinerja.schemes import periode_data

    ws = io.load_workspace(write_csvs(tmp_path))
    pdata = periode_data(ws, "2026-TW1")
    row = pdata.indikator.set_index(["nip", "iki_id"]).loc[(STAF, "1.2")]
    assert row["realisasi"] == 4.5 and row["arah"] == "turun"
    assert pdata.organisasi.loc["Bidang P2P", "capaian"] == "Butuh Perbaikan"


def test_import_is_light():
    import subprocess
    import sys

    code = ("import sys, kinerja.io.files; bad = [m for m in ('matplotlib', 'ipywidgets', 'openpyxl', 'jupyter_core')"
            " if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

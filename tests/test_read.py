"""Reading helpers (kinerja.io.read): name suggestions, merged ranges, header row, files passed over."""

import pytest
from conftest_io import base_rows, write_csvs, write_xlsx

from kinerja.io.files import load_workspace, read_table
from kinerja.io.read import closest_name, merged_ranges


@pytest.mark.parametrize("name,expected", [
    ("penilaian (1)", "penilaian"), ("Penilaian Akhir", "penilaian"), ("pegawai - Copy", "pegawai"),
    ("Salinan skp", "skp"), ("Copy of realisasi", "realisasi"), ("realisasi_tw1", "realisasi"),
    ("perilak", "perilaku"), ("Organisasi", "organisasi"), ("umpan balik 360", "umpan_balik_360"),
    ("laporan keuangan", None), ("Sheet1", None),
])
def test_closest_name(name, expected):
    assert closest_name(name) == expected


def test_files_that_are_not_data_are_passed_over(tmp_path):
    folder = write_csvs(tmp_path)
    (folder / "pengguna.csv").write_text("pengguna,nip\nbudi,198001012005011001\n")
    (folder / "README.txt").write_text("catatan")
    assert len(load_workspace(folder).pegawai) == 3


def test_empty_extra_sheet_and_petunjuk_are_passed_over(tmp_path):
    book = write_xlsx(tmp_path / "k.xlsx", extra_sheets={"petunjuk": [["Isi lembar berikut"]], "Sheet1": []})
    assert len(load_workspace(book).skp) == 4


def test_merged_ranges_per_sheet(tmp_path):
    from openpyxl import load_workbook

    book = write_xlsx(tmp_path / "k.xlsx")
    wb = load_workbook(book)
    wb["skp"].merge_cells("B3:B4")
    wb["pegawai"].merge_cells("A1:B1")
    wb.save(book)
    assert merged_ranges(book) == {"skp": ["B3:B4"], "pegawai": ["A1:B1"]}


def test_header_below_title_keeps_excel_rows(tmp_path):
    folder = write_csvs(tmp_path)
    p = folder / "skp.csv"
    p.write_text("Daftar SKP\n\nDinas Kesehatan\n" + p.read_text())
    df = read_table(p)
    assert df.attrs["baris_judul"] == 4
    assert (df.index + 2).tolist() == [5, 6, 7, 8]


def test_first_row_with_two_names_is_the_header_even_after_a_one_word_title(tmp_path):
    rows = base_rows()
    folder = write_csvs(tmp_path, rows)
    p = folder / "organisasi.csv"
    p.write_text("unit\n" + p.read_text())  # a title that happens to be a column name
    assert read_table(p).attrs["baris_judul"] == 2


def test_read_files_same_rules_as_a_folder(tmp_path):
    from openpyxl import load_workbook

    from kinerja.io.read import read_files

    folder = write_csvs(tmp_path / "ws")
    book = write_xlsx(tmp_path / "k.xlsx", {"realisasi": base_rows()["realisasi"]},
                      extra_sheets={"petunjuk": [["isi"]], "Sheet1": []})
    wb = load_workbook(book)
    wb.create_sheet("Penilaian Akhir").append(["periode", "nip"])
    wb.save(book)
    (folder / "penilaian (1).csv").write_bytes((folder / "penilaian.csv").read_bytes())
    frames, sources, errors = read_files([folder / "skp.csv", ("upload.csv", folder / "pegawai.csv"), book,
                                          folder / "penilaian (1).csv", folder / "skp.csv"])
    assert set(frames) == {"skp", "realisasi"}
    assert sources["realisasi"] == (str(book), "realisasi")
    msgs = [(e.file, e.sheet, e.message) for e in errors]
    assert any(f == "upload.csv" and "Mungkin" not in m and "tidak dikenal" in m for f, _, m in msgs)
    assert any(s == "Penilaian Akhir" and "Mungkin maksudnya penilaian?" in m for _, s, m in msgs)
    assert any("penilaian (1).csv" in f and "penilaian.csv?" in m for f, _, m in msgs)
    assert any("diberikan dua kali" in m for _, _, m in msgs)
    assert len(errors) == 4


def test_store_import_reports_a_misnamed_sheet(tmp_path):
    """kinerja import of a workbook whose penilaian sheet is named 'Penilaian Akhir' is refused (it was
    silently skipped), and nothing is written."""
    from openpyxl import load_workbook

    from kinerja.errors import ValidationErrors
    from kinerja.store.core import Store

    folder = write_csvs(tmp_path / "ws")
    st = Store(f"sqlite:///{tmp_path / 'k.db'}")
    st.init_from(load_workspace(folder))
    book = write_xlsx(tmp_path / "k.xlsx")
    wb = load_workbook(book)
    wb["penilaian"].title = "Penilaian Akhir"
    wb["penilaian Akhir".title()]["C2"] = "Di Bawah Ekspektasi"
    wb.save(book)
    before = st.to_workspace().penilaian.copy()
    with pytest.raises(ValidationErrors) as exc:
        st.import_files([book])
    assert any("Mungkin maksudnya penilaian?" in e.message and e.sheet == "Penilaian Akhir" for e in exc.value.errors)
    assert st.to_workspace().penilaian.equals(before)


def test_upload_reports_misnamed_file_and_reads_the_rest(tmp_path):
    """Notebook 01's upload (kinerja.ui.muat.baca_unggahan) uses the same name rules."""
    from kinerja.errors import ValidationErrors
    from kinerja.ui.muat import baca_unggahan

    folder = write_csvs(tmp_path)
    files = [("skp.csv", (folder / "skp.csv").read_bytes()),
             ("penilaian (1).csv", (folder / "penilaian.csv").read_bytes())]
    with pytest.raises(ValidationErrors) as exc:
        baca_unggahan(files)
    (e,) = exc.value.errors
    assert e.file == "penilaian (1).csv" and "Mungkin maksudnya penilaian.csv?" in e.message
    frames, sources = baca_unggahan(files[:1])
    assert list(frames) == ["skp"] and sources["skp"] == ("skp.csv", None) and len(frames["skp"]) == 4

"""Validation of a workspace: every problem reported with file, row and column, all in one pass."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest_io import KABID, KEPALA, STAF, base_rows, write_csvs

from kinerja.io import files as io
from kinerja.domain import schema
from kinerja.errors import InputError, ValidationErrors


def load_errors(folder: Path, rows, **kw) -> list[InputError]:
    write_csvs(folder, rows)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(folder, **kw)
    return exc.value.errors


def only(errors: list[InputError], file: str, row=None, column=None) -> InputError:
    """The single error on file (stem), row and column; fails listing all errors otherwise."""
    hits = [e for e in errors if Path(e.file).stem == file and e.row == row and e.column == column]
    assert len(hits) == 1, "\n".join(str(e) for e in errors)
    return hits[0]


def test_minimal_workspace_is_valid(tmp_path):
    ws = io.load_workspace(write_csvs(tmp_path))
    assert len(ws.pegawai) == 3 and len(ws.skp) == 4


# --- files and columns -----------------------------------------------------------------------

def test_missing_required_file(tmp_path):
    rows = base_rows()
    del rows["skp"]
    errs = load_errors(tmp_path, rows)
    e = only(errs, "skp")
    assert e.row is None and "tidak ditemukan" in e.message
    assert e.file == str(tmp_path / "skp.csv")


def test_missing_optional_file_gives_empty_frame(tmp_path):
    rows = base_rows()
    del rows["penilaian"], rows["organisasi"]
    ws = io.load_workspace(write_csvs(tmp_path, rows))
    assert ws.penilaian.empty and list(ws.penilaian.columns) == schema.FILES["penilaian"].column_names
    assert ws.organisasi.empty and "capaian" in ws.organisasi.columns


def test_missing_required_column(tmp_path):
    rows = base_rows()
    for r in rows["skp"]:
        del r["target"]
    e = only(load_errors(tmp_path, rows), "skp", 1, "target")
    assert "kolom wajib 'target'" in e.message


def test_missing_optional_column_is_added_empty(tmp_path):
    ws = io.load_workspace(write_csvs(tmp_path))
    assert ws.skp["bobot"].isna().all() and ws.skp["bobot"].dtype == np.float64
    assert ws.pegawai["jenjang"].isna().all()


def test_unknown_columns_dropped_and_headers_normalised(tmp_path):
    rows = base_rows()
    for r in rows["pegawai"]:
        r["Kolom Tambahan"] = "x"
        r["Jenis Jabatan"] = r.pop("jenis_jabatan")
    ws = io.load_workspace(write_csvs(tmp_path, rows))
    assert "kolom_tambahan" not in ws.pegawai.columns and "Kolom Tambahan" not in ws.pegawai.columns
    assert ws.pegawai["jenis_jabatan"].tolist() == ["jpt", "administrator", "fungsional"]


# --- types -----------------------------------------------------------------------------------

def test_target_not_a_number(tmp_path):
    rows = base_rows()
    rows["skp"][1]["target"] = "abc"
    e = only(load_errors(tmp_path, rows), "skp", 3, "target")
    assert "'abc'" in e.message and "bukan angka" in e.message


def test_target_must_be_positive(tmp_path):
    rows = base_rows()
    rows["skp"][0]["target"] = "0"
    rows["skp"][2]["target"] = "-3"
    errs = load_errors(tmp_path, rows)
    assert "lebih besar dari 0" in only(errs, "skp", 2, "target").message
    assert "'-3'" in only(errs, "skp", 4, "target").message


def test_realisasi_must_not_be_negative(tmp_path):
    rows = base_rows()
    rows["realisasi"][1]["realisasi"] = "-1,5"
    e = only(load_errors(tmp_path, rows), "realisasi", 3, "realisasi")
    assert "tidak boleh negatif" in e.message and "'-1,5'" in e.message


def test_realisasi_zero_is_allowed(tmp_path):
    rows = base_rows()
    rows["realisasi"][0]["realisasi"] = "0"
    assert io.load_workspace(write_csvs(tmp_path, rows)).realisasi["realisasi"].iloc[0] == 0.0


def test_empty_cell_in_required_column(tmp_path):
    rows = base_rows()
    rows["pegawai"][2]["nama"] = "   "
    e = only(load_errors(tmp_path, rows), "pegawai", 4, "nama")
    assert "wajib diisi" in e.message


def test_invalid_tahun(tmp_path):
    rows = base_rows()
    rows["skp"][3]["periode"] = "20x6"
    e = only(load_errors(tmp_path, rows), "skp", 5, "periode")
    assert "'20x6'" in e.message


def test_bad_periode_uses_periode_message(tmp_path):
    rows = base_rows()
    rows["realisasi"][0]["periode"] = "2026-TW5"
    e = only(load_errors(tmp_path, rows), "realisasi", 2, "periode")
    assert "periode '2026-TW5' tidak dikenali" in e.message


@pytest.mark.parametrize("file,column,value,expect", [
    ("skp", "jenis", "pokok", "pilih salah satu dari: utama, tambahan"),
    ("skp", "aspek", "kecepatan", "'kecepatan'"),
    ("pegawai", "jenis_jabatan", "eselon", "'eselon'"),
    ("perilaku", "rating", "Luar Biasa", "rating 'Luar Biasa' tidak dikenal"),
    ("penilaian", "rating_perilaku", "bagus", "rating 'bagus' tidak dikenal"),
    ("organisasi", "capaian", "Sempurna", "'Sempurna'"),
    ("perilaku", "aspek", "ramah", "aspek perilaku 'ramah' tidak dikenal"),
])
def test_unknown_labels(tmp_path, file, column, value, expect):
    rows = base_rows()
    rows[file][0][column] = value
    e = only(load_errors(tmp_path, rows), file, 2, column)
    assert expect in e.message


def test_labels_normalised(tmp_path):
    rows = base_rows()
    rows["skp"][0]["jenis"] = " Utama "
    rows["skp"][0]["perspektif"] = "Penerima_Layanan"
    rows["organisasi"][0]["capaian"] = "BUTUH PERBAIKAN"
    rows["realisasi"][0]["periode"] = "2026 tw1"
    ws = io.load_workspace(write_csvs(tmp_path, rows))
    assert ws.skp["jenis"].iloc[0] == "utama"
    assert ws.skp["perspektif"].iloc[0] == "penerima layanan"
    assert ws.organisasi["capaian"].tolist() == ["Butuh Perbaikan", "Butuh Perbaikan"]
    assert ws.realisasi["periode"].tolist() == ["2026-TW1", "2026-TW1"]
    assert ws.perilaku["aspek"].tolist() == ["akuntabel", "berorientasi_pelayanan"]
    assert ws.perilaku["rating"].tolist() == ["sesuai", "di_atas"]
    assert ws.penilaian["rating_perilaku"].iloc[0] == "di_atas"


def test_empty_rating_is_nan(tmp_path):
    rows = base_rows()
    rows["penilaian"][0]["rating_hasil_kerja"] = ""
    ws = io.load_workspace(write_csvs(tmp_path, rows))
    assert pd.isna(ws.penilaian["rating_hasil_kerja"].iloc[0])


# --- keys --------------------------------------------------------------------------------------

def test_duplicate_key_names_both_rows(tmp_path):
    rows = base_rows()
    rows["skp"].append(dict(rows["skp"][1], indikator="lagi"))   # row 6 duplicates row 3
    e = only(load_errors(tmp_path, rows), "skp", 6, "periode, nip, rhk_id, iki_id")
    assert "sama dengan baris 3" in e.message


def test_duplicate_nip_in_pegawai_after_normalising(tmp_path):
    rows = base_rows()
    rows["pegawai"].append(dict(rows["pegawai"][2], nip="19900101 201503 2 001"))
    e = only(load_errors(tmp_path, rows), "pegawai", 5, "nip")
    assert "sama dengan baris 4" in e.message


# --- NIP ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("nip,expect", [
    ("19900101201503200", "18 angka"),
    ("199013012015032001", "tanggal lahir"),
    ("199001012015132001", "TMT"),
    ("199001012015033001", "jenis kelamin"),
    ("1.99001012015032E+17", "simpan NIP sebagai teks"),
    ("199001012015032000", "Simpan NIP sebagai teks"),
])
def test_invalid_nip(tmp_path, nip, expect):
    rows = base_rows()
    rows["pegawai"][2]["nip"] = nip
    for name in ("skp", "realisasi", "perilaku", "penilaian"):
        for r in rows[name]:
            r["nip"] = nip
    rows["skp"] = rows["skp"][:1]
    rows["skp"][0]["rhk_atasan"] = ""
    rows["realisasi"] = rows["realisasi"][:1]
    rows["perilaku"] = rows["perilaku"][:1]
    errs = load_errors(tmp_path, rows)
    assert expect in only(errs, "pegawai", 4, "nip").message
    assert expect in only(errs, "skp", 2, "nip").message
    # the bad NIP is reported where it is, not again as "unknown NIP"
    assert not [e for e in errs if "tidak terdaftar" in e.message]


def test_nip_with_spaces_is_normalised(tmp_path):
    rows = base_rows()
    rows["pegawai"][2]["nip"] = "19900101 201503 2 001"
    rows["skp"][2]["nip"] = "19900101.201503.2.001"
    ws = io.load_workspace(write_csvs(tmp_path, rows))
    assert ws.pegawai["nip"].iloc[2] == STAF
    assert ws.skp["nip"].iloc[2] == STAF
    assert pd.isna(ws.pegawai["nip_atasan"].iloc[0])
    assert ws.pegawai["nip_atasan"].iloc[2] == KABID


# --- cross-file --------------------------------------------------------------------------------

@pytest.mark.parametrize("file,row", [("skp", 2), ("realisasi", 2), ("perilaku", 2), ("penilaian", 2)])
def test_unknown_nip(tmp_path, file, row):
    rows = base_rows()
    rows[file][0]["nip"] = "198502022010012003"
    errs = load_errors(tmp_path, rows)
    e = only(errs, file, row, "nip")
    assert "198502022010012003" in e.message and "tidak terdaftar" in e.message


def test_realisasi_for_unknown_indikator(tmp_path):
    rows = base_rows()
    rows["realisasi"][1]["iki_id"] = "9.9"
    rows["realisasi"].append(dict(rows["realisasi"][0], periode="2025-TW1"))  # no SKP in 2025
    errs = load_errors(tmp_path, rows)
    e = only(errs, "realisasi", 3, "iki_id")
    assert "9.9" in e.message and STAF in e.message and "2026" in e.message
    assert "tahun 2025" in only(errs, "realisasi", 4, "iki_id").message
    assert len(errs) == 2


def test_nip_atasan_unknown(tmp_path):
    rows = base_rows()
    rows["pegawai"][2]["nip_atasan"] = "198502022010012003"
    e = only(load_errors(tmp_path, rows), "pegawai", 4, "nip_atasan")
    assert "198502022010012003" in e.message


def test_cycle_in_penilai_chain(tmp_path):
    rows = base_rows()
    rows["pegawai"][0]["nip_atasan"] = STAF       # kepala -> staf -> kabid -> kepala
    rows["skp"][0]["rhk_atasan"] = ""
    errs = load_errors(tmp_path, rows)
    e = only(errs, "pegawai", 2, "nip_atasan")
    assert "berputar" in e.message
    for nip in (KEPALA, KABID, STAF):
        assert nip in e.message
    assert len(errs) == 1  # one cycle, reported once


def test_self_atasan(tmp_path):
    rows = base_rows()
    rows["pegawai"][1]["nip_atasan"] = KABID
    errs = load_errors(tmp_path, rows)
    e = only(errs, "pegawai", 3, "nip_atasan")
    assert "atasannya sendiri" in e.message


def test_organisasi_unknown_unit(tmp_path):
    rows = base_rows()
    rows["organisasi"][1]["unit"] = "Bidang Yankes"
    e = only(load_errors(tmp_path, rows), "organisasi", 3, "unit")
    assert "'Bidang Yankes'" in e.message


def test_rhk_atasan_not_in_atasan_skp(tmp_path):
    rows = base_rows()
    rows["skp"][2]["rhk_atasan"] = "RHK-7"
    rows["skp"][0]["rhk_atasan"] = "RHK-1"   # kepala has no atasan
    errs = load_errors(tmp_path, rows)
    e = only(errs, "skp", 4, "rhk_atasan")
    assert "'RHK-7'" in e.message and KABID in e.message
    assert "tidak punya atasan" in only(errs, "skp", 2, "rhk_atasan").message


def test_rhk_atasan_must_be_same_year(tmp_path):
    rows = base_rows()
    for r in rows["skp"][2:]:
        r["periode"] = "2025"
    rows["realisasi"] = []
    errs = load_errors(tmp_path, rows)
    assert "tahun 2025" in only(errs, "skp", 4, "rhk_atasan").message
    assert "tahun 2025" in only(errs, "skp", 5, "rhk_atasan").message


# --- one pass, limits, nothing partially loaded -------------------------------------------------

def test_all_problems_in_one_pass(tmp_path):
    rows = base_rows()
    rows["skp"][1]["target"] = "abc"
    rows["pegawai"][2]["jenis_jabatan"] = "eselon"
    rows["organisasi"][0]["capaian"] = "Sempurna"
    rows["realisasi"][0]["iki_id"] = "9.9"
    errs = load_errors(tmp_path, rows)
    assert len(errs) == 4
    only(errs, "skp", 3, "target")
    only(errs, "pegawai", 4, "jenis_jabatan")
    only(errs, "organisasi", 2, "capaian")
    only(errs, "realisasi", 2, "iki_id")


def test_max_errors_truncates(tmp_path):
    rows = base_rows()
    for i in range(30):
        rows["skp"].append(dict(rows["skp"][2], iki_id=f"2.{i}", target="x"))
    write_csvs(tmp_path, rows)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(tmp_path, max_errors=10)
    assert len(exc.value.errors) == 10 and exc.value.truncated
    assert "dipotong" in str(exc.value)
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(tmp_path)
    assert len(exc.value.errors) == 30 and not exc.value.truncated


def test_nothing_partially_loaded(tmp_path):
    rows = base_rows()
    rows["penilaian"][0]["rating_perilaku"] = "bagus"
    write_csvs(tmp_path, rows)
    result = None
    with pytest.raises(ValidationErrors) as exc:
        result = io.load_workspace(tmp_path)
    assert result is None
    assert "Tidak ada data yang dimuat" in str(exc.value)
    frame = exc.value.to_frame()
    assert frame.loc[0, "baris"] == 2 and frame.loc[0, "kolom"] == "rating_perilaku"


# --- validate_frames with a base workspace --------------------------------------------------------

def _raw(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=str)


def test_validate_one_changed_file_against_base(tmp_path):
    base = io.load_workspace(write_csvs(tmp_path))
    new = base_rows()["realisasi"] + [{"periode": "2026-TW2", "nip": STAF, "rhk_id": "RHK-1",
                                        "iki_id": "1.1", "realisasi": "1.250,5"}]
    ws = io.validate_frames({"realisasi": _raw(new)}, {"realisasi": ("impor.csv", None)}, base)
    assert len(ws.realisasi) == 3 and ws.realisasi["realisasi"].iloc[2] == 1250.5
    pd.testing.assert_frame_equal(ws.skp, base.skp)
    assert ws.path == base.path

    bad = new + [{"periode": "2026-TW2", "nip": STAF, "rhk_id": "RHK-2", "iki_id": "1.1", "realisasi": "1"}]
    with pytest.raises(ValidationErrors) as exc:
        io.validate_frames({"realisasi": _raw(bad)}, {"realisasi": ("impor.csv", None)}, base)
    (e,) = exc.value.errors
    assert (e.file, e.row, e.column) == ("impor.csv", 5, "iki_id")


def test_validate_frames_accepts_non_string_cells(tmp_path):
    base = io.load_workspace(write_csvs(tmp_path))
    frame = pd.DataFrame({"periode": ["2026"], "nip": [STAF], "rhk_id": ["RHK-1"], "iki_id": ["1.1"],
                          "realisasi": [7.5], "bukti": [None], "umpan_balik": [np.nan]})
    ws = io.validate_frames({"realisasi": frame}, {"realisasi": ("form", None)}, base)
    assert ws.realisasi["realisasi"].tolist() == [7.5] and pd.isna(ws.realisasi["bukti"].iloc[0])


def test_removing_pegawai_reports_dependent_rows_in_base(tmp_path):
    base = io.load_workspace(write_csvs(tmp_path))
    peg = _raw(base_rows()["pegawai"][:2])
    with pytest.raises(ValidationErrors) as exc:
        io.validate_frames({"pegawai": peg}, {"pegawai": ("pegawai_baru.csv", None)}, base)
    files = {(Path(e.file).stem, e.column) for e in exc.value.errors}
    assert ("skp", "nip") in files and ("realisasi", "nip") in files


# --- extensibility ------------------------------------------------------------------------------

def test_new_filespec_is_read_checked_and_put_in_extra(tmp_path, monkeypatch):
    spec = schema.FileSpec("survei_contoh", (
        schema.Column("unit"),
        schema.Column("periode", "periode"),
        schema.Column("nilai", "num", nonnegative=True),
    ), key=("unit", "periode"), required=False)
    monkeypatch.setitem(schema.FILES, "survei_contoh", spec)
    folder = write_csvs(tmp_path)
    ws = io.load_workspace(folder)
    assert ws.extra["survei_contoh"].empty
    assert list(ws.extra["survei_contoh"].columns) == ["unit", "periode", "nilai"]

    (folder / "survei_contoh.csv").write_text("unit,periode,nilai\nSekretariat,2026,\"82,5\"\nSekretariat,2026-S1,x\n")
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(folder)
    (e,) = exc.value.errors
    assert (Path(e.file).name, e.row, e.column) == ("survei_contoh.csv", 3, "nilai")

    (folder / "survei_contoh.csv").write_text("unit,periode,nilai\nSekretariat,2026,\"82,5\"\n")
    ws = io.load_workspace(folder)
    assert ws.extra["survei_contoh"]["nilai"].tolist() == [82.5]
    assert ws["survei_contoh"] is ws.extra["survei_contoh"]


def test_cross_checks_are_a_list(tmp_path, monkeypatch):
    def no_kepala_in_p2p(ctx):
        peg = ctx.tables["pegawai"]
        bad = np.flatnonzero((peg["unit"] == "Bidang P2P").to_numpy() & (peg["jenis_jabatan"] == "jpt").to_numpy())
        ctx.report("pegawai", bad, "unit", lambda p: "contoh aturan tambahan")

    from kinerja.io import validate  # the list lives where validation runs (files.py re-exports it)

    monkeypatch.setattr(validate, "CROSS_CHECKS", validate.CROSS_CHECKS + [no_kepala_in_p2p])
    rows = base_rows()
    rows["pegawai"][0]["unit"] = "Bidang P2P"
    rows["organisasi"] = rows["organisasi"][1:]
    assert only(load_errors(tmp_path, rows), "pegawai", 2, "unit").message == "contoh aturan tambahan"


def test_new_filespec_with_nip_column_is_checked_against_pegawai(tmp_path, monkeypatch):
    spec = schema.FileSpec("catatan_mentor", (
        schema.Column("periode", "periode"), schema.Column("nip", "nip"),
        schema.Column("rating", "rating", nullable=True)), key=("periode", "nip"), required=False)
    monkeypatch.setitem(schema.FILES, "catatan_mentor", spec)
    folder = write_csvs(tmp_path)
    (folder / "catatan_mentor.csv").write_text(f"periode,nip,rating\n2026,{STAF},sesuai\n2026,198502022010012003,\n")
    with pytest.raises(ValidationErrors) as exc:
        io.load_workspace(folder)
    (e,) = exc.value.errors
    assert (e.row, e.column) == (3, "nip") and "tidak terdaftar" in e.message


def test_column_dataclass_unchanged():
    # io relies on these Column fields
    names = {f.name for f in dataclasses.fields(schema.Column)}
    assert {"name", "kind", "required", "nullable", "choices", "positive", "nonnegative"} <= names

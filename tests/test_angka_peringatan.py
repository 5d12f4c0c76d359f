"""Issue 10 point 3, the 1000x trap: an ambiguous value (``2.400``, ``1,250``) that its column
decided is read and WARNED about (file, sheet, row, column, raw text, the reading and why); a real
number (an Excel number cell, a value already in the database) carries no writing convention, so it
is never evidence; and the warnings reach ``validate``, ``import --dry-run``/``import``, ``init``
and the HR upload app."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest_io import KABID, STAF, base_rows, write_csvs, write_xlsx

from kinerja.domain.angka import baca_kolom, teks_angka
from kinerja.io.files import load_workspace


def _kolom(values, angka=None):
    return baca_kolom(pd.Series(values, dtype=str), None if angka is None else np.array(angka, dtype=bool))


# ---------------------------------------------------------------- the domain rule, value by value

@pytest.mark.parametrize("column,angka,i,value,fragment", [
    (["87,5", "2.400"], None, 1, 2400, "dibaca sebagai 2400 (titik sebagai pemisah ribuan), bukan 2,4"),
    (["1.250.000", "1,250"], None, 1, 1.25, "dibaca sebagai 1,25 (koma sebagai tanda desimal), bukan 1250"),
    (["87.5", "2.400"], None, 1, 2.4, "cara Inggris (mis. '87.5'"),
    (["1,250,000", "1,250"], None, 1, 1250, "dibaca sebagai 1250 (koma sebagai pemisah ribuan)"),
    (["12", "2.400", "600"], None, 1, 2400, "bilangan bulat tanpa pemisah (mis. '12')"),
    # XLSX: 87.5 is an Excel number cell: no convention, so the text 2.400 reads the Indonesian way
    (["87.5", "2.400"], [True, False], 1, 2400, "sel berformat angka tidak menunjukkannya"),
    # ... but a TEXT 0.5 beside it is English writing, whatever the number cells are
    (["87.5", "0.5", "2.400"], [True, False, False], 2, 2.4, "cara Inggris (mis. '0.5'"),
    # a whole-number TEXT decides even when the other cells are numbers
    (["87.5", "12", "2.400"], [True, False, False], 2, 2400, "bilangan bulat tanpa pemisah (mis. '12')"),
])
def test_decided_value_is_read_and_warned(column, angka, i, value, fragment):
    res = _kolom(column, angka)
    assert res.values[i] == pytest.approx(value)
    assert not res.undecided.any()
    assert fragment in res.dibaca[i], res.dibaca[i]
    assert f"'{column[i]}' dibaca sebagai" in res.dibaca[i] and "agar tidak ragu" in res.dibaca[i]
    assert [j for j, w in enumerate(res.dibaca) if w is not None] == [i]


@pytest.mark.parametrize("column", [["2400", "2,4", "1.234.567", "87,5"], ["87.5", "12", "0.125", "1.2500"],
                                    ["Rp 1.250.000", "95%", "-4,5"]])
def test_unambiguous_values_give_no_warning(column):
    res = _kolom(column)
    assert not res.undecided.any() and all(w is None for w in res.dibaca)
    assert not np.isnan(res.values).any()


def test_number_cells_are_read_exactly_and_never_warned():
    # 2.1250 is how an Excel number 2.125 reaches the reader; the stored 2.125 of an old database too
    res = _kolom(["2.1250", "2.125", "87,5"], [True, True, False])
    assert res.values.tolist() == [2.125, 2.125, 87.5]
    assert all(w is None for w in res.dibaca) and not res.undecided.any()


@pytest.mark.parametrize("column,angka", [
    (["2.400"], None),                                   # nothing else in the column
    (["2.400", "1.250"], None),                          # only ambiguous values: no evidence
    (["87.5", "87,5", "2.400"], None),                   # both writings: cannot decide
    (["87.5", "87,5", "2.400", "7.5"], [True, False, False, False]),  # text says both ways
])
def test_undecided_is_an_error_not_a_warning(column, angka):
    res = _kolom(column, angka)
    amb = [j for j, v in enumerate(column) if v in ("2.400", "1.250")]
    assert res.undecided[amb].all() and all(res.dibaca[j] is None for j in amb)


def test_undecided_says_why():
    assert "kedua cara penulisan (mis. '87,5' dan '87.5')" in _kolom(["87.5", "87,5", "2.400"]).ragu
    assert "tidak menunjukkan" in _kolom(["2.400"]).ragu
    assert _kolom(["87,5", "2.400"]).ragu is None


def test_csv_decimal_comma_and_thousands_dot_are_one_indonesian_writing():
    res = _kolom(["87,5", "2.400", "1.250,75"])
    assert res.values.tolist() == [87.5, 2400, 1250.75]


def test_without_mask_the_number_cell_text_would_have_been_english():
    """The gap this fixes: the same strings without the number-cell mask read 2.400 as 2,4."""
    assert _kolom(["87.5", "2.400"]).values[1] == pytest.approx(2.4)
    assert _kolom(["87.5", "2.400"], [True, False]).values[1] == 2400


@pytest.mark.parametrize("x,text", [(95.0, "95"), (87.5, "87.5"), (2.125, "2.1250"), (-1.5, "-1.5"), (0.125, "0.125"),
                                    (1250.5, "1250.5"), (1e-05, "1e-05")])
def test_teks_angka_is_never_ambiguous_and_reads_back_exactly(x, text):
    assert teks_angka(x) == text
    # even in a column of Indonesian writing, where a text '2.125' would be 2125
    assert _kolom(["1.250.000", teks_angka(x)], [False, True]).values[1] == x
    assert _kolom(["1.250.000", teks_angka(x)]).values[1] == x


# ---------------------------------------------------------------- files: the warning names the cell

def _skp_targets(rows, values):
    for r, v in zip(rows["skp"], values):
        r["target"] = v
    return rows


def test_csv_warning_names_file_row_column(tmp_path):
    rows = _skp_targets(base_rows(), ["72", "87,5", "2.400", "5"])
    ws = load_workspace(write_csvs(tmp_path / "ws", rows))
    assert ws.skp["target"].tolist() == [72, 87.5, 2400, 5]
    [w] = ws.peringatan
    assert (w.file.endswith("skp.csv"), w.sheet, w.row, w.column) == (True, None, 4, "target")
    assert "'2.400' dibaca sebagai 2400" in w.message and "'87,5'" in w.message
    assert "baris 4" in str(w) and "kolom 'target'" in str(w)


def test_xlsx_number_cells_are_not_english_evidence(tmp_path):
    rows = _skp_targets(base_rows(), [72, 87.5, "2.400", 5])   # numbers as Excel numbers, 2.400 as text
    ws = load_workspace(write_xlsx(tmp_path / "k.xlsx", rows))
    assert ws.skp["target"].tolist() == [72, 87.5, 2400, 5]
    [w] = ws.peringatan
    assert (w.sheet, w.row, w.column) == ("skp", 4, "target") and "dibaca cara Indonesia" in w.message


def test_xlsx_text_cells_decide_even_beside_number_cells(tmp_path):
    rows = _skp_targets(base_rows(), [72.5, "0.5", "2.400", 5])   # the TEXT 0.5 is English writing
    ws = load_workspace(write_xlsx(tmp_path / "k.xlsx", rows))
    assert ws.skp["target"].tolist() == [72.5, 0.5, 2.4, 5]
    [w] = ws.peringatan
    assert w.row == 4 and "cara Inggris (mis. '0.5'" in w.message


def test_xlsx_number_cell_2125_stays_exact_beside_indonesian_text(tmp_path):
    rows = _skp_targets(base_rows(), [2.125, "1.250.000", "12", "5"])
    ws = load_workspace(write_xlsx(tmp_path / "k.xlsx", rows))
    assert ws.skp["target"].tolist() == [2.125, 1_250_000, 12, 5] and ws.peringatan == []


def test_one_warning_per_distinct_value_and_at_most_20_per_column(tmp_path):
    rows = base_rows()
    base = rows["realisasi"][0]
    rows["realisasi"] = [dict(base, periode=p, realisasi=v) for p, v in [("2026-TW1", "87,5"), ("2026-TW2", "2.400"),
                                                                       ("2026-TW3", "2.400")]]
    ws = load_workspace(write_csvs(tmp_path / "a", rows))
    [w] = ws.peringatan
    assert w.row == 3 and "juga ada di 1 baris lain" in w.message
    # 25 distinct ambiguous values: 20 listed, one line for the other 5
    rows["realisasi"] = [dict(base, periode="2026-TW1", realisasi="87,5")] + [
        dict(base, periode=f"2026-{b:02d}", realisasi=f"{b}.{100 + b}") for b in range(1, 13)] + [
        dict(base, periode=f"2026-TW{t}", iki_id="1.2", realisasi=f"{t}.{200 + t}") for t in range(1, 5)] + [
        dict(base, periode=f"2026-S{s}", iki_id="1.2", realisasi=f"{s}.{300 + s}") for s in (1, 2)] + [
        dict(base, periode=f"2026-{b:02d}", iki_id="1.2", realisasi=f"{b}.{400 + b}") for b in range(1, 8)]
    ws = load_workspace(write_csvs(tmp_path / "b", rows))
    assert len(ws.peringatan) == 21
    assert "dan 5 nilai ragu lain" in ws.peringatan[-1].message
    assert [w.row for w in ws.peringatan[:20]] == sorted(w.row for w in ws.peringatan[:20])


# ---------------------------------------------------------------- the store: stored values round-trip

def test_stored_2125_is_not_read_back_as_2125_thousands(tmp_path):
    """A value saved as 2.125 was written back as the text '2.125', which a column of whole numbers
    read as 2125 (silently 1000x) when the store was opened again."""
    from kinerja.store.core import Store

    rows = _skp_targets(base_rows(), ["72", "1.250.000", "2,125", "5"])
    ws = load_workspace(write_csvs(tmp_path / "ws", rows))
    assert ws.skp["target"].tolist() == [72, 1_250_000, 2.125, 5]
    st = Store(f"sqlite:///{tmp_path / 'k.db'}")
    st.init_from(ws, oleh="uji")
    assert st.to_workspace().skp["target"].tolist() == [72, 1_250_000, 2.125, 5]


def test_import_into_a_store_stored_values_are_not_evidence(tmp_path):
    """Importing one file into a filled store: the stored rows (87.5 in the database) do not make the
    file's text '2.400' English; the file's own writing decides, with a warning in the plan."""
    from kinerja.services.impor import rencana
    from kinerja.store.core import Store

    rows = _skp_targets(base_rows(), ["72", "87,5", "12", "5"])
    st = Store(f"sqlite:///{tmp_path / 'k.db'}")
    st.init_from(load_workspace(write_csvs(tmp_path / "ws", rows)), oleh="uji")
    before = st.to_workspace().skp["target"].tolist()
    new = base_rows()
    new["skp"] = [dict(rows["skp"][2], target="2.400"), dict(rows["skp"][3], target="1.250.000")]
    folder = tmp_path / "baru"
    write_csvs(folder, {"skp": new["skp"]})
    res = rencana(st, [folder / "skp.csv"])
    assert st.to_workspace().skp["target"].tolist() == before        # the plan wrote nothing
    skp = res.workspace.skp.set_index(["nip", "iki_id"])["target"]
    assert skp[(STAF, "1.1")] == 2400 and skp[(STAF, "1.2")] == 1_250_000 and skp[(KABID, "1.1")] == 87.5
    assert any("baris 2" in w and "'2.400' dibaca sebagai 2400" in w for w in res.peringatan), res.peringatan


def test_import_xlsx_into_a_store_keeps_the_number_cell_mask(tmp_path):
    from kinerja.services.impor import impor
    from kinerja.store.core import Store

    rows = base_rows()
    st = Store(f"sqlite:///{tmp_path / 'k.db'}")
    st.init_from(load_workspace(write_csvs(tmp_path / "ws", rows)), oleh="uji")
    book = write_xlsx(tmp_path / "skp.xlsx", {"skp": _skp_targets(base_rows(), [72, 87.5, "2.400", 5])["skp"]})
    res = impor(st, [book], oleh="uji")
    assert sorted(st.to_workspace().skp["target"].tolist()) == [5, 72, 87.5, 2400]
    assert any("lembar skp, baris 4" in w and "dibaca cara Indonesia" in w for w in res.peringatan), res.peringatan


# ---------------------------------------------------------------- the channels users see

def _folder_with_warning(tmp_path):
    rows = _skp_targets(base_rows(), ["72", "87,5", "2.400", "5"])
    return write_csvs(tmp_path / "ws", rows)


def test_cli_validate_prints_the_warning_apart(tmp_path, capsys):
    from kinerja.cli.commands import main

    assert main(["validate", str(_folder_with_warning(tmp_path))]) == 0
    out = capsys.readouterr().out
    head, _, warns = out.partition("Peringatan")
    assert "Data valid" in head and "baris 4, kolom 'target': '2.400' dibaca sebagai 2400" in warns


def test_cli_init_and_import_dry_run_print_the_warning_once(tmp_path, capsys):
    from kinerja.cli.commands import main

    folder = _folder_with_warning(tmp_path)
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.count("'2.400' dibaca sebagai 2400") == 1, out
    assert main(["import", str(folder), str(folder / "skp.csv"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Peringatan" in out and out.count("'2.400' dibaca sebagai 2400") == 1, out


def test_hr_upload_app_shows_the_warning(tmp_path):
    from kinerja.services.impor import init_workspace
    from kinerja.ui.muat import MuatRencana

    st, _res = init_workspace(tmp_path / "kosong", [write_csvs(tmp_path / "awal")], oleh="uji")
    folder = _folder_with_warning(tmp_path)
    app = MuatRencana(st, oleh="sari.hr")
    assert app.periksa([("skp.csv", (folder / "skp.csv").read_bytes())]) is True
    assert "Peringatan" in app.w_rencana.value and "&#x27;2.400&#x27; dibaca sebagai 2400" in app.w_rencana.value

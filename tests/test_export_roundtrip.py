"""Export that round-trips (issue 10 point 6): formula-like text is neutralised in CSV and XLSX, and
reading the export back gives exactly the same workspace, with a hostile corpus of texts."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from conftest_io import base_rows, write_csvs

from kinerja.io.files import load_workspace, write_workspace
from kinerja.io.write import FORMULA_START, protect_text

HOSTILE = [
    "=1+1",
    '=HYPERLINK("http://contoh.invalid/x","klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "'sudah berapostrof",
    "''dua apostrof",
    "=",
    "-",
    "<script>alert('x')</script>",
    "<b>tebal</b> &amp; &lt;",
    "\u202eRTL override kiri",
    "\u200fنام\u200f عربي",
    "nol\u200blebar\u200d\ufeffBOM",
    "emoji 👩\u200d⚕️ 🇮🇩 ✅",
    "koma, titik koma; garis | kutip \" selesai",
    "baris satu\nbaris dua",
    "Ma'ruf",
    "Ñoño Wédari Çelik",
    "x" * 5000,
]


def _hostile_rows():
    rows = base_rows()
    texts = iter(HOSTILE * 3)
    for r in rows["pegawai"]:
        r["nama"] = next(texts)
        r["jabatan"] = next(texts)
    for r in rows["skp"]:
        r["rhk"] = next(texts)
        r["indikator"] = next(texts)
        r["satuan"] = next(texts)
    rhk_of = {}
    for r in rows["skp"]:  # one RHK text per (nip, rhk_id)
        r["rhk"] = rhk_of.setdefault((r["nip"], r["rhk_id"]), r["rhk"])
    for r in rows["realisasi"]:
        r["bukti"] = next(texts)
        r["umpan_balik"] = next(texts)
    for r in rows["perilaku"]:
        r["catatan"] = next(texts)
    for r in rows["penilaian"]:
        r["alasan"] = next(texts)
        r["catatan"] = next(texts)
    return rows


@pytest.fixture
def hostile_ws(tmp_path):
    rows = _hostile_rows()
    marked = {name: [{k: protect_text(v) if isinstance(v, str) else v for k, v in r.items()} for r in data]
              for name, data in rows.items()}
    ws = load_workspace(write_csvs(tmp_path / "src", marked))
    used = set()
    for df in ws.tables().values():
        for c in df.columns:
            if not pd.api.types.is_numeric_dtype(df[c].dtype):
                used |= set(df[c].dropna())
    given = {v for data in rows.values() for r in data for v in r.values() if v in HOSTILE}
    assert len(given) >= len(HOSTILE) - 2
    assert given <= used, given - used  # every hostile text is read exactly as given
    return ws


def _same(a, b):
    for name, df in a.tables().items():
        pd.testing.assert_frame_equal(df.reset_index(drop=True), b[name].reset_index(drop=True),
                                      check_dtype=False, obj=name)


def test_protect_text_is_reversible():
    for v in HOSTILE + ["biasa", "", "1.250"]:
        p = protect_text(v)
        assert not p.startswith(FORMULA_START)
        assert (p[1:] if p.startswith("'") else p) == v


def test_csv_export_neutralises_and_round_trips(hostile_ws, tmp_path):
    out = tmp_path / "csv"
    write_workspace(hostile_ws, out, fmt="csv")
    for f in out.glob("*.csv"):
        with f.open(newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert not cell.startswith(FORMULA_START), (f.name, cell[:40])
    _same(hostile_ws, load_workspace(out))


def test_xlsx_export_has_no_formula_and_round_trips(hostile_ws, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "xlsx"
    (book,) = write_workspace(hostile_ws, out, fmt="xlsx")
    wb = load_workbook(book)
    n_text = 0
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f", (sheet.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    n_text += 1
                    assert not c.value.startswith(FORMULA_START), (sheet.title, c.coordinate)
    assert n_text > 50
    _same(hostile_ws, load_workspace(book))


def test_numbers_round_trip_without_thousands_ambiguity(tmp_path):
    rows = base_rows()
    rows["skp"][2]["target"] = "2,125"         # 2.125: a decimal comma, since the column also has 4,5
    rows["skp"][3]["target"] = "4,5"
    rows["realisasi"][0]["realisasi"] = "1250000,5"
    ws = load_workspace(write_csvs(tmp_path / "src", rows))
    for fmt in ("csv", "xlsx"):
        out = tmp_path / fmt
        write_workspace(ws, out, fmt=fmt)
        back = load_workspace(out if fmt == "csv" else out / "kinerja.xlsx")
        assert back.skp["target"].tolist() == ws.skp["target"].tolist() and 2.125 in back.skp["target"].tolist()
        assert back.realisasi["realisasi"].tolist() == ws.realisasi["realisasi"].tolist()
    text = (tmp_path / "csv" / "skp.csv").read_text()
    assert "2.1250" in text and "72.0" not in text


def test_sample_round_trips_both_formats(sample_ws, tmp_path):
    for fmt in ("csv", "xlsx"):
        out = tmp_path / fmt
        write_workspace(sample_ws, out, fmt=fmt)
        _same(sample_ws, load_workspace(out if fmt == "csv" else out / "kinerja.xlsx"))

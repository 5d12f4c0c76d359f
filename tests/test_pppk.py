"""PNS and PPPK (issue 10 point 1): both number forms, jenis_pegawai, and PPPK staff end to end
(validate, store, score, the evaluator form, reports, summaries)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest_io import KABID, STAF, base_rows, write_csvs

from kinerja.domain.nip import bentuk_nomor, nip_problem, nip_problems
from kinerja.errors import ValidationErrors
from kinerja.io.files import load_workspace

PPPK = "199205172023212001"          # lahir 1992-05-17, diangkat 2023, kode 2, masa 1, wanita, urut 001
PPPK_PW = "198811022025242003"       # paruh waktu: diangkat 2025, masa perjanjian 4


@pytest.mark.parametrize("nomor,form", [(PPPK, "pppk"), (PPPK_PW, "pppk"), (STAF, "pns"), (KABID, "pns")])
def test_both_forms_valid(nomor, form):
    assert nip_problem(nomor) is None and bentuk_nomor(nomor) == form
    assert nip_problems(pd.Series([nomor])).tolist() == [None]


@pytest.mark.parametrize("nomor,fragment", [
    ("199205172023202001", "dibaca sebagai NI PPPK"),               # masa perjanjian 0
    ("199205172023202001", "digit ke-14"),
    ("199205172015212001", "tahun pengangkatan 2015"),             # PPPK before 2019
    ("200905172023212001", "sebelum usia 18"),                      # PPPK appointed at 14
    ("199205172023213001", "jenis kelamin"),
    ("199205172023132001", "dibaca sebagai NIP PNS"),               # month 13: a PNS reading, refused
    ("199205172023132001", "TMT CPNS 202313 tidak mungkin"),
    ("201101012026011001", "sebelum usia 18"),                      # TMT at age 15 (issue 10)
    ("200801012025121001", "sebelum usia 18"),                      # 17 years 11 months
])
def test_bad_numbers_say_which_form(nomor, fragment):
    msg = nip_problem(nomor)
    assert msg is not None and fragment in msg
    assert nip_problems(pd.Series([nomor])).tolist() == [msg]


def test_age_18_exactly_accepted():
    assert nip_problem("200801012026011001") is None  # TMT Jan 2026, born Jan 2008


def _rows_with_pppk(jenis: dict | None = None):
    rows = base_rows()
    for nomor in (PPPK, PPPK_PW):
        rows["pegawai"].append({"nip": nomor, "nama": "Pegawai PPPK", "pangkat": "", "golongan": "IX",
                                "jabatan": "Perawat Ahli Pertama", "jenis_jabatan": "fungsional",
                                "unit": "Bidang P2P", "nip_atasan": KABID})
    for r in rows["pegawai"]:
        r["jenis_pegawai"] = (jenis or {}).get(r["nip"], "")
    return rows


def test_jenis_pegawai_inferred_when_absent_or_empty(tmp_path):
    rows = base_rows()
    rows["pegawai"].append({"nip": PPPK, "nama": "P", "pangkat": "", "golongan": "", "jabatan": "Perawat",
                            "jenis_jabatan": "fungsional", "unit": "Bidang P2P", "nip_atasan": KABID})
    ws = load_workspace(write_csvs(tmp_path / "a", rows))  # no jenis_pegawai column at all
    assert ws.pegawai.set_index("nip").loc[PPPK, "jenis_pegawai"] == "pppk"
    assert ws.pegawai.set_index("nip").loc[STAF, "jenis_pegawai"] == "pns"
    ws = load_workspace(write_csvs(tmp_path / "b", _rows_with_pppk({PPPK_PW: "PPPK Paruh Waktu"})))
    j = ws.pegawai.set_index("nip")["jenis_pegawai"]
    assert (j[PPPK], j[PPPK_PW], j[STAF]) == ("pppk", "pppk_paruh_waktu", "pns")


@pytest.mark.parametrize("nomor,jenis,form", [(PPPK, "pns", "NI PPPK"), (STAF, "pppk", "NIP PNS"),
                                              (STAF, "pppk_paruh_waktu", "NIP PNS")])
def test_contradiction_refused(tmp_path, nomor, jenis, form):
    rows = _rows_with_pppk({nomor: jenis})
    with pytest.raises(ValidationErrors) as exc:
        load_workspace(write_csvs(tmp_path, rows))
    (e,) = exc.value.errors
    row = 2 + [r["nip"] for r in rows["pegawai"]].index(nomor)
    assert (e.row, e.column) == (row, "jenis_pegawai")
    assert jenis in e.message and form in e.message and "bertentangan" in e.message


def test_sample_has_every_kind(sample_ws):
    counts = sample_ws.pegawai["jenis_pegawai"].value_counts()
    assert set(counts.index) == {"pns", "pppk", "pppk_paruh_waktu"}
    pppk = sample_ws.pegawai[sample_ws.pegawai["jenis_pegawai"] != "pns"]
    assert all(bentuk_nomor(n) == "pppk" for n in pppk["nip"])


def test_generated_sample_has_every_kind():
    from kinerja.services.sample import generate

    ws = generate(120, seed=5)
    assert set(ws.pegawai["jenis_pegawai"]) == {"pns", "pppk", "pppk_paruh_waktu"}


def test_pppk_scored_and_summarised(sample_ws):
    from kinerja.cli.commands import format_unit_summary
    from kinerja.dataset.frames import per_jenis_pegawai
    from kinerja.domain import labels
    from kinerja.schemes import periode_data
    from kinerja.schemes import permenpanrb_2022 as s22

    data = periode_data(sample_ws, "2026")
    sc = s22.score(data)
    pppk = sample_ws.pegawai.loc[sample_ws.pegawai["jenis_pegawai"] != "pns", "nip"]
    got = sc.set_index("nip").loc[pppk, "predikat"]
    assert got.isin(labels.PREDIKAT).all()
    per = per_jenis_pegawai(sc, data.pegawai)
    assert list(per.index) == ["PNS", "PPPK", "PPPK Paruh Waktu"]
    assert per["jumlah"].sum() == len(sc)
    assert per.loc["PPPK", "jumlah"] == (sample_ws.pegawai["jenis_pegawai"] == "pppk").sum()
    text = format_unit_summary(sc, data)
    assert f"PPPK Paruh Waktu ({per.loc['PPPK Paruh Waktu', 'jumlah']} pegawai)" in text


def test_pppk_in_store_form_and_report(store, sample_ws):
    from kinerja.report import render as report
    from kinerja.ui.form import FormPenilaian

    peg = store.to_workspace().pegawai
    assert set(peg["jenis_pegawai"]) == {"pns", "pppk", "pppk_paruh_waktu"}  # kept by the store
    pw = peg[peg["jenis_pegawai"] == "pppk_paruh_waktu"].iloc[0]
    app = FormPenilaian(store, penilai=pw["nip_atasan"], periode="2026-TW2", nip=pw["nip"])
    assert app.w_bawahan.value == pw["nip"]
    assert len(app.w_real) > 0
    lap = report.prepare(None, "2026", ws=sample_ws, tempat="Suka Maju", tanggal="2027-01-15")
    html = report.employee_html(lap, pw["nip"])
    assert pw["nama"] in html and lap.s22.loc[pw["nip"], "predikat"] in html

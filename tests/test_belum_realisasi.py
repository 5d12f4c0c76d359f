"""A periode not reported yet (issue 10 point 5): no realisasi means "belum ada realisasi", not a
capaian of 0 and "Di Bawah Ekspektasi", in every scheme, in score and in explain."""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest

from kinerja.cli import main
from kinerja.io.files import load_workspace, write_workspace
from kinerja.schemes import kpi, periode_data, permenpanrb_2022 as s22, pp46_2011 as pp46

from conftest import SAMPLE_CSV

PERIODE = "2026-TW4"
NIP = "199901182025072336"  # has no final rating in 2026-TW4 (penilaian.csv)


@pytest.fixture(scope="module")
def data():
    ws = copy.copy(load_workspace(SAMPLE_CSV))
    r = ws.realisasi
    ws.realisasi = r[~((r["periode"] == PERIODE) & (r["nip"] == NIP))].copy()
    return periode_data(ws, PERIODE)


def test_permenpanrb_2022_says_belum_ada_realisasi(data):
    sc = s22.score(data).set_index("nip")
    row = sc.loc[NIP]
    assert row["belum_ada_realisasi"] and row["indikator_tanpa_realisasi"] == row["jumlah_indikator"] > 0
    assert pd.isna(row["usulan_hasil_kerja"]) and row["alasan_usulan_hasil_kerja"] == "belum ada realisasi"
    assert pd.isna(row["capaian_rata"]) and pd.isna(row["nilai"]) and pd.isna(row["predikat"])
    others = sc.drop(index=NIP)
    assert not others["belum_ada_realisasi"].any() and others["usulan_hasil_kerja"].notna().all()

    ex = s22.explain(data, NIP)
    assert ex.step("status_realisasi").result == "belum ada realisasi"
    assert not [s for s in ex.steps if s.key.startswith("capaian")]
    assert ex.step("usulan_hasil_kerja").result == "-" and ex.step("predikat").result == "-"
    assert "Di Bawah Ekspektasi" not in ex.step("usulan_hasil_kerja").result


def test_a_final_rating_still_gives_the_predikat(data):
    d = copy.copy(data)
    d.penilaian = pd.concat([data.penilaian, pd.DataFrame(
        [{"nip": NIP, "rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"}], index=[NIP])])
    row = s22.score(d).set_index("nip").loc[NIP]
    assert row["belum_ada_realisasi"] and pd.isna(row["usulan_hasil_kerja"])
    assert row["predikat"] == s22.predikat("sesuai", "sesuai")


@pytest.mark.parametrize("mod,key", [(kpi, "nilai_hasil"), (pp46, "rata_nilai_kegiatan")])
def test_numeric_schemes_leave_the_nilai_empty(data, mod, key):
    row = mod.score(data).set_index("nip").loc[NIP]
    assert row["belum_ada_realisasi"]
    assert math.isnan(row[key]) and math.isnan(row["nilai"]) and pd.isna(row["predikat"])
    ex = mod.explain(data, NIP)
    assert "belum ada realisasi" in ex.to_text()
    assert math.isnan(ex.step("predikat").inputs[next(iter(ex.step("predikat").inputs))])


def test_cli_explain_and_score_say_it(tmp_path, capsys):
    ws = load_workspace(SAMPLE_CSV)
    r = ws.realisasi
    ws.realisasi = r[~((r["periode"] == PERIODE) & (r["nip"] == NIP))].copy()
    write_workspace(ws, tmp_path / "ws")
    assert main(["explain", str(tmp_path / "ws"), "--nip", NIP, "--periode", PERIODE]) == 0
    out = capsys.readouterr().out
    assert "belum ada realisasi" in out and "Di Bawah Ekspektasi" not in out
    assert main(["summary", str(tmp_path / "ws"), "--periode", PERIODE]) == 0
    out = capsys.readouterr().out
    assert "Belum ada realisasi: 1 pegawai (tanpa usulan dan predikat)" in out
    assert out.rstrip().endswith("Belum ada realisasi: 1 pegawai")
    assert main(["summary", str(SAMPLE_CSV), "--periode", PERIODE]) == 0
    assert "Belum ada realisasi" not in capsys.readouterr().out

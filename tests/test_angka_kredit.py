"""Angka kredit from the predikat (PermenPANRB 1/2023 Pasal 37)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kinerja.schemes import angka_kredit as ak
from kinerja.domain import labels


def test_example_ahli_pertama_sangat_baik():
    assert ak.koefisien("Ahli Pertama") == 12.5
    assert ak.angka_kredit("Sangat Baik", 12.5) == pytest.approx(18.75)
    assert ak.angka_kredit(labels.SANGAT_BAIK, ak.koefisien("ahli pertama"), bulan=12) == pytest.approx(18.75)


@pytest.mark.parametrize("predikat, persen", [
    ("Sangat Baik", 1.5), ("Baik", 1.0), ("Butuh Perbaikan", 0.75), ("Kurang/Misconduct", 0.5),
    ("Kurang", 0.5), ("misconduct", 0.5), ("Sangat Kurang", 0.25),
])
def test_percentages(predikat, persen):
    assert ak.persentase(predikat) == persen
    assert ak.angka_kredit(predikat, 25.0) == pytest.approx(25.0 * persen)


def test_partial_year():
    # (bulan / 12) x persentase x koefisien: a triwulan of Baik for Ahli Muda
    assert ak.angka_kredit("Baik", ak.koefisien("Ahli Muda"), bulan=3) == pytest.approx(6.25)
    assert ak.angka_kredit("Butuh Perbaikan", 37.5, bulan=6) == pytest.approx(14.0625)


def test_koefisien_table():
    assert ak.KOEFISIEN_JENJANG == {"Pemula": 3.75, "Terampil": 5.0, "Mahir": 12.5, "Penyelia": 25.0,
                                    "Ahli Pertama": 12.5, "Ahli Muda": 25.0, "Ahli Madya": 37.5,
                                    "Ahli Utama": 50.0}
    assert ak.koefisien("AHLI_MADYA") == 37.5
    with pytest.raises(ValueError, match="jenjang"):
        ak.koefisien("Ahli Senior")


def test_errors():
    with pytest.raises(ValueError, match="predikat"):
        ak.angka_kredit("Cukup", 12.5)
    with pytest.raises(ValueError, match="bulan"):
        ak.angka_kredit("Baik", 12.5, bulan=13)
    with pytest.raises(ValueError, match="koefisien"):
        ak.angka_kredit("Baik", 0)


def test_vectorised_over_score_frame():
    scores = pd.DataFrame({"nip": ["1", "2", "3", "4", "5"],
                           "predikat": ["Sangat Baik", "Baik", "Cukup", None, "Sangat Kurang"]})
    pegawai = pd.DataFrame({"nip": ["1", "2", "3", "4", "5"],
                            "jenjang": ["Ahli Pertama", "terampil", "Ahli Muda", "Ahli Muda", None],
                            "koefisien_ak": [None, 6.0, None, None, 20.0]})
    out = ak.angka_kredit_frame(scores, pegawai, bulan=12).set_index("nip")
    assert out.loc["1", "angka_kredit"] == pytest.approx(18.75)
    assert out.loc["2", "koefisien"] == 6.0  # koefisien_ak column overrides the jenjang
    assert out.loc["2", "angka_kredit"] == pytest.approx(6.0)
    assert math.isnan(out.loc["3", "angka_kredit"])  # a PP 46 kategori has no percentage
    assert math.isnan(out.loc["4", "angka_kredit"])
    assert out.loc["5", "angka_kredit"] == pytest.approx(5.0)
    assert out.loc["2", "jenjang"] == "Terampil"
    half = ak.angka_kredit_frame(scores, pegawai, bulan=6).set_index("nip")
    assert half.loc["1", "angka_kredit"] == pytest.approx(18.75 / 2)
    for nip in ("1", "2", "5"):
        row = out.loc[nip]
        assert row["angka_kredit"] == pytest.approx(
            ak.angka_kredit(scores.set_index("nip").loc[nip, "predikat"], row["koefisien"]))


def test_vectorised_on_2022_scores():
    from kinerja.schemes import periode_data
    from kinerja.services.sample import generate
    from kinerja.schemes import permenpanrb_2022

    data = periode_data(generate(pegawai=30, seed=2), "2026")
    scores = permenpanrb_2022.score(data)
    out = ak.angka_kredit_frame(scores, data.pegawai)
    assert len(out) == len(scores)
    known = out["koefisien"].notna() & scores["predikat"].notna().to_numpy()
    assert (out.loc[known, "angka_kredit"] > 0).all()

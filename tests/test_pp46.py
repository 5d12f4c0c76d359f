"""PP 46/2011 scheme: regulation primitives, vectorised score, explain == score."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kinerja.domain.config import load_config
from kinerja.schemes import pp46_2011 as pp46
from reference_impl import assert_same, build_periode_data, periode_data_from_rows, pp46_score

NIP_A, NIP_B, NIP_C, NIP_D = ("199001012015031001", "199001012015031002", "199001012015031003",
                              "199001012015031004")


# ------------------------------------------------------------------------- nilai_aspek
@pytest.mark.parametrize("aspek", ["waktu", "biaya"])
@pytest.mark.parametrize("t", [1.0, 12.0, 100.0, 250.0])
def test_check_values_waktu_biaya(aspek, t):
    # RULES.md check values; verified against the formula (see module docstring).
    assert pp46.nilai_aspek(aspek, t, t) == pytest.approx(76.0)           # efisiensi 0
    assert pp46.nilai_aspek(aspek, t, 0.76 * t) == pytest.approx(100.0)   # efisiensi 24 (<= 24)
    assert pp46.nilai_aspek(aspek, t, 0.5 * t) == pytest.approx(50.0)     # efisiensi 50 (> 24)


def test_efisiensi_boundary_24_exact_vs_just_above():
    assert pp46.efisiensi(100.0, 76.0) == pytest.approx(24.0)
    assert pp46.nilai_aspek("waktu", 100.0, 76.0) == pytest.approx(100.0)
    # efisiensi 24.0001 -> second formula: 76 - (100.0001 - 100) = 75.9999 (a jump down from 100)
    assert pp46.efisiensi(100.0, 75.9999) == pytest.approx(24.0001)
    assert pp46.nilai_aspek("waktu", 100.0, 75.9999) == pytest.approx(75.9999)
    # just below 24 stays on the first formula
    assert pp46.nilai_aspek("biaya", 100.0, 76.0001) == pytest.approx(99.9999)
    # float noise at R = 0.76T (0.76 is not exact in binary) still counts as efisiensi 24
    for t in (3.0, 7.0, 0.3, 1e6):
        assert pp46.nilai_aspek("waktu", t, 0.76 * t) == pytest.approx(100.0)


def test_kuantitas_kualitas_ratio():
    assert pp46.nilai_aspek("kuantitas", 20, 15) == pytest.approx(75.0)
    assert pp46.nilai_aspek("Kualitas", 100, 92) == pytest.approx(92.0)
    assert pp46.nilai_aspek("kuantitas", 10, 0) == 0.0


def test_nilai_aspek_rejects_bad_input():
    with pytest.raises(ValueError, match="aspek"):
        pp46.nilai_aspek("kecepatan", 1, 1)
    with pytest.raises(ValueError, match="target"):
        pp46.nilai_aspek("waktu", 0, 1)


def test_nilai_aspek_array_matches_scalar():
    rng = np.random.default_rng(3)
    aspek = rng.choice(["kuantitas", "kualitas", "waktu", "biaya"], 500)
    t = rng.choice([1.0, 4.0, 12.0, 100.0], 500)
    r = t * rng.choice([0.0, 0.5, 0.76, 0.7599, 0.7601, 1.0, 1.3, 2.0], 500)
    vec = pp46.nilai_aspek_array(aspek, t, r)
    assert vec == pytest.approx([pp46.nilai_aspek(a, x, y) for a, x, y in zip(aspek, t, r)], abs=1e-12)
    assert np.isnan(pp46.nilai_aspek_array(["waktu", "lain"], [0.0, 1.0], [1.0, 1.0])).all()


# ------------------------------------------------------------------------- kategori
@pytest.mark.parametrize("nilai, expected", [
    (100, "Sangat Baik"), (91, "Sangat Baik"), (90.0001, "Sangat Baik"), (90, "Baik"),
    (76, "Baik"), (75.5, "Baik"), (75, "Cukup"), (61, "Cukup"), (60, "Kurang"), (51, "Kurang"),
    (50.5, "Kurang"), (50, "Buruk"), (0, "Buruk"), (-3, "Buruk"),
])
def test_kategori_bands(nilai, expected):
    assert pp46.kategori(nilai) == expected
    assert pp46.kategori_array([nilai])[0] == expected


def test_kategori_nan():
    assert pp46.kategori(math.nan) is None
    assert pp46.kategori_array([math.nan])[0] is None


# ------------------------------------------------------------------------- aggregation primitives
def test_nilai_perilaku_six_vs_five_aspects():
    aspek = {"orientasi_pelayanan": 80, "integritas": 80, "komitmen": 80, "disiplin": 80,
             "kerja_sama": 80, "kepemimpinan": 50}
    assert pp46.nilai_perilaku(aspek, struktural=True) == pytest.approx((5 * 80 + 50) / 6)
    assert pp46.nilai_perilaku(aspek, struktural=False) == pytest.approx(80.0)
    assert pp46.nilai_perilaku({"Orientasi Pelayanan": 70, "Kerja Sama": 90}, False) == pytest.approx(80)
    assert math.isnan(pp46.nilai_perilaku({}, True))
    with pytest.raises(ValueError):
        pp46.nilai_perilaku({"akuntabel": 80}, True)


def test_kegiatan_skp_prestasi():
    assert pp46.nilai_kegiatan({"kuantitas": 90, "kualitas": 80, "waktu": 76}) == pytest.approx(82.0)
    assert pp46.nilai_kegiatan([90, 80, 76, 100]) == pytest.approx(86.5)
    assert pp46.nilai_capaian_skp([80, 90]) == pytest.approx(85.0)
    assert pp46.nilai_capaian_skp([80, 90], 1, 3) == pytest.approx(89.0)
    assert pp46.nilai_capaian_skp([80, 90], math.nan, None) == pytest.approx(85.0)
    assert pp46.nilai_prestasi_kerja(80, 90) == pytest.approx(84.0)


# ------------------------------------------------------------------------- score on a hand-made case
@pytest.fixture
def handmade():
    peg = [{"nip": NIP_A, "nama": "A", "jenis_jabatan": "pengawas"},
           {"nip": NIP_B, "nama": "B", "jenis_jabatan": "fungsional"},
           {"nip": NIP_C, "nama": "C", "jenis_jabatan": "pelaksana"},
           {"nip": NIP_D, "nama": "D", "jenis_jabatan": "pelaksana"}]
    ind = [
        # A: kegiatan 1 with kuantitas (two rows, averaged first), kualitas, waktu
        {"nip": NIP_A, "rhk_id": "R1", "aspek": "kuantitas", "target": 10, "realisasi": 10},
        {"nip": NIP_A, "rhk_id": "R1", "aspek": "kuantitas", "target": 10, "realisasi": 5},
        {"nip": NIP_A, "rhk_id": "R1", "aspek": "kualitas", "target": 100, "realisasi": 90},
        {"nip": NIP_A, "rhk_id": "R1", "aspek": "waktu", "target": 12, "realisasi": 12},
        # A: kegiatan 2, kuantitas with missing realisasi (counts as 0)
        {"nip": NIP_A, "rhk_id": "R2", "aspek": "kuantitas", "target": 4},
        # B: one kegiatan
        {"nip": NIP_B, "rhk_id": "R1", "aspek": "kuantitas", "target": 5, "realisasi": 5},
        {"nip": NIP_B, "rhk_id": "R1", "aspek": "biaya", "target": 100, "realisasi": 76},
        # C: one kegiatan
        {"nip": NIP_C, "rhk_id": "R1", "aspek": "kualitas", "target": 100, "realisasi": 80},
        # not a pegawai of this data: ignored
        {"nip": "199001012015031999", "rhk_id": "R1", "aspek": "kuantitas", "target": 1, "realisasi": 1},
    ]
    six = {"orientasi_pelayanan": 90, "integritas": 90, "komitmen": 90, "disiplin": 90, "kerja_sama": 90,
           "kepemimpinan": 60}
    per = [{"nip": NIP_A, "aspek": k, "nilai": v} for k, v in six.items()]
    per += [{"nip": NIP_B, "aspek": k, "nilai": v} for k, v in six.items()]
    per += [{"nip": NIP_B, "aspek": "akuntabel", "rating": "di_atas"}]  # ignored: B has PP 46 aspects
    # C: BerAKHLAK only -> fallback (nilai when given, else config mapping)
    per += [{"nip": NIP_C, "aspek": "akuntabel", "rating": "sesuai", "nilai": 70},
            {"nip": NIP_C, "aspek": "kompeten", "rating": "di_atas"},
            {"nip": NIP_C, "aspek": "loyal", "rating": "di_bawah"}]
    pen = [{"nip": NIP_B, "nilai_tugas_tambahan": 1.0, "nilai_kreativitas": 3.0}]
    return periode_data_from_rows(peg, ind, per, pen)


def test_score_handmade(handmade):
    s = pp46.score(handmade).set_index("nip")
    assert list(s.index) == [NIP_A, NIP_B, NIP_C, NIP_D]
    for col in ("nama", "unit", "nilai", "predikat", "nilai_capaian_skp", "nilai_perilaku",
                "indikator_tanpa_realisasi"):
        assert col in s.columns
    a, b, c, d = (s.loc[n] for n in (NIP_A, NIP_B, NIP_C, NIP_D))
    keg1 = ((100 + 50) / 2 + 90 + 76) / 3
    assert a["rata_nilai_kegiatan"] == pytest.approx((keg1 + 0.0) / 2)
    assert a["indikator_tanpa_realisasi"] == 1 and a["jumlah_kegiatan"] == 2
    assert a["nilai_perilaku"] == pytest.approx((5 * 90 + 60) / 6)  # struktural: 6 aspects
    assert a["nilai"] == pytest.approx(0.6 * (keg1 / 2) + 0.4 * (5 * 90 + 60) / 6)
    assert b["nilai_perilaku"] == pytest.approx(90.0)  # fungsional: kepemimpinan dropped
    assert b["nilai_capaian_skp"] == pytest.approx((100 + 100) / 2 + 1 + 3)
    assert b["nilai"] == pytest.approx(0.6 * 104 + 0.4 * 90) and b["predikat"] == "Sangat Baik"
    mapping = load_config("pp46_2011")["nilai_rating_perilaku"]
    assert c["sumber_perilaku"] == pp46.SUMBER_PERILAKU_BERAKHLAK
    assert c["nilai_perilaku"] == pytest.approx((70 + mapping["di_atas"] + mapping["di_bawah"]) / 3)
    assert c["predikat"] == pp46.kategori(c["nilai"])
    assert math.isnan(d["nilai"]) and pd.isna(d["predikat"]) and d["jumlah_kegiatan"] == 0


def test_explain_says_fallback(handmade):
    ex = pp46.explain(handmade, NIP_C)
    assert ex.step("sumber_perilaku").result == pp46.SUMBER_PERILAKU_BERAKHLAK
    assert "BerAKHLAK" in ex.to_text()
    with pytest.raises(KeyError):
        pp46.explain(handmade, "199001012015039999")


def test_config_mapping_override(handmade):
    cfg = {"nilai_rating_perilaku": {"di_atas": 100.0, "sesuai": 80.0, "di_bawah": 60.0}}
    s = pp46.score(handmade, cfg).set_index("nip")
    assert s.loc[NIP_C, "nilai_perilaku"] == pytest.approx((70 + 100 + 60) / 3)
    assert pp46.explain(handmade, NIP_C, cfg).step("nilai_perilaku").result == pytest.approx((70 + 100 + 60) / 3)


def _assert_explain_matches(data, score_fn, explain_fn):
    s = score_fn(data).set_index("nip")
    checked = 0
    for nip in s.index:
        ex = explain_fn(data, nip)
        row = s.loc[nip]
        for st in ex.steps:
            if st.key in row.index:
                want = row[st.key]
                if want is None or (isinstance(want, float) and math.isnan(want)):
                    assert st.result is None or (isinstance(st.result, float) and math.isnan(st.result)), \
                        (nip, st.key, st.result)
                elif isinstance(want, str):
                    assert st.result == want, (nip, st.key)
                else:
                    assert st.result == pytest.approx(want, rel=1e-12, abs=1e-12), (nip, st.key)
                checked += 1
    assert checked >= 4 * len(s)


def test_explain_numbers_equal_score_numbers(handmade):
    for data in (handmade, build_periode_data(40, seed=5)):
        _assert_explain_matches(data, pp46.score, pp46.explain)


def test_explain_equals_score_on_sample_workspace():
    from kinerja.schemes import periode_data
    from kinerja.services.sample import generate

    ws = generate(pegawai=25, seed=3)
    for periode in ("2026", "2026-TW2"):
        _assert_explain_matches(periode_data(ws, periode), pp46.score, pp46.explain)


def test_score_matches_reference():
    data = build_periode_data(60, seed=11)
    s = pp46.score(data)
    ref = pp46_score(data, load_config("pp46_2011")["nilai_rating_perilaku"])
    assert_same(s, ref)

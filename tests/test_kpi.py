"""KPI scheme: TOML configuration, validation errors, weights, cap, arah turun, bands."""

from __future__ import annotations

import copy
import math

import pandas as pd
import pytest

from kinerja.errors import InputError
from kinerja.schemes import kpi
from reference_impl import assert_same, build_periode_data, kpi_score, periode_data_from_rows
from test_pp46 import _assert_explain_matches

NIP_A, NIP_B, NIP_C = "199001012015031001", "199001012015031002", "199001012015031003"


@pytest.fixture
def cfg():
    return kpi.load_config("kpi_pp30_2019")


def test_shipped_configs_load():
    a = kpi.load_config("kpi_pp30_2019")
    b = kpi.load_config("kpi_360")
    assert (a["bobot_hasil"], a["bobot_perilaku"]) == (0.70, 0.30)
    assert (b["bobot_hasil"], b["bobot_perilaku"]) == (0.60, 0.40)
    assert [k["nama"] for k in b["kategori"]] == ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
    assert kpi.load_config()["nama"] == a["nama"]


def _data(ind, per=(), jenis_jabatan="pelaksana"):
    return periode_data_from_rows([{"nip": NIP_A, "jenis_jabatan": jenis_jabatan}], ind, list(per))


def test_weights_cap_and_arah_turun(cfg):
    ind = [
        {"nip": NIP_A, "rhk_id": "R1", "aspek": "kuantitas", "target": 10, "realisasi": 15, "bobot": 30},  # 150 -> 120
        {"nip": NIP_A, "rhk_id": "R1", "aspek": "waktu", "arah": "turun", "target": 10, "realisasi": 12,
         "bobot": 20},  # (2 - 1.2) x 100 = 80
        {"nip": NIP_A, "rhk_id": "R2", "aspek": "kualitas", "target": 100, "realisasi": 90},  # bobot_default 1 -> 90
        {"nip": NIP_A, "rhk_id": "R2", "aspek": "biaya", "arah": "turun", "target": 100, "realisasi": 250,
         "bobot": 10},  # (2 - 2.5) -> floored at 0
    ]
    per = [{"nip": NIP_A, "aspek": "akuntabel", "nilai": 90}, {"nip": NIP_A, "aspek": "loyal", "rating": "di_atas"}]
    s = kpi.score(_data(ind, per), cfg).iloc[0]
    hasil = (30 * 120 + 20 * 80 + 1 * 90 + 10 * 0) / 61
    perilaku = (90 + cfg["nilai_rating_perilaku"]["di_atas"]) / 2
    assert s["nilai_hasil"] == pytest.approx(hasil)
    assert s["nilai_perilaku"] == pytest.approx(perilaku)
    assert s["nilai"] == pytest.approx(0.7 * hasil + 0.3 * perilaku)
    assert s["predikat"] == kpi.kategori(s["nilai"], cfg["kategori"])


def test_empty_arah_defaults_by_aspek(cfg):
    ind = [{"nip": NIP_A, "rhk_id": "R1", "aspek": "waktu", "arah": None, "target": 10, "realisasi": 8}]
    s = kpi.score(_data(ind, [{"nip": NIP_A, "aspek": "akuntabel", "nilai": 100}]), cfg).iloc[0]
    assert s["nilai_hasil"] == pytest.approx(120.0)  # turun: (2 - 0.8) x 100 = 120


def test_missing_realisasi_counts_zero_even_for_turun(cfg):
    ind = [{"nip": NIP_A, "rhk_id": "R1", "aspek": "waktu", "arah": "turun", "target": 10},
           {"nip": NIP_A, "rhk_id": "R1", "aspek": "kuantitas", "target": 10, "realisasi": 10}]
    s = kpi.score(_data(ind), cfg).iloc[0]
    assert s["nilai_hasil"] == pytest.approx(50.0)
    assert s["indikator_tanpa_realisasi"] == 1
    assert math.isnan(s["nilai"])  # no perilaku at all
    assert pd.isna(s["predikat"])


def test_hanya_utama(cfg):
    ind = [{"nip": NIP_A, "rhk_id": "R1", "aspek": "kuantitas", "target": 10, "realisasi": 10},
           {"nip": NIP_A, "rhk_id": "R2", "jenis": "tambahan", "aspek": "kuantitas", "target": 10, "realisasi": 5}]
    data = _data(ind)
    assert kpi.score(data, cfg).iloc[0]["nilai_hasil"] == pytest.approx(75.0)
    cfg2 = dict(cfg, hanya_utama=True)
    assert kpi.score(data, cfg2).iloc[0]["nilai_hasil"] == pytest.approx(100.0)
    assert kpi.explain(data, NIP_A, cfg2).step("nilai_hasil").result == pytest.approx(100.0)


@pytest.mark.parametrize("nilai, expected", [
    (120, "Sangat Baik"), (110, "Sangat Baik"), (109.999, "Baik"), (90, "Baik"), (89.99, "Cukup"),
    (70, "Cukup"), (69.9, "Kurang"), (50, "Kurang"), (49.99, "Sangat Kurang"), (0, "Sangat Kurang"),
])
def test_bands(cfg, nilai, expected):
    assert kpi.kategori(nilai, cfg["kategori"]) == expected
    assert kpi.kategori_array([nilai], cfg["kategori"])[0] == expected


def test_primitives():
    assert kpi.capaian(10, 15, "naik", 120) == 120
    assert kpi.capaian(10, 5, "turun") == pytest.approx(150)
    assert kpi.capaian(10, None, "turun") == 0.0
    assert kpi.nilai_hasil([100, 50], [3, 1]) == pytest.approx(87.5)
    assert math.isnan(kpi.nilai_hasil([100], [0]))
    assert kpi.nilai_kinerja(100, 80, 0.6, 0.4) == pytest.approx(92)


# ----------------------------------------------------------------------------- config errors
def _write(tmp_path, text, name="kpi_saya.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


BASE = open(kpi.load_config()["_sumber"], encoding="utf-8").read()


def test_custom_config_file(tmp_path):
    p = _write(tmp_path, BASE.replace("bobot_hasil = 0.70", "bobot_hasil = 0.75").replace(
        "bobot_perilaku = 0.30", "bobot_perilaku = 0.25"))
    cfg = kpi.load_config(p)
    assert cfg["bobot_hasil"] == 0.75 and cfg["_sumber"] == str(p)
    assert kpi.load_config(str(p))["bobot_perilaku"] == 0.25


@pytest.mark.parametrize("change, key, words", [
    (("bobot_hasil = 0.70", "bobot_hasil = 0.80"), "bobot_hasil", "berjumlah 1"),
    (("bobot_perilaku = 0.30", "bobot_perilaku = -0.30"), "bobot_perilaku", "antara 0 dan 1"),
    (("batas_capaian = 120.0", "batas_capaian = 0"), "batas_capaian", "lebih dari 0"),
    (("batas_capaian = 120.0", 'batas_capaian = "seratus"'), "batas_capaian", "angka"),
    (("bobot_default = 1.0", "bobot_default = -1"), "bobot_default", "negatif"),
    (("hanya_utama = false", 'hanya_utama = "tidak"'), "hanya_utama", "true atau false"),
    (("min = 90.0", "min = 115.0"), "kategori[2].min", "urut"),
    (('nama = "Cukup"', 'nama = "Baik"'), "kategori", "berulang"),
    (("di_bawah = 70.0", "sedang = 70.0"), "nilai_rating_perilaku.sedang", "tidak dikenal"),
    (("bobot_default = 1.0\n", ""), "bobot_default", "wajib"),
])
def test_config_errors_name_file_and_key(tmp_path, change, key, words):
    assert change[0] in BASE
    p = _write(tmp_path, BASE.replace(change[0], change[1], 1))
    with pytest.raises(InputError) as ei:
        kpi.load_config(p)
    e = ei.value
    assert e.file == str(p) and e.column == key
    assert words in e.message
    assert str(p) in str(e) and key in str(e)


def test_config_toml_syntax_error(tmp_path):
    p = _write(tmp_path, "bobot_hasil = = 1\n")
    with pytest.raises(InputError, match="TOML") as ei:
        kpi.load_config(p)
    assert ei.value.file == str(p)


def test_config_missing_file(tmp_path):
    with pytest.raises(InputError, match="tidak ditemukan"):
        kpi.load_config(tmp_path / "tidak_ada.toml")
    with pytest.raises(InputError, match="tidak ditemukan"):
        kpi.load_config("kpi_tidak_ada")


def test_dict_config_validated(cfg):
    bad = copy.deepcopy(cfg)
    bad["bobot_perilaku"] = 0.5
    with pytest.raises(InputError) as ei:
        kpi.score(_data([]), bad)
    assert ei.value.column == "bobot_hasil" and ei.value.file == cfg["_sumber"]


# ----------------------------------------------------------------------------- oracle, explain
@pytest.mark.parametrize("name", ["kpi_pp30_2019", "kpi_360"])
def test_score_matches_reference(name):
    cfg = kpi.load_config(name)
    data = build_periode_data(60, seed=7, arah_kosong=0.2)
    s = kpi.score(data, cfg)
    ref = kpi_score(data, cfg)
    assert len(s) == 60
    assert_same(s, ref)


def test_explain_numbers_equal_score_numbers():
    data = build_periode_data(40, seed=2, arah_kosong=0.2)
    _assert_explain_matches(data, kpi.score, kpi.explain)
    cfg = kpi.load_config("kpi_360")
    _assert_explain_matches(data, lambda d: kpi.score(d, cfg), lambda d, n: kpi.explain(d, n, cfg))


def test_explain_equals_score_on_sample_workspace():
    from kinerja.schemes import periode_data
    from kinerja.services.sample import generate

    data = periode_data(generate(pegawai=25, seed=4), "2026-TW1")
    _assert_explain_matches(data, kpi.score, kpi.explain)
    text = kpi.explain(data, data.pegawai["nip"].iloc[0]).to_text()
    assert "Nilai kinerja" in text and "70% x nilai hasil" in text

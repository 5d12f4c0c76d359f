"""Pro-rating of annual SKP targets to a shorter periode (issue 10 point 4): only amounts that add up."""

import numpy as np
import pytest
from conftest_io import STAF, base_rows, write_csvs

from kinerja.dataset.frames import SATUAN_TIDAK_AKUMULASI, akumulasi, build_periode_data
from kinerja.io.files import load_workspace


@pytest.mark.parametrize("aspek,satuan,kolom,expected", [
    ("kuantitas", "berkas", None, True),
    ("kuantitas", "orang", "", True),
    ("biaya", "rupiah", None, True),
    ("kuantitas", "persen", None, False),                 # "Persentase bayi diimunisasi, target 95 persen"
    ("kuantitas", "%", None, False),
    ("kuantitas", "Persen (%)", None, False),
    ("kuantitas", "per 1.000 kelahiran hidup", None, False),
    ("kuantitas", "indeks", None, False),
    ("kuantitas", "Nilai", None, False),
    ("kuantitas", "tahun", None, False),                   # angka harapan hidup
    ("kuantitas", "hari", None, False),
    ("biaya", "persen", None, False),                      # penyerapan anggaran in percent
    ("kualitas", "dokumen", None, False),
    ("waktu", "bulan", None, False),
    ("kuantitas", "kasus", "tidak", False),                # the SKP says so explicitly
    ("kualitas", "laporan", "ya", True),
    ("kuantitas", "persen", "Ya", True),
    ("kuantitas", "supervisi", None, True),                # 'per' only as a whole word
    ("kuantitas", "perkara", None, True),
])
def test_akumulasi_rule(aspek, satuan, kolom, expected):
    assert akumulasi([aspek], [satuan], [kolom]).tolist() == [expected]


def test_list_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "data_samples" / "README.md").read_text()
    for word in SATUAN_TIDAK_AKUMULASI:
        assert word in doc, word


def test_config_can_replace_the_satuan_list():
    cfg = {"capaian": {"aspek_proporsional": ["kuantitas"], "satuan_tidak_akumulasi": ["kasus"]}}
    assert akumulasi(["kuantitas", "kuantitas", "biaya"], ["kasus", "persen", "rupiah"], None, cfg).tolist() == \
        [False, True, False]


def _ws(tmp_path, **skp_changes):
    rows = base_rows()
    rows["skp"][2].update(skp_changes)  # STAF RHK-1 / 1.1 (kuantitas, 12 laporan)
    return load_workspace(write_csvs(tmp_path, rows))


def _target(ws, periode):
    ind = build_periode_data(ws, periode).indikator
    r = ind[(ind["nip"] == STAF) & (ind["iki_id"] == "1.1")].iloc[0]
    return float(r["target_periode"]), bool(r["akumulasi"])


def test_triwulan_iv_percentage_target_stays_95(tmp_path):
    ws = _ws(tmp_path, indikator="Persentase bayi diimunisasi", target="95", satuan="persen")
    assert _target(ws, "2026-TW4") == (95.0, False)
    assert _target(ws, "2026-S2") == (95.0, False)


def test_count_target_is_pro_rated(tmp_path):
    ws = _ws(tmp_path, target="2400", satuan="sampel")
    assert _target(ws, "2026-TW4") == (600.0, True)
    assert _target(ws, "2026-07") == (200.0, True)
    assert _target(ws, "2026") == (2400.0, True)


def test_explicit_column_overrides_satuan(tmp_path):
    rows = base_rows()
    for r in rows["skp"]:
        r["akumulasi"] = ""
    rows["skp"][2].update(satuan="kasus", akumulasi="tidak")
    ws = load_workspace(write_csvs(tmp_path, rows))
    assert ws.skp["akumulasi"].tolist().count("tidak") == 1
    assert _target(ws, "2026-TW1") == (12.0, False)


def test_bad_akumulasi_value_is_refused(tmp_path):
    from kinerja.errors import ValidationErrors

    rows = base_rows()
    for r in rows["skp"]:
        r["akumulasi"] = ""
    rows["skp"][1]["akumulasi"] = "kadang"
    with pytest.raises(ValidationErrors) as exc:
        load_workspace(write_csvs(tmp_path, rows))
    (e,) = exc.value.errors
    assert (e.row, e.column) == (3, "akumulasi") and "ya, tidak" in e.message


def test_sample_percentages_not_pro_rated(sample_ws):
    from kinerja.schemes import periode_data

    ind = periode_data(sample_ws, "2026-TW4").indikator
    pct = ind["satuan"].eq("persen").to_numpy()
    assert pct.any()
    assert np.allclose(ind.loc[pct, "target_periode"], ind.loc[pct, "target"])

"""IKM (PermenPANRB 14/2017): values, bands, bad answers with row/column, per-unit, trend, IKI."""

import pandas as pd
import pytest

from kinerja.schemes import ikm
from kinerja.errors import ValidationErrors
from kinerja.io.files import load_workspace, write_workspace

U = [f"u{i}" for i in range(1, 10)]


def survey(rows):
    return pd.DataFrame(rows, columns=U)


def test_all_fours_is_100_A():
    r = ikm.hitung_ikm(survey([[4] * 9] * 5))
    assert r["ikm"] == 100.0
    assert (r["mutu"], r["kinerja"]) == ("A", "Sangat Baik")
    assert r["nrr"] == {u: 4.0 for u in U}
    assert r["responden"] == 5


def test_all_threes_is_75_C():
    r = ikm.hitung_ikm(survey([[3] * 9] * 3))
    assert r["ikm"] == 75.0
    assert (r["mutu"], r["kinerja"]) == ("C", "Kurang Baik")


def test_rounded_weight_is_configurable():
    # the 0.111 of many worked examples: a perfect survey gives 99.9 (still A)
    r = ikm.hitung_ikm(survey([[4] * 9]), bobot=0.111)
    assert r["ikm"] == 99.9 and r["mutu"] == "A"
    assert ikm.bobot_unsur("1/9") == pytest.approx(1 / 9)


def test_nrr_and_weakest_unsur():
    rows = [[4, 4, 3, 4, 4, 4, 4, 4, 4], [4, 4, 1, 4, 4, 4, 4, 4, 3]]
    r = ikm.hitung_ikm(survey(rows))
    assert r["nrr"]["u3"] == 2.0 and r["nrr"]["u9"] == 3.5
    assert r["unsur_terlemah"] == "u3"
    expected = round((4 * 7 + 2 + 3.5) / 9 * 25, 2)
    assert r["ikm"] == expected
    assert "Waktu Penyelesaian" in ikm.uraian_ikm(r)


@pytest.mark.parametrize("value,mutu,kinerja", [
    (100.0, "A", "Sangat Baik"), (88.31, "A", "Sangat Baik"), (88.30, "B", "Baik"), (76.61, "B", "Baik"),
    (76.60, "C", "Kurang Baik"), (65.00, "C", "Kurang Baik"), (64.99, "D", "Tidak Baik"), (25.0, "D", "Tidak Baik"),
])
def test_mutu_bands(value, mutu, kinerja):
    assert ikm.mutu_ikm(value) == (mutu, kinerja)


def test_bad_answers_reported_with_row_and_column():
    df = survey([[3] * 9] * 4).astype(object)
    df.loc[0, "u2"] = ""        # blank   -> Excel row 2
    df.loc[1, "u5"] = 5         # 5       -> row 3
    df.loc[2, "u9"] = "baik"    # text    -> row 4
    df.loc[3, "u1"] = 0         # 0       -> row 5
    df.loc[3, "u4"] = None      # blank   -> row 5
    with pytest.raises(ValidationErrors) as ei:
        ikm.hitung_ikm(df)
    got = {(e.row, e.column) for e in ei.value.errors}
    assert got == {(2, "u2"), (3, "u5"), (4, "u9"), (5, "u1"), (5, "u4")}
    msgs = {(e.row, e.column): e.message for e in ei.value.errors}
    assert "kosong" in msgs[(2, "u2")] and "bukan angka" in msgs[(4, "u9")]
    assert "di luar skala" in msgs[(3, "u5")] and "di luar skala" in msgs[(5, "u1")]
    assert all(e.file == "ikm.csv" for e in ei.value.errors)


def test_missing_unsur_column():
    with pytest.raises(ValidationErrors) as ei:
        ikm.hitung_ikm(survey([[3] * 9]).drop(columns="u7"))
    assert [(e.row, e.column) for e in ei.value.errors] == [(1, "u7")]


def test_per_unit_and_trend():
    rows = []
    for per, val in (("2026-TW1", 3), ("2026-TW2", 4), ("2025-TW4", 2)):
        for i in range(3):
            rows.append({"unit": "A", "periode": per, "responden": f"{per}-{i}", **{u: val for u in U}})
    rows.append({"unit": "B", "periode": "2026-TW1", "responden": "x", **{u: 4 for u in U}})
    df = pd.DataFrame(rows)
    t = ikm.tren_ikm(df)
    a = t[t["unit"] == "A"]
    assert list(a["periode"]) == ["2025-TW4", "2026-TW1", "2026-TW2"]  # chronological
    assert list(a["ikm"]) == [50.0, 75.0, 100.0]
    assert list(a["arah"]) == ["-", "naik", "naik"]
    assert list(a["selisih"].iloc[1:]) == [25.0, 25.0]
    # the annual IKM pools the year's surveys
    year = ikm.ikm_periode(df, "2026").set_index("unit")
    assert year.loc["A", "ikm"] == 87.5 and year.loc["A", "responden"] == 6
    assert year.loc["B", "mutu"] == "A"


def test_sample_survey_is_valid_and_varied(sample_ws):
    s = ikm.sample_ikm(sample_ws, 1)
    assert set(s["unit"]) == set(sample_ws.pegawai["unit"])
    assert s[U].isin([1, 2, 3, 4]).all().all()
    t = ikm.tren_ikm(s)
    assert t["ikm"].between(25, 100).all() and t["mutu"].nunique() >= 2


def _ws_with_ikm_iki(tmp_path, sample_ws):
    """The sample with one IKI declared as sumber = ikm and a survey for its unit."""
    src = tmp_path / "ws"
    write_workspace(sample_ws, src)
    skp = pd.read_csv(src / "skp.csv", dtype=str, keep_default_na=False)
    target = skp.index[skp["indikator"].eq("Kepuasan pasien")][:1]
    if not len(target):
        target = skp.index[:1]
    skp.loc[target, "sumber"] = "ikm"
    skp.loc[target, "target"] = "80"
    skp.to_csv(src / "skp.csv", index=False)
    nip = skp.loc[target[0], "nip"]
    unit = sample_ws.pegawai.set_index("nip").loc[nip, "unit"]
    rows = [{"unit": unit, "periode": "2026-TW1", "responden": f"r{i}", **{u: 4 if i % 2 else 3 for u in U}}
            for i in range(4)]
    pd.DataFrame(rows).to_csv(src / "ikm.csv", index=False)
    return load_workspace(src), skp.loc[target[0]]


def test_iki_realisasi_comes_from_ikm(tmp_path, sample_ws):
    from kinerja.schemes import periode_data

    ws, row = _ws_with_ikm_iki(tmp_path, sample_ws)
    data = periode_data(ws, "2026-TW1")
    ind = data.indikator.set_index(["nip", "rhk_id", "iki_id"]).loc[(row["nip"], row["rhk_id"], row["iki_id"])]
    assert ind["realisasi"] == 87.5  # NRR 3.5 on every unsur -> 87.5
    assert "IKM unit" in ind["bukti"]
    # the annual pools the year's surveys (only TW1 here)
    assert periode_data(ws, "2026").indikator.set_index(["nip", "rhk_id", "iki_id"]) \
        .loc[(row["nip"], row["rhk_id"], row["iki_id"]), "realisasi"] == 87.5
    # a periode without survey keeps the hand-entered realisasi and says the IKM is missing
    tw2 = periode_data(ws, "2026-TW2").indikator.set_index(["nip", "rhk_id", "iki_id"]) \
        .loc[(row["nip"], row["rhk_id"], row["iki_id"])]
    assert "belum tersedia" in tw2["bukti"]
    real = ikm.apply_ikm_realisasi(ws, "2026-TW1")
    hit = real[(real["nip"] == row["nip"]) & (real["rhk_id"] == row["rhk_id"]) & (real["iki_id"] == row["iki_id"])]
    assert list(hit["realisasi"]) == [87.5]
    assert len(real) == len(ws.realisasi[ws.realisasi["periode"] == "2026-TW1"])


def test_ikm_file_validation(tmp_path, sample_ws):
    src = tmp_path / "ws"
    write_workspace(sample_ws, src)
    unit = sample_ws.pegawai["unit"].iat[0]
    rows = [{"unit": unit, "periode": "2026-TW1", "responden": "r1", **{u: 3 for u in U}},
            {"unit": unit, "periode": "2026-TW1", "responden": "r2", **{u: 3 for u in U}},
            {"unit": "Unit Antah Berantah", "periode": "2026-TW1", "responden": "r3", **{u: 3 for u in U}},
            {"unit": unit, "periode": "2026-TW1", "responden": "r1", **{u: 3 for u in U}}]
    df = pd.DataFrame(rows).astype(object)
    df.loc[0, "u3"] = 5
    df.loc[1, "u6"] = "sangat puas"
    df.loc[1, "u8"] = ""
    df.loc[1, "u9"] = "0"
    df.to_csv(src / "ikm.csv", index=False)
    with pytest.raises(ValidationErrors) as ei:
        load_workspace(src)
    got = {(e.row, e.column) for e in ei.value.errors if e.file.endswith("ikm.csv")}
    assert {(2, "u3"), (3, "u6"), (3, "u8"), (3, "u9"), (4, "unit")} <= got
    assert any(e.row == 5 and "duplikat" in e.message for e in ei.value.errors)

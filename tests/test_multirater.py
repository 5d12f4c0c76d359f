"""360 feedback: aggregation with and without enough raters, privacy, self vs others, assignment,
completeness, and validation of the umpan_balik_360 / penugasan_360 files."""

import pandas as pd
import pytest

from kinerja.schemes import multirater as mr
from kinerja.errors import ValidationErrors
from kinerja.io.files import load_workspace, write_workspace

ASPEK = list(mr.ASPEK)
NIP = "199001012015031001"


def answers(raters: dict[str, tuple[str, float]], nip=NIP, periode="2026", komentar=None):
    """raters: penilai -> (peran, score on every value)."""
    rows = []
    for pen, (peran, skor) in raters.items():
        for a in ASPEK:
            rows.append({"periode": periode, "nip": nip, "penilai": pen, "peran": peran, "aspek": a,
                         "skor": skor, "komentar": (komentar or {}).get(pen)})
    return pd.DataFrame(rows)


def test_enough_raters_every_role_shown_and_weighted():
    df = answers({"A": ("atasan", 5), "R1": ("rekan", 4), "R2": ("rekan", 4), "R3": ("rekan", 4),
                  "B1": ("bawahan", 3), "B2": ("bawahan", 3), "B3": ("bawahan", 3), NIP: ("diri", 5)})
    h = mr.agregasi_360(df, "2026")
    assert set(h.kelompok["kelompok"]) == {"atasan", "rekan", "bawahan"}
    assert set(h.status_peran["status"]) == {"ditampilkan"}
    v = h.nilai.set_index("aspek").loc["akuntabel"]
    # 50/30/20 weights: (5*50 + 4*30 + 3*20) / 100
    assert v["skor_lainnya"] == pytest.approx(4.3)
    assert v["skor_diri"] == 5 and v["selisih"] == pytest.approx(0.7)
    assert v["usulan"] == "sesuai"
    assert h.usulan.set_index("nip").loc[NIP, "usulan_perilaku"] == "sesuai"
    assert h.catatan == {}


def test_too_few_rekan_withheld_and_not_counted():
    df = answers({"A": ("atasan", 4), "R1": ("rekan", 1), "R2": ("rekan", 1), NIP: ("diri", 4)})
    h = mr.agregasi_360(df)
    assert "rekan" not in set(h.kelompok["kelompok"])
    assert h.status_peran.set_index("peran").loc["rekan", "status"] == "dirahasiakan"
    # withheld answers enter no score: others = the atasan alone
    assert (h.nilai["skor_lainnya"] == 4).all()
    assert any("rekan kerja tidak ditampilkan" in c and "kurang dari 3" in c for c in h.catatan[NIP])


def test_small_roles_are_merged_when_together_enough():
    df = answers({"A": ("atasan", 5), "R1": ("rekan", 4), "R2": ("rekan", 4),
                  "B1": ("bawahan", 2), "B2": ("bawahan", 2)})
    h = mr.agregasi_360(df)
    assert set(h.kelompok["kelompok"]) == {"atasan", "gabungan"}
    g = h.kelompok[h.kelompok["kelompok"] == "gabungan"].iloc[0]
    assert g["jumlah_penilai"] == 4 and g["skor"] == pytest.approx(3.0)
    assert g["label"] == "gabungan (rekan kerja + bawahan)"
    # merged weight = rekan + bawahan weights (30 + 20)
    assert h.nilai["skor_lainnya"].iloc[0] == pytest.approx((5 * 50 + 3 * 50) / 100)
    assert any("gabungan" in c for c in h.catatan[NIP])


def test_minimum_is_configurable():
    cfg = mr.config()
    cfg["privasi"]["min_penilai"] = 2
    df = answers({"A": ("atasan", 4), "R1": ("rekan", 3), "R2": ("rekan", 3)})
    assert "rekan" in set(mr.agregasi_360(df, cfg=cfg).kelompok["kelompok"])
    assert "rekan" not in set(mr.agregasi_360(df).kelompok["kelompok"])


def test_value_skipped_by_a_rater_is_withheld_for_that_value():
    df = answers({"A": ("atasan", 4), "R1": ("rekan", 4), "R2": ("rekan", 4), "R3": ("rekan", 2)})
    df = df[~((df["penilai"] == "R3") & (df["aspek"] == "loyal"))]
    h = mr.agregasi_360(df)
    rekan = h.kelompok[h.kelompok["kelompok"] == "rekan"]
    assert "loyal" not in set(rekan["aspek"]) and len(rekan) == 6
    assert any("Loyal" in c for c in h.catatan[NIP])


def test_rater_identity_never_in_aggregated_output():
    secret = "RAHASIA-PENILAI-"
    df = answers({"A": ("atasan", 4), f"{secret}1": ("rekan", 4), f"{secret}2": ("rekan", 5),
                  f"{secret}3": ("rekan", 3), f"{secret}4": ("bawahan", 1)},
                 komentar={f"{secret}4": "komentar-bawahan-tunggal", f"{secret}1": "komentar-rekan"})
    h = mr.agregasi_360(df)
    dump = " ".join(frame.to_csv() for frame in (h.kelompok, h.diri, h.nilai, h.usulan, h.status_peran, h.komentar))
    dump += repr(h.catatan) + repr(h.pegawai(NIP))
    assert secret not in dump
    assert "penilai" not in h.kelompok.columns and "penilai" not in h.nilai.columns
    # the lone bawahan is withheld: its comment and score never appear
    assert "komentar-bawahan-tunggal" not in dump and "komentar-rekan" in dump
    assert "bawahan" not in set(h.kelompok["kelompok"])


def test_self_is_shown_separately_as_diri_sendiri():
    df = answers({"A": ("atasan", 3), NIP: ("diri", 5)}, komentar={NIP: "Saya selalu tepat waktu"})
    h = mr.agregasi_360(df)
    assert "diri" not in set(h.kelompok["kelompok"])
    assert (h.nilai["skor_lainnya"] == 3).all() and (h.nilai["skor_diri"] == 5).all()
    words = mr.selisih_terbesar(h, NIP)
    assert len(words) == 3 and all("diri sendiri" in w and "lebih tinggi" in w for w in words)
    k = h.pegawai(NIP)["komentar"]
    assert k == [{"label": "diri sendiri", "komentar": "Saya selalu tepat waktu"}]


def test_overall_suggestion_follows_value_rule():
    df = answers({"A": ("atasan", 5)})
    assert mr.agregasi_360(df).pegawai(NIP)["usulan_perilaku"] == "di_atas"
    low = answers({"A": ("atasan", 5)})
    low.loc[low["aspek"] == "harmonis", "skor"] = 2
    h = mr.agregasi_360(low)
    assert h.nilai.set_index("aspek").loc["harmonis", "usulan"] == "di_bawah"
    assert h.pegawai(NIP)["usulan_perilaku"] == "di_bawah"


def test_assignment_and_completeness(sample_ws):
    pen = mr.buat_penugasan(sample_ws, "2026")
    assert set(pen["peran"]) == {"diri", "atasan", "rekan", "bawahan"}
    rekan = pen[pen["peran"] == "rekan"].groupby("nip").size()
    assert (rekan >= 3).all()
    assert mr.periksa_penugasan(pen) == []
    assert not pen.duplicated(["nip", "penilai"]).any()
    top = sample_ws.pegawai.loc[sample_ws.pegawai["nip_atasan"].isna(), "nip"].iat[0]
    assert not ((pen["nip"] == top) & (pen["peran"] == "atasan")).any()

    one = pen[pen["nip"] == pen["nip"].iat[0]]
    jw = answers({r.penilai: (r.peran, 4) for r in one.itertuples()}, nip=one["nip"].iat[0])
    first = one["penilai"].iat[0]
    jw = jw[~((jw["penilai"] == first) & (jw["aspek"] == "loyal"))]  # one rater left a value out
    k = mr.kelengkapan(one, jw, "2026").set_index("penilai")
    assert k.loc[first, "status"] == "sebagian" and k.loc[first, "dijawab"] == 6
    assert (k.drop(index=first)["status"] == "sudah").all()
    r = mr.ringkasan_kelengkapan(one, jw).iloc[0]
    assert (r["ditugaskan"], r["sudah"], r["belum"]) == (len(one), len(one) - 1, 1)
    b = mr.belum_menjawab(one, jw, sample_ws.pegawai)
    assert list(b["penilai"]) == [first]


def _write_360(tmp_path, sample_ws, rows):
    src = tmp_path / "ws"
    write_workspace(sample_ws, src)
    pd.DataFrame(rows).to_csv(src / "umpan_balik_360.csv", index=False)
    return src


def test_file_validation(tmp_path, sample_ws):
    peg = sample_ws.pegawai
    child = peg[peg["nip_atasan"].notna()].iloc[5]
    nip, atasan = child["nip"], child["nip_atasan"]
    other = peg[(peg["nip"] != nip) & (peg["nip"] != atasan)]["nip"].iat[0]
    spaced = f"{other[:8]} {other[8:14]} {other[14]} {other[15:]}"
    base = {"periode": "2026", "nip": nip}
    rows = [
        {**base, "penilai": atasan, "peran": "atasan", "aspek": "akuntabel", "skor": "4"},        # 2 ok
        {**base, "penilai": other, "peran": "rekan", "aspek": "Kompeten", "skor": "6"},           # 3 out of range
        {**base, "penilai": other, "peran": "teman", "aspek": "loyal", "skor": "4"},              # 4 unknown role
        {**base, "penilai": spaced, "peran": "rekan", "aspek": "kompeten", "skor": "3"},          # 5 duplicate of 3
        {**base, "penilai": other, "peran": "rekan", "aspek": "kejujuran", "skor": "4"},          # 6 unknown value
        {**base, "penilai": other, "peran": "rekan", "aspek": "adaptif", "skor": "3,5"},          # 7 not whole
        {**base, "penilai": "999", "peran": "rekan", "aspek": "adaptif", "skor": "3"},            # 8 unknown rater
        {**base, "penilai": other, "peran": "diri", "aspek": "harmonis", "skor": "3"},            # 9 diri != nip
        {**base, "penilai": other, "peran": "atasan", "aspek": "kolaboratif", "skor": "3"},       # 10 not the atasan
        {**base, "penilai": "M-01", "peran": "masyarakat", "aspek": "kolaboratif", "skor": "abc"},  # 11 not a number
        {**base, "penilai": "M-02", "peran": "masyarakat", "aspek": "kolaboratif", "skor": "0"},  # 12 out of range
    ]
    with pytest.raises(ValidationErrors) as ei:
        load_workspace(_write_360(tmp_path, sample_ws, rows))
    got = {(e.row, e.column) for e in ei.value.errors if e.file.endswith("umpan_balik_360.csv")}
    assert (3, "skor") in got and (7, "skor") in got and (11, "skor") in got and (12, "skor") in got
    assert (4, "peran") in got and (6, "aspek") in got
    assert (5, "periode, nip, penilai, aspek") in got       # same rater (NIP written with spaces) twice
    assert (8, "penilai") in got and (9, "penilai") in got and (10, "penilai") in got
    assert not any(e.row == 2 for e in ei.value.errors if e.file.endswith("umpan_balik_360.csv"))


def test_sample_360_loads_and_aggregates(tmp_path, sample_ws):
    d = mr.sample_360(sample_ws, 2026)  # with this draw every pegawai has enough raters for an usulan
    src = tmp_path / "ws"
    write_workspace(sample_ws, src)
    for name, df in d.items():
        df.to_csv(src / f"{name}.csv", index=False)
    ws = load_workspace(src)
    assert len(ws.extra["umpan_balik_360"]) == len(d["umpan_balik_360"])
    h = mr.agregasi_360(ws.extra["umpan_balik_360"], "2026")
    assert h.usulan["usulan_perilaku"].notna().all()
    assert set(h.status_peran["status"]) >= {"ditampilkan", "dirahasiakan"}
    m = mr.tabel_unit(h, ws.pegawai, ws.pegawai["unit"].iat[0])
    assert list(m.columns)[0] == "Berorientasi Pelayanan" and m.shape[1] == 7 and len(m) > 3

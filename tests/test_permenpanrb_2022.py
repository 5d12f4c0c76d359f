import itertools

import pandas as pd
import pytest

from kinerja.domain import labels
from kinerja.schemes import periode_data
from kinerja.schemes import get_scheme
from kinerja.schemes import permenpanrb_2022 as s
from reference_impl import permenpanrb_2022_score

CELLS = {
    ("di_atas", "di_bawah"): "Kurang/Misconduct", ("di_atas", "sesuai"): "Baik", ("di_atas", "di_atas"): "Sangat Baik",
    ("sesuai", "di_bawah"): "Kurang/Misconduct", ("sesuai", "sesuai"): "Baik", ("sesuai", "di_atas"): "Baik",
    ("di_bawah", "di_bawah"): "Sangat Kurang", ("di_bawah", "sesuai"): "Butuh Perbaikan",
    ("di_bawah", "di_atas"): "Butuh Perbaikan",
}


@pytest.mark.parametrize("hk,pk", list(CELLS))
def test_all_nine_cells(hk, pk):
    assert s.predikat(hk, pk) == CELLS[(hk, pk)]
    # full labels, any case
    assert s.predikat(labels.RATING_LABEL[hk].upper(), labels.RATING_LABEL[pk].lower()) == CELLS[(hk, pk)]
    assert s.predikat(labels.RATING_LABEL[hk].replace(" Ekspektasi", ""), pk) == CELLS[(hk, pk)]


def test_predikat_rejects_unknown():
    with pytest.raises(ValueError, match="tidak dikenal"):
        s.predikat("luar biasa", "sesuai")


def test_every_predikat_has_regulation_sentence():
    assert set(s.PENJELASAN_PREDIKAT) == set(labels.PREDIKAT)
    assert set(CELLS.values()) == set(labels.PREDIKAT)


def mix(**kw):
    names = {"sb": "Sangat Baik", "b": "Baik", "bp": "Butuh Perbaikan", "k": "Kurang/Misconduct", "sk": "Sangat Kurang"}
    return {names[k]: v for k, v in kw.items()}


# (capaian organisasi, mix that satisfies, mix that breaks, text expected in the message)
KURVA = [
    ("Istimewa", mix(sb=7, b=3), mix(sb=8, b=2), "paling banyak 70%"),
    ("Baik", mix(b=7, sb=2, bp=1), mix(b=8, sb=1, bp=1), "paling banyak 70%"),
    ("Baik", mix(b=7, sb=2, k=1), mix(b=7, sb=3), "harus ada pegawai"),
    ("Butuh Perbaikan", mix(bp=6, b=4), mix(bp=5, b=5), "paling sedikit 60%"),
    ("Butuh Perbaikan", mix(bp=6, sb=1, b=3), mix(bp=6, sb=2, b=2), "paling banyak 10%"),
    ("Kurang", mix(k=6, bp=1, sb=1, b=2), mix(k=5, bp=2, b=3), "Kurang/Misconduct paling sedikit 60%"),
    ("Kurang", mix(k=6, bp=1, b=3), mix(k=6, b=4), "Butuh Perbaikan paling sedikit 10%"),
    ("Kurang", mix(k=6, bp=3, sb=1), mix(k=6, bp=2, sb=2), "Sangat Baik paling banyak 10%"),
    ("Sangat Kurang", mix(sk=6, k=1, b=3), mix(sk=5, k=1, b=4), "Sangat Kurang paling sedikit 60%"),
    ("Sangat Kurang", mix(sk=6, bp=1, b=3), mix(sk=6, b=4), "paling sedikit 10%"),
    ("Sangat Kurang", mix(sk=6, bp=4), mix(sk=6, bp=3, sb=1), "tidak boleh ada"),
]


@pytest.mark.parametrize("capaian,ok,bad,text", KURVA)
def test_cek_kurva_both_sides(capaian, ok, bad, text):
    assert s.cek_kurva(ok, capaian) == []
    msgs = s.cek_kurva(bad, capaian)
    assert len(msgs) == 1 and text in msgs[0] and capaian in msgs[0]


def test_cek_kurva_counts_and_labels():
    msgs = s.cek_kurva({"baik": 8, "sangat baik": 2}, "baik")
    # Baik share 80% > 70% and no Butuh Perbaikan / Kurang: two rules broken
    assert len(msgs) == 2
    assert "80%" in msgs[0] and "(8 dari 10 pegawai)" in msgs[0]
    assert s.cek_kurva({}, "Baik") == []


def test_cek_kurva_percentages_come_from_config():
    cfg = s.config()
    cfg["kurva"]["Istimewa"][0]["maks"] = 0.9
    assert s.cek_kurva(mix(sb=8, b=2), "Istimewa", cfg) == []


def test_usulan_hasil_kerja_rules():
    codes, reasons = s.usulan_rating_hasil_kerja(
        jumlah_rhk=[4, 4, 4, 4, 4, 0], di_atas=[3, 3, 1, 0, 1, 0], di_bawah=[0, 1, 1, 3, 2, 0],
        utama=[2, 2, 2, 2, 4, 0], utama_di_bawah=[0, 1, 0, 2, 2, 0])
    assert list(codes) == ["di_atas", "di_bawah", "sesuai", "di_bawah", "di_bawah", None]
    assert list(reasons) == ["mayoritas_di_atas", "utama_di_bawah", "umumnya_sesuai", "mayoritas_di_bawah",
                             "utama_di_bawah", "tanpa_rhk"]
    # Utama rule: one of five Utama below (20% <= 25%) still allows "sesuai"
    codes, _ = s.usulan_rating_hasil_kerja([6], [2], [1], [5], [1])
    assert list(codes) == ["sesuai"]


def test_usulan_perilaku_rules():
    got = s.usulan_rating_perilaku(di_atas=[4, 3, 6, 0], di_bawah=[0, 0, 1, 0], dinilai=[7, 7, 7, 0])
    assert list(got) == ["di_atas", "sesuai", "di_bawah", None]


def test_score_on_sample(sample_ws):
    data = periode_data(sample_ws, "2026")
    sc = s.score(data)
    assert len(sc) == len(sample_ws.pegawai)
    assert set(sc["predikat"].dropna()) == set(labels.PREDIKAT)
    k = s.kurva_per_unit(sc, data.organisasi)
    assert (~k["sesuai_kurva"]).any() and k["sesuai_kurva"].any()
    # predikat follows the kuadran from the final ratings
    done = sc.dropna(subset=["rating_hasil_kerja", "rating_perilaku"])
    assert (done["predikat"] == [s.predikat(h, p) for h, p in zip(done.rating_hasil_kerja, done.rating_perilaku)]).all()


def test_explain_matches_score(sample_ws):
    data = periode_data(sample_ws, "2026-TW2")
    sc = s.score(data).set_index("nip")
    rhk = s.capaian_per_rhk(data).set_index(["nip", "rhk_id"])
    ref = permenpanrb_2022_score(data, data.config)
    ind = data.indikator.set_index(["nip", "rhk_id", "iki_id"])
    for nip in sc.index:
        ex = s.explain(data, nip)
        row = sc.loc[nip]
        assert ex.step("predikat").result == row.predikat
        assert ex.step("usulan_hasil_kerja").result == labels.RATING_LABEL.get(row.usulan_hasil_kerja, "-")
        assert ex.step("usulan_perilaku").result == labels.RATING_LABEL.get(row.usulan_perilaku, "-")
        assert ex.step("rekap_rhk").result == pytest.approx(row.capaian_rata, nan_ok=True)
        for step in ex.steps:
            if step.key.startswith("capaian_rhk:"):
                r = rhk.loc[(nip, step.key.split(":", 1)[1])]
                assert step.inputs["capaian_rhk"] == pytest.approx(r.capaian_rhk)
        # and with the row-by-row reference, computed independently of both
        want = ref[nip]
        assert ex.step("rekap_rhk").result == pytest.approx(want["capaian_rata"], nan_ok=True)
        assert ex.step("usulan_hasil_kerja").result == labels.RATING_LABEL.get(want["usulan_hasil_kerja"], "-")
        assert ex.step("predikat").result == (want["predikat"] or "-")
        # each capaian step is its own formula applied to its own inputs; each RHK the mean of its steps
        per_rhk: dict = {}
        for step in ex.steps:
            if step.key.startswith("capaian:"):
                rhk_id, iki_id = step.key.split(":", 1)[1].split("/")
                src = ind.loc[(nip, rhk_id, iki_id)]
                t, r = step.inputs["target"], step.inputs["realisasi"]
                naik = src["arah"] != "turun"
                expect = 0.0 if pd.isna(src["realisasi"]) else max(r / t * 100 if naik else (2 - r / t) * 100, 0.0)
                assert step.result == pytest.approx(expect)
                w = 1.0 if pd.isna(src["bobot"]) else float(src["bobot"])
                per_rhk.setdefault(rhk_id, []).append((w, step.result))
        for rhk_id, vals in per_rhk.items():
            mean = sum(w * c for w, c in vals) / sum(w for w, _ in vals)
            assert ex.step(f"capaian_rhk:{rhk_id}").inputs["capaian_rhk"] == pytest.approx(mean)
    text = s.explain(data, sc.index[0]).to_text()
    assert "Predikat kinerja" in text and "Kuadran" in text


def test_kepala_unit_follows_capaian_organisasi(sample_ws):
    data = periode_data(sample_ws, "2026")
    sc = s.score(data)
    heads = sc[sc["kepala_unit"] & sc["capaian_organisasi"].notna()]
    assert len(heads) >= 3  # four units; the head post of Bidang Pelayanan Kesehatan is vacant (a Plt.)
    cfg = data.config["usulan_hasil_kerja"]["dari_capaian_organisasi"]
    assert (heads["usulan_hasil_kerja"] == heads["capaian_organisasi"].map(cfg)).all()


def test_periodic_target_prorated(sample_ws):
    pindah = set(sample_ws["penempatan"]["nip"])  # a mutasi: pro-rated over its placement (test_mutasi.py)
    tw = periode_data(sample_ws, "2026-TW1").indikator
    tw = tw[~tw["nip"].isin(pindah)]
    yr = periode_data(sample_ws, "2026").indikator
    akum = tw["akumulasi"].astype(bool)   # amounts that add up over the year (dataset.frames.akumulasi)
    assert akum.any() and (~akum).any()
    assert (tw.loc[akum, "target_periode"] == tw.loc[akum, "target"] / 4).all()
    assert (tw.loc[~akum, "target_periode"] == tw.loc[~akum, "target"]).all()
    assert not akum[tw["aspek"].isin(["kualitas", "waktu"])].any()
    assert not akum[tw["satuan"].str.contains("persen", case=False, na=False)].any()
    assert (yr["target_periode"] == yr["target"]).all()


def test_registry():
    assert get_scheme("PermenPANRB_2022") is s
    with pytest.raises(ValueError, match="tidak dikenal"):
        get_scheme("x")


def test_explain_many_equals_explain(sample_ws):
    data = periode_data(sample_ws, "2026")
    many = s.explain_many(data)
    assert set(many) == set(data.pegawai.index)
    for nip in list(many)[:10]:
        assert many[nip].as_dicts() == s.explain(data, nip).as_dicts()


def test_one_kurva_rule_for_check_chart_and_teaching():
    """cek_kurva, the report's kurva chart rules and the teaching text all come from aturan_kurva:
    a changed config changes all three the same way."""
    import copy

    from kinerja.report.charts import kurva_rules
    from kinerja.teach.predikat_2022 import batas_kurva

    cfg = copy.deepcopy(s.config())
    cfg["kurva"]["Baik"] = [{"predikat": ["Baik"], "maks": 0.5, "min": 0.2}]
    counts = {labels.BAIK: 6, labels.BUTUH_PERBAIKAN: 4}
    rules = s.aturan_kurva("Baik", counts, cfg)
    assert [(r["jenis"], r["batas"], r["dilanggar"]) for r in rules] == [("maks", 0.5, True), ("min", 0.2, False)]
    assert s.cek_kurva(counts, "Baik", cfg) == [r["pesan"] for r in rules if r["dilanggar"]]
    assert "paling banyak 50%" in s.cek_kurva(counts, "Baik", cfg)[0] and "sekarang 60%" in s.cek_kurva(counts, "Baik", cfg)[0]
    assert kurva_rules("Baik", counts, cfg) == rules
    assert batas_kurva("Baik", cfg) == [{"predikat": (labels.BAIK,), "min": 0.2, "maks": 0.5, "ada": False,
                                        "teks": "Baik paling sedikit 20% dan paling banyak 50%"}]
    assert s.cek_kurva({}, "Baik", cfg) == [] and not any(r["dilanggar"] for r in s.aturan_kurva("Baik", {}, cfg))

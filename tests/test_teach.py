"""Teaching logic (kinerja.teach.core): exercises, hints, score counter, mode pelatih, simulators; and the
widget apps of kinerja.ui.teach driven without a browser."""

from __future__ import annotations

import math

import pytest

from kinerja.domain import labels
from kinerja.teach import core as teach
from kinerja.schemes import kpi
from kinerja.schemes import permenpanrb_2022 as s22
from kinerja.schemes import pp46_2011 as pp46


@pytest.fixture(scope="module")
def data():
    return teach.data_contoh("2026")


# ------------------------------------------------------------------------------- exercises
def test_soal_predikat_right_wrong_and_tailored_hints():
    s = teach.soal_predikat("di_atas", "di_bawah")
    assert s.jawaban == labels.KURANG
    ok = teach.periksa(s, labels.KURANG)
    assert ok.benar and ok.pesan.startswith("Benar.")
    assert "diatas ekspektasi dan perilaku kerja pegawai dibawah ekspektasi" in ok.pesan  # the regulation's words
    swapped = teach.periksa(s, labels.BUTUH_PERBAIKAN)  # axes swapped
    assert not swapped.benar and "ditukar" in swapped.pesan and "Lampiran hlm. 99" in swapped.pesan
    wrong = teach.periksa(s, labels.SANGAT_BAIK)
    assert not wrong.benar and "tidak bisa ditutup" in wrong.pesan and "Lampiran hlm. 99" in wrong.pesan
    empty = teach.periksa(s, None)
    assert empty.kosong and not empty.benar
    with pytest.raises(ValueError):
        teach.periksa(s, "Luar Biasa")


@pytest.mark.parametrize("hk", labels.RATINGS)
@pytest.mark.parametrize("pk", labels.RATINGS)
def test_soal_predikat_answer_is_the_kuadran(hk, pk):
    s = teach.soal_predikat(hk, pk)
    assert s.jawaban == s22.KUADRAN[(hk, pk)]
    assert set(s.pilihan) == set(labels.PREDIKAT)
    assert all(k != s.jawaban for k in s.petunjuk_khusus)


def test_soal_kurva_answers_follow_cek_kurva():
    broken = teach.soal_kurva({labels.BAIK: 8, labels.SANGAT_BAIK: 3}, "Baik")
    assert broken.jawaban == teach.TIDAK
    assert "70%" in broken.petunjuk and "SE MenPANRB 3/2023" in broken.petunjuk
    assert "paling banyak 70%" in broken.penjelasan  # the cek_kurva sentence
    fine = teach.soal_kurva({labels.BAIK: 6, labels.SANGAT_BAIK: 2, labels.BUTUH_PERBAIKAN: 2}, "Baik")
    assert fine.jawaban == teach.YA and teach.periksa(fine, teach.YA).benar
    assert not teach.periksa(fine, teach.TIDAK).benar
    assert dict(fine.konteks)[labels.BAIK] == "6 pegawai (60%)"


def test_soal_usulan_hasil_kerja_utama_rule():
    s = teach.soal_usulan_hasil_kerja(5, 3, 1, 3, 1)  # 1 of 3 Utama below -> di bawah
    assert s.jawaban == "Di Bawah Ekspektasi"
    wrong = teach.periksa(s, "Sesuai Ekspektasi")
    assert "RHK Utama" in wrong.pesan and "Lampiran hlm. 97-98" in wrong.pesan
    # most above, one Utama below out of 4 (25%, "sebagian kecil"): not di atas, so sesuai
    s2 = teach.soal_usulan_hasil_kerja(5, 3, 1, 4, 1)
    assert s2.jawaban == "Sesuai Ekspektasi"


def test_soal_usulan_perilaku():
    assert teach.soal_usulan_perilaku(5, 1).jawaban == "Di Bawah Ekspektasi"
    assert teach.soal_usulan_perilaku(4, 0).jawaban == "Di Atas Ekspektasi"
    assert teach.soal_usulan_perilaku(3, 0).jawaban == "Sesuai Ekspektasi"


def test_score_counter_counts_solved_soal_and_first_tries():
    soal = [teach.soal_predikat("di_atas", "di_bawah", id="a"), teach.soal_predikat("sesuai", "sesuai", id="b"),
            teach.soal_predikat("di_bawah", "di_bawah", id="c")]
    sk = teach.Skor(soal)
    assert sk.teks() == "Skor: 0 dari 3 soal benar"
    assert sk.jawab(soal[0], None).kosong and sk.dijawab == 0  # no choice: not an attempt
    assert not sk.jawab(soal[0], labels.BAIK).benar
    assert sk.benar == 0 and sk.dijawab == 1
    assert sk.jawab(soal[0], labels.KURANG).benar  # right after a hint
    assert sk.jawab(soal[1], labels.BAIK).benar  # right at once
    assert sk.jawab(soal[1], labels.BAIK).benar  # answering again does not count twice
    assert (sk.benar, sk.dijawab, sk.total, len(sk.pertama)) == (2, 2, 3, 1)
    assert sk.teks() == "Skor: 2 dari 3 soal benar"
    assert sk.rincian() == "2 soal sudah dicoba, 1 langsung benar"
    assert sk.percobaan == {"a": 2, "b": 2}
    with pytest.raises(KeyError):
        sk.jawab(teach.soal_predikat("sesuai", "di_atas", id="lain"), labels.BAIK)
    sk.reset()
    assert sk.benar == 0 and sk.dijawab == 0


def test_mode_pelatih_reveals_all_answers():
    lat = teach.Latihan(teach.latihan_angka())
    assert lat.kunci() == []
    lat.mode_pelatih = True
    key = lat.kunci()
    assert [k["jawaban"] for k in key] == [s.jawaban for s in lat.soal]
    assert [k["no"] for k in key] == list(range(1, len(lat.soal) + 1))
    assert all(k["penjelasan"] and k["sumber"] for k in key)
    assert lat.jawab(0, lat.soal[0].jawaban).benar and lat.skor.benar == 1


def test_latihan_2022_from_sample_data():
    soal = teach.latihan_2022()
    ids = [s.id for s in soal]
    assert ids[0] == "predikat-contoh" and soal[0].jawaban == labels.KURANG  # the example first
    assert len(set(ids)) == len(ids) >= 7
    kurva = [s for s in soal if s.topik == "Kurva distribusi"]
    assert {s.jawaban for s in kurva} == {teach.YA, teach.TIDAK}  # one unit fits, one does not
    named = [s for s in soal if s.id.startswith("predikat-") and s.id != "predikat-contoh"]
    assert named and all(":" in s.pertanyaan for s in named)  # real (fictional) pegawai names
    for s in soal:
        assert teach.periksa(s, s.jawaban).benar
        for p in s.pilihan:
            if p != s.jawaban:
                h = teach.periksa(s, p)
                assert not h.benar and ("Lampiran" in h.pesan or "SE MenPANRB" in h.pesan)


def test_latihan_random_is_reproducible_and_valid():
    a = teach.latihan_2022(acak=True, seed=7)
    b = teach.latihan_2022(acak=True, seed=7)
    assert [s.pertanyaan for s in a] == [s.pertanyaan for s in b]
    c = teach.latihan_angka(acak=True, seed=3)
    assert [s.jawaban for s in c] == [s.jawaban for s in teach.latihan_angka(acak=True, seed=3)]
    for s in a + c:
        assert s.jawaban in s.pilihan and len(set(s.pilihan)) == len(s.pilihan) >= 2


def test_latihan_angka_answers_match_schemes():
    soal = {s.id: s for s in teach.latihan_angka()}
    assert soal["waktu-tepat"].jawaban == "76"  # on target = 76 (Perka BKN 1/2013)
    assert soal["waktu-cepat"].jawaban == "50"  # R = 0.5T -> 50
    assert "rumus pertama tidak berlaku" in teach.periksa(soal["waktu-cepat"], "126").pesan
    assert "seperti kuantitas" in teach.periksa(soal["waktu-tepat"], "100").pesan
    assert soal["prestasi"].jawaban == "83"
    assert "tertukar" in teach.periksa(soal["prestasi"], "82").pesan
    assert soal["sebutan"].jawaban == "Baik"  # 90 is Baik, not Sangat Baik
    assert soal["kpi-turun"].jawaban == "120"
    assert soal["kpi-nilai"].jawaban == "102,8"


# ------------------------------------------------------------------------------ simulators
def test_skp_walk_default_pegawai_shows_the_utama_rule(data):
    info, ind = teach.skp_contoh(data)
    assert not info["kepala_unit"]
    r = teach.simulasi_capaian(ind)
    assert r["usulan"] == "di_bawah" and r["utama_menentukan"] and "Lampiran hlm. 97-98" in r["teks_utama"]
    # equal to the scheme's own numbers
    rhk = s22.capaian_per_rhk(data)
    rhk = rhk[rhk["nip"] == info["nip"]].set_index("rhk_id")
    for row in r["rhk"].itertuples():
        assert row.capaian == pytest.approx(rhk.loc[row.rhk_id, "capaian_rhk"])
        assert row.kategori == rhk.loc[row.rhk_id, "kategori"]
    sc = s22.score(data).set_index("nip").loc[info["nip"]]
    assert r["usulan"] == sc["usulan_hasil_kerja"]
    # lift the Utama RHK that is below: the suggestion changes and the rule no longer decides
    below = r["rhk"][(r["rhk"]["kategori"] == "di_bawah") & (r["rhk"]["jenis"] == "utama")]["rhk_id"]
    lift = {row.iki_id: row.target * 1.05 for row in ind.itertuples() if row.rhk_id in set(below)
            and row.arah == "naik"}
    lift |= {row.iki_id: row.target * 0.95 for row in ind.itertuples() if row.rhk_id in set(below)
             and row.arah == "turun"}
    r2 = teach.simulasi_capaian(ind, lift)
    assert r2["jumlah"]["utama_di_bawah"] == 0 and r2["usulan"] == "sesuai" and not r2["utama_menentukan"]


def test_usulan_dari_jumlah_utama_blocks_di_atas():
    r = teach.usulan_dari_jumlah(4, 3, 1, 4, 1)  # most above, 1 of 4 Utama below
    assert r["usulan"] == "sesuai" and r["utama_menentukan"] and "tidak ada hasil kerja Utama" in r["teks_utama"]
    r = teach.usulan_dari_jumlah(4, 3, 1, 2, 0)  # the one below is Tambahan
    assert r["usulan"] == "di_atas" and not r["utama_menentukan"] and r["teks_utama"] == ""


def test_simulasi_perilaku():
    r = teach.simulasi_perilaku({k: "sesuai" for k in labels.BERAKHLAK})
    assert (r["usulan"], r["dinilai"], r["di_atas"]) == ("sesuai", 7, 0)
    r = teach.simulasi_perilaku({**{k: "di_atas" for k in labels.BERAKHLAK}, "loyal": "Di Bawah Ekspektasi"})
    assert r["usulan"] == "di_bawah" and "Loyal" in r["alasan"]
    r = teach.simulasi_perilaku(dict(zip(labels.BERAKHLAK, ["di_atas"] * 4 + ["sesuai"] * 3)))
    assert r["usulan"] == "di_atas" and r["usulan_label"] == "Di Atas Ekspektasi"
    assert teach.simulasi_perilaku({})["usulan"] is None


def test_sel_kuadran_uses_the_regulation_sentences():
    for (hk, pk), p in s22.KUADRAN.items():
        c = teach.sel_kuadran(labels.RATING_LABEL[hk], pk)
        assert c["predikat"] == p
        assert c["penjelasan_predikat"] == s22.PENJELASAN_PREDIKAT[p]
        # the regulation's own numbered sentence for this cell (Lampiran hlm. 99-100 repeats "pegawai")
        norm = lambda x: x.replace(" pegawai", "").lower()  # noqa: E731
        assert norm(c["kalimat"].rstrip(".")) in norm(c["penjelasan_predikat"])
    c = teach.sel_kuadran("di_atas", "di_atas")
    assert (c["baris"], c["kolom"]) == (0, 2)  # top row, right column (perilaku grows to the right)


def test_simulasi_kurva_and_rules():
    r = teach.simulasi_kurva("Baik", {labels.BAIK: 8, labels.SANGAT_BAIK: 3})
    assert r["total"] == 11 and not r["sesuai"] and len(r["pesan"]) == 2
    assert r["pesan"] == s22.cek_kurva({labels.BAIK: 8, labels.SANGAT_BAIK: 3}, "Baik")
    assert r["porsi"][labels.BAIK] == pytest.approx(8 / 11)
    assert [a["teks"] for a in r["aturan"]] == ["Baik paling banyak 70%",
                                                 "Butuh Perbaikan dan/atau Kurang/Misconduct harus ada"]
    assert teach.simulasi_kurva("Istimewa", {})["ringkasan"] == "Belum ada pegawai."
    sk = teach.batas_kurva("Sangat Kurang")
    assert sk[-1]["teks"] == "Sangat Baik tidak boleh ada" and sk[0]["min"] == 0.6


def test_jumlah_unit_matches_kurva_per_unit(data):
    kv = s22.kurva_per_unit(s22.score(data), data.organisasi).set_index("unit")
    for unit in kv.index:
        cap, counts = teach.jumlah_unit(data, unit)
        assert cap == kv.loc[unit, "capaian_organisasi"]
        assert counts == {p: kv.loc[unit, p] for p in labels.PREDIKAT}


def test_pp46_waktu_curve_and_steps():
    k = teach.kurva_nilai_waktu([0.5, 0.76, 1.0, 1.2])
    assert k["nilai"].round(6).tolist() == [50.0, 100.0, 76.0, 56.0]
    assert k["nilai"].tolist() == pytest.approx([50.0, 100.0, 76.0, 56.0])
    w = teach.langkah_waktu(12, 12)
    assert (w["efisiensi"], w["rumus"]) == (0.0, "pertama") and w["nilai"] == pytest.approx(76.0)
    w = teach.langkah_waktu(12, 6)
    assert w["rumus"] == "kedua" and w["nilai"] == pytest.approx(50.0) and "> 24%" in w["teks"][1]
    full = teach.kurva_nilai_waktu()
    assert full["nilai"].max() == pytest.approx(100.0, abs=0.5)


def test_coba_pp46_goes_through_explain():
    ex = teach.coba_pp46(**teach.CONTOH_PP46)
    assert ex.step("nilai_kegiatan:Kegiatan 1").result == pytest.approx((95 + 90 + 76) / 3)
    assert ex.step("nilai_perilaku").result == pytest.approx(84.6)
    assert ex.step("nilai_prestasi_kerja").result == pytest.approx(0.6 * 87 + 0.4 * 84.6)
    assert ex.step("predikat").result == "Baik"
    # struktural: kepemimpinan counts (6 aspects)
    per = dict(teach.CONTOH_PP46["perilaku"], kepemimpinan=40)
    ex6 = teach.coba_pp46(teach.CONTOH_PP46["kegiatan"], per, struktural=True)
    assert ex6.step("nilai_perilaku").result == pytest.approx((85 + 88 + 84 + 80 + 86 + 40) / 6)
    assert teach.coba_pp46(teach.CONTOH_PP46["kegiatan"], per).step("nilai_perilaku").result == pytest.approx(84.6)
    # the same numbers as the vectorised score
    d = teach.data_satu_pegawai(teach.CONTOH_PP46["kegiatan"], teach.CONTOH_PP46["perilaku"])
    assert pp46.score(d)["nilai"].iloc[0] == pytest.approx(ex.step("nilai_prestasi_kerja").result)


def test_simulasi_kpi_default_equals_scheme_and_weights_change_ranking(data):
    unit = "Sekretariat"
    base = teach.simulasi_kpi(data, unit)
    assert (base["naik"] == 0).all() and (base["predikat"] == base["predikat_awal"]).all()
    nips = data.pegawai.index[data.pegawai["unit"] == unit]
    from kinerja.dataset.frames import subset

    direct = kpi.score(subset(data, nips)).set_index("nip")["nilai"]
    assert base.set_index("nip")["nilai"].to_dict() == pytest.approx(direct.to_dict())
    changed = teach.simulasi_kpi(data, unit, bobot_hasil=0.6, bobot_utama=30, bobot_tambahan=5)
    assert (changed["naik"] != 0).any()
    assert sorted(changed["peringkat"]) == sorted(base["peringkat"])
    # bands move kategori: Baik from 105 makes some pegawai Cukup
    banded = teach.simulasi_kpi(data, unit, batas={"Baik": 105})
    assert (banded["predikat"] == "Cukup").sum() > (base["predikat"] == "Cukup").sum()
    # the cap: 100% removes everything above
    capped = teach.simulasi_kpi(data, unit, batas_capaian=100)
    assert (capped["nilai_hasil"] <= 100 + 1e-9).all()


def test_kpi_config_validation():
    cfg = teach.kpi_config(0.6)
    assert (cfg["bobot_hasil"], cfg["bobot_perilaku"]) == (0.6, 0.4)
    from kinerja.errors import InputError

    with pytest.raises(InputError):
        teach.kpi_config(0.7, {"Baik": 120})  # Baik above Sangat Baik: bands out of order


def test_bandingkan_skema(data):
    unit = "Bidang Pencegahan dan Pengendalian Penyakit"
    t = teach.bandingkan_skema(data, unit)
    assert len(t) == (data.pegawai["unit"] == unit).sum()
    for col in ("peringkat_2022", "peringkat_pp46", "peringkat_kpi"):
        assert sorted(t[col]) == list(range(1, len(t) + 1))
    # best predikat first in the 2022 order
    order = [labels.PREDIKAT.index(p) for p in t.sort_values("peringkat_2022")["predikat_2022"]]
    assert order == sorted(order)
    kurang = t[(t["rating_perilaku"] == "di_bawah") & (t["rating_hasil_kerja"] != "di_bawah")]
    assert len(kurang) and all("Perilaku kerja di bawah ekspektasi" in m for m in kurang["mengapa"])
    # numbers equal the schemes'
    from kinerja.dataset.frames import subset

    d = subset(data, data.pegawai.index[data.pegawai["unit"] == unit])
    assert t.set_index("nip")["nilai_pp46"].to_dict() == pytest.approx(pp46.score(d).set_index("nip")["nilai"].to_dict())
    assert all(isinstance(m, str) and m for m in t["mengapa"])


def test_alasan_perbedaan_cases():
    row = {"rating_hasil_kerja": "sesuai", "rating_perilaku": "di_atas", "predikat_2022": "Baik",
           "capaian_rata": 103.0, "kategori_pp46": "Sangat Baik", "kategori_kpi": "Baik", "peringkat_pp46": 2,
           "peringkat_kpi": 2, "selisih_peringkat": 3}
    assert "tidak menaikkan predikat 2022" in teach.alasan_perbedaan(row)
    row.update(rating_perilaku="sesuai", peringkat_pp46=5)
    msg = teach.alasan_perbedaan(row, jumlah_waktu_76=2, jumlah_dipotong=1)
    assert "76" in msg and "dipotong" in msg


# --------------------------------------------------------------------------- widget apps
def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def _html_text(app) -> str:
    import ipywidgets as W

    return "\n".join(w.value for w in _walk(app) if isinstance(w, W.HTML))


def test_apps_build_and_react(data):
    """Every app builds, and moving a control fires its callback: what the app shows changes."""
    import ipywidgets as W

    import kinerja.ui.teach as ui

    for make in (ui.skp_ke_capaian, ui.berakhlak, ui.kuadran_explorer, ui.kurva_simulator, ui.kpi_playground,
                 ui.bandingkan_skema):
        w = make(data)
        assert "kt-app" in w._dom_classes
        before = _html_text(w)
        ctl = next(c for c in _walk(w) if isinstance(c, (W.IntSlider, W.ToggleButtons, W.Dropdown))
                   and not c.disabled and len(getattr(c, "options", (0, 1))) > 1)
        if isinstance(ctl, W.IntSlider):
            ctl.value = ctl.max if ctl.value != ctl.max else ctl.min
        else:
            vals = [o[1] if isinstance(o, tuple) else o for o in ctl.options]
            ctl.value = next(v for v in vals if v != ctl.value and v is not None)
        assert _html_text(w) != before, make.__name__
    for make in (ui.pp46_waktu, ui.pp46_coba, ui.latihan_angka):
        w = make()
        assert "kt-app" in w._dom_classes
        before = _html_text(w)
        ctl = next(c for c in _walk(w) if isinstance(c, (W.IntSlider, W.BoundedFloatText, W.RadioButtons))
                   and not c.disabled and (not isinstance(c, W.RadioButtons) or c.options))
        if isinstance(ctl, W.RadioButtons):
            ctl.value = ctl.options[0]
            next(c for c in _walk(w) if isinstance(c, W.Button) and "kt-periksa" in c._dom_classes).click()
        else:
            ctl.value = ctl.max if isinstance(ctl, W.IntSlider) else ctl.value * 2
        assert _html_text(w) != before, make.__name__
    assert "Sangat Kurang" in ui.tabel_kuadran().data and "Kurang/Misconduct" in ui.tabel_kuadran().data
    ex = teach.coba_pp46(**teach.CONTOH_PP46)
    from kinerja.domain import format as fmt

    assert fmt.angka(ex.step("nilai_prestasi_kerja").result, 2) in ui.rumus_pp46().data


def test_skp_sliders_start_at_the_data_and_show_the_scheme_numbers(data):
    """Notebook 05: each slider holds the data's realisasi exactly (no snapping to the slider grid) and
    every capaian on screen is the scheme's, for the data and after a move."""
    import ipywidgets as W

    import kinerja.ui.teach as ui
    from kinerja.domain import format as fmt

    info, ind = teach.skp_contoh(data)
    app = ui.skp_ke_capaian(data)
    sliders = app.kendali
    assert len(sliders) == len(ind) == len([c for c in _walk(app) if isinstance(c, W.IntSlider)])
    sc = s22.capaian_per_indikator(data)
    sc = sc[sc["nip"] == info["nip"]].set_index("iki_id")
    text = _html_text(app)
    for iki, r in ind.set_index("iki_id").iterrows():
        assert sliders[iki].value == float(r["realisasi"])  # on the slider's grid: exact, not snapped
        assert f"{fmt.angka(float(r['realisasi']), 3)} {r['satuan']}" in text  # the data's value, exactly
        assert f"capaian {fmt.persen(sc.loc[iki, 'capaian'], 1)}" in text
    # move the first slider: the capaian shown is the scheme's for the value shown
    iki0 = ind.iloc[0]["iki_id"]
    sliders[iki0].slider.value = int(sliders[iki0].slider.value * 0.9) + 1
    baru = sliders[iki0].value
    one = ind.assign(realisasi=[baru] + ind["realisasi"].tolist()[1:], nip=info["nip"], target_periode=ind["target"])
    cap = s22.hitung_capaian(one).iloc[0]["capaian"]
    assert f"capaian {fmt.persen(cap, 1)}" in _html_text(app)


def test_kpi_playground_starts_from_the_workspace_config(data, tmp_path):
    import kinerja.ui.teach as ui

    (tmp_path / "kpi_pp30_2019.toml").write_text("bobot_hasil = 0.6\nbobot_perilaku = 0.4\n", encoding="utf-8")
    app = ui.kpi_playground(data, workspace=tmp_path)
    k = app.kendali
    assert k["bobot_hasil"].value == 60 and "60/40" in k["kembali"].description
    default = ui.kpi_playground(data).kendali
    assert default["bobot_hasil"].value == 70 and "70/30" in default["kembali"].description
    awal = k["tabel"].value
    k["bobot_hasil"].value = 80
    assert k["tabel"].value != awal
    k["kembali"].click()
    assert k["bobot_hasil"].value == 60 and k["tabel"].value == awal


def test_slider_readouts_are_indonesian_and_exact():
    from kinerja.ui.teach.tampilan import SliderAngka, desimal

    assert desimal(2.49, 3) == 2 and desimal(12.0) == 0 and desimal(90.72, paling_sedikit=1) == 2
    s = SliderAngka(12, 3, 18, 2, satuan="bulan")
    assert s.teks() == "12,00 bulan" and "12,00" in s.readout.value
    s.value = 12.49
    assert s.value == 12.49 and s.slider.value == 1249 and s.teks() == "12,49 bulan"
    s.atur(90.72, 10, 100)
    assert s.value == 90.72 and s.teks() == "90,72 bulan"


def test_pp46_band_edge_is_stated_as_computed():
    """Notebook 06: the rule (kategori), the text (teks_sebutan) and the exercise agree on 90,6."""
    assert pp46.kategori(90.0) == "Baik" and pp46.kategori(90.6) == "Sangat Baik"
    teks = pp46.teks_sebutan()
    assert "Sangat Baik: di atas 90" in teks and "Baik: di atas 75 sampai 90" in teks
    s = teach.soal_sebutan(90.6)
    assert s.jawaban == "Sangat Baik" and teks in s.petunjuk
    ex = teach.coba_pp46(**teach.CONTOH_PP46)
    assert ex.step("predikat").formula == teks


def test_latihan_app_flow():
    import kinerja.ui.teach as ui

    app = ui._LatihanApp(lambda acak, seed: teach.latihan_2022(acak=acak, seed=seed), "Latihan")
    app.radio.value = labels.BAIK
    app._periksa()
    assert "kt-salah" in app.umpan_html._dom_classes and "Lampiran hlm. 99" in app.umpan_html.value
    assert "Skor: 0 dari" in app.skor.value
    app.radio.value = labels.KURANG
    app._periksa()
    assert "kt-benar" in app.umpan_html._dom_classes and "kt-salah" not in app.umpan_html._dom_classes
    assert "Skor: 1 dari" in app.skor.value
    assert app.kunci.value == ""
    app.mode.value = True
    assert all(s.jawaban in app.kunci.value for s in app.lat.soal[:3]) and "Jawaban" in app.jawaban.value
    app._pindah(1)
    assert app.radio.value is None and app.umpan_html.value == ""
    app._pindah(-1)
    assert app.radio.value == labels.KURANG and "kt-benar" in app.umpan_html._dom_classes  # remembered
    app._acak()
    assert app.i == 0 and app.lat.skor.benar == 0 and app.lat.mode_pelatih


def test_import_kinerja_teach_is_light():
    import subprocess
    import sys

    code = ("import sys, kinerja, kinerja.teach.core; "
            "print(any(m in sys.modules for m in ('matplotlib', 'ipywidgets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_family_of_formatters():
    from kinerja.domain import format as fmt

    assert fmt.KOSONG == "-"
    for f in (fmt.nilai, fmt.angka, fmt.angka_tetap, fmt.persen, fmt.persen_pecahan):
        assert f(math.nan) == fmt.KOSONG and f(None) == fmt.KOSONG
    assert fmt.nilai(87.5) == "87,5" and fmt.angka(1234.5) == "1.234,5" and fmt.angka_tetap(12) == "12,00"
    assert fmt.persen(96.666) == "96,7%" and fmt.persen_pecahan(0.7) == "70%"


def test_notebook06_prose_is_built_from_the_constants(monkeypatch, tmp_path):
    from kinerja.ui.teach.teks import BAGIAN, teks_skema_angka

    assert "**60% nilai SKP + 40% nilai perilaku**" in teks_skema_angka("pp46").data
    assert "hanya bernilai **76**" in teks_skema_angka("waktu").data and "efisiensi 24%" in teks_skema_angka("waktu").data
    monkeypatch.setattr(pp46, "BOBOT_SKP", 0.5)
    monkeypatch.setattr(pp46, "BOBOT_PERILAKU", 0.5)
    assert "**50% nilai SKP + 50% nilai perilaku**" in teks_skema_angka("pp46").data
    assert "**50% SKP + 50% perilaku**" in teks_skema_angka("ingat").data
    (tmp_path / "kpi_pp30_2019.toml").write_text("bobot_hasil = 0.6\nbobot_perilaku = 0.4\n", encoding="utf-8")
    assert "Workspace ini memakai **60/40**" in teks_skema_angka("kpi", tmp_path).data
    assert "Workspace ini" not in teks_skema_angka("kpi").data
    assert all(teks_skema_angka(b).data.startswith("#") for b in BAGIAN)
    with pytest.raises(ValueError):
        teks_skema_angka("lain")

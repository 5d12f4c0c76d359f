"""The evaluator form's logic, without a browser or kernel (widgets are plain Python objects)."""

from __future__ import annotations


import pytest

from kinerja.domain import labels
from kinerja.services.kuesioner import kelengkapan_bawahan


def test_baca_realisasi():
    from kinerja.ui.form import baca_realisasi

    assert baca_realisasi("87,5") == (87.5, None)
    assert baca_realisasi("1.250,5") == (1250.5, None)
    assert baca_realisasi("") == (None, None)
    assert baca_realisasi("abc") == (None, "harus berupa angka")
    assert baca_realisasi("-3") == (None, "tidak boleh negatif")
    from kinerja.ui.form import teks_input

    for v in (2544.0, 87.5, 0.125, 120000000.0):  # what the form shows reads back as the same number
        assert baca_realisasi(teks_input(v)) == (v, None)


def test_periksa_rules():
    from kinerja.ui.form import periksa

    per_all = {a: ("sesuai", "") for a in labels.BERAKHLAK}
    assert periksa({("R", "1"): "10"}, per_all, None, None, "", "sesuai", "sesuai") == {}
    e = periksa({("R", "1"): "x"}, per_all, None, None, "", "sesuai", "sesuai")
    assert e == {("realisasi", "R", "1"): "Realisasi harus berupa angka."}
    # final rating differing from the suggestion needs a reason
    e = periksa({}, per_all, "di_atas", "sesuai", "", "sesuai", "sesuai")
    assert "alasan" in e and "hasil kerja" in e["alasan"]
    assert periksa({}, per_all, "di_atas", "sesuai", "Capaian luar biasa", "sesuai", "sesuai") == {}
    # one final rating without the other; unrated values
    per_missing = dict(per_all, loyal=(None, ""))
    e = periksa({}, per_missing, "sesuai", None, "", "sesuai", "sesuai")
    assert "rating_perilaku" in e and ("perilaku", "loyal") in e
    # a note without a rating
    e = periksa({}, dict(per_all, loyal=(None, "catatan")), None, None, "", "sesuai", "sesuai")
    assert ("perilaku", "loyal") in e


def _app(store, periode="2026-TW2"):
    from kinerja.ui.form import FormPenilaian

    ev = store.penilai().sort_values("jumlah_bawahan").iloc[-1]["nip"]
    return FormPenilaian(store, penilai=ev, periode=periode)


def test_form_live_values_invalid_then_save_and_reload(store):
    from kinerja.ui.form import FormPenilaian

    app = _app(store)
    app.unit_jeda = 0
    assert app.w_penilai not in app.widget.children  # identity fixed: no dropdown
    nip = app.w_bawahan.value
    key = next(iter(app.w_real))
    # invalid realisasi: inline message, nothing saved
    app.w_real[key].value = "abc"
    assert "angka" in app.w_err[key].value
    versi = app.lembar.versi
    assert app.simpan() is False
    assert app.pesan.jenis == "salah" and store.lembar(app.penilai, nip, "2026-TW2").versi == versi
    # live capaian as you type
    app.w_real[key].value = "1000000"
    assert "%" in app.w_cap[key].value and app.w_err[key].value == ""
    for a in labels.BERAKHLAK:
        app.w_rating[a].value = "di_atas"
    assert app.usulan_pk == "di_atas"
    app.pakai_usulan()
    assert app.simpan() is True, app.pesan.teks
    assert app.pesan.jenis == "ok" and "Tersimpan" in app.pesan.teks
    app._unit_thread.join()  # the unit view is recomputed shortly after the save
    assert "kf-tabel-unit" in app.w_unit.value
    pred = app.predikat
    assert pred in labels.PREDIKAT
    # a fresh form (as after a page reload) shows the saved values
    app2 = FormPenilaian(store, penilai=app.penilai, periode="2026-TW2", nip=nip)
    assert app2.w_real[key].value == "1000000"
    assert app2.w_final_pk.value == "di_atas" and app2.predikat == pred
    assert app2.bawahan.set_index("nip").loc[nip, "status"] in ("sebagian", "selesai")


def test_form_reason_required_and_stale_message(store):
    from kinerja.ui.form import FormPenilaian

    app = _app(store, "2026-TW3")
    other = FormPenilaian(store, penilai=app.penilai, periode="2026-TW3", nip=app.w_bawahan.value)
    flip = {"di_atas": "di_bawah", "sesuai": "di_bawah", "di_bawah": "di_atas"}
    app.w_final_hk.value = flip[app.usulan_hk]
    app.w_final_pk.value = app.usulan_pk
    app.w_alasan.value = ""
    assert app.simpan() is False and "alasan" in app.w_err_alasan.value.lower()
    app.w_alasan.value = "Ada tugas khusus dari pimpinan"
    assert app.simpan() is True
    # the second form was opened before: its save is stale
    other.w_catatan["loyal"].value = "catatan lain"
    assert other.simpan() is False
    assert other.pesan.jenis == "salah" and "sudah diubah" in other.pesan.teks


def test_unit_view_and_scope(store):
    app = _app(store, "2026")
    assert "kf-tabel-unit" in app.w_unit.value
    assert any(p in app.w_unit.value for p in labels.PREDIKAT)
    # a crafted selection outside the bawahan is refused by the store
    foreign = store.to_workspace().pegawai
    foreign = foreign[foreign["nip_atasan"] != app.penilai]["nip"].iloc[0]
    app._sibuk = True
    app.w_bawahan.options = list(app.w_bawahan.options) + [("x", foreign)]
    app.w_bawahan.value = foreign
    app._sibuk = False
    app.muat_pegawai()
    assert app.lembar is None and "akses ditolak" in app.pesan.teks


def test_usulan_360_extension_point(store):
    from kinerja.ui import form

    def provider(st, nip, periode):
        return {"rating": "di_atas", "keterangan": "rata-rata 4,5 dari 6 penilai"}

    form.daftar_usulan_perilaku(provider)
    try:
        app = _app(store)
        assert "Usulan dari umpan balik 360" in app.w_usulan.value and "4,5" in app.w_usulan.value
    finally:
        form._USULAN_PERILAKU.remove(provider)


def test_identity_mapping(tmp_path, monkeypatch, sample_ws):
    """The kernel reads only the name `kinerja serve` verified (X-Kinerja-Pengguna), never the proxy's
    header itself, and maps it to a NIP through the akun table, never by digits in the name."""
    from kinerja.services import akses
    from kinerja.store.core import Store
    from kinerja.ui import common

    st = Store(f"sqlite:///{tmp_path / 'k.db'}")
    st.init_from(sample_ws, oleh="tes")
    nip = str(st.to_workspace()["pegawai"]["nip"].iloc[0])
    akses.tambah_akun(st, "budi", nip=nip, peran=["pejabat_penilai"], sandi=None, oleh="tes")
    monkeypatch.setenv("KINERJA_IDENTITAS", "header:X-Remote-User")
    monkeypatch.setenv("HTTP_X_REMOTE_USER", "budi")           # a client's header never counts
    monkeypatch.delenv("HTTP_X_KINERJA_PENGGUNA", raising=False)
    assert common.identitas_server() == ""
    monkeypatch.setenv("HTTP_X_KINERJA_PENGGUNA", "budi")       # set by the server after its checks
    assert common.identitas_server() == "budi"
    assert common.nip_dari_identitas("budi", store=st) == nip
    assert common.nip_dari_identitas("BUDI ", store=st) == nip
    assert common.nip_dari_identitas(f"eve-{nip}@evil", store=st) is None    # no digit extraction
    assert common.nip_dari_identitas(nip, store=st) is None
    assert common.nip_dari_identitas("budi", store=st, nips=["199901012020011001"]) is None
    monkeypatch.setenv("KINERJA_IDENTITAS", "login")
    assert common.identitas_server() == "budi"
    monkeypatch.setenv("KINERJA_IDENTITAS", "hub")
    monkeypatch.delenv("HTTP_X_KINERJA_PENGGUNA")
    monkeypatch.setenv("JUPYTERHUB_USER", "siti")
    assert common.identitas_server() == "siti"
    monkeypatch.setenv("KINERJA_IDENTITAS", "demo")
    assert common.identitas_server() is None


def test_landing_lists_every_app_notebook():
    from kinerja.cli.serve import BATCH_NOTEBOOKS, FORM_NOTEBOOK, landing_entries, landing_html, notebooks_dir

    entries = landing_entries()
    assert entries[0]["name"] == FORM_NOTEBOOK
    assert {e["name"] for e in entries} == {p.name for p in notebooks_dir().glob("*.ipynb")} - set(BATCH_NOTEBOOKS)
    assert all(e["title"] and not e["title"].startswith("#") for e in entries)
    assert all("**" not in e["summary"] for e in entries)  # markdown emphasis stripped
    assert "voila/render/" + FORM_NOTEBOOK in landing_html(entries)


def test_form_shows_360_suggestion_and_completeness(store):
    """Default wiring (issue 6): the 360 feedback in the workspace DB, per value and overall, beside
    the evaluator's own rating; completeness counts of the bawahan; a triwulan uses the year's 360."""
    from kinerja.store.store_360 import dari_store

    dari_store(store).tutup("2026", oleh="sdm")  # aggregates show only once HR closed the collection
    app = _app(store, "2026-TW2")
    nip = app.w_bawahan.value
    assert app.periode_360 == "2026"
    assert "Usulan dari umpan balik 360" in app.w_usulan.value and "Hanya usulan" in app.w_usulan.value
    assert all("Usulan 360" in w.value for w in app.w_360.values())
    k = kelengkapan_bawahan(dari_store(store), app.penilai, "2026")
    assert f"data-nip='{nip}'" in app.w_360_kelengkapan.value
    r = k.set_index("nip").loc[nip]
    assert f"{r.sudah} dari {r.ditugaskan} kuesioner sudah diisi" in app.w_info.value
    assert "Umpan balik 360 (periode 2026)" in app.w_360_ringkas.value
    # never rater identity: no rater NIP other than the bawahan themselves
    raters = set(dari_store(store).penugasan("2026")["penilai"]) - set(app.bawahan["nip"])
    shown = app.w_usulan.value + app.w_360_kelengkapan.value + "".join(w.value for w in app.w_360.values())
    assert not any(x in shown for x in raters)


def test_form_360_withheld_groups_say_so(store):
    """A rekan group below the minimum is withheld, and the form says so."""
    import sqlalchemy as sa

    from kinerja.store.store_360 import dari_store

    app = _app(store, "2026")
    nip = app.w_bawahan.value
    s360 = dari_store(store)
    rekan = s360.penugasan("2026", nips=[nip])
    rekan = list(rekan.loc[rekan["peran"] == "rekan", "penilai"])
    assert len(rekan) >= 2
    with store.engine.begin() as con:  # keep the answers of only one rekan
        from kinerja.store.store_360 import jawaban_t

        con.execute(sa.delete(jawaban_t).where((jawaban_t.c.nip == nip) & (jawaban_t.c.peran == "rekan")
                                               & jawaban_t.c.penilai.in_(rekan[1:])))
        con.execute(sa.text("INSERT INTO audit_360 (waktu, oleh) VALUES ('t', 'test')"))
    s360.tutup("2026", oleh="sdm")
    app.muat_pegawai()
    assert "kurang dari 3 penilai" in app.w_usulan.value
    assert rekan[0] not in app.w_usulan.value


@pytest.mark.parametrize("siklus,expect,absent", [
    ("semester", ["2026-S1", "2026-S2", "2026"], "2026-05"),
    ("bulanan", ["2026-01", "2026-12", "2026"], "2026-S1"),
    ("triwulan", ["2026-TW1", "2026-TW4", "2026"], "2026-S1"),
])
def test_form_offers_the_office_cycle(store, monkeypatch, siklus, expect, absent):
    """`kinerja serve --siklus` sets KINERJA_SIKLUS; the form offers that cycle plus tahunan (and any
    periode that already holds data: the sample has triwulan data, so TW1..TW4 always appear)."""
    monkeypatch.setenv("KINERJA_SIKLUS", siklus)
    app = _app(store, "2026")
    offered = [v for _, v in app.w_periode.options]
    assert all(p in offered for p in expect)
    assert absent not in offered
    app.w_periode.value = expect[0]  # a periode without data opens with empty realisasi, no error
    assert app.w_periode.value == expect[0]


def test_rupiah_thousands_dots_read_back_either_way():
    from kinerja.ui.form import baca_realisasi, is_rupiah, teks_input

    assert is_rupiah("rupiah") and is_rupiah("Rp") and not is_rupiah("sampel")
    assert teks_input(118311000, rupiah=True) == "118.311.000"
    assert teks_input(118311000) == "118311000"
    for typed in ("118.311.000", "118311000", "118.311.000,0"):
        assert baca_realisasi(typed, target=120000000) == (118311000.0, None), typed
    assert baca_realisasi("12.500", target=120000000) == (12500.0, None)  # one group, near a rupiah target
    assert baca_realisasi("2.530", target=2400) == (2530.0, None)        # issue 10: never 1000x off
    assert baca_realisasi("2.5") == (2.5, None)                      # not rupiah: a decimal point
    for v in (0.0, 999.0, 12500.0, 82505000.0, 1250000.5):
        assert baca_realisasi(teks_input(v, rupiah=True), target=v) == (v, None), v


def _app_rupiah(store):
    """A form on a bawahan with an indikator counted in rupiah."""
    from kinerja.ui.form import FormPenilaian

    for ev in store.penilai()["nip"]:
        app = FormPenilaian(store, penilai=ev, periode="2026")
        for nip in [v for _, v in app.w_bawahan.options]:
            app.w_bawahan.value = nip
            if app.rupiah:
                return app
    raise AssertionError("sample has no indikator in rupiah")


def test_form_polish_rupiah_labels_and_pilih(store):
    from kinerja.ui.form import FINAL_PILIHAN

    app = _app_rupiah(store)
    app.unit_jeda = 0
    key = next(iter(app.rupiah))
    shown = app.w_real[key].value
    assert shown == "" or "." in shown and shown.replace(".", "").isdigit()  # "118.311.000"
    app.w_real[key].value = "82.505.000"
    assert app.w_err[key].value == "" and "%" in app.w_cap[key].value
    # empty final ratings read "— pilih —", never a blank box
    app.w_final_hk.value = app.w_final_pk.value = ""
    assert app.w_final_hk.label == "— pilih —" and app.w_final_pk.label == FINAL_PILIHAN[0][0]
    # a save error names the indikator, not its codes
    ind = app.lembar.indikator
    nama = ind[(ind["rhk_id"] == key[0]) & (ind["iki_id"] == key[1])]["indikator"].iloc[0]
    app.w_real[key].value = "abc"
    assert app.simpan() is False
    assert f"Realisasi «{nama}»" in app.pesan.widget.value
    assert f"{key[0]}/{key[1]}" not in app.pesan.widget.value


def test_form_saves_rupiah_exactly(store):
    app = _app_rupiah(store)
    app.unit_jeda = 0
    key = next(iter(app.rupiah))
    nip = app.w_bawahan.value
    app.w_real[key].value = "118.311.000"
    for a in labels.BERAKHLAK:
        app.w_rating[a].value = "sesuai"
    app.pakai_usulan()
    assert app.simpan() is True, app.pesan.widget.value
    lb = store.lembar(app.penilai, nip, "2026")
    row = lb.indikator[(lb.indikator["rhk_id"] == key[0]) & (lb.indikator["iki_id"] == key[1])]
    assert float(row["realisasi"].iloc[0]) == 118311000.0
    app.muat_pegawai()
    assert app.w_real[key].value == "118.311.000"

"""The HR plan-loading app (notebook 01, kinerja.ui.muat) through its Python API: the row-by-row plan
before anything is written, konflik for values an evaluator saved, the person in the audit."""

from __future__ import annotations

import pytest

from conftest import SAMPLE_XLSX


def _saved_by_evaluator(store):
    ev = store.penilai().sort_values(["jumlah_bawahan", "nip"], ascending=[False, True]).iloc[0]["nip"]
    nip = store.bawahan(ev, "2026-TW1")["nip"].iloc[0]
    lb = store.lembar(ev, nip, "2026-TW1")
    store.simpan(ev, nip, "2026-TW1", lb.versi, penilaian={"rating_hasil_kerja": "di_bawah", "rating_perilaku": "sesuai",
                                                           "alasan": "target utama tidak tercapai"})
    return ev, nip


def test_upload_shows_plan_with_konflik_and_keeps_the_evaluators_ratings(store):
    from kinerja.ui.muat import MuatRencana

    ev, nip = _saved_by_evaluator(store)
    before = store.lembar(ev, nip, "2026-TW1").penilaian
    app = MuatRencana(store, oleh="sari.hr")
    n_audit = len(store.riwayat())
    assert app.periksa([(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())]) is True
    assert len(store.riwayat()) == n_audit  # the plan wrote nothing
    plan = app.rencana
    k = [r for r in plan.konflik if r["nip"] == nip and r["berkas"] == "penilaian"]
    assert k and {r["kolom"] for r in k} >= {"rating_hasil_kerja"}
    assert "km-konflik" in app.w_rencana.value and "tidak akan diubah (konflik)" in app.pesan.teks
    assert app.muat() is True
    assert store.lembar(ev, nip, "2026-TW1").penilaian == before
    # with the box ticked the evaluator's values are overwritten, and the audit names the HR person
    app.w_timpa.value = True
    assert "AKAN DITIMPA" in app.pesan.teks
    assert app.muat() is True
    assert store.lembar(ev, nip, "2026-TW1").penilaian != before
    aud = store.riwayat(nip=nip, periode="2026-TW1")
    assert aud["oleh"].iloc[-1] == "sari.hr" and "notebook 01" not in set(aud["oleh"])


def test_no_identity_no_import(store, monkeypatch):
    from kinerja.ui.muat import MuatRencana

    monkeypatch.setenv("KINERJA_IDENTITAS", "header:X-Remote-User")
    monkeypatch.delenv("HTTP_X_REMOTE_USER", raising=False)
    monkeypatch.delenv("HTTP_X_KINERJA_PENGGUNA", raising=False)
    app = MuatRencana(store)
    assert app.oleh is None
    assert app.periksa([(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())]) is False
    assert app.w_muat.disabled and "Identitas" in app.pesan.teks
    n = len(store.riwayat())
    app.w_muat.disabled = False
    assert app.muat() is False and len(store.riwayat()) == n

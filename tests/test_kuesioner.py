"""The 360 questionnaire widgets, driven without a browser."""

import pytest

from kinerja.schemes import multirater as mr
from kinerja.store.store_360 import Store360

W = pytest.importorskip("ipywidgets")
from kinerja.ui.kuesioner import KuesionerApp  # noqa: E402


@pytest.fixture
def st(tmp_path, sample_ws):
    s = Store360(f"sqlite:///{tmp_path / 'k.db'}", pegawai=sample_ws.pegawai)
    s.import_workspace(sample_ws)
    return s


def _pending(st):
    pen = st.penugasan("2026")
    jw = st.jawaban("2026")
    done = set(zip(jw["nip"], jw["penilai"]))
    r = next(r for r in pen.itertuples() if (r.nip, r.penilai) not in done and r.peran == "rekan")
    return r.penilai, r.nip


def test_answer_and_save(st):
    penilai, nip = _pending(st)
    app = KuesionerApp(st, "2026", penilai=penilai)
    app.w_pegawai.value = nip
    assert all(tb.value is None for tb in app.w_skor.values())
    # incomplete: nothing saved, message names the missing values
    app.w_skor["akuntabel"].value = 4
    assert app.simpan() is False
    assert "Belum dijawab" in app.w_pesan.value and "Loyal" in app.w_pesan.value
    assert not ((st.jawaban()["penilai"] == penilai) & (st.jawaban()["nip"] == nip)).any()
    for tb in app.w_skor.values():
        tb.value = 5
    app.w_komentar.value = "Sangat membantu"
    assert app.simpan() is True
    assert "Tersimpan" in app.w_pesan.value
    k = st.kuesioner(penilai, nip, "2026")
    assert set(k["skor"].values()) == {5} and k["komentar"] == "Sangat membantu"
    label = dict((v, lab) for lab, v in app.w_pegawai.options)[nip]
    assert "sudah diisi" in label


def test_stale_edit_message(st):
    penilai, nip = _pending(st)
    a = KuesionerApp(st, "2026", penilai=penilai)
    b = KuesionerApp(st, "2026", penilai=penilai)
    for app in (a, b):
        app.w_pegawai.value = nip
        for tb in app.w_skor.values():
            tb.value = 3
    assert a.simpan() is True
    assert b.simpan() is False and "muat ulang" in b.w_pesan.value.lower()


def test_atasan_sees_completion_counts_only(st, sample_ws):
    peg = sample_ws.pegawai
    atasan = peg["nip_atasan"].value_counts().index[0]
    app = KuesionerApp(st, "2026", penilai=atasan)
    html = app.w_kelengkapan.value
    assert "Kelengkapan umpan balik 360" in app.w_bagian_kelengkapan.children[0].value
    assert app.w_bagian_kelengkapan.layout.display is None
    bawahan = peg.loc[peg["nip_atasan"] == atasan, "nama"]
    assert all(n in html for n in bawahan)
    # never a rater NIP other than the bawahan rows themselves
    raters = set(st.penugasan("2026")["penilai"]) - set(peg.loc[peg["nip_atasan"] == atasan, "nip"])
    assert not any(f">{r}<" in html for r in raters)


def test_identity_like_the_form(st, sample_ws, monkeypatch, tmp_path):
    """The questionnaire uses common.identitas_server / nip_dari_identitas, like the evaluator form."""
    pen = st.penugasan("2026")
    rater = sorted(set(pen[pen["peran"] == "rekan"]["penilai"]))[0]
    # demo: a dropdown of every rater
    monkeypatch.setenv("KINERJA_IDENTITAS", "demo")
    app = KuesionerApp(st, "2026")
    assert not app.identitas_tetap and len(app.w_penilai.options) > 1
    assert app.w_penilai in app.widget.children[3].children
    # header:X-Remote-User with a user name mapped in the akun table: that rater only, no dropdown
    from kinerja.store import akun

    akun.metadata.create_all(st.engine)
    akun._audit.create(st.engine, checkfirst=True)
    if akun.baca(st.engine, "budi") is None:
        akun.tulis(st.engine, "budi", nip=rater, sandi_hash=None, oleh="tes", peran={"responden_360": [""]})
    monkeypatch.setenv("KINERJA_IDENTITAS", "header:X-Remote-User")
    monkeypatch.setenv("HTTP_X_KINERJA_PENGGUNA", "budi")  # the name kinerja serve verified
    app = KuesionerApp(st, "2026", workspace=tmp_path)
    assert app.identitas_tetap and app.penilai == rater
    assert [v for _, v in app.w_penilai.options] == [rater]
    assert app.w_penilai not in app.widget.children[3].children
    assert len(app.w_pegawai.options) >= 1
    # hub with an unknown user: a message, no dropdown, no questionnaire
    monkeypatch.setenv("KINERJA_IDENTITAS", "hub")
    monkeypatch.delenv("HTTP_X_KINERJA_PENGGUNA")
    monkeypatch.setenv("JUPYTERHUB_USER", "orang-asing")
    app = KuesionerApp(st, "2026", workspace=tmp_path)
    assert app.penilai is None and app.w_pegawai.options == ()
    box = app.widget.children[3]
    assert "tidak dikenali" in box.children[1].value
    assert app.w_bagian_form not in app.widget.children

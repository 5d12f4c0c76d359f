"""The 360 questionnaire widgets, driven without a browser."""

import pytest

from kinerja import multirater as mr
from kinerja.store_360 import Store360

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
    assert "Kelengkapan umpan balik 360" in html
    bawahan = peg.loc[peg["nip_atasan"] == atasan, "nama"]
    assert all(n in html for n in bawahan)
    # never a rater NIP other than the bawahan rows themselves
    raters = set(st.penugasan("2026")["penilai"]) - set(peg.loc[peg["nip_atasan"] == atasan, "nip"])
    assert not any(f">{r}<" in html for r in raters)

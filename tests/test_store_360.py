"""360 questionnaires in the store: scope, validation, one transaction, audit, optimistic concurrency."""

import pandas as pd
import pytest

from kinerja.schemes import multirater as mr
from kinerja.errors import AccessDenied, StaleEditError, ValidationErrors
from kinerja.store.store_360 import Store360
from kinerja.services.kuesioner import kelengkapan_bawahan

PER = "2026"


@pytest.fixture
def st(tmp_path, sample_ws):
    s = Store360(f"sqlite:///{tmp_path / 'k.db'}", pegawai=sample_ws.pegawai)
    s.import_workspace(sample_ws)
    return s


def _assignment(st, peran="rekan"):
    pen = st.penugasan(PER)
    r = pen[pen["peran"] == peran].iloc[0]
    return r["penilai"], r["nip"]


def test_import_is_complete_and_idempotent(st, sample_ws):
    jw = st.jawaban(PER)
    assert len(jw) == len(sample_ws["umpan_balik_360"])
    assert st.import_workspace(sample_ws) == {"penugasan": 0, "jawaban": 0}
    # the aggregate from the store equals the aggregate from the files
    a = mr.agregasi_360(jw).nilai.sort_values(["nip", "aspek"]).reset_index(drop=True)
    b = mr.agregasi_360(sample_ws["umpan_balik_360"], PER).nilai.sort_values(["nip", "aspek"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_rater_answers_and_is_audited(st):
    penilai, nip = _assignment(st)
    before = st.kuesioner(penilai, nip, PER)
    skor = {a: 4 for a in mr.ASPEK}
    v = st.simpan(penilai, nip, PER, skor, "Kerja sama baik", versi=before["versi"])
    assert v == before["versi"] + 1
    got = st.kuesioner(penilai, nip, PER)
    assert got["skor"] == skor and got["komentar"] == "Kerja sama baik" and got["versi"] == v
    t = st.tugas(penilai, PER).set_index("nip")
    assert t.loc[nip, "status"] == "sudah"
    log = st.riwayat(PER)
    mine = log[(log["oleh"] == penilai) & (log["nip"] == nip)]
    assert len(mine) >= 1 and set(mine["kolom"]) <= {"skor", "komentar"}
    # saving the same answers again changes nothing in the audit
    n = len(st.riwayat())
    st.simpan(penilai, nip, PER, skor, "Kerja sama baik", versi=v)
    assert len(st.riwayat()) == n


def test_stale_save_is_refused(st):
    penilai, nip = _assignment(st)
    v0 = st.kuesioner(penilai, nip, PER)["versi"]
    st.simpan(penilai, nip, PER, {a: 3 for a in mr.ASPEK}, versi=v0)
    with pytest.raises(StaleEditError):
        st.simpan(penilai, nip, PER, {a: 5 for a in mr.ASPEK}, versi=v0)
    assert set(st.kuesioner(penilai, nip, PER)["skor"].values()) == {3}


def test_scope_rater_only_assigned_pegawai(st, sample_ws):
    penilai, nip = _assignment(st)
    assigned = set(st.tugas(penilai, PER)["nip"])
    other = next(n for n in sample_ws.pegawai["nip"] if n not in assigned)
    with pytest.raises(AccessDenied):
        st.kuesioner(penilai, other, PER)
    with pytest.raises(AccessDenied):
        st.simpan(penilai, other, PER, {a: 4 for a in mr.ASPEK})
    assert not ((st.jawaban(PER)["penilai"] == penilai) & (st.jawaban(PER)["nip"] == other)).any()


def test_invalid_answers_save_nothing(st):
    penilai, nip = _assignment(st)
    before = st.jawaban(PER)
    bad = {a: 4 for a in mr.ASPEK}
    bad["loyal"] = 6
    bad.pop("adaptif")
    with pytest.raises(ValidationErrors) as ei:
        st.simpan(penilai, nip, PER, bad)
    assert {e.column for e in ei.value.errors} == {"loyal", "adaptif"}
    pd.testing.assert_frame_equal(before, st.jawaban(PER))


def test_evaluator_sees_counts_that_update(st, sample_ws):
    peg = sample_ws.pegawai
    atasan = peg["nip_atasan"].value_counts().index[0]
    k0 = kelengkapan_bawahan(st, atasan, PER)
    assert "penilai" not in k0.columns and len(k0) == (peg["nip_atasan"] == atasan).sum()
    pen = st.penugasan(PER)
    row = k0[k0["belum"] > 0].iloc[0]
    jw = st.jawaban(PER)
    done = set(jw.loc[jw["nip"] == row["nip"], "penilai"])
    todo = pen[(pen["nip"] == row["nip"]) & ~pen["penilai"].isin(done)].iloc[0]
    st.simpan(todo["penilai"], row["nip"], PER, {a: 4 for a in mr.ASPEK})
    k1 = kelengkapan_bawahan(st, atasan, PER).set_index("nip")
    assert k1.loc[row["nip"], "sudah"] == row["sudah"] + 1 and k1.loc[row["nip"], "belum"] == row["belum"] - 1

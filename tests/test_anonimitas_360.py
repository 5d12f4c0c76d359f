"""Issue 11 point 5: the 360 minimum-rater rule must survive differencing. The attack: an evaluator
compares their view of a bawahan's 360 before and after a 4th rekan answered, and recovers that
rater's answers value by value. Views are taken exactly as the form gets them
(kinerja.report.laporan_360.usulan_perilaku_360, the form's provider)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from kinerja.domain.labels import BERAKHLAK
from kinerja.errors import AccessDenied, InputError
from kinerja.report.laporan_360 import usulan_perilaku_360
from kinerja.services.kuesioner import kelengkapan_bawahan, tutup_pengumpulan_360
from kinerja.store.core import Store
from kinerja.store.store_360 import dari_store, jawaban_t

PERIODE = "2026"


@pytest.fixture
def setup(tmp_path, sample_ws):
    """A bawahan with exactly 3 rekan answers and a 4th rekan assigned who has not answered yet."""
    st = Store(f"sqlite:///{tmp_path / 'kinerja.db'}")
    st.init_from(sample_ws, oleh="tes")
    s360 = dari_store(st)
    pen = s360.penugasan(PERIODE)
    rekan = pen[pen["peran"] == "rekan"].groupby("nip")["penilai"].apply(list)
    nip, raters = next((n, r) for n, r in rekan.items() if len(r) >= 4)
    keep, fourth = raters[:3], raters[3]
    with st.engine.begin() as con:   # exactly 3 rekan answered; the 4th (and any others) not yet
        con.execute(sa.delete(jawaban_t).where((jawaban_t.c.periode == PERIODE) & (jawaban_t.c.nip == nip)
                                               & (jawaban_t.c.peran == "rekan") & ~jawaban_t.c.penilai.in_(keep)))
        con.execute(sa.text("INSERT INTO audit_360 (waktu, oleh) VALUES ('t', 'tes')"))
    for r in keep:   # make sure the 3 have answered
        if not s360.kuesioner(r, nip, PERIODE)["skor"]:
            s360.simpan(r, nip, PERIODE, {a: 3 for a in BERAKHLAK})
    return st, s360, nip, fourth


def _view(st, nip) -> str:
    """Everything the evaluator's form receives about the bawahan's 360 (the suggestion, per value)."""
    return repr(usulan_perilaku_360(st, nip, PERIODE))


def _atasan(st, nip) -> str:
    return st.pegawai(nip)["nip_atasan"]


def test_differencing_attack_learns_nothing_while_open(setup):
    st, s360, nip, fourth = setup
    before = _view(st, nip)
    k_before = kelengkapan_bawahan(s360, _atasan(st, nip), PERIODE)
    # the 4th rekan answers with extreme values, so any leak would show
    answers = {a: (5 if i % 2 else 1) for i, a in enumerate(BERAKHLAK)}
    s360.simpan(fourth, nip, PERIODE, answers, komentar="rahasia keempat")
    after = _view(st, nip)
    assert before == after                   # the two views are identical: nothing to subtract
    assert "masih dikumpulkan" in after
    assert not re.search(r"\d,\d", after)    # no per-value score at all
    assert "rahasia keempat" not in after
    # completeness: per bawahan in total, never per role or per rater
    k_after = kelengkapan_bawahan(s360, _atasan(st, nip), PERIODE)
    assert list(k_after.columns) == ["nip", "nama", "ditugaskan", "sudah", "belum", "persen"]
    assert fourth not in after and fourth not in k_after.set_index("nip").loc[nip].to_string()
    assert int(k_after.set_index("nip").loc[nip, "sudah"]) == int(k_before.set_index("nip").loc[nip, "sudah"]) + 1


def test_after_close_one_view_and_no_more_answers(setup):
    st, s360, nip, fourth = setup
    s360.simpan(fourth, nip, PERIODE, {a: 5 for a in BERAKHLAK})
    r = tutup_pengumpulan_360(s360, PERIODE, oleh="kepala.sdm")
    assert r["periode"] == PERIODE
    view = usulan_perilaku_360(st, nip, PERIODE)
    assert view["per_nilai"] and "Hanya usulan" in view["keterangan"]
    # the aggregate is final: answers (new or changed) are refused, so no second view differs
    pen = s360.penugasan(PERIODE, nips=[nip])
    for rater in pen["penilai"]:
        with pytest.raises(AccessDenied, match="sudah ditutup"):   # the 360 app shows this message
            s360.simpan(rater, nip, PERIODE, {a: 1 for a in BERAKHLAK})
    assert usulan_perilaku_360(st, nip, PERIODE) == view
    # closing is audited, and final
    audit = s360.riwayat(PERIODE)
    row = audit[audit["kolom"] == "penutupan"]
    assert list(row["oleh"]) == ["kepala.sdm"] and list(row["baru"]) == ["ditutup"]
    with pytest.raises(InputError, match="sudah ditutup"):
        tutup_pengumpulan_360(s360, PERIODE, oleh="kepala.sdm")


def test_groups_below_minimum_stay_hidden_after_close(setup):
    """With the collection closed, a rekan group below the minimum is still withheld (min_penilai)."""
    st, s360, nip, fourth = setup
    keep_one = s360.penugasan(PERIODE, nips=[nip])
    rekan = list(keep_one.loc[keep_one["peran"] == "rekan", "penilai"])
    with st.engine.begin() as con:
        con.execute(sa.delete(jawaban_t).where((jawaban_t.c.nip == nip) & (jawaban_t.c.peran == "rekan")
                                               & jawaban_t.c.penilai.in_(rekan[1:])))
        con.execute(sa.text("INSERT INTO audit_360 (waktu, oleh) VALUES ('t', 'tes')"))
    tutup_pengumpulan_360(s360, PERIODE, oleh="sdm")
    view = usulan_perilaku_360(st, nip, PERIODE)
    assert "kurang dari 3 penilai" in " ".join(view["catatan"])
    assert all(lab != "Rekan Kerja" for lab, _ in view["kelompok"])

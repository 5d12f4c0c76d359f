"""Issue 11 (store rules): a save that does not touch the final ratings must not turn them into an
override without a reason. Attacked through the one service every caller uses
(:func:`kinerja.services.penilaian.simpan_penilaian`), on SQLite and on PostgreSQL (``db_url``)."""

from __future__ import annotations

import dataclasses

import pytest

from kinerja.domain import labels
from kinerja.errors import StaleEditError, ValidationErrors
from kinerja.services.penilaian import hitung_usulan, simpan_penilaian
from kinerja.store.core import Store

from db_backends import db_url, pg_server, pg_template  # noqa: F401  (fixtures)

P = "2026-TW1"
SEMUA_SESUAI = [{"aspek": a, "rating": "sesuai"} for a in labels.BERAKHLAK]


def _rows(lb, faktor):
    """Every indikator's realisasi = target x faktor (0 = nothing achieved)."""
    return [{"rhk_id": r.rhk_id, "iki_id": r.iki_id, "realisasi": float(r.target) * faktor}
            for r in lb.indikator.itertuples()]


def _final_sheet(st):
    """An evaluator and a bawahan whose sheet has final ratings equal to the usulan, saved with no
    alasan, and a realisasi (all targets x faktor) that moves the usulan hasil kerja away from it."""
    ev = st.penilai().sort_values(["jumlah_bawahan", "nip"], ascending=[False, True]).iloc[0]["nip"]
    for nip in st.bawahan(ev, P)["nip"]:
        lb = st.lembar(ev, nip, P)
        if lb.indikator.empty:
            continue
        u = hitung_usulan(lb, [], SEMUA_SESUAI)
        if not u["rating_hasil_kerja"]:
            continue
        for faktor in (0.0, 3.0):
            u2 = hitung_usulan(lb, _rows(lb, faktor), SEMUA_SESUAI)
            if u2["rating_hasil_kerja"] != u["rating_hasil_kerja"]:
                v = simpan_penilaian(st, ev, nip, P, lb.versi, perilaku=SEMUA_SESUAI, penilaian={
                    "rating_hasil_kerja": u["rating_hasil_kerja"], "rating_perilaku": u["rating_perilaku"],
                    "alasan": "", "catatan": "rekomendasi"})
                return ev, nip, st.lembar(ev, nip, P), u, faktor, u2
    pytest.skip("no sheet whose usulan hasil kerja moves with its realisasi")


def test_realisasi_alone_cannot_turn_a_final_rating_into_an_override(db_url):
    st = Store(db_url)
    ev, nip, lb, u, faktor, u2 = _final_sheet(st)
    assert lb.penilaian["rating_hasil_kerja"] == u["rating_hasil_kerja"] and not lb.penilaian["alasan"]
    before = lb.indikator[["rhk_id", "iki_id", "realisasi"]].copy()
    # the attack: only realisasi, which moves the usulan away from the stored final rating
    with pytest.raises(ValidationErrors) as e:
        simpan_penilaian(st, ev, nip, P, lb.versi, realisasi=_rows(lb, faktor))
    msg = str(e.value.errors[0])
    assert "Tuliskan alasan" in msg and "tetapkan rating akhir sesuai usulan" in msg
    assert labels.RATING_LABEL[u2["rating_hasil_kerja"]] in msg  # the new usulan
    assert labels.RATING_LABEL[u["rating_hasil_kerja"]] in msg   # the stored final rating
    assert e.value.errors[0].column == "alasan"
    after = st.lembar(ev, nip, P)  # nothing written
    assert after.versi == lb.versi
    assert after.indikator[["rhk_id", "iki_id", "realisasi"]].equals(before)
    # with a reason, or with the final rating set to the new usulan, the same realisasi is saved
    v = simpan_penilaian(st, ev, nip, P, lb.versi, realisasi=_rows(lb, faktor),
                         penilaian={"alasan": "capaian dinilai bersama tim"})
    assert v == lb.versi + 1 and st.lembar(ev, nip, P).penilaian["alasan"] == "capaian dinilai bersama tim"
    assert st.lembar(ev, nip, P).penilaian["catatan"] == "rekomendasi"  # a partial save keeps the rest
    # removing that reason now is refused (the final rating is an override of the saved data)
    with pytest.raises(ValidationErrors, match="Tuliskan alasan"):
        simpan_penilaian(st, ev, nip, P, v, penilaian={"alasan": ""})
    v = simpan_penilaian(st, ev, nip, P, v, penilaian={"rating_hasil_kerja": u2["rating_hasil_kerja"],
                                                       "alasan": ""})
    assert st.lembar(ev, nip, P).penilaian["rating_hasil_kerja"] == u2["rating_hasil_kerja"]
    # back to the old realisasi in one save that also sets the final rating to the usulan: no reason needed
    old = [{"rhk_id": r.rhk_id, "iki_id": r.iki_id, "realisasi": None if r.realisasi != r.realisasi else r.realisasi}
           for r in before.itertuples()]
    simpan_penilaian(st, ev, nip, P, v, realisasi=old, penilaian={"rating_hasil_kerja": u["rating_hasil_kerja"]})
    assert st.lembar(ev, nip, P).penilaian["rating_hasil_kerja"] == u["rating_hasil_kerja"]


def test_perilaku_alone_cannot_turn_a_final_rating_into_an_override(db_url):
    st = Store(db_url)
    ev, nip, lb, u, _faktor, _u2 = _final_sheet(st)
    buruk = [{"aspek": a, "rating": "di_bawah"} for a in labels.BERAKHLAK]
    u3 = hitung_usulan(lb, [], buruk)
    assert u3["rating_perilaku"] != lb.penilaian["rating_perilaku"]
    with pytest.raises(ValidationErrors, match="usulan rating perilaku kerja menjadi"):
        simpan_penilaian(st, ev, nip, P, lb.versi, perilaku=buruk)
    assert st.lembar(ev, nip, P).versi == lb.versi
    # a save that leaves the usulan where it is needs nothing
    v = simpan_penilaian(st, ev, nip, P, lb.versi, perilaku=[{"aspek": "loyal", "rating": "sesuai",
                                                             "catatan": "tetap"}])
    assert v == lb.versi + 1


def test_stale_save_is_reported_as_stale_not_as_an_override(db_url):
    st = Store(db_url)
    ev, nip, lb, _u, faktor, _u2 = _final_sheet(st)
    simpan_penilaian(st, ev, nip, P, lb.versi, penilaian={"catatan": "tab lain"})
    with pytest.raises(StaleEditError):
        simpan_penilaian(st, ev, nip, P, lb.versi, realisasi=_rows(lb, faktor))


# ------------------------------------------------------------------------------ the cheaper usulan (Simpan speed)

def _usulan_lewat_workspace(lb, realisasi, perilaku, cfg):
    """The usulan the long way: the whole sheet as a workspace, its PeriodeData, one pegawai scored."""
    from kinerja.dataset import subset
    from kinerja.schemes import periode_data
    from kinerja.schemes import permenpanrb_2022 as scheme

    ind = lb.indikator.copy()
    for r in realisasi:
        m = (ind["rhk_id"] == r["rhk_id"]) & (ind["iki_id"] == r["iki_id"])
        ind.loc[m, "realisasi"] = float("nan") if r["realisasi"] is None else r["realisasi"]
    per = lb.perilaku.copy()
    for r in perilaku:
        per.loc[per["aspek"] == r["aspek"], "rating"] = r["rating"]
    full = dataclasses.replace(lb, indikator=ind, perilaku=per)
    data = subset(periode_data(full.workspace(), lb.periode, cfg), [lb.pegawai["nip"]])
    data.penilaian = data.penilaian.iloc[0:0]
    return scheme.score(data, cfg).iloc[0]


def test_usulan_from_the_cached_sheet_data_equals_the_workspace_path(store):
    import random

    from kinerja.schemes import permenpanrb_2022 as scheme
    from kinerja.services import penilaian as svc

    cfg = scheme.config()
    rnd = random.Random(11)
    n = 0
    for ev in list(store.penilai()["nip"])[:3]:
        for nip in list(store.bawahan(ev, P)["nip"])[:3]:
            lb = store.lembar(ev, nip, P)
            for _ in range(3):
                real = [{"rhk_id": r.rhk_id, "iki_id": r.iki_id,
                         "realisasi": rnd.choice([None, 0.0, float(r.target) * rnd.uniform(0.3, 1.6)])}
                        for r in lb.indikator.itertuples() if rnd.random() < 0.6]
                per = [{"aspek": a, "rating": rnd.choice([None, "di_atas", "sesuai", "di_bawah"])}
                       for a in labels.BERAKHLAK if rnd.random() < 0.5]
                want = _usulan_lewat_workspace(lb, real, per, cfg)
                got = scheme.score(svc.data_lembar(lb, real, per, cfg), cfg).iloc[0]
                for c in ("usulan_hasil_kerja", "usulan_perilaku", "perilaku_dinilai", "jumlah_rhk", "rhk_di_atas",
                          "rhk_di_bawah", "alasan_usulan_hasil_kerja"):
                    assert got[c] == want[c], (nip, c)
                assert got["capaian_rata"] == pytest.approx(want["capaian_rata"], nan_ok=True)
                n += 1
            # a changed SKP (content, not version) is scored from new data, never from the cached one
            if len(lb.indikator) and lb.indikator["realisasi"].notna().any():
                lipat = dataclasses.replace(lb, indikator=lb.indikator.assign(target=lb.indikator["target"] * 50))
                a = svc.data_lembar(lb, cfg=cfg).indikator["target_periode"].to_numpy()
                b = svc.data_lembar(lipat, cfg=cfg).indikator["target_periode"].to_numpy()
                assert (b == a * 50).all()
                assert svc.hitung_usulan(lipat, cfg=cfg)["rating_hasil_kerja"] == \
                    _usulan_lewat_workspace(lipat, [], [], cfg)["usulan_hasil_kerja"]
    assert n >= 9

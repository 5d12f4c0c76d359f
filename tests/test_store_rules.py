"""The store's and the services' rules, on SQLite and on PostgreSQL (``db_url``): one snapshot per
sheet, no revert by import, partial saves, the override reason, audit of imports, failed saves."""

from __future__ import annotations

import os
import sqlite3
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja.domain import labels
from kinerja.errors import AccessDenied, SaveFailed, StaleEditError, ValidationErrors
from kinerja.io.files import read_table
from kinerja.services import impor as svc_impor
from kinerja.services.penilaian import baca_realisasi, simpan_penilaian
from kinerja.store.core import Store

from conftest import SAMPLE_CSV
from db_backends import db_url, pg_server, pg_template  # noqa: F401  (fixtures)

P = "2026-TW1"


def _sheet(st, periode=P, i=0):
    """An evaluator, one of their bawahan with realisasi in the periode, and that sheet."""
    pen = st.penilai().sort_values(["jumlah_bawahan", "nip"], ascending=[False, True])
    ev = pen.iloc[0]["nip"]
    nip = st.bawahan(ev, periode)["nip"].iloc[i]
    return ev, nip, st.lembar(ev, nip, periode)


def _value(st, ev, nip, rhk, iki, periode=P):
    ind = st.lembar(ev, nip, periode).indikator.set_index(["rhk_id", "iki_id"])
    return ind.loc[(rhk, iki), "realisasi"]


def _form_rows(lb, **changed):
    """Every indikator row as the form sends it (all rows, changed ones replaced)."""
    out = []
    for r in lb.indikator.itertuples():
        v = changed.get(f"{r.rhk_id}|{r.iki_id}", r.realisasi)
        out.append({"rhk_id": r.rhk_id, "iki_id": r.iki_id, "realisasi": None if v != v else v})
    return out


# ------------------------------------------------------------------------------ issue 11 point 2

def test_lembar_race_reproduction_no_lost_update(db_url):
    """Tab 2 saves 111 while tab 1 is loading; tab 1 then saves another indikator. Before the fix
    tab 1 held the old value under the new versi and its save put the old value back."""
    tab1, tab2 = Store(db_url), Store(db_url)
    ev, nip, lb0 = _sheet(tab1)
    r0, r1 = lb0.indikator.iloc[0], lb0.indikator.iloc[1]
    old = r0.realisasi
    real_frame, fired = tab1._frame, []

    def frame(con, name, where=None):
        out = real_frame(con, name, where)
        if name == "realisasi" and not fired:  # between tab 1's data read and its versi read
            fired.append(1)
            lb2 = tab2.lembar(ev, nip, P)
            assert tab2.simpan(ev, nip, P, lb2.versi, realisasi=[
                {"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 111}]) == lb0.versi + 1
        return out

    tab1._frame = frame
    lb1 = tab1.lembar(ev, nip, P)
    tab1._frame = real_frame
    assert fired
    got = lb1.indikator.set_index(["rhk_id", "iki_id"]).loc[(r0.rhk_id, r0.iki_id), "realisasi"]
    assert got == old and lb1.versi == lb0.versi  # data and versi from the same snapshot
    with pytest.raises(StaleEditError):
        tab1.simpan(ev, nip, P, lb1.versi, realisasi=_form_rows(lb1, **{f"{r1.rhk_id}|{r1.iki_id}": 5}))
    assert _value(tab1, ev, nip, r0.rhk_id, r0.iki_id) == 111


def test_partial_save_keeps_the_other_fields(db_url):
    st = Store(db_url)
    ev, nip, lb = _sheet(st)
    r0 = lb.indikator.iloc[0]
    v = st.simpan(ev, nip, P, lb.versi, penilaian={"rating_hasil_kerja": "sesuai", "rating_perilaku": "di_atas",
                                                    "alasan": "rapat tim", "catatan": "pertahankan"},
                  realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 9, "bukti": "b.pdf",
                              "umpan_balik": "baik"}],
                  perilaku=[{"aspek": "loyal", "rating": "di_atas", "catatan": "teladan"}])
    v = st.simpan(ev, nip, P, v, penilaian={"rating_hasil_kerja": "di_atas", "alasan": "capaian tinggi"},
                  realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 10}],
                  perilaku=[{"aspek": "loyal", "rating": "sesuai"}])
    lb2 = st.lembar(ev, nip, P)
    assert lb2.penilaian == {"rating_hasil_kerja": "di_atas", "rating_perilaku": "di_atas",
                             "alasan": "capaian tinggi", "catatan": "pertahankan"}
    row = lb2.indikator.set_index(["rhk_id", "iki_id"]).loc[(r0.rhk_id, r0.iki_id)]
    assert (row["realisasi"], row["bukti"], row["umpan_balik"]) == (10, "b.pdf", "baik")
    per = lb2.perilaku.set_index("aspek").loc["loyal"]
    assert (per["rating"], per["catatan"]) == ("sesuai", "teladan")


# ------------------------------------------------------------------------------ the override reason

def test_store_refuses_an_override_without_a_reason_from_any_caller(db_url):
    st = Store(db_url)
    ev, nip, lb = _sheet(st)
    pen = {"rating_hasil_kerja": "di_atas", "rating_perilaku": "sesuai"}
    before = st.lembar(ev, nip, P).penilaian
    with pytest.raises(ValidationErrors, match="alasan"):  # no usulan known: a reason is needed
        st.simpan(ev, nip, P, lb.versi, penilaian=pen)
    with pytest.raises(ValidationErrors, match="berbeda dari usulan"):
        st.simpan(ev, nip, P, lb.versi, penilaian=pen, usulan={"rating_hasil_kerja": "sesuai",
                                                              "rating_perilaku": "sesuai"})
    assert st.lembar(ev, nip, P).penilaian == before and st.lembar(ev, nip, P).versi == lb.versi
    v = st.simpan(ev, nip, P, lb.versi, penilaian=pen, usulan={"rating_hasil_kerja": "di_atas",
                                                              "rating_perilaku": "sesuai"})
    assert v == lb.versi + 1
    # and a save that removes the reason from an override is refused too
    with pytest.raises(ValidationErrors):
        st.simpan(ev, nip, P, v, penilaian={"alasan": ""}, usulan={"rating_hasil_kerja": "sesuai",
                                                                 "rating_perilaku": "sesuai"})


def test_service_computes_the_usulan_and_needs_a_reason_only_for_an_override(db_url):
    st = Store(db_url)
    ev, nip, lb = _sheet(st)
    per = [{"aspek": a, "rating": "sesuai"} for a in labels.BERAKHLAK]
    from kinerja.services.penilaian import hitung_usulan

    u = hitung_usulan(lb, [], per)
    assert u["rating_perilaku"] == "sesuai"
    other = next(c for c in labels.RATING_LABEL if c != u["rating_hasil_kerja"])
    with pytest.raises(ValidationErrors, match="berbeda dari usulan"):
        simpan_penilaian(st, ev, nip, P, lb.versi, perilaku=per,
                         penilaian={"rating_hasil_kerja": other, "rating_perilaku": "sesuai"})
    v = simpan_penilaian(st, ev, nip, P, lb.versi, perilaku=per, oleh="budi (198001012005011001)",
                         penilaian={"rating_hasil_kerja": u["rating_hasil_kerja"], "rating_perilaku": "sesuai",
                                    "catatan": "dibahas bersama budi"})  # a change, so the audit names budi
    v = simpan_penilaian(st, ev, nip, P, v, penilaian={"rating_hasil_kerja": other, "rating_perilaku": "sesuai",
                                                       "alasan": "tugas tambahan besar"})
    assert st.lembar(ev, nip, P).penilaian["rating_hasil_kerja"] == other
    aud = st.riwayat(nip=nip, periode=P)
    assert "budi (198001012005011001)" in set(aud["oleh"])
    # scope is the service's answer too
    with pytest.raises(AccessDenied):
        simpan_penilaian(st, ev, ev, P, 0, perilaku=per)


def test_service_reads_a_thousands_dot_near_the_target(db_url):
    assert baca_realisasi("2.530", target=2400) == 2530   # never silently 1000x off
    assert baca_realisasi("2530", target=2400) == 2530 and baca_realisasi("2,530", target=2.4) == 2.53
    assert baca_realisasi("1.250", target=1.5) == 1.25  # the decimal reading is the one near the target
    assert baca_realisasi("1.250.000") == 1250000
    assert baca_realisasi("87,5") == 87.5
    with pytest.raises(Exception, match="bukan angka"):
        baca_realisasi("abc")
    # through the service: saved as the Indonesian number
    st = Store(db_url)
    ev = _sheet(st)[0]
    for nip in st.bawahan(ev, P)["nip"]:
        lb = st.lembar(ev, nip, P)
        big = lb.indikator[(lb.indikator["target"] >= 1000) & (lb.indikator["target"] < 1e6)]
        if len(big):
            break
    else:
        pytest.skip("no indikator with a target in the thousands")
    r = big.iloc[0]
    typed = f"{int(r.target):,}".replace(",", ".")  # e.g. 2.400 for a target of 2400
    simpan_penilaian(st, ev, nip, P, lb.versi, realisasi=[{"rhk_id": r.rhk_id, "iki_id": r.iki_id,
                                                           "realisasi": typed}])
    after = st.lembar(ev, nip, P).indikator.set_index(["rhk_id", "iki_id"]).loc[(r.rhk_id, r.iki_id), "realisasi"]
    assert after == r.target


# ------------------------------------------------------------------------------ imports (issue 11 point 3)

def _realisasi_file(tmp_path, nip, rhk, iki, value, periode=P, only_row=False):
    df = read_table(SAMPLE_CSV / "realisasi.csv")
    m = (df["periode"] == periode) & (df["nip"] == nip) & (df["rhk_id"] == rhk) & (df["iki_id"] == iki)
    assert m.sum() == 1
    df.loc[m, "realisasi"] = str(value)
    if only_row:
        df = df[m]
    f = tmp_path / "realisasi.csv"
    df.to_csv(f, index=False)
    return f


def test_a_save_made_while_an_import_runs_is_never_reverted(db_url, tmp_path):
    st_imp, st_form = Store(db_url), Store(db_url)
    ev, nip, lb = _sheet(st_form)
    r0 = lb.indikator.iloc[0]
    f = _realisasi_file(tmp_path, nip, r0.rhk_id, r0.iki_id, 5555)
    inside, go, out, saved = threading.Event(), threading.Event(), [], []

    def locked(con):
        inside.set()
        assert go.wait(60)

    st_imp._import_locked = locked
    t = threading.Thread(target=lambda: out.append(svc_impor.impor(st_imp, [f], oleh="hr-sari")))
    t.start()
    assert inside.wait(60)  # the import holds the write lock and has read nothing yet

    def save():
        try:
            saved.append(st_form.simpan(ev, nip, P, lb.versi, realisasi=[
                {"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 111}]))
        except StaleEditError as exc:
            saved.append(exc)

    s = threading.Thread(target=save)
    s.start()
    go.set()
    t.join(60)
    s.join(60)
    assert out and out[0].perubahan["realisasi"]["ubah"] == 1
    # the save waited for the import, then found its sheet changed: reported stale, not applied
    assert isinstance(saved[0], StaleEditError)
    assert _value(st_form, ev, nip, r0.rhk_id, r0.iki_id) == 5555
    # now the evaluator saves 111; the same import prepared before is applied after: konflik, kept
    plan = svc_impor.rencana(st_imp, [_realisasi_file(tmp_path, nip, r0.rhk_id, r0.iki_id, 7777)])
    assert plan.perubahan["realisasi"]["ubah"] == 1 and not plan.konflik
    lb2 = st_form.lembar(ev, nip, P)
    st_form.simpan(ev, nip, P, lb2.versi, realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 111}])
    st_imp._import_locked = lambda con: None
    res = svc_impor.impor(st_imp, [tmp_path / "realisasi.csv"], oleh="hr-sari")
    assert len(res.konflik) == 1 and res.konflik[0]["nip"] == nip and res.konflik[0]["baru"] == "7777"
    assert _value(st_form, ev, nip, r0.rhk_id, r0.iki_id) == 111


def test_import_keeps_app_entered_values_unless_asked_and_plans_row_by_row(db_url, tmp_path):
    st = Store(db_url)
    ev, nip, lb = _sheet(st)
    r0, r1 = lb.indikator.iloc[0], lb.indikator.iloc[1]
    st.simpan(ev, nip, P, lb.versi, realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 42}])
    f = _realisasi_file(tmp_path, nip, r0.rhk_id, r0.iki_id, 4200)
    before = {k: v.to_csv(index=False) for k, v in st.raw_frames().items()}
    plan = svc_impor.impor(st, [f], oleh="hr", dry_run=True)
    assert not plan.diterapkan and plan.konflik and plan.konflik[0]["lama"] == "42"
    assert {k: v.to_csv(index=False) for k, v in st.raw_frames().items()} == before  # dry run wrote nothing
    res = svc_impor.impor(st, [f], oleh="hr")
    assert res.perubahan["realisasi"]["konflik"] == 1 and _value(st, ev, nip, r0.rhk_id, r0.iki_id) == 42
    res = svc_impor.impor(st, [f], oleh="hr", timpa=True)
    assert _value(st, ev, nip, r0.rhk_id, r0.iki_id) == 4200
    # a file with one row merges: nothing else is deleted; --ganti replaces, limited to the files given
    one = _realisasi_file(tmp_path, nip, r1.rhk_id, r1.iki_id, 3, only_row=True)
    n_real = len(st.raw_frames()["realisasi"])
    res = svc_impor.impor(st, [one], oleh="hr")
    assert res.dihapus == 0 and len(st.raw_frames()["realisasi"]) == n_real
    # the evaluator saves r0 again (the import overwrote it with --timpa): --ganti must not delete it
    st.simpan(ev, nip, P, st.lembar(ev, nip, P).versi,
              realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 43}])
    plan = svc_impor.impor(st, [one], oleh="hr", ganti=True, dry_run=True)
    assert plan.dihapus == n_real - 1 - 1  # every other row but the app-saved one (konflik)
    assert plan.perubahan["realisasi"]["konflik"] == 1 and {r["kunci"] for r in plan.konflik} == {f"{r0.rhk_id}/{r0.iki_id}"}
    n_skp = len(st.raw_frames()["skp"])
    res = svc_impor.impor(st, [one], oleh="hr", ganti=True)
    assert len(st.raw_frames()["realisasi"]) == 2 and len(st.raw_frames()["skp"]) == n_skp


def test_import_of_a_target_change_is_audited_with_the_person(db_url, tmp_path):
    st = Store(db_url)
    df = read_table(SAMPLE_CSV / "skp.csv")
    i = df.index[pd.to_numeric(df["target"], errors="coerce") > 0][0]
    df.loc[i, "target"] = "24000"
    f = tmp_path / "skp.csv"
    df.to_csv(f, index=False)
    res = svc_impor.impor(st, [f], oleh="sari.hr")
    assert res.perubahan["skp"]["ubah"] == 1
    aud = st.riwayat(nip=df.loc[i, "nip"])
    row = aud[(aud["tabel"] == "skp") & (aud["kolom"] == "target")].iloc[-1]
    assert (row["oleh"], row["baru"]) == ("sari.hr", "24000")
    # the first load of every table is in the audit too, with who loaded it
    with st.engine.connect() as con:
        first = con.execute(sa.text("select oleh, kolom, baru from audit where tabel='pegawai' and kolom='*'")).all()
    assert first and first[0][2].endswith("baris dimuat")
    with pytest.raises(AccessDenied):  # no identity, no import
        svc_impor.impor(st, [f], oleh="")


def test_one_import_is_one_transaction_over_all_its_files(db_url, tmp_path):
    st = Store(db_url)
    before = {k: v.to_csv(index=False) for k, v in st.raw_frames().items()}
    good = tmp_path / "good"
    good.mkdir()
    df = read_table(SAMPLE_CSV / "skp.csv")
    df.loc[0, "target"] = "999"
    df.to_csv(good / "skp.csv", index=False)
    bad = tmp_path / "realisasi.csv"
    bad.write_text("periode,nip,rhk_id,iki_id,realisasi,bukti,umpan_balik\n2026-TW1,1,RHK-1,1.1,-5,,\n")
    with pytest.raises(ValidationErrors):
        svc_impor.impor(st, [good, bad], oleh="hr")
    assert {k: v.to_csv(index=False) for k, v in st.raw_frames().items()} == before


# ------------------------------------------------------------------------------ failed saves (point 4)

def _hold_write_lock(db_url):
    """Another client holding the write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory lock)."""
    from kinerja.store.engine import _PG_LOCK_KEY, sqlite_path

    if db_url.startswith("sqlite"):
        con = sqlite3.connect(sqlite_path(db_url), isolation_level=None)
        con.execute("BEGIN IMMEDIATE")
        return lambda: (con.execute("ROLLBACK"), con.close())
    eng = sa.create_engine(db_url)
    con = eng.connect()
    con.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
    return lambda: (con.close(), eng.dispose())


def _form(st):
    from kinerja.ui.form import FormPenilaian

    ev = st.penilai().sort_values(["jumlah_bawahan", "nip"], ascending=[False, True]).iloc[0]["nip"]
    app = FormPenilaian(st, penilai=ev, periode="2026-TW2")
    app.unit_jeda = 3600
    app.w_alasan.value = "alasan tertulis"  # the sample's imported final ratings may differ from the usulan
    return app


def test_form_shows_busy_database_and_keeps_the_typed_values(db_url):
    st = Store(db_url, busy_timeout=0.3)
    app = _form(st)
    key = next(iter(app.w_real))
    app.w_real[key].value = "12,5"
    assert app.simpan() is True and "Tersimpan" in app.pesan.teks
    app.w_real[key].value = "13,5"
    app.w_catatan["loyal"].value = "isian baru"
    release = _hold_write_lock(db_url)
    try:
        assert app.simpan() is False
    finally:
        release()
    assert app.pesan.jenis == "salah" and app.pesan.teks.startswith("Gagal menyimpan: basis data sedang sibuk")
    assert "Tersimpan" not in app.pesan.widget.value
    assert app.w_real[key].value == "13,5" and app.w_catatan["loyal"].value == "isian baru"
    assert app.simpan() is True  # once the lock is gone the same values save
    assert _value(st, app.penilai, app.lembar.pegawai["nip"], key[0], key[1], "2026-TW2") == 13.5


def test_form_shows_read_only_database(db_url, tmp_path):
    if db_url.startswith("sqlite"):
        from kinerja.store.engine import sqlite_path

        ro = f"sqlite:///file:{sqlite_path(db_url)}?mode=ro&uri=true"
    else:
        name = sa.engine.make_url(db_url).database
        eng = sa.create_engine(db_url, isolation_level="AUTOCOMMIT")
        with eng.connect() as con:
            con.execute(sa.text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        eng.dispose()
        ro = db_url
    app = _form(Store(ro))
    key = next(iter(app.w_real))
    app.w_real[key].value = "7"
    assert app.simpan() is False
    assert app.pesan.teks.startswith("Gagal menyimpan: basis data hanya dapat dibaca"), app.pesan.teks
    assert app.w_real[key].value == "7"


def test_360_service_reports_a_busy_database(db_url):
    from kinerja.services.kuesioner import simpan_kuesioner
    from kinerja.store.store_360 import dari_store

    st = Store(db_url, busy_timeout=0.3)
    s360 = dari_store(st)
    pen = s360.penugasan()
    if not len(pen):
        pytest.skip("sample has no 360 assignments")
    r = pen.iloc[0]
    release = _hold_write_lock(db_url)
    try:
        with pytest.raises(SaveFailed, match="sibuk"):
            simpan_kuesioner(s360, r["penilai"], r["nip"], r["periode"], {a: 4 for a in labels.BERAKHLAK})
    finally:
        release()


# ------------------------------------------------------------------------------ files and backup

def test_sqlite_database_and_its_wal_files_are_owner_only(tmp_path, sample_ws):
    old = os.umask(0o022)
    try:
        st = Store(f"sqlite:///{tmp_path / 'kinerja.db'}")
        st.init_from(sample_ws, oleh="tes")
        with st.engine.connect() as con:  # keep WAL and SHM open
            con.execute(sa.text("select 1")).all()
            for name in ("kinerja.db", "kinerja.db-wal", "kinerja.db-shm"):
                p = tmp_path / name
                assert p.exists(), name
                assert p.stat().st_mode & 0o777 == 0o600, (name, oct(p.stat().st_mode))
        out = st.backup(tmp_path / "b.db")
        assert out.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # SQLite backup: test_store.py
def test_backup_on_postgresql_says_pg_dump(db_url):
    from kinerja.errors import KinerjaError

    with pytest.raises(KinerjaError, match="pg_dump"):
        Store(db_url).backup("x.db")


def test_import_keeps_a_360_answer_saved_by_its_rater(db_url, tmp_path):
    from kinerja.services.kuesioner import simpan_kuesioner
    from kinerja.store.store_360 import dari_store

    st = Store(db_url)
    s360 = dari_store(st)
    df = read_table(SAMPLE_CSV / "umpan_balik_360.csv")
    r = df.iloc[0]
    k = s360.kuesioner(r["penilai"], r["nip"], r["periode"])
    skor = {a: 2 for a in labels.BERAKHLAK}
    simpan_kuesioner(s360, r["penilai"], r["nip"], r["periode"], skor, versi=k["versi"])
    m = (df["nip"] == r["nip"]) & (df["penilai"] == r["penilai"]) & (df["periode"] == r["periode"])
    df.loc[m, "skor"] = "5"
    f = tmp_path / "umpan_balik_360.csv"
    df.to_csv(f, index=False)
    res = svc_impor.impor(st, [f], oleh="hr")
    assert res.perubahan["umpan_balik_360"]["konflik"] == m.sum()
    assert s360.kuesioner(r["penilai"], r["nip"], r["periode"])["skor"] == skor

"""kinerja.store.core: init/import/export rules, audit, optimistic concurrency, scope, migrations, backup."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja.errors import AccessDenied, StaleEditError, ValidationErrors
from kinerja.io.files import load_workspace, read_table
from kinerja.store.core import HEAD, Store, build_metadata

from conftest import SAMPLE_CSV


def _evaluator_with_bawahan(st):
    pen = st.penilai()
    row = pen.sort_values(["jumlah_bawahan", "nip"], ascending=[False, True]).iloc[0]
    return row["nip"]


def _snapshot(st):
    return {k: v.to_csv(index=False) for k, v in st.raw_frames().items()}


def test_init_round_trips_every_file(store, sample_ws):
    ws = store.to_workspace()
    for name, df in sample_ws.tables().items():
        pd.testing.assert_frame_equal(ws[name].reset_index(drop=True), df.reset_index(drop=True), check_dtype=False)
    assert store.revision() == HEAD


def test_sqlite_is_wal_with_busy_timeout(store):
    with store.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert con.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_reimport_same_file_is_noop(store):
    before = _snapshot(store)
    with store.engine.connect() as con:
        n_impor = con.execute(sa.text("select count(*) from impor")).scalar()
        versions = con.execute(sa.text("select * from lembar order by nip, periode")).all()
    res = store.import_files([SAMPLE_CSV / "skp.csv", SAMPLE_CSV / "realisasi.csv"])
    assert res.kosong and "Tidak ada perubahan" in res.ringkasan()
    assert _snapshot(store) == before
    with store.engine.connect() as con:
        assert con.execute(sa.text("select count(*) from impor")).scalar() == n_impor
        assert con.execute(sa.text("select * from lembar order by nip, periode")).all() == versions


def test_reimport_with_labels_instead_of_codes_is_noop(store, tmp_path):
    """A perilaku file that writes the BerAKHLAK value as its label ("Akuntabel", "Berorientasi
    Pelayanan") names the same rows as the stored codes: the merge keys are normalised by the same
    converters as validation (it used to report a false 'duplikat' at a negative row)."""
    import pandas as pd

    from kinerja.domain import labels

    before = _snapshot(store)
    df = pd.read_csv(SAMPLE_CSV / "perilaku.csv", dtype=str, keep_default_na=False)
    df["aspek"] = df["aspek"].map(lambda a: labels.BERAKHLAK[a][0] if a in labels.BERAKHLAK else a)
    assert (df["aspek"] == "Akuntabel").any()
    df.to_csv(tmp_path / "perilaku.csv", index=False)
    res = store.import_files([tmp_path / "perilaku.csv"])
    assert res.kosong
    assert _snapshot(store) == before


def test_invalid_import_changes_nothing_and_reports_row_and_column(store, tmp_path):
    before = _snapshot(store)
    df = read_table(SAMPLE_CSV / "skp.csv")
    df.loc[3, "target"] = "abc"
    df.loc[5, "nip"] = "123"
    bad = tmp_path / "skp.csv"
    df.to_csv(bad, index=False)
    with pytest.raises(ValidationErrors) as ei:
        store.import_files([bad])
    errs = {(e.row, e.column) for e in ei.value.errors}
    assert (5, "target") in errs and (7, "nip") in errs
    assert all(e.file == str(bad) for e in ei.value.errors if (e.row, e.column) in {(5, "target"), (7, "nip")})
    assert _snapshot(store) == before


def test_changed_file_is_validated_against_the_rest(store, tmp_path):
    """Removing (--ganti) an RHK that realisasi refers to is refused (cross-file check with base=current)."""
    df = read_table(SAMPLE_CSV / "skp.csv")
    used = read_table(SAMPLE_CSV / "realisasi.csv").iloc[0]
    df = df[~((df["nip"] == used["nip"]) & (df["rhk_id"] == used["rhk_id"]))]
    f = tmp_path / "skp.csv"
    df.to_csv(f, index=False)
    before = _snapshot(store)
    with pytest.raises(ValidationErrors):
        store.import_files([f], ganti=True)
    assert _snapshot(store) == before
    assert store.import_files([f]).kosong  # the default merges: a row missing from the file is kept


def test_changed_import_applies_and_audits(store, tmp_path):
    df = read_table(SAMPLE_CSV / "realisasi.csv")
    old = df.loc[0, "realisasi"]
    df.loc[0, "realisasi"] = "777"
    f = tmp_path / "realisasi.csv"
    df.to_csv(f, index=False)
    res = store.import_files([f], oleh="hr")
    assert res.perubahan["realisasi"] == {"tambah": 0, "ubah": 1, "hapus": 0, "konflik": 0}
    aud = store.riwayat(nip=df.loc[0, "nip"])
    last = aud.iloc[-1]
    assert (last["oleh"], last["kolom"], last["baru"]) == ("hr", "realisasi", "777")
    assert float(last["lama"]) == pytest.approx(float(old))
    assert store.import_files([f]).kosong  # and again: no-op


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(store, tmp_path, fmt):
    store.export(tmp_path / "out", fmt)
    before = _snapshot(store)
    files = sorted((tmp_path / "out").glob("*.csv" if fmt == "csv" else "*.xlsx"))
    res = store.import_files(files)
    assert res.kosong
    assert _snapshot(store) == before
    assert load_workspace(tmp_path / "out").pegawai.shape[0] == 40


def test_simpan_writes_audits_and_bumps_version(store):
    ev = _evaluator_with_bawahan(store)
    nip = store.bawahan(ev, "2026-TW2")["nip"].iloc[0]
    lb = store.lembar(ev, nip, "2026-TW2")
    r0 = lb.indikator.iloc[0]
    v = store.simpan(ev, nip, "2026-TW2", lb.versi,
                     realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": "12,5", "bukti": "http://x",
                                 "umpan_balik": "baik"}],
                     perilaku=[{"aspek": "kolaboratif", "rating": "Di Atas Ekspektasi", "catatan": "teladan"}],
                     penilaian={"rating_hasil_kerja": "sesuai", "rating_perilaku": "di_atas", "alasan": "x"})
    assert v == lb.versi + 1
    lb2 = store.lembar(ev, nip, "2026-TW2")
    assert lb2.versi == v
    assert lb2.indikator.iloc[0]["realisasi"] == 12.5
    assert lb2.perilaku.set_index("aspek").loc["kolaboratif", "rating"] == "di_atas"
    assert lb2.penilaian["rating_perilaku"] == "di_atas"
    aud = store.riwayat(nip=nip, periode="2026-TW2")
    assert set(aud["oleh"]) == {ev}
    row = aud[(aud["tabel"] == "realisasi") & (aud["kolom"] == "realisasi")].iloc[-1]
    assert row["baru"] == "12.5" and row["lama"] is not None
    # saving the same values again writes no audit rows
    n = len(store.riwayat())
    store.simpan(ev, nip, "2026-TW2", v, perilaku=[{"aspek": "kolaboratif", "rating": "di_atas", "catatan": "teladan"}])
    assert len(store.riwayat()) == n


def test_stale_save_is_refused_and_writes_nothing(store):
    ev = _evaluator_with_bawahan(store)
    nip = store.bawahan(ev, "2026-TW3")["nip"].iloc[0]
    lb = store.lembar(ev, nip, "2026-TW3")
    store.simpan(ev, nip, "2026-TW3", lb.versi, perilaku=[{"aspek": "loyal", "rating": "di_atas"}])
    before = _snapshot(store)
    n = len(store.riwayat())
    with pytest.raises(StaleEditError, match="sudah diubah"):
        store.simpan(ev, nip, "2026-TW3", lb.versi, perilaku=[{"aspek": "loyal", "rating": "di_bawah"}])
    assert _snapshot(store) == before and len(store.riwayat()) == n


def test_invalid_values_are_refused(store):
    ev = _evaluator_with_bawahan(store)
    nip = store.bawahan(ev, "2026")["nip"].iloc[0]
    lb = store.lembar(ev, nip, "2026")
    r0 = lb.indikator.iloc[0]
    before = _snapshot(store)
    for bad in ("abc", -1):
        with pytest.raises(ValidationErrors):
            store.simpan(ev, nip, "2026", lb.versi, realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": bad}])
    with pytest.raises(ValidationErrors):
        store.simpan(ev, nip, "2026", lb.versi, penilaian={"rating_hasil_kerja": "luar biasa"})
    assert _snapshot(store) == before


def test_scope_other_units_pegawai_cannot_be_read_or_written(store):
    ev = _evaluator_with_bawahan(store)
    mine = set(store.bawahan(ev, "2026")["nip"])
    peg = store.to_workspace().pegawai
    ev_unit = peg.set_index("nip").loc[ev, "unit"]
    other = peg[(peg["unit"] != ev_unit) & ~peg["nip"].isin(mine)]["nip"].iloc[0]
    with pytest.raises(AccessDenied):
        store.lembar(ev, other, "2026")
    before = _snapshot(store)
    with pytest.raises(AccessDenied):
        store.simpan(ev, other, "2026", 0, perilaku=[{"aspek": "loyal", "rating": "di_bawah"}])
    with pytest.raises(AccessDenied):  # nor their own sheet
        store.lembar(ev, ev, "2026")
    with pytest.raises(AccessDenied):  # an indikator that is not in the bawahan's SKP
        store.simpan(ev, next(iter(mine)), "2026", store.lembar(ev, next(iter(mine)), "2026").versi,
                     realisasi=[{"rhk_id": "RHK-99", "iki_id": "9.9", "realisasi": 1}])
    assert _snapshot(store) == before
    assert set(store.workspace_bawahan(ev, "2026").pegawai["nip"]) == mine


def test_status_belum_sebagian_selesai(store):
    ev = _evaluator_with_bawahan(store)
    b = store.bawahan(ev, "2026-S1")  # no data for the semester yet
    assert set(b["status"]) == {"belum"}
    nip = b["nip"].iloc[0]
    lb = store.lembar(ev, nip, "2026-S1")
    rows = [{"rhk_id": r.rhk_id, "iki_id": r.iki_id, "realisasi": 10} for r in lb.indikator.itertuples()]
    v = store.simpan(ev, nip, "2026-S1", lb.versi, realisasi=rows[:1])
    assert store.bawahan(ev, "2026-S1").set_index("nip").loc[nip, "status"] == "sebagian"
    from kinerja.domain import labels

    store.simpan(ev, nip, "2026-S1", v, realisasi=rows,
                 perilaku=[{"aspek": a, "rating": "sesuai"} for a in labels.BERAKHLAK],
                 penilaian={"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"},
                 usulan={"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai"})
    assert store.bawahan(ev, "2026-S1").set_index("nip").loc[nip, "status"] == "selesai"


def test_migration_head_matches_runtime_metadata(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    st = Store(f"sqlite:///{tmp_path / 'k.db'}")
    with st.engine.connect() as con:
        diff = compare_metadata(MigrationContext.configure(con), build_metadata())
    assert diff == [], "schema changed without a migration: " + repr(diff)


def test_older_database_is_upgraded_in_place(tmp_path):
    """A database that has only the 360 tables (created earlier by store_360) and no version."""
    from kinerja.store.store_360 import Store360

    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store360(url)
    assert not sa.inspect(sa.create_engine(url)).has_table("pegawai")
    st = Store(url)
    assert st.revision() == HEAD
    assert sa.inspect(st.engine).has_table("pegawai") and st.is_empty()


def test_backup_while_a_reader_is_open(store, tmp_path):
    con = store.engine.connect()
    con.begin()  # a real BEGIN (kinerja.store.engine sends it): the reader holds a snapshot
    con.exec_driver_sql("SELECT count(*) FROM realisasi").scalar()
    try:
        out = store.backup(tmp_path / "cadangan" / "k.db")
    finally:
        con.rollback()
        con.close()
    copy = sqlite3.connect(out)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM realisasi").fetchone()[0] == len(store.to_workspace().realisasi)
    copy.close()

"""kinerja init / import / export / backup on the command line."""

from __future__ import annotations

import shutil

from kinerja.cli import main

from conftest import SAMPLE_CSV
from db_backends import pg_server  # noqa: F401  (fixture)


def test_init_import_export_backup(tmp_path, capsys):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    assert main(["init", str(ws)]) == 0
    assert (ws / "kinerja.db").is_file()
    assert main(["import", str(ws), str(ws / "skp.csv")]) == 0
    assert "Tidak ada perubahan" in capsys.readouterr().out
    assert main(["export", str(ws), "--out", str(tmp_path / "out")]) == 0
    assert main(["import", str(ws), *map(str, sorted((tmp_path / "out").glob("*.csv")))]) == 0
    assert "Tidak ada perubahan" in capsys.readouterr().out
    assert main(["backup", str(ws), "--out", str(tmp_path / "b.db")]) == 0
    assert (tmp_path / "b.db").stat().st_size > 0


def test_invalid_import_exits_2_without_traceback(tmp_path, capsys):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    assert main(["init", str(ws)]) == 0
    bad = tmp_path / "realisasi.csv"
    bad.write_text("periode,nip,rhk_id,iki_id,realisasi,bukti,umpan_balik\n2026-TW1,1,RHK-1,1.1,-5,,\n")
    assert main(["import", str(ws), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "Tidak ada data yang dimuat" in err and "Traceback" not in err
    assert "baris 2" in err


def test_commands_need_a_database(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "kinerja init" in capsys.readouterr().err


def test_failed_init_leaves_nothing_behind(tmp_path, capsys):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    text = (ws / "skp.csv").read_text(encoding="utf-8").splitlines()
    cols = text[1].split(",")
    cols[10] = "abc"  # target
    text[1] = ",".join(cols)
    (ws / "skp.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert main(["init", str(ws)]) == 2
    assert "Tidak ada data yang dimuat" in capsys.readouterr().err
    assert not [p.name for p in ws.iterdir() if p.name.startswith("kinerja.db")]


def test_import_dry_run_shows_rows_and_konflik_then_import_keeps_the_app_value(tmp_path, capsys):
    from kinerja.store.core import Store

    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    assert main(["init", str(ws), "--oleh", "sari"]) == 0
    st = Store(f"sqlite:///{ws / 'kinerja.db'}")
    ev = st.penilai().sort_values(["jumlah_bawahan", "nip"], ascending=[False, True]).iloc[0]["nip"]
    nip = st.bawahan(ev, "2026-TW1")["nip"].iloc[0]
    lb = st.lembar(ev, nip, "2026-TW1")
    r0 = lb.indikator.iloc[0]
    st.simpan(ev, nip, "2026-TW1", lb.versi, realisasi=[{"rhk_id": r0.rhk_id, "iki_id": r0.iki_id, "realisasi": 42}])
    f = tmp_path / "realisasi.csv"
    f.write_text("periode,nip,rhk_id,iki_id,realisasi,bukti,umpan_balik\n"
                 f"2026-TW1,{nip},{r0.rhk_id},{r0.iki_id},4200,,\n")
    capsys.readouterr()
    assert main(["import", str(ws), str(f), "--dry-run", "--oleh", "sari"]) == 0
    out = capsys.readouterr().out
    assert "konflik" in out and f"{nip} | {r0.rhk_id}/{r0.iki_id} | realisasi | 42 -> 4200" in out
    assert "belum ada yang ditulis" in out
    assert st.lembar(ev, nip, "2026-TW1").indikator.iloc[0]["realisasi"] == 42
    assert main(["import", str(ws), str(f), "--oleh", "sari"]) == 0
    assert "--timpa" in capsys.readouterr().out
    assert st.lembar(ev, nip, "2026-TW1").indikator.iloc[0]["realisasi"] == 42
    assert main(["import", str(ws), str(f), "--oleh", "sari", "--timpa"]) == 0
    assert st.lembar(ev, nip, "2026-TW1").indikator.iloc[0]["realisasi"] == 4200
    aud = st.riwayat(nip=nip, periode="2026-TW1")
    assert aud["oleh"].iloc[-1] == "sari"


def test_import_prints_warnings_apart_from_errors(tmp_path, capsys):
    """An imported final rating that overrides the usulan without a reason is accepted, with a warning."""
    import pandas as pd

    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    assert main(["init", str(ws)]) == 0
    pen = pd.read_csv(ws / "penilaian.csv", dtype=str, keep_default_na=False)
    i = pen.index[pen["alasan"] != ""][0]
    pen.loc[i, "alasan"] = ""
    f = tmp_path / "penilaian.csv"
    pen.to_csv(f, index=False)
    capsys.readouterr()
    assert main(["import", str(ws), str(f)]) == 0
    cap = capsys.readouterr()
    head, _, warn = cap.out.partition("Peringatan (1):")
    assert "Data dimuat" in head and pen.loc[i, "nip"] in warn and "tanpa alasan" in warn
    assert cap.err == ""


def test_init_and_backup_on_postgresql(tmp_path, capsys, pg_server):
    import uuid

    import sqlalchemy as sa

    name = "kinerja_cli_" + uuid.uuid4().hex[:8]
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    try:
        assert main(["init", str(tmp_path / "ws"), "--from", str(SAMPLE_CSV), "--db", url]) == 0
        assert "pegawai: 40 baris baru" in capsys.readouterr().out
        assert not (tmp_path / "ws" / "kinerja.db").exists()
        assert main(["backup", str(tmp_path / "ws"), "--db", url]) == 1
        assert "pg_dump" in capsys.readouterr().err
        assert main(["export", str(tmp_path / "ws"), "--db", url, "--out", str(tmp_path / "out")]) == 0
        assert (tmp_path / "out" / "pegawai.csv").is_file()
    finally:
        with admin.connect() as con:
            con.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

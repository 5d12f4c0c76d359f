"""kinerja init / import / export / backup on the command line."""

from __future__ import annotations

import shutil

from kinerja.cli import main

from conftest import SAMPLE_CSV


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

"""An import killed part-way leaves the database unchanged. (Concurrent saves: test_store_load.py;
the save/import interleavings: test_store_rules.py.)"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

from kinerja.store.core import Store

KILLED = textwrap.dedent("""
    import sys
    from kinerja.store.core import Store
    url, folder = sys.argv[1:3]
    st = Store(url)
    def pause(con, result, ws):
        print("ditulis " + ",".join(n for n, v in result.perubahan.items() if v["ubah"]), flush=True)
        sys.stdin.readline()  # wait here, inside the open transaction, until killed
    st._after_import = pause
    from kinerja.io.files import load_workspace
    st.init_from(load_workspace(folder), oleh="akan-dibunuh")
""")


@pytest.fixture
def db(tmp_path, sample_ws):
    path = tmp_path / "kinerja.db"
    st = Store(f"sqlite:///{path}")
    st.init_from(sample_ws)
    st.engine.dispose()
    return path


def test_sigkill_mid_import_leaves_database_unchanged(db, tmp_path, sample_ws):
    # a changed workspace: every realisasi and perilaku row differs
    src = tmp_path / "baru"
    from kinerja.io.files import write_workspace

    ws = sample_ws
    real = ws.realisasi.assign(realisasi=ws.realisasi["realisasi"] + 1)
    from dataclasses import replace

    write_workspace(replace(ws, realisasi=real), src)
    url = f"sqlite:///{db}"
    before = {k: v.to_csv(index=False) for k, v in Store(url).raw_frames().items()}
    script = tmp_path / "killed.py"
    script.write_text(KILLED)
    p = subprocess.Popen([sys.executable, str(script), url, str(src)], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert line.startswith("ditulis realisasi"), line
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    st = Store(url)
    with st.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert {k: v.to_csv(index=False) for k, v in st.raw_frames().items()} == before
    assert st.riwayat()["oleh"].eq("akan-dibunuh").sum() == 0
    # and the same import, not interrupted, goes through
    assert not st.import_files(sorted(src.glob("realisasi.csv"))).kosong
    shutil.rmtree(src)

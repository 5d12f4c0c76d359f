"""Two processes editing one database; an import killed part-way."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

from kinerja.store.core import Store

WORKER = textwrap.dedent("""
    import json, sys
    from kinerja.errors import StaleEditError
    from kinerja.store.core import Store
    url, ev, nip, rhk, iki, tag, n = sys.argv[1:8]
    st = Store(url)
    ok = stale = 0
    saved = []
    print("siap", flush=True)
    sys.stdin.readline()  # both workers start together
    i = 0
    while ok < int(n):
        lb = st.lembar(ev, nip, "2026-TW1")
        value = int(tag) * 100000 + i
        try:
            st.simpan(ev, nip, "2026-TW1", lb.versi, realisasi=[{"rhk_id": rhk, "iki_id": iki, "realisasi": value}])
            ok += 1
            saved.append(value)
            i += 1
        except StaleEditError:
            stale += 1
    print(json.dumps({"ok": ok, "stale": stale, "saved": saved}), flush=True)
""")


@pytest.fixture
def db(tmp_path, sample_ws):
    path = tmp_path / "kinerja.db"
    st = Store(f"sqlite:///{path}")
    st.init_from(sample_ws)
    st.engine.dispose()
    return path


def test_two_processes_200_edits_each_nothing_lost(db, tmp_path):
    url = f"sqlite:///{db}"
    st = Store(url)
    pen = st.penilai().iloc[0]["nip"]
    nip = st.bawahan(pen, "2026-TW1")["nip"].iloc[0]
    r = st.lembar(pen, nip, "2026-TW1").indikator.iloc[0]
    v0 = st.lembar(pen, nip, "2026-TW1").versi
    n_audit0 = len(st.riwayat(nip=nip, periode="2026-TW1"))
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    procs = [subprocess.Popen([sys.executable, str(script), url, pen, nip, r.rhk_id, r.iki_id, str(t), "200"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for t in (1, 2)]
    for p in procs:
        assert p.stdout.readline().strip() == "siap"
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0
        results.append(json.loads(out.strip().splitlines()[-1]))
    assert [x["ok"] for x in results] == [200, 200]
    # every successful save is one version and one audit row, chained old -> new without gaps
    assert st.lembar(pen, nip, "2026-TW1").versi == v0 + 400
    aud = st.riwayat(nip=nip, periode="2026-TW1")
    aud = aud[(aud["kolom"] == "realisasi")].iloc[n_audit0:] if n_audit0 else aud[aud["kolom"] == "realisasi"]
    assert len(aud) == 400
    assert list(aud["lama"].iloc[1:]) == list(aud["baru"].iloc[:-1])
    saved = {str(v) for x in results for v in x["saved"]}
    assert set(aud["baru"]) == saved
    # the stored value is the last one written
    assert str(int(st.lembar(pen, nip, "2026-TW1").indikator.iloc[0]["realisasi"])) == aud["baru"].iloc[-1]
    # stale saves were reported, not silently merged (their values never appear)
    total_attempts = sum(x["ok"] + x["stale"] for x in results)
    assert total_attempts - 400 == sum(x["stale"] for x in results)


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

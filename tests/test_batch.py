"""Batch: Papermill shards, resume, --force, failure isolation, index, dask == local, notebooks."""

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kinerja.batch import run as batch
from kinerja.report import render as report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data_samples" / "instansi_contoh"


@pytest.fixture(scope="module")
def ws_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("ws") / "ws"
    shutil.copytree(SAMPLE, d)
    return d


@pytest.fixture(scope="module")
def nips():
    peg = pd.read_csv(SAMPLE / "pegawai.csv", dtype=str)
    return list(peg["nip"].iloc[[1, 12, 25]])


def _html_files(out):
    return sorted(p.relative_to(out).as_posix() for p in (out / "pegawai").rglob("*.html"))


def test_batch_resume_force_and_index(ws_dir, nips, tmp_path):
    out = tmp_path / "out"
    r1 = batch.run_batch(ws_dir, "2026", nips=nips, formats="html", jobs=1, out=out, summaries=False,
                         progress=False, shard_size=2, tanggal="2027-01-15")
    assert (r1.count("done"), r1.count("skipped"), r1.count("failed")) == (3, 0, 0)
    assert r1.exit_code == 0
    files = _html_files(out)
    assert len(files) == 3
    nbs = sorted(p.name for p in (out / "notebooks").glob("*.ipynb"))
    assert len(nbs) == 2  # two shards of at most 2 pegawai, executed notebooks kept
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f in index for f in files)
    mt = {f: (out / f).stat().st_mtime_ns for f in files}

    r2 = batch.run_batch(ws_dir, "2026", nips=nips, formats="html", jobs=1, out=out, summaries=False, progress=False,
                         tanggal="2027-01-15")
    assert (r2.count("done"), r2.count("skipped")) == (0, 3)
    assert {f: (out / f).stat().st_mtime_ns for f in files} == mt

    r3 = batch.run_batch(ws_dir, "2026", nips=nips[:1], formats="html", jobs=1, out=out, summaries=False,
                         progress=False, force=True, tanggal="2027-01-15")
    assert r3.count("done") == 1
    assert (out / files[0]).stat().st_mtime_ns != mt[files[0]] or r3.count("done") == 1

    # newer file times without new data (as opening a database touches kinerja.db-wal): nothing redone
    future = __import__("time").time() + 3600
    os.utime(ws_dir / "realisasi.csv", (future, future))
    (ws_dir / "kinerja.db-wal").write_bytes(b"")
    r4 = batch.run_batch(ws_dir, "2026", nips=nips, formats="html", jobs=1, out=out, summaries=False, progress=False,
                         tanggal="2027-01-15")
    assert (r4.count("done"), r4.count("skipped")) == (0, 3)
    # one pegawai's data changed: exactly that report is redone
    real = pd.read_csv(ws_dir / "realisasi.csv", dtype=str, keep_default_na=False)
    i = real.index[real["nip"] == nips[0]][0]
    real.loc[i, "realisasi"] = str(float(real.loc[i, "realisasi"]) + 1)
    real.to_csv(ws_dir / "realisasi.csv", index=False)
    r5 = batch.run_batch(ws_dir, "2026", nips=nips, formats="html", jobs=1, out=out, summaries=False, progress=False,
                         tanggal="2027-01-15")
    # another printed date is another document: redone
    r6 = batch.run_batch(ws_dir, "2026", nips=nips[1:2], formats="html", jobs=1, out=out, summaries=False,
                         progress=False, tanggal="2027-01-16")
    assert r6.count("done") == 1
    assert (r5.count("done"), r5.count("skipped")) == (1, 2)
    assert [r["nip"] for r in r5.records if r["status"] == "done"] == [nips[0]]
    assert not list(out.rglob(".*.tmp")) and not list(out.rglob(".*.tmp.ipynb"))
    # reports, manifest and index are owner-only
    for f in [*(out / "pegawai").rglob("*.html"), out / "manifest.json", out / "index.html"]:
        assert f.stat().st_mode & 0o077 == 0, f


def test_failure_isolation_and_exit_code(ws_dir, nips, tmp_path):
    out = tmp_path / "out"
    bad = "199999999999999999"
    r = batch.run_batch(ws_dir, "2026", nips=[nips[0], bad, nips[1]], formats="html", jobs=1, out=out,
                        summaries=False, progress=False)
    assert r.count("done") == 2 and r.count("failed") == 1 and r.exit_code == 1
    assert r.failed[0]["nip"] == bad and "tidak ditemukan" in r.failed[0]["alasan"]
    assert bad in r.summary()
    assert bad in (out / "index.html").read_text(encoding="utf-8")


def test_one_broken_pegawai_does_not_stop_the_shard(monkeypatch, tmp_path):
    from kinerja.io.files import load_workspace

    lap = report.prepare(None, "2026", ws=load_workspace(SAMPLE), unit="Sekretariat")
    sel = lap.options["selected"]
    broken = sel[1]
    real = report.employee_context

    def fake(lap_, nip, **kw):
        if nip == broken:
            raise ValueError("data rusak")
        return real(lap_, nip, **kw)

    monkeypatch.setattr(report.pegawai, "employee_context", fake)
    prog = tmp_path / "p.jsonl"
    res = report.render_shard(lap, tmp_path / "out", formats="html", progress_file=prog)
    assert res.set_index("nip").loc[broken, "status"] == "failed"
    assert "data rusak" in res.set_index("nip").loc[broken, "alasan"]
    assert (res["status"] == "done").sum() == len(sel) - 1
    lines = [json.loads(x) for x in prog.read_text().splitlines()]
    assert len([x for x in lines if "nip" in x]) == len(sel) and lines[-1]["shard_done"]


def test_cli_report_unit_with_summary(ws_dir, tmp_path, capsys):
    from kinerja.cli import main

    out = tmp_path / "out"
    rc = main(["report", str(ws_dir), "--periode", "2026", "--unit", "Bidang Pelayanan Kesehatan",
               "--formats", "html", "--jobs", "2", "--out", str(out), "--quiet"])
    assert rc == 0
    text = capsys.readouterr().out
    assert "gagal" in text and "0 gagal" in text
    assert (out / "unit" / "ringkasan-bidang-pelayanan-kesehatan.xlsx").exists()
    assert (out / "unit" / "ringkasan-bidang-pelayanan-kesehatan.html").exists()
    assert len(_html_files(out)) == 9


def test_dask_local_cluster_gives_same_files(ws_dir, nips, tmp_path):
    pytest.importorskip("dask.distributed")
    a, b = tmp_path / "local", tmp_path / "dask"
    kw = dict(nips=nips[:2], formats="html", jobs=1, summaries=False, progress=False, tanggal="2027-01-15")
    ra = batch.run_batch(ws_dir, "2026", out=a, **kw)
    rb = batch.run_batch(ws_dir, "2026", out=b, engine="dask", **kw)
    assert ra.count("done") == rb.count("done") == 2
    fa, fb = _html_files(a), _html_files(b)
    assert fa == fb
    for f in fa:
        assert (a / f).read_bytes() == (b / f).read_bytes()


def test_notebooks_run_under_papermill(tmp_path, nips):
    import papermill as pm

    out = tmp_path / "out"
    nb = ROOT / "notebooks"
    pm.execute_notebook(str(nb / "03_laporan_pegawai.ipynb"), str(tmp_path / "03.ipynb"), kernel_name="python3",
                        parameters={"workspace": str(SAMPLE), "nips": nips[:2], "unit": "", "out_dir": str(out),
                                    "formats": "html"}, cwd=str(nb), progress_bar=False)
    assert len(_html_files(out)) == 2
    pm.execute_notebook(str(nb / "04_ringkasan_unit.ipynb"), str(tmp_path / "04.ipynb"), kernel_name="python3",
                        parameters={"workspace": str(SAMPLE), "units": ["Sekretariat"], "out_dir": str(out),
                                    "formats": "html"}, cwd=str(nb), progress_bar=False)
    assert (out / "unit" / "ringkasan-sekretariat.html").exists()
    assert (out / "unit" / "ringkasan-sekretariat.xlsx").exists()


def test_stored_notebooks_have_no_outputs_and_a_parameters_cell():
    import nbformat

    for name in ("03_laporan_pegawai.ipynb", "04_ringkasan_unit.ipynb"):
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code)
        assert "parameters" in code[0].metadata.get("tags", [])
        assert 3 <= len(code) - 1 <= 8


def test_make_shards_balances_and_caps():
    todo = [("U%d" % (i % 3), f"{i:018d}") for i in range(1000)]
    shards = batch.make_shards(todo, jobs=2)
    assert len(shards) == 4 and sum(len(s.nips) for s in shards) == 1000
    assert max(len(s.nips) for s in shards) <= batch.MAX_SHARD
    assert len(batch.make_shards(todo[:5], jobs=2, shard_size=1)) == 5


def test_index_marks_usulan_not_final(tmp_path):
    from kinerja.domain import labels
    from kinerja.io.files import load_workspace

    ws = load_workspace(SAMPLE)
    lap = report.prepare(None, "2026", ws=ws, tanggal="2027-01-15")
    sc = lap.s22
    usulan = sc.index[sc["status"] != "final"][0]
    final = sc.index[sc["status"] == "final"][0]
    recs = [report.write_employee(lap, n, tmp_path, "html") for n in (usulan, final)]
    batch._write_manifest(tmp_path, {}, recs)
    batch._write_index(tmp_path, lap.periode, ws, recs)
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    rows = {n: html[html.index(report.format_nip(n)):][:600] for n in (usulan, final)}
    assert labels.PREDIKAT_USULAN in rows[usulan] and "tag-usulan" in rows[usulan]
    assert f"usulan sistem: {sc.loc[usulan, 'predikat']}" in rows[usulan]
    assert labels.PREDIKAT_USULAN not in rows[final] and sc.loc[final, "predikat"] in rows[final]
    man = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert man["pegawai"][usulan]["predikat"] == labels.PREDIKAT_USULAN
    assert "1 pegawai belum final" in html


def test_kill_mid_run_then_resume_makes_exactly_the_missing_reports(ws_dir, tmp_path):
    """Kill the parent after the first shard: its workers (and kernels) stop writing; the rerun makes
    exactly the reports the killed run had not finished, with a complete manifest and index."""
    import signal
    import subprocess
    import sys
    import time

    import psutil

    peg = pd.read_csv(SAMPLE / "pegawai.csv", dtype=str)
    six = list(peg["nip"].iloc[:6])
    out = tmp_path / "out"
    kw = dict(formats="html", jobs=1, summaries=False, progress=False, shard_size=2, tanggal="2027-01-15")
    code = (f"from kinerja.batch.run import run_batch\n"
            f"run_batch({str(ws_dir)!r}, '2026', nips={six!r}, out={str(out)!r}, **{kw!r})\n")
    proc = subprocess.Popen([sys.executable, "-c", code])
    prog = out / "notebooks" / ".progress"

    def done_records():
        recs = []
        for f in prog.glob("*.jsonl") if prog.exists() else []:
            for line in f.read_text(encoding="utf-8").splitlines():
                try:
                    r = json.loads(line)
                except ValueError:
                    continue
                if r.get("status") == "done":
                    recs.append(r["nip"])
        return recs

    deadline = time.monotonic() + 240
    while not done_records():
        assert proc.poll() is None, "the batch ended before it could be killed"
        assert time.monotonic() < deadline, "no report finished in time"
        time.sleep(0.05)
    family = psutil.Process(proc.pid).children(recursive=True)
    assert family, "the pool worker should be running"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone, alive = psutil.wait_procs(family, timeout=15)
    assert not [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE], \
        "workers or kernels survived their parent"
    before = {p: p.stat().st_mtime_ns for p in (out / "pegawai").rglob("*.html")}
    time.sleep(1.0)
    assert {p: p.stat().st_mtime_ns for p in (out / "pegawai").rglob("*.html")} == before  # nobody writes
    finished = set(done_records())
    assert 1 <= len(finished) < 6

    r = batch.run_batch(ws_dir, "2026", nips=six, out=out, **kw)
    done = {x["nip"] for x in r.records if x["status"] == "done"}
    skipped = {x["nip"] for x in r.records if x["status"] == "skipped"}
    assert skipped == finished and done == set(six) - finished and not r.failed
    for p, t in before.items():
        if any(n in p.name for n in finished):
            assert p.stat().st_mtime_ns == t  # not redone
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(man["pegawai"]) == set(six) and all(v.get("sidik") for v in man["pegawai"].values())
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(report.format_nip(n) in index for n in six)
    assert len(list((out / "pegawai").rglob("*.html"))) == 6
    assert not list(prog.glob("*.jsonl"))  # folded into the manifest


def test_disk_full_in_a_shard_stops_with_one_message_and_no_empty_file(monkeypatch, tmp_path):
    import errno

    from kinerja.errors import DiskPenuh
    from kinerja.io.files import load_workspace

    lap = report.prepare(None, "2026", ws=load_workspace(SAMPLE), unit="Sekretariat")
    calls = {"n": 0}
    real = report.berkas._tulis

    def full(fh, data):
        calls["n"] += 1
        if calls["n"] > 2:  # two reports fit, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fh, data)

    monkeypatch.setattr(report.berkas, "_tulis", full)
    prog = tmp_path / "p.jsonl"
    res = report.render_shard(lap, tmp_path / "out", formats="html", progress_file=prog, force=True)
    assert list(res["status"]) == ["done", "done", "failed"]  # stopped at the first full write
    assert res["alasan"].iloc[-1].startswith("Disk penuh: laporan tidak dapat ditulis")
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(files) == 2 and all(p.stat().st_size > 0 for p in files)
    assert not [p for p in files if p.name.endswith(".tmp")]
    with pytest.raises(DiskPenuh, match="Disk penuh"):
        report.atomic_write(tmp_path / "x.html", "isi")
    assert not (tmp_path / "x.html").exists()


def test_disk_full_in_the_parent_and_in_papermill(ws_dir, nips, monkeypatch, tmp_path):
    import errno

    from kinerja.cli import main
    from kinerja.errors import DiskPenuh

    out = tmp_path / "out"
    kw = dict(nips=nips[:1], formats="html", jobs=1, summaries=False, progress=False, tanggal="2027-01-15")
    batch.run_batch(ws_dir, "2026", out=out, **kw)
    manifest = (out / "manifest.json").read_bytes()

    def full(fh, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report.berkas, "_tulis", full)
    with pytest.raises(DiskPenuh):
        batch.run_batch(ws_dir, "2026", out=out, **kw)
    assert (out / "manifest.json").read_bytes() == manifest  # the old manifest is intact
    assert not [p for p in out.rglob("*") if p.is_file() and p.stat().st_size == 0]
    rc = main(["report", str(ws_dir), "--periode", "2026", "--nip", nips[0], "--formats", "html", "--jobs", "1",
               "--out", str(out), "--quiet", "--no-summaries", "--tanggal", "2027-01-15"])
    assert rc != 0
    # papermill failing on a full disk: no empty executed notebook is left behind
    import papermill as pm

    def pm_full(nb, path, **k):
        Path(path).write_bytes(b"")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pm, "execute_notebook", pm_full)
    res = batch.run_shard(batch.Shard("pegawai-001-x", "pegawai", nips=nips[:1]), {}, str(tmp_path / "o2"))
    assert not res["ok"] and res["disk_penuh"] and res["error"].startswith("Disk penuh")
    assert not list((tmp_path / "o2" / "notebooks").glob("*.ipynb"))


def test_kernel_warnings_go_to_a_log_not_to_the_terminal(ws_dir, nips, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "out"
    code = (f"from kinerja.batch.run import run_batch\n"
            f"r = run_batch({str(ws_dir)!r}, '2026', nips={nips[:1]!r}, out={str(out)!r}, formats='html', jobs=1, "
            f"summaries=False, progress=False, tanggal='2027-01-15')\nprint(r.summary())\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240)
    assert p.returncode == 0, p.stderr
    assert "1 laporan dibuat" in p.stdout
    assert "IPKernelApp" not in p.stderr and "Kernel is running" not in p.stderr, p.stderr
    log = out / "notebooks" / "kernel.log"
    assert log.is_file() and log.stat().st_mode & 0o077 == 0

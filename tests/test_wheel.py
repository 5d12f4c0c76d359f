"""The wheel works without a checkout (issue 9, point 5): templates/ and notebooks/ ship inside it.

Builds the wheel, installs it (not editable) with the app and report extras into one fresh venv (deps
from the local pip cache), then, from a folder outside the repository: ``kinerja sample``, ``init``,
``report --formats html`` and ``serve`` (the landing page and the form's notebook answer).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(cmd, cwd, timeout=600, **kw):
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, **kw)
    assert out.returncode == 0, f"{cmd}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"), str(ROOT)], cwd=tmp)
    wheel = next((tmp / "dist").glob("kinerja-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("kinerja/_data/notebooks/02_form_penilaian.ipynb", "kinerja/_data/templates/report/pegawai.html.j2",
                   "kinerja/_data/templates/skp_template.xlsx", "kinerja/config/permenpanrb_2022.toml",
                   "kinerja/store/migrations/versions/0001_awal.py"):
        assert needed in names, needed
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp)
    _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
          f"{wheel}[app,reports]"], cwd=tmp, timeout=900)
    work = tmp / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KINERJA_", "JUPYTER", "PYTHONPATH"))}
    return venv / "bin" / "kinerja", work, env


def test_wheel_sample_init_report(installed):
    kinerja, work, env = installed
    loc = _run([str(kinerja.with_name("python")), "-c", "import kinerja; print(kinerja.__file__)"], cwd=work, env=env)
    assert str(ROOT) not in loc.stdout and "site-packages" in loc.stdout   # the wheel, not the checkout
    _run([str(kinerja), "sample", "--pegawai", "8", "--seed", "3", "--out", "ws"], cwd=work, env=env)
    _run([str(kinerja), "init", "ws"], cwd=work, env=env)
    assert (work / "ws" / "kinerja.db").is_file()
    nip = _run([str(kinerja), "score", "ws", "--periode", "2026", "--format", "csv"], cwd=work, env=env) \
        .stdout.splitlines()[1].split(",")[0]
    _run([str(kinerja), "report", "ws", "--periode", "2026", "--nip", nip, "--formats", "html", "--out", "out",
          "--quiet"], cwd=work, env=env)
    html = list((work / "out").rglob(f"*{nip}*.html"))
    assert html and "DOKUMEN EVALUASI KINERJA PEGAWAI" in html[0].read_text(encoding="utf-8")


def test_wheel_serve(installed):
    kinerja, work, env = installed
    if not (work / "ws").exists():
        _run([str(kinerja), "sample", "--pegawai", "8", "--seed", "3", "--out", "ws"], cwd=work, env=env)
    port = _free_port()
    proc = subprocess.Popen([str(kinerja), "serve", "ws", "--port", str(port), "--pool-size", "0"], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body, deadline = None, time.monotonic() + 120
        while body is None and time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    body = r.read().decode()
            except OSError:
                time.sleep(0.5)  # polling for the port to open; the condition is the answer
        assert body is not None, proc.stdout.read() if proc.poll() is not None else "no answer"
        assert "02_form_penilaian" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/render/02_form_penilaian.ipynb", timeout=120) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)

"""A real ``kinerja serve`` for browser tests (shared by the app, questionnaire and teaching tests).

    with kinerja_serve(workspace, pool_size=1) as server:
        page.goto(server.url + "voila/render/02_form_penilaian.ipynb")

The server runs in its own process on a free port; the context manager returns once Voilà says it
is listening (and, with ``wait_pools``, once the preheated kernel pools are full) and the landing page
answers. No sleeping: it blocks on the server's log lines. The process is stopped by its own PID.
"""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data_samples" / "instansi_contoh"
# notebooks that get a preheated kernel pool in kinerja.cli.serve (pool size > 0)
POOLED = ("02_form_penilaian.ipynb", "07_kuesioner_360.ipynb")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_workspace(dst: Path, source: Path = SAMPLE) -> Path:
    """A copy of the sample instansi at ``dst`` with its database (``kinerja init``)."""
    shutil.copytree(source, dst)
    subprocess.run([sys.executable, "-m", "kinerja.cli", "init", str(dst)], check=True, capture_output=True)
    return dst


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    workspace: Path
    log: list[str] = field(default_factory=list)


@contextmanager
def kinerja_serve(workspace: Path, *, pool_size: int = 1, identitas: str = "demo", extra_env: dict | None = None,
                  wait_pools: bool = True, timeout: float = 180, args: list[str] | None = None):
    """Run ``kinerja serve WORKSPACE --port N [args]`` and yield a :class:`Server` once it answers.
    ``header:NAME`` mode trusts 127.0.0.1 as its proxy unless ``args`` names ``--proxy-tepercaya``."""
    args = list(args or [])
    if identitas.startswith("header:") and "--proxy-tepercaya" not in args:
        args += ["--proxy-tepercaya", "127.0.0.1"]
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", **(extra_env or {}))
    for k in ("KINERJA_DB_URL", "KINERJA_WORKSPACE", "KINERJA_IDENTITAS", "JUPYTERHUB_USER"):
        if k not in (extra_env or {}):
            env.pop(k, None)
    proc = subprocess.Popen([sys.executable, "-m", "kinerja.cli", "serve", str(workspace), "--port", str(port),
                             "--pool-size", str(pool_size), "--identitas", identitas, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    server = Server(f"http://127.0.0.1:{port}/", proc, Path(workspace))
    lines: queue.Queue = queue.Queue()

    def pump():  # drain the log so the pipe never fills; keep it for error messages
        for line in proc.stdout:
            server.log.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        pending = set(POOLED) if (wait_pools and pool_size > 0) else set()
        running = False
        while not running or pending:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                raise RuntimeError("kinerja serve did not start in time:\n" + "".join(server.log)) from None
            if line is None:
                raise RuntimeError("kinerja serve stopped:\n" + "".join(server.log))
            if "running at" in line:
                running = True
            pending = {nb for nb in pending if not (f"Kernel pool of {nb} is filled" in line)}
        with urllib.request.urlopen(server.url + "voila/static/voila.js", timeout=30) as r:  # it answers
            assert r.status == 200
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def add_account(workspace: Path, username: str, *, peran: list[str], nip: str | None = None,
                sandi: str | None = None) -> None:
    """``kinerja akun tambah`` (the password through stdin, as a script would)."""
    cmd = [sys.executable, "-m", "kinerja.cli", "akun", "tambah", str(workspace), username, "--peran", *peran]
    cmd += ["--nip", nip] if nip else []
    cmd += ["--sandi-stdin"] if sandi else ["--tanpa-sandi"]
    subprocess.run(cmd, input=(sandi or "") + "\n", text=True, check=True, capture_output=True)


def kernel_pids(server: Server) -> set[int]:
    """The kernel processes of a running server: its direct children whose command line runs ipykernel
    (not their own children: a kernel's short-lived forks, e.g. for a subprocess, carry the kernel's
    command line until they exec)."""
    import psutil

    out = set()
    for ch in psutil.Process(server.proc.pid).children(recursive=False):
        try:
            if any("ipykernel" in a for a in ch.cmdline()):
                out.add(ch.pid)
        except psutil.Error:
            pass
    return out


def new_page(browser, viewport: dict | None = None):
    """A 1280x900 page that refuses every request leaving this machine (the Font Awesome CDN the
    Voilà page asks for among them), so an offline machine neither waits for nor fails on it."""
    import re

    page = browser.new_page(viewport=viewport or {"width": 1280, "height": 900})
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    return page


def screenshot(page, tmp_path: Path, name: str) -> Path:
    """A full-content screenshot (Voilà scrolls inside the page, so the viewport is grown to the
    content first) in $KINERJA_SCREENSHOTS or tmp_path, for a person to look at."""
    folder = Path(os.environ.get("KINERJA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    height = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 16000)})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert path.stat().st_size > 10_000
    return path

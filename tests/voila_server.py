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


KEPALA = "198704172011072290"      # Yuni Manurung, Kepala Dinas in the sample instansi
SEKRETARIS = "197206021996082819"  # Made Pratama, Sekretaris, bawahan of the Kepala and an evaluator


def workspace_with_accounts(dst: Path) -> Path:
    """The sample workspace (:func:`prepare_workspace`) with three password accounts: yuni (the Kepala)
    and made (the Sekretaris) as pejabat penilai, and sdm as HR admin of the whole instansi."""
    ws = prepare_workspace(dst)
    add_account(ws, "yuni", nip=KEPALA, peran=["pejabat_penilai"], sandi="sandi-yuni-2026")
    add_account(ws, "made", nip=SEKRETARIS, peran=["pejabat_penilai"], sandi="sandi-made-2026")
    add_account(ws, "sdm", peran=["admin_hr:*"], sandi="sandi-sdm-20266")
    return ws


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


def shots(page, name, sizes=((1366, 768), (390, 844))):
    """Screenshots at a desktop and a phone size in $KINERJA_SCREENSHOTS (default
    /tmp/kinerja-screenshots), for a person to look at; nothing may scroll sideways at either size."""
    folder = Path(os.environ.get("KINERJA_SCREENSHOTS") or "/tmp/kinerja-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    for w, h in sizes:
        page.set_viewport_size({"width": w, "height": h})
        page.screenshot(path=str(folder / f"{name}-{w}x{h}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= w  # nothing scrolls sideways


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


# --------------------------------------------------------------------------- a real JupyterHub

HUB_CONFIG = '''\
# written by tests/voila_server.py:jupyterhub (the configuration docs/deploy.md describes)
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api_url!r}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.auth_token = {proxy_token!r}
c.ConfigurableHTTPProxy.pid_file = {pid_file!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret_file!r}
c.JupyterHub.redirect_to_server = False      # login lands on /hub/home; the test spawns explicitly

c.JupyterHub.authenticator_class = "nativeauthenticator.NativeAuthenticator"
c.NativeAuthenticator.open_signup = False    # accounts are authorised by an admin (here: the test)

c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.cmd = {cmd!r}
c.Spawner.environment = {environment!r}
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120

# the test's own admin token (spawn state, tokens for the refusal checks)
c.JupyterHub.services = [{{"name": "uji", "api_token": {service_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "uji", "scopes": ["admin:users", "admin:servers", "tokens",
                                                               "access:servers"],
                            "services": ["uji"]}}]
'''


@dataclass
class Hub:
    url: str                 # the public URL (configurable-http-proxy), ending in /
    proc: subprocess.Popen
    folder: Path
    service_token: str
    proxy_api_url: str
    proxy_token: str
    log: list[str] = field(default_factory=list)

    def api(self, method: str, path: str, data: dict | None = None) -> dict | list | None:
        """The Hub's REST API with the test's admin service token."""
        import json

        req = urllib.request.Request(self.url + "hub/api/" + path.lstrip("/"), method=method,
                                     data=None if data is None else json.dumps(data).encode(),
                                     headers={"Authorization": f"token {self.service_token}"})
        with urllib.request.urlopen(req, timeout=60) as r:
            body = r.read()
        return json.loads(body) if body else None

    def route_target(self, username: str) -> str | None:
        """Where the proxy sends /user/NAME/ (the single-user server's own address)."""
        import json

        req = urllib.request.Request(self.proxy_api_url + "/api/routes",
                                     headers={"Authorization": f"token {self.proxy_token}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            routes = json.loads(r.read())
        return (routes.get(f"/user/{username}") or {}).get("target")


def create_hub_users(db_url: str, users: dict[str, str]) -> None:
    """NativeAuthenticator accounts with passwords, authorised as an admin would at /hub/authorize
    (NativeAuthenticator's own ``create_user`` and ``UserInfo.change_authorization`` on the Hub's
    database)."""
    from jupyterhub import orm
    from nativeauthenticator import NativeAuthenticator
    from nativeauthenticator.orm import UserInfo

    db = orm.new_session_factory(db_url)()
    try:
        auth = NativeAuthenticator(db=db)
        for name, sandi in users.items():
            info = auth.create_user(name, sandi)
            assert info is not None, f"NativeAuthenticator refused the account {name}"
            if not info.is_authorized:
                UserInfo.change_authorization(db, name)
        assert all(UserInfo.find(db, n).is_authorized for n in users)
    finally:
        db.close()


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


@contextmanager
def jupyterhub(folder: Path, *, cmd: list[str], chp: str, environment: dict | None = None,
               users: dict[str, str] | None = None, timeout: float = 90):
    """A real JupyterHub (NativeAuthenticator, SimpleLocalProcessSpawner, configurable-http-proxy
    from npm) on free ports, with ``users`` (name -> password) created and authorised. Yields a
    :class:`Hub` once it says it is running. On exit every process it started (the proxy, the
    single-user servers and their kernels, which run in their own sessions) is stopped by PID."""
    import secrets

    import psutil

    folder.mkdir(parents=True, exist_ok=True)
    port, hub_port, api_port = free_port(), free_port(), free_port()
    db_url = f"sqlite:///{folder / 'jupyterhub.sqlite'}"
    hub = Hub(f"http://127.0.0.1:{port}/", None, folder, secrets.token_hex(16),  # type: ignore[arg-type]
              f"http://127.0.0.1:{api_port}", secrets.token_hex(16))
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    for k in [k for k in env if k.startswith(("JUPYTERHUB_", "KINERJA_"))]:
        env.pop(k)
    # every process of this Hub carries the mark (the spawner passes it on), so teardown finds them
    # all, even when a crashed Hub left them to init
    mark = secrets.token_hex(8)
    env["KINERJA_UJI_HUB"] = mark
    environment = dict(environment or {}, KINERJA_UJI_HUB=mark)
    (folder / "jupyterhub_config.py").write_text(HUB_CONFIG.format(
        bind_url=f"http://127.0.0.1:{port}", hub_bind_url=f"http://127.0.0.1:{hub_port}",
        proxy_api_url=hub.proxy_api_url, chp=chp, proxy_token=hub.proxy_token,
        pid_file=str(folder / "proxy.pid"), db_url=db_url, cookie_secret_file=str(folder / "cookie_secret"),
        home_template=str(folder / "home" / "{username}"), cmd=list(cmd), environment=environment,
        service_token=hub.service_token), encoding="utf-8")
    # the venv's bin first: the spawner's PATH (env_keep) must find the same Python tools
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    hub.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(folder / "jupyterhub_config.py")],
                                cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: queue.Queue = queue.Queue()

    def pump():   # the Hub's, the proxy's and the single-user servers' output, kept in FOLDER/hub.log too
        with open(folder / "hub.log", "a", encoding="utf-8") as fh:
            for line in hub.proc.stdout:
                hub.log.append(line)
                fh.write(line)
                fh.flush()
                lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: dict[int, psutil.Process] = {}
    try:
        while True:
            try:
                line = lines.get(timeout=timeout)
            except queue.Empty:
                raise RuntimeError("JupyterHub did not start in time:\n" + "".join(hub.log)) from None
            if line is None:
                raise RuntimeError("JupyterHub stopped:\n" + "".join(hub.log))
            if "JupyterHub is now running at" in line:
                break
        if users:
            create_hub_users(db_url, users)
        yield hub
    finally:
        for p in _descendants(hub.proc.pid):
            seen[p.pid] = p
        hub.proc.terminate()   # the Hub stops the single-user servers and the proxy itself ...
        try:
            hub.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.proc.kill()
            hub.proc.wait()
        for p in psutil.process_iter():   # ... and whatever survived (a crashed Hub) is ended by its PID
            try:
                if p.pid in seen or p.environ().get("KINERJA_UJI_HUB") == mark:
                    seen[p.pid] = p
            except psutil.Error:
                pass
        for p in seen.values():
            try:
                p.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(list(seen.values()), timeout=10)

"""`kinerja serve --identitas hub` under a real JupyterHub (issue 11 "What to build" 2, "Done when"):
JupyterHub with NativeAuthenticator (passwords), SimpleLocalProcessSpawner and configurable-http-proxy
from npm; the spawner's command is `kinerja serve WORKSPACE --identitas hub`. Two evaluators log in
with their passwords in a real browser and each sees only their own bawahan (page and websocket
frames); a request without a Hub login, a forged identity and another Hub user are refused by the
single-user server itself (the proxy authenticates nothing)."""

from __future__ import annotations

import csv
import os
import re
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import chp_command, require_system
from voila_server import KEPALA, SEKRETARIS, add_account, jupyterhub, prepare_workspace, shots

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FORM = "voila/render/02_form_penilaian.ipynb"
PENILAI = {"yuni": (KEPALA, "Sandi-Hub-Yuni-2026!"), "made": (SEKRETARIS, "Sandi-Hub-Made-2026!")}
TAMU = ("tamu", "Sandi-Hub-Tamu-2026!")   # a third Hub user (no kinerja account, no server)
T = 120_000


def _pegawai(ws: Path) -> list[dict]:
    with open(ws / "pegawai.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, headers: dict | None = None) -> tuple[int, object, str]:
    """(status, headers, body) of one request, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=60) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    require_system("chromium", "chp")
    for mod, pkg in (("jupyterhub", "jupyterhub"), ("nativeauthenticator", "jupyterhub-nativeauthenticator")):
        try:
            __import__(mod)
        except ImportError:   # a dev dependency: `make install`; CI (KINERJA_REQUIRE_BROWSER=1) fails
            msg = f"paket Python belum terpasang: {pkg} (pip install -e '.[dev]')"
            pytest.fail(msg) if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1" else pytest.skip(msg)
    tmp = tmp_path_factory.mktemp("hub")
    ws = prepare_workspace(tmp / "workspace")
    for name, (nip, _) in PENILAI.items():   # Hub user name -> NIP, through the akun table only
        add_account(ws, name, nip=nip, peran=["pejabat_penilai"])
    cmd = [sys.executable, "-m", "kinerja.cli", "serve", str(ws), "--identitas", "hub",
           "--pool-size", "1", "--cull-idle", "300"]
    users = {n: s for n, (_, s) in PENILAI.items()} | {TAMU[0]: TAMU[1]}
    with jupyterhub(tmp / "hub", cmd=cmd, chp=chp_command(), users=users) as h:
        h.workspace = ws
        yield h


def _hub_user(hub, username: str) -> dict:
    """The Hub's record of a user (created through the REST API when they never logged in)."""
    try:
        return hub.api("GET", f"users/{username}")
    except urllib.error.HTTPError:
        return hub.api("POST", f"users/{username}")


def _server_running(hub, username: str) -> None:
    """Start a user's server through the Hub's REST API (as the Hub's spawn page would)."""
    import time

    user = _hub_user(hub, username)
    if "" not in user["servers"]:
        hub.api("POST", f"users/{username}/server")
    deadline = time.monotonic() + 120
    while not hub.api("GET", f"users/{username}")["servers"].get("", {}).get("ready"):
        assert time.monotonic() < deadline, f"the server of {username} did not start"
        time.sleep(0.5)   # polling the Hub's REST API until the spawn finished


def _token_with_password(hub, username: str, sandi: str) -> str:
    """A Hub API token of ``username``, asked for with the password (NativeAuthenticator checks it)."""
    import json

    _hub_user(hub, username)
    req = urllib.request.Request(hub.url + f"hub/api/users/{username}/tokens", method="POST",
                                 data=json.dumps({"auth": {"username": username, "password": sandi},
                                                  "note": "uji"}).encode())
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())["token"]


def _login(page, hub, username, sandi):
    page.goto(hub.url + "hub/login", timeout=T)
    page.fill("#username_input", username)
    page.fill("#password_input", sandi)
    page.click("#login_submit")
    page.wait_for_url("**/hub/home", timeout=T)


def _kernel_process(hub, kernel_id: str):
    """The ipykernel process of a kernel id (its connection file is named after the id)."""
    import psutil

    for p in psutil.Process(hub.proc.pid).children(recursive=True):
        try:
            if any(f"kernel-{kernel_id}.json" in a for a in p.cmdline()):
                return p
        except psutil.Error:
            pass
    raise AssertionError(f"no process for kernel {kernel_id}")




def test_two_evaluators_each_see_only_their_bawahan(browser, hub):
    peg = _pegawai(hub.workspace)
    contexts = {}
    for username, (nip, sandi) in PENILAI.items():
        ctx = browser.new_context(viewport={"width": 1366, "height": 768})
        ctx.route("**/*", lambda route: route.abort() if not route.request.url.startswith(hub.url)
                  else route.continue_())   # nothing leaves this machine (the Font Awesome CDN)
        page = ctx.new_page()
        _login(page, hub, username, sandi)
        page.goto(hub.url + "hub/spawn", timeout=T)   # the Hub starts `kinerja serve --identitas hub`
        contexts[username] = (ctx, page)
    for username, (nip, _) in PENILAI.items():
        ctx, page = contexts[username]
        page.wait_for_url(f"**/user/{username}/**", timeout=T)
        page.goto(hub.url + f"user/{username}/", timeout=T)         # the landing page: this role's apps
        page.wait_for_selector(".kn-apps", timeout=T)
        titles = page.locator(".kn-app-judul").all_inner_texts()
        assert titles[0] == "Formulir Penilaian Kinerja Pegawai" and "Muat Rencana Kinerja (SKP)" not in titles
        if username == "yuni":
            shots(page, "hub-beranda")
        frames: list[str] = []
        sockets: list[str] = []

        def on_ws(w, frames=frames, sockets=sockets):
            sockets.append(w.url)
            w.on("framereceived", lambda p: frames.append(p.decode("utf-8", "replace") if isinstance(p, bytes) else p))

        page.on("websocket", on_ws)
        page.goto(hub.url + f"user/{username}/{FORM}", timeout=T)   # OAuth with the Hub, then the form
        page.wait_for_selector(".kf-bawahan select", timeout=T)
        page.wait_for_function("document.querySelectorAll('.kf-bawahan select option').length > 0", timeout=T)
        assert page.url.startswith(hub.url + f"user/{username}/{FORM}")
        shown = [o.replace("\xa0", " ").split(" — ")[0] for o in
                 page.locator(".kf-bawahan select option").all_inner_texts()]
        mine = sorted(p["nama"] for p in peg if p["nip_atasan"] == nip)
        assert mine and sorted(shown) == mine, (username, shown)
        assert page.locator(".kf-penilai select").count() == 0        # no evaluator dropdown
        me = next(p["nama"] for p in peg if p["nip"] == nip)
        assert me in page.locator(".kn-app").first.inner_text()       # "Masuk sebagai ..."
        sent = page.content() + "".join(frames)
        assert any(m in "".join(frames) for m in mine)                # the widgets came over the websocket
        allowed = {p["nama"] for p in peg if p["nip"] == nip or p["nip_atasan"] == nip}
        others = [p for p in peg if p["nip"] != nip and p["nip_atasan"] != nip]
        leaked = [p["nama"] for p in others if p["nama"] in sent and p["nama"] not in allowed]
        leaked += [p["nip"] for p in others if p["nip"] in sent]
        assert not leaked, (username, leaked)
        if username == "made":
            shots(page, "hub-form")
        # the form's kernel: it never sees the Hub's API token, and closing the page ends it (the
        # page's beacon passes the single-user server's XSRF check under the Hub)
        kid = next(re.search(r"/api/kernels/([0-9a-f-]{36})/channels", u).group(1) for u in sockets if "/channels" in u)
        kernel = _kernel_process(hub, kid)
        env = kernel.environ()
        assert env.get("JUPYTERHUB_USER") == username and "JUPYTERHUB_API_TOKEN" not in env
        page.close(run_before_unload=True)
        kernel.wait(timeout=60)
    for ctx, _ in contexts.values():
        ctx.close()


def test_requests_without_hub_login_are_refused(hub):
    """The proxy forwards anything; the single-user server itself refuses what the Hub did not vouch for."""
    _server_running(hub, "yuni")
    target = hub.route_target("yuni")
    assert target and target.startswith("http://127.0.0.1:"), target
    peg = _pegawai(hub.workspace)
    names = [p["nama"] for p in peg] + [p["nip"] for p in peg]
    forged = {"X-Kinerja-Pengguna": "yuni", "X-Remote-User": "yuni", "JUPYTERHUB_USER": "yuni"}
    for base in (hub.url + "user/yuni/", target.rstrip("/") + "/user/yuni/"):   # through the proxy, and direct
        status, headers, body = _get(base + FORM, forged)
        assert status == 302, (base, status, body[:300])                      # to the Hub's login ...
        assert "/hub/api/oauth2/authorize" in (headers.get("Location") or ""), (base, dict(headers), body[:300])
        assert not [n for n in names if n in body]
        status, _, body = _get(base + "api/kernels/" + str(uuid.uuid4()), forged)   # ... and no API at all
        assert status == 403, (base, status)
        status, _, body = _get(base, forged)                                  # the landing page
        assert status == 302 and not [n for n in names if n in body]
    # another Hub user's valid token (asked for with tamu's password) is no key to yuni's server
    token = _token_with_password(hub, *TAMU)
    for base in (hub.url + "user/yuni/", target.rstrip("/") + "/user/yuni/"):
        status, _, body = _get(base + FORM, {"Authorization": f"token {token}"})
        assert status == 403 and "Bukan server Anda" in body, (base, status, body[:300])
        assert not [n for n in names if n in body]
    # a token whose scopes reach every server (the test's admin service): kinerja serves its owner only
    for base in (hub.url + "user/yuni/", target.rstrip("/") + "/user/yuni/"):
        status, _, body = _get(base + FORM, {"Authorization": f"token {hub.service_token}"})
        assert status == 403 and "Bukan server Anda" in body, (base, status, body[:300])
        assert not [n for n in names if n in body]
    # yuni's own token works (the check is not simply "refuse everything")
    token = _token_with_password(hub, "yuni", PENILAI["yuni"][1])
    status, _, body = _get(hub.url + "user/yuni/", {"Authorization": f"token {token}"})
    assert status == 200 and "Formulir Penilaian Kinerja Pegawai" in body, (status, body[:300])


def test_third_hub_user_cannot_open_another_users_server(browser, hub):
    for owner in PENILAI:
        _server_running(hub, owner)
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    page.goto(hub.url + "hub/login", timeout=T)      # the password matters
    page.fill("#username_input", TAMU[0])
    page.fill("#password_input", "bukan-sandinya-2026")
    page.click("#login_submit")
    page.wait_for_selector(".login_error", timeout=T)
    assert "/hub/login" in page.url
    _login(page, hub, *TAMU)
    peg = _pegawai(hub.workspace)
    for owner in PENILAI:
        resp = page.goto(hub.url + f"user/{owner}/{FORM}", timeout=T)
        page.wait_for_load_state("domcontentloaded")
        body = page.content()
        assert resp.status == 403, (owner, resp.status, page.url)
        assert not [p["nama"] for p in peg if p["nama"] in body] + [p["nip"] for p in peg if p["nip"] in body]
    shots(page, "hub-tolak-hub")
    # with tamu's own Hub token the request reaches yuni's server, which refuses it in Indonesian
    page.set_extra_http_headers({"Authorization": f"token {_token_with_password(hub, *TAMU)}"})
    resp = page.goto(hub.url + f"user/yuni/{FORM}", timeout=T)
    page.wait_for_selector("#kn-pesan-tolak", timeout=T)
    assert resp.status == 403 and "Bukan server Anda" in page.content()
    # the way back leads to the Hub's home, never into the other user's server
    assert page.locator("#kn-pesan-tolak a", has_text="Kembali ke beranda").get_attribute("href").endswith("/hub/home")
    shots(page, "hub-tolak-kinerja")
    ctx.close()


def test_hub_mode_needs_the_spawners_environment(tmp_path, monkeypatch):
    """`--identitas hub` outside a JupyterHub spawner refuses to start (JUPYTERHUB_USER alone is
    never trusted); inside, the address, port and prefix come from the spawner's environment."""
    from kinerja.cli.serve import hub_server
    from kinerja.errors import InputError

    for k in [k for k in os.environ if k.startswith("JUPYTERHUB_")]:
        monkeypatch.delenv(k)
    monkeypatch.setenv("JUPYTERHUB_USER", "yuni")
    with pytest.raises(InputError, match="JUPYTERHUB_API_TOKEN"):
        hub_server(None, None, None)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "x")
    monkeypatch.setenv("JUPYTERHUB_CLIENT_ID", "jupyterhub-user-yuni")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/yuni/")
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://127.0.0.1:8081/hub/api")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:41234/user/yuni/")
    assert hub_server(None, None, None) == ("127.0.0.1", 41234, "/user/yuni/")
    assert hub_server("0.0.0.0", 8000, "/user/yuni") == ("0.0.0.0", 8000, "/user/yuni/")
    with pytest.raises(InputError, match="awalan JupyterHub"):
        hub_server(None, None, "/")

"""The built-in login of `kinerja serve --identitas login` (issue 11 "What to build" 2), in a real
browser: two evaluators log in with their passwords and each sees only their own bawahan; nothing
about other evaluators reaches the browser; wrong passwords are rate-limited; sessions expire."""

from __future__ import annotations

import csv
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from voila_server import KEPALA, SEKRETARIS, kernel_pids, kinerja_serve, new_page, shots, workspace_with_accounts

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FORM = "voila/render/02_form_penilaian.ipynb"
T = 120_000


def _pegawai(ws: Path) -> list[dict]:
    with open(ws / "pegawai.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return workspace_with_accounts(tmp_path_factory.mktemp("login") / "workspace")


@pytest.fixture(scope="module")
def server(ws):
    with kinerja_serve(ws, pool_size=1, identitas="login", args=["--sesi-jam", "0.002"]) as s:  # ~7 s sessions
        yield s


def _masuk(page, url, username, sandi):
    page.goto(url, timeout=T)
    page.wait_for_selector("#kn-form-masuk", timeout=T)
    page.fill("#username", username)
    page.fill("#password", sandi)
    page.click("#kn-masuk")




def test_two_evaluators_each_see_only_their_bawahan(browser, server, ws):
    peg = _pegawai(ws)
    for username, sandi, nip in (("yuni", "sandi-yuni-2026", KEPALA), ("made", "sandi-made-2026", SEKRETARIS)):
        ctx = browser.new_context(viewport={"width": 1366, "height": 768})
        page = ctx.new_page()
        frames: list[str] = []
        page.on("websocket", lambda w: w.on("framereceived", lambda p: frames.append(
            p.decode("utf-8", "replace") if isinstance(p, bytes) else p)))
        # the form asks for a login first, then comes back to the form
        _masuk(page, server.url + FORM, username, sandi)
        page.wait_for_selector(".kf-bawahan select", timeout=T)
        page.wait_for_function("document.querySelectorAll('.kf-bawahan select option').length > 0", timeout=T)
        shown = [o.replace("\xa0", " ").split(" — ")[0] for o in
                 page.locator(".kf-bawahan select option").all_inner_texts()]
        mine = sorted(p["nama"] for p in peg if p["nip_atasan"] == nip)
        assert sorted(shown) == mine, (username, shown)
        assert page.locator(".kf-penilai select").count() == 0        # no evaluator dropdown
        me = next(p["nama"] for p in peg if p["nip"] == nip)
        assert me in page.locator(".kn-app").first.inner_text()       # "Masuk sebagai ..."
        # nothing about the other evaluators or other units' pegawai reached the browser
        sent = page.content() + "".join(frames)
        allowed = {p["nama"] for p in peg if p["nip"] == nip or p["nip_atasan"] == nip}
        others = [p for p in peg if p["nip"] != nip and p["nip_atasan"] != nip]
        leaked = [p["nama"] for p in others if p["nama"] in sent and p["nama"] not in allowed]
        leaked += [p["nip"] for p in others if p["nip"] in sent]
        assert not leaked, (username, leaked)
        ctx.close()


def test_wrong_password_then_rate_limit(browser, server):
    page = new_page(browser)
    _masuk(page, server.url + "login", "yuni", "salah-sekali")
    page.wait_for_selector("#kn-pesan-masuk", timeout=T)
    assert "Nama pengguna atau kata sandi salah." in page.inner_text("#kn-pesan-masuk")
    # an unknown user name says the same thing (no account enumeration)
    _masuk(page, server.url + "login", "tidak-ada", "salah-sekali")
    page.wait_for_selector("#kn-pesan-masuk", timeout=T)
    assert "Nama pengguna atau kata sandi salah." in page.inner_text("#kn-pesan-masuk")
    shots(page, "login-salah")
    for _ in range(5):
        _masuk(page, server.url + "login", "made", "salah-lagi-ya")
        page.wait_for_selector("#kn-pesan-masuk", timeout=T)
    # the 6th try, even with the right password, is held back
    _masuk(page, server.url + "login", "made", "sandi-made-2026")
    page.wait_for_selector("#kn-pesan-masuk", timeout=T)
    assert "Terlalu banyak percobaan" in page.inner_text("#kn-pesan-masuk")
    page.close()


def test_login_page_and_refusal_page(browser, server):
    page = new_page(browser)
    page.goto(server.url, timeout=T)          # the landing page needs a login
    page.wait_for_selector("#kn-form-masuk", timeout=T)
    assert page.title().startswith("Masuk")
    shots(page, "login")
    before = kernel_pids(server)
    _masuk(page, server.url + "login?next=/voila/render/01_muat_rencana.ipynb", "yuni", "sandi-yuni-2026")
    page.wait_for_selector("#kn-pesan-tolak", timeout=T)  # an evaluator is not HR
    assert "tidak berwenang" in page.inner_text("#kn-pesan-tolak")
    assert kernel_pids(server) <= before
    shots(page, "ditolak")
    page.goto(server.url, timeout=T)          # the landing page: only the apps of this role, who is logged in
    page.wait_for_selector(".kn-apps", timeout=T)
    titles = page.locator(".kn-app-judul").all_inner_texts()
    assert titles[0] == "Formulir Penilaian Kinerja Pegawai" and "Muat Rencana Kinerja (SKP)" not in titles
    assert "yuni" in page.inner_text(".kn-siapa")
    shots(page, "beranda")
    page.goto(server.url + "voila/render/04_ringkasan_unit.ipynb", timeout=T)
    page.wait_for_selector("#kn-judul-tolak", timeout=T)
    assert page.inner_text("#kn-judul-tolak") == "Halaman tidak ditemukan"
    page.close()


def test_session_expires(server):
    """The session cookie carries its expiry (--sesi-jam); an old cookie is a login again."""
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(server.url + "login", timeout=60) as r:
        assert r.status == 200
    xsrf = next(c.value for c in jar if c.name == "_xsrf")
    data = urllib.parse.urlencode({"username": "sdm", "password": "sandi-sdm-20266", "_xsrf": xsrf}).encode()
    with opener.open(server.url + "login", data=data, timeout=60) as r:
        assert "Muat Rencana" in r.read().decode()        # logged in: the landing page with HR's app
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with opener.open(server.url, timeout=60) as r:
            if "kn-form-masuk" in r.read().decode():
                break
        time.sleep(1)   # waiting for the wall clock to pass the session's expiry
    else:
        pytest.fail("the session did not expire")


import urllib.parse  # noqa: E402

"""Issue 11 points 1, 6 and 10, as attacks against a real `kinerja serve`: who may open which app.

Every served app is checked by the server (kinerja.cli.serve_web) before a kernel is taken or
started; refused requests get an Indonesian page and cost no kernel. These tests speak plain HTTP
(no browser needed) except the last ones, which look at what the form sends to a browser.
"""

from __future__ import annotations

import csv
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from voila_server import ROOT, kernel_pids, kinerja_serve, workspace_with_accounts

pytestmark = [pytest.mark.slow]

FORGED = "eve-1987.0417.2011.0722-90@evil"


def _pegawai(ws: Path) -> list[dict]:
    with open(ws / "pegawai.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def get(url: str, headers: dict | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    return workspace_with_accounts(tmp_path_factory.mktemp("akses") / "workspace")


@pytest.fixture(scope="module")
def header_server(ws):
    with kinerja_serve(ws, pool_size=1, identitas="header:X-Remote-User") as s:
        yield s


def _no_personal_data(body: str, ws: Path) -> None:
    for p in _pegawai(ws):
        assert p["nip"] not in body
        assert p["nama"] not in body


@pytest.mark.parametrize("nb", ["03_laporan_pegawai.ipynb", "04_ringkasan_unit.ipynb"])
@pytest.mark.parametrize("user", [None, "sdm"])
def test_batch_notebooks_are_never_served(header_server, ws, nb, user):
    """A plain GET of notebook 04 returned a whole unit; a GET of 03 wrote report files."""
    before_k = kernel_pids(header_server)
    before_files = {p for p in ws.parent.rglob("*")} | set((ROOT / "notebooks").parent.glob("*"))
    status, body = get(header_server.url + "voila/render/" + nb, {"X-Remote-User": user} if user else {})
    assert status == 404
    assert "Halaman tidak ditemukan" in body
    _no_personal_data(body, ws)
    assert kernel_pids(header_server) <= before_k
    new = ({p for p in ws.parent.rglob("*")} | set((ROOT / "notebooks").parent.glob("*"))) - before_files
    # no report written anywhere (the database's own journal files and the server log aside)
    assert not [p for p in new if ".kinerja" not in p.parts and not p.name.startswith("kinerja.db")], new


def test_hr_upload_notebook_refused_without_identity(header_server, ws):
    """Notebook 01 with no identity header (and with a client-forged server header) is refused before a
    kernel runs, so nothing can be uploaded or loaded into the database."""
    before_k = kernel_pids(header_server)
    for headers in ({}, {"X-Kinerja-Pengguna": "sdm"}, {"X-Remote-User": ""}):
        status, body = get(header_server.url + "voila/render/01_muat_rencana.ipynb", headers)
        assert status == 401, headers
        assert "Anda belum dikenali" in body and "Muat ke basis data" not in body
        assert "jupyter-config-data" not in body  # no kernel id handed out
    assert kernel_pids(header_server) <= before_k
    # an evaluator is not HR
    status, body = get(header_server.url + "voila/render/01_muat_rencana.ipynb", {"X-Remote-User": "yuni"})
    assert status == 403 and "tidak berwenang" in body and "Pengelola SDM" in body
    assert kernel_pids(header_server) <= before_k
    # HR is let in (a kernel starts for them)
    status, body = get(header_server.url + "voila/render/01_muat_rencana.ipynb", {"X-Remote-User": "sdm"})
    assert status == 200 and "jupyter-config-data" in body


def test_forged_user_name_with_nip_digits_is_nobody(header_server, ws):
    """`X-Remote-User: eve-1987.0417.2011.0722-90@evil` logged in as the Kepala Dinas (digit extraction)."""
    for nb in ("02_form_penilaian.ipynb", "07_kuesioner_360.ipynb", "01_muat_rencana.ipynb"):
        status, body = get(header_server.url + "voila/render/" + nb, {"X-Remote-User": FORGED})
        assert status == 401, nb
        _no_personal_data(body, ws)
    status, body = get(header_server.url, {"X-Remote-User": FORGED})
    assert "Muat Rencana" not in body and "Formulir Penilaian" not in body
    assert "belum dikenali" in body


def test_refused_requests_cost_no_kernel(header_server):
    """Five GETs of notebook 07 by an unknown user added 5 kernels (+736 MB)."""
    before = kernel_pids(header_server)
    for _ in range(5):
        status, _ = get(header_server.url + "voila/render/07_kuesioner_360.ipynb", {"X-Remote-User": "tamu"})
        assert status == 401
    assert kernel_pids(header_server) <= before


def test_landing_lists_only_the_users_apps(header_server):
    _, hr = get(header_server.url, {"X-Remote-User": "sdm"})
    _, pen = get(header_server.url, {"X-Remote-User": "yuni"})
    assert "Muat Rencana" in hr and "Formulir Penilaian" not in hr
    assert "Formulir Penilaian" in pen and "Muat Rencana" not in pen
    for body in (hr, pen):
        assert "Laporan" not in body.split("kn-apps", 1)[-1] or "ringkasan_unit" not in body
        assert "03_laporan_pegawai" not in body and "04_ringkasan_unit" not in body


def test_header_from_untrusted_address_is_ignored(ws):
    """The identity header is trusted only from the configured proxy addresses."""
    with kinerja_serve(ws, pool_size=0, identitas="header:X-Remote-User",
                       args=["--proxy-tepercaya", "10.255.255.1"]) as s:
        before = kernel_pids(s)
        status, body = get(s.url + "voila/render/01_muat_rencana.ipynb", {"X-Remote-User": "sdm"})
        assert status == 401 and "belum dikenali" in body
        status, body = get(s.url + "voila/render/02_form_penilaian.ipynb", {"X-Remote-User": "yuni"})
        assert status == 401
        assert kernel_pids(s) <= before
        assert "diabaikan" not in "".join(s.log)  # logged to the file, not the terminal
        assert "diabaikan" in (ws / ".kinerja" / "serve.log").read_text(encoding="utf-8")


def test_header_mode_needs_a_trusted_proxy(ws):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "kinerja.cli", "serve", str(ws), "--identitas", "header:X-Remote-User"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "--proxy-tepercaya" in (r.stdout + r.stderr)


def test_busy_port_fails_with_indonesian_message(header_server, ws):
    """A second `kinerja serve` on a busy port printed the other server's URL."""
    import subprocess
    import sys

    port = header_server.url.rsplit(":", 1)[1].strip("/")
    r = subprocess.run([sys.executable, "-m", "kinerja.cli", "serve", str(ws), "--port", port],
                       capture_output=True, text=True, timeout=60)
    out = r.stdout + r.stderr
    assert r.returncode != 0
    assert f"port {port}" in out and "sudah dipakai" in out
    assert f"http://127.0.0.1:{port}" not in out


def test_terminal_shows_no_kernel_warnings(header_server, ws):
    """ipykernel's 'running over TCP without encryption' goes to WORKSPACE/.kinerja/kernel.log."""
    log = "".join(header_server.log)
    assert "without encryption" not in log and "is not trusted" not in log
    assert "without encryption" in (ws / ".kinerja" / "kernel.log").read_text(encoding="utf-8")


def test_served_page_speaks_indonesian(header_server):
    """Issue 12 point 4: the page's title is the notebook's first heading and the loading texts are
    Indonesian (Voila's "Running ...", "Executing 4 of 6", "Loading widget..." are replaced)."""
    status, body = get(header_server.url + "voila/render/05_belajar_predikat_2022.ipynb", {"X-Remote-User": "sdm"})
    assert status == 200
    assert 'document.title = "Dari SKP sampai predikat kinerja \\u00b7 kinerja"' in body
    assert 'el.textContent = "Memuat " + judul' in body and "Menyiapkan " in body
    assert "Memuat tampilan" in body and "window.voila_process = window.update_loading_text" in body


def test_base_url_behind_a_prefix_stripping_proxy(ws):
    """A reverse proxy that strips a prefix such as /user/NAME/: routes stay at /, links carry the prefix."""
    with kinerja_serve(ws, pool_size=0, args=["--base-url", "/user/yuni/"]) as s:
        status, body = get(s.url)
        assert status == 200 and 'href="/user/yuni/voila/render/02_form_penilaian.ipynb"' in body
        assert "http://127.0.0.1:" in "".join(s.log) and "/user/yuni/" in "".join(s.log)


def test_notebooks_folder_untouched():
    assert not list((ROOT / "notebooks").glob("*.html"))

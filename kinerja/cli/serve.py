"""``kinerja serve``: the evaluator form and every notebook in ``notebooks/``, served by Voilà.

* The landing page lists every notebook of ``notebooks/`` (title = its first markdown heading),
  the evaluator form first. It is generated at start into a runtime template folder that sits in
  front of ``templates/voila`` (the kinerja Voilà template: tidy form styling, no code).
* The form notebook gets a pool of preheated kernels (``preheat_kernel``, ``pool_size``); its
  notebook calls ``voila.utils.wait_for_request()`` before reading the query string / identity.
  Other notebooks start a kernel on request. Idle kernels are culled (``--cull-idle`` seconds).
* Binds 127.0.0.1 by default. Any other address requires a token (generated and printed unless
  ``--token`` is given) or a reverse proxy / JupyterHub in front (see docs/deploy.md).
* Kernels learn the workspace and identity mode from the environment: ``KINERJA_WORKSPACE``,
  ``KINERJA_DB_URL``, ``KINERJA_IDENTITAS`` (demo / login / hub / header:NAME).
* ``--identitas hub``: run as a JupyterHub single-user server (``c.Spawner.cmd``). Address, port and
  URL prefix come from the spawner's environment (``JUPYTERHUB_SERVICE_URL``,
  ``JUPYTERHUB_SERVICE_PREFIX``; JupyterHub >= 2 passes no arguments); every request is checked with
  the Hub (OAuth, :mod:`kinerja.cli.serve_web`). The Hub's API token is moved from the environment
  into the server's configuration, so kernels never inherit it. Every app notebook reads
  them: 02 (form) and 07 (360 questionnaire, same database and identity rules as the form) through
  :mod:`kinerja.ui`, 08 (IKM) through :func:`kinerja.dataset.workspace.open_workspace`. The 360
  questionnaire also gets one preheated kernel.
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path

from kinerja.domain.resources import resource_dir

FORM_NOTEBOOK = "02_form_penilaian.ipynb"
KUESIONER_NOTEBOOK = "07_kuesioner_360.ipynb"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def notebooks_dir() -> Path:
    return Path(os.environ.get("KINERJA_NOTEBOOKS") or resource_dir("notebooks"))


def templates_dir() -> Path:
    """The folder holding ``voila/templates/kinerja`` (added to JUPYTER_PATH)."""
    return Path(os.environ.get("KINERJA_TEMPLATES") or resource_dir("templates"))


def notebook_heading(path: Path) -> tuple[str, str]:
    """(title, summary) for the landing page: the first markdown heading (else the file name) and the
    first plain line of the first markdown cell, without markdown emphasis."""
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        cells = []
    md = ["".join(c["source"]) if isinstance(c.get("source"), list) else c.get("source", "")
          for c in cells if c.get("cell_type") == "markdown"]
    headings = [ln.lstrip("# ").strip() for src in md for ln in src.splitlines() if ln.lstrip().startswith("#")]
    plain = [ln.strip() for ln in (md[0].splitlines() if md else []) if ln.strip() and not ln.lstrip().startswith("#")]
    return (headings[0] if headings else Path(path).stem.replace("_", " "),
            re.sub(r"[*_`]+", "", plain[0]) if plain else "")


# Batch notebooks run under Papermill through `kinerja report`; they are not apps.
BATCH_NOTEBOOKS = ("03_laporan_pegawai.ipynb", "04_ringkasan_unit.ipynb")


def landing_entries(folder: Path | None = None) -> list[dict]:
    """Every notebook of the folder: name, title, summary, with the evaluator form first."""
    folder = folder or notebooks_dir()
    out = []
    for p in sorted(folder.glob("*.ipynb")):
        if not p.name.startswith(".") and p.name not in BATCH_NOTEBOOKS:
            title, summary = notebook_heading(p)
            out.append({"name": p.name, "title": title, "summary": summary})
    out.sort(key=lambda e: (e["name"] != FORM_NOTEBOOK, e["name"]))
    return out


def landing_html(entries: list[dict]) -> str:
    """The landing-page list (a Jinja include; ``base_url`` is filled in by Voilà)."""
    items = []
    for e in entries:
        main = " kn-app-utama" if e["name"] == FORM_NOTEBOOK else ""
        items.append(
            f"<li class='kn-app-item{main}'><a href=\"{{{{ base_url }}}}voila/render/{html.escape(e['name'])}\">"
            f"<span class='kn-app-judul'>{html.escape(e['title'])}</span>"
            f"<span class='kn-app-ket'>{html.escape(e['summary'])}</span></a></li>")
    return "<ul class='kn-apps'>\n" + "\n".join(items) + "\n</ul>\n"


def prepare_runtime(workspace, db: str | None = None) -> Path:
    """A runtime folder put in front of the repository template (kept for custom templates that
    include the generated landing list ``kinerja_apps.html``)."""
    rt = Path(tempfile.mkdtemp(prefix="kinerja-voila-"))
    tdir = rt / "voila" / "templates" / "kinerja"
    tdir.mkdir(parents=True)
    (tdir / "kinerja_apps.html").write_text(landing_html(landing_entries()), encoding="utf-8")
    return rt


def state_dir(workspace) -> Path:
    """Where ``kinerja serve`` writes its logs: ``WORKSPACE/.kinerja`` (owner-only)."""
    d = Path(workspace) / ".kinerja"
    d.mkdir(mode=0o700, exist_ok=True)
    return d


def check_port(host: str, port: int) -> int:
    """The port to listen on: ``port`` when it is free, a free port when ``port`` is 0; a busy port
    is an :class:`InputError` with an Indonesian message (never the other server's URL)."""
    import socket

    from kinerja.errors import InputError

    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, int(port)))
        except OSError:
            raise InputError(f"port {port} di {host} sudah dipakai program lain (mungkin kinerja serve yang lain). "
                             f"Hentikan program itu, pilih port lain dengan --port, atau --port 0 untuk port bebas.") from None
        return s.getsockname()[1]


IDENTITAS = ("demo", "login", "hub", "header:NAMA")
# what a JupyterHub spawner gives its single-user server (JupyterHub >= 2: environment only)
HUB_ENV = ("JUPYTERHUB_USER", "JUPYTERHUB_API_TOKEN", "JUPYTERHUB_CLIENT_ID", "JUPYTERHUB_SERVICE_PREFIX",
           "JUPYTERHUB_API_URL")


def hub_server(host: str | None, port: int | None, base_url: str | None) -> tuple[str, int, str]:
    """(host, port, base URL) of a single-user server from the spawner's environment; explicit CLI
    values win. Missing ``JUPYTERHUB_*`` variables are an :class:`InputError`: hub mode outside a
    JupyterHub spawner would trust nobody (and must never trust ``JUPYTERHUB_USER`` alone)."""
    from urllib.parse import urlparse

    from kinerja.errors import InputError

    try:
        import jupyterhub.services.auth  # noqa: F401  (the Hub login of every request)
    except ImportError:
        raise InputError("--identitas hub memerlukan paket jupyterhub (versi yang sama dengan Hub) di lingkungan "
                         "server pengguna: pip install 'jupyterhub>=4.1.6,<4.2'") from None
    missing = [k for k in HUB_ENV if not os.environ.get(k)]
    if missing:
        raise InputError("--identitas hub hanya berjalan sebagai server pengguna JupyterHub (c.Spawner.cmd); "
                         f"variabel lingkungan dari JupyterHub belum ada: {', '.join(missing)}")
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL") or "")
    host = host or url.hostname or "127.0.0.1"
    port = port if port is not None else (url.port or 8866)
    prefix = os.environ["JUPYTERHUB_SERVICE_PREFIX"]
    if base_url and base_url.rstrip("/") != prefix.rstrip("/"):
        raise InputError(f"--base-url {base_url} berbeda dengan awalan JupyterHub {prefix}; hapus --base-url")
    return host, int(port), prefix.rstrip("/") + "/"


def voila_config(*, host: str, port: int, pool_size: int, token: str | None, cull_idle: int, base_url: str = "/",
                 header: str | None = None, identitas: str = "demo", proxy_tepercaya: list[str] | None = None,
                 db_url: str = "", sesi_jam: float = 8.0):
    from traitlets.config import Config

    from kinerja.cli.serve_web import PENGGUNA_HEADER

    c = Config()
    c.Voila.ip = host
    c.Voila.port = port
    c.Voila.port_retries = 0          # never drift to another port while we print this one
    c.Voila.open_browser = False
    c.Voila.base_url = base_url
    # routes at /, links under base_url (a prefix-stripping proxy); JupyterHub's proxy keeps the
    # /user/NAME/ prefix, so a Hub single-user server routes under it
    c.Voila.server_url = base_url if identitas == "hub" else "/"
    if identitas == "hub":
        from jupyterhub import __version__ as hub_version

        # the Hub checks its single-user servers' version (as jupyterhub-singleuser sends it)
        c.Voila.tornado_settings = {"headers": {"X-JupyterHub-Version": hub_version}}
    c.Voila.identity_provider_class = "kinerja.cli.serve_web.KinerjaIdentityProvider"
    c.KinerjaIdentityProvider.mode = identitas
    c.KinerjaIdentityProvider.proxy_tepercaya = list(proxy_tepercaya or [])
    c.KinerjaIdentityProvider.db_url = db_url
    c.KinerjaIdentityProvider.sesi_detik = int(float(sesi_jam) * 3600)
    c.VoilaConfiguration.template = "kinerja"
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 0
    c.VoilaConfiguration.classic_tree = True
    c.VoilaConfiguration.show_tracebacks = False
    c.VoilaConfiguration.allow_template_override = "NO"   # always the kinerja template (no ?template=)
    c.VoilaConfiguration.allow_theme_override = "NO"
    # the only header a kernel receives: the identity the server verified (serve_web.GerbangHandler)
    c.VoilaConfiguration.http_header_envs = [PENGGUNA_HEADER]
    c.VoilaKernelManager.kernel_pools_config = {
        "default": {"pool_size": 0},
        FORM_NOTEBOOK: {"pool_size": max(int(pool_size), 0)},
        # the 360 questionnaire is opened by many raters: one warm kernel (it waits for the request
        # before reading the identity, like the form)
        KUESIONER_NOTEBOOK: {"pool_size": min(max(int(pool_size), 0), 1)},
    }
    c.VoilaKernelManager.fill_delay = 0
    # kernels' own stderr (e.g. "Kernel is running over TCP without encryption") goes to the log file
    c.AsyncMappingKernelManager.kernel_manager_class = "kinerja.cli.serve_web.KernelManagerBerlog"
    c.MappingKernelManager.cull_idle_timeout = int(cull_idle)
    c.MappingKernelManager.cull_interval = max(10, min(60, int(cull_idle) // 4 or 10))
    c.MappingKernelManager.cull_connected = False
    if token:
        c.Voila.token = token
    return c


class _Saring:
    """A logging filter: the English kernel/notebook warnings go to the log file, not the terminal."""

    POLA = ("without encryption", "is not trusted", "Could not determine jupyterlab build status",
            "Blocking", "ditolak", "login gagal", "ditahan", "diabaikan")

    def __init__(self, pola=None):
        self.pola = tuple(pola or self.POLA)

    def filter(self, record) -> bool:
        msg = record.getMessage()
        return not any(p in msg for p in self.pola)


def _pasang_log(app, logfile: Path) -> None:
    import logging

    fh = logging.FileHandler(logfile, encoding="utf-8")
    fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    fh.setLevel(logging.INFO)
    for lg in (app.log, logging.getLogger()):
        for h in list(lg.handlers):
            h.addFilter(_Saring())
        lg.addHandler(fh)


def serve(workspace, *, host: str | None = None, port: int | None = None, db: str | None = None,
          pool_size: int = 2, token: str | None = None, identitas: str = "demo", open_browser: bool = False,
          cull_idle: int = 300, base_url: str | None = None, siklus: str = "triwulan",
          proxy_tepercaya: list[str] | None = None, sesi_jam: float = 8.0) -> int:
    """Start Voilà (blocks until stopped). ``host``/``port``/``base_url`` None: the defaults
    (127.0.0.1, 8866, /), or in hub mode what the JupyterHub spawner put in the environment."""
    from kinerja.errors import InputError
    from kinerja.store.core import DB_FILENAME, Store, url_for

    ws = Path(workspace).resolve()
    url = url_for(ws, db)
    if url.startswith("sqlite:///") and not db and not os.environ.get("KINERJA_DB_URL") and not (ws / DB_FILENAME).is_file():
        raise InputError(f"folder {workspace} belum punya basis data; jalankan dulu: kinerja init {workspace}")
    if identitas not in ("demo", "hub", "login") and not (identitas.startswith("header:") and identitas[7:].strip()):
        raise InputError(f"--identitas '{identitas}' tidak dikenal; gunakan demo, login, hub atau header:NAMA")
    header = identitas.split(":", 1)[1].strip() if identitas.startswith("header:") else None
    if header and not proxy_tepercaya:
        raise InputError(f"--identitas {identitas} perlu --proxy-tepercaya ALAMAT (alamat proxy yang mengisi header "
                         f"{header}, mis. 127.0.0.1); header dari alamat lain diabaikan")
    if identitas == "hub":
        host, port, base_url = hub_server(host, port, base_url)
    host = host or "127.0.0.1"
    port = 8866 if port is None else port
    base_url = base_url or "/"
    if identitas == "demo" and host not in LOCAL_HOSTS and not token:
        token = secrets.token_urlsafe(24)
    port = check_port(host, port)
    st = Store(url)  # upgrades the schema before kernels open it
    if st.is_empty():
        raise InputError(f"basis data {url} masih kosong; jalankan: kinerja init {workspace} --from FOLDER_DATA")
    if identitas == "login" and not any(r["bersandi"] and r["aktif"] for r in __import__(
            "kinerja.services.akses", fromlist=["daftar_akun"]).daftar_akun(st)):
        print("kinerja: PERINGATAN: belum ada akun bersandi; buat dengan: "
              f"kinerja akun tambah {workspace} NAMA --nip NIP --peran pejabat_penilai", flush=True)
    st.engine.dispose()

    rt = prepare_runtime(ws, db)
    logs = state_dir(ws)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(rt), str(templates_dir())] + ([os.environ["JUPYTER_PATH"]] if os.environ.get("JUPYTER_PATH") else []))
    os.environ["KINERJA_WORKSPACE"] = str(ws)
    os.environ["KINERJA_DB_URL"] = url
    os.environ["KINERJA_IDENTITAS"] = identitas
    os.environ["KINERJA_SIKLUS"] = siklus
    os.environ["KINERJA_LOG_KERNEL"] = str(logs / "kernel.log")

    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    link = f"http://{shown_host}:{port}{base_url}"
    mode_label = {"demo": "demo (siapa pun memilih penilai; hanya untuk demonstrasi)",
                  "login": "login (akun dan kata sandi di basis data workspace)",
                  "hub": f"hub (login JupyterHub; hanya {os.environ.get('JUPYTERHUB_USER', '')})"}.get(identitas, f"{identitas} dari proxy {', '.join(proxy_tepercaya or [])}")
    print(f"kinerja: melayani folder kerja {ws}", flush=True)
    print(f"  Basis data : {url}", flush=True)
    print(f"  Identitas  : {mode_label}", flush=True)
    print(f"  Log        : {logs / 'serve.log'}", flush=True)
    if token:
        print(f"  Token      : {token}", flush=True)
        print(f"  Buka       : {link}?token={token}", flush=True)
        print(f"  Formulir   : {link}voila/render/{FORM_NOTEBOOK}?token={token}", flush=True)
    else:
        print(f"  Buka       : {link}", flush=True)
        print(f"  Formulir   : {link}voila/render/{FORM_NOTEBOOK}", flush=True)
    print("  Hentikan dengan Ctrl+C.", flush=True)

    from voila.app import Voila

    from kinerja.cli.serve_web import ganti_handler

    apps = [dict(e, utama=e["name"] == FORM_NOTEBOOK) for e in landing_entries()]
    nbdir = str(notebooks_dir())

    class KinerjaVoila(Voila):
        def init_settings(self):
            settings = super().init_settings()
            settings["kinerja_apps"] = apps
            settings["kinerja_notebooks"] = nbdir
            return settings

        def init_handlers(self):
            return ganti_handler(super().init_handlers(), self.base_url)

    cfg = voila_config(host=host, port=port, pool_size=pool_size, token=token, cull_idle=cull_idle,
                       base_url=base_url, header=header, identitas=identitas, proxy_tepercaya=proxy_tepercaya,
                       db_url=url, sesi_jam=sesi_jam)
    cfg.Voila.open_browser = bool(open_browser)
    if identitas == "hub":
        # the Hub's API token: from the spawner's environment into HubOAuth's configuration only
        cfg.HubOAuth.api_token = os.environ.pop("JUPYTERHUB_API_TOKEN")
    app = KinerjaVoila(config=cfg)
    app.initialize([nbdir])
    _pasang_log(app, logs / "serve.log")
    app.start()
    return 0


def cmd_serve(args) -> int:
    return serve(args.workspace, host=args.host, port=args.port, db=args.db, pool_size=args.pool_size,
                 token=args.token, identitas=args.identitas, open_browser=args.open_browser,
                 cull_idle=args.cull_idle, siklus=args.siklus, proxy_tepercaya=args.proxy_tepercaya,
                 sesi_jam=args.sesi_jam, base_url=args.base_url)


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the evaluator form and the notebooks with Voila")
    p.add_argument("workspace")
    p.add_argument("--host", help="address to bind (default 127.0.0.1, hub mode: from JUPYTERHUB_SERVICE_URL; "
                                  "demo mode elsewhere needs a token)")
    p.add_argument("--port", type=int, help="port (default 8866, hub mode: from JUPYTERHUB_SERVICE_URL; 0 = pick a "
                                            "free one and print it); a busy port is an error")
    p.add_argument("--pool-size", type=int, default=2, help="preheated kernels kept ready for the form")
    p.add_argument("--token", help="access token (generated and printed when demo mode binds beyond localhost)")
    p.add_argument("--identitas", default="demo",
                   help="who is using the apps: demo (anyone picks an evaluator; local demos only), login "
                        "(accounts and passwords in the workspace database, see `kinerja akun`), hub "
                        "(a JupyterHub single-user server: the Hub login of every request, only JUPYTERHUB_USER) "
                        "or header:NAME (an HTTP header set by your proxy, e.g. header:X-Remote-User)")
    p.add_argument("--proxy-tepercaya", nargs="+", metavar="ADDR", default=[],
                   help="proxy addresses/networks whose identity header is trusted (header mode); others are ignored")
    p.add_argument("--sesi-jam", type=float, default=8.0, help="login mode: hours before a session expires")
    p.add_argument("--siklus", choices=("bulanan", "triwulan", "semester"), default="triwulan",
                   help="the office's periodic evaluation cycle offered in the form, beside tahunan")
    p.add_argument("--cull-idle", type=int, default=300, help="seconds before an idle kernel is culled")
    p.add_argument("--open-browser", action="store_true")
    p.add_argument("--base-url",
                   help="URL prefix the browser uses, when a proxy strips it (hub mode: JUPYTERHUB_SERVICE_PREFIX)")
    p.add_argument("--db", help="SQLAlchemy database URL (default: KINERJA_DB_URL, else WORKSPACE/kinerja.db)")
    p.set_defaults(func=cmd_serve)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(sys.argv[1]))

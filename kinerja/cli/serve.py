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
  ``KINERJA_DB_URL``, ``KINERJA_IDENTITAS`` (demo / hub / header:NAME). Every app notebook reads
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
    """A runtime folder with the generated landing list, put in front of the repository template."""
    rt = Path(tempfile.mkdtemp(prefix="kinerja-voila-"))
    tdir = rt / "voila" / "templates" / "kinerja"
    tdir.mkdir(parents=True)
    (tdir / "kinerja_apps.html").write_text(landing_html(landing_entries()), encoding="utf-8")
    return rt


def voila_config(*, host: str, port: int, pool_size: int, token: str | None, cull_idle: int, base_url: str = "/",
                 header: str | None = None):
    from traitlets.config import Config

    c = Config()
    c.Voila.ip = host
    c.Voila.port = port
    c.Voila.open_browser = False
    c.Voila.base_url = base_url
    c.VoilaConfiguration.template = "kinerja"
    c.VoilaConfiguration.preheat_kernel = True
    c.VoilaConfiguration.default_pool_size = 0
    c.VoilaConfiguration.classic_tree = True
    c.VoilaConfiguration.show_tracebacks = False
    if header:
        c.VoilaConfiguration.http_header_envs = [header]
    c.VoilaKernelManager.kernel_pools_config = {
        "default": {"pool_size": 0},
        FORM_NOTEBOOK: {"pool_size": max(int(pool_size), 0)},
        # the 360 questionnaire is opened by many raters: one warm kernel (it waits for the request
        # before reading the identity, like the form)
        KUESIONER_NOTEBOOK: {"pool_size": min(max(int(pool_size), 0), 1)},
    }
    c.VoilaKernelManager.fill_delay = 0
    c.MappingKernelManager.cull_idle_timeout = int(cull_idle)
    c.MappingKernelManager.cull_interval = max(30, min(300, int(cull_idle) // 4 or 30))
    c.MappingKernelManager.cull_connected = False
    if token:
        c.Voila.token = token
    return c


def serve(workspace, *, host: str = "127.0.0.1", port: int = 8866, db: str | None = None, pool_size: int = 2,
          token: str | None = None, identitas: str = "demo", open_browser: bool = False, cull_idle: int = 900,
          base_url: str = "/", siklus: str = "triwulan") -> int:
    """Start Voilà (blocks until stopped)."""
    from kinerja.errors import InputError
    from kinerja.store.core import DB_FILENAME, Store, url_for

    ws = Path(workspace).resolve()
    url = url_for(ws, db)
    if url.startswith("sqlite:///") and not db and not os.environ.get("KINERJA_DB_URL") and not (ws / DB_FILENAME).is_file():
        raise InputError(f"workspace {workspace} belum punya basis data; jalankan dulu: kinerja init {workspace}")
    st = Store(url)  # upgrades the schema before kernels open it
    if st.is_empty():
        raise InputError(f"basis data {url} masih kosong; jalankan: kinerja init {workspace} --from FOLDER_DATA")
    st.engine.dispose()
    if identitas not in ("demo", "hub") and not identitas.startswith("header:"):
        raise InputError(f"--identitas '{identitas}' tidak dikenal; gunakan demo, hub atau header:NAMA")
    if host not in LOCAL_HOSTS and not token:
        token = secrets.token_urlsafe(24)
    header = identitas.split(":", 1)[1].strip() if identitas.startswith("header:") else None

    rt = prepare_runtime(ws, db)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(rt), str(templates_dir())] + ([os.environ["JUPYTER_PATH"]] if os.environ.get("JUPYTER_PATH") else []))
    os.environ["KINERJA_WORKSPACE"] = str(ws)
    os.environ["KINERJA_DB_URL"] = url
    os.environ["KINERJA_IDENTITAS"] = identitas
    os.environ["KINERJA_SIKLUS"] = siklus

    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    link = f"http://{shown_host}:{port}{base_url}"
    print(f"kinerja: melayani workspace {ws}", flush=True)
    print(f"  Basis data : {url}", flush=True)
    print(f"  Identitas  : {identitas}", flush=True)
    if token:
        print(f"  Token      : {token}", flush=True)
        print(f"  Buka       : {link}?token={token}", flush=True)
        print(f"  Formulir   : {link}voila/render/{FORM_NOTEBOOK}?token={token}", flush=True)
    else:
        print(f"  Buka       : {link}", flush=True)
        print(f"  Formulir   : {link}voila/render/{FORM_NOTEBOOK}", flush=True)
    print("  Hentikan dengan Ctrl+C.", flush=True)

    from voila.app import Voila

    cfg = voila_config(host=host, port=port, pool_size=pool_size, token=token, cull_idle=cull_idle,
                       base_url=base_url, header=header)
    cfg.Voila.open_browser = bool(open_browser)
    app = Voila(config=cfg)
    app.initialize([str(notebooks_dir())])
    app.start()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve(sys.argv[1]))

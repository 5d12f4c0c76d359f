"""Shared widget helpers for the kinerja apps (form, plan loading, questionnaires, teaching).

Everything a user sees is Bahasa Indonesia. Import this only where widgets are wanted: it imports
ipywidgets. The CSS here is injected once per app by :func:`gaya` (works in JupyterLab as well as
under Voilà; the Voilà template adds page-level styling on top).

* :func:`gaya`            the shared stylesheet as an HTML widget
* :func:`header`          a styled page header (title, subtitle)
* :class:`Pesan`          a message area: ``ok``, ``info``, ``peringatan``, ``salah``
* :func:`periode_dropdown` a dropdown of periode codes with their Indonesian labels
* :func:`bagian`          a titled section card
* :func:`badge`           a small coloured status label (HTML)
* :func:`identitas_server` / :func:`nip_dari_identitas`  who is using the app when deployed (the name
  ``kinerja serve`` verified, mapped to a NIP through the ``akun`` table)
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as W

CSS = """
<style>
.kn-app { font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; color: #1d2733; max-width: 1080px;
          margin: 0 auto; }
.kn-app .widget-label, .kn-app .widget-html-content { font-size: 13.5px; }
.kn-header { background: linear-gradient(90deg, #16375f, #23558f); color: #fff; border-radius: 10px;
             padding: 14px 20px; margin: 4px 0 12px 0; }
.kn-header h1 { font-size: 21px; margin: 0; font-weight: 600; color: #fff; }
.kn-header p { margin: 3px 0 0 0; font-size: 13px; color: #dbe6f3; }
.kn-bagian { background: #fff; border: 1px solid #dde3ea; border-radius: 10px; padding: 10px 16px 14px 16px;
             margin: 0 0 12px 0; box-shadow: 0 1px 2px rgba(20, 40, 70, .05); }
.kn-bagian-judul h2 { font-size: 16px; color: #16375f; margin: 4px 0 6px 0; font-weight: 600; }
.kn-bagian-judul p { margin: 0 0 6px 0; color: #5b6775; font-size: 12.5px; }
.kn-pesan { min-height: 0; }
.kn-pesan div.kn-msg { border-radius: 6px; padding: 8px 12px; margin: 6px 0; font-size: 13.5px; }
.kn-msg-ok { background: #e6f4ea; color: #1b5e20; border: 1px solid #b7dfc1; }
.kn-msg-info { background: #e8f0fb; color: #16375f; border: 1px solid #c4d6f0; }
.kn-msg-peringatan { background: #fff6e0; color: #6b4e00; border: 1px solid #f0d48a; }
.kn-msg-salah { background: #fdecea; color: #8c1d18; border: 1px solid #f3bcb7; }
.kn-badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: 12px; font-weight: 600; }
.kn-badge-belum { background: #eceff3; color: #4a5563; }
.kn-badge-sebagian { background: #fff1c9; color: #7a5600; }
.kn-badge-selesai { background: #d9f2e1; color: #1b5e20; }
.kn-tabel { border-collapse: collapse; width: 100%; font-size: 13px; }
.kn-tabel th { text-align: left; background: #f2f5f9; color: #33475b; padding: 5px 8px; border-bottom: 1px solid #dde3ea; }
.kn-tabel td { padding: 5px 8px; border-bottom: 1px solid #eef1f5; vertical-align: top; }
.kn-tabel th, .kn-tabel td { line-height: 1.3; }
.kn-kecil { color: #5b6775; font-size: 12px; }
.kn-salah-inline { color: #b3261e; font-size: 12px; font-weight: 600; }
.kn-app .widget-dropdown select, .kn-app .widget-text input, .kn-app textarea { border-radius: 5px; }
.kn-app .jupyter-button.mod-primary { background: #1f5ea8; border-radius: 6px; font-weight: 600; }
</style>
"""


def gaya() -> W.HTML:
    """The shared stylesheet (add it once to an app's top box)."""
    return W.HTML(CSS, layout=W.Layout(height="0px", margin="0"))


def header(judul: str, subjudul: str = "") -> W.HTML:
    """A styled page header."""
    sub = f"<p>{html.escape(subjudul)}</p>" if subjudul else ""
    w = W.HTML(f"<div class='kn-header'><h1>{html.escape(judul)}</h1>{sub}</div>")
    w.add_class("kn-header-w")
    return w


def bagian(judul: str, isi, keterangan: str = "", cls: str = "") -> W.VBox:
    """A titled section card holding widgets ``isi`` (a list or one widget)."""
    ket = f"<p>{html.escape(keterangan)}</p>" if keterangan else ""
    kids = list(isi) if isinstance(isi, (list, tuple)) else [isi]
    box = W.VBox([W.HTML(f"<div class='kn-bagian-judul'><h2>{html.escape(judul)}</h2>{ket}</div>")] + kids)
    box.add_class("kn-bagian")
    if cls:
        box.add_class(cls)
    return box


def badge(status: str, teks: str | None = None) -> str:
    return f"<span class='kn-badge kn-badge-{html.escape(status)}'>{html.escape(teks or status)}</span>"


class Pesan:
    """A message area. ``Pesan().widget`` goes into the layout; call ``ok/info/peringatan/salah``."""

    def __init__(self, cls: str = ""):
        self.widget = W.HTML()
        self.widget.add_class("kn-pesan")
        if cls:
            self.widget.add_class(cls)
        self.jenis: str | None = None
        self.teks: str = ""

    def tampil(self, jenis: str, teks: str, detail: list[str] | None = None) -> None:
        self.jenis, self.teks = jenis, teks
        items = "".join(f"<li>{html.escape(d)}</li>" for d in (detail or []))
        lst = f"<ul style='margin:4px 0 0 18px;padding:0'>{items}</ul>" if items else ""
        self.widget.value = f"<div class='kn-msg kn-msg-{jenis}'>{html.escape(teks)}{lst}</div>"

    def ok(self, teks, detail=None):
        self.tampil("ok", teks, detail)

    def info(self, teks, detail=None):
        self.tampil("info", teks, detail)

    def peringatan(self, teks, detail=None):
        self.tampil("peringatan", teks, detail)

    def salah(self, teks, detail=None):
        self.tampil("salah", teks, detail)

    def hapus(self) -> None:
        self.jenis, self.teks = None, ""
        self.widget.value = ""


def periode_options(kode_list) -> list[tuple[str, str]]:
    """(label, kode) pairs, e.g. ("Triwulan I 2026", "2026-TW1")."""
    from kinerja.domain.periode import parse_periode

    return [(parse_periode(k).label, parse_periode(k).kode) for k in kode_list]


def periode_dropdown(kode_list, value: str | None = None, description: str = "Periode", width: str = "320px") -> W.Dropdown:
    """A dropdown of periode codes shown with their Indonesian labels."""
    opts = periode_options(kode_list)
    codes = [k for _, k in opts]
    w = W.Dropdown(options=opts, value=value if value in codes else (codes[-1] if codes else None),
                   description=description, layout=W.Layout(width=width), style={"description_width": "90px"})
    w.add_class("kn-periode")
    return w


def query_params() -> dict[str, str]:
    """Query-string parameters of the Voilà request (empty in JupyterLab or nbval). With preheated
    kernels this waits for the request first (:func:`tunggu_permintaan`)."""
    from urllib.parse import parse_qs

    try:
        tunggu_permintaan()
    except Exception:  # not under Voilà, or the request info is unavailable
        pass
    qs = os.environ.get("QUERY_STRING", "")
    return {k: v[-1] for k, v in parse_qs(qs).items()}


def tunggu_permintaan() -> None:
    """In a preheated Voilà kernel: wait for the page request and put its info (``QUERY_STRING``,
    the verified user header...) in ``os.environ``; at once otherwise.

    The protocol of ``voila.utils.wait_for_request`` (Voilà 0.5: one websocket message from
    ``{ws_base_url}voila/query/{kernel_id}``) without importing ``voila``: that import pulls in
    jupyter_server, nbconvert and jupyterlab_server and cost every form kernel ~31 MB."""
    import asyncio
    import json
    import threading

    env = os.environ
    if env.get("VOILA_PREHEAT", "False") == "False":
        return
    server_url = env.get("VOILA_SERVER_URL", "/")
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{env.get('VOILA_WS_BASE_URL', server_url)}voila/query/"
           f"{env.get('VOILA_KERNEL_ID')}")
    got: dict = {}

    async def recv():
        import websockets

        async with websockets.connect(url, open_timeout=5) as ws:
            return await ws.recv()

    def inner():  # the kernel's own event loop is running: a thread with its own loop
        loop = asyncio.new_event_loop()
        try:
            got["info"] = loop.run_until_complete(recv())
        except (TimeoutError, OSError):
            pass
        finally:
            loop.close()

    t = threading.Thread(target=inner)
    t.start()
    t.join()
    if got.get("info"):
        for k, v in json.loads(got["info"]).items():
            env[k] = v


PENGGUNA_ENV = "HTTP_X_KINERJA_PENGGUNA"   # set by `kinerja serve` after it verified the user (serve_web)


def identitas_server(mode: str | None = None) -> str | None:
    """The user name the server verified, or None in demo mode.

    ``mode`` (default ``KINERJA_IDENTITAS``): ``demo`` (None: the app shows a dropdown), ``hub``
    (``JUPYTERHUB_USER``), ``login`` or ``header:NAME``: the name ``kinerja serve`` checked (login
    session, or the proxy header from a trusted proxy address) and passed to the kernel as
    ``X-Kinerja-Pengguna`` (``HTTP_X_KINERJA_PENGGUNA``). A client's own headers never reach the kernel.
    Returns "" when nobody was verified.
    """
    mode = (mode or os.environ.get("KINERJA_IDENTITAS") or "demo").strip()
    if mode == "demo":
        return None
    if mode == "hub":
        return os.environ.get(PENGGUNA_ENV) or os.environ.get("JUPYTERHUB_USER") or ""
    if mode == "login" or (mode.startswith("header:") and mode[7:].strip()):
        return os.environ.get(PENGGUNA_ENV) or ""
    raise ValueError(f"mode identitas '{mode}' tidak dikenal; gunakan demo, login, hub atau header:NAMA")


def pengguna_dari_identitas(user: str, workspace=None, store=None):
    """The account (:class:`kinerja.services.akses.Pengguna`) of a verified user name, from the
    ``akun`` table of the workspace database; None when unknown or no name."""
    from kinerja.services import akses

    if not user:
        return None
    if store is None:
        store = buka_store(workspace)
    return akses.pengguna(store.engine, user)


def nip_dari_identitas(user: str, workspace=None, nips=None, store=None) -> str | None:
    """Map a verified user name to a NIP through the explicit ``akun`` table (``kinerja akun tambah``);
    never from digits in the name. ``nips``: when given, the NIP must be one of them. None when the
    name is unknown, the account is inactive or has no NIP."""
    p = pengguna_dari_identitas(user, workspace, store)
    if p is None or not p.aktif or not p.nip:
        return None
    if nips is not None and p.nip not in set(nips):
        return None
    return p.nip


def buka_store(workspace=None, db: str | None = None):
    """The workspace database the apps use: ``db`` / ``KINERJA_DB_URL`` / ``WORKSPACE/kinerja.db``
    (``KINERJA_WORKSPACE`` when ``workspace`` is None). Without any of them (e.g. the notebook opened
    in JupyterLab or run by the tests) a private temporary database seeded from the bundled sample
    instansi, so nothing real is touched."""
    import tempfile

    from kinerja.store.core import DB_FILENAME, Store
    from kinerja.store.engine import db_url_for

    url = db_url_for(workspace or os.environ.get("KINERJA_WORKSPACE"), db)  # the one resolver (as open_workspace)
    if url:
        return Store(url)
    from kinerja.services.sample import sample_instansi

    tmp = Path(tempfile.mkdtemp(prefix="kinerja-contoh-")) / DB_FILENAME
    st = Store(f"sqlite:///{tmp}")
    st.init_from(sample_instansi(), oleh="contoh")
    return st

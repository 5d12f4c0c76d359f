"""The web side of ``kinerja serve``: who is asking, and may they open this app (issue 11).

Built on Jupyter Server's own hooks (Voilà 0.5 runs on them), not on a home-made web layer:

* :class:`KinerjaIdentityProvider` (``Voila.identity_provider_class``) answers "who is this request?"
  for every handler (pages, kernel websockets, shutdown):

  - ``demo``: everyone is the demo user (a local demo; every page says so);
  - ``login``: the built-in login (:class:`LoginHandler`): accounts in the workspace database,
    argon2 hashes, a failed-login limit per user name and per address, a signed session cookie
    that expires (``--sesi-jam``);
  - ``header:NAME``: the header set by an authenticating proxy, trusted only when the request comes
    from one of the ``--proxy-tepercaya`` addresses; from anywhere else it is ignored;
  - ``hub``: a JupyterHub single-user server (the spawner's command is ``kinerja serve --identitas
    hub``). Every request is checked with JupyterHub's own classes: the OAuth login with the Hub
    (``jupyterhub.singleuser.extension.JupyterHubIdentityProvider``: HubOAuth cookie or token, the
    ``access:servers`` scope, the ``/oauth_callback`` handler), and only the user this server belongs
    to (``JUPYTERHUB_USER``) is accepted; the proxy in front authenticates nothing. Without a Hub login
    a page redirects to the Hub's login and an API/websocket request gets 403.

  A request nobody vouches for gets an anonymous user (it may still open an :data:`akses.ANONIM` app).
* :class:`GerbangHandler` replaces Voilà's render handler: it decides with
  :func:`kinerja.services.akses.boleh_buka` BEFORE a kernel is taken or started. Refused requests get
  an Indonesian page (401/403, or 404 for the batch notebooks 03/04) and cost no kernel. Allowed
  requests carry the verified user name to the kernel in ``X-Kinerja-Pengguna`` (any client-sent
  value is removed first; it is the only header Voilà forwards to kernels), so the kernel never reads
  an unverified identity.
* :class:`BerandaHandler` (the landing page) lists only the apps the user may open.
* The page sets the ``_xsrf`` cookie, so Voilà's "close page -> shut the kernel down" beacon passes the
  XSRF check (issue 12 point 7: it failed with ``'_xsrf' argument missing``).
"""

from __future__ import annotations

import ipaddress
import json
import os
import time
from dataclasses import dataclass

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.auth.logout import LogoutHandler as _JSLogoutHandler
from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from traitlets import Float, Int, List, Unicode
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.treehandler import TornadoVoilaTreeHandler

from kinerja.services import akses
from kinerja.store.engine import make_engine

PENGGUNA_HEADER = "X-Kinerja-Pengguna"   # set by the server only; forwarded to kernels
DEMO_USER = "demo"


@dataclass
class KinerjaUser(User):
    dikenal: bool = True        # False: nobody vouches for this request (anonymous)


def _anonim() -> KinerjaUser:
    return KinerjaUser("anonim", "Anonim", "Anonim", dikenal=False)


def alamat_tepercaya(remote_ip: str | None, daftar: list[str]) -> bool:
    """Is ``remote_ip`` one of the configured proxy addresses or networks (``10.0.0.0/8``)?"""
    if not remote_ip:
        return False
    try:
        ip = ipaddress.ip_address(remote_ip)
    except ValueError:
        return False
    for item in daftar:
        try:
            if ip in ipaddress.ip_network(item.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


class KinerjaIdentityProvider(IdentityProvider):
    mode = Unicode("demo", help="demo, login, hub or header:NAME").tag(config=True)
    proxy_tepercaya = List(Unicode(), default_value=[], help="addresses whose identity header is trusted").tag(config=True)
    db_url = Unicode("", help="the workspace database (accounts)").tag(config=True)
    sesi_detik = Int(8 * 3600, help="a login session expires after this many seconds").tag(config=True)
    maks_gagal = Int(5, help="failed logins allowed per user name / address within the window").tag(config=True)
    jendela_gagal = Float(900.0, help="seconds of the failed-login window").tag(config=True)

    def __init__(self, **kwargs):
        kwargs.pop("login_handler_class", None)   # Voilà passes its own; ours is the Indonesian one
        super().__init__(**kwargs)
        self.login_handler_class = LoginHandler
        self.logout_handler_class = LogoutHandler
        self._engine = None
        self._hub = None
        self.pembatas = akses.PembatasLogin(self.maks_gagal, self.jendela_gagal, engine=lambda: self.engine)

    # ----------------------------------------------------------------- JupyterHub
    @property
    def hub(self):
        """JupyterHub's own identity provider (OAuth with the Hub; its settings come from the
        ``JUPYTERHUB_*`` environment the spawner sets, the API token from ``HubOAuth.api_token``)."""
        if self._hub is None:
            from jupyterhub.singleuser.extension import JupyterHubIdentityProvider

            self._hub = JupyterHubIdentityProvider(parent=self, log=self.log)
        return self._hub

    async def _hub_user(self, handler):
        hub_user = await self.hub.get_user(handler)   # None: no Hub login, or no access:servers scope
        if hub_user is None:
            if "redirect" in vars(handler):   # JupyterHub's provider: logged in to the Hub, not allowed here
                _bukan_pemilik(handler)
            return None
        owner = os.environ.get("JUPYTERHUB_USER") or ""
        if not owner or hub_user.username != owner:
            # e.g. a Hub admin or service whose scopes reach every server: kinerja serves its owner only
            self.log.warning("kinerja: pengguna Hub %s ditolak di server milik %s", hub_user.username, owner or "?")
            _bukan_pemilik(handler)
            return None
        return KinerjaUser(hub_user.username)

    def get_handlers(self) -> list:
        if self.mode != "hub":
            return super().get_handlers()
        from jupyter_server.utils import url_path_join

        # routes of the Hub login under the single-user prefix (Voilà adds these without server_url)
        prefix = getattr(self.parent, "server_url", None) or "/"
        return [(url_path_join(prefix, pat), *rest) for pat, *rest in self.hub.get_handlers()]

    # ----------------------------------------------------------------- the database
    @property
    def engine(self):
        if self._engine is None:
            self._engine = make_engine(self.db_url or os.environ["KINERJA_DB_URL"])
        return self._engine

    def pengguna(self, user) -> akses.Pengguna | None:
        if user is None or not getattr(user, "dikenal", False) or self.mode == "demo":
            return None
        return akses.pengguna(self.engine, user.username)

    # ----------------------------------------------------------------- who is this?
    @property
    def header(self) -> str | None:
        return self.mode.split(":", 1)[1].strip() if self.mode.startswith("header:") else None

    @property
    def auth_enabled(self) -> bool:
        return self.mode in ("login", "hub") or bool(self.token)

    @property
    def login_available(self) -> bool:
        return self.mode == "login"

    async def get_user(self, handler):
        if getattr(handler, "_jupyter_current_user", None):
            return handler._jupyter_current_user
        if self.mode == "demo":
            if self.token:   # demo beyond localhost: Jupyter's token login, then still the demo user
                user = await self._get_user(handler)
                return KinerjaUser(DEMO_USER, "Demo") if user else None
            return KinerjaUser(DEMO_USER, "Demo")
        if self.mode == "hub":
            return await self._hub_user(handler)
        if self.header:
            value = handler.request.headers.get(self.header)
            if value and alamat_tepercaya(handler.request.remote_ip, self.proxy_tepercaya):
                return KinerjaUser(value.strip())
            if value:
                self.log.warning("kinerja: header %s dari %s diabaikan (bukan proxy tepercaya)",
                                 self.header, handler.request.remote_ip)
            return _anonim()
        if self.mode == "login":
            user = self.get_user_cookie(handler)
            return user or _anonim()
        return _anonim()

    # ----------------------------------------------------------------- the session cookie
    def user_to_cookie(self, user) -> str:
        return json.dumps({"u": user.username, "exp": int(time.time()) + int(self.sesi_detik)})

    def user_from_cookie(self, cookie_value: str):
        data = json.loads(cookie_value)
        if int(data.get("exp", 0)) < time.time():
            return None   # expired session
        return KinerjaUser(str(data["u"]))

    def get_cookie_name(self, handler) -> str:
        return "kinerja-sesi"

    @property
    def get_secure_cookie_kwargs(self):
        return {"max_age_days": max(self.sesi_detik / 86400, 0.01)}

    def set_login_cookie(self, handler, user) -> None:
        handler.set_secure_cookie(self.get_cookie_name(handler), self.user_to_cookie(user), expires_days=None,
                                  httponly=True, samesite="Lax", path=handler.base_url,
                                  secure=handler.request.protocol == "https")


# --------------------------------------------------------------------- pages

def _halaman(handler, template: str, status: int = 200, **ns) -> None:
    env = handler.settings["voila_jinja2_env"]
    handler.set_status(status)
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(env.get_template(template).render(base_url=handler.base_url, **ns))


def _tolak(handler, kep: akses.Keputusan, user=None, beranda: str | None = None) -> None:
    """The Indonesian refusal page; ``beranda``: where "Kembali ke beranda" leads (default this server)."""
    ip = handler.identity_provider
    _halaman(handler, "kinerja_tolak.html", kep.status, judul=kep.judul, pesan=kep.pesan, beranda=beranda,
             pengguna=getattr(user, "username", None) if getattr(user, "dikenal", False) else None,
             bisa_masuk=ip.login_available, bisa_keluar=ip.login_available and getattr(user, "dikenal", False))


def _bukan_pemilik(handler) -> None:
    """A Hub user who may not use this single-user server: where Jupyter Server would redirect to the
    login (``web.authenticated``; a loop, since the Hub already knows them) the page says so in
    Indonesian with 403; API and websocket requests get a plain 403 as before."""
    def tolak(*args, **kwargs):
        if handler.request.method not in ("GET", "HEAD"):
            raise web.HTTPError(403)
        hub_home = (os.environ.get("JUPYTERHUB_BASE_URL") or "/").rstrip("/") + "/hub/home"
        _tolak(handler, akses.Keputusan(False, 403, "Bukan server Anda",
                                        "Halaman ini ada di server milik pengguna JupyterHub lain. "
                                        "Buka server Anda sendiri dari beranda JupyterHub."), beranda=hub_home)

    handler.redirect = tolak


def _masuk_dulu(handler) -> None:
    """Nobody vouches for this request: the Hub's login (hub mode; JupyterHub's ``get_login_url``
    carries the OAuth state and the page to come back to), Jupyter's token login (demo with a token),
    or 403 for a Hub user who is not this server's owner."""
    if handler.identity_provider.mode == "hub":
        return handler.redirect(handler.get_login_url())
    return handler.redirect(handler.get_login_url() + "?next=" + web.escape.url_escape(handler.request.uri))


def _notebook_name(path: str | None) -> str | None:
    """Only the notebooks at the top of the notebooks folder are apps."""
    p = (path or "").strip("/")
    if not p or "/" in p or "\\" in p or not p.endswith(".ipynb") or p.startswith("."):
        return None
    return p


class GerbangHandler(TornadoVoilaHandler):
    """Voilà's render handler behind the access check (no kernel for a refused request)."""

    async def get(self, path=None):
        ip = self.identity_provider
        user = self.current_user
        name = _notebook_name(path)
        if name is None or not os.path.isfile(os.path.join(self.settings.get("kinerja_notebooks", ""), name)):
            return _tolak(self, akses.Keputusan(False, 404, "Halaman tidak ditemukan", "Aplikasi ini tidak tersedia."), user)
        if user is None:
            return _masuk_dulu(self)
        demo = ip.mode == "demo"
        p = ip.pengguna(user)
        kep = akses.boleh_buka(p, name, demo=demo)
        if not kep.boleh:
            if kep.status == 401 and ip.login_available:
                return self.redirect(self.get_login_url() + "?next=" + web.escape.url_escape(self.request.uri))
            self.log.warning("kinerja: %s ditolak untuk %s (%s)", name, user.username if user.dikenal else "anonim",
                             kep.status)
            return _tolak(self, kep, user)
        # the only identity a kernel ever sees: verified here, never taken from the client
        for h in [h for h in self.request.headers if h.lower() == PENGGUNA_HEADER.lower()]:
            del self.request.headers[h]
        if p is not None:
            self.request.headers[PENGGUNA_HEADER] = p.username
        self.xsrf_token  # noqa: B018  (sets the _xsrf cookie the page's shutdown beacon sends back)
        return await TornadoVoilaHandler.get.__wrapped__(self, path)


class BerandaHandler(TornadoVoilaTreeHandler):
    """The landing page: only the apps this user may open (login first in login mode)."""

    async def get(self, path=""):
        ip = self.identity_provider
        user = self.current_user
        if user is None:
            return _masuk_dulu(self)
        if ip.login_available and not getattr(user, "dikenal", False):
            return self.redirect(self.get_login_url())
        if path.strip("/"):
            return _tolak(self, akses.Keputusan(False, 404, "Halaman tidak ditemukan", "Halaman ini tidak tersedia."), user)
        p = ip.pengguna(user)
        demo = ip.mode == "demo"
        entries = [e for e in self.settings.get("kinerja_apps", []) if akses.boleh_buka(p, e["name"], demo=demo).boleh]
        _halaman(self, "kinerja_beranda.html", apps=entries, demo=demo,
                 pengguna=p, anonim=p is None and not demo, bisa_keluar=ip.login_available)


class LoginHandler(LoginFormHandler):
    """The Indonesian login page of ``--identitas login``."""

    def _render(self, message=None, status: int = 200):
        nxt = self.get_argument("next", default=self.base_url)
        _halaman(self, "kinerja_masuk.html", status, pesan=message, next=nxt, xsrf=self.xsrf_form_html(),
                 username=self.get_argument("username", ""))

    @allow_unauthenticated
    def get(self):
        if not self.identity_provider.login_available:
            return self.redirect(self.base_url)
        if getattr(self.current_user, "dikenal", False):
            return self._redirect_safe(self.get_argument("next", default=self.base_url))
        self._render()

    @allow_unauthenticated
    def post(self):
        ip = self.identity_provider
        if not ip.login_available:
            raise web.HTTPError(404)
        username = self.get_argument("username", "").strip()
        sandi = self.get_argument("password", "")
        alamat = self.request.remote_ip or "?"
        if ip.pembatas.tertahan(username, alamat):
            self.log.warning("kinerja: login %r dari %s ditahan (terlalu banyak percobaan)", username, alamat)
            menit = int(ip.pembatas.jendela // 60)
            return self._render(f"Terlalu banyak percobaan masuk. Coba lagi dalam {menit} menit.", 429)
        p = akses.periksa_sandi(ip.engine, username, sandi)
        if p is None:
            ip.pembatas.catat_gagal(username, alamat)
            self.log.warning("kinerja: login gagal untuk %r dari %s", username, alamat)
            return self._render("Nama pengguna atau kata sandi salah.", 401)
        ip.pembatas.berhasil(username)
        user = KinerjaUser(p.username)
        self.current_user = user
        ip.set_login_cookie(self, user)
        self.log.info("kinerja: %s masuk", p.username)
        self._redirect_safe(self.get_argument("next", default=self.base_url))


class LogoutHandler(_JSLogoutHandler):
    @allow_unauthenticated
    def get(self):
        self.identity_provider.clear_login_cookie(self)
        _halaman(self, "kinerja_tolak.html", 200, judul="Anda sudah keluar", pesan="Sesi Anda sudah diakhiri.",
                 pengguna=None, bisa_masuk=self.identity_provider.login_available, bisa_keluar=False)


class TidakAdaHandler(JupyterHandler):
    """404 for what kinerja does not serve (the raw contents API of the notebooks folder)."""

    @allow_unauthenticated
    def get(self, *args, **kwargs):
        _tolak(self, akses.Keputusan(False, 404, "Halaman tidak ditemukan", "Halaman ini tidak tersedia."),
               self.current_user)


def ganti_handler(handlers: list, base_url: str) -> list:
    """Voilà's handler list with kinerja's gate, landing page and 404s swapped in."""
    from voila.tornado.contentshandler import VoilaContentsHandler

    out = []
    for h in handlers:
        pattern, cls = h[0], h[1]
        rest = list(h[2:])
        if cls is TornadoVoilaHandler:
            cls = GerbangHandler
        elif cls is TornadoVoilaTreeHandler:
            cls = BerandaHandler
        elif cls is VoilaContentsHandler:
            cls, rest = TidakAdaHandler, []
        out.append((pattern, cls, *rest))
    return out


from jupyter_server.services.kernels.kernelmanager import ServerKernelManager  # noqa: E402


class KernelManagerBerlog(ServerKernelManager):
    """Kernels write their own stderr/stdout (ipykernel's warnings) to ``KINERJA_LOG_KERNEL`` instead
    of the terminal HR watches."""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        path = os.environ.get("KINERJA_LOG_KERNEL")
        if not path:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        with open(path, "ab") as fh:   # Popen duplicates the descriptor
            kw.setdefault("stdout", fh)
            kw.setdefault("stderr", fh)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

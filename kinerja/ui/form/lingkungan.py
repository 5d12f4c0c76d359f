"""The form as the notebook runs it: preheating, identity and query string (``kinerja serve``)."""

from __future__ import annotations

import html

import ipywidgets as W

from kinerja.domain import labels
from kinerja.ui import common
from kinerja.ui.form.app import FormPenilaian
from kinerja.ui.form.aturan import siklus_periode  # noqa: F401  (part of this module's API)
from kinerja.ui.form.tampilan import kuadran_html


def form_penilaian(store, **kw) -> W.Widget:
    """Build the form and return its top widget (for the notebook)."""
    return FormPenilaian(store, **kw).widget


def siapkan(workspace=None, db=None):
    """Everything that can happen before the request arrives (preheated kernels run this ahead):
    imports, the scheme config, the ten kuadran pictures (nine cells and none), the database, and, when the identity
    is already known (demo mode, or ``JUPYTERHUB_USER``), the whole form. Returns the prepared
    form or the store; pass it to :func:`app_dari_lingkungan`."""
    import os

    from kinerja.schemes import periode_data  # noqa: F401
    from kinerja.schemes import permenpanrb_2022

    permenpanrb_2022.config()
    kuadran_html(None, None)
    for h in labels.RATINGS:
        for p in labels.RATINGS:
            kuadran_html(h, p)
    workspace = workspace or os.environ.get("KINERJA_WORKSPACE")
    st = common.buka_store(workspace, db)
    mode = os.environ.get("KINERJA_IDENTITAS") or "demo"
    if mode == "demo":
        return FormPenilaian(st)
    if mode == "hub" and os.environ.get("JUPYTERHUB_USER"):
        nip = common.nip_dari_identitas(os.environ["JUPYTERHUB_USER"], workspace)
        if nip and st.pegawai(nip) is not None:
            return FormPenilaian(st, penilai=nip)
    return st



def app_dari_lingkungan(workspace=None, db=None, siap=None):
    """The form as the notebook runs it. The workspace and identity mode come from the environment
    that ``kinerja serve`` sets (``KINERJA_WORKSPACE``, ``KINERJA_DB_URL``, ``KINERJA_IDENTITAS``);
    this waits for the Voilà request (preheated kernels) and then applies the query string
    (``?periode=...&nip=...``; ``penilai=`` only in demo mode) and the identity from the request."""
    import os

    workspace = workspace or os.environ.get("KINERJA_WORKSPACE")
    if siap is None:
        siap = siapkan(workspace, db)
    q = common.query_params()  # waits for the request when preheated
    if isinstance(siap, FormPenilaian):
        app = siap
        st = app.store
        if app.identitas_tetap:
            _terapkan(app, q)
            return app
        user = common.identitas_server()
        if user is None:  # demo: dropdown
            if q.get("penilai") and q["penilai"] in [v for _, v in app.w_penilai.options]:
                app.w_penilai.value = q["penilai"]
            _terapkan(app, q)
            return app
    else:
        st = siap
        user = common.identitas_server()
        if user is None:
            app = FormPenilaian(st, periode=q.get("periode"), nip=q.get("nip"))
            return app
    nip = common.nip_dari_identitas(user, workspace)
    if not nip or st.pegawai(nip) is None:
        box = W.VBox([common.gaya(), common.header("Penilaian Kinerja Pegawai"),
                      W.HTML(f"<div class='kn-msg kn-msg-salah'>Pengguna '{html.escape(user or '-')}' tidak dikenali "
                             "sebagai pegawai di workspace ini. Hubungi pengelola SDM.</div>")])
        box.add_class("kn-app")
        return type("AppKosong", (), {"widget": box, "bawahan": [], "lembar": None,
                                      "w_periode": type("P", (), {"value": None})()})()
    return FormPenilaian(st, penilai=nip, periode=q.get("periode"), nip=q.get("nip"))


def _terapkan(app: FormPenilaian, q: dict) -> None:
    """Apply ``periode`` and ``nip`` from the query string to a prepared form."""
    if q.get("periode") and q["periode"] in [v for _, v in app.w_periode.options] and q["periode"] != app.w_periode.value:
        app.w_periode.value = q["periode"]
    if q.get("nip") and q["nip"] != app.w_bawahan.value and q["nip"] in [v for _, v in app.w_bawahan.options]:
        app.w_bawahan.value = q["nip"]

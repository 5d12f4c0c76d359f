"""The 360 questionnaire app (``notebooks/07_kuesioner_360.ipynb``, served by Voilà).

A rater picks (or, when deployed, is given) their identity, a periode and one of the pegawai assigned
to them, answers one question per BerAKHLAK value on the 1-5 scale plus an optional comment, and
presses ``Simpan``. Everything is saved through :class:`kinerja.store.store_360.Store360`, which enforces
scope, validation, audit and optimistic concurrency. An atasan also sees, per bawahan, how many of
the assigned questionnaires are complete (counts only, never who answered what).

Identity: the same mechanism as the evaluator form (:func:`kinerja.ui.common.identitas_server`,
:func:`kinerja.ui.common.nip_dari_identitas`). ``kinerja serve --identitas demo`` (local): the rater
is picked from a dropdown (``?penilai=NIP`` preselects). ``hub`` (``JUPYTERHUB_USER``) or
``header:NAME`` (a header forwarded by the proxy): the server's user is mapped to a NIP (an 18-digit
NIP as is, else ``WORKSPACE/pengguna.csv``) and the dropdown is absent; an unknown user sees a
message and no questionnaire, never the dropdown.

:func:`kuesioner_dari_lingkungan` is what notebook 07 runs: it reads the workspace database that
``kinerja serve`` passes in ``KINERJA_WORKSPACE`` / ``KINERJA_DB_URL`` (the same database as the
form, so an answer saved here is at once counted in the form's 360 completeness).
"""

from __future__ import annotations

import html
import os

import ipywidgets as W

from kinerja.services.kuesioner import kelengkapan_bawahan
from kinerja.ui import common

from kinerja.domain import labels
from kinerja.errors import AccessDenied, SaveFailed, StaleEditError, ValidationErrors
from kinerja.schemes.multirater import ASPEK, PERAN_LABEL, pertanyaan, skala

CSS = """
<style>
.k360.kn-app { max-width: 920px; }
.k360-nilai { font-size: 13.5px; line-height: 1.35; }
.k360-nilai b { color: #16375f; font-size: 14px; }
.k360-tanya { color: #1d2733; }
.k360-panduan { color: #5b6775; font-size: 12px; margin: 3px 0 0 16px; padding: 0; line-height: 1.35; }
.k360-pesan-ok { color: #1b5e20; font-weight: 600; }
.k360-pesan-salah { color: #b3261e; font-weight: 600; }
.k360-skala { color: #5b6775; font-size: 12.5px; background: #f5f8fc; border-radius: 6px; padding: 6px 10px;
              margin: 0 0 4px 0; }
.k360-tabel td:nth-child(n+2), .k360-tabel th:nth-child(n+2) { text-align: center; }
.k360 textarea { font-family: inherit; font-size: 13.5px; width: 100%; box-sizing: border-box; resize: vertical; }
.k360 .widget-textarea { max-width: 100%; }
.k360-skala-daftar { display: inline; }
/* phones: each BerAKHLAK value is a card; the 1-5 buttons fill the card's width, touch-sized */
@media (max-width: 720px) {
  .k360 .kn-bagian { padding: 8px 10px 10px 10px; }
  .k360 .kn-header h1 { font-size: 18px; }
  .k360-baris { grid-template-columns: minmax(0, 1fr) !important; border: 1px solid #dde3ea; border-radius: 8px;
                padding: 8px 10px !important; margin: 6px 0; }
  .k360 .k360-skor { width: 100%; }
  .k360 .k360-skor > div:not(.widget-label) { display: flex; flex: 1 1 auto; }
  .k360 .k360-skor .widget-toggle-button { flex: 1 1 0 !important; width: auto !important; min-width: 44px;
                                           min-height: 44px; font-size: 16px; }
  .k360 .k360-penilai, .k360 .k360-periode, .k360 .k360-pegawai { width: calc(100% - 4px) !important; max-width: 100% !important;
      flex-wrap: wrap; height: auto !important; }
  .k360 .k360-penilai > .widget-label, .k360 .k360-periode > .widget-label, .k360 .k360-pegawai > .widget-label {
      width: 100% !important; text-align: left; margin-bottom: 2px; }
  .k360 .k360-penilai select, .k360 .k360-periode select, .k360 .k360-pegawai select {
      flex: 1 1 100%; width: 100%; min-width: 0; min-height: 40px; font-size: 16px; }
  .k360 .widget-textarea { width: calc(100% - 4px) !important; }
  .k360 .k360-simpan { min-height: 44px; }
  .k360 .k360-aksi { flex-wrap: wrap; }
  .k360 .kn-tabel { font-size: 12px; }
  .k360 .kn-tabel th, .k360 .kn-tabel td { padding: 4px; overflow-wrap: break-word; }
}
</style>
"""


def identitas_penilai(store, workspace=None) -> tuple[bool, str | None, str | None]:
    """(fixed, nip, user) from the server identity (:func:`common.identitas_server`): ``fixed`` False
    in demo mode; otherwise ``nip`` is the mapped NIP, or None when the user is unknown."""
    user = common.identitas_server()
    if user is None:
        return False, None, None
    nips = list(store.pegawai["nip"]) if store.pegawai is not None else None
    workspace = workspace or os.environ.get("KINERJA_WORKSPACE")
    return True, common.nip_dari_identitas(user, workspace, nips, store=store), user


class KuesionerApp:
    """Widgets and callbacks of the questionnaire. ``app.widget`` is what the notebook displays."""

    def __init__(self, store, periode: str | None = None, penilai: str | None = None, workspace=None,
                 nip: str | None = None):
        self.store = store
        self.cfg = store.cfg
        pen = store.penugasan()
        pen = pen[pen["peran"] != "masyarakat"]
        self.periodes = sorted(pen["periode"].unique(), reverse=True)
        self.skala = skala(self.cfg)
        self.versi: int | None = None
        self._pilih = nip

        if penilai is not None:
            server, fixed, user = True, penilai, penilai
        else:
            server, fixed, user = identitas_penilai(store, workspace)
        self.identitas_tetap = server
        raters = sorted(set(pen["penilai"]))
        names = store.dengan_nama(pen_frame(raters), "nip") if raters else None
        opts = [(f"{r.nama} ({r.jabatan})" if r.jabatan else r.nama, r.nip) for r in names.itertuples()] if raters else []
        opts.sort()
        if server:  # the server says who this is: only that rater, never the others
            opts = [o for o in opts if o[1] == fixed]
        self.w_penilai = W.Dropdown(options=opts, value=fixed if fixed in raters else (opts[0][1] if opts else None),
                                    description="Penilai", layout=W.Layout(width="560px", max_width="100%"),
                                    style={"description_width": "150px"})
        self.w_penilai.add_class("k360-penilai")
        self.w_periode = common.periode_dropdown(self.periodes, periode if periode in self.periodes else
                                                 (self.periodes[0] if self.periodes else None), width="360px")
        self.w_periode.style = {"description_width": "130px"}
        self.w_periode.add_class("k360-periode")
        self.w_penilai.style = {"description_width": "130px"}
        self.w_pegawai = W.Dropdown(options=[], description="Pegawai dinilai", layout=W.Layout(width="620px", max_width="100%"),
                                    style={"description_width": "130px"})
        self.w_pegawai.add_class("k360-pegawai")
        self.w_info = W.HTML()
        self.w_info.add_class("k360-info")
        self.w_skor: dict[str, W.ToggleButtons] = {}
        rows = []
        legend = " &nbsp;·&nbsp; ".join(f"<b>{k}</b> {html.escape(v)}" for k, v in self.skala.items())
        rows.append(W.HTML(f"<div class='k360-skala'>Skala jawaban: {legend}</div>"))
        for a in ASPEK:
            label, panduan = labels.BERAKHLAK[a]
            tb = W.ToggleButtons(options=[(str(k), k) for k in self.skala], value=None,
                                 tooltips=list(self.skala.values()), style={"button_width": "48px"})
            tb.add_class(f"k360-skor-{a}")
            tb.add_class("k360-skor")
            self.w_skor[a] = tb
            items = "".join(f"<li>{html.escape(p)}</li>" for p in panduan)
            teks = W.HTML(f"<div class='k360-nilai'><b>{html.escape(label)}</b><br>"
                          f"<span class='k360-tanya'>{html.escape(pertanyaan(a))}</span>"
                          f"<ul class='k360-panduan'>{items}</ul></div>", layout=W.Layout(width="auto"))
            baris = W.GridBox([teks, tb], layout=W.Layout(
                grid_template_columns="minmax(300px, 1fr) 290px", grid_gap="4px 16px", align_items="center",
                border_bottom="1px solid #eef1f5", padding="6px 0"))
            baris.add_class("k360-baris")
            rows.append(baris)
        self.w_komentar = W.Textarea(placeholder="Komentar (opsional): contoh perilaku yang Anda amati",
                                     layout=W.Layout(width="auto", height="74px"))
        self.w_komentar.add_class("k360-komentar")
        self.w_simpan = W.Button(description="Simpan", button_style="primary", icon="save",
                                 layout=W.Layout(width="150px", height="36px"))
        self.w_simpan.add_class("k360-simpan")
        self.w_pesan = W.HTML()
        self.w_pesan.add_class("k360-pesan")
        self.w_form = W.VBox(rows + [W.HTML("<b class='kn-kecil'>Komentar</b>"), self.w_komentar,
                                     _aksi(self.w_simpan, self.w_pesan)])
        self.w_kelengkapan = W.HTML()
        self.w_kelengkapan.add_class("k360-kelengkapan")

        privasi = ("Jawaban Anda dirahasiakan: atasan dan pegawai yang dinilai hanya melihat rangkuman, dan hasil "
                   "per kelompok hanya ditampilkan bila paling sedikit "
                   f"{self.cfg['privasi']['min_penilai']} orang menjawab.")
        if server and not fixed:
            who = W.HTML(f"<div class='kn-msg kn-msg-salah k360-tak-dikenal'>Pengguna '{html.escape(user or '-')}' "
                         "tidak dikenali sebagai pegawai di workspace ini. Hubungi pengelola SDM.</div>")
        elif server:
            who = W.HTML(f"<div class='kn-kecil k360-identitas'>Masuk sebagai <b>{html.escape(self._nama(fixed))}"
                         "</b></div>")
        else:
            who = self.w_penilai
        self.w_bagian_form = common.bagian("Kuesioner", [self.w_info, self.w_form], cls="k360-bagian-kuesioner")
        self.w_bagian_kelengkapan = common.bagian("Kelengkapan umpan balik 360 bawahan Anda", self.w_kelengkapan,
                                                  cls="k360-bagian-kelengkapan")
        kids = [common.gaya(), W.HTML(CSS), common.header("Kuesioner Umpan Balik 360 Derajat", privasi),
                common.bagian("Pilih pegawai", [who, self.w_periode, self.w_pegawai], cls="k360-pilih")]
        if not (server and not fixed):
            kids += [self.w_bagian_form, self.w_bagian_kelengkapan]
        self.widget = W.VBox(kids)
        self.widget.add_class("kn-app")
        self.widget.add_class("k360")

        self.w_penilai.observe(lambda _c: self.muat_tugas(), names="value")
        self.w_periode.observe(lambda _c: self.muat_tugas(), names="value")
        self.w_pegawai.observe(lambda _c: self.muat_kuesioner(), names="value")
        self.w_simpan.on_click(lambda _b: self.simpan())
        self.muat_tugas()

    # ------------------------------------------------------------------ helpers

    def _nama(self, nip: str) -> str:
        p = self.store.pegawai
        if p is None:
            return nip
        m = p.loc[p["nip"] == nip, "nama"]
        return m.iat[0] if len(m) else nip

    @property
    def penilai(self) -> str | None:
        return self.w_penilai.value

    def _pesan(self, text: str, ok: bool) -> None:
        cls = "k360-pesan-ok" if ok else "k360-pesan-salah"
        self.w_pesan.value = f"<span class='{cls}'>{html.escape(text)}</span>"

    # ------------------------------------------------------------------ callbacks

    def muat_tugas(self) -> None:
        if not self.penilai or not self.w_periode.value:
            self.w_pegawai.options = []
            self.muat_kuesioner()
            self.muat_kelengkapan()
            return
        t = self.store.tugas(self.penilai, self.w_periode.value)
        t = t[t["peran"] != "masyarakat"]
        status = {"sudah": "sudah diisi", "sebagian": "sebagian", "belum": "belum diisi"}
        opts = [(f"{r.nama} - sebagai {PERAN_LABEL[r.peran]} ({status[r.status]})", r.nip) for r in t.itertuples()]
        current = self._pilih or self.w_pegawai.value
        self._pilih = None
        self.w_pegawai.options = opts
        nips = [o[1] for o in opts]
        self.w_pegawai.value = current if current in nips else (nips[0] if nips else None)
        self.muat_kuesioner()
        self.muat_kelengkapan()

    def muat_kuesioner(self) -> None:
        nip = self.w_pegawai.value
        self.w_pesan.value = ""
        if not nip:
            self.w_info.value = "<p>Tidak ada pegawai yang perlu Anda nilai pada periode ini.</p>"
            self.w_form.layout.display = "none"
            return
        self.w_form.layout.display = None
        k = self.store.kuesioner(self.penilai, nip, self.w_periode.value)
        self.versi = k["versi"]
        for a, tb in self.w_skor.items():
            tb.value = k["skor"].get(a)
        self.w_komentar.value = k["komentar"] or ""
        peran = PERAN_LABEL[k["peran"]]
        diri = k["peran"] == "diri"
        self.w_info.value = (f"<p>Anda menilai <b>{'diri sendiri' if diri else html.escape(self._nama(nip))}</b>"
                             f"{'' if diri else ' sebagai ' + peran}. Pilih satu jawaban untuk setiap nilai.</p>")

    def simpan(self) -> bool:
        nip = self.w_pegawai.value
        if not nip:
            return False
        skor = {a: tb.value for a, tb in self.w_skor.items()}
        kosong = [labels.BERAKHLAK_LABEL[a] for a, v in skor.items() if v is None]
        if kosong:
            self._pesan("Belum dijawab: " + ", ".join(kosong) + ". Tidak ada yang disimpan.", False)
            return False
        try:
            from kinerja.services.kuesioner import simpan_kuesioner

            self.versi = simpan_kuesioner(self.store, self.penilai, nip, self.w_periode.value, skor,
                                          self.w_komentar.value, versi=self.versi)
        except (StaleEditError, SaveFailed) as e:  # the chosen answers stay in the widgets
            self._pesan(str(e), False)
            return False
        except (ValidationErrors, AccessDenied) as e:
            msg = "; ".join(x.message for x in e.errors) if isinstance(e, ValidationErrors) else str(e)
            self._pesan(msg, False)
            return False
        self.muat_tugas()
        self._pesan(f"Tersimpan. Terima kasih, jawaban untuk {self._nama(nip)} sudah tercatat.", True)
        return True

    def muat_kelengkapan(self) -> None:
        """For an atasan: completeness of the 360 questionnaires of their bawahan (counts only)."""
        bawahan = ([] if not self.penilai or self.store.pegawai is None or not self.w_periode.value else
                   self.store.pegawai.loc[self.store.pegawai["nip_atasan"] == self.penilai, "nip"])
        if not len(bawahan):
            self.w_kelengkapan.value = ""
            self.w_bagian_kelengkapan.layout.display = "none"
            return
        k = kelengkapan_bawahan(self.store, self.penilai, self.w_periode.value)
        self.w_kelengkapan.value = tabel_kelengkapan_html(k)
        self.w_bagian_kelengkapan.layout.display = None


def _aksi(simpan, pesan) -> W.HBox:
    box = W.HBox([simpan, pesan], layout=W.Layout(align_items="center", grid_gap="8px 12px", margin="8px 0 0 0",
                                                  flex_flow="row wrap"))
    box.add_class("k360-aksi")
    return box


def pen_frame(nips):
    import pandas as pd

    return pd.DataFrame({"nip": list(nips)})


def tabel_kelengkapan_html(k) -> str:
    """HTML table: per bawahan, questionnaires assigned / complete / outstanding (no rater names)."""
    rows = "".join(
        f"<tr data-nip='{html.escape(r.nip)}'><td>{html.escape(str(r.nama))}</td><td>{r.ditugaskan}</td>"
        f"<td class='k360-sudah'>{r.sudah}</td><td class='k360-belum'>{r.belum}</td></tr>" for r in k.itertuples())
    return ("<table class='kn-tabel k360-tabel'><thead><tr><th>Pegawai</th>"
            "<th>Kuesioner</th><th>Sudah diisi</th><th>Belum diisi</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            "<p class='kn-kecil'>Hanya jumlah yang ditampilkan; siapa menjawab apa tidak pernah diperlihatkan.</p>")


def kuesioner_app(store, periode: str | None = None, penilai: str | None = None) -> W.Widget:
    """The questionnaire widget (for the notebook)."""
    return KuesionerApp(store, periode, penilai).widget


def buka_store_360(workspace=None, db: str | None = None):
    """The 360 store the questionnaire uses: the workspace database that ``kinerja serve`` passes
    (``db`` / ``KINERJA_DB_URL`` / ``WORKSPACE/kinerja.db``), the same one the evaluator form uses
    (:func:`common.buka_store`); without one (JupyterLab, nbval) a private temporary database seeded
    from the bundled sample instansi, so nothing real is touched."""
    from kinerja.store.store_360 import dari_store

    return dari_store(common.buka_store(workspace, db))


def kuesioner_dari_lingkungan(workspace=None, db: str | None = None, periode: str | None = None) -> KuesionerApp:
    """The questionnaire as notebook 07 runs it: database from the environment of ``kinerja serve``,
    identity from the server (:func:`common.identitas_server`) and, in demo mode only, ``?penilai=NIP``
    from the query string; ``?periode=`` and ``?nip=`` preselect."""
    store = buka_store_360(workspace, db)
    q = common.query_params()  # waits for the request when the kernel was preheated
    app = KuesionerApp(store, q.get("periode") or periode, workspace=workspace, nip=q.get("nip"))
    if not app.identitas_tetap and q.get("penilai") in [v for _, v in app.w_penilai.options]:
        app._pilih = q.get("nip")
        app.w_penilai.value = q["penilai"]
    return app

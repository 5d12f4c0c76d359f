"""The evaluator's form (``notebooks/02_form_penilaian.ipynb``, served by Voilà).

An evaluator (Pejabat Penilai) picks a periode and one of their bawahan, enters realisasi with bukti
dukung and umpan balik per indikator, rates the seven BerAKHLAK values, sees the *usulan* ratings
and the predikat update live, sets the final ratings (a reason is required when they differ from
the usulan) and presses ``Simpan``.

Everything is read and written through :class:`kinerja.store.core.Store`, which enforces scope (only
the evaluator's own bawahan), audit and optimistic concurrency. Scoring is the scheme's
(:mod:`kinerja.schemes.permenpanrb_2022`); nothing is computed here that the scheme computes.

Extension point (issue 6): :func:`daftar_usulan_perilaku` registers a provider
``fn(store, nip, periode) -> dict | None`` returning ``{"rating": code, "keterangan": text}``; the
form then shows "Usulan dari umpan balik 360" next to the suggestion from the value ratings. A
provider may also return ``per_nilai`` (aspek -> {usulan, skor, jumlah_penilai}) and ``catatan``
(sentences on merged / withheld rater groups): the form then shows the 360 suggestion of each
BerAKHLAK value beside the evaluator's own rating. The 360 feedback of the workspace database
(:func:`kinerja.report.laporan_360.usulan_perilaku_360`) is registered by default, and the form shows how
many of the 360 questionnaires about each bawahan are complete (counts only, never who answered).

The pure functions (:func:`periksa`, :func:`baca_realisasi`) hold the input rules and are tested
without a kernel; :class:`FormPenilaian` wires widgets to them.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable

import ipywidgets as W
import pandas as pd

from kinerja.domain import format as fmt
from kinerja.domain import labels
from kinerja.errors import AccessDenied, SaveFailed, StaleEditError, ValidationErrors
from kinerja.ui import common

STATUS_LABEL = {"belum": "Belum dinilai", "sebagian": "Sebagian", "selesai": "Selesai"}
RATING_PILIHAN = [("Di Bawah", "di_bawah"), ("Sesuai", "sesuai"), ("Di Atas", "di_atas")]
FINAL_PILIHAN = [("— pilih —", None)] + [(v, k) for k, v in labels.RATING_LABEL.items()]

# ------------------------------------------------------------------ extension point: usulan perilaku

_USULAN_PERILAKU: list[Callable] = []


def daftar_usulan_perilaku(fn: Callable) -> Callable:
    """Register ``fn(store, nip, periode) -> {"rating": code, "keterangan": str} | None`` (e.g. the
    360-degree feedback suggestion). Usable as a decorator. The form shows each non-empty result."""
    if fn not in _USULAN_PERILAKU:
        _USULAN_PERILAKU.append(fn)
    return fn


def _usulan_360(store, nip: str, periode: str) -> dict | None:
    """Default provider: the 360 feedback in the workspace database (lazy import)."""
    from kinerja.report.laporan_360 import usulan_perilaku_360

    return usulan_perilaku_360(store, nip, periode)


daftar_usulan_perilaku(_usulan_360)


def usulan_perilaku_lain(store, nip: str, periode: str) -> list[dict]:
    out = []
    for fn in _USULAN_PERILAKU:
        try:
            r = fn(store, nip, periode)
        except Exception as exc:  # a broken provider must not break the form
            r = {"rating": None, "keterangan": f"usulan tidak tersedia ({exc})"}
        if r:
            out.append(r)
    return out


# ------------------------------------------------------------------ pure rules (tested without widgets)

_FAST_NUM: dict = {}


def baca_realisasi(teks) -> tuple[float | None, str | None]:
    """Parse a realisasi as typed: (value, None), (None, None) when empty, or (None, message)."""
    import numpy as np

    from kinerja.domain.angka import parse_numbers

    if teks is None:
        return None, None
    if isinstance(teks, (int, float)):
        v = float(teks)
    else:
        t = str(teks).strip()
        if not t:
            return None, None
        v = _FAST_NUM.get(t)
        if v is None:
            if re.fullmatch(r"[+-]?\d+(\.\d+)?", t):  # the common case, without pandas
                v = float(t)
            elif re.fullmatch(r"[+-]?\d+,\d+", t):
                v = float(t.replace(",", "."))
            else:
                v = float(parse_numbers(pd.Series([t]))[0])
        if np.isnan(v):
            return None, "harus berupa angka"
    if v < 0:
        return None, "tidak boleh negatif"
    return v, None


def periksa(realisasi: dict, perilaku: dict, final_hk, final_pk, alasan: str, usulan_hk, usulan_pk) -> dict:
    """All problems of a form before saving, as ``{field: message}`` (empty = can be saved).

    ``realisasi``: {(rhk_id, iki_id): text}; ``perilaku``: {aspek: (rating or None, catatan)}.
    Fields: ``("realisasi", rhk_id, iki_id)``, ``("perilaku", aspek)``, ``"rating_hasil_kerja"``,
    ``"rating_perilaku"``, ``"alasan"``.
    Rules: realisasi numeric and not negative (empty = not yet reported); a note on a value without
    a rating; final ratings go together, need every BerAKHLAK value rated, and a reason when they
    differ from the usulan.
    """
    err: dict = {}
    for (rhk, iki), teks in realisasi.items():
        _, msg = baca_realisasi(teks)
        if msg:
            err[("realisasi", rhk, iki)] = f"Realisasi {msg}."
    for aspek, (rating, catatan) in perilaku.items():
        if not rating and catatan and str(catatan).strip():
            err[("perilaku", aspek)] = "Pilih rating untuk nilai ini (ada catatan tanpa rating)."
    if final_hk or final_pk:
        if not final_hk:
            err["rating_hasil_kerja"] = "Pilih rating hasil kerja akhir."
        if not final_pk:
            err["rating_perilaku"] = "Pilih rating perilaku kerja akhir."
        for aspek, (rating, _c) in perilaku.items():
            if not rating:
                err.setdefault(("perilaku", aspek), "Beri rating nilai ini sebelum menetapkan rating akhir.")
        beda = [n for n, f, u in (("hasil kerja", final_hk, usulan_hk), ("perilaku kerja", final_pk, usulan_pk))
                if f and u and f != u]
        if beda and not (alasan or "").strip():
            err["alasan"] = ("Tuliskan alasan: rating " + " dan ".join(beda)
                             + " akhir berbeda dari usulan.")
    return err


format_persen = fmt.persen  # the one family of formatters (kinerja.domain.format)


def teks_input(v) -> str:
    """A number as typed back into an input: no thousands separator, decimal comma ("2544", "87,5")."""
    if v is None or v != v:
        return ""
    v = float(v)
    if v.is_integer():
        return str(int(v))
    return repr(round(v, 6)).replace(".", ",")


format_angka = fmt.angka


# ------------------------------------------------------------------ kuadran

_KUADRAN_CACHE: dict = {}


def kuadran_html(hk, pk) -> str:
    """The 3x3 kuadran with the pegawai's cell, as inline SVG (kinerja.report.charts) or an HTML grid."""
    key = (hk, pk)
    if key in _KUADRAN_CACHE:
        return _KUADRAN_CACHE[key]
    try:
        from kinerja.report.charts import figure_to_svg, kuadran_chart

        fig = kuadran_chart(hk, pk, size="small")
        svg = figure_to_svg(fig)
        out = f"<div class='kn-kuadran'>{svg}</div>"
    except ImportError:  # charts not available: a plain grid
        out = _kuadran_grid(hk, pk)
    _KUADRAN_CACHE[key] = out
    return out


def _kuadran_grid(hk, pk) -> str:
    from kinerja.schemes.permenpanrb_2022 import KUADRAN

    warna = {labels.SANGAT_BAIK: "#1b7a43", labels.BAIK: "#5aa469", labels.BUTUH_PERBAIKAN: "#e0a526",
             labels.KURANG: "#d9622b", labels.SANGAT_KURANG: "#b3261e"}
    rows = []
    for h in ("di_atas", "sesuai", "di_bawah"):
        cells = [f"<td style='font-size:11px;color:#5b6775;padding-right:4px'>{labels.RATING_LABEL[h]}</td>"]
        for p in ("di_bawah", "sesuai", "di_atas"):
            pred = KUADRAN[(h, p)]
            on = (h, p) == (hk, pk)
            cells.append(f"<td style='background:{warna[pred]};opacity:{1 if on or not (hk and pk) else .3};"
                         f"color:#fff;width:72px;height:44px;text-align:center;font-size:11px;"
                         f"{'outline:3px solid #16375f;' if on else ''}'>{html.escape(pred)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    foot = "<tr><td></td>" + "".join(f"<td style='font-size:11px;color:#5b6775;text-align:center'>{labels.RATING_LABEL[p]}</td>"
                                     for p in ("di_bawah", "sesuai", "di_atas")) + "</tr>"
    return ("<div class='kn-kuadran'><b style='font-size:12px'>Kuadran Kinerja Pegawai</b>"
            "<table style='border-spacing:3px'>" + "".join(rows) + foot + "</table></div>")


# ------------------------------------------------------------------ the app

class FormPenilaian:
    """Widgets and callbacks of the evaluator form. ``app.widget`` is what the notebook displays.

    ``penilai``: the evaluator's NIP when the server says who it is (no dropdown); ``None`` for the
    demo dropdown. ``nip`` / ``periode``: initial selection (e.g. from the query string).
    """

    def __init__(self, store, penilai: str | None = None, periode: str | None = None, nip: str | None = None,
                 judul: str = "Penilaian Kinerja Pegawai", jenis_periode=None, config=None, workspace=None):
        import os

        from kinerja.schemes import permenpanrb_2022 as scheme

        self.store = store
        self.scheme = scheme
        # shipped config < the workspace's copy < an explicit config file (``KINERJA_CONFIG`` when served)
        self.cfg = scheme.load_config(path=config or os.environ.get("KINERJA_CONFIG") or None,
                                      workspace=workspace or os.environ.get("KINERJA_WORKSPACE") or None)
        self.lembar = None
        self.data = None
        self._sibuk = False
        self.unit_jeda = 1.0  # seconds after the last Simpan before the unit view is recomputed
        self.w_real: dict = {}
        self.w_err: dict = {}
        self.w_cap: dict = {}
        self.w_rhk_cap: dict = {}
        self.w_bukti: dict = {}
        self.w_ub: dict = {}

        self.pesan = common.Pesan("kf-pesan")
        periodes = store.periode_list(jenis_periode or siklus_periode())
        self.w_periode = common.periode_dropdown(periodes, periode)
        self.w_periode.add_class("kf-periode")

        self.identitas_tetap = penilai is not None
        pen = store.penilai()
        # a fixed identity gets no list of the other evaluators (every widget's state reaches the browser)
        self.w_penilai = W.Dropdown(
            options=[(f"{r.nama} — {r.jabatan}", r.nip) for r in pen.itertuples() if penilai is None or r.nip == penilai],
            description="Penilai", layout=W.Layout(width="560px"), style={"description_width": "90px"})
        self.w_penilai.add_class("kf-penilai")
        if penilai is not None:
            self.penilai = penilai
            info = store.pegawai(penilai)
            nama = f"{info['nama']} ({info['jabatan']})" if info else penilai
            self.w_identitas = W.HTML(f"<div class='kn-kecil'>Masuk sebagai <b>{html.escape(nama)}</b></div>")
        else:
            self.penilai = self.w_penilai.value
            self.w_identitas = self.w_penilai

        self.w_bawahan = W.Dropdown(description="Bawahan", layout=W.Layout(width="560px"),
                                    style={"description_width": "90px"})
        self.w_bawahan.add_class("kf-bawahan")
        self.w_status = W.HTML()
        self.w_status.add_class("kf-status")
        self.w_info = W.HTML()
        self.w_info.add_class("kf-info")

        # hasil kerja (row widgets pooled, reused per pegawai)
        self.w_hasil = W.VBox()
        self.w_hasil.add_class("kf-hasil")
        self._pool: list[_Baris] = []
        self._pool_rhk: list = []
        self._grids: list[W.GridBox] = []
        self._judul_jenis = {j: W.HTML(f"<div class='kf-jenis'>RHK {j.capitalize()}</div>") for j in ("utama", "tambahan")}
        self._kepala_kolom = W.GridBox([W.HTML(f"<b class='kn-kecil'>{t}</b>") for t in
                                        ("Indikator · target periode", "Realisasi", "Capaian", "Bukti dukung",
                                         "Umpan balik")], layout=self._grid_layout())

        # perilaku (fixed: seven values)
        self.w_rating: dict[str, W.ToggleButtons] = {}
        self.w_catatan: dict[str, W.Text] = {}
        self.w_per_err: dict[str, W.HTML] = {}
        self.w_360: dict[str, W.HTML] = {}
        rows = []
        for aspek, (nama, indikator) in labels.BERAKHLAK.items():
            tb = W.ToggleButtons(options=RATING_PILIHAN, value=None,
                                 tooltips=[labels.RATING_LABEL[c] for _, c in RATING_PILIHAN],
                                 style={"button_width": "78px"})
            tb.add_class(f"kf-rating-{aspek}")
            tb.add_class("kf-rating")
            ct = W.Text(placeholder="Catatan (opsional)", layout=W.Layout(width="auto"))
            ct.add_class(f"kf-catatan-{aspek}")
            er = W.HTML()
            u360 = W.HTML()
            u360.add_class(f"kf-360-{aspek}")
            self.w_360[aspek] = u360
            self.w_rating[aspek], self.w_catatan[aspek], self.w_per_err[aspek] = tb, ct, er
            items = "".join(f"<li>{html.escape(i)}</li>" for i in indikator)
            label = W.HTML(f"<div class='kf-nilai'><b>{html.escape(nama)}</b><ul>{items}</ul></div>",
                           layout=W.Layout(width="auto"))
            rows.append(W.GridBox([label, W.VBox([tb, u360, er]), ct], layout=W.Layout(
                grid_template_columns="minmax(260px, 1.6fr) 250px minmax(180px, 1fr)", grid_gap="4px 12px",
                align_items="center", border_bottom="1px solid #eef1f5", padding="4px 0")))
            tb.observe(self._on_perilaku, names="value")
        self.w_perilaku = W.VBox(rows)

        # rating akhir
        self.w_usulan = W.HTML()
        self.w_usulan.add_class("kf-usulan")
        dd = dict(layout=W.Layout(width="420px"), style={"description_width": "170px"})
        self.w_final_hk = W.Dropdown(options=FINAL_PILIHAN, value=None, description="Rating hasil kerja", **dd)
        self.w_final_hk.add_class("kf-final-hk")
        self.w_final_pk = W.Dropdown(options=FINAL_PILIHAN, value=None, description="Rating perilaku kerja", **dd)
        self.w_final_pk.add_class("kf-final-pk")
        self.w_pakai_usulan = W.Button(description="Pakai usulan", tooltip="Isi rating akhir dengan usulan",
                                       layout=W.Layout(width="130px"))
        self.w_pakai_usulan.add_class("kf-pakai-usulan")
        self.w_err_hk, self.w_err_pk, self.w_err_alasan = W.HTML(), W.HTML(), W.HTML()
        self.w_alasan = W.Textarea(placeholder="Alasan bila rating akhir berbeda dari usulan",
                                   layout=W.Layout(width="100%", height="58px"))
        self.w_alasan.add_class("kf-alasan")
        self.w_rekom = W.Textarea(placeholder="Catatan / rekomendasi pengembangan (opsional)",
                                  layout=W.Layout(width="100%", height="58px"))
        self.w_rekom.add_class("kf-rekomendasi")
        self.w_predikat = W.HTML()
        self.w_predikat.add_class("kf-predikat")
        self.w_kuadran = W.HTML()
        self.w_kuadran.add_class("kf-kuadran")
        kiri = W.VBox([self.w_usulan, W.HBox([self.w_final_hk, self.w_pakai_usulan]), self.w_err_hk,
                       self.w_final_pk, self.w_err_pk, W.HTML("<b class='kn-kecil'>Alasan</b>"), self.w_alasan,
                       self.w_err_alasan, W.HTML("<b class='kn-kecil'>Catatan / rekomendasi</b>"), self.w_rekom],
                      layout=W.Layout(flex="1 1 0", min_width="380px"))
        kanan = W.VBox([self.w_predikat, self.w_kuadran], layout=W.Layout(width="330px", align_items="center"))
        self.w_akhir = W.HBox([kiri, kanan], layout=W.Layout(grid_gap="18px", flex_flow="row wrap"))

        self.w_simpan = W.Button(description="Simpan", button_style="primary", icon="save",
                                 layout=W.Layout(width="150px", height="36px"))
        self.w_simpan.add_class("kf-simpan")
        self.w_muat_ulang = W.Button(description="Muat ulang", icon="refresh", layout=W.Layout(width="130px", height="36px"),
                                     tooltip="Buang isian yang belum disimpan dan baca ulang dari basis data")
        self.w_muat_ulang.add_class("kf-muat-ulang")
        self.w_unit = W.HTML()
        self.w_unit.add_class("kf-unit")
        self.w_360_ringkas = W.HTML()
        self.w_360_ringkas.add_class("kf-360-ringkas")
        self.w_360_kelengkapan = W.HTML()
        self.w_360_kelengkapan.add_class("kf-360-kelengkapan")
        self.kel360 = None
        self.periode_360 = None
        self.bagian_360 = common.bagian(
            "Kelengkapan umpan balik 360 bawahan Anda", self.w_360_kelengkapan,
            "Jumlah kuesioner 360 (atasan, rekan kerja, bawahan, diri sendiri) yang sudah diisi tentang setiap "
            "bawahan. Hanya jumlah yang ditampilkan; siapa menjawab apa tidak pernah diperlihatkan.",
            "kf-bagian-360")

        self.w_form = W.VBox([
            self.w_info,
            common.bagian("1. Hasil Kerja", self.w_hasil,
                          "Isi realisasi periode ini per indikator, bukti dukung (tautan atau keterangan) dan "
                          "umpan balik. Capaian dihitung otomatis saat Anda mengetik.", "kf-bagian-hasil"),
            common.bagian("2. Perilaku Kerja (BerAKHLAK)", self.w_perilaku,
                          "Beri rating tiap nilai dasar dengan panduan perilaku di bawahnya.", "kf-bagian-perilaku"),
            common.bagian("3. Rating Akhir dan Predikat", self.w_akhir,
                          "Usulan dihitung dari capaian dan rating perilaku. Anda menetapkan rating akhir; "
                          "bila berbeda dari usulan, tuliskan alasannya.", "kf-bagian-akhir"),
            W.HBox([self.w_simpan, self.w_muat_ulang], layout=W.Layout(grid_gap="10px", margin="0 0 4px 0")),
            self.pesan.widget,
        ])
        pilih = common.bagian("Pilih pegawai", [W.HBox([self.w_identitas], layout=W.Layout(flex_flow="row wrap")),
                                                self.w_periode, self.w_bawahan, self.w_status, self.w_360_ringkas],
                              cls="kf-pilih")
        self.widget = W.VBox([common.gaya(), common.header(judul, "PermenPANRB 6/2022 · Pejabat Penilai menilai bawahan"),
                              pilih, self.w_form, self.bagian_360,
                              common.bagian("Distribusi predikat bawahan Anda", self.w_unit,
                                            "Sebaran predikat (rating akhir, atau usulan bila belum ditetapkan) "
                                            "dibandingkan kurva distribusi untuk capaian kinerja organisasi unit.",
                                            "kf-bagian-unit")])
        self.widget.add_class("kn-app")
        self.widget.add_class("kf-app")

        if not self.identitas_tetap:
            self.w_penilai.observe(self._on_penilai, names="value")
        self.w_periode.observe(lambda _c: self.muat_bawahan(), names="value")
        self.w_bawahan.observe(self._on_bawahan, names="value")
        for w in (self.w_final_hk, self.w_final_pk):
            w.observe(lambda _c: self.hitung(), names="value")
        self.w_pakai_usulan.on_click(lambda _b: self.pakai_usulan())
        self.w_simpan.on_click(lambda _b: self.simpan())
        self.w_muat_ulang.on_click(lambda _b: self.muat_pegawai())
        self.muat_bawahan(pilih=nip)

    # ------------------------------------------------------------------ loading

    def _on_penilai(self, _change) -> None:
        self.penilai = self.w_penilai.value
        self.muat_bawahan()

    def _on_bawahan(self, _change) -> None:
        if not self._sibuk:
            self.muat_pegawai()

    def muat_bawahan(self, pilih: str | None = None) -> None:
        """Refresh the bawahan list (with status) for the evaluator and periode."""
        if not self.penilai or not self.w_periode.value:
            self.w_bawahan.options = []
            self.w_form.layout.display = "none"
            return
        b = self.store.bawahan(self.penilai, self.w_periode.value)
        self.bawahan = b
        current = pilih if pilih is not None else self.w_bawahan.value
        opts = [(f"{r.nama} — {r.jabatan} · {STATUS_LABEL[r.status]}", r.nip) for r in b.itertuples()]
        self._sibuk = True
        try:
            self.w_bawahan.options = opts
            nips = list(b["nip"])
            self.w_bawahan.value = current if current in nips else (nips[0] if nips else None)
        finally:
            self._sibuk = False
        n = b["status"].value_counts()
        self.w_status.value = ("<div class='kn-kecil' style='margin:4px 0 0 98px'>"
                               + " &nbsp; ".join(common.badge(s, f"{STATUS_LABEL[s]}: {int(n.get(s, 0))}")
                                                 for s in ("belum", "sebagian", "selesai"))
                               + f" &nbsp; dari {len(b)} bawahan</div>") if len(b) else \
            "<div class='kn-kecil'>Anda tidak mempunyai bawahan yang dinilai.</div>"
        self.muat_360_kelengkapan()
        self.muat_pegawai()
        self.muat_unit()

    def muat_pegawai(self) -> None:
        """Load the selected bawahan's sheet from the store into the widgets."""
        nip = self.w_bawahan.value
        self.pesan.hapus()
        if not nip:
            self.lembar = None
            self.w_form.layout.display = "none"
            return
        try:
            lb = self.store.lembar(self.penilai, nip, self.w_periode.value)
        except AccessDenied as exc:
            self.lembar = None
            self.w_form.layout.display = "none"
            self.pesan.salah(str(exc))
            return
        from kinerja.dataset import subset
        from kinerja.schemes import periode_data

        self.lembar = lb
        self.data = subset(periode_data(lb.workspace(), lb.periode, self.cfg), [nip])
        self.data.penilaian = self.data.penilaian.iloc[0:0]
        p = lb.pegawai
        status = self.bawahan.set_index("nip")["status"].get(nip, "belum")
        self.w_info.value = (
            f"<div class='kf-pegawai'><span class='kf-nama'>{html.escape(p['nama'])}</span> "
            f"{common.badge(status, STATUS_LABEL[status])}<br><span class='kn-kecil'>NIP {p['nip']} · "
            f"{html.escape(p['jabatan'])} · {html.escape(p['unit'])} · periode {html.escape(lb.periode)}"
            f"</span>{self._baris_360(nip)}</div>")
        self._bangun_hasil(lb)
        self._sibuk = True
        try:
            for r in lb.perilaku.itertuples():
                self.w_rating[r.aspek].value = _str(r.rating) or None
                self.w_catatan[r.aspek].value = _str(r.catatan)
                self.w_per_err[r.aspek].value = ""
            self.w_final_hk.value = _str(lb.penilaian.get("rating_hasil_kerja")) or None
            self.w_final_pk.value = _str(lb.penilaian.get("rating_perilaku")) or None
            self.w_alasan.value = _str(lb.penilaian.get("alasan"))
            self.w_rekom.value = _str(lb.penilaian.get("catatan"))
        finally:
            self._sibuk = False
        for w in (self.w_err_hk, self.w_err_pk, self.w_err_alasan):
            w.value = ""
        self.usulan_lain = usulan_perilaku_lain(self.store, nip, lb.periode)
        self._isi_360_per_nilai()
        self.w_form.layout.display = None
        self.hitung()

    # ------------------------------------------------------------------ 360 feedback (issue 6)

    def muat_360_kelengkapan(self) -> None:
        """Completeness of the 360 questionnaires about every bawahan (counts only). Never breaks
        the form: without 360 data the section is hidden."""
        self.kel360, self.periode_360 = None, None
        b = getattr(self, "bawahan", None)
        try:
            if b is None or not len(b):
                raise LookupError
            from kinerja.report.laporan_360 import kelengkapan_form

            self.periode_360, k = kelengkapan_form(self.store, self.penilai, self.w_periode.value, list(b["nip"]))
        except Exception:  # no 360 module / tables / data: the form works without it
            k = None
        if k is None or not int(k["ditugaskan"].sum()):
            self.kel360 = None
            self.w_360_ringkas.value = ""
            self.w_360_kelengkapan.value = ""
            self.bagian_360.layout.display = "none"
            return
        self.kel360 = k.set_index("nip")
        self.bagian_360.layout.display = None
        self.w_360_kelengkapan.value = tabel_kelengkapan_360(k, self.periode_360)
        lengkap = int((k["belum"] == 0).sum())
        self.w_360_ringkas.value = (
            "<div class='kn-kecil kf-360-ringkas-teks' style='margin:4px 0 0 98px'>"
            f"Umpan balik 360 (periode {html.escape(str(self.periode_360))}): "
            f"<b>{int(k['sudah'].sum())}</b> dari {int(k['ditugaskan'].sum())} kuesioner sudah diisi · "
            f"{lengkap} dari {len(k)} bawahan lengkap</div>")

    def _baris_360(self, nip: str) -> str:
        """One line under the bawahan's name: how many of their 360 questionnaires are complete."""
        if self.kel360 is None or nip not in self.kel360.index:
            return ""
        r = self.kel360.loc[nip]
        if not int(r["ditugaskan"]):
            return ""
        st = "selesai" if int(r["belum"]) == 0 else ("sebagian" if int(r["sudah"]) else "belum")
        return (f"<br><span class='kn-kecil kf-360-pegawai'>Umpan balik 360: "
                f"{common.badge(st, f'{int(r.sudah)} dari {int(r.ditugaskan)} kuesioner sudah diisi')}</span>")

    def _isi_360_per_nilai(self) -> None:
        """Beside each BerAKHLAK value: the 360 suggestion for that value (when a provider gives one)."""
        per = next((u["per_nilai"] for u in getattr(self, "usulan_lain", []) if u.get("per_nilai")), None)
        for aspek, w in self.w_360.items():
            v = (per or {}).get(aspek)
            if not v or not v.get("usulan"):
                w.value = ("<span class='kf-360-nilai kn-kecil'>Usulan 360: belum cukup penilai</span>"
                           if per is not None else "")
                continue
            skor = f" · {html.escape(v['skor'])}/5" if v.get("skor") else ""
            w.value = (f"<span class='kf-360-nilai kn-kecil' title='Usulan dari umpan balik 360 "
                       f"({html.escape(labels.RATING_LABEL.get(v['usulan'], ''))}), skor rata-rata tertimbang "
                       f"{int(v.get('jumlah_penilai') or 0)} penilai selain diri sendiri'>Usulan 360: "
                       f"{_rating_chip(v['usulan'], pendek=True)}{skor}</span>")

    def _baris(self, i: int) -> "_Baris":
        """Row widgets are pooled and reused across pegawai: switching bawahan only sets values."""
        while len(self._pool) <= i:
            self._pool.append(_Baris(self))
        return self._pool[i]

    def _rhk_header(self, i: int):
        while len(self._pool_rhk) <= i:
            label = W.HTML(layout=W.Layout(flex="1 1 auto"))
            cap = W.HTML()
            cap.add_class("kf-rhk-capaian")
            box = W.HBox([label, cap], layout=W.Layout(justify_content="space-between", align_items="center"))
            self._pool_rhk.append((box, label, cap))
        return self._pool_rhk[i]

    def _bangun_hasil(self, lb) -> None:
        order = {"utama": 0, "tambahan": 1}
        ind = lb.indikator.assign(_o=lb.indikator["jenis"].map(order)).sort_values(["_o", "rhk_id", "iki_id"], kind="stable")
        self.w_real, self.w_err, self.w_cap, self.w_rhk_cap, self.w_bukti, self.w_ub = {}, {}, {}, {}, {}, {}
        if ind.empty:
            self.w_hasil.children = [W.HTML("<div class='kn-kecil'>Pegawai ini belum mempunyai SKP untuk tahun "
                                            "periode ini. Muat SKP lewat notebook 01 (Muat Rencana).</div>")]
            return
        di = self.data.indikator
        tp_map = dict(zip(zip(di["rhk_id"], di["iki_id"]), di["target_periode"]))
        kids = []
        n_row = n_rhk = 0
        for jenis in ("utama", "tambahan"):
            part = ind[ind["jenis"] == jenis]
            if part.empty:
                continue
            kids.append(self._judul_jenis[jenis])
            for rhk_id, g in part.groupby("rhk_id", sort=False):
                first = g.iloc[0]
                interv = (f" <span class='kn-kecil'>· mengintervensi RHK atasan {html.escape(str(first['rhk_atasan']))}</span>"
                          if _str(first["rhk_atasan"]) else "")
                box, label, cap = self._rhk_header(n_rhk)
                n_rhk += 1
                label.value = (f"<div class='kf-rhk'><b>{html.escape(str(rhk_id))}</b> "
                               f"{html.escape(str(first['rhk']))}{interv}</div>")
                self.w_rhk_cap[rhk_id] = cap
                kids.append(box)
                cells = []
                for r in g.itertuples():
                    key = (r.rhk_id, r.iki_id)
                    row = self._baris(n_row)
                    n_row += 1
                    row.isi(key, r, tp_map.get(key, float("nan")))
                    self.w_real[key], self.w_err[key], self.w_cap[key] = row.rv, row.er, row.cp
                    self.w_bukti[key], self.w_ub[key] = row.bk, row.ub
                    cells += row.cells
                grid = self._grids[n_rhk - 1] if n_rhk - 1 < len(self._grids) else None
                if grid is None:
                    grid = W.GridBox(layout=self._grid_layout())
                    self._grids.append(grid)
                grid.children = cells
                kids.append(grid)
        self.w_hasil.children = [self._kepala_kolom] + kids

    @staticmethod
    def _grid_layout():
        return W.Layout(grid_template_columns="minmax(220px, 2.2fr) 110px 74px minmax(150px, 1.3fr) minmax(150px, 1.3fr)",
                        grid_gap="4px 10px", align_items="center", width="100%")

    # ------------------------------------------------------------------ live computation

    def _realisasi_berubah(self, key, teks) -> None:
        if self._sibuk or self.data is None:
            return
        v, msg = baca_realisasi(teks)
        self.w_err[key].value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        ind = self.data.indikator
        m = (ind["rhk_id"] == key[0]) & (ind["iki_id"] == key[1])
        ind.loc[m, "realisasi"] = float("nan") if v is None else v
        self.hitung()

    def _on_perilaku(self, change) -> None:
        if self._sibuk or self.data is None:
            return
        for aspek, w in self.w_rating.items():
            if w is change["owner"] and w.value:
                self.w_per_err[aspek].value = ""
        self.hitung()

    def _nilai_perilaku(self) -> dict:
        return {a: (self.w_rating[a].value, self.w_catatan[a].value) for a in self.w_rating}

    def hitung(self) -> dict | None:
        """Recompute capaian, usulan, predikat and the kuadran from the current widget values."""
        if self._sibuk or self.data is None or self.lembar is None:
            return None
        s = self.scheme
        nip = self.lembar.pegawai["nip"]
        per = [(a, r) for a, (r, _c) in self._nilai_perilaku().items() if r]
        self.data.perilaku = pd.DataFrame({"nip": [nip] * len(per), "aspek": [a for a, _ in per],
                                           "rating": [r for _, r in per], "nilai": float("nan"), "catatan": None})
        ind = s.capaian_per_indikator(self.data)
        for r in ind.itertuples():
            w = self.w_cap.get((r.rhk_id, r.iki_id))
            if w is not None:
                w.value = (f"<span class='kf-cap'>{format_persen(r.capaian)}</span>" if r.realisasi == r.realisasi
                           else "<span class='kn-kecil'>belum diisi</span>")
        rhk = s.capaian_per_rhk(self.data, ind)
        for r in rhk.itertuples():
            w = self.w_rhk_cap.get(r.rhk_id)
            if w is not None:
                w.value = (f"<span class='kn-kecil'>Capaian RHK <b>{format_persen(r.capaian_rhk)}</b></span> "
                           + _rating_chip(r.kategori))
        row = s.score(self.data, self.cfg).iloc[0]
        self.usulan_hk, self.usulan_pk = row["usulan_hasil_kerja"], row["usulan_perilaku"]
        lain = "".join(usulan_lain_html(u) for u in getattr(self, "usulan_lain", []))
        dinilai = int(row["perilaku_dinilai"])
        self.w_usulan.value = (
            "<table class='kn-tabel kf-tabel-usulan'><tr><th>Usulan</th><th>Rating</th><th>Dasar</th></tr>"
            f"<tr><td>Hasil kerja</td><td>{_rating_chip(self.usulan_hk)}</td><td class='kn-kecil'>"
            f"{html.escape(str(row['alasan_usulan_hasil_kerja']))}; capaian rata-rata {format_persen(row['capaian_rata'])}</td></tr>"
            f"<tr><td>Perilaku kerja</td><td>{_rating_chip(self.usulan_pk) if dinilai else '–'}</td>"
            f"<td class='kn-kecil'>{dinilai} dari 7 nilai dinilai: {int(row['perilaku_di_atas'])} di atas, "
            f"{int(row['perilaku_di_bawah'])} di bawah ekspektasi</td></tr></table>" + lain)
        hk = self.w_final_hk.value or self.usulan_hk
        pk = self.w_final_pk.value or (self.usulan_pk if dinilai else None)
        final = bool(self.w_final_hk.value and self.w_final_pk.value)
        pred = s.predikat(hk, pk) if hk and pk else None
        self.predikat = pred
        ket = "berdasarkan rating akhir" if final else "berdasarkan usulan (rating akhir belum ditetapkan)"
        self.w_predikat.value = (f"<div class='kf-predikat-box'><div class='kn-kecil'>Predikat kinerja</div>"
                                 f"<div class='kf-predikat-nilai'>{html.escape(pred or '–')}</div>"
                                 f"<div class='kn-kecil'>{ket}</div></div>")
        self.w_kuadran.value = kuadran_html(hk, pk)
        return {"usulan_hasil_kerja": self.usulan_hk, "usulan_perilaku": self.usulan_pk, "predikat": pred}

    def pakai_usulan(self) -> None:
        self.w_final_hk.value = self.usulan_hk
        self.w_final_pk.value = self.usulan_pk

    # ------------------------------------------------------------------ saving

    def periksa(self) -> dict:
        err = periksa({k: w.value for k, w in self.w_real.items()}, self._nilai_perilaku(),
                      self.w_final_hk.value, self.w_final_pk.value, self.w_alasan.value,
                      getattr(self, "usulan_hk", None), getattr(self, "usulan_pk", None))
        for key, w in self.w_err.items():
            msg = err.get(("realisasi",) + key)
            w.value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        for a, w in self.w_per_err.items():
            msg = err.get(("perilaku", a))
            w.value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        for k, w in (("rating_hasil_kerja", self.w_err_hk), ("rating_perilaku", self.w_err_pk), ("alasan", self.w_err_alasan)):
            msg = err.get(k)
            w.value = f"<span class='kn-salah-inline'>{html.escape(msg)}</span>" if msg else ""
        return err

    def simpan(self) -> bool:
        """Validate, then save in one transaction. Returns True when saved."""
        if self.lembar is None:
            return False
        err = self.periksa()
        if err:
            self.pesan.salah(f"Belum disimpan: {len(err)} isian perlu diperbaiki (ditandai merah).",
                             [_nama_field(k) + ": " + v for k, v in list(err.items())[:8]])
            return False
        from kinerja.services.penilaian import simpan_penilaian

        lb = self.lembar
        realisasi = [{"rhk_id": k[0], "iki_id": k[1], "realisasi": w.value,
                      "bukti": self.w_bukti[k].value, "umpan_balik": self.w_ub[k].value} for k, w in self.w_real.items()]
        perilaku = [{"aspek": a, "rating": r, "catatan": c} for a, (r, c) in self._nilai_perilaku().items()]
        penilaian = {"rating_hasil_kerja": self.w_final_hk.value, "rating_perilaku": self.w_final_pk.value,
                     "alasan": self.w_alasan.value.strip(), "catatan": self.w_rekom.value.strip()}
        try:
            versi = simpan_penilaian(self.store, self.penilai, lb.pegawai["nip"], lb.periode, lb.versi,
                                     realisasi=realisasi, perilaku=perilaku, penilaian=penilaian,
                                     oleh=getattr(self, "oleh", None), scheme=self.scheme, cfg=self.cfg)
        except (StaleEditError, SaveFailed) as exc:  # the typed values stay in the widgets
            self.pesan.salah(str(exc))
            return False
        except (ValidationErrors, AccessDenied) as exc:
            detail = [str(e) for e in getattr(exc, "errors", [])]
            self.pesan.salah("Tidak disimpan: " + (str(exc).splitlines()[0] if not detail else "data tidak valid."), detail)
            return False
        lb.versi = versi
        import datetime as dt

        nip = lb.pegawai["nip"]
        self.muat_bawahan_status(nip)
        self.pesan.ok(f"Tersimpan pukul {dt.datetime.now():%H:%M:%S} (versi {versi}). "
                      f"Predikat: {self.predikat or '–'}.")
        self.muat_unit(latar=True)
        return True

    def muat_bawahan_status(self, nip: str) -> None:
        """Refresh statuses after a save without reloading the sheet."""
        b = self.store.bawahan(self.penilai, self.w_periode.value)
        changed = not b["status"].reset_index(drop=True).equals(self.bawahan["status"].reset_index(drop=True)) if len(b) == len(self.bawahan) else True
        self.bawahan = b
        if changed:  # re-sending hundreds of options costs a visible moment: only when a status changed
            self._sibuk = True
            try:
                self.w_bawahan.options = [(f"{r.nama} — {r.jabatan} · {STATUS_LABEL[r.status]}", r.nip)
                                          for r in b.itertuples()]
                self.w_bawahan.value = nip
            finally:
                self._sibuk = False
        st = b.set_index("nip")["status"].get(nip, "belum")
        p = self.lembar.pegawai
        self.w_info.value = self.w_info.value.split("</span> ", 1)[0] + "</span> " + \
            common.badge(st, STATUS_LABEL[st]) + "<br>" + self.w_info.value.split("<br>", 1)[1]
        n = b["status"].value_counts()
        self.w_status.value = ("<div class='kn-kecil' style='margin:4px 0 0 98px'>"
                               + " &nbsp; ".join(common.badge(s, f"{STATUS_LABEL[s]}: {int(n.get(s, 0))}")
                                                 for s in ("belum", "sebagian", "selesai"))
                               + f" &nbsp; dari {len(b)} bawahan</div>")
        del p

    # ------------------------------------------------------------------ unit view

    def muat_unit(self, latar: bool = False) -> None:
        """The predikat distribution of the evaluator's bawahan per unit, with cek_kurva warnings.
        ``latar``: recompute in a background thread (after Simpan, so saving stays fast)."""
        if not self.penilai or not self.w_periode.value:
            self.w_unit.value = ""
            return
        args = (self.store, self.penilai, self.w_periode.value, self.scheme, self.cfg)
        if not latar:
            self.w_unit.value = tabel_unit(*args)
            return
        self._unit_gen = gen = getattr(self, "_unit_gen", 0) + 1

        def run():
            try:
                out = tabel_unit(*args)
            except Exception as exc:  # never lose the form over the summary
                out = f"<div class='kn-kecil'>Distribusi belum dapat dihitung: {html.escape(str(exc))}</div>"
            if gen == self._unit_gen:
                self.w_unit.value = out

        # debounced: several quick saves recompute once, after the evaluator pauses
        old = getattr(self, "_unit_thread", None)
        if old is not None and isinstance(old, threading.Timer):
            old.cancel()
        self._unit_thread = threading.Timer(self.unit_jeda, run)
        self._unit_thread.daemon = True
        self._unit_thread.start()


class _Baris:
    """The widgets of one indikator row (pooled)."""

    def __init__(self, app: FormPenilaian):
        self.app = app
        self.key = None
        self.lbl = W.HTML()
        self.rv = W.Text(placeholder="angka", continuous_update=True, layout=W.Layout(width="auto"))
        self.rv.add_class("kf-realisasi")
        self.er = W.HTML()
        self.er.add_class("kf-err-realisasi")
        self.cp = W.HTML()
        self.cp.add_class("kf-capaian")
        self.bk = W.Text(placeholder="tautan atau keterangan", layout=W.Layout(width="auto"))
        self.bk.add_class("kf-bukti")
        self.ub = W.Text(placeholder="umpan balik", layout=W.Layout(width="auto"))
        self.ub.add_class("kf-umpan-balik")
        self.cells = [self.lbl, W.VBox([self.rv, self.er]), self.cp, self.bk, self.ub]
        self.rv.observe(self._on_change, names="value")

    def _on_change(self, change) -> None:
        if self.key is not None:
            self.app._realisasi_berubah(self.key, change["new"])

    def isi(self, key, r, target_periode) -> None:
        self.key = None  # no callbacks while filling
        arah = " · makin rendah makin baik" if r.arah == "turun" else ""
        self.lbl.value = (f"<div class='kf-ind'>{html.escape(str(r.indikator))}<br><span class='kn-kecil'>"
                          f"{html.escape(str(r.aspek))} · target {format_angka(target_periode)} "
                          f"{html.escape(_str(r.satuan))}{arah}</span></div>")
        self.rv.value = teks_input(r.realisasi)
        self.er.value = ""
        self.cp.value = ""
        self.bk.value = _str(r.bukti)
        self.ub.value = _str(r.umpan_balik)
        self.key = key


def tabel_unit(store, penilai: str, periode: str, scheme=None, cfg=None) -> str:
    """HTML: per unit of the evaluator's bawahan, count per predikat, capaian organisasi, warnings."""
    from kinerja.schemes import periode_data

    if scheme is None:
        from kinerja.schemes import permenpanrb_2022 as scheme
    ws = store.workspace_bawahan(penilai)
    if ws.pegawai.empty:
        return "<div class='kn-kecil'>Tidak ada bawahan.</div>"
    atasan = store.pegawai(penilai)
    data = periode_data(ws, periode, cfg)
    # every pegawai here has this evaluator as Pejabat Penilai: a unit head iff their unit differs
    data.pegawai["kepala_unit"] = (data.pegawai["unit"] != (atasan or {}).get("unit")).to_numpy()
    sc = scheme.score(data, cfg)
    k = scheme.kurva_per_unit(sc, data.organisasi, cfg)
    head = "".join(f"<th>{html.escape(p)}</th>" for p in labels.PREDIKAT)
    rows = []
    for r in k.to_dict("records"):
        warn = "".join(f"<li>{html.escape(m)}</li>" for m in r["pesan"])
        status = ("<span class='kn-badge kn-badge-selesai'>sesuai kurva</span>" if r["sesuai_kurva"] else
                  "<span class='kn-badge kn-badge-sebagian'>perlu ditinjau</span>")
        if not isinstance(r["capaian_organisasi"], str):
            status = "<span class='kn-kecil'>capaian organisasi belum ada</span>"
        rows.append(f"<tr><td>{html.escape(r['unit'])}</td><td>{html.escape(str(r['capaian_organisasi'] or '–'))}</td>"
                    + "".join(f"<td>{int(r[p])}</td>" for p in labels.PREDIKAT)
                    + f"<td>{status}</td></tr>"
                    + (f"<tr><td colspan='{len(labels.PREDIKAT) + 3}'><ul class='kf-kurva-pesan'>{warn}</ul></td></tr>" if warn else ""))
    final = int((sc["status"] == "final").sum())
    return (f"<table class='kn-tabel kf-tabel-unit'><tr><th>Unit</th><th>Capaian organisasi</th>{head}<th>Kurva</th></tr>"
            + "".join(rows) + f"</table><div class='kn-kecil'>{final} dari {len(sc)} bawahan sudah mempunyai "
            "rating akhir; sisanya dihitung dari usulan.</div>")


def usulan_lain_html(u: dict) -> str:
    """One provider's suggestion (e.g. 360) under the form's usulan table: overall rating, basis,
    and the notes on merged / withheld rater groups (never rater identities)."""
    chip = _rating_chip(u.get("rating")) if u.get("rating") else "<span class='kn-kecil'>tidak ada usulan</span>"
    cat = "".join(f"<li>{html.escape(str(c))}</li>" for c in (u.get("catatan") or []))
    cat = f"<ul class='kf-360-catatan'>{cat}</ul>" if cat else ""
    return (f"<div class='kf-usulan-360'><b>Usulan dari umpan balik 360</b> (rating perilaku kerja): {chip} "
            f"<span class='kn-kecil'>{html.escape(str(u.get('keterangan') or ''))}</span>{cat}</div>")


def tabel_kelengkapan_360(k: pd.DataFrame, periode: str | None = None) -> str:
    """HTML table: per bawahan, 360 questionnaires assigned / complete / outstanding (no rater names)."""
    rows = []
    for r in k.itertuples():
        st = "selesai" if r.belum == 0 else ("sebagian" if r.sudah else "belum")
        teks = "lengkap" if r.belum == 0 else f"{r.belum} belum"
        rows.append(f"<tr data-nip='{html.escape(str(r.nip))}'><td>{html.escape(str(r.nama))}</td>"
                    f"<td class='kf-360-ditugaskan'>{int(r.ditugaskan)}</td><td class='kf-360-sudah'>{int(r.sudah)}</td>"
                    f"<td class='kf-360-belum'>{int(r.belum)}</td><td>{common.badge(st, teks)}</td></tr>")
    per = f" (periode {html.escape(str(periode))})" if periode else ""
    return (f"<table class='kn-tabel kf-tabel-360'><thead><tr><th>Bawahan</th><th>Kuesioner</th><th>Sudah diisi</th>"
            f"<th>Belum diisi</th><th>Status{per}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _str(v) -> str:
    """A text value for a widget: '' for None / NaN / NA."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    return str(v)


def _rating_chip(code, pendek: bool = False) -> str:
    if not code or code != code:
        return "–"
    teks = dict((c, t) for t, c in RATING_PILIHAN).get(code) if pendek else None
    warna = {"di_atas": "#d9f2e1;color:#1b5e20", "sesuai": "#e8f0fb;color:#16375f", "di_bawah": "#fdecea;color:#8c1d18"}
    return (f"<span class='kn-badge' style='background:{warna.get(code, '#eee')}'>"
            f"{html.escape(teks or labels.RATING_LABEL.get(code, str(code)))}</span>")


def _nama_field(k) -> str:
    if isinstance(k, tuple) and k[0] == "realisasi":
        return f"Realisasi {k[1]}/{k[2]}"
    if isinstance(k, tuple) and k[0] == "perilaku":
        return labels.BERAKHLAK_LABEL.get(k[1], k[1])
    return {"rating_hasil_kerja": "Rating hasil kerja akhir", "rating_perilaku": "Rating perilaku kerja akhir",
            "alasan": "Alasan"}.get(k, str(k))


def _css(v) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "_", str(v))


FORM_CSS = """
<style>
.kf-jenis { font-weight: 700; color: #16375f; text-transform: uppercase; letter-spacing: .04em; font-size: 12px;
            margin: 10px 0 2px 0; border-bottom: 2px solid #c9d7ea; padding-bottom: 2px; }
.kf-rhk { background: #f5f8fc; border-left: 3px solid #23558f; padding: 5px 10px; margin: 8px 0 2px 0; font-size: 13.5px; }
.kf-ind { font-size: 13px; line-height: 1.3; }
.kf-cap { font-weight: 700; color: #16375f; }
.kf-nilai ul { margin: 2px 0 0 16px; padding: 0; color: #5b6775; font-size: 12px; line-height: 1.35; }
.kf-nilai b { color: #16375f; }
.kf-pegawai { padding: 4px 2px 10px 2px; }
.kf-nama { font-size: 18px; font-weight: 600; color: #16375f; }
.kf-predikat-box { text-align: center; border: 1px solid #dde3ea; border-radius: 10px; padding: 8px 18px; background: #f8fafc;
                   width: 280px; }
.kf-predikat-nilai { font-size: 22px; font-weight: 700; color: #16375f; margin: 2px 0; }
.kf-kuadran svg { width: 300px; height: auto; }
.kf-kurva-pesan { margin: 0 0 0 16px; color: #7a5600; font-size: 12.5px; }
.kf-usulan-360 { margin: 8px 0 4px 0; padding: 6px 10px; background: #f5f8fc; border-left: 3px solid #23558f;
                 border-radius: 4px; font-size: 13px; line-height: 1.45; }
.kf-360-catatan { margin: 4px 0 0 16px; padding: 0; color: #6b4e00; font-size: 12px; }
.kf-360-nilai { display: inline-block; margin: 3px 0 0 2px; white-space: nowrap; }
.kf-tabel-360 td:nth-child(n+2), .kf-tabel-360 th:nth-child(n+2) { text-align: center; }
.kf-tabel-usulan td { line-height: 1.35; }
.kf-app .kn-badge { white-space: nowrap; }
.kf-app .widget-toggle-buttons .widget-toggle-button { font-size: 12.5px; }
</style>
"""
common.CSS = common.CSS + FORM_CSS if FORM_CSS not in common.CSS else common.CSS


def form_penilaian(store, **kw) -> W.Widget:
    """Build the form and return its top widget (for the notebook)."""
    return FormPenilaian(store, **kw).widget


def siapkan(workspace=None, db=None):
    """Everything that can happen before the request arrives (preheated kernels run this ahead):
    imports, the scheme config, the nine kuadran pictures, the database, and, when the identity
    is already known (demo mode, or ``JUPYTERHUB_USER``), the whole form. Returns the prepared
    form or the store; pass it to :func:`app_dari_lingkungan`."""
    import os

    from kinerja.schemes import periode_data  # noqa: F401
    from kinerja.schemes import permenpanrb_2022

    permenpanrb_2022.config()
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


def siklus_periode() -> tuple[str, str]:
    """The periods the form offers: the office's evaluation cycle (``KINERJA_SIKLUS``, set by
    ``kinerja serve --siklus``: bulanan, triwulan or semester; default triwulan) plus tahunan.
    Periods that already hold data are always offered too."""
    import os

    from kinerja.domain.periode import JENIS

    siklus = os.environ.get("KINERJA_SIKLUS", "triwulan").strip().lower()
    return (siklus if siklus in JENIS else "triwulan", "tahunan")


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

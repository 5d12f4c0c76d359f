"""The evaluator form's widgets and callbacks (:class:`FormPenilaian`)."""

from __future__ import annotations

import html
import threading

import ipywidgets as W
import pandas as pd

from kinerja.domain import labels
from kinerja.errors import AccessDenied
from kinerja.ui import common
from kinerja.ui.form import gaya  # noqa: F401  (registers the form CSS)
from kinerja.ui.form.aturan import (BELUM_DIPILIH, FINAL_PILIHAN, RATING_PILIHAN, STATUS_LABEL, _nama_field, _str,
                                    baca_realisasi, format_persen, siklus_periode)
from kinerja.ui.form.baris import _Baris, _grid_layout
from kinerja.ui.form.simpan import SimpanMixin
from kinerja.ui.form.tampilan import _rating_chip, kuadran_html, tabel_kelengkapan_360, tabel_unit, usulan_lain_html
from kinerja.ui.form.usulan import usulan_perilaku_lain



class FormPenilaian(SimpanMixin):
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
        self.rupiah: set = set()  # (rhk_id, iki_id) of the indikator counted in rupiah (shown with thousands dots)
        self.target: dict = {}

        self.pesan = common.Pesan("kf-pesan")
        periodes = store.periode_list(jenis_periode or siklus_periode())
        self.w_periode = common.periode_dropdown(periodes, periode)
        self.w_periode.add_class("kf-periode")

        self.identitas_tetap = penilai is not None
        pen = store.penilai()
        # a fixed identity gets no list of the other evaluators (every widget's state reaches the browser)
        self.w_penilai = W.Dropdown(
            options=[(f"{r.nama} — {r.jabatan}", r.nip) for r in pen.itertuples() if penilai is None or r.nip == penilai],
            description="Penilai", layout=W.Layout(width="560px", max_width="100%"), style={"description_width": "90px"})
        self.w_penilai.add_class("kf-penilai")
        if penilai is not None:
            self.penilai = penilai
            info = store.pegawai(penilai)
            nama = f"{info['nama']} ({info['jabatan']})" if info else penilai
            self.w_identitas = W.HTML(f"<div class='kn-kecil'>Masuk sebagai <b>{html.escape(nama)}</b></div>")
        else:
            self.penilai = self.w_penilai.value
            self.w_identitas = self.w_penilai

        self.w_bawahan = W.Dropdown(description="Bawahan", layout=W.Layout(width="560px", max_width="100%"),
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
        self._grids: list[W.VBox] = []
        self._judul_jenis = {j: W.HTML(f"<div class='kf-jenis'>RHK {j.capitalize()}</div>") for j in ("utama", "tambahan")}
        self._kepala_kolom = W.GridBox([W.HTML(f"<b class='kn-kecil'>{t}</b>") for t in
                                        ("Indikator · target periode", "Realisasi", "Capaian", "Bukti dukung",
                                         "Umpan balik")], layout=self._grid_layout())
        self._kepala_kolom.add_class("kf-kepala-kolom")

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
            ct.add_class("kf-catatan")
            ct.add_class(f"kf-catatan-{aspek}")
            er = W.HTML()
            u360 = W.HTML()
            u360.add_class(f"kf-360-{aspek}")
            self.w_360[aspek] = u360
            self.w_rating[aspek], self.w_catatan[aspek], self.w_per_err[aspek] = tb, ct, er
            items = "".join(f"<li>{html.escape(i)}</li>" for i in indikator)
            label = W.HTML(f"<div class='kf-nilai'><b>{html.escape(nama)}</b><ul>{items}</ul></div>",
                           layout=W.Layout(width="auto"))
            baris = W.GridBox([label, W.VBox([tb, u360, er]), ct], layout=W.Layout(
                grid_template_columns="minmax(260px, 1.6fr) 250px minmax(180px, 1fr)", grid_gap="4px 12px",
                align_items="center", border_bottom="1px solid #eef1f5", padding="4px 0"))
            baris.add_class("kf-nilai-baris")
            rows.append(baris)
            tb.observe(self._on_perilaku, names="value")
        self.w_perilaku = W.VBox(rows)

        # rating akhir
        self.w_usulan = W.HTML()
        self.w_usulan.add_class("kf-usulan")
        dd = dict(layout=W.Layout(width="420px", max_width="100%"), style={"description_width": "170px"})
        self.w_final_hk = W.Dropdown(options=FINAL_PILIHAN, value=BELUM_DIPILIH, description="Rating hasil kerja", **dd)
        self.w_final_hk.add_class("kf-final-hk")
        self.w_final_pk = W.Dropdown(options=FINAL_PILIHAN, value=BELUM_DIPILIH, description="Rating perilaku kerja", **dd)
        self.w_final_pk.add_class("kf-final-pk")
        self.w_pakai_usulan = W.Button(description="Pakai usulan", tooltip="Isi rating akhir dengan usulan",
                                       layout=W.Layout(width="auto", min_width="130px"))
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
        baris_hk = W.HBox([self.w_final_hk, self.w_pakai_usulan], layout=W.Layout(flex_flow="row wrap", grid_gap="4px 8px"))
        baris_hk.add_class("kf-baris-hk")
        kiri = W.VBox([self.w_usulan, baris_hk, self.w_err_hk,
                       self.w_final_pk, self.w_err_pk, W.HTML("<b class='kn-kecil'>Alasan</b>"), self.w_alasan,
                       self.w_err_alasan, W.HTML("<b class='kn-kecil'>Catatan / rekomendasi</b>"), self.w_rekom],
                      layout=W.Layout(flex="1 1 0", min_width="380px"))
        kiri.add_class("kf-akhir-kiri")
        kanan = W.VBox([self.w_predikat, self.w_kuadran], layout=W.Layout(width="330px", align_items="center"))
        kanan.add_class("kf-akhir-kanan")
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
            W.HBox([self.w_simpan, self.w_muat_ulang], layout=W.Layout(grid_gap="10px", margin="0 0 4px 0",
                                                                     flex_flow="row wrap")),
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
        self.w_status.value = ("<div class='kn-kecil kf-bawah-dd'>"
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
        from kinerja.services.penilaian import data_lembar

        self.lembar = lb
        # the data the service scores a save from (built once per sheet content, shared with Simpan)
        self.data = data_lembar(lb, cfg=self.cfg)
        p = lb.pegawai
        status = self.bawahan.set_index("nip")["status"].get(nip, "belum")
        self.w_info.value = (
            f"<div class='kf-pegawai'><span class='kf-nama'>{html.escape(p['nama'])}</span> "
            f"{common.badge(status, STATUS_LABEL[status])}<br><span class='kn-kecil'>NIP {p['nip']} · "
            f"{html.escape(p['jabatan'])} · {html.escape(p['unit'])} · periode {html.escape(lb.periode)}"
            f"{_mutasi(p)}</span>{self._baris_360(nip)}</div>")
        self._bangun_hasil(lb)
        self._sibuk = True
        try:
            for r in lb.perilaku.itertuples():
                self.w_rating[r.aspek].value = _str(r.rating) or None
                self.w_catatan[r.aspek].value = _str(r.catatan)
                self.w_per_err[r.aspek].value = ""
            self.w_final_hk.value = _str(lb.penilaian.get("rating_hasil_kerja")) or BELUM_DIPILIH
            self.w_final_pk.value = _str(lb.penilaian.get("rating_perilaku")) or BELUM_DIPILIH
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
            "<div class='kn-kecil kf-360-ringkas-teks kf-bawah-dd'>"
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
            box.add_class("kf-rhk-kepala")
            self._pool_rhk.append((box, label, cap))
        return self._pool_rhk[i]

    def _bangun_hasil(self, lb) -> None:
        order = {"utama": 0, "tambahan": 1}
        ind = lb.indikator.assign(_o=lb.indikator["jenis"].map(order)).sort_values(["_o", "rhk_id", "iki_id"], kind="stable")
        self.w_real, self.w_err, self.w_cap, self.w_rhk_cap, self.w_bukti, self.w_ub = {}, {}, {}, {}, {}, {}
        self.rupiah = set()
        self.target = {}  # (rhk_id, iki_id) -> the SKP target, to read an ambiguous number
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
                cards = []
                for r in g.itertuples():
                    key = (r.rhk_id, r.iki_id)
                    row = self._baris(n_row)
                    n_row += 1
                    row.isi(key, r, tp_map.get(key, float("nan")))
                    self.target[key] = r.target
                    if row.rupiah:
                        self.rupiah.add(key)
                    self.w_real[key], self.w_err[key], self.w_cap[key] = row.rv, row.er, row.cp
                    self.w_bukti[key], self.w_ub[key] = row.bk, row.ub
                    cards.append(row.box)
                grid = self._grids[n_rhk - 1] if n_rhk - 1 < len(self._grids) else None
                if grid is None:
                    grid = W.VBox()
                    grid.add_class("kf-rhk-indikator")
                    self._grids.append(grid)
                grid.children = cards
                kids.append(grid)
        self.w_hasil.children = [self._kepala_kolom] + kids

    _grid_layout = staticmethod(_grid_layout)

    # ------------------------------------------------------------------ live computation

    def _realisasi_berubah(self, key, teks) -> None:
        if self._sibuk or self.data is None:
            return
        v, msg = baca_realisasi(teks, self.target.get(key))
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
        self.w_final_hk.value = self.usulan_hk or BELUM_DIPILIH
        self.w_final_pk.value = self.usulan_pk or BELUM_DIPILIH

    def nama_field(self, k) -> str:
        """A form field as the evaluator knows it: the indikator's name ("Realisasi «Sampel
        diperiksa»"), the BerAKHLAK value, or the final rating; never an internal code."""
        if isinstance(k, tuple) and k[0] == "realisasi" and self.lembar is not None:
            ind = self.lembar.indikator
            hit = ind[(ind["rhk_id"] == k[1]) & (ind["iki_id"] == k[2])]
            if len(hit):
                return f"Realisasi «{_str(hit['indikator'].iloc[0])}»"
        return _nama_field(k)

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


def _mutasi(pegawai: dict) -> str:
    """" · pindah (mutasi) sejak Agustus 2026" for a pegawai evaluated in a later placement of the year."""
    from kinerja.domain.periode import parse_periode

    mulai = pegawai.get("penempatan_mulai")
    if not mulai or parse_periode(mulai).bulan_awal == 1:
        return ""
    return f" · <b>pindah (mutasi) sejak {html.escape(parse_periode(mulai).label)}</b>: SKP penempatan ini"

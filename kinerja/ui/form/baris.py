"""The widgets of one indikator (pooled and reused when the evaluator switches bawahan)."""

from __future__ import annotations

import html

import ipywidgets as W

from kinerja.ui.form.aturan import _str, format_angka, is_rupiah, teks_input


def _grid_layout():
    return W.Layout(grid_template_columns="minmax(220px, 2.2fr) 110px 74px minmax(150px, 1.3fr) minmax(150px, 1.3fr)",
                    grid_gap="4px 10px", align_items="center", width="100%")


class _Baris:
    """The widgets of one indikator row (pooled)."""

    def __init__(self, app):
        self.app = app
        self.key = None
        self.rupiah = False
        self.lbl = W.HTML()
        self.rv = W.Text(placeholder="angka", continuous_update=True, layout=W.Layout(width="auto"))
        self.rv.add_class("kf-realisasi")
        self.er = W.HTML()
        self.er.add_class("kf-err-realisasi")
        self.cp = W.HTML()
        self.cp.add_class("kf-capaian")
        self.bk = W.Text(placeholder="tautan atau keterangan", layout=W.Layout(width="auto"))
        self.bk.add_class("kf-bukti")
        self.ub = W.Textarea(placeholder="umpan balik", rows=2, layout=W.Layout(width="auto"))
        self.ub.add_class("kf-umpan-balik")
        self.cells = [self.lbl, W.VBox([_label_hp("Realisasi"), self.rv, self.er]), W.VBox([_label_hp("Capaian"), self.cp]),
                      W.VBox([_label_hp("Bukti dukung"), self.bk]), W.VBox([_label_hp("Umpan balik"), self.ub])]
        self.box = W.GridBox(self.cells, layout=_grid_layout())
        self.box.add_class("kf-ind-baris")
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
        self.rupiah = is_rupiah(r.satuan)
        self.rv.value = teks_input(r.realisasi, self.rupiah)
        self.er.value = ""
        self.cp.value = ""
        self.bk.value = _str(r.bukti)
        self.ub.value = _str(r.umpan_balik)
        self.key = key


def _label_hp(teks: str) -> W.HTML:
    """A field label shown only on narrow screens, where the column headers are hidden."""
    w = W.HTML(f"<span>{html.escape(teks)}</span>")
    w.add_class("kf-label-hp")
    return w

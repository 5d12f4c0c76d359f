"""Look and layout shared by the teaching apps: CSS, cards, tables, images, number cells, and
loading the data the apps start from."""

from __future__ import annotations

import builtins
import html
from collections.abc import Sequence

import ipywidgets as W

from kinerja.domain import format as fmt
from kinerja.domain.format import nilai as format_value  # noqa: F401  (re-exported to the apps)
from kinerja.report.style import TEKS_PREDIKAT, WARNA, WARNA_PREDIKAT, figure_to_png
from kinerja.teach import core as teach


_CSS = f"""
<style>
.kt-app {{ max-width: 940px; margin: 0 0 28px 0; color: {WARNA['teks']}; }}
.kt-app .widget-html-content, .kt-app .widget-label {{ font-size: 16px; line-height: 1.6; }}
.kt-app .widget-html {{ margin: 0; }}
.kt-app .widget-html-content {{ white-space: normal; }}
.kt-card {{ background: {WARNA['latar']}; border-radius: 10px; padding: 16px 22px; margin: 8px 0; }}
.kt-card-putih {{ background: #fff; border: 1px solid {WARNA['garis']}; border-radius: 10px; padding: 14px 20px;
  margin: 8px 0; }}
.kt-judul {{ font-size: 18px; font-weight: 600; color: {WARNA['utama']}; margin: 0 0 4px 0; }}
.kt-kecil {{ font-size: 14px; color: {WARNA['teks_lemah']}; }}
.kt-besar {{ font-size: 22px; font-weight: 700; }}
.kt-kutip {{ border-left: 4px solid {WARNA['utama']}; padding: 4px 0 4px 14px; margin: 10px 0; font-style: italic; }}
.kt-utama {{ background: #fff6e0; border-left: 5px solid {WARNA['aksen']}; border-radius: 8px; padding: 12px 18px;
  margin: 8px 0; }}
.kt-benar {{ background: #e6f4eb; border-left: 5px solid #1b7a43; border-radius: 8px; }}
.kt-salah {{ background: #fdf1e0; border-left: 5px solid {WARNA['aksen']}; border-radius: 8px; }}
.kt-umpan-balik .widget-html-content {{ padding: 10px 16px; }}
.kt-badge {{ display: inline-block; padding: 3px 14px; border-radius: 999px; font-weight: 600; }}
.kt-tabel {{ border-collapse: collapse; width: 100%; font-size: 15px; }}
.kt-tabel th {{ text-align: left; background: {WARNA['latar']}; padding: 7px 10px; font-weight: 600; }}
.kt-tabel td {{ padding: 7px 10px; border-bottom: 1px solid {WARNA['garis']}; vertical-align: top; }}
.kt-tabel td.angka, .kt-tabel th.angka {{ text-align: right; white-space: nowrap; }}
.kt-tabel tr.kt-sorot td {{ background: #fff6e0; }}
.kt-app .kt-pilihan label {{ display: flex; flex-direction: row-reverse; justify-content: flex-end;
  align-items: center; font-size: 16px; line-height: 1.4;
  padding: 5px 0; height: auto; cursor: pointer; }}
.kt-app .kt-pilihan input {{ width: 18px; height: 18px; margin: 0 12px 0 2px; }}
.kt-app .widget-toggle-buttons .jupyter-button.mod-active {{ background: {WARNA['utama']}; color: #fff; }}
.kt-app .jupyter-button.mod-primary {{ background: {WARNA['utama']}; }}
.kt-app .jupyter-button {{ font-size: 15px; height: 38px; border-radius: 6px; padding: 0 16px; }}
.kt-app .widget-toggle-buttons .jupyter-button {{ height: 36px; }}
.kt-app .widget-slider .widget-readout {{ min-width: 40px; }}
.kt-app .kt-readout .widget-html-content {{ white-space: nowrap; }}
.kt-app .kt-baris {{ align-items: center; gap: 10px; padding: 4px 0; }}
.kt-langkah {{ counter-reset: langkah; list-style: none; padding: 0; margin: 0; }}
.kt-langkah li {{ background: #fff; border: 1px solid {WARNA['garis']}; border-radius: 8px; padding: 10px 16px;
  margin: 6px 0; }}
.kt-langkah .rumus, .kt-tabel .rumus {{ font-family: 'DejaVu Sans Mono', monospace; font-size: 14px; color: {WARNA['utama']}; }}
</style>
"""


def _css() -> W.HTML:
    return W.HTML(_CSS)


def _app(*children, cls: str = "") -> W.VBox:
    box = W.VBox([_css(), *children], layout=W.Layout(width="100%", padding="6px 4px"))
    box.add_class("kt-app")
    if cls:
        box.add_class(cls)
    return box


def _html(value: str = "", cls: str | Sequence[str] = ()) -> W.HTML:
    h = W.HTML(value, layout=W.Layout(width="100%"))
    for c in [cls] if isinstance(cls, str) else cls:
        if c:
            h.add_class(c)
    return h


def _e(x) -> str:
    return html.escape(str(x))


def _badge(predikat: str) -> str:
    bg = WARNA_PREDIKAT.get(predikat, WARNA["lain"])
    fg = TEKS_PREDIKAT.get(predikat, "#fff")
    return f'<span class="kt-badge" style="background:{bg};color:{fg}">{_e(predikat)}</span>'


def _img(fig, width: str = "640px") -> W.Image:
    img = W.Image(value=figure_to_png(fig, dpi=130), format="png",
                  layout=W.Layout(width=width, max_width="100%", height="auto"))
    _close(fig)
    return img


def _set_img(img: W.Image, fig) -> None:
    img.value = figure_to_png(fig, dpi=130)
    _close(fig)


def _close(fig) -> None:
    fig.clear()


def _tabel(header: Sequence[str], rows: Sequence[Sequence], angka: Sequence[int] = (), sorot: Sequence[bool] = ()) -> str:
    th = "".join(f'<th class="{"angka" if i in angka else ""}">{_e(h)}</th>' for i, h in enumerate(header))
    body = []
    for k, r in enumerate(rows):
        cls = ' class="kt-sorot"' if k < len(sorot) and sorot[k] else ""
        tds = "".join(f'<td class="{"angka" if i in angka else ""}">{c}</td>' for i, c in enumerate(r))
        body.append(f"<tr{cls}>{tds}</tr>")
    return f'<table class="kt-tabel"><thead><tr>{th}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _angka(v, digits: int = 1) -> str:
    return fmt.angka(v, digits)


def teach_colors(code) -> str:
    return {"di_atas": "#1b7a43", "sesuai": WARNA["utama"], "di_bawah": WARNA["batas"]}.get(code, WARNA["teks"])


_RATING_OPSI = [("Di Bawah Ekspektasi", "di_bawah"), ("Sesuai Ekspektasi", "sesuai"), ("Di Atas Ekspektasi", "di_atas")]


def muat_data(workspace=None, periode: str = "2026"):
    """PeriodeData for the apps: the sample instansi (``workspace=None``) or a workspace folder/xlsx
    (its store after ``kinerja init``, else its files: :func:`kinerja.dataset.open_workspace`)."""
    ws = None
    if workspace:
        from kinerja.dataset.workspace import open_workspace

        ws = open_workspace(workspace)
    return teach.data_contoh(periode, ws)


def keterangan_data(data, workspace=None):
    """One line saying which data the apps below use (the trainer sees the parameters took effect).
    Static HTML (no widget): it stays in the saved notebook and in slides."""
    from IPython.display import HTML

    asal = f"workspace {workspace}" if workspace else "instansi contoh (fiktif)"
    return HTML(f'<div class="kt-keterangan-data" style="font-size:14px;color:{WARNA["teks_lemah"]}">Data: '
                f"{_e(asal)} · {len(data.pegawai)} pegawai · periode {_e(data.periode.label)} "
                f"({_e(data.periode.kode)})</div>")


def desimal(*nilai: float, paling_sedikit: int = 0, paling_banyak: int = 3) -> int:
    """The fewest decimals (at least ``paling_sedikit``) that write every value exactly:
    ``desimal(2.49, 3) == 2``. A slider on that grid holds the data's own value, not a neighbour."""
    for d in range(paling_sedikit, paling_banyak + 1):
        if all(abs(round(float(v), d) - float(v)) <= 1e-9 * max(1.0, abs(float(v))) for v in nilai):
            return d
    return paling_banyak


class SliderAngka:
    """A slider over exact decimals with an Indonesian readout ("12,00", not "12.00").

    The browser only sees integers k (an IntSlider); the value is k / 10^desimal, so a value with
    ``desimal`` decimals (the data's own) is on the grid and never snaps to a neighbour (2,490 stays
    2,490). ``widget`` is what to lay out (slider + readout); ``observe(fn)`` calls ``fn()`` on change.
    """

    def __init__(self, value: float, min: float, max: float, desimal: int, description: str = "",
                 satuan: str = "", width: str = "480px", description_width: str = "180px"):
        self.desimal = int(desimal)
        self.skala = 10 ** self.desimal
        self.satuan = satuan
        self.slider = W.IntSlider(value=self._k(value), min=self._k(min), max=self._k(max), step=1, readout=False,
                                  description=description, continuous_update=True,
                                  style={"description_width": description_width}, layout=W.Layout(width=width))
        self.readout = W.HTML(layout=W.Layout(width="auto", min_width="90px"))
        self.readout.add_class("kt-readout")
        self.widget = W.HBox([self.slider, self.readout], layout=W.Layout(align_items="center", gap="8px"))
        self.slider.observe(lambda _: self._tulis(), "value")
        self._tulis()

    def _k(self, v: float) -> int:
        return int(round(float(v) * self.skala))

    @property
    def value(self) -> float:
        return round(self.slider.value / self.skala, self.desimal)

    @value.setter
    def value(self, v: float) -> None:
        self.slider.value = self._k(v)

    def atur(self, value: float, bawah: float, atas: float) -> None:
        """A new range and value (the slider's own change event fires once, for the value)."""
        k, lo, hi = self._k(value), self._k(bawah), self._k(atas)
        s = self.slider
        s.max = builtins.max(hi, s.max, k)
        s.min = builtins.min(lo, s.min, k)
        s.value = k
        s.min, s.max = lo, hi
        self._tulis()

    def teks(self) -> str:
        return fmt.angka_tetap(self.value, self.desimal) + (f" {self.satuan}" if self.satuan else "")

    def _tulis(self) -> None:
        self.readout.value = f"<b>{_e(self.teks())}</b>"

    def observe(self, fn) -> None:
        self.slider.observe(lambda _: fn(), "value")

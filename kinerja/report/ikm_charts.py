"""Charts for IKM surveys and 360 feedback (issue 6). Every function returns a matplotlib Figure
(Agg canvas, never pyplot) in the kinerja style (:mod:`kinerja.report.style` when present); text is in
Bahasa Indonesia and numbers use a decimal comma.

* :func:`nrr_chart`        NRR per unsur of one survey, the weakest unsur called out
* :func:`tren_ikm_chart`   IKM per periode of one or more units, with the mutu bands
* :func:`selisih_360_chart` 360: self ("diri sendiri") vs others per BerAKHLAK value (1-5 scale)
* :func:`heatmap_360`      360: pegawai x BerAKHLAK value, the others' score (shown groups only)
"""

from __future__ import annotations

import textwrap

from kinerja.domain import labels
from kinerja.schemes.ikm import UNSUR, config as ikm_config

_WARNA = {"utama": "#1f3a5f", "aksen": "#c8962c", "teks": "#222222", "teks_lemah": "#5f6368",
          "garis": "#d0d5dc", "latar": "#f4f6f9", "batas": "#b3261e", "lain": "#9aa5b1"}
_MUTU_WARNA = {"A": "#1b7a43", "B": "#62a94b", "C": "#e8b12b", "D": "#c0392b"}


def _style():
    from kinerja.report import style

    return style


def _warna() -> dict:
    s = _style()
    return {**_WARNA, **(getattr(s, "WARNA", {}) if s else {})}


def _figure(size):
    s = _style()
    if s is not None and hasattr(s, "new_figure"):
        return s.new_figure(size)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(fig)
    try:  # show a bare Figure inline in a notebook without pyplot
        from IPython import get_ipython

        ip = get_ipython()
        if ip is not None:
            import io

            def _png(f):
                buf = io.BytesIO()
                f.savefig(buf, format="png", dpi=100)
                return buf.getvalue()

            ip.display_formatter.formatters["image/png"].for_type(Figure, _png)
    except ImportError:
        pass
    return fig, fig.subplots()


def _angka(v, digits=2) -> str:
    return _style().format_angka(v, digits)  # the one family of formatters (kinerja.domain.format)


def nrr_chart(hasil: dict, *, title: str = "Nilai rata-rata per unsur (NRR)"):
    """Horizontal bars of the NRR of each unsur (scale 1-4) from :func:`kinerja.schemes.ikm.hitung_ikm` (or a
    mapping unsur -> NRR); the weakest unsur is coloured and labelled."""
    w = _warna()
    nrr = hasil["nrr"] if "nrr" in hasil else hasil
    codes = list(UNSUR)
    vals = [float(nrr[c]) for c in codes]
    weakest = min(range(len(codes)), key=lambda i: vals[i])
    fig, ax = _figure((7.0, 3.6))
    ys = list(range(len(codes)))[::-1]
    colors = [w["batas"] if i == weakest else w["utama"] for i in range(len(codes))]
    ax.barh(ys, vals, color=colors, height=0.62, zorder=2)
    for y, v, i in zip(ys, vals, range(len(codes))):
        txt = _angka(v) + ("   \u2190 unsur terlemah" if i == weakest else "")
        ax.text(v + 0.04, y, txt, va="center", fontsize=7.5,
                color=w["batas"] if i == weakest else w["teks"], fontweight="bold" if i == weakest else None)
    ax.set_yticks(ys, [f"{c.upper()}  {UNSUR[c]}" for c in codes])
    ax.set_xlim(1, 4.9)
    ax.set_xticks([1, 2, 3, 4])
    ax.grid(axis="x", color=w["garis"], lw=0.6, zorder=0)
    ax.tick_params(length=0)
    ax.set_xlabel("NRR (skala 1-4)")
    sub = ""
    if "ikm" in hasil:
        sub = f"  IKM {_angka(hasil['ikm'])}, mutu {hasil['mutu']} ({hasil['kinerja']}), {hasil['responden']} responden"
    ax.set_title(title + ("\n" + sub.strip() if sub else ""))
    return fig


def tren_ikm_chart(tren, *, unit: str | None = None, title: str = "Tren IKM per periode"):
    """IKM per periode (``kinerja.schemes.ikm.tren_ikm`` output) of one unit or every unit, on the mutu bands."""
    from kinerja.domain.periode import parse_periode

    w = _warna()
    df = tren if unit is None else tren[tren["unit"] == unit]
    periodes = sorted(set(df["periode"]), key=parse_periode)
    x_of = {p: i for i, p in enumerate(periodes)}
    fig, ax = _figure((7.0, 3.2))
    bands = ikm_config()["mutu"]
    upper = 100.0
    lo_all = max(25.0, (df["ikm"].min() if len(df) else 60) - 8)
    for b in bands:
        lo = b["batas_bawah"]
        if upper > lo_all:
            ax.axhspan(max(lo, lo_all), upper, color=_MUTU_WARNA.get(b["mutu"], w["latar"]), alpha=0.08, zorder=0)
            ax.text(-0.27, min(upper, 100) - 0.6, f"Mutu {b['mutu']} ({b['kinerja']})", fontsize=6.5,
                    va="top", ha="left", color=w["teks_lemah"])
        upper = lo
    palette = [w["utama"], w["aksen"], "#2e8b57", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#d35400"]
    for k, (name, g) in enumerate(df.groupby("unit", sort=False)):
        g = g.assign(_x=g["periode"].map(x_of)).sort_values("_x")
        c = palette[k % len(palette)]
        ax.plot(g["_x"], g["ikm"], marker="o", ms=4, lw=1.6, color=c, label=textwrap.shorten(name, 40), zorder=3)
        last = g.iloc[-1]
        ax.text(last["_x"] + 0.08, last["ikm"], _angka(last["ikm"]), fontsize=7, va="center", color=c)
    ax.set_xticks(range(len(periodes)), [parse_periode(p).label for p in periodes])
    ax.set_xlim(-0.3, len(periodes) - 0.4)
    ax.set_ylim(lo_all, 100.5)
    ax.set_ylabel("IKM")
    ax.grid(axis="y", color=w["garis"], lw=0.5)
    if df["unit"].nunique() > 1:
        ax.legend(loc="lower left", fontsize=6.5, ncols=2)
    ax.set_title(title if unit is None else f"{title}: {unit}")
    return fig


def selisih_360_chart(pegawai: dict, *, title: str = "Diri sendiri vs orang lain"):
    """Self vs others per BerAKHLAK value for one pegawai (``Hasil360.pegawai(nip)``), 1-5 scale.
    Only shown (not withheld) data is in ``pegawai``; a note under the chart repeats ``catatan``."""
    from kinerja.schemes.multirater import skala

    w = _warna()
    rows = {r["aspek"]: r for r in pegawai["nilai"]}
    codes = list(labels.BERAKHLAK)
    fig, ax = _figure((6.0, 3.6))
    ys = list(range(len(codes)))[::-1]
    for y, c in zip(ys, codes):
        r = rows.get(c, {})
        a, b = r.get("skor_diri"), r.get("skor_lainnya")
        a = None if a is None or a != a else a
        b = None if b is None or b != b else b
        ax.axhline(y, color=w["garis"], lw=0.5, zorder=1)
        if a is not None and b is not None:
            ax.plot([a, b], [y, y], color=w["aksen"], lw=1.4, alpha=0.8, zorder=2)
        if b is not None:
            ax.plot([b], [y], "s", ms=7, color=w["utama"], zorder=3, label="Orang lain" if y == ys[0] else None)
        if a is not None:
            ax.plot([a], [y], "D", ms=6, color=w["aksen"], zorder=3, label="Diri sendiri" if y == ys[0] else None)
    ax.set_yticks(ys, [labels.BERAKHLAK_LABEL[c] for c in codes])
    sk = skala()
    ax.set_xticks(list(sk), [f"{k}\n{textwrap.shorten(v, 14, placeholder='.')}" for k, v in sk.items()], fontsize=6.5)
    ax.set_xlim(min(sk) - 0.2, max(sk) + 0.2)
    ax.tick_params(length=0)
    ax.grid(axis="x", color=w["garis"], lw=0.5)
    handles, lab = ax.get_legend_handles_labels()
    if handles:
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, fontsize=7)
    else:
        ax.text(sum(sk) / len(sk), 3, "Belum ada umpan balik 360", ha="center", color=w["teks_lemah"])
    ax.set_title(title, loc="left")
    return fig


def heatmap_360(matrix, *, title: str = "Umpan balik 360 per nilai BerAKHLAK (skor orang lain, 1-5)"):
    """Pegawai x BerAKHLAK value (``kinerja.schemes.multirater.tabel_unit``), coloured on the 1-5 scale."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    w = _warna()
    vals = matrix.to_numpy(dtype=float)
    n, m = vals.shape
    fig, ax = _figure((7.0, max(1.8, 0.26 * n + 1.4)))
    cmap = LinearSegmentedColormap.from_list("k360", ["#c0392b", "#f3e3b3", "#1b7a43"]).with_extremes(bad=w["latar"])
    ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, vmin=1, vmax=5, aspect="auto", interpolation="nearest")
    for i in range(n):
        for j in range(m):
            v = vals[i, j]
            ax.text(j, i, "-" if v != v else _angka(v, 1), ha="center", va="center", fontsize=6.5,
                    color=w["teks"] if v != v or 2.3 < v < 4.3 else "white")
    ax.set_xticks(range(m), [str(c).replace(" ", "\n") for c in matrix.columns])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n), [textwrap.shorten(str(x), 34) for x in matrix.index])
    ax.tick_params(length=0, labelsize=6.8)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_title(title, pad=4)
    return fig


# ---------------------------------------------------------------------------------- tables (HTML)
# Formatted Indonesian tables for the IKM analysis page (notebook 08): no index, no NaN ("-"),
# decimal commas (kinerja.report.style.format_angka, babel), periode labels, unsur names.

def _tetap(v, digits: int = 2) -> str:
    """A number with exactly ``digits`` decimals, Indonesian marks (babel): ``3.0 -> "3,00"``; NaN -> "-"."""
    if v is None:
        return "-"
    try:
        x = float(v)
    except (TypeError, ValueError):
        return _teks_html(v)
    if x != x:
        return "-"
    from babel.numbers import format_decimal

    return format_decimal(round(x, digits), format="#,##0" + ("." + "0" * digits if digits else ""), locale="id_ID")


def _teks_html(v) -> str:
    import html

    if v is None or (isinstance(v, float) and v != v):
        return "-"
    return html.escape(str(v))


def _tabel(kolom: list[tuple[str, str]], baris: list[list[str]], cls: str = "", sorot=None) -> str:
    """An HTML table: ``kolom`` = [(header, 'kiri'|'kanan')], ``baris`` = cells already formatted
    (escaped HTML); ``sorot`` = indices of rows to highlight."""
    import html

    sorot = set(sorot or ())
    def kelas(a):
        return " ".join(f"kn-{x}" if not x.startswith("kn-") else x for x in a.split())

    head = "".join(f"<th class='{kelas(a)}'>{html.escape(h)}</th>" for h, a in kolom)
    rows = []
    for i, r in enumerate(baris):
        tds = "".join(f"<td class='{kelas(a)}'>{c}</td>" for c, (_h, a) in zip(r, kolom))
        rows.append(f"<tr{' class=kn-sorot' if i in sorot else ''}>{tds}</tr>")
    style = ("<style>.kn-tabel-ikm td.kn-kanan,.kn-tabel-ikm th.kn-kanan{text-align:right;"
             "font-variant-numeric:tabular-nums;white-space:nowrap}.kn-tabel-ikm tr.kn-sorot td{background:#fdecea;color:#8c1d18;"
             "font-weight:600}.kn-tabel-wrap{overflow-x:auto;max-width:100%}"
             "@media (max-width:560px){.kn-tabel-ikm .kn-opsional{display:none}"
             ".kn-tabel-ikm th,.kn-tabel-ikm td{padding:4px 5px}}</style>")
    return (f"{style}<div class='kn-tabel-wrap'><table class='kn-tabel kn-tabel-ikm {cls}'><thead><tr>{head}</tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>")


def _mutu(m, k) -> str:
    if m is None or (isinstance(m, float) and m != m):
        return "-"
    return f"<b>{_teks_html(m)}</b> <span class='kn-opsional'>{_teks_html(k)}</span>"


def tabel_nrr(hasil: dict) -> str:
    """NRR and weighted NRR of each unsur of one :func:`kinerja.schemes.ikm.hitung_ikm` result; the
    weakest unsur highlighted (label and colour)."""
    codes = list(UNSUR)
    weakest = hasil.get("unsur_terlemah")
    baris = [[f"{c.upper()}", _teks_html(UNSUR[c]) + (" <b>(terlemah)</b>" if c == weakest else ""),
              _tetap(hasil["nrr"][c]), _tetap(hasil["nrr_tertimbang"][c], 3)] for c in codes]
    baris.append(["", "<b>IKM</b> = jumlah NRR tertimbang × 25", "",
                  f"<b>{_tetap(hasil['ikm'])}</b>"])
    return _tabel([("Kode", "kiri"), ("Unsur", "kiri"), ("NRR", "kanan"), ("NRR × bobot", "kanan")], baris,
                  "kn-tabel-nrr", sorot=[codes.index(weakest)] if weakest in codes else [])


def tabel_unit(df) -> str:
    """IKM per unit (:func:`kinerja.schemes.ikm.ikm_periode` / ``ikm_per_unit`` output) of one periode
    (name it in the caption). Mutu is its letter and its words; the weakest unsur column is hidden on
    a phone (``kn-opsional``)."""
    baris = []
    for r in df.to_dict("records"):
        baris.append([_teks_html(r["unit"]), _tetap(r["responden"], 0), _tetap(r["ikm"]),
                      _mutu(r.get("mutu"), r.get("kinerja")),
                      _teks_html(UNSUR.get(r.get("unsur_terlemah"), r.get("unsur_terlemah")))])
    return _tabel([("Unit", "kiri"), ("Responden", "kanan"), ("IKM", "kanan"), ("Mutu", "kiri"),
                   ("Unsur terlemah", "kiri kn-opsional")], baris, "kn-tabel-unit")


_ARAH = {"naik": "naik ▲", "turun": "turun ▼", "tetap": "tetap", "-": "-"}


def tabel_tren(tren, unit: str | None = None) -> str:
    """IKM per survey periode of a unit (:func:`kinerja.schemes.ikm.tren_ikm` output), with the change
    from the previous periode (sign and arrow: ``+0,49 ▲``)."""
    from kinerja.domain.periode import parse_periode

    df = tren if unit is None else tren[tren["unit"] == unit]
    baris = []
    for r in df.to_dict("records"):
        sel = r.get("selisih")
        sel_txt = "-" if sel is None or sel != sel else (("+" if sel > 0 else "") + _tetap(sel))
        arah = {"naik": " ▲", "turun": " ▼"}.get(str(r.get("arah")), "")
        row = [_teks_html(parse_periode(r["periode"]).label), _tetap(r["responden"], 0), _tetap(r["ikm"]),
               _mutu(r.get("mutu"), r.get("kinerja")), sel_txt + arah]
        if unit is None:
            row.insert(0, _teks_html(r["unit"]))
        baris.append(row)
    kolom = [("Periode", "kiri"), ("Responden", "kanan"), ("IKM", "kanan"), ("Mutu", "kiri"), ("Selisih", "kanan")]
    if unit is None:
        kolom.insert(0, ("Unit", "kiri"))
    return _tabel(kolom, baris, "kn-tabel-tren")

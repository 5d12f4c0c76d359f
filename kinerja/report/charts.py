"""Charts for reports, the evaluator app and the teaching notebooks.

Every function returns a :class:`matplotlib.figure.Figure` (Agg canvas, kinerja style) and never
calls ``plt.show()``. Pass ``ax=`` to draw into an existing axes instead. Text on the charts is in
Bahasa Indonesia, numbers use Indonesian formatting ("87,5%").

* :func:`kuadran_chart`   the 3x3 Kuadran Kinerja Pegawai with the pegawai's cell highlighted
  (:func:`kuadran_svg`: the same picture written as SVG without matplotlib, for the form kernel)
* :func:`kurva_chart`     a unit's predikat distribution against the SE 3/2023 limits for its capaian
* :func:`capaian_chart`   capaian per indikator against the 100% line, Utama marked
* :func:`berakhlak_chart` the BerAKHLAK profile, optionally self vs others (360)
* :func:`trend_chart`     capaian over the triwulan of the year
* :func:`berakhlak_heatmap` BerAKHLAK ratings of many pegawai (or units) at a glance

:func:`figure_to_svg` / :func:`figure_to_data_uri` embed a figure in HTML without any file or URL.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

from kinerja.domain import labels
from kinerja.report.style import (TEKS_PREDIKAT, WARNA, WARNA_PREDIKAT, WARNA_RATING, figure_of, figure_to_data_uri,
                           figure_to_png, figure_to_svg, format_persen, percent_formatter)

__all__ = ["kuadran_chart", "kurva_chart", "capaian_chart", "berakhlak_chart", "trend_chart",
           "berakhlak_heatmap", "figure_to_svg", "figure_to_data_uri", "figure_to_png", "kurva_rules",
           "capaian_svg", "trend_svg", "berakhlak_svg", "kuadran_svg", "svg_data_uri"]

# Kuadran axes: index 0 = Di Bawah (left / bottom) ... 2 = Di Atas (right / top).
_AXIS = ("di_bawah", "sesuai", "di_atas")
_AXIS_LABEL = {"di_bawah": "Di Bawah\nEkspektasi", "sesuai": "Sesuai\nEkspektasi", "di_atas": "Di Atas\nEkspektasi"}
_RATING_SKOR = {"di_bawah": 1, "sesuai": 2, "di_atas": 3}


def _code(rating):
    if rating is None or (isinstance(rating, float) and rating != rating):
        return None
    return labels.rating_code(rating)


# --------------------------------------------------------------------------- kuadran

def kuadran_chart(rating_hasil_kerja=None, rating_perilaku=None, *, ax=None, size: str = "small"):
    """The Kuadran Kinerja Pegawai (PermenPANRB 6/2022, Lampiran hlm. 99-100).

    Rating hasil kerja on the y axis, rating perilaku kerja on the x axis; each cell is filled with
    the colour of its predikat. When both ratings are given, that cell is highlighted and the others
    fade; with ``None`` nothing is highlighted (the teaching view).
    """
    from matplotlib.patches import Rectangle

    from kinerja.schemes.permenpanrb_2022 import KUADRAN

    fig, ax = figure_of(ax, size)
    hk, pk = _code(rating_hasil_kerja), _code(rating_perilaku)
    chosen = (hk, pk) if hk and pk else None
    large = size == "large"
    fs = 9.5 if large else 7.2
    for yi, h in enumerate(_AXIS):
        for xi, p in enumerate(_AXIS):
            pred = KUADRAN[(h, p)]
            on = chosen == (h, p)
            alpha = 1.0 if (chosen is None or on) else 0.28
            ax.add_patch(Rectangle((xi, yi), 1, 1, facecolor=WARNA_PREDIKAT[pred], alpha=alpha,
                                   edgecolor="white", linewidth=2.0))
            text_color = TEKS_PREDIKAT[pred] if alpha == 1.0 else WARNA["teks"]
            name = pred.replace("/", "/\n").replace(" ", "\n")
            ax.text(xi + 0.5, yi + 0.5, name, ha="center", va="center", fontsize=fs, color=text_color,
                    fontweight="bold" if on else "normal", linespacing=1.1)
    if chosen:
        xi, yi = _AXIS.index(pk), _AXIS.index(hk)
        ax.add_patch(Rectangle((xi + 0.04, yi + 0.04), 0.92, 0.92, fill=False, edgecolor=WARNA["utama"],
                               linewidth=3.0 if large else 2.2, zorder=5))
        ax.plot([xi + 0.86], [yi + 0.86], marker="*", markersize=14 if large else 10, color=WARNA["aksen"],
                markeredgecolor=WARNA["utama"], markeredgewidth=0.8, zorder=6)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    ax.set_aspect("equal")
    ax.set_xticks([0.5, 1.5, 2.5], [_AXIS_LABEL[a] for a in _AXIS])
    ax.set_yticks([0.5, 1.5, 2.5], [_AXIS_LABEL[a] for a in _AXIS])
    ax.tick_params(length=0, labelsize=8.5 if large else 6.5)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xlabel("Rating Perilaku Kerja", fontsize=9.5 if large else 7.5, fontweight="bold")
    ax.set_ylabel("Rating Hasil Kerja", fontsize=9.5 if large else 7.5, fontweight="bold")
    ax.set_title("Kuadran Kinerja Pegawai", fontsize=11 if large else 9)
    return fig


# --------------------------------------------------------------------------- kurva

def kurva_rules(capaian_organisasi: str | None, jumlah_per_predikat: Mapping[str, int], cfg: dict | None = None):
    """The SE 3/2023 rules for a capaian, each with the unit's share and whether it holds.

    Returns :func:`kinerja.schemes.permenpanrb_2022.aturan_kurva` (dicts with ``predikat``, ``jenis``
    (maks/min/ada), ``batas`` (fraction or None), ``porsi``, ``jumlah``, ``dilanggar`` ...): the rule
    itself lives in the scheme. Empty without a capaian.
    """
    if not capaian_organisasi:
        return []
    from kinerja.schemes import permenpanrb_2022 as s22

    return s22.aturan_kurva(capaian_organisasi, jumlah_per_predikat, cfg)


def _rule_text(r) -> str:
    if r["jenis"] == "ada":
        return "harus ada"
    if r["jenis"] == "maks":
        return "tidak boleh ada" if r["batas"] == 0 else f"maks {format_persen(r['batas'] * 100, 0)}"
    return f"min {format_persen(r['batas'] * 100, 0)}"


def kurva_chart(jumlah_per_predikat: Mapping[str, int], capaian_organisasi: str | None = None, *, ax=None,
                cfg: dict | None = None, size=None, title: str | None = None):
    """A unit's predikat distribution (bars, % of pegawai) with the limits for its capaian organisasi.

    The limits are the ``kurva`` rules of the permenpanrb_2022 config (SE MenPANRB 3/2023). A limit
    on one predikat is a line over its bar; a limit on a group of predikat spans the group's bars
    and applies to their sum. Broken rules are drawn in red with a bold label; kept rules in green.
    """
    counts = {p: 0 for p in labels.PREDIKAT}
    for k, v in (jumlah_per_predikat or {}).items():
        counts[labels.predikat_label(k)] += int(v)
    total = sum(counts.values())
    xs = list(range(len(labels.PREDIKAT)))
    shares = [counts[p] / total * 100 if total else 0.0 for p in labels.PREDIKAT]
    rules = kurva_rules(capaian_organisasi, counts, cfg)
    fig, ax = figure_of(ax, size or (7.0, 3.1 + 0.2 * (len(rules) + 1 if rules else 0)))
    broken_preds = {p for r in rules if r["dilanggar"] for p in r["predikat"]}

    bars = ax.bar(xs, shares, width=0.62, color=[WARNA_PREDIKAT[p] for p in labels.PREDIKAT], zorder=2)
    for b, p in zip(bars, labels.PREDIKAT):
        if p in broken_preds:
            b.set_edgecolor(WARNA["batas"])
            b.set_linewidth(1.8)
    top = max([*shares, *(r["batas"] * 100 for r in rules if r["batas"] is not None), 10.0])
    ymax = min(100.0, top * 1.25 + 6) if top < 80 else 112.0
    for x, s, p in zip(xs, shares, labels.PREDIKAT):
        ax.text(x, s + ymax * 0.015, f"{counts[p]} ({format_persen(s, 0)})" if total else "0",
                ha="center", va="bottom", fontsize=7.5, color=WARNA["teks"], zorder=4)

    # limit markers: a line (maks dashed, min solid) or a bracket (ada) over the bars concerned,
    # numbered; the numbered rules, with the unit's share, are listed in a legend under the chart.
    from matplotlib.lines import Line2D

    handles = []
    for i, r in enumerate(rules, 1):
        idx = [labels.PREDIKAT.index(p) for p in r["predikat"]]
        x0, x1 = min(idx) - 0.38, max(idx) + 0.38
        color = WARNA["batas"] if r["dilanggar"] else WARNA_PREDIKAT[labels.SANGAT_BAIK]
        ls = "--" if r["jenis"] == "maks" else "-"
        if r["jenis"] == "ada":
            y = max(shares[j] for j in idx) + ymax * 0.10
            ax.annotate("", xy=(x0, y), xytext=(x1, y),
                        arrowprops={"arrowstyle": "|-|", "color": color, "lw": 1.2, "shrinkA": 0, "shrinkB": 0})
        else:
            y = r["batas"] * 100
            ax.plot([x0, x1], [y, y], color=color, lw=2.0, ls=ls, zorder=3)
        ax.text(x0 - 0.02, y, str(i), ha="right", va="center", fontsize=6.5, color="white", fontweight="bold",
                zorder=6, bbox={"boxstyle": "circle,pad=0.18", "facecolor": color, "edgecolor": "none"})
        names = " + ".join(r["predikat"])
        text = (f"({i}) {names}: {_rule_text(r)} — sekarang {format_persen(r['porsi'] * 100, 0)}"
                + ("  ✗" if r["dilanggar"] else "  ✓"))
        handles.append(Line2D([], [], color=color, lw=2.0, ls=ls if r["jenis"] != "ada" else ":", label=text))

    ax.set_ylim(0, ymax)
    ax.set_xlim(-0.6, len(xs) - 0.4)
    ax.set_xticks(xs, [p.replace("/", "/\n") if "/" in p else p.replace(" ", "\n") for p in labels.PREDIKAT])
    ax.tick_params(axis="x", length=0)
    ax.yaxis.set_major_formatter(percent_formatter(0))
    ax.grid(axis="y")
    ax.set_ylabel("Persentase pegawai")
    if title is None:
        title = "Distribusi predikat"
        if capaian_organisasi:
            title += f" — capaian organisasi {labels.capaian_organisasi_label(capaian_organisasi)}"
    ax.set_title(title)
    if rules:
        n_broken = sum(r["dilanggar"] for r in rules)
        status = "Sesuai kurva" if not n_broken else f"Tidak sesuai kurva: {n_broken} aturan dilanggar"
        leg = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.16), ncols=1,
                        fontsize=7, title=status, title_fontsize=8, alignment="left", handlelength=2.2)
        leg.get_title().set_color(WARNA["batas"] if n_broken else WARNA_PREDIKAT[labels.SANGAT_BAIK])
        leg.get_title().set_fontweight("bold")
        for t, r in zip(leg.get_texts(), rules):
            t.set_color(WARNA["batas"] if r["dilanggar"] else WARNA["teks"])
    elif not total:
        ax.text(0.5, 0.5, "Belum ada pegawai dengan predikat", transform=ax.transAxes, ha="center",
                color=WARNA["teks_lemah"])
    return fig


# --------------------------------------------------------------------------- capaian per indikator

def _short(text, width=46) -> str:
    text = " ".join(str(text).split())
    return textwrap.shorten(text, width=width, placeholder="…")


def capaian_chart(indikator, *, ax=None, batas: float = 100.0, title: str = "Capaian per indikator",
                  size=None):
    """Horizontal bars of capaian (%) per indikator against the ``batas`` (100%) line.

    ``indikator`` is a DataFrame (or records) with ``rhk_id``, ``iki_id``, ``indikator``, ``jenis``
    (utama/tambahan) and ``capaian`` (%), e.g. from ``permenpanrb_2022.capaian_per_indikator``.
    Utama bars are navy and labelled "U"; Tambahan bars are light blue.
    """
    import pandas as pd

    df = pd.DataFrame(indikator)
    n = len(df)
    if size is None:
        size = (7.0, max(1.6, 0.32 * n + 0.9))
    fig, ax = figure_of(ax, size)
    if n == 0:
        ax.text(0.5, 0.5, "Belum ada indikator", transform=ax.transAxes, ha="center", color=WARNA["teks_lemah"])
        ax.set_axis_off()
        return fig
    cap = pd.to_numeric(df["capaian"], errors="coerce").fillna(0.0).to_numpy()
    utama = (df["jenis"].astype(str).str.lower() == "utama").to_numpy()
    ys = list(range(n))[::-1]
    xmax = max(float(cap.max()), batas) * 1.16
    colors = [WARNA["utama"] if u else WARNA["tambahan"] for u in utama]
    ax.barh(ys, cap, height=0.62, color=colors, zorder=2)
    ax.axvline(batas, color=WARNA["batas"], lw=1.2, ls="--", zorder=3)
    ax.text(batas, n - 0.35, f" {format_persen(batas, 0)}", color=WARNA["batas"], fontsize=7, va="bottom")
    for y, c in zip(ys, cap):
        ax.text(c + xmax * 0.01, y, format_persen(c), va="center", fontsize=7, color=WARNA["teks"])
    tick = [f"{'[U] ' if u else '[T] '}{r.rhk_id} · {r.iki_id}  {_short(r.indikator, 40)}"
            for r, u in zip(df.itertuples(), utama)]
    ax.set_yticks(ys, tick)
    ax.tick_params(axis="y", length=0, labelsize=7)
    ax.set_xlim(0, xmax)
    ax.set_ylim(-0.6, n - 0.1)
    ax.xaxis.set_major_formatter(percent_formatter(0))
    ax.grid(axis="x")
    ax.set_title(title)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=WARNA["utama"], label="[U] RHK Utama"),
                       Patch(color=WARNA["tambahan"], label="[T] RHK Tambahan")],
              loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, fontsize=7, borderaxespad=0.2)
    return fig


# --------------------------------------------------------------------------- BerAKHLAK

def _skor(v):
    """A rating code/label -> 1..3; a number is taken as already on the 1..3 scale."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return None if v != v else float(v)
    try:
        return float(_RATING_SKOR[labels.rating_code(v)])
    except ValueError:
        return None


def _per_nilai(values: Mapping | None) -> dict:
    if not values:
        return {}
    out = {}
    for k, v in values.items():
        try:
            code = labels.aspek_perilaku_code(k)
        except ValueError:
            continue
        if code in labels.BERAKHLAK:
            out[code] = _skor(v)
    return out


def berakhlak_chart(rating: Mapping, *, diri: Mapping | None = None, lainnya: Mapping | None = None, ax=None,
                    size="half", label: str = "Pejabat Penilai", label_diri: str = "Diri sendiri",
                    label_lainnya: str = "Rekan/pihak lain", title: str = "Profil perilaku BerAKHLAK"):
    """The seven BerAKHLAK values on one scale (Di Bawah / Sesuai / Di Atas Ekspektasi).

    ``rating`` maps a BerAKHLAK value (code or label) to a rating (code or label) or to a number on
    the 1-3 scale (e.g. a 360 mean). ``diri`` and ``lainnya`` overlay a self-rating and the others'
    (360) rating; the gap between them is drawn as a thin line.
    """
    fig, ax = figure_of(ax, size)
    main, self_, other = _per_nilai(rating), _per_nilai(diri), _per_nilai(lainnya)
    codes = list(labels.BERAKHLAK)
    ys = list(range(len(codes)))[::-1]
    for y in ys:
        ax.axhline(y, color=WARNA["garis"], lw=0.6, zorder=1)
    series = [(main, label, WARNA["utama"], "o", 7.5)]
    if self_:
        series.append((self_, label_diri, WARNA["aksen"], "D", 6))
    if other:
        series.append((other, label_lainnya, WARNA["lain"], "s", 6))
    if self_ and other:
        for y, c in zip(ys, codes):
            a, b = self_.get(c), other.get(c)
            if a is not None and b is not None:
                ax.plot([a, b], [y, y], color=WARNA["aksen"], lw=1.2, alpha=0.7, zorder=2)
    offsets = {0: 0.0, 1: 0.18, 2: -0.18} if len(series) > 1 else {0: 0.0}
    for i, (vals, name, color, marker, ms) in enumerate(series):
        pts = [(vals.get(c), y + offsets.get(i, 0.0)) for y, c in zip(ys, codes) if vals.get(c) is not None]
        if not pts:
            continue
        xs_, ys_ = zip(*pts)
        if i == 0:
            for x, y in pts:
                ax.plot([1, x], [y, y], color=color, lw=2.2, alpha=0.35, zorder=2, solid_capstyle="round")
        ax.plot(xs_, ys_, ls="none", marker=marker, ms=ms, color=color, label=name, zorder=3,
                markeredgecolor="white", markeredgewidth=0.6)
    ax.set_yticks(ys, [labels.BERAKHLAK_LABEL[c] for c in codes])
    ax.set_xticks([1, 2, 3], ["Di Bawah", "Sesuai", "Di Atas"])
    ax.set_xlim(0.7, 3.3)
    ax.set_ylim(-0.6, len(codes) - 0.4)
    ax.tick_params(length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x")
    ax.set_xlabel("Ekspektasi")
    ax.set_title(title)
    if len(series) > 1:
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=len(series), fontsize=6.5)
    if not main and not self_ and not other:
        ax.text(2, len(codes) / 2 - 0.5, "Belum dinilai", ha="center", color=WARNA["teks_lemah"])
    return fig


def berakhlak_heatmap(matrix, *, ax=None, title: str = "Peta perilaku BerAKHLAK", max_label: int = 34):
    """Rows (pegawai or units) x the seven BerAKHLAK values, coloured by rating.

    ``matrix`` is a DataFrame indexed by the row label with one column per BerAKHLAK value (code or
    label); cells are rating codes/labels or numbers on the 1-3 scale (means for units).
    """
    import numpy as np
    import pandas as pd
    from matplotlib.colors import LinearSegmentedColormap

    df = pd.DataFrame(matrix)
    cols = {}
    for c in df.columns:
        try:
            code = labels.aspek_perilaku_code(c)
        except ValueError:
            continue
        if code in labels.BERAKHLAK:
            cols[code] = c
    codes = list(labels.BERAKHLAK)
    vals = np.full((len(df), len(codes)), np.nan)
    for j, code in enumerate(codes):
        if code in cols:
            vals[:, j] = [(_skor(v) if v is not None else np.nan) or np.nan for v in df[cols[code]]]
    n = len(df)
    fig, ax = figure_of(ax, (7.0, max(1.8, 0.24 * n + 1.5)))
    cmap = LinearSegmentedColormap.from_list(
        "kinerja_rating", [WARNA_RATING["di_bawah"], "#f3e3b3", WARNA_RATING["di_atas"]])
    cmap = cmap.with_extremes(bad=WARNA["latar"])
    ax.imshow(np.ma.masked_invalid(vals), cmap=cmap, vmin=1, vmax=3, aspect="auto", interpolation="nearest")
    for i in range(n if n <= 30 else 0):  # cell words only while readable (and cheap to draw)
        for j in range(len(codes)):
            v = vals[i, j]
            if v == v:
                txt = {1.0: "Bawah", 2.0: "Sesuai", 3.0: "Atas"}.get(float(v), format_persen(v, 1)[:-1])
                ax.text(j, i, txt, ha="center", va="center", fontsize=6.3,
                        color="white" if abs(v - 2) > 0.6 else WARNA["teks"])
    ax.set_xticks(range(len(codes)), [labels.BERAKHLAK_LABEL[c].replace(" ", "\n") for c in codes])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n), [_short(x, max_label) for x in df.index])
    ax.tick_params(length=0, labelsize=6.8)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xticks(np.arange(-0.5, len(codes), 1), minor=True)
    ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
    ax.grid(which="minor", color="white", lw=1.2)
    ax.tick_params(which="minor", length=0)
    ax.set_title(title, pad=4)
    return fig


# --------------------------------------------------------------------------- trend

def trend_chart(trend, *, ax=None, batas: float = 100.0, aktif: str | None = None, size="half",
                title: str = "Tren capaian per triwulan"):
    """Mean capaian RHK (%) per triwulan of the year, points coloured by predikat.

    ``trend`` is a DataFrame/records with ``label`` (e.g. "TW I"), ``capaian`` (% or NaN when not
    evaluated yet) and optionally ``predikat``; ``aktif`` is the label of the periode of the report.
    """
    import pandas as pd

    df = pd.DataFrame(trend)
    fig, ax = figure_of(ax, size)
    if df.empty:
        ax.text(0.5, 0.5, "Belum ada data", transform=ax.transAxes, ha="center", color=WARNA["teks_lemah"])
        return fig
    xs = list(range(len(df)))
    cap = pd.to_numeric(df["capaian"], errors="coerce")
    pred = df["predikat"] if "predikat" in df.columns else pd.Series([None] * len(df))
    ok = cap.notna().to_numpy()
    ax.axhline(batas, color=WARNA["batas"], lw=1.0, ls="--", zorder=1)
    ax.plot([x for x, o in zip(xs, ok) if o], cap[ok], color=WARNA["utama"], lw=1.8, zorder=2)
    vmax = max(float(cap.max()) if ok.any() else batas, batas)
    vmin = min(float(cap.min()) if ok.any() else batas, batas)
    span = max(vmax - vmin, 20.0)
    for x, c, p, lab in zip(xs, cap, pred, df["label"]):
        if c != c:
            ax.text(x, vmin, "belum\ndinilai", ha="center", va="bottom", fontsize=6.5, color=WARNA["teks_lemah"])
            continue
        color = WARNA_PREDIKAT.get(p, WARNA["utama"]) if isinstance(p, str) else WARNA["utama"]
        big = aktif is not None and lab == aktif
        ax.plot([x], [c], marker="o", ms=10 if big else 7, color=color, zorder=3,
                markeredgecolor=WARNA["aksen"] if big else "white", markeredgewidth=2 if big else 0.8)
        ax.text(x, c + span * 0.07, format_persen(c), ha="center", va="bottom", fontsize=7,
                fontweight="bold" if big else "normal")
    ax.set_xticks(xs, list(df["label"]))
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(max(0.0, vmin - span * 0.3), vmax + span * 0.35)
    ax.yaxis.set_major_formatter(percent_formatter(0))
    ax.grid(axis="y")
    ax.set_ylabel("Capaian rata-rata RHK")
    ax.set_title(title)
    return fig


def predikat_legend_items(selected: Sequence[str] = ()):
    """(predikat, colour) pairs, for HTML legends that match the charts."""
    return [(p, WARNA_PREDIKAT[p]) for p in labels.PREDIKAT]


# --------------------------------------------------------------------------- fast SVG for batch reports
# A batch renders thousands of reports; matplotlib needs ~0.1-0.2 s per chart on a small machine,
# which alone would blow the batch budget. The three per-pegawai charts of the report therefore also
# exist as direct SVG writers below: same palette, font and number format as the matplotlib
# versions above (kinerja.report.style), no matplotlib import, about a millisecond each. The matplotlib
# Figures stay the API for notebooks, the app and anything interactive.

def _esc(text) -> str:
    from html import escape

    return escape(str(text), quote=True)


class _Svg:
    def __init__(self, w: float, h: float):
        self.w, self.h, self.parts = w, h, []

    def add(self, s: str):
        self.parts.append(s)

    def text(self, x, y, s, *, size=11, anchor="start", color=None, weight="normal", baseline="middle"):
        color = color or WARNA["teks"]
        self.add(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{color}" '
                 f'font-weight="{weight}" dominant-baseline="{baseline}">{_esc(s)}</text>')

    def rect(self, x, y, w, h, fill, **kw):
        extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in kw.items())
        self.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{fill}"{extra}/>')

    def line(self, x1, y1, x2, y2, color, width=1.0, dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
                 f'stroke-width="{width}"{d}/>')

    def circle(self, x, y, r, fill, stroke="white", sw=1.0):
        self.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}" stroke="{stroke}" stroke-width="{sw}"/>')

    def render(self) -> str:
        from kinerja.report.style import FONT_FAMILY

        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}pt" height="{self.h}pt" '
                f'viewBox="0 0 {self.w} {self.h}" font-family="{FONT_FAMILY}, Liberation Sans, Arial, sans-serif">'
                f'<rect width="{self.w}" height="{self.h}" fill="white"/>' + "".join(self.parts) + "</svg>")


def _nice_ticks(vmax: float, step_hint: int = 5) -> list[float]:
    import math

    raw = vmax / step_hint
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return [i * step for i in range(int(vmax // step) + 1)]


def capaian_svg(indikator, *, batas: float = 100.0, title: str = "Capaian per indikator") -> str:
    """SVG twin of :func:`capaian_chart` (same data, look and labels), without matplotlib."""
    rows = list(indikator.to_dict("records") if hasattr(indikator, "to_dict") else indikator)
    n = len(rows)
    W, left, right, top, rowh = 520.0, 235.0, 52.0, 42.0, 19.0
    H = top + n * rowh + 30
    s = _Svg(W, H)
    s.text(6, 14, title, size=11, weight="bold", color=WARNA["utama"])
    s.rect(W - 215, 8, 9, 9, WARNA["utama"])
    s.text(W - 202, 13, "[U] RHK Utama", size=8.5)
    s.rect(W - 118, 8, 9, 9, WARNA["tambahan"])
    s.text(W - 105, 13, "[T] RHK Tambahan", size=8.5)
    if not n:
        s.text(W / 2, H / 2, "Belum ada indikator", anchor="middle", color=WARNA["teks_lemah"])
        return s.render()
    caps = []
    for r in rows:
        try:
            c = float(r.get("capaian"))
        except (TypeError, ValueError):
            c = 0.0
        caps.append(0.0 if c != c else c)
    vmax = max(max(caps), batas) * 1.12
    pw = W - left - right
    sx = lambda v: left + v / vmax * pw  # noqa: E731
    for t in _nice_ticks(vmax):
        x = sx(t)
        s.line(x, top - 4, x, top + n * rowh, WARNA["garis"], 0.6)
        s.text(x, top + n * rowh + 10, format_persen(t, 0), size=8, anchor="middle", color=WARNA["teks_lemah"])
    s.line(left, top - 4, left, top + n * rowh, WARNA["garis"], 0.8)
    for i, (r, c) in enumerate(zip(rows, caps)):
        y = top + i * rowh
        utama = str(r.get("jenis", "")).lower() == "utama"
        s.rect(left, y + 3, sx(c) - left, rowh - 6, WARNA["utama"] if utama else WARNA["tambahan"])
        s.text(sx(c) + 3, y + rowh / 2, format_persen(c), size=8.5)
        label = f"{'[U]' if utama else '[T]'} {r.get('rhk_id', '')} · {r.get('iki_id', '')}  {_short(r.get('indikator', ''), 38)}"
        s.text(left - 5, y + rowh / 2, label, size=8.5, anchor="end")
    x = sx(batas)
    s.line(x, top - 8, x, top + n * rowh, WARNA["batas"], 1.3, dash="4,3")
    s.text(x + 3, top - 10, format_persen(batas, 0), size=8, color=WARNA["batas"])
    return s.render()


def trend_svg(trend, *, batas: float = 100.0, aktif: str | None = None,
              title: str = "Tren capaian per triwulan") -> str:
    """SVG twin of :func:`trend_chart`."""
    rows = list(trend.to_dict("records") if hasattr(trend, "to_dict") else trend)
    W, H, left, right, top, bottom = 330.0, 250.0, 48.0, 14.0, 36.0, 30.0
    s = _Svg(W, H)
    s.text(6, 14, title, size=11, weight="bold", color=WARNA["utama"])
    vals = [float(r["capaian"]) for r in rows if r.get("capaian") is not None and r["capaian"] == r["capaian"]]
    vmax, vmin = max(vals + [batas]), min(vals + [batas])
    span = max(vmax - vmin, 20.0)
    lo, hi = max(0.0, vmin - span * 0.3), vmax + span * 0.35
    ph, pw = H - top - bottom, W - left - right
    sy = lambda v: top + (hi - v) / (hi - lo) * ph  # noqa: E731
    n = max(len(rows), 1)
    sx = lambda i: left + (i + 0.5) * pw / n  # noqa: E731
    step = _nice_ticks(hi - lo, 4)
    st = step[1] if len(step) > 1 else 10
    t = (lo // st + 1) * st
    while t < hi:
        s.line(left, sy(t), W - right, sy(t), WARNA["garis"], 0.6)
        s.text(left - 4, sy(t), format_persen(t, 0), size=8, anchor="end", color=WARNA["teks_lemah"])
        t += st
    s.line(left, top, left, top + ph, WARNA["garis"], 0.8)
    s.line(left, top + ph, W - right, top + ph, WARNA["garis"], 0.8)
    s.line(left, sy(batas), W - right, sy(batas), WARNA["batas"], 1.1, dash="4,3")
    pts = [(sx(i), sy(float(r["capaian"]))) for i, r in enumerate(rows)
           if r.get("capaian") is not None and r["capaian"] == r["capaian"]]
    if len(pts) > 1:
        s.add('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
              % (WARNA["utama"], " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)))
    for i, r in enumerate(rows):
        x = sx(i)
        s.text(x, top + ph + 12, r.get("label", ""), size=8.5, anchor="middle", color=WARNA["teks_lemah"])
        c = r.get("capaian")
        if c is None or c != c:
            s.text(x, top + ph - 12, "belum dinilai", size=7.5, anchor="middle", color=WARNA["teks_lemah"])
            continue
        big = aktif is not None and r.get("label") == aktif
        p = r.get("predikat")
        color = WARNA_PREDIKAT.get(p, WARNA["utama"]) if isinstance(p, str) else WARNA["utama"]
        s.circle(x, sy(c), 6.5 if big else 5, color, WARNA["aksen"] if big else "white", 2 if big else 1)
        s.text(x, sy(c) - 13, format_persen(c), size=8.5, anchor="middle", weight="bold" if big else "normal")
    s.add(f'<text x="11" y="{top + ph / 2:.1f}" font-size="8.5" text-anchor="middle" fill="{WARNA["teks"]}" '
          f'transform="rotate(-90 11 {top + ph / 2:.1f})">Capaian rata-rata RHK</text>')
    return s.render()


def berakhlak_svg(rating: Mapping, *, diri: Mapping | None = None, lainnya: Mapping | None = None,
                  title: str = "Profil perilaku BerAKHLAK") -> str:
    """SVG twin of :func:`berakhlak_chart` (main rating; optional self/others markers)."""
    main, self_, other = _per_nilai(rating), _per_nilai(diri), _per_nilai(lainnya)
    codes = list(labels.BERAKHLAK)
    W, H, left, right, top, bottom = 330.0, 250.0, 128.0, 16.0, 34.0, 34.0
    s = _Svg(W, H)
    s.text(6, 14, title, size=11, weight="bold", color=WARNA["utama"])
    pw, ph = W - left - right, H - top - bottom
    sx = lambda v: left + (v - 0.7) / 2.6 * pw  # noqa: E731
    rh = ph / len(codes)
    for v, lab in ((1, "Di Bawah"), (2, "Sesuai"), (3, "Di Atas")):
        s.line(sx(v), top, sx(v), top + ph, WARNA["garis"], 0.6)
        s.text(sx(v), top + ph + 10, lab, size=8, anchor="middle", color=WARNA["teks_lemah"])
    s.text(left + pw / 2, top + ph + 24, "Ekspektasi", size=8.5, anchor="middle")
    series = [(main, WARNA["utama"], 0.0)]
    if self_:
        series.append((self_, WARNA["aksen"], -5.0))
    if other:
        series.append((other, WARNA["lain"], 5.0))
    for i, code in enumerate(codes):
        y = top + (i + 0.5) * rh
        s.line(left, y, W - right, y, WARNA["garis"], 0.5)
        s.text(left - 6, y, labels.BERAKHLAK_LABEL[code], size=8.5, anchor="end")
        v = main.get(code)
        if v is not None:
            s.add(f'<line x1="{sx(1):.1f}" y1="{y:.1f}" x2="{sx(v):.1f}" y2="{y:.1f}" stroke="{WARNA["utama"]}" '
                  f'stroke-opacity="0.35" stroke-width="4" stroke-linecap="round"/>')
        for vals, color, dy in series:
            v = vals.get(code)
            if v is not None:
                s.circle(sx(v), y + dy, 5 if dy == 0 else 4, color)
    if not main:
        s.text(left + pw / 2, top + ph / 2, "Belum dinilai", anchor="middle", color=WARNA["teks_lemah"])
    return s.render()


def kuadran_svg(rating_hasil_kerja=None, rating_perilaku=None) -> str:
    """SVG twin of :func:`kuadran_chart` (``size="small"``), written directly: no matplotlib.

    The evaluator's form shows this picture after every change; importing matplotlib for it cost a
    served form kernel ~44 MB, so the form uses this writer (and caches the ten variants: nine cells
    and "none chosen"). Same palette, cell names, highlight frame and star as the matplotlib figure.
    """
    from kinerja.schemes.permenpanrb_2022 import KUADRAN

    hk, pk = _code(rating_hasil_kerja), _code(rating_perilaku)
    chosen = (hk, pk) if hk and pk else None
    W, H, left, top, c = 250.0, 226.0, 66.0, 24.0, 56.0
    s = _Svg(W, H)
    s.text(left, 11, "Kuadran Kinerja Pegawai", size=9, weight="bold", color=WARNA["utama"])

    def lines(x, y, teks, size, color, weight="normal", anchor="middle", gap=1.15):
        parts = str(teks).split("\n")
        y0 = y - (len(parts) - 1) * size * gap / 2
        spans = "".join(f'<tspan x="{x:.1f}" y="{y0 + i * size * gap:.1f}">{_esc(t)}</tspan>'
                        for i, t in enumerate(parts))
        s.add(f'<text font-size="{size}" text-anchor="{anchor}" fill="{color}" font-weight="{weight}" '
              f'dominant-baseline="middle">{spans}</text>')

    for yi, h in enumerate(_AXIS):
        for xi, p in enumerate(_AXIS):
            pred = KUADRAN[(h, p)]
            on = chosen == (h, p)
            faded = chosen is not None and not on
            x, y = left + xi * c, top + (2 - yi) * c
            s.rect(x, y, c, c, WARNA_PREDIKAT[pred], fill_opacity="0.28" if faded else "1",
                   stroke="white", stroke_width="2", **{"class": f"kn-kuadran-sel{' kn-kuadran-pilih' if on else ''}"})
            color = WARNA["teks"] if faded else TEKS_PREDIKAT[pred]
            lines(x + c / 2, y + c / 2, pred.replace("/", "/\n").replace(" ", "\n"), 7.2, color,
                  "bold" if on else "normal")
    if chosen:
        xi, yi = _AXIS.index(pk), _AXIS.index(hk)
        x, y = left + xi * c, top + (2 - yi) * c
        s.rect(x + 0.04 * c, y + 0.04 * c, 0.92 * c, 0.92 * c, "none", stroke=WARNA["utama"], stroke_width="2.2")
        import math

        cx, cy, ro, ri = x + 0.86 * c, y + 0.14 * c, 5.0, 2.1
        pts = " ".join(f"{cx + (ro if i % 2 == 0 else ri) * math.sin(i * math.pi / 5):.1f},"
                       f"{cy - (ro if i % 2 == 0 else ri) * math.cos(i * math.pi / 5):.1f}" for i in range(10))
        s.add(f'<polygon points="{pts}" fill="{WARNA["aksen"]}" stroke="{WARNA["utama"]}" stroke-width="0.8"/>')
    for i, a in enumerate(_AXIS):
        lines(left + (i + 0.5) * c, top + 3 * c + 12, _AXIS_LABEL[a], 6.5, WARNA["teks_lemah"])
        lines(left - 4, top + (2.5 - i) * c, _AXIS_LABEL[a], 6.5, WARNA["teks_lemah"], anchor="end")
    s.text(left + 1.5 * c, H - 7, "Rating Perilaku Kerja", size=7.5, anchor="middle", weight="bold")
    ym = top + 1.5 * c
    s.add(f'<text x="8" y="{ym:.1f}" font-size="7.5" text-anchor="middle" fill="{WARNA["teks"]}" font-weight="bold" '
          f'dominant-baseline="middle" transform="rotate(-90 8 {ym:.1f})">Rating Hasil Kerja</text>')
    return s.render()


def svg_data_uri(svg: str) -> str:
    """A ``data:`` URI for an SVG string (base64, so no markup leaks into the HTML)."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

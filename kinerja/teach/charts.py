"""Charts only the teaching notebooks need (the kuadran and kurva charts are in :mod:`kinerja.report.charts`).

* :func:`pp46_waktu_chart`   PP 46/2011 nilai aspek waktu/biaya against realisasi/target, with the
  kink at 24% efisiensi (R = 0.76 T) and an optional marker for the participant's own value
* :func:`kpi_peringkat_chart` a unit's KPI nilai as ranked bars, with the category bands
* :func:`banding_skema_chart` each pegawai's place under the three schemes (a slope chart)

Every function returns a matplotlib Figure (kinerja style, Agg) and never calls ``plt.show()``.
Importing this module imports matplotlib lazily (inside the functions) through :mod:`kinerja.report.style`.
"""

from __future__ import annotations

import textwrap

from kinerja.domain import labels
from kinerja.report.style import WARNA, WARNA_PREDIKAT, format_angka, new_figure

_WARNA_KATEGORI = {"Sangat Baik": WARNA_PREDIKAT[labels.SANGAT_BAIK], "Baik": WARNA_PREDIKAT[labels.BAIK],
                   "Cukup": WARNA_PREDIKAT[labels.BUTUH_PERBAIKAN], "Kurang": WARNA_PREDIKAT[labels.KURANG],
                   "Sangat Kurang": WARNA_PREDIKAT[labels.SANGAT_KURANG], "Buruk": WARNA_PREDIKAT[labels.SANGAT_KURANG]}


def pp46_waktu_chart(rasio_pegawai: float | None = None, *, size=(5.6, 3.2)):
    """Nilai aspek waktu/biaya (PP 46/2011) against realisasi/target (%), kink at the efisiensi limit
    (every number from :mod:`kinerja.schemes.pp46_2011`)."""
    from kinerja.schemes import pp46_2011 as pp46
    from kinerja.teach.pp46 import kurva_nilai_waktu

    fig, ax = new_figure(size)
    k = kurva_nilai_waktu()
    x = k["rasio"] * 100
    kink = 100 - pp46.BATAS_EFISIENSI  # R/T = 76%
    tepat = pp46.nilai_aspek("waktu", 1.0, 1.0)  # the nilai of finishing exactly on target (76)
    separuh = pp46.nilai_aspek("waktu", 1.0, 0.5)
    batas = format_angka(pp46.BATAS_EFISIENSI)
    left = x <= kink
    ax.axvspan(x.min(), kink, color=WARNA["latar"], zorder=0)
    ax.plot(x[left], k["nilai"][left], color=WARNA["aksen"], lw=2.4, label=f"efisiensi > {batas}%: rumus kedua")
    ax.plot(x[~left], k["nilai"][~left], color=WARNA["utama"], lw=2.4, label=f"efisiensi ≤ {batas}%: rumus pertama")
    ax.axvline(100, color=WARNA["garis"], lw=1, ls="--", zorder=1)
    ax.axhline(tepat, color=WARNA["garis"], lw=1, ls=":", zorder=1)
    puncak = pp46.nilai_aspek("waktu", 1.0, kink / 100)
    for xx, yy, txt, dx, ha in ((kink, puncak, f"{format_angka(puncak)} (R = {format_angka(kink)}% T)", 2, "left"),
                                (100, tepat, f"{format_angka(tepat)} (tepat sesuai target)", 2, "left"),
                                (50, separuh, f"{format_angka(separuh)} (R = 50% T)", 2, "left")):
        ax.plot([xx], [yy], "o", color=WARNA["teks"], ms=4, zorder=4)
        ax.annotate(txt, (xx, yy), xytext=(dx + xx, yy + 4), fontsize=7.5, ha=ha, color=WARNA["teks"])
    if rasio_pegawai is not None:
        r = float(rasio_pegawai)
        v = float(kurva_nilai_waktu([r])["nilai"].iloc[0])
        ax.plot([r * 100], [v], marker="*", ms=16, color=WARNA["aksen"], markeredgecolor=WARNA["utama"], zorder=6)
        kanan = r * 100 > 100 - pp46.BATAS_EFISIENSI  # right branch falls: label below-left; left branch rises
        ax.annotate(f"Anda: {format_angka(v, 1)}", (r * 100, v), xytext=(r * 100 - 3, v - 16 if kanan else v + 8),
                    fontsize=9, fontweight="bold", color=WARNA["utama"], ha="right")
    ax.text(kink - 1.5, 20, "selesai jauh lebih cepat\n(rencana terlalu longgar)", ha="right", fontsize=7.5,
            color=WARNA["teks_lemah"])
    ax.text(kink + 1.5, 20, "sekitar target", ha="left", fontsize=7.5, color=WARNA["teks_lemah"])
    ax.set_xlim(x.min(), x.max())
    ax.set_ylim(0, 115)
    ax.set_xlabel("Realisasi dibanding target (%)   ← lebih cepat / hemat | lebih lambat / boros →")
    ax.set_ylabel("Nilai aspek")
    ax.set_title("PP 46/2011: nilai aspek waktu dan biaya")
    ax.legend(loc="upper right")
    ax.grid(axis="y")
    return fig


def kpi_peringkat_chart(hasil, kategori: list[dict] | None = None, *, size=None):
    """Ranked horizontal bars of a unit's KPI nilai (``teach.simulasi_kpi`` output), coloured by kategori,
    with the band limits as vertical lines and an arrow where a pegawai's place changed."""
    df = hasil.sort_values("peringkat", ascending=False)
    n = len(df)
    fig, ax = new_figure(size or (5.6, max(2.4, 0.30 * n + 1.0)))
    ys = range(n)
    colors = [_WARNA_KATEGORI.get(p, WARNA["lain"]) for p in df["predikat"]]
    ax.barh(list(ys), df["nilai"], color=colors, height=0.64, zorder=2)
    names = []
    for y, (_, r) in zip(ys, df.iterrows()):
        move = int(r.get("naik", 0))
        tag = f"  ▲{move}" if move > 0 else f"  ▼{-move}" if move < 0 else ""
        names.append(f"{int(r['peringkat'])}. {textwrap.shorten(str(r['nama']), 22, placeholder='…')}{tag}")
        ax.text(r["nilai"] + 0.6, y, format_angka(r["nilai"], 1), va="center", fontsize=7.5, color=WARNA["teks"])
    ax.set_yticks(list(ys), names)
    lo = max(0.0, float(df["nilai"].min()) - 15)
    hi = float(df["nilai"].max()) + 8
    for band in kategori or []:
        m = float(band["min"])
        if lo < m < hi:
            ax.axvline(m, color=WARNA["teks_lemah"], lw=0.9, ls="--", zorder=3)
            ax.text(m, n - 0.35, f" {band['nama']} ≥ {format_angka(m, 0)}", fontsize=7, color=WARNA["teks_lemah"],
                    va="bottom")
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.6, n + 0.4)
    ax.set_xlabel("Nilai kinerja KPI")
    ax.set_title("Peringkat dalam unit")
    ax.tick_params(axis="y", length=0)
    return fig


def banding_skema_chart(tabel, *, size=None, judul_kpi: str = "KPI"):
    """Slope chart: each pegawai's place (1 = top) under PermenPANRB 6/2022, PP 46/2011 and KPI.

    ``tabel`` is ``teach.bandingkan_skema`` output. Lines of pegawai who move 2 places or more are bold.
    ``judul_kpi``: the KPI column's name, e.g. "KPI 70/30" from the config in force.
    """
    from kinerja.report.style import WARNA_PREDIKAT as WP

    n = len(tabel)
    fig, ax = new_figure(size or (5.6, max(2.8, 0.30 * n + 1.2)))
    cols = ["peringkat_2022", "peringkat_pp46", "peringkat_kpi"]
    xs = [0, 1, 2]
    for _, r in tabel.iterrows():
        ys = [r[c] for c in cols]
        big = r["selisih_peringkat"] >= 2
        color = WP.get(r["predikat_2022"], WARNA["lain"])
        ax.plot(xs, ys, "-o", color=color, lw=2.6 if big else 1.0, ms=5, alpha=1.0 if big else 0.45, zorder=3 if big else 2)
        ax.text(-0.06, ys[0], textwrap.shorten(str(r["nama"]), 20, placeholder="…"), ha="right", va="center",
                fontsize=7.5, fontweight="bold" if big else "normal")
        ax.text(2.06, ys[2], textwrap.shorten(str(r["nama"]), 20, placeholder="…"), ha="left", va="center",
                fontsize=7.5, fontweight="bold" if big else "normal")
    ax.set_xticks(xs, ["PermenPANRB 6/2022\n(predikat)", "PP 46/2011\n(nilai)", f"{judul_kpi}\n(nilai)"])
    ax.set_xlim(-0.75, 2.75)
    ax.set_ylim(n + 0.6, 0.4)
    ax.set_yticks([])
    for s in ("left", "bottom"):
        ax.spines[s].set_visible(False)
    ax.tick_params(axis="x", length=0, labelsize=8)
    ax.set_title("Urutan pegawai di tiga skema (atas = terbaik)")
    return fig

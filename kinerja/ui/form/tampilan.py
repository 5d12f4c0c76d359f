"""HTML pieces of the form: the kuadran, the unit distribution (table and phone cards), the 360
completeness table, rating chips."""

from __future__ import annotations

import html

import pandas as pd

from kinerja.domain import labels
from kinerja.ui import common
from kinerja.ui.form.aturan import RATING_PILIHAN


_KUADRAN_CACHE: dict = {}


def kuadran_html(hk, pk) -> str:
    """The 3x3 kuadran with the pegawai's cell, as inline SVG (:func:`kinerja.report.charts.kuadran_svg`,
    written without matplotlib: the form kernel never imports it). Ten variants, each built once."""
    key = tuple(v if isinstance(v, str) and v else None for v in (hk, pk))  # "", None, NaN: not rated
    if key in _KUADRAN_CACHE:
        return _KUADRAN_CACHE[key]
    from kinerja.report.charts import kuadran_svg

    out = f"<div class='kn-kuadran'>{kuadran_svg(*key)}</div>"
    _KUADRAN_CACHE[key] = out
    return out


def tabel_unit(store, penilai: str, periode: str, scheme=None, cfg=None) -> str:
    """HTML: per unit of the evaluator's bawahan, count per predikat, capaian organisasi, warnings."""
    from kinerja.schemes import periode_data

    if scheme is None:
        from kinerja.schemes import permenpanrb_2022 as scheme
    ws = store.workspace_bawahan(penilai, periode)
    if ws.pegawai.empty:
        return "<div class='kn-kecil'>Tidak ada bawahan.</div>"
    data = periode_data(ws, periode, cfg)  # unit heads from jabatan (dataset.frames.kepala_unit), as everywhere
    sc = scheme.score(data, cfg)
    k = scheme.kurva_per_unit(sc, data.organisasi, cfg)
    head = "".join(f"<th>{html.escape(p)}</th>" for p in labels.PREDIKAT)
    rows, kartu = [], []  # a table for wide screens; the same numbers as cards for phones (390 px)
    for r in k.to_dict("records"):
        warn = "".join(f"<li>{html.escape(m)}</li>" for m in r["pesan"])
        status = ("<span class='kn-badge kn-badge-selesai'>sesuai kurva</span>" if r["sesuai_kurva"] else
                  "<span class='kn-badge kn-badge-sebagian'>perlu ditinjau</span>")
        if not isinstance(r["capaian_organisasi"], str):
            status = "<span class='kn-kecil'>capaian organisasi belum ada</span>"
        capaian = html.escape(str(r["capaian_organisasi"] or "–"))
        rows.append(f"<tr><td>{html.escape(r['unit'])}</td><td>{capaian}</td>"
                    + "".join(f"<td>{int(r[p])}</td>" for p in labels.PREDIKAT)
                    + f"<td>{status}</td></tr>"
                    + (f"<tr><td colspan='{len(labels.PREDIKAT) + 3}'><ul class='kf-kurva-pesan'>{warn}</ul></td></tr>" if warn else ""))
        isi = "".join(f"<tr><td>{html.escape(p)}</td><td class='kf-angka'>{int(r[p])}</td></tr>" for p in labels.PREDIKAT)
        kartu.append(f"<div class='kf-unit-kartu'><div class='kf-unit-nama'>{html.escape(r['unit'])}</div>"
                     f"<div class='kn-kecil'>Capaian organisasi: <b>{capaian}</b>"
                     f"</div><table class='kf-unit-jumlah'>{isi}</table>{status}" + (f"<ul class='kf-kurva-pesan'>{warn}</ul>" if warn else "")
                     + "</div>")
    final = int((sc["status"] == "final").sum())
    return (f"<table class='kn-tabel kf-tabel-unit kf-layar-lebar'><tr><th>Unit</th><th>Capaian organisasi</th>{head}"
            "<th>Kurva</th></tr>" + "".join(rows) + "</table>"
            f"<div class='kf-hp-saja'>{''.join(kartu)}</div><div class='kn-kecil'>{final} dari {len(sc)} bawahan "
            "sudah mempunyai rating akhir; sisanya dihitung dari usulan.</div>")


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


def _rating_chip(code, pendek: bool = False) -> str:
    if not code or code != code:
        return "–"
    teks = dict((c, t) for t, c in RATING_PILIHAN).get(code) if pendek else None
    warna = {"di_atas": "#d9f2e1;color:#1b5e20", "sesuai": "#e8f0fb;color:#16375f", "di_bawah": "#fdecea;color:#8c1d18"}
    return (f"<span class='kn-badge' style='background:{warna.get(code, '#eee')}'>"
            f"{html.escape(teks or labels.RATING_LABEL.get(code, str(code)))}</span>")


def _css(v) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9_-]+", "_", str(v))

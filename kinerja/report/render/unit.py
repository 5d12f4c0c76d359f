"""One unit's summary: kurva, pegawai table, BerAKHLAK matrix, pembinaan (HTML, PDF, XLSX)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kinerja.domain import labels
from kinerja.report import laporan_360
from kinerja.report.render.berkas import atomic_write, is_fresh, parse_formats, unit_paths
from kinerja.report.render.pdf import html_to_pdf
from kinerja.report.render.pegawai import _uri
from kinerja.report.render.siapkan import Laporan, tanggal_dokumen
from kinerja.report.render.teks import (PEMBINAAN_PREDIKAT, _env, _rating_label, _tanggal, _text, _warna, format_nip,
                                        predikat_tampil, report_css)


def unit_context(lap: Laporan, unit: str) -> dict:
    """Values of one unit's summary: kurva, pegawai table, BerAKHLAK matrix, pembinaan, completion."""
    from kinerja.schemes import permenpanrb_2022 as s22mod

    sc = lap.s22[lap.s22["unit"] == unit]
    if sc.empty:
        raise KeyError(f"unit '{unit}' tidak ada di workspace")
    cap = sc["capaian_organisasi"].dropna()
    cap = cap.iloc[0] if len(cap) else None
    counts = {p: int((sc["predikat"] == p).sum()) for p in labels.PREDIKAT}
    pesan = s22mod.cek_kurva(counts, cap, lap.data.config) if isinstance(cap, str) else []
    peg = lap.data.pegawai
    rows = []
    for nip, r in sc.iterrows():
        rows.append({
            "nip": format_nip(nip), "nip_raw": nip, "nama": _text(r["nama"]), "jabatan": _text(r["jabatan"]),
            "capaian": r["capaian_rata"], "usulan_hasil_kerja": r["usulan_hasil_kerja"],
            "rating_hasil_kerja": r["rating_hasil_kerja"], "rating_perilaku": r["rating_perilaku"],
            "predikat": predikat_tampil(r["predikat"], r["status"]), "predikat_usulan": _text(r["predikat"]),
            "final": r["status"] == "final", "status": r["status"],
            "override": bool(r["override_hasil_kerja"] or r["override_perilaku"]),
            "penilai": (_text(peg.loc[r["nip_atasan"], "nama"])
                        + (f" ({peg.at[nip, 'penilai_sebagai']})" if isinstance(peg.at[nip, "penilai_sebagai"], str) else ""))
            if isinstance(r["nip_atasan"], str) and r["nip_atasan"] in peg.index else "-",
        })
    order = {p: i for i, p in enumerate(labels.PREDIKAT)}
    rows.sort(key=lambda x: (order.get(x["predikat_usulan"], 9), x["nama"]))
    pembinaan = [dict(x, alasan=_alasan_pembinaan(x)) for x in rows
                 if x["predikat_usulan"] in PEMBINAAN_PREDIKAT or x["rating_hasil_kerja"] == "di_bawah"]
    belum = [x for x in rows if x["status"] != "final"]
    per = lap.data.perilaku
    per = per[per["nip"].isin(sc.index) & per["aspek"].isin(list(labels.BERAKHLAK))]
    matrix = per.pivot_table(index="nip", columns="aspek", values="rating", aggfunc="first") if not per.empty \
        else pd.DataFrame()
    if not matrix.empty:
        matrix.index = [f"{_text(peg.loc[n, 'nama'])}" for n in matrix.index]
    return {
        "judul": "Ringkasan Penilaian Kinerja Unit",
        "instansi": lap.instansi, "unit": unit,
        "periode": {"kode": lap.periode.kode, "label": lap.periode.label},
        "capaian_organisasi": cap if isinstance(cap, str) else "-",
        "jumlah": len(rows), "jumlah_per_predikat": counts,
        "persen_per_predikat": {p: (counts[p] / len(rows) * 100 if rows else 0.0) for p in labels.PREDIKAT},
        "kurva_pesan": pesan, "sesuai_kurva": not pesan, "ada_capaian": isinstance(cap, str),
        "pegawai": rows, "pembinaan": pembinaan, "belum_final": belum,
        "jumlah_final": len(rows) - len(belum),
        "predikat_usulan_label": labels.PREDIKAT_USULAN,
        "matrix": matrix, "tanggal": _tanggal(tanggal_dokumen(lap)), "tempat": lap.tempat,
        "u360": laporan_360.konteks_unit(lap.ws, lap.periode, unit, lap.options.get("hasil360")),
    }


def _alasan_pembinaan(x) -> str:
    parts = []
    usulan = "" if x["final"] else "usulan "
    if x["predikat_usulan"] in PEMBINAAN_PREDIKAT:
        parts.append(f"{usulan}predikat {x['predikat_usulan']}")
    if x["rating_hasil_kerja"] == "di_bawah":
        parts.append(f"{usulan}hasil kerja di bawah ekspektasi")
    return "; ".join(parts)


def unit_html(lap: Laporan, unit: str, *, inline_css: bool = True, ctx: dict | None = None) -> str:
    from kinerja.report import charts as ch

    ctx = ctx or unit_context(lap, unit)
    grafik = {"kurva": _uri(ch.kurva_chart(ctx["jumlah_per_predikat"],
                                           ctx["capaian_organisasi"] if ctx["ada_capaian"] else None,
                                           cfg=lap.data.config)),
              "heatmap": _uri(ch.berakhlak_heatmap(ctx["matrix"])) if not ctx["matrix"].empty else None}
    return _env().get_template("unit.html.j2").render(**ctx, grafik=grafik, css=report_css() if inline_css else "",
                                                       warna=_warna(), predikat_list=labels.PREDIKAT)


def write_unit(lap: Laporan, unit: str, out_dir, formats="html,pdf,xlsx", *, force: bool = False) -> dict:
    """Write one unit's summary (HTML, PDF, XLSX). Returns a result record."""
    from kinerja.report import xlsx_export

    formats = parse_formats(formats)
    paths = unit_paths(out_dir, unit, formats)
    rec = {"unit": unit, "files": {f: str(p.relative_to(Path(out_dir).resolve())) for f, p in paths.items()}}
    if not force and is_fresh(paths, lap.inputs_mtime):
        return {**rec, "status": "skipped"}
    ctx = unit_context(lap, unit)
    if "html" in paths:
        atomic_write(paths["html"], unit_html(lap, unit, ctx=ctx))
    if "pdf" in paths:
        atomic_write(paths["pdf"], html_to_pdf(unit_html(lap, unit, ctx=ctx, inline_css=False)))
    if "xlsx" in paths:
        atomic_write(paths["xlsx"], xlsx_export.unit_workbook_bytes(ctx))
    return {**rec, "status": "done"}


def render_units(lap: Laporan, out_dir, units=None, formats="html,pdf,xlsx", *, force: bool = False,
                 progress_file=None) -> pd.DataFrame:
    """Write the summaries of ``units`` (default: every unit of the prepared selection)."""
    from kinerja.errors import DiskPenuh

    if not units:
        sel = lap.options.get("selected") or list(lap.data.pegawai.index)
        units = sorted(set(lap.data.pegawai.loc[sel, "unit"]))
    elif isinstance(units, str):
        units = [units]
    out = []
    for u in units:
        try:
            rec = write_unit(lap, u, out_dir, formats, force=force)
        except DiskPenuh as e:
            rec = {"unit": u, "status": "failed", "alasan": str(e), "disk_penuh": True}
        except Exception as e:  # noqa: BLE001
            rec = {"unit": u, "status": "failed", "alasan": f"{type(e).__name__}: {e}"}
        out.append(rec)
        if progress_file:
            try:
                with open(progress_file, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps({"ringkasan": True, **rec}, ensure_ascii=False, default=str) + "\n")
            except OSError:
                pass
        if rec.get("disk_penuh"):
            break
    return pd.DataFrame(out)


def unit_table(lap: Laporan, unit: str, *, styled: bool = True):
    """The unit's pegawai table for notebooks: Indonesian headers and numbers, no index (a pandas
    Styler); ``styled=False`` gives the plain DataFrame."""
    from kinerja.domain import format as fmt

    ctx = unit_context(lap, unit)
    df = pd.DataFrame(ctx["pegawai"])[["nama", "nip", "jabatan", "capaian", "rating_hasil_kerja",
                                        "rating_perilaku", "predikat", "status"]]
    for c in ("rating_hasil_kerja", "rating_perilaku"):
        df[c] = df[c].map(_rating_label)
    df["status"] = df["status"].map({"final": "Final"}).fillna("Usulan (belum ditetapkan)")
    if not styled:
        return df
    df = df.rename(columns={"nama": "Nama", "nip": "NIP", "jabatan": "Jabatan", "capaian": "Capaian",
                            "rating_hasil_kerja": "Rating hasil kerja", "rating_perilaku": "Rating perilaku",
                            "predikat": "Predikat", "status": "Status"})
    return df.style.hide(axis="index").format({"Capaian": fmt.persen})

"""One pegawai's report: its values (:func:`employee_context`), HTML, files; a shard of them."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from kinerja.domain import labels
from kinerja.report import laporan_360
from kinerja.report.render.berkas import FORMATS, atomic_write, employee_paths, is_fresh, parse_formats
from kinerja.report.render.pdf import html_to_pdf
from kinerja.report.render.siapkan import Laporan, tanggal_dokumen
from kinerja.report.render.teks import (_aktif_label, _env, _fmt_input, _periode_d11, _predikat_colors, _rentang, _tanggal,
                                        _text, _warna, format_nip, pangkat_gol, predikat_tampil, report_css)


@lru_cache(maxsize=16)
def _kuadran_uri(hk, pk) -> str:
    """The kuadran picture as the form shows it (the same SVG writer, no matplotlib)."""
    import base64

    from kinerja.report.charts import kuadran_svg

    return "data:image/svg+xml;base64," + base64.b64encode(kuadran_svg(hk, pk).encode("utf-8")).decode("ascii")


def _uri(fig) -> str:
    from kinerja.report.charts import figure_to_data_uri

    uri = figure_to_data_uri(fig)
    fig.clear()
    return uri


def _identitas(peg: pd.DataFrame, nip) -> dict:
    if not isinstance(nip, str) or nip not in peg.index:
        return {"nama": "-", "nip": "-", "pangkat": "-", "jabatan": "-", "unit": "-"}
    r = peg.loc[nip]
    return {"nama": _text(r.get("nama")), "nip": format_nip(nip), "pangkat": pangkat_gol(r),
            "jabatan": _text(r.get("jabatan")), "unit": _text(r.get("unit"))}


def _penilai(peg: pd.DataFrame, prow, atasan) -> dict:
    """The Pejabat Penilai's identity; a Plt./Plh. is shown in that capacity (Lampiran hlm. 90 angka 3):
    jabatan "Plt. Kepala Bidang ..." and the unit they lead as Plt."""
    out = _identitas(peg, atasan)
    sebagai = prow.get("penilai_sebagai")
    if atasan and isinstance(sebagai, str) and sebagai:
        out.update(jabatan=sebagai, unit=_text(prow.get("unit")))
    return out


def _penempatan(prow, periode) -> str | None:
    """A line for a pegawai who moved this year: since when this placement holds, and that the earlier
    placement's SKP was evaluated there (Lampiran hlm. 91 angka 13)."""
    from kinerja.domain.periode import parse_periode

    mulai = prow.get("penempatan_mulai")
    if not isinstance(mulai, str) or not mulai:
        return None
    p = parse_periode(mulai)
    if p.bulan_awal == 1:
        return (f"Pegawai ini pindah (mutasi) pada tahun {periode.tahun}; periode ini dievaluasi pada penempatan "
                f"awal tahun, dengan SKP penempatan tersebut.")
    return (f"Pegawai ini pindah (mutasi): penempatan ini berlaku sejak {p.label}. Evaluasi periode ini "
            "dilakukan oleh Pejabat Penilai yang baru berdasarkan capaian kinerja organisasi unit baru, "
            "dengan SKP penempatan ini (PermenPANRB 6/2022, Lampiran hlm. 91 angka 13); SKP penempatan "
            "sebelumnya dievaluasi oleh Pejabat Penilai sebelumnya.")


def employee_context(lap: Laporan, nip: str, *, charts: bool = True) -> dict:
    """All values of one pegawai's report (plain data; the template only lays them out)."""
    from kinerja.report import feedback
    from kinerja.schemes import permenpanrb_2022 as s22mod

    peg = lap.data.pegawai
    if nip not in peg.index:
        raise KeyError(f"NIP {nip} tidak ada di workspace")
    row = lap.s22.loc[nip].to_dict()
    prow = peg.loc[nip]
    atasan = prow.get("nip_atasan")
    atasan = atasan if isinstance(atasan, str) and atasan in peg.index else None
    atasan2 = peg.loc[atasan].get("nip_atasan") if atasan else None
    atasan2 = atasan2 if isinstance(atasan2, str) and atasan2 in peg.index else None

    ind = lap.indikator.get(nip, [])
    rhk = lap.rhk.get(nip, [])
    per = lap.perilaku.get(nip, {})
    per_rating = {k: v["rating"] for k, v in per.items() if k in labels.BERAKHLAK}
    trend = lap.trend.get(nip, [])
    cfg = lap.data.config

    rhk_rows = []
    for r in rhk:
        items = [i for i in ind if i["rhk_id"] == r["rhk_id"]]
        rhk_rows.append({
            "rhk_id": r["rhk_id"], "rhk": r["rhk"], "jenis": "Utama" if r["jenis"] == "utama" else "Tambahan",
            "capaian": r["capaian_rhk"], "kategori": r["kategori"],
            "indikator": [{
                "iki_id": i["iki_id"], "indikator": i["indikator"], "aspek": _text(i.get("aspek")),
                "target": i["target_periode"], "satuan": _text(i.get("satuan"), ""),
                "realisasi": i["realisasi"] if i["realisasi"] == i["realisasi"] else None,
                "capaian": i["capaian"], "bukti": _text(i.get("bukti")),
                "umpan_balik": _text(i.get("umpan_balik")),
            } for i in items],
        })

    perilaku_rows = [{"nilai": lab, "rating": per.get(code, {}).get("rating"),
                      "catatan": _text(per.get(code, {}).get("catatan"))}
                     for code, lab in labels.BERAKHLAK_LABEL.items()]

    ak = lap.angka_kredit.loc[nip].to_dict() if nip in lap.angka_kredit.index else {}
    facts = feedback.facts(row, rhk, per_rating, ak, bulan=lap.periode.bulan)
    mod = lap.scheme
    # explain on the shard's subset: same numbers (unit heads and capaian organisasi were computed on
    # the whole workspace), much smaller frames to slice per pegawai
    part = lap.options.get("part")
    in_part = part is not None and nip in part.pegawai.index
    if in_part and hasattr(mod, "explain_many"):  # score the shard once, not once per pegawai
        if "explained" not in lap.options:
            lap.options["explained"] = mod.explain_many(part, lap.scheme_cfg)
        ex = lap.options["explained"][nip]
    else:
        ex = mod.explain(part if in_part else lap.data, nip, lap.scheme_cfg)
    steps = [{"label": s.label, "formula": s.formula, "inputs": [(k, _fmt_input(v)) for k, v in s.inputs.items()],
              "result": _fmt_input(s.result), "source": s.source} for s in ex.steps]

    cap_org = row.get("capaian_organisasi")
    pred = row.get("predikat") if isinstance(row.get("predikat"), str) else None
    final = row.get("status") == "final"
    pen = lap.data.penilaian
    ditetapkan = {c: bool(nip in pen.index and c in pen.columns and isinstance(pen.loc[nip, c], str))
                  for c in ("rating_hasil_kerja", "rating_perilaku")}
    ctx = {
        "judul": "Laporan Umpan Balik Kinerja Pegawai",
        "instansi": lap.instansi,
        "periode": {"kode": lap.periode.kode, "label": lap.periode.label,
                    "d11": _periode_d11(lap.periode), "rentang": _rentang(lap.periode)},
        "pegawai": _identitas(peg, nip),
        "nip_raw": nip,
        "penilai": _penilai(peg, prow, atasan),
        "penempatan": _penempatan(prow, lap.periode),
        "atasan_penilai": _identitas(peg, atasan2),
        "jenis_jabatan": labels.JENIS_JABATAN_LABEL.get(prow.get("jenis_jabatan"), "-"),
        "capaian_organisasi": cap_org if isinstance(cap_org, str) else "-",
        "kepala_unit": bool(row.get("kepala_unit")),
        "rhk": rhk_rows,
        "capaian_rata": row.get("capaian_rata"),
        "perilaku": perilaku_rows,
        "rating": {
            "usulan_hasil_kerja": row.get("usulan_hasil_kerja"), "hasil_kerja": row.get("rating_hasil_kerja"),
            "usulan_perilaku": row.get("usulan_perilaku"), "perilaku": row.get("rating_perilaku"),
            "override_hasil_kerja": bool(row.get("override_hasil_kerja")),
            "override_perilaku": bool(row.get("override_perilaku")),
            "alasan_usulan_hasil_kerja": _text(row.get("alasan_usulan_hasil_kerja")),
            "alasan": _text(row.get("alasan"), ""),
            "status": row.get("status"),
        },
        "final": final,
        "ditetapkan": ditetapkan,
        "predikat": predikat_tampil(row.get("predikat"), row.get("status")),
        "predikat_usulan": pred or "-",
        "penjelasan_predikat": (s22mod.PENJELASAN_PREDIKAT.get(pred, "") if final else
                                "Pejabat Penilai belum menetapkan rating hasil kerja dan rating perilaku kerja; "
                                f"predikat usulan sistem {pred or '-'} belum berlaku."),
        "skema": {"nama": getattr(mod, "TITLE", getattr(mod, "NAME", "")),
                  "bukan_2022": mod is not s22mod,
                  "nilai": lap.scores.loc[nip].get("nilai") if nip in lap.scores.index else None,
                  "predikat": _text(lap.scores.loc[nip].get("predikat")) if nip in lap.scores.index else "-"},
        "langkah": steps,
        "kekuatan": feedback.kekuatan(row, rhk, per_rating, cfg, trend),
        "area_perbaikan": feedback.area_perbaikan(row, rhk, per_rating, ind),
        "rekomendasi": feedback.rekomendasi(facts, lap.rules),
        "catatan": _text(row.get("catatan"), ""),
        "tempat": lap.tempat,
        "tanggal": _tanggal(tanggal_dokumen(lap, nip)),
        "warna_predikat": _predikat_colors(pred if final else None, usulan=not final),
    }
    if charts:
        from kinerja.report import charts as ch

        hk, pk = row.get("rating_hasil_kerja"), row.get("rating_perilaku")
        aktif = _aktif_label(lap.periode)
        if lap.options.get("charts") == "matplotlib":  # slower; the Figure versions of the same charts
            grafik = {"capaian": _uri(ch.capaian_chart(ind)) if ind else None,
                      "perilaku": _uri(ch.berakhlak_chart(per_rating)),
                      "tren": _uri(ch.trend_chart(trend, aktif=aktif))}
        else:
            grafik = {"capaian": ch.svg_data_uri(ch.capaian_svg(ind)) if ind else None,
                      "perilaku": ch.svg_data_uri(ch.berakhlak_svg(per_rating)),
                      "tren": ch.svg_data_uri(ch.trend_svg(trend, aktif=aktif))}
        grafik["kuadran"] = _kuadran_uri(hk if isinstance(hk, str) else None, pk if isinstance(pk, str) else None)
        ctx["grafik"] = grafik
    ctx["u360"] = laporan_360.konteks_pegawai(lap.options.get("hasil360"), nip, chart=charts)
    return ctx


def employee_html(lap: Laporan, nip: str, *, inline_css: bool = True, ctx: dict | None = None) -> str:
    """The report of one pegawai as a self-contained HTML document."""
    ctx = ctx or employee_context(lap, nip)
    return _env().get_template("pegawai.html.j2").render(**ctx, css=report_css() if inline_css else "",
                                                          warna=_warna())


def write_employee(lap: Laporan, nip: str, out_dir, formats=FORMATS, *, force: bool = False) -> dict:
    """Render and write one pegawai's report files. Returns a result record (status done/skipped)."""
    formats = [f for f in parse_formats(formats) if f in FORMATS]
    peg = lap.data.pegawai
    if nip not in peg.index:
        raise KeyError(f"NIP {nip} tidak ada di workspace")
    nama, unit = peg.loc[nip, "nama"], peg.loc[nip, "unit"]
    paths = employee_paths(out_dir, nip, nama, unit, formats)
    rec = {"nip": nip, "nama": str(nama), "unit": str(unit),
           "predikat": predikat_tampil(lap.s22.loc[nip].get("predikat"), lap.s22.loc[nip].get("status")),
           "predikat_usulan": _text(lap.s22.loc[nip].get("predikat")),
           "status_penilaian": lap.s22.loc[nip].get("status"),
           "files": {f: str(p.relative_to(Path(out_dir).resolve())) for f, p in paths.items()}}
    if not force and is_fresh(paths, lap.inputs_mtime):
        return {**rec, "status": "skipped"}
    ctx = employee_context(lap, nip)
    if "html" in paths:
        atomic_write(paths["html"], employee_html(lap, nip, ctx=ctx))
    if "pdf" in paths:
        atomic_write(paths["pdf"], html_to_pdf(employee_html(lap, nip, ctx=ctx, inline_css=False)))
    return {**rec, "status": "done"}


def render_shard(lap: Laporan, out_dir, *, nips=None, unit=None, formats="html,pdf", force: bool = False,
                 progress_file=None, show_progress: bool = False) -> pd.DataFrame:
    """Render the reports of a shard (the pegawai of ``unit`` and/or ``nips``; default: those
    :func:`prepare` selected). One failing pegawai is recorded with the reason and does not stop
    the others. Each result is appended to ``progress_file`` (JSON lines) as soon as it is known,
    so :mod:`kinerja.batch.run` can count progress. Returns one row per pegawai."""
    import resource

    from kinerja.errors import DiskPenuh

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = list(lap.options.get("selected", []))
    if unit:
        todo = [n for n in todo if lap.data.pegawai.loc[n, "unit"] == unit]
    if nips:
        want = [str(n) for n in nips]
        known = set(lap.data.pegawai.index)
        todo = [n for n in want if n in set(todo) or n not in known]
    results = []
    fh = open(progress_file, "a", encoding="utf-8") if progress_file else None
    bar = None
    if show_progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(todo), unit="pegawai")
    try:
        for nip in todo:
            penuh = False
            try:
                rec = write_employee(lap, nip, out_dir, formats, force=force)
            except DiskPenuh as e:  # every further report would fail too: stop, say it once
                rec, penuh = {"nip": nip, "status": "failed", "alasan": str(e), "disk_penuh": True}, True
            except Exception as e:  # noqa: BLE001  (isolate one pegawai's failure, keep the reason)
                rec = {"nip": nip, "status": "failed", "alasan": f"{type(e).__name__}: {e}"}
            results.append(rec)
            if fh:
                try:
                    fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
                    fh.flush()
                except OSError:
                    pass
            if bar:
                bar.update(1)
            if penuh:
                break
        if fh:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
            try:
                fh.write(json.dumps({"shard_done": True, "peak_rss_mb": rss}) + "\n")
            except OSError:
                pass
    finally:
        if fh:
            try:
                fh.close()
            except OSError:
                pass
        if bar:
            bar.close()
    return pd.DataFrame(results)


STATUS_LABEL = {"done": "Dibuat", "skipped": "Dilewati (sudah terbaru)", "failed": "Gagal"}


def shard_summary(results: pd.DataFrame):
    """Counts per status, in Indonesian, as a styled table without index (for the batch notebook)."""
    n = results["status"].value_counts() if "status" in results else pd.Series(dtype=int)
    df = pd.DataFrame({"Status": list(STATUS_LABEL.values()), "Jumlah laporan": [int(n.get(k, 0)) for k in STATUS_LABEL]})
    return df.style.hide(axis="index")


def shard_failures(results: pd.DataFrame):
    """The pegawai whose report failed, with the reason (styled, Indonesian headers)."""
    cols = {"nip": "NIP", "alasan": "Alasan"}
    bad = results[results["status"] == "failed"] if "status" in results else results.iloc[0:0]
    df = bad.reindex(columns=list(cols)).rename(columns=cols).fillna("-")
    return df.style.hide(axis="index")

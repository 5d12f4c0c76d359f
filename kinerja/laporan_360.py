"""360 and IKM sections for the employee report, the unit summary and the evaluator form (issue 6).

The reports engineer's code calls these with one line each; they return plain template context
(strings, lists, inline SVG), never rater identity, and never a withheld group:

* :func:`konteks_pegawai`  -> employee report: self-vs-others chart per value, largest gaps in words,
  the suggestion, shown groups, notes on merged/withheld groups, comments of shown groups
* :func:`konteks_unit`     -> unit summary: heatmap of the others' score, completeness counts and
  the raters who have not answered yet (HR document)
* :func:`usulan_form`      -> evaluator form: the 360 suggestion beside the evaluator's own rating
* :func:`render_bagian_pegawai` renders ``templates/report/umpan_balik_360.html`` (a partial that
  a report template can ``{% include %}``)
"""

from __future__ import annotations

from pathlib import Path

from kinerja import labels
from kinerja.multirater import Hasil360, agregasi_360, belum_menjawab, ringkasan_kelengkapan, tabel_unit

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "report"


def _svg(fig) -> str:
    try:
        from kinerja.style import figure_to_svg
        return figure_to_svg(fig)
    except ImportError:  # pragma: no cover
        import io

        buf = io.StringIO()
        fig.savefig(buf, format="svg")
        t = buf.getvalue()
        return t[t.find("<svg"):]


def hasil_periode(ws, periode) -> Hasil360 | None:
    """The aggregated 360 of a periode from a workspace, or None when there are no answers."""
    jw = ws["umpan_balik_360"]
    if jw is None or not len(jw):
        return None
    from kinerja.periode import normalise_periode

    jw = jw[jw["periode"] == normalise_periode(periode)]
    return agregasi_360(jw) if len(jw) else None


def konteks_pegawai(hasil: Hasil360 | None, nip: str, chart: bool = True) -> dict:
    """Template context of one pegawai's 360 section (``ada`` False when nobody answered)."""
    if hasil is None or nip not in set(hasil.usulan["nip"]):
        return {"ada": False}
    p = hasil.pegawai(nip)
    ctx = {
        "ada": True,
        "usulan_perilaku": labels.RATING_LABEL.get(p["usulan_perilaku"], "-") if p["usulan_perilaku"] else "-",
        "jumlah_penilai": p["jumlah_penilai"],
        "selisih_terbesar": p["selisih_terbesar"],
        "catatan": p["catatan"],
        "komentar": p["komentar"],
        "nilai": [{"nilai": labels.BERAKHLAK_LABEL[r["aspek"]],
                   "diri": r.get("skor_diri"), "lainnya": r.get("skor_lainnya"),
                   "usulan": labels.RATING_LABEL.get(r.get("usulan") or "", "-")} for r in p["nilai"]],
        "kelompok": sorted({(k["label"], k["jumlah_penilai"]) for k in p["kelompok"]}),
        "chart_svg": "",
    }
    if chart:
        from kinerja.ikm_charts import selisih_360_chart

        ctx["chart_svg"] = _svg(selisih_360_chart(p))
    return ctx


def konteks_unit(ws, periode, unit: str, hasil: Hasil360 | None = None) -> dict:
    """Template context of a unit summary's 360 section: heatmap and completeness."""
    hasil = hasil if hasil is not None else hasil_periode(ws, periode)
    peg = ws.pegawai[ws.pegawai["unit"] == unit]
    ctx = {"ada": hasil is not None, "heatmap_svg": "", "kelengkapan": [], "belum_menjawab": []}
    if hasil is None:
        return ctx
    m = tabel_unit(hasil, ws.pegawai, unit)
    if len(m):
        from kinerja.ikm_charts import heatmap_360

        ctx["heatmap_svg"] = _svg(heatmap_360(m))
    pen = ws["penugasan_360"]
    if len(pen):
        from kinerja.periode import normalise_periode

        kode = normalise_periode(periode)
        pen = pen[(pen["periode"] == kode) & pen["nip"].isin(peg["nip"])]
        jw = ws["umpan_balik_360"]
        jw = jw[jw["periode"] == kode]
        r = ringkasan_kelengkapan(pen, jw).merge(peg[["nip", "nama"]], on="nip", how="left")
        ctx["kelengkapan"] = r[["nama", "ditugaskan", "sudah", "belum"]].to_dict("records")
        ctx["belum_menjawab"] = belum_menjawab(pen, jw, ws.pegawai)[["nama", "unit", "jumlah"]].to_dict("records")
    return ctx


def usulan_form(hasil: Hasil360 | None, nip: str) -> str:
    """One line (Bahasa Indonesia) for the evaluator form, beside the evaluator's own rating."""
    if hasil is None or nip not in set(hasil.usulan["nip"]):
        return "Belum ada umpan balik 360 untuk pegawai ini."
    p = hasil.pegawai(nip)
    if not p["usulan_perilaku"]:
        return "Umpan balik 360 belum cukup untuk usulan rating perilaku."
    per = ", ".join(f"{r['aspek'] and labels.BERAKHLAK_LABEL[r['aspek']]}: "
                    f"{labels.RATING_LABEL.get(r['usulan'] or '', '-')}" for r in p["nilai"] if r.get("usulan"))
    note = (" " + " ".join(p["catatan"])) if p["catatan"] else ""
    return (f"Usulan dari umpan balik 360 ({p['jumlah_penilai']} penilai, bukan termasuk diri sendiri): "
            f"{labels.RATING_LABEL[p['usulan_perilaku']]}. Per nilai: {per}. Ini hanya usulan; "
            f"rating akhir tetap keputusan Pejabat Penilai.{note}")


def render_bagian_pegawai(hasil: Hasil360 | None, nip: str) -> str:
    """The employee report's 360 section as an HTML fragment (Jinja2, autoescaped)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return env.get_template("umpan_balik_360.html").render(u360=konteks_pegawai(hasil, nip))

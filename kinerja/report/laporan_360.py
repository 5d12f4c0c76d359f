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


from kinerja.domain import labels
from kinerja.schemes.multirater import Hasil360, agregasi_360, belum_menjawab, ringkasan_kelengkapan, tabel_unit

def hasil_periode(ws, periode) -> Hasil360 | None:
    """The aggregated 360 of a periode from a workspace, or None when there are no answers."""
    jw = ws["umpan_balik_360"]
    if jw is None or not len(jw):
        return None
    from kinerja.domain.periode import normalise_periode

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
        "chart_uri": "",
    }
    if chart:
        from kinerja.report.ikm_charts import selisih_360_chart
        from kinerja.report.style import figure_to_data_uri

        ctx["chart_uri"] = figure_to_data_uri(selisih_360_chart(p))
    return ctx


def konteks_unit(ws, periode, unit: str, hasil: Hasil360 | None = None) -> dict:
    """Template context of a unit summary's 360 section: heatmap and completeness."""
    hasil = hasil if hasil is not None else hasil_periode(ws, periode)
    peg = ws.pegawai[ws.pegawai["unit"] == unit]
    ctx = {"ada": hasil is not None, "heatmap_uri": "", "kelengkapan": [], "belum_menjawab": []}
    if hasil is None:
        return ctx
    m = tabel_unit(hasil, ws.pegawai, unit)
    if len(m):
        from kinerja.report.ikm_charts import heatmap_360
        from kinerja.report.style import figure_to_data_uri

        ctx["heatmap_uri"] = figure_to_data_uri(heatmap_360(m))
    pen = ws["penugasan_360"]
    if len(pen):
        from kinerja.domain.periode import normalise_periode

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
    from kinerja.report.render import _env

    return _env().get_template("umpan_balik_360.html").render(u360=konteks_pegawai(hasil, nip))


def _angka(x) -> str | None:
    from kinerja.domain.format import angka_tetap, kosong

    return None if kosong(x) else angka_tetap(x, 1)


def konteks_form(hasil: Hasil360 | None, nip: str, periode: str | None = None) -> dict | None:
    """The evaluator form's 360 context for one pegawai (the form's ``daftar_usulan_perilaku``
    provider shape): ``rating`` (overall suggestion code or None), ``keterangan`` (one sentence),
    ``per_nilai`` (aspek -> {usulan, skor, jumlah_penilai}), ``kelompok`` ([(label, n)]) of shown
    groups, ``catatan`` (merged / withheld groups), ``periode``. No rater identity, no withheld group.
    None when nobody but the pegawai themself answered."""
    if hasil is None or nip not in set(hasil.usulan["nip"]):
        return None
    p = hasil.pegawai(nip)
    per_nilai = {}
    for r in p["nilai"]:
        if r.get("aspek") is None:
            continue
        per_nilai[r["aspek"]] = {"usulan": r.get("usulan") or None, "skor": _angka(r.get("skor_lainnya")),
                                 "jumlah_penilai": int(r.get("jumlah_penilai") or 0)}
    size: dict[str, int] = {}  # a shown group's size: the most raters it had on any value
    for k in p["kelompok"]:
        size[k["label"]] = max(size.get(k["label"], 0), int(k["jumlah_penilai"]))
    kelompok = sorted(size.items(), key=lambda x: x[0])
    n = p["jumlah_penilai"]
    if p["usulan_perilaku"]:
        ket = (f"dari {n} penilai selain diri sendiri"
               + (" (" + ", ".join(f"{lab} {k}" for lab, k in kelompok) + ")" if kelompok else "")
               + (f", umpan balik 360 periode {periode}" if periode else "")
               + ". Hanya usulan: rating akhir tetap keputusan Pejabat Penilai.")
    else:
        ket = "Umpan balik 360 belum cukup untuk usulan rating perilaku (baru penilaian diri sendiri " \
              "atau kelompok penilai yang dirahasiakan)."
    return {"rating": p["usulan_perilaku"] or None, "keterangan": ket, "per_nilai": per_nilai,
            "kelompok": kelompok, "catatan": p["catatan"], "jumlah_penilai": n, "periode": periode}


def usulan_perilaku_360(store, nip: str, periode) -> dict | None:
    """The form's provider (``kinerja.ui.form.daftar_usulan_perilaku``): the 360 suggestion for one
    bawahan, read from the workspace database the form uses. The form calls it only after the store
    accepted the evaluator's scope for ``nip``. Only this pegawai's answers are aggregated (the
    aggregation is per pegawai, so the result is the same as aggregating the whole periode)."""
    from kinerja.store.store_360 import dari_store

    from kinerja.services.kuesioner import hasil_360_boleh_dilihat, keterangan_belum_ditutup

    s360 = dari_store(store)
    p360 = s360.periode_untuk(periode)
    if p360 is None:
        return None
    if not hasil_360_boleh_dilihat(s360, p360):  # no aggregate while answers can still change
        return {"rating": None, "keterangan": keterangan_belum_ditutup(p360), "per_nilai": {}, "kelompok": [],
                "catatan": [], "jumlah_penilai": 0, "periode": p360}
    return konteks_form(_hasil_rekan(s360, nip, p360), nip, p360)


_HASIL_CACHE: dict = {}


def _hasil_rekan(s360, nip: str, p360: str) -> Hasil360 | None:
    """The aggregated 360 of ``nip`` and the other bawahan of the same atasan, in one aggregation
    (aggregation is per pegawai, so the result per pegawai is the same), cached until the 360 data
    changes (the audit tables grow with every save or import). Switching bawahan in the form then
    costs two tiny queries instead of a pandas aggregation."""
    peg = s360.pegawai
    nips = [nip]
    if peg is not None and "nip_atasan" in peg.columns:
        atasan = peg.loc[peg["nip"] == nip, "nip_atasan"]
        if len(atasan) and isinstance(atasan.iat[0], str) and atasan.iat[0]:
            nips = list(peg.loc[peg["nip_atasan"] == atasan.iat[0], "nip"])
    key = (id(s360), p360, nip if len(nips) == 1 else ("atasan", tuple(nips)))
    versi = s360.versi_data()
    hit = _HASIL_CACHE.get(key)
    if hit is not None and hit[0] == versi and (hit[1] is None or nip in hit[2]):
        return hit[1]
    jw = s360.jawaban(p360, nips=nips)
    hasil = agregasi_360(jw, cfg=s360.cfg) if len(jw) else None
    if len(_HASIL_CACHE) > 256:
        _HASIL_CACHE.clear()
    _HASIL_CACHE[key] = (versi, hasil, set(nips))
    return hasil


def kelengkapan_form(store, penilai: str, periode, nips=None):
    """Completeness of the 360 questionnaires about the evaluator's bawahan (counts only):
    ``(periode_360, frame nip/nama/ditugaskan/sudah/belum/persen)`` or ``(None, None)`` when no
    questionnaires were assigned for the periode (or its year)."""
    from kinerja.store.store_360 import dari_store

    s360 = dari_store(store)
    p360 = s360.periode_untuk(periode)
    if p360 is None:
        return None, None
    from kinerja.services.kuesioner import kelengkapan_bawahan

    return p360, kelengkapan_bawahan(s360, penilai, p360, nips=nips)

"""Widget apps for the teaching notebooks (05 and 06), shown to participants as Voilà apps or slides.

Every function returns one ipywidgets container (class ``kt-app``) that a notebook cell displays.
The logic is in :mod:`kinerja.teach.core` (pure, unit-tested); this module only lays it out and wires
callbacks. Texts are Bahasa Indonesia, calm and plain: one idea per app, generous spacing.

CSS classes that tests and the browser test rely on: ``kt-latihan``, ``kt-pilihan`` (the answer
choices), ``kt-periksa`` (the check button), ``kt-umpan-balik`` plus ``kt-benar`` / ``kt-salah``
(feedback), ``kt-skor`` (score counter), ``kt-mode-pelatih`` (toggle), ``kt-kunci`` (answer key).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as W
from IPython.display import HTML

from kinerja.domain import labels
from kinerja.teach import core as teach
from kinerja.domain import format as fmt
from kinerja.domain.format import nilai as format_value
from kinerja.report.style import WARNA, WARNA_PREDIKAT, TEKS_PREDIKAT, figure_to_png

__all__ = ["muat_data", "tabel_kuadran", "skp_ke_capaian", "berakhlak", "kuadran_explorer", "kurva_simulator",
           "latihan_2022", "rumus_pp46", "pp46_waktu", "pp46_coba", "kpi_playground", "bandingkan_skema",
           "latihan_angka", "latihan_app"]

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


def muat_data(workspace=None, periode: str = "2026"):
    """PeriodeData for the apps: the sample instansi (``workspace=None``) or a workspace folder/xlsx."""
    ws = None
    if workspace:
        from kinerja.io.files import load_workspace

        ws = load_workspace(workspace)
    return teach.data_contoh(periode, ws)


_RATING_OPSI = [("Di Bawah Ekspektasi", "di_bawah"), ("Sesuai Ekspektasi", "sesuai"), ("Di Atas Ekspektasi", "di_atas")]


# ============================================================================ notebook 05
def tabel_kuadran() -> HTML:
    """The Kuadran Kinerja Pegawai as a static HTML table (deterministic; no widgets)."""
    from kinerja.schemes.permenpanrb_2022 import KUADRAN

    rows = []
    for hk in ("di_atas", "sesuai", "di_bawah"):
        cells = "".join(
            f'<td style="background:{WARNA_PREDIKAT[KUADRAN[(hk, pk)]]};color:{TEKS_PREDIKAT[KUADRAN[(hk, pk)]]};'
            f'text-align:center;padding:14px 8px;font-weight:600;border:3px solid #fff">{_e(KUADRAN[(hk, pk)])}</td>'
            for pk in ("di_bawah", "sesuai", "di_atas"))
        rows.append(f'<tr><th style="text-align:right;padding:8px 12px;font-weight:600">{labels.RATING_LABEL[hk]}</th>'
                    f"{cells}</tr>")
    head = "".join(f'<th style="padding:8px;font-weight:600;text-align:center">{labels.RATING_LABEL[pk]}</th>'
                   for pk in ("di_bawah", "sesuai", "di_atas"))
    return HTML(
        '<div style="max-width:760px;margin:0;font-size:16px;line-height:1.5">'
        '<table style="border-collapse:collapse;width:100%;table-layout:fixed">'
        '<caption style="caption-side:top;text-align:left;font-weight:700;font-size:18px;padding-bottom:8px">'
        "Kuadran Kinerja Pegawai</caption>"
        f'<tr><th style="text-align:right;padding:8px 12px;color:{WARNA["teks_lemah"]}">Hasil kerja ↓ / '
        f"Perilaku kerja →</th>{head}</tr>{''.join(rows)}</table>"
        f'<p style="color:{WARNA["teks_lemah"]};font-size:14px">Sumber: {_e(teach.SUMBER_KUADRAN)}.</p></div>')


def skp_ke_capaian(data=None, nip: str | None = None) -> W.VBox:
    """From SKP to capaian: realisasi sliders per indikator, capaian per RHK and the suggested rating
    hasil kerja, with the Utama rule explained when it decides."""
    data = data if data is not None else teach.data_contoh()
    info, ind = teach.skp_contoh(data, nip)
    asli = dict(zip(ind["iki_id"], ind["realisasi"].fillna(0.0)))
    kepala = (" <b>Pimpinan unit:</b> menurut SE MenPANRB 3/2023 rating hasil kerjanya mengikuti capaian "
              "organisasi." if info["kepala_unit"] else "")
    head = _html(f'<div class="kt-card"><div class="kt-judul">SKP {_e(info["nama"])}</div>'
                 f'{_e(info["jabatan"])}, {_e(info["unit"])} · periode {_e(info["periode"])}.{kepala}<br>'
                 '<span class="kt-kecil">Geser realisasi tiap indikator. Capaian = realisasi / target x 100% '
                 '(untuk indikator "makin kecil makin baik": (2 - realisasi / target) x 100%).</span></div>')
    sliders: dict[str, W.FloatSlider] = {}
    nilai_lbl: dict[str, W.HTML] = {}
    rhk_lbl: dict[str, W.HTML] = {}
    blocks = []
    for rhk_id, g in ind.groupby("rhk_id", sort=False):
        first = g.iloc[0]
        jenis = "Utama" if first["jenis"] == "utama" else "Tambahan"
        title = _html(f'<div class="kt-judul" style="font-size:16px">{_e(rhk_id)} · {jenis}</div>'
                      f'<div>{_e(first["rhk"])}</div>')
        rows = [title]
        for r in g.itertuples():
            t = float(r.target)
            s = W.FloatSlider(value=float(asli[r.iki_id]), min=0.0, max=round(t * 1.6, 6), step=t / 200,
                              readout=False, continuous_update=True, layout=W.Layout(width="260px"))
            sliders[r.iki_id] = s
            arah = "makin kecil makin baik" if r.arah == "turun" else "makin besar makin baik"
            lab = _html(f'{_e(r.indikator)}<br><span class="kt-kecil">target {format_value(t)} {_e(r.satuan)} '
                        f"· {arah}</span>")
            lab.layout = W.Layout(width="44%")
            nilai_lbl[r.iki_id] = _html()
            nilai_lbl[r.iki_id].layout = W.Layout(width="30%")
            row = W.HBox([lab, s, nilai_lbl[r.iki_id]], layout=W.Layout(width="100%"))
            row.add_class("kt-baris")
            rows.append(row)
        rhk_lbl[rhk_id] = _html()
        rows.append(rhk_lbl[rhk_id])
        box = W.VBox(rows, layout=W.Layout(width="100%"))
        box.add_class("kt-card-putih")
        blocks.append(box)
    hasil = _html(cls="kt-hasil-hk")
    utama = _html()
    reset = W.Button(description="Kembalikan ke realisasi asli", layout=W.Layout(width="auto", align_self="flex-start"))
    satuan = dict(zip(ind["iki_id"], ind["satuan"]))

    sekarang = dict(asli)  # the data's exact realisasi until a slider moves (sliders snap to their step)

    def geser(change):
        sekarang[change["owner"].iki_id] = change["new"]
        update()

    def update(*_):
        r = teach.simulasi_capaian(ind, sekarang)
        for row in r["indikator"].itertuples():
            warna = "#1b7a43" if row.capaian >= r["batas_sesuai"] else WARNA["batas"]
            nilai_lbl[row.iki_id].value = (f"{format_value(round(row.realisasi, 2))} {_e(satuan[row.iki_id])}<br>"
                                           f'<b style="color:{warna}">capaian {format_value(round(row.capaian, 1))}%</b>')
        for row in r["rhk"].itertuples():
            kat = labels.RATING_LABEL.get(row.kategori, "-")
            warna = teach_colors(row.kategori)
            rhk_lbl[row.rhk_id].value = (f'<div style="margin-top:6px">Capaian RHK <b>{format_value(round(row.capaian, 1))}%</b>'
                                         f' → <b style="color:{warna}">{kat}</b></div>')
        n = r["jumlah"]
        hasil.value = (f'<div class="kt-card"><div class="kt-judul">Usulan rating hasil kerja: '
                       f'<span style="color:{teach_colors(r["usulan"])}">{r["usulan_label"]}</span></div>'
                       f'{n["jumlah_rhk"]} RHK: {n["di_atas"]} di atas, {n["sesuai"]} sesuai, {n["di_bawah"]} di bawah '
                       f'ekspektasi ({n["utama_di_bawah"]} dari {n["utama"]} RHK Utama di bawah).<br>'
                       f'Alasan: {_e(r["alasan"])}.<br><span class="kt-kecil">RHK di atas ekspektasi bila capaian ≥ '
                       f'{format_value(r["batas_di_atas"])}%, sesuai bila ≥ {format_value(r["batas_sesuai"])}% '
                       "(pembacaan kinerja atas panduan Lampiran hlm. 97-98; dapat diatur). Ini usulan: Pejabat "
                       "Penilai yang menetapkan rating.</span></div>")
        utama.value = (f'<div class="kt-utama"><b>Di sini aturan RHK Utama yang menentukan.</b> {_e(r["teks_utama"])}</div>'
                       if r["utama_menentukan"] else "")

    def do_reset(_):
        for k, s in sliders.items():
            s.value = float(asli[k])
        sekarang.update(asli)
        update()

    for k, s in sliders.items():
        s.iki_id = k
        s.observe(geser, "value")
    reset.on_click(do_reset)
    update()
    return _app(head, *blocks, hasil, utama, reset, cls="kt-skp")


def teach_colors(code) -> str:
    return {"di_atas": "#1b7a43", "sesuai": WARNA["utama"], "di_bawah": WARNA["batas"]}.get(code, WARNA["teks"])


def berakhlak(data=None, nip: str | None = None) -> W.VBox:
    """The seven BerAKHLAK values with their panduan perilaku; rate each and see the suggested rating
    perilaku form. Starts from a sample pegawai's ratings."""
    data = data if data is not None else teach.data_contoh()
    per = data.perilaku[data.perilaku["aspek"].isin(list(labels.BERAKHLAK))]
    per = per[per["rating"].notna()]
    nama = data.pegawai["nama"].to_dict()
    opsi = []
    for n, g in per.groupby("nip", sort=False):
        r = teach.simulasi_perilaku(dict(zip(g["aspek"], g["rating"])))
        opsi.append((f"{nama.get(n, n)} (usulan: {r['usulan_label']})", n))
    if nip is None:  # start with someone who has a value below expectation: the interesting case
        nip = next((v for lbl, v in opsi if "Di Bawah" in lbl), opsi[0][1] if opsi else None)
    pilih = W.Dropdown(options=opsi, value=nip, layout=W.Layout(width="520px"))
    pilih_lbl = _html("<b>Mulai dari contoh pegawai</b> (penilaian BerAKHLAK-nya dari instansi contoh):")
    toggles: dict[str, W.ToggleButtons] = {}
    cards = []
    for k, (lab, panduan) in labels.BERAKHLAK.items():
        tb = W.ToggleButtons(options=[("Di Bawah", "di_bawah"), ("Sesuai", "sesuai"), ("Di Atas", "di_atas")],
                             value="sesuai", style={"button_width": "110px"})
        toggles[k] = tb
        items = "".join(f"<li>{_e(p)}</li>" for p in panduan)
        txt = _html(f'<div class="kt-judul" style="font-size:16px">{_e(lab)}</div>'
                    f'<ul class="kt-kecil" style="margin:2px 0 6px 0;padding-left:20px">{items}</ul>')
        box = W.VBox([txt, tb])
        box.add_class("kt-card-putih")
        cards.append(box)
    grid = W.GridBox(cards, layout=W.Layout(grid_template_columns="repeat(auto-fill, minmax(410px, 1fr))",
                                             grid_gap="4px 14px", width="100%"))
    hasil = _html()
    intro = _html('<div class="kt-card">Perilaku kerja dinilai dengan 7 nilai dasar ASN <b>BerAKHLAK</b>, masing-masing '
                  "dengan 3 panduan perilaku (Pasal 10; Lampiran hlm. 29-30). Pejabat Penilai menilai tiap nilai "
                  "berdasarkan umpan balik dan bukti, lalu menetapkan <b>satu</b> rating perilaku kerja "
                  "(Lampiran hlm. 98):<ul style=\"margin:6px 0\"><li><b>Di Atas Ekspektasi</b>: konsisten menjalankan "
                  "nilai dasar ASN dan menjadi penjaga (teladan) penerapannya;</li><li><b>Sesuai Ekspektasi</b>: "
                  "konsisten menjalankan nilai dasar ASN;</li><li><b>Di Bawah Ekspektasi</b>: belum konsisten."
                  "</li></ul></div>")
    state = {"muting": False}

    def update(*_):
        if state["muting"]:
            return
        r = teach.simulasi_perilaku({k: t.value for k, t in toggles.items()})
        hasil.value = (f'<div class="kt-card"><div class="kt-judul">Usulan rating perilaku kerja: '
                       f'<span style="color:{teach_colors(r["usulan"])}">{r["usulan_label"]}</span></div>'
                       f'{r["di_atas"]} di atas, {r["sesuai"]} sesuai, {r["di_bawah"]} di bawah ekspektasi. '
                       f'Alasan: {_e(r["alasan"])}.<br><span class="kt-kecil">Ambang angka ini adalah pembacaan kinerja '
                       "atas panduan Lampiran hlm. 98 (dapat diatur); Pejabat Penilai yang menetapkan.</span></div>")

    def load(*_):
        if pilih.value is None:
            return
        g = per[per["nip"] == pilih.value]
        state["muting"] = True
        for a, rt in zip(g["aspek"], g["rating"]):
            toggles[a].value = labels.rating_code(rt)
        state["muting"] = False
        update()

    for t in toggles.values():
        t.observe(update, "value")
    pilih.observe(load, "value")
    load()
    update()
    return _app(intro, pilih_lbl, pilih, grid, hasil, cls="kt-berakhlak")


def kuadran_explorer(data=None) -> W.VBox:
    """Pick the two ratings: the cell lights up with the predikat and the regulation's own sentence,
    plus the sample pegawai who sit in that cell."""
    from kinerja.report.charts import kuadran_chart
    from kinerja.schemes import permenpanrb_2022 as s22

    data = data if data is not None else teach.data_contoh()
    sc = s22.score(data)
    hk = W.ToggleButtons(options=list(reversed(_RATING_OPSI)), value="di_atas", style={"button_width": "190px"})
    pk = W.ToggleButtons(options=list(reversed(_RATING_OPSI)), value="di_bawah", style={"button_width": "190px"})
    hk.add_class("kt-pilih-hasil")
    pk.add_class("kt-pilih-perilaku")
    pilih = _html('<div class="kt-judul" style="font-size:16px">1. Rating hasil kerja (sumbu tegak)</div>')
    pilih2 = _html('<div class="kt-judul" style="font-size:16px">2. Rating perilaku kerja (sumbu datar)</div>')
    img = _img(kuadran_chart("di_atas", "di_bawah", size="large"), "480px")
    info = _html(cls="kt-kuadran-info")
    info.layout = W.Layout(width="460px", max_width="100%")

    def update(*_):
        c = teach.sel_kuadran(hk.value, pk.value)
        _set_img(img, kuadran_chart(hk.value, pk.value, size="large"))
        siapa = sc[(sc["rating_hasil_kerja"] == hk.value) & (sc["rating_perilaku"] == pk.value)]["nama"].tolist()
        contoh = (f"Di instansi contoh ada {len(siapa)} pegawai di kotak ini: {_e(', '.join(siapa[:6]))}"
                  f"{' dan lainnya' if len(siapa) > 6 else ''}." if siapa else "Di instansi contoh belum ada pegawai di kotak ini.")
        info.value = (f'<div class="kt-card"><div class="kt-kecil">Predikat kinerja</div>'
                      f'<div class="kt-besar" style="margin:4px 0 10px 0">{_badge(c["predikat"])}</div>'
                      f'Kata peraturan (Lampiran hlm. 99-100):<div class="kt-kutip">{_e(c["kalimat"])}</div>'
                      f'<div class="kt-kecil">Semua kotak dengan predikat {_e(c["predikat"])}: '
                      f'{_e(c["penjelasan_predikat"])}</div><p>{contoh}</p></div>')

    hk.observe(update, "value")
    pk.observe(update, "value")
    update()
    row = W.HBox([img, info], layout=W.Layout(flex_flow="row wrap", align_items="flex-start", gap="16px"))
    return _app(pilih, hk, pilih2, pk, row, cls="kt-kuadran")


def kurva_simulator(data=None, unit: str | None = None) -> W.VBox:
    """Set a unit's capaian organisasi and its mix of predikat: the SE 3/2023 limits are drawn and the
    cek_kurva messages listed. Starts from a sample unit (one that breaks its kurva when there is)."""
    from kinerja.report.charts import kurva_chart
    from kinerja.schemes import permenpanrb_2022 as s22

    data = data if data is not None else teach.data_contoh()
    kv = s22.kurva_per_unit(s22.score(data), data.organisasi, data.config)
    units = kv["unit"].tolist()
    if unit is None and len(kv):
        broken = kv[~kv["sesuai_kurva"] & kv["capaian_organisasi"].notna()]
        unit = (broken if len(broken) else kv).iloc[0]["unit"]
    pilih_unit = W.Dropdown(options=[("(isi sendiri)", None)] + [(u, u) for u in units], value=unit,
                            description="Unit contoh", style={"description_width": "160px"},
                            layout=W.Layout(width="560px"))
    cap = W.Dropdown(options=list(labels.CAPAIAN_ORGANISASI), value="Baik", description="Capaian organisasi",
                     style={"description_width": "160px"}, layout=W.Layout(width="400px"))
    jumlah = {p: W.IntSlider(value=0, min=0, max=30, description=p, style={"description_width": "160px"},
                             layout=W.Layout(width="460px")) for p in labels.PREDIKAT}
    img = _img(kurva_chart({}, "Baik"), "800px")
    pesan = _html(cls="kt-kurva-pesan")
    state = {"muting": False}

    def update(*_):
        if state["muting"]:
            return
        counts = {p: s.value for p, s in jumlah.items()}
        r = teach.simulasi_kurva(cap.value, counts)
        _set_img(img, kurva_chart(counts, cap.value))
        aturan = "".join(f"<li>{_e(a['teks'])}</li>" for a in r["aturan"])
        if r["pesan"]:
            detail = "<ul>" + "".join(f"<li>{_e(m)}</li>" for m in r["pesan"]) + "</ul>"
            cls = "kt-salah"
        else:
            detail = ""
            cls = "kt-benar" if r["total"] else ""
        pesan.value = (f'<div class="kt-card {cls}"><div class="kt-judul">{_e(r["ringkasan"])}</div>{detail}'
                       f'<div class="kt-kecil">Aturan untuk capaian organisasi "{_e(r["capaian_organisasi"])}": '
                       f'<ul style="margin:2px 0">{aturan}</ul>Sumber: {_e(teach.SUMBER_KURVA)}.</div></div>')

    def load(*_):
        if pilih_unit.value is None:
            return
        c, counts = teach.jumlah_unit(data, pilih_unit.value)
        state["muting"] = True
        if c:
            cap.value = c
        for p, s in jumlah.items():
            s.max = max(30, counts[p])
            s.value = counts[p]
        state["muting"] = False
        update()

    for s in (cap, *jumlah.values()):
        s.observe(update, "value")
    pilih_unit.observe(load, "value")
    load()
    update()
    kiri = W.VBox([cap, *jumlah.values()])
    return _app(pilih_unit, kiri, img, pesan, cls="kt-kurva")


# ---------------------------------------------------------------------------- exercises
class _LatihanApp:
    """One soal per screen, checked at once; score counter; mode pelatih reveals all answers."""

    def __init__(self, buat_soal: Callable[[bool, int], list], judul: str):
        self.buat_soal = buat_soal
        self.seed = 0
        self.lat = teach.Latihan(buat_soal(False, 0), judul)
        self.i = 0
        self.dipilih: dict[str, str | None] = {}
        self.umpan: dict[str, teach.Hasil] = {}

        self.skor = _html(cls="kt-skor")
        self.mode = W.ToggleButton(value=False, description="Mode pelatih", tooltip="Tampilkan semua jawaban",
                                   layout=W.Layout(width="160px"))
        self.mode.add_class("kt-mode-pelatih")
        self.nomor = _html()
        self.tanya = _html(cls="kt-pertanyaan")
        self.radio = W.RadioButtons(options=[], value=None, layout=W.Layout(width="auto"))
        self.radio.add_class("kt-pilihan")
        self.periksa = W.Button(description="Periksa jawaban", button_style="primary",
                                layout=W.Layout(width="200px", align_self="flex-start", margin="10px 0 6px 0"))
        self.periksa.add_class("kt-periksa")
        self.umpan_html = _html(cls="kt-umpan-balik")
        self.jawaban = _html(cls="kt-jawaban-pelatih")
        self.sebelum = W.Button(description="‹ Soal sebelumnya", layout=W.Layout(width="auto"))
        self.berikut = W.Button(description="Soal berikutnya ›", layout=W.Layout(width="auto"))
        self.berikut.add_class("kt-berikut")
        self.acak = W.Button(description="Soal baru (acak)", layout=W.Layout(width="auto"))
        self.ulang = W.Button(description="Ulangi dari awal", layout=W.Layout(width="auto"))
        self.kunci = _html(cls="kt-kunci")

        self.periksa.on_click(self._periksa)
        self.sebelum.on_click(lambda _: self._pindah(-1))
        self.berikut.on_click(lambda _: self._pindah(1))
        self.acak.on_click(self._acak)
        self.ulang.on_click(self._ulang)
        self.mode.observe(self._mode, "value")
        self.radio.observe(self._pilih, "value")

        atas = W.HBox([self.skor, self.mode], layout=W.Layout(justify_content="space-between", align_items="center",
                                                              width="100%"))
        self.skor.layout = W.Layout(width="auto")
        kartu = W.VBox([self.nomor, self.tanya, self.radio, self.periksa, self.umpan_html, self.jawaban],
                       layout=W.Layout(width="100%"))
        kartu.add_class("kt-card-putih")
        nav = W.HBox([self.sebelum, self.berikut, self.acak, self.ulang], layout=W.Layout(gap="10px",
                                                                                          flex_flow="row wrap"))
        self.widget = _app(atas, kartu, nav, self.kunci, cls="kt-latihan")
        self._tampil()

    @property
    def soal(self):
        return self.lat.soal[self.i]

    def _tampil(self):
        s = self.soal
        self.nomor.value = (f'<div class="kt-kecil">Soal {self.i + 1} dari {len(self.lat.soal)} · {_e(s.topik)}</div>')
        konteks = _tabel(["Predikat", "Jumlah"], [(_e(a), _e(b)) for a, b in s.konteks], angka=(1,)) if s.konteks else ""
        self.tanya.value = f'<div style="font-size:18px;margin:6px 0 10px 0">{_e(s.pertanyaan)}</div>{konteks}'
        self.radio.unobserve(self._pilih, "value")
        self.radio.options = list(s.pilihan)
        self.radio.value = self.dipilih.get(s.id)
        self.radio.observe(self._pilih, "value")
        self._umpan(self.umpan.get(s.id))
        self.sebelum.disabled = self.i == 0
        self.berikut.disabled = self.i == len(self.lat.soal) - 1
        self._render_skor()
        self._mode()

    def _umpan(self, h: teach.Hasil | None):
        for c in ("kt-benar", "kt-salah"):
            self.umpan_html.remove_class(c)
        if h is None:
            self.umpan_html.value = ""
            return
        if not h.kosong:
            self.umpan_html.add_class("kt-benar" if h.benar else "kt-salah")
        ikon = "✓ " if h.benar else ("" if h.kosong else "✗ ")
        coba = "" if h.benar or h.kosong else " <i>Silakan coba lagi.</i>"
        self.umpan_html.value = f"<div>{ikon}{_e(h.pesan)}{coba}</div>"

    def _pilih(self, change):
        self.dipilih[self.soal.id] = change["new"]

    def _periksa(self, _=None):
        h = self.lat.skor.jawab(self.soal, self.radio.value)
        if not h.kosong:
            self.umpan[self.soal.id] = h
        self._umpan(h)
        self._render_skor()

    def _pindah(self, d: int):
        self.i = max(0, min(len(self.lat.soal) - 1, self.i + d))
        self._tampil()

    def _acak(self, _=None):
        self.seed += 1
        self._baru(self.buat_soal(True, self.seed))

    def _ulang(self, _=None):
        self._baru(self.lat.soal)

    def _baru(self, soal):
        mode = self.lat.mode_pelatih
        self.lat = teach.Latihan(soal, self.lat.judul)
        self.lat.mode_pelatih = mode
        self.i = 0
        self.dipilih.clear()
        self.umpan.clear()
        self._tampil()

    def _render_skor(self):
        sk = self.lat.skor
        self.skor.value = (f'<div style="font-size:17px"><b>{_e(sk.teks())}</b> '
                           f'<span class="kt-kecil">· {_e(sk.rincian())}</span></div>')

    def _mode(self, *_):
        self.lat.mode_pelatih = bool(self.mode.value)
        kunci = self.lat.kunci()
        if not kunci:
            self.kunci.value = ""
            self.jawaban.value = ""
            return
        s = self.soal
        self.jawaban.value = (f'<div class="kt-utama"><b>Jawaban (mode pelatih):</b> {_e(s.jawaban)}<br>'
                              f'{_e(s.penjelasan)}<br><span class="kt-kecil">Sumber: {_e(s.sumber)}</span></div>')
        rows = [(str(k["no"]), _e(k["pertanyaan"]), f"<b>{_e(k['jawaban'])}</b>") for k in kunci]
        self.kunci.value = (f'<div class="kt-card"><div class="kt-judul">Kunci jawaban (mode pelatih)</div>'
                            f'{_tabel(["No", "Soal", "Jawaban"], rows)}</div>')


def latihan_app(buat_soal: Callable[[bool, int], list], judul: str = "Latihan") -> W.VBox:
    """An exercise app over ``buat_soal(acak, seed) -> list[Soal]``."""
    return _LatihanApp(buat_soal, judul).widget


def latihan_2022(workspace=None, periode: str = "2026") -> W.VBox:
    """Notebook 05 exercises: cases from the sample instansi (or ``workspace``: a folder, an xlsx or a
    loaded Workspace); "Soal baru (acak)" generates new cases."""
    ws = workspace
    if isinstance(ws, (str, bytes)) or hasattr(ws, "__fspath__"):
        from kinerja.io.files import load_workspace

        ws = load_workspace(ws)
    return latihan_app(lambda acak, seed: teach.latihan_2022(ws, periode, acak=acak, seed=seed),
                       "Latihan predikat 2022")


# ============================================================================ notebook 06
def _langkah(ex, mulai: int = 0) -> str:
    items = []
    for s in ex.steps[mulai:]:
        ins = ", ".join(f"{_e(k)} = {_e(format_value(v))}" for k, v in s.inputs.items() if v is not None)
        items.append(f'<li><b>{_e(s.label)}</b><br><span class="rumus">{_e(s.formula)}</span>'
                     + (f'<br><span class="kt-kecil">Masukan: {ins}</span>' if ins else "")
                     + f'<br>Hasil: <b>{_e(format_value(s.result))}</b></li>')
    return f'<ol class="kt-langkah">{"".join(items)}</ol>'


def _langkah_tabel(ex) -> str:
    rows = []
    for i, s in enumerate(ex.steps, 1):
        ins = ", ".join(f"{_e(k)} = {_e(format_value(v))}" for k, v in s.inputs.items() if v is not None)
        rows.append((str(i), f"<b>{_e(s.label)}</b>", f'<span class="rumus">{_e(s.formula)}</span>'
                     + (f'<br><span class="kt-kecil">{ins}</span>' if ins else ""), f"<b>{_e(format_value(s.result))}</b>"))
    return '<div class="kt-langkah">' + _tabel(["#", "Langkah", "Rumus dan masukan", "Hasil"], rows, angka=(0, 3)) + "</div>"


def rumus_pp46() -> HTML:
    """PP 46/2011 formulas and the worked example (static HTML, deterministic)."""
    ex = teach.coba_pp46(**teach.CONTOH_PP46)
    rumus = ("<ul>"
             "<li><b>Kuantitas</b> dan <b>kualitas</b>: nilai = realisasi / target x 100</li>"
             "<li><b>Waktu</b> dan <b>biaya</b>: efisiensi = 100 - (realisasi / target x 100); bila efisiensi ≤ 24%: "
             "nilai = ((1,76 x target - realisasi) / target) x 100; bila efisiensi &gt; 24%: "
             "nilai = 76 - ((((1,76 x target - realisasi) / target) x 100) - 100)</li>"
             "<li><b>Nilai kegiatan</b> = jumlah nilai aspek / banyak aspek yang dipakai (biasanya 3, atau 4 bila "
             "ada biaya)</li>"
             "<li><b>Nilai capaian SKP</b> = rata-rata nilai kegiatan (+ tugas tambahan dan kreativitas)</li>"
             "<li><b>Nilai perilaku</b> = rata-rata 5 aspek (6 dengan kepemimpinan untuk pejabat struktural)</li>"
             "<li><b>Nilai prestasi kerja</b> = 60% x nilai capaian SKP + 40% x nilai perilaku</li>"
             "<li><b>Sebutan</b>: 91 ke atas Sangat Baik · 76-90 Baik · 61-75 Cukup · 51-60 Kurang · 50 ke bawah "
             "Buruk</li></ul>")
    return HTML(f'<div style="max-width:900px;margin:0;font-size:16px;line-height:1.6">{_CSS}'
                f'<div class="kt-card"><div class="kt-judul">Rumus PP 46/2011 (Perka BKN 1/2013)</div>{rumus}</div>'
                '<div class="kt-judul" style="margin-top:16px">Contoh: satu kegiatan, pegawai bukan struktural</div>'
                f"{_langkah(ex)}</div>")


def pp46_waktu() -> W.VBox:
    """Slide realisasi/target for a waktu (or biaya) aspect: see the kink chart and each step."""
    from kinerja.teach.charts import pp46_waktu_chart

    target = W.BoundedFloatText(value=12, min=0.1, max=10_000, description="Target (bulan)",
                                style={"description_width": "130px"}, layout=W.Layout(width="260px"))
    real = W.FloatSlider(value=12, min=3, max=18, step=0.25, description="Realisasi (bulan)",
                         style={"description_width": "140px"}, layout=W.Layout(width="560px"))
    img = _img(pp46_waktu_chart(1.0), "760px")
    langkah = _html()

    def ganti_target(*_):
        # the grid min + k x step contains the target itself, so realisasi = target stays exact
        t = float(target.value)
        real.unobserve(update, "value")
        real.max, real.min = max(real.max, t * 1.5), 0.0
        real.step = t / 48
        real.min, real.max, real.value = t * 0.25, t * 1.5, t
        real.observe(update, "value")
        update()

    def update(*_):
        t = float(target.value)
        r = teach.langkah_waktu(t, float(real.value))
        _set_img(img, pp46_waktu_chart(real.value / t))
        langkah.value = ('<div class="kt-card"><ol style="margin:0">'
                         + "".join(f"<li>{_e(x)}</li>" for x in r["teks"])
                         + f'</ol><div class="kt-besar" style="margin-top:6px">Nilai aspek waktu: {_e(format_value(round(r["nilai"], 2)))}</div>'
                         '<span class="kt-kecil">Tepat sesuai target memberi 76, bukan 100. Nilai tertinggi (100) dicapai '
                         "bila selesai dalam 76% waktu; lebih cepat dari itu, nilai turun lagi karena rencana "
                         "dianggap terlalu longgar.</span></div>")

    target.observe(ganti_target, "value")
    real.observe(update, "value")
    update()
    return _app(W.HBox([target, real], layout=W.Layout(flex_flow="row wrap", gap="12px")), img, langkah,
                cls="kt-pp46-waktu")


def pp46_coba() -> W.VBox:
    """Try your own numbers for one kegiatan and the perilaku aspects; see every step of explain()."""
    c = teach.CONTOH_PP46
    aspek_rows, fields = [], {}
    for a, t, r in [(d["aspek"], d["target"], d["realisasi"]) for d in c["kegiatan"]] + [("biaya", 100, 90)]:
        ft = W.BoundedFloatText(value=t, min=0.01, max=1e12, description="target", style={"description_width": "60px"},
                                layout=W.Layout(width="200px"))
        fr = W.BoundedFloatText(value=r, min=0, max=1e12, description="realisasi", style={"description_width": "70px"},
                                layout=W.Layout(width="210px"))
        on = W.Checkbox(value=a != "biaya", description=f"aspek {a}", indent=False, layout=W.Layout(width="150px"))
        fields[a] = (on, ft, fr)
        aspek_rows.append(W.HBox([on, ft, fr], layout=W.Layout(gap="8px", flex_flow="row wrap")))
    per = {k: W.IntSlider(value=int(c["perilaku"].get(k, 80)), min=40, max=100, description=v,
                          style={"description_width": "170px"}, layout=W.Layout(width="460px"))
           for k, v in labels.PERILAKU_PP46.items()}
    struktural = W.Checkbox(value=False, description="Pejabat struktural (aspek kepemimpinan ikut dihitung)",
                            indent=False, layout=W.Layout(width="auto"))
    hasil = _html()
    langkah = _html()

    def update(*_):
        keg = [{"rhk_id": "Kegiatan 1", "aspek": a, "target": ft.value, "realisasi": fr.value}
               for a, (on, ft, fr) in fields.items() if on.value]
        per["kepemimpinan"].disabled = not struktural.value
        if not keg:
            hasil.value = '<div class="kt-card kt-salah">Pilih paling sedikit satu aspek.</div>'
            langkah.value = ""
            return
        ex = teach.coba_pp46(keg, {k: s.value for k, s in per.items()}, struktural.value)
        akhir = ex.step("nilai_prestasi_kerja").result
        hasil.value = (f'<div class="kt-card"><div class="kt-besar">Nilai prestasi kerja {_e(format_value(round(akhir, 2)))}'
                       f' · {_e(ex.step("predikat").result)}</div></div>')
        langkah.value = _langkah_tabel(ex)

    for on, ft, fr in fields.values():
        for w_ in (on, ft, fr):
            w_.observe(update, "value")
    for s in (*per.values(), struktural):
        s.observe(update, "value")
    update()
    kiri = W.VBox([_html('<div class="kt-judul" style="font-size:16px">Kegiatan</div>'), *aspek_rows,
                   _html('<div class="kt-judul" style="font-size:16px;margin-top:10px">Perilaku kerja</div>'),
                   struktural, *per.values()])
    kiri.add_class("kt-card-putih")
    return _app(kiri, hasil, langkah, cls="kt-pp46-coba")


def kpi_playground(data=None, unit: str | None = None) -> W.VBox:
    """Change the hasil/perilaku weights, the bobot by RHK jenis and the bands on a sample unit: see the
    results and the ranking change."""
    from kinerja.teach.charts import kpi_peringkat_chart

    data = data if data is not None else teach.data_contoh()
    units = sorted(data.pegawai["unit"].unique())
    unit = unit or units[0]
    pilih = W.Dropdown(options=units, value=unit, description="Unit", style={"description_width": "150px"},
                       layout=W.Layout(width="560px"))
    gaya = {"description_width": "180px"}
    lay = W.Layout(width="480px")
    bh = W.IntSlider(value=70, min=40, max=90, step=5, description="Bobot hasil kerja %", style=gaya, layout=lay)
    bp = _html()
    bu = W.IntSlider(value=20, min=0, max=40, description="Bobot RHK Utama", style=gaya, layout=lay)
    bt = W.IntSlider(value=10, min=0, max=40, description="Bobot RHK Tambahan", style=gaya, layout=lay)
    cap = W.IntSlider(value=120, min=100, max=150, step=5, description="Batas capaian %", style=gaya, layout=lay)
    bands = {n: W.IntSlider(value=v, min=40, max=130, description=f"{n} mulai", style=gaya, layout=lay)
             for n, v in (("Sangat Baik", 110), ("Baik", 90), ("Cukup", 70), ("Kurang", 50))}
    kembali = W.Button(description="Kembalikan ke KPI 70/30 bawaan",
                       layout=W.Layout(width="auto", align_self="flex-start", margin="8px 0 0 0"))
    img = W.Image(format="png", layout=W.Layout(width="760px", max_width="100%"))
    tabel = _html()
    state = {"muting": False}

    def update(*_):
        if state["muting"]:
            return
        bp.value = (f'<div class="kt-kecil" style="padding-left:184px">Bobot perilaku otomatis {100 - bh.value}% '
                    "(jumlah bobot harus 100%)</div>")
        try:
            cfg = teach.kpi_config(bh.value / 100, {n: s.value for n, s in bands.items()}, cap.value)
            r = teach.simulasi_kpi(data, pilih.value, bh.value / 100, bu.value, bt.value,
                                   {n: s.value for n, s in bands.items()}, cap.value)
        except Exception as e:  # InputError: bands out of order etc.
            tabel.value = f'<div class="kt-card kt-salah">{_e(getattr(e, "message", None) or e)}</div>'
            return
        _set_img(img, kpi_peringkat_chart(r, cfg["kategori"]))
        rows, sorot = [], []
        for x in r.itertuples():
            geser = f"▲ naik {x.naik}" if x.naik > 0 else f"▼ turun {-x.naik}" if x.naik < 0 else "tetap"
            beda = "" if x.predikat == x.predikat_awal else f" <span class='kt-kecil'>(semula {_e(x.predikat_awal)})</span>"
            rows.append((str(x.peringkat), _e(x.nama), _angka(x.nilai_hasil), _angka(x.nilai_perilaku),
                         f"<b>{_angka(x.nilai)}</b>", f"{_e(x.predikat)}{beda}", geser))
            sorot.append(x.naik != 0 or x.predikat != x.predikat_awal)
        tabel.value = ('<div class="kt-kecil" style="margin:6px 0">Baris berwarna: peringkat atau kategori berubah '
                       "dibanding KPI 70/30 bawaan.</div>"
                       + _tabel(["#", "Nama", "Hasil", "Perilaku", "Nilai", "Kategori", "Dibanding bawaan"], rows,
                                angka=(0, 2, 3, 4), sorot=sorot))

    def reset(_):
        state["muting"] = True
        bh.value, bu.value, bt.value, cap.value = 70, 20, 10, 120
        for n, v in (("Sangat Baik", 110), ("Baik", 90), ("Cukup", 70), ("Kurang", 50)):
            bands[n].value = v
        state["muting"] = False
        update()

    for s in (pilih, bh, bu, bt, cap, *bands.values()):
        s.observe(update, "value")
    kembali.on_click(reset)
    update()
    kiri = W.VBox([_html('<div class="kt-judul" style="font-size:16px">Bobot</div>'), bh, bp, bu, bt, cap,
                   _html('<div class="kt-judul" style="font-size:16px;margin-top:8px">Batas kategori (nilai minimum)</div>'),
                   *bands.values(), kembali])
    kiri.add_class("kt-card-putih")
    return _app(pilih, kiri, img, tabel, cls="kt-kpi")


def bandingkan_skema(data=None, unit: str | None = None) -> W.VBox:
    """The same unit under the three schemes side by side: who moves, and why."""
    from kinerja.teach.charts import banding_skema_chart

    data = data if data is not None else teach.data_contoh()
    units = sorted(data.pegawai["unit"].unique())
    if unit is None:  # the unit where places move the most
        unit = max(units, key=lambda u: teach.bandingkan_skema(data, u)["selisih_peringkat"].sum())
    pilih = W.Dropdown(options=units, value=unit, description="Unit", style={"description_width": "80px"},
                       layout=W.Layout(width="560px"))
    img = W.Image(format="png", layout=W.Layout(width="760px", max_width="100%"))
    bergeser = _html()
    tabel = _html()

    def update(*_):
        t = teach.bandingkan_skema(data, pilih.value)
        _set_img(img, banding_skema_chart(t))
        rows = [(_e(r.nama), f"{_badge(r.predikat_2022) if isinstance(r.predikat_2022, str) else '-'}",
                 f"{_angka(r.nilai_pp46)} · {_e(r.kategori_pp46)}", f"{_angka(r.nilai_kpi)} · {_e(r.kategori_kpi)}",
                 f"{r.peringkat_2022} / {r.peringkat_pp46} / {r.peringkat_kpi}")
                for r in t.itertuples()]
        tabel.value = _tabel(["Nama", "PermenPANRB 6/2022", "PP 46/2011", "KPI 70/30", "Urutan (2022 / PP 46 / KPI)"],
                             rows, sorot=(t["selisih_peringkat"] >= 2).tolist())
        gerak = t[t["selisih_peringkat"] >= 2].sort_values("selisih_peringkat", ascending=False)
        items = "".join(f"<li><b>{_e(r.nama)}</b> (bergeser {r.selisih_peringkat} tempat): {_e(r.mengapa)}</li>"
                        for r in gerak.itertuples())
        bergeser.value = (f'<div class="kt-card"><div class="kt-judul">Siapa bergeser, dan mengapa</div>'
                          f'<ul style="margin:4px 0">{items or "<li>Tidak ada yang bergeser 2 tempat atau lebih.</li>"}</ul>'
                          '<span class="kt-kecil">Skema 2022 tidak memberi angka atau peringkat; urutan di dalam satu '
                          "predikat di sini hanya menurut rata-rata capaian, untuk perbandingan.</span></div>")

    pilih.observe(update, "value")
    update()
    return _app(pilih, img, bergeser, tabel, cls="kt-banding")


def latihan_angka() -> W.VBox:
    """Notebook 06 exercises (PP 46 and KPI); "Soal baru (acak)" draws new numbers."""
    return latihan_app(lambda acak, seed: teach.latihan_angka(acak=acak, seed=seed), "Latihan skema angka")

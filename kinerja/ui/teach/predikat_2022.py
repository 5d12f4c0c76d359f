"""Notebook 05 apps (PermenPANRB 6/2022): the kuadran, SKP to capaian, BerAKHLAK, the kurva."""

from __future__ import annotations

import ipywidgets as W
from IPython.display import HTML

from kinerja.domain import format as fmt
from kinerja.domain import labels
from kinerja.report.style import TEKS_PREDIKAT, WARNA, WARNA_PREDIKAT
from kinerja.teach import core as teach
from kinerja.ui.teach.tampilan import (_RATING_OPSI, SliderAngka, _app, _badge, _e, _html, _img, _set_img, desimal,
                                       format_value, teach_colors)



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
    asli = {k: float(v) for k, v in zip(ind["iki_id"], ind["realisasi"].fillna(0.0))}
    kepala = (" <b>Pimpinan unit:</b> menurut SE MenPANRB 3/2023 rating hasil kerjanya mengikuti capaian "
              "organisasi." if info["kepala_unit"] else "")
    head = _html(f'<div class="kt-card"><div class="kt-judul">SKP {_e(info["nama"])}</div>'
                 f'{_e(info["jabatan"])}, {_e(info["unit"])} · periode {_e(info["periode"])}.{kepala}<br>'
                 '<span class="kt-kecil">Geser realisasi tiap indikator. Capaian = realisasi / target x 100% '
                 '(untuk indikator "makin kecil makin baik": (2 - realisasi / target) x 100%).</span></div>')
    sliders: dict[str, SliderAngka] = {}
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
            # the data's own realisasi is on the slider's grid: it is shown exactly, never snapped
            d = desimal(asli[r.iki_id], t, paling_sedikit=1 if t < 10 else 0)
            s = SliderAngka(asli[r.iki_id], 0.0, max(t * 1.6, asli[r.iki_id]), d, width="240px")
            s.readout.layout.display = "none"  # the value is shown with its capaian, to the right
            sliders[r.iki_id] = s
            arah = "makin kecil makin baik" if r.arah == "turun" else "makin besar makin baik"
            lab = _html(f'{_e(r.indikator)}<br><span class="kt-kecil">target {format_value(t)} {_e(r.satuan)} '
                        f"· {arah}</span>")
            lab.layout = W.Layout(width="44%")
            nilai_lbl[r.iki_id] = _html()
            nilai_lbl[r.iki_id].layout = W.Layout(width="30%")
            row = W.HBox([lab, s.widget, nilai_lbl[r.iki_id]], layout=W.Layout(width="100%"))
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

    sekarang = dict(asli)

    def geser(iki_id):
        sekarang[iki_id] = sliders[iki_id].value
        update()

    def update(*_):
        r = teach.simulasi_capaian(ind, sekarang)
        for row in r["indikator"].itertuples():
            warna = "#1b7a43" if row.capaian >= r["batas_sesuai"] else WARNA["batas"]
            sl = sliders[row.iki_id]
            nilai_lbl[row.iki_id].value = (f"{_e(fmt.angka(sl.value, sl.desimal))} {_e(satuan[row.iki_id])}<br>"
                                           f'<b style="color:{warna}">capaian {fmt.persen(row.capaian, 1)}</b>')
        for row in r["rhk"].itertuples():
            kat = labels.RATING_LABEL.get(row.kategori, "-")
            warna = teach_colors(row.kategori)
            rhk_lbl[row.rhk_id].value = (f'<div style="margin-top:6px">Capaian RHK <b>{fmt.persen(row.capaian, 1)}</b>'
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
            s.value = asli[k]
        sekarang.update(asli)
        update()

    for k, s in sliders.items():
        s.observe(lambda k=k: geser(k))
    reset.on_click(do_reset)
    update()
    app = _app(head, *blocks, hasil, utama, reset, cls="kt-skp")
    app.kendali = sliders  # iki_id -> SliderAngka (tests drive the app through these)
    return app


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

"""Notebook 06 apps for PP 46/2011: the formulas, the waktu/biaya kink, try your own numbers."""

from __future__ import annotations

import ipywidgets as W
from IPython.display import HTML

from kinerja.domain import labels
from kinerja.teach import core as teach
from kinerja.ui.teach.tampilan import _CSS, _app, _e, _html, _img, _set_img, _tabel, format_value



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

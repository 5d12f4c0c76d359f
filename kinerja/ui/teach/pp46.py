"""Notebook 06 apps for PP 46/2011: the formulas, the waktu/biaya kink, try your own numbers."""

from __future__ import annotations

import ipywidgets as W
from IPython.display import HTML

from kinerja.domain import labels
from kinerja.teach import core as teach
from kinerja.domain import format as fmt
from kinerja.ui.teach.tampilan import (_CSS, SliderAngka, _app, _e, _html, _img, _set_img, _tabel, desimal,
                                       format_value)



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
    """PP 46/2011 formulas and the worked example (static HTML, deterministic). Every number in the
    text is a constant of :mod:`kinerja.schemes.pp46_2011`."""
    from kinerja.schemes import pp46_2011 as pp46

    ex = teach.coba_pp46(**teach.CONTOH_PP46)
    batas = fmt.angka(pp46.BATAS_EFISIENSI)
    n_aspek = len(labels.PERILAKU_PP46)
    rumus = ("<ul>"
             f"<li><b>Kuantitas</b> dan <b>kualitas</b>: {_e(pp46.RUMUS_RASIO)}</li>"
             f"<li><b>Waktu</b> dan <b>biaya</b>: {_e(pp46.RUMUS_EFISIENSI)}; bila efisiensi ≤ {batas}%: "
             f"{_e(pp46.RUMUS_NILAI_RENDAH)}; bila efisiensi &gt; {batas}%: {_e(pp46.RUMUS_NILAI_TINGGI)}</li>"
             "<li><b>Nilai kegiatan</b> = jumlah nilai aspek / banyak aspek yang dipakai (biasanya 3, atau 4 bila "
             "ada biaya)</li>"
             "<li><b>Nilai capaian SKP</b> = rata-rata nilai kegiatan (+ tugas tambahan dan kreativitas)</li>"
             f"<li><b>Nilai perilaku</b> = rata-rata {n_aspek - 1} aspek ({n_aspek} dengan kepemimpinan untuk pejabat "
             "struktural)</li>"
             f"<li><b>Nilai prestasi kerja</b> = {_e(pp46.teks_bobot())}</li>"
             f"<li><b>Sebutan</b>: {_e(pp46.teks_sebutan(' · '))}</li></ul>")
    return HTML(f'<div style="max-width:900px;margin:0;font-size:16px;line-height:1.6">{_CSS}'
                f'<div class="kt-card"><div class="kt-judul">Rumus PP 46/2011 (Perka BKN 1/2013)</div>{rumus}</div>'
                '<div class="kt-judul" style="margin-top:16px">Contoh: satu kegiatan, pegawai bukan struktural</div>'
                f"{_langkah(ex)}</div>")


def pp46_waktu() -> W.VBox:
    """Slide realisasi/target for a waktu (or biaya) aspect: see the kink chart and each step."""
    from kinerja.schemes import pp46_2011 as pp46
    from kinerja.teach.charts import pp46_waktu_chart

    target = W.BoundedFloatText(value=12, min=0.1, max=10_000, description="Target (bulan)",
                                style={"description_width": "130px"}, layout=W.Layout(width="260px"))
    real = SliderAngka(12, 3, 18, 2, description="Realisasi (bulan)", satuan="bulan", width="480px",
                       description_width="140px")
    img = _img(pp46_waktu_chart(1.0), "760px")
    langkah = _html()
    tinggi = fmt.angka(pp46.NILAI_EFISIENSI_TINGGI)
    cepat = fmt.persen(100 - pp46.BATAS_EFISIENSI, 0)

    def ganti_target(*_):
        # the grid (2 decimals, or the target's own) contains the target itself: realisasi = target is exact
        t = float(target.value)
        real.desimal = desimal(t, paling_sedikit=2)
        real.skala = 10 ** real.desimal
        real.atur(t, t * 0.25, t * 1.5)
        update()

    def update(*_):
        t = float(target.value)
        r = teach.langkah_waktu(t, real.value)
        _set_img(img, pp46_waktu_chart(real.value / t))
        langkah.value = ('<div class="kt-card"><ol style="margin:0">'
                         + "".join(f"<li>{_e(x)}</li>" for x in r["teks"])
                         + f'</ol><div class="kt-besar" style="margin-top:6px">Nilai aspek waktu: {_e(fmt.angka(r["nilai"], 2))}</div>'
                         f'<span class="kt-kecil">Tepat sesuai target memberi {tinggi}, bukan 100. Nilai tertinggi (100) '
                         f"dicapai bila selesai dalam {cepat} waktu; lebih cepat dari itu, nilai turun lagi karena rencana "
                         "dianggap terlalu longgar.</span></div>")

    target.observe(ganti_target, "value")
    real.observe(update)
    update()
    return _app(W.HBox([target, real.widget], layout=W.Layout(flex_flow="row wrap", gap="12px")), img, langkah,
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
        hasil.value = (f'<div class="kt-card"><div class="kt-besar">Nilai prestasi kerja {_e(fmt.angka(akhir, 2))}'
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

"""Notebook 06 apps for the KPI scheme: the playground and one unit under the three schemes."""

from __future__ import annotations

import ipywidgets as W

from kinerja.teach import core as teach
from kinerja.ui.teach.tampilan import _angka, _app, _badge, _e, _html, _set_img, _tabel



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

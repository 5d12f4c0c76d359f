"""Notebook 06 apps for the KPI scheme: the playground and one unit under the three schemes."""

from __future__ import annotations

import ipywidgets as W

from kinerja.teach import core as teach
from kinerja.domain import format as fmt
from kinerja.ui.teach.tampilan import SliderAngka, _angka, _app, _badge, _e, _html, _set_img, _tabel, desimal



def kpi_playground(data=None, unit: str | None = None, workspace=None, config=None) -> W.VBox:
    """Change the hasil/perilaku weights, the bobot by RHK jenis and the bands on a sample unit: see the
    results and the ranking change. Starts from (and resets to) the KPI config in force: ``config``
    (a dict, a shipped name or a TOML path), else the workspace's (``WORKSPACE/kpi_pp30_2019.toml``
    over the shipped default)."""
    from kinerja.schemes import kpi
    from kinerja.teach.charts import kpi_peringkat_chart

    dasar = dict(config) if isinstance(config, dict) else kpi.load_config(path=config, workspace=workspace)
    data = data if data is not None else teach.data_contoh()
    units = sorted(data.pegawai["unit"].unique())
    unit = unit or units[0]
    pilih = W.Dropdown(options=units, value=unit, description="Unit", style={"description_width": "150px"},
                       layout=W.Layout(width="560px"))
    bh0 = float(dasar["bobot_hasil"]) * 100
    nama_dasar = f"{dasar.get('nama', 'KPI')} ({fmt.angka(bh0)}/{fmt.angka(100 - bh0)})"
    # a band whose min is -inf catches the rest: it has no edge to move
    pita = [b for b in dasar["kategori"] if b["min"] != float("-inf")]
    d = desimal(bh0, float(dasar["batas_capaian"]), *(b["min"] for b in pita))
    awal = {"bh": bh0, "bu": 20.0, "bt": 10.0, "cap": float(dasar["batas_capaian"]),
            **{b["nama"]: float(b["min"]) for b in pita}}
    bh = SliderAngka(bh0, min(40.0, bh0), max(90.0, bh0), desimal(bh0), "Bobot hasil kerja %")
    bp = _html()
    bu = SliderAngka(awal["bu"], 0, 40, 0, "Bobot RHK Utama")
    bt = SliderAngka(awal["bt"], 0, 40, 0, "Bobot RHK Tambahan")
    cap = SliderAngka(awal["cap"], min(100.0, awal["cap"]), max(150.0, awal["cap"]), d, "Batas capaian %")
    bands = {b["nama"]: SliderAngka(b["min"], min(40.0, b["min"]), max(130.0, b["min"]), d, f"{b['nama']} mulai")
             for b in pita}
    kembali = W.Button(description=f"Kembalikan ke {nama_dasar}",
                       layout=W.Layout(width="auto", align_self="flex-start", margin="8px 0 0 0"))
    img = W.Image(format="png", layout=W.Layout(width="760px", max_width="100%"))
    tabel = _html()
    state = {"muting": False}

    def update(*_):
        if state["muting"]:
            return
        bp.value = (f'<div class="kt-kecil" style="padding-left:184px">Bobot perilaku otomatis '
                    f"{fmt.persen(100 - bh.value, 2)} (jumlah bobot harus 100%)</div>")
        batas = {n: s.value for n, s in bands.items()}
        try:
            cfg = teach.kpi_config(bh.value / 100, batas, cap.value, dasar)
            r = teach.simulasi_kpi(data, pilih.value, bh.value / 100, bu.value, bt.value, batas, cap.value, dasar)
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
                       f"dibanding {_e(nama_dasar)}.</div>"
                       + _tabel(["#", "Nama", "Hasil", "Perilaku", "Nilai", "Kategori", "Dibanding awal"], rows,
                                angka=(0, 2, 3, 4), sorot=sorot))

    def reset(_):
        state["muting"] = True
        bh.value, bu.value, bt.value, cap.value = awal["bh"], awal["bu"], awal["bt"], awal["cap"]
        for n, s in bands.items():
            s.value = awal[n]
        state["muting"] = False
        update()

    pilih.observe(update, "value")
    for s in (bh, bu, bt, cap, *bands.values()):
        s.observe(update)
    kembali.on_click(reset)
    update()
    kiri = W.VBox([_html('<div class="kt-judul" style="font-size:16px">Bobot</div>'), bh.widget, bp, bu.widget,
                   bt.widget, cap.widget,
                   _html('<div class="kt-judul" style="font-size:16px;margin-top:8px">Batas kategori (nilai minimum)</div>'),
                   *(s.widget for s in bands.values()), kembali])
    kiri.add_class("kt-card-putih")
    app = _app(pilih, kiri, img, tabel, cls="kt-kpi")
    app.kendali = {"bobot_hasil": bh, "bobot_utama": bu, "bobot_tambahan": bt, "batas_capaian": cap, **bands,
                   "kembali": kembali, "tabel": tabel, "unit": pilih}
    return app


def bandingkan_skema(data=None, unit: str | None = None, workspace=None, config=None) -> W.VBox:
    """The same unit under the three schemes side by side: who moves, and why. The KPI column uses
    the KPI config in force (``config``, else the workspace's, else the shipped default)."""
    from kinerja.schemes import kpi
    from kinerja.teach.charts import banding_skema_chart

    kcfg = dict(config) if isinstance(config, dict) else kpi.load_config(path=config, workspace=workspace)
    judul_kpi = f"KPI {fmt.angka(kcfg['bobot_hasil'] * 100)}/{fmt.angka(kcfg['bobot_perilaku'] * 100)}"
    data = data if data is not None else teach.data_contoh()
    units = sorted(data.pegawai["unit"].unique())
    if unit is None:  # the unit where places move the most
        unit = max(units, key=lambda u: teach.bandingkan_skema(data, u, kcfg)["selisih_peringkat"].sum())
    pilih = W.Dropdown(options=units, value=unit, description="Unit", style={"description_width": "80px"},
                       layout=W.Layout(width="560px"))
    img = W.Image(format="png", layout=W.Layout(width="760px", max_width="100%"))
    bergeser = _html()
    tabel = _html()

    def update(*_):
        t = teach.bandingkan_skema(data, pilih.value, kcfg)
        _set_img(img, banding_skema_chart(t, judul_kpi=judul_kpi))
        rows = [(_e(r.nama), f"{_badge(r.predikat_2022) if isinstance(r.predikat_2022, str) else fmt.KOSONG}",
                 f"{_angka(r.nilai_pp46)} · {_e(r.kategori_pp46)}", f"{_angka(r.nilai_kpi)} · {_e(r.kategori_kpi)}",
                 f"{r.peringkat_2022} / {r.peringkat_pp46} / {r.peringkat_kpi}")
                for r in t.itertuples()]
        tabel.value = _tabel(["Nama", "PermenPANRB 6/2022", "PP 46/2011", judul_kpi, "Urutan (2022 / PP 46 / KPI)"],
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

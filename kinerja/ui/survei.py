"""The IKM respondent app (notebook ``09_isi_survei_ikm``): nine questions, big buttons, phone first.

Wiring only: the questions come from :func:`kinerja.services.survei.kuesioner`, every rule (validation,
cooldown per device, rate limit per unit, anonymity) is enforced by
:func:`kinerja.services.survei.kirim_jawaban`. The app needs no identity: it never reads the server's
user name. The browser keeps a random device token in ``localStorage`` (a tiny anywidget sends it to
the kernel); when the browser cannot keep one the kernel makes one for this page.
"""

from __future__ import annotations

import html

import ipywidgets as W

from kinerja.errors import InputError, ValidationErrors
from kinerja.services import survei as sv
from kinerja.ui import common

CSS = """
<style>
.ks-app { max-width: 720px; margin: 0 auto; font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif;
          color: #1d2733; box-sizing: border-box; width: 100%; }
.ks-app * { box-sizing: border-box; }
.ks-app .widget-html-content { font-size: 15px; line-height: 1.4; white-space: normal; }
.ks-kartu { background: #fff; border: 1px solid #dde3ea; border-radius: 12px; padding: 12px 14px 14px;
            margin: 0 0 12px 0; width: 100%; }
.ks-kartu.ks-terjawab { border-color: #9cc8a8; }
.ks-soal { font-size: 16px; margin: 0 0 8px 0; }
.ks-soal .ks-no { display: inline-block; min-width: 26px; height: 26px; line-height: 26px; border-radius: 13px;
                  background: #16375f; color: #fff; text-align: center; font-weight: 700; margin-right: 6px; }
.ks-soal .ks-unsur { font-weight: 700; color: #16375f; }
.ks-soal p { margin: 6px 0 0 0; }
.ks-pilihan-box { display: grid !important; grid-template-columns: 1fr 1fr; gap: 8px; width: 100%; }
.ks-app .jupyter-button.ks-pilihan { width: 100%; min-height: 52px; height: auto; margin: 0; border-radius: 10px;
        font-size: 15px; font-family: inherit; white-space: normal; line-height: 1.2; padding: 6px 8px; background: #f2f5f9;
        color: #1d2733; border: 2px solid #c9d3de; }
.ks-app .jupyter-button.ks-pilihan.ks-terpilih { background: #1f5ea8; color: #fff; border-color: #16375f; font-weight: 700; }
.ks-app .jupyter-button.ks-kirim { width: 100%; min-height: 56px; font-size: 18px; border-radius: 12px;
        background: #1b7a43; color: #fff; font-weight: 700; margin: 4px 0 0 0; }
.ks-app .jupyter-button.ks-kirim:disabled { background: #9aa5b1; }
.ks-app .widget-dropdown { width: 100%; }
.ks-app .widget-dropdown select { font-size: 16px; min-height: 44px; }
.ks-progres { font-size: 14px; color: #5b6775; margin: 4px 0 8px 0; }
.ks-terima-kasih { text-align: center; font-size: 17px; padding: 18px 8px; }
.ks-terima-kasih b { display: block; font-size: 22px; color: #1b5e20; margin-bottom: 6px; }
.ks-perangkat { height: 0; overflow: hidden; }
@media (min-width: 640px) {
  .ks-pilihan-box { grid-template-columns: repeat(4, 1fr); }
}
@media (max-width: 480px) {
  .ks-kartu { padding: 10px 10px 12px; }
  .kn-header h1 { font-size: 19px; }
}
</style>
"""


def _perangkat_widget():
    """A widget whose ``token`` is the browser's device token (localStorage), or None without anywidget."""
    try:
        import anywidget
        import traitlets
    except ImportError:  # pragma: no cover - anywidget is part of the app extra
        return None

    class Perangkat(anywidget.AnyWidget):
        _esm = """
        function render({ model, el }) {
          const KEY = "kinerja-ikm-perangkat";
          let t = null;
          try { t = window.localStorage.getItem(KEY); } catch (e) { t = null; }
          if (!t) {
            const a = new Uint8Array(18);
            window.crypto.getRandomValues(a);
            t = Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("");
            try { window.localStorage.setItem(KEY, t); } catch (e) { /* private mode: this page only */ }
          }
          model.set("token", t);
          model.save_changes();
          el.classList.add("ks-perangkat-siap");
        }
        export default { render };
        """
        token = traitlets.Unicode("").tag(sync=True)

    w = Perangkat()
    w.add_class("ks-perangkat")
    return w


class SurveiApp:
    """The respondent app for one unit (``unit`` None or unknown: the resident picks it)."""

    def __init__(self, store, unit: str | None = None, periode: str | None = None, *, perangkat: str | None = None):
        self.store = store
        self.periode = periode
        self.units = sv.daftar_unit(store)
        self.soal = sv.kuesioner()
        self.jawaban: dict[str, int | None] = {s["kode"]: None for s in self.soal}
        self._token_cadangan = sv.token_baru()
        self._perangkat = None if perangkat else _perangkat_widget()
        self._token_tetap = perangkat
        self.tanda = None
        self._unit_dari_tautan = unit if unit in self.units else None

        self.pesan = common.Pesan("ks-pesan")
        self.pilih_unit = W.Dropdown(options=[("— pilih unit layanan —", None)] + [(u, u) for u in self.units],
                                     value=unit if unit in self.units else None,
                                     description="", layout=W.Layout(width="100%"))
        self.pilih_unit.add_class("ks-unit")
        self.pilih_unit.observe(lambda ch: self._segarkan(), names="value")
        self.tombol: dict[str, list[W.Button]] = {}
        self.kartu: dict[str, W.VBox] = {}
        kartu = []
        for i, s in enumerate(self.soal, start=1):
            teks = W.HTML(f"<div class='ks-soal'><span class='ks-no'>{i}</span><span class='ks-unsur'>"
                          f"{html.escape(s['unsur'])}</span><p>{html.escape(s['pertanyaan'])}</p></div>")
            btns = []
            for nilai, kata in s["pilihan"]:
                b = W.Button(description=kata, tooltip=f"{nilai} = {kata}", layout=W.Layout(width="auto"))
                b.add_class("ks-pilihan")
                b.add_class(f"ks-{s['kode']}-{nilai}")
                b.on_click(lambda _b, k=s["kode"], v=nilai: self.pilih(k, v))
                btns.append(b)
            self.tombol[s["kode"]] = btns
            grid = W.Box(btns)
            grid.add_class("ks-pilihan-box")
            card = W.VBox([teks, grid])
            card.add_class("ks-kartu")
            card.add_class(f"ks-kartu-{s['kode']}")
            self.kartu[s["kode"]] = card
            kartu.append(card)
        self.progres = W.HTML()
        self.progres.add_class("ks-progres")
        self.kirim_btn = W.Button(description="Kirim jawaban", icon="paper-plane", layout=W.Layout(width="100%"))
        self.kirim_btn.add_class("ks-kirim")
        self.kirim_btn.on_click(lambda _b: self.kirim())
        self.terima_kasih = W.HTML()
        self.terima_kasih.add_class("ks-selesai")
        unit_box = W.VBox([W.HTML("<div class='ks-soal'><span class='ks-unsur'>Unit layanan yang Anda nilai"
                                  "</span></div>"), self.pilih_unit])
        unit_box.add_class("ks-kartu")
        unit_box.add_class("ks-kartu-unit")
        self.unit_box = unit_box
        self.judul = W.HTML()
        self.judul.add_class("kn-header-w")
        self.form = W.VBox([unit_box, *kartu, self.progres, self.pesan.widget, self.kirim_btn])
        kids = [W.HTML(CSS + common.CSS, layout=W.Layout(height="0px", margin="0")),
                self.judul, self.form, self.terima_kasih]
        if self._perangkat is not None:
            kids.insert(1, self._perangkat)
        self.widget = W.VBox(kids, layout=W.Layout(width="100%"))
        self.widget.add_class("ks-app")
        self.widget.add_class("kn-app")
        if unit and unit not in self.units:
            self.pesan.peringatan(f"Unit '{unit}' tidak dikenal. Pilih unit layanan dari daftar.")
        self._segarkan()

    def _repr_mimebundle_(self, **kw):
        """Shown as the widget; its plain-text form (Papermill, a terminal) names the unit."""
        data = self.widget._repr_mimebundle_(**kw)
        data["text/plain"] = f"Survei Kepuasan Masyarakat: {self.unit or '(unit belum dipilih)'}"
        return data

    # ------------------------------------------------------------------ state
    @property
    def unit(self) -> str | None:
        return self.pilih_unit.value

    @property
    def token(self) -> str:
        if self._token_tetap:
            return self._token_tetap
        t = getattr(self._perangkat, "token", "") if self._perangkat is not None else ""
        return t or self._token_cadangan

    def pilih(self, kode: str, nilai: int) -> None:
        self.jawaban[kode] = nilai
        for b, (v, _k) in zip(self.tombol[kode], next(s["pilihan"] for s in self.soal if s["kode"] == kode)):
            if v == nilai:
                b.add_class("ks-terpilih")
            else:
                b.remove_class("ks-terpilih")
        self.kartu[kode].add_class("ks-terjawab")
        if self.pesan.jenis == "salah":
            self.pesan.hapus()
        self._segarkan()

    def _segarkan(self) -> None:
        unit = f"<p class='ks-judul-unit'><b>{html.escape(self.unit)}</b></p>" if self.unit else ""
        ajakan = "" if self.tanda else (" Pilih satu jawaban untuk setiap pertanyaan, lalu tekan "
                                         "<b>Kirim jawaban</b>.")
        self.judul.value = ("<div class='kn-header'><h1>Survei Kepuasan Masyarakat</h1>" + unit +
                            f"<p>Jawaban Anda anonim: tanpa nama, tanpa NIK.{ajakan}</p></div>")
        n = sum(v is not None for v in self.jawaban.values())
        self.progres.value = f"<div>{n} dari {len(self.jawaban)} pertanyaan terjawab</div>"
        # a link naming the unit: the resident does not see (nor change) the unit choice
        self.unit_box.layout.display = "none" if (self.unit and self.unit == self._unit_dari_tautan) else None

    # ------------------------------------------------------------------ sending
    def kirim(self) -> bool:
        if self.kirim_btn.disabled:
            return False
        kosong = [i for i, s in enumerate(self.soal, start=1) if self.jawaban[s["kode"]] is None]
        if not self.unit:
            self.pesan.salah("Pilih dulu unit layanan yang Anda nilai.")
            return False
        if kosong:
            self.pesan.salah("Masih ada pertanyaan yang belum dijawab: nomor " + ", ".join(map(str, kosong)) + ".")
            return False
        self.kirim_btn.disabled = True
        self.kirim_btn.description = "Mengirim…"
        try:
            self.tanda = sv.kirim_jawaban(self.store, self.unit, self.jawaban, self.token, periode=self.periode)
        except sv.KirimanDitolak as exc:
            self.pesan.peringatan(exc.message)
            return False
        except ValidationErrors as exc:
            self.pesan.salah("Jawaban belum dapat disimpan.", [e.message for e in exc.errors])
            return False
        except InputError as exc:
            self.pesan.salah(exc.message)
            return False
        except Exception:  # the database is unreachable: say so, keep the answers on screen, log it
            import logging

            logging.getLogger(__name__).exception("jawaban survei IKM tidak tersimpan")
            self.pesan.salah("Maaf, jawaban belum tersimpan karena gangguan sistem. Coba kirim lagi sebentar lagi.")
            return False
        finally:
            if self.tanda is None:
                self.kirim_btn.disabled = False
                self.kirim_btn.description = "Kirim jawaban"
        self.pesan.hapus()
        self.form.layout.display = "none"
        self._segarkan()
        self.terima_kasih.value = (
            "<div class='kn-bagian ks-terima-kasih'><b>Terima kasih!</b>"
            f"Jawaban Anda untuk {html.escape(self.tanda.unit)} sudah kami terima. Pendapat Anda membantu "
            "kami memperbaiki pelayanan.</div>")
        return True


def survei_app(store, unit: str | None = None, periode: str | None = None, **kw) -> SurveiApp:
    return SurveiApp(store, unit, periode, **kw)


def survei_dari_lingkungan(workspace=None, db: str | None = None, unit: str | None = None,
                           periode: str | None = None) -> SurveiApp:
    """The app as notebook 09 builds it: the database of ``kinerja serve`` (or a temporary sample one),
    the unit and periode from the link (``?unit=...&periode=...``) before the notebook parameters.
    No identity is read: the respondent is anonymous."""
    q = common.query_params()
    store = common.buka_store(workspace, db)
    return survei_app(store, q.get("unit") or unit, q.get("periode") or periode)


# ====================================================================================== analysis (08)

def url_dasar() -> str | None:
    """The public base URL of the served apps: ``KINERJA_URL_PUBLIK`` (behind a proxy), else the one the
    browser used to reach this Voilà page (``VOILA_REQUEST_URL``); None outside Voilà."""
    import os

    pub = os.environ.get("KINERJA_URL_PUBLIK")
    if pub:
        return pub.rstrip("/") + "/"
    req = os.environ.get("VOILA_REQUEST_URL") or ""
    i = req.find("voila/render/")
    return req[:i] if i > 0 else None


def _gambar(fig) -> str:
    from kinerja.report.style import figure_to_data_uri

    return f"<img class='ka-grafik' alt='grafik' src='{figure_to_data_uri(fig, 'svg')}'>"


CSS_ANALISIS = """
<style>
.ka-app { max-width: 1080px; }
.ka-app .widget-html, .ka-app .widget-html-content { max-width: 100%; min-width: 0; }
.ka-app img.ka-grafik { width: 100%; max-width: 760px; height: auto; display: block; margin: 4px 0 8px 0; }
.ka-angka { display: flex; flex-wrap: wrap; gap: 10px; margin: 4px 0 8px 0; }
.ka-angka div { background: #f2f5f9; border-radius: 10px; padding: 8px 14px; min-width: 120px; }
.ka-angka b { display: block; font-size: 24px; color: #16375f; }
.ka-angka span { font-size: 12.5px; color: #5b6775; }
.ka-angka div.ka-teks b { font-size: 16px; }
.ka-app .widget-dropdown { max-width: 100%; }
.ka-kontrol { gap: 8px; }
.ka-qr svg { width: 160px; height: 160px; }
.ka-tautan { word-break: break-all; font-size: 13px; }
</style>
"""


class AnalisisIkmApp:
    """The IKM analysis page for HR and unit heads (notebook 08): pick a unit and a survey periode;
    formatted tables (no index, decimal commas) and charts, the unit's respondent link and QR code.
    Reads the workspace again on "Muat ulang data", so answers sent through notebook 09 appear."""

    def __init__(self, baca_workspace, unit: str | None = None, periode: str | None = None):
        self._baca = baca_workspace
        self.ws = baca_workspace()
        self.survei = self.ws["ikm"]
        units = sorted(set(self.survei["unit"]) | set(self.ws.pegawai["unit"]))
        self.pilih_unit = W.Dropdown(options=units, value=unit if unit in units else (units[0] if units else None),
                                     description="Unit", layout=W.Layout(flex="1 1 300px", max_width="520px", min_width="0"),
                                     style={"description_width": "70px"})
        self.pilih_periode = W.Dropdown(description="Periode",
                                        layout=W.Layout(flex="1 1 240px", max_width="360px", min_width="0"),
                                        style={"description_width": "70px"})
        self.muat_btn = W.Button(description="Muat ulang data", icon="refresh")
        self.muat_btn.on_click(lambda _b: self.muat_ulang())
        self._periode_awal = periode
        self.ringkas = W.HTML()
        self.ringkas.add_class("ka-ringkas")
        self.nrr = W.HTML()
        self.semua = W.HTML()
        self.tren = W.HTML()
        self.tahunan = W.HTML()
        self.tautan = W.HTML()
        self._isi_periode()
        self.pilih_unit.observe(lambda ch: (self._isi_periode(), self.tampilkan()), names="value")
        self.pilih_periode.observe(lambda ch: self.tampilkan(), names="value")
        kontrol = W.HBox([self.pilih_unit, self.pilih_periode, self.muat_btn],
                         layout=W.Layout(flex_flow="row wrap"))
        kontrol.add_class("ka-kontrol")
        self.widget = W.VBox([
            W.HTML(CSS_ANALISIS, layout=W.Layout(height="0px", margin="0")), common.gaya(),
            common.header("Analisis Survei Kepuasan Masyarakat (IKM)",
                          "Untuk pengelola SDM dan kepala unit: hasil survei per unit dan periode "
                          "(PermenPANRB 14/2017)."),
            common.bagian("Pilih unit dan periode survei", [kontrol]),
            common.bagian("IKM unit pada periode ini", [self.ringkas, self.nrr],
                          "Nilai rata-rata (NRR) setiap unsur; unsur terlemah ditandai merah dan diberi label."),
            common.bagian("IKM semua unit pada periode ini", [self.semua]),
            common.bagian("Tren IKM antar periode", [self.tren],
                          "Selisih adalah perubahan IKM dibanding periode survei sebelumnya pada unit yang sama."),
            common.bagian("IKM tahunan sebagai realisasi IKI", [self.tahunan],
                          "Indikator SKP dengan sumber = ikm mengambil realisasinya dari IKM unit pegawai; "
                          "untuk periode tahunan seluruh survei tahun itu digabung."),
            common.bagian("Tautan survei untuk masyarakat", [self.tautan],
                          "Cetak kode QR ini di loket pelayanan unit. Jawaban masuk langsung ke basis data."),
        ])
        self.widget.add_class("kn-app")
        self.widget.add_class("ka-app")
        self.tampilkan()

    def _repr_mimebundle_(self, **kw):
        """Shown as the widget; its plain-text form (Papermill, a terminal) is the summary sentence."""
        from kinerja.domain.periode import parse_periode

        data = self.widget._repr_mimebundle_(**kw)
        per = parse_periode(self.periode).label if self.periode else "-"
        hasil = getattr(self, "hasil", None)
        teks = f"IKM {self.unit}, {per}"
        if hasil:
            from kinerja.schemes.ikm import uraian_ikm

            teks += ": " + uraian_ikm(hasil)
        data["text/plain"] = teks
        return data

    @property
    def unit(self):
        return self.pilih_unit.value

    @property
    def periode(self):
        return self.pilih_periode.value

    def _isi_periode(self) -> None:
        from kinerja.domain.periode import parse_periode

        s = self.survei
        kode = sorted(set(s.loc[s["unit"] == self.unit, "periode"]) or set(s["periode"]), key=parse_periode)
        tahun = sorted({str(parse_periode(k).tahun) for k in kode})
        opts = [(parse_periode(k).label, k) for k in kode] + [(parse_periode(t).label, t) for t in tahun]
        codes = [k for _, k in opts]
        want = self._periode_awal if self._periode_awal in codes else self.pilih_periode.value
        self.pilih_periode.options = opts
        self.pilih_periode.value = want if want in codes else (kode[-1] if kode else None)
        self._periode_awal = None

    def muat_ulang(self) -> None:
        self.ws = self._baca()
        self.survei = self.ws["ikm"]
        self._isi_periode()
        self.tampilkan()

    def tampilkan(self) -> None:
        from kinerja.domain.periode import parse_periode
        from kinerja.report import ikm_charts
        from kinerja.schemes import ikm

        s, unit, periode = self.survei, self.unit, self.periode
        if not len(s) or unit is None or periode is None:
            self.ringkas.value = "<div class='kn-msg kn-msg-info'>Belum ada jawaban survei di workspace ini.</div>"
            for w in (self.nrr, self.semua, self.tren, self.tahunan):
                w.value = ""
            self._tautan()
            return
        p = parse_periode(periode)
        per_unit = ikm.ikm_periode(s, p)
        baris = per_unit[per_unit["unit"] == unit]
        if baris.empty or not baris.iloc[0]["responden"]:
            self.hasil = None
            self.ringkas.value = (f"<div class='kn-msg kn-msg-info'>Belum ada jawaban survei untuk "
                                  f"{html.escape(unit)} pada {html.escape(p.label)}.</div>")
            self.nrr.value = ""
        else:
            per = s["periode"].map(parse_periode)
            exact = (s["unit"] == unit) & (per == p)
            take = exact if exact.any() else (s["unit"] == unit) & per.map(p.memuat).astype(bool)
            hasil = ikm.hitung_ikm(s[take])
            self.hasil = hasil
            kartu = [(ikm_charts._tetap(hasil["ikm"]), "IKM"), (f"{hasil['mutu']}", f"Mutu: {hasil['kinerja']}"),
                     (ikm_charts._tetap(hasil["responden"], 0), "responden"),
                     (html.escape(ikm.UNSUR[hasil["unsur_terlemah"]]), "unsur terlemah")]
            self.ringkas.value = (
                "<div class='ka-angka'>" + "".join(f"<div{' class=ka-teks' if i == 3 else ''}><b>{a}</b><span>{b}</span>"
                                                   "</div>" for i, (a, b) in enumerate(kartu))
                + f"</div><p>{html.escape(ikm.uraian_ikm(hasil))}</p>")
            self.nrr.value = (_gambar(ikm_charts.nrr_chart(hasil, title=f"NRR per unsur, {p.label}"))
                              + ikm_charts.tabel_nrr(hasil))
        self.semua.value = (f"<p class='kn-kecil'>{html.escape(p.label)}</p>" + ikm_charts.tabel_unit(per_unit))
        tren = ikm.tren_ikm(s)
        if (tren["unit"] == unit).any():
            self.tren.value = (_gambar(ikm_charts.tren_ikm_chart(tren, unit=unit))
                               + ikm_charts.tabel_tren(tren, unit))
        else:
            self.tren.value = "<div class='kn-msg kn-msg-info'>Unit ini belum punya data survei.</div>"
        self.tahunan.value = (f"<p class='kn-kecil'>{html.escape(p.tahunan().label)}</p>"
                              + ikm_charts.tabel_unit(ikm.ikm_periode(s, p.tahunan())))
        self._tautan()

    def _tautan(self) -> None:
        base = url_dasar()
        if not self.unit:
            self.tautan.value = ""
            return
        if base is None:
            rel = sv.tautan_unit("", self.unit).lstrip("/")
            self.tautan.value = (f"<p class='ka-tautan'>Alamat survei (di belakang alamat server kinerja serve): "
                                 f"<code>{html.escape(rel)}</code></p>")
            return
        url = sv.tautan_unit(base, self.unit)
        try:
            import segno

            qr = f"<div class='ka-qr'>{segno.make(url, error='m').svg_inline(scale=4, border=2)}</div>"
        except ImportError:  # pragma: no cover - segno is part of the app extra
            qr = ""
        import base64

        lembar = sv.lembar_qr_html(sorted(self.pilih_unit.options), base)
        data = base64.b64encode(lembar.encode("utf-8")).decode("ascii")
        self.tautan.value = (f"{qr}<p class='ka-tautan'><a href='{html.escape(url)}' target='_blank'>"
                             f"{html.escape(url)}</a></p>"
                             f"<p><a class='ka-unduh-qr' download='kode_qr_survei_ikm.html' "
                             f"href='data:text/html;charset=utf-8;base64,{data}'>Unduh lembar kode QR semua unit "
                             "(untuk dicetak)</a></p>")


def analisis_dari_lingkungan(workspace=None, unit: str | None = None, periode: str | None = None,
                             db: str | None = None) -> AnalisisIkmApp:
    """The analysis app as notebook 08 builds it: the workspace of ``kinerja serve``
    (``KINERJA_WORKSPACE`` / ``KINERJA_DB_URL``) or ``workspace``; unit and periode from the link
    (``?unit=...&periode=...``) before the notebook parameters."""
    import os

    from kinerja.dataset.workspace import open_workspace

    q = common.query_params()
    path = os.environ.get("KINERJA_WORKSPACE") or workspace
    url = db or os.environ.get("KINERJA_DB_URL")
    return AnalisisIkmApp(lambda: open_workspace(path, url), q.get("unit") or unit, q.get("periode") or periode)

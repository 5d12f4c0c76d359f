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
        except Exception:  # the database is unreachable: say so, keep the answers on screen
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

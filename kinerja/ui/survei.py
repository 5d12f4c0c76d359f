"""The resident's IKM survey app (``notebooks/09_isi_survei_ikm.ipynb``, served by Voilà).

Reached by a link per unit (``...09_isi_survei_ikm.ipynb?unit=Sekretariat``, e.g. a QR code at the
service counter). Nine questions in plain Indonesian, four answers each (PermenPANRB 14/2017), one
"Kirim" button. Phone first: each question is a card and its answers are full-width touch targets.
Every rule (answers complete, anonymity, cooldown, rate limit) is enforced by
:mod:`kinerja.services.survei`; this module only shows the questions and the service's messages.
"""

from __future__ import annotations

import html
import secrets

import ipywidgets as W

from kinerja.errors import InputError
from kinerja.services import survei
from kinerja.ui import common

CSS = """
<style>
.ks.kn-app { max-width: 860px; }
.ks-kartu { border-bottom: 1px solid #eef1f5; padding: 10px 0; }
.ks-tanya { font-size: 15px; line-height: 1.4; color: #1d2733; }
.ks-tanya b { color: #16375f; }
.ks-tanya .ks-no { display: inline-block; min-width: 22px; font-weight: 700; color: #23558f; }
.ks .ks-jawab { width: 100%; flex-wrap: wrap; }
.ks .ks-jawab > div:not(.widget-label) { display: flex; flex-wrap: wrap; gap: 6px; width: 100%; }
.ks .ks-jawab .widget-toggle-button { flex: 1 1 160px; width: auto !important; min-height: 44px; font-size: 14px;
                                      white-space: normal; line-height: 1.2; }
.ks-terima-kasih { font-size: 16px; line-height: 1.5; padding: 14px 16px; border-radius: 8px; background: #e6f4ea;
                   color: #1b5e20; border: 1px solid #b7dfc1; }
.ks .ks-kirim { min-height: 48px; min-width: 180px; font-size: 16px; }
@media (max-width: 720px) {
  .ks .kn-bagian { padding: 8px 10px 10px 10px; }
  .ks .kn-header h1 { font-size: 19px; }
  .ks .ks-jawab > div:not(.widget-label) { flex-direction: column; }
  .ks .ks-jawab .widget-toggle-button { flex: 1 1 auto; width: 100% !important; }
  .ks .ks-kirim { width: 100% !important; }
  .ks .ks-unit { width: calc(100% - 4px) !important; flex-wrap: wrap; height: auto !important; }
  .ks .ks-unit > .widget-label { width: 100% !important; text-align: left; }
  .ks .ks-unit select { flex: 1 1 100%; min-height: 40px; font-size: 16px; }
}
</style>
"""


class SurveiApp:
    """Widgets of the survey. ``app.widget`` is what the notebook displays."""

    def __init__(self, store, unit: str | None = None, perangkat: str | None = None):
        self.store = store
        self.units = survei.unit_survei(store)
        # the device key: the client the server forwards, else this page session (one answer per page)
        self.perangkat = perangkat or survei.kunci_perangkat() or f"sesi-{secrets.token_hex(8)}"
        self.terkirim: str | None = None
        self.w_unit = W.Dropdown(options=[("— pilih unit layanan —", "")] + [(u, u) for u in self.units],
                                 value=unit if unit in self.units else "", description="Unit layanan",
                                 layout=W.Layout(width="520px", max_width="100%"), style={"description_width": "110px"})
        self.w_unit.add_class("ks-unit")
        self.w_jawab: dict[str, W.ToggleButtons] = {}
        kartu = []
        for i, (u, (tanya, pilihan)) in enumerate(survei.PERTANYAAN.items(), start=1):
            tb = W.ToggleButtons(options=[(teks, n) for n, teks in enumerate(pilihan, start=1)], value=None,
                                 style={"button_width": "auto"})
            tb.add_class("ks-jawab")
            tb.add_class(f"ks-jawab-{u}")
            self.w_jawab[u] = tb
            box = W.VBox([W.HTML(f"<div class='ks-tanya'><span class='ks-no'>{i}.</span> {html.escape(tanya)}</div>"),
                          tb])
            box.add_class("ks-kartu")
            kartu.append(box)
        self.w_kirim = W.Button(description="Kirim jawaban", button_style="primary", icon="paper-plane")
        self.w_kirim.add_class("ks-kirim")
        self.pesan = common.Pesan("ks-pesan")
        self.w_form = W.VBox(kartu + [self.w_kirim, self.pesan.widget])
        self.w_form.add_class("ks-form")
        self.w_selesai = W.HTML()
        self.w_selesai.add_class("ks-selesai")
        judul_unit = unit if unit in self.units else None
        keterangan = ("Bantu kami memperbaiki pelayanan. Jawaban Anda <b>anonim</b>: kami tidak menanyakan atau "
                      "menyimpan nama, nomor telepon, atau alamat Anda. Mengisi survei ini sekitar 2 menit.")
        kids = [common.gaya(), W.HTML(CSS),
                common.header(judul_unit or "Survei Kepuasan Masyarakat",
                              "Survei Kepuasan Masyarakat · PermenPANRB 14/2017" if judul_unit
                              else "Pilih unit layanan yang Anda kunjungi")]
        if judul_unit is None:
            kids.append(common.bagian("Unit layanan", self.w_unit, "Tautan survei ini tidak menyebut unit yang "
                                      "dikenal. Pilih unit yang melayani Anda.", "ks-pilih-unit"))
        kids += [common.bagian("Pendapat Anda tentang pelayanan", [W.HTML(f"<p class='kn-kecil'>{keterangan}</p>"),
                                                                    self.w_form, self.w_selesai], cls="ks-bagian")]
        self.widget = W.VBox(kids)
        self.widget.add_class("kn-app")
        self.widget.add_class("ks")
        self.w_kirim.on_click(lambda _b: self.kirim())

    @property
    def unit(self) -> str:
        return self.w_unit.value

    def kirim(self) -> bool:
        """Send the answers through the service; True when stored."""
        if self.terkirim:
            return False
        jawaban = {u: w.value for u, w in self.w_jawab.items()}
        try:
            if not self.unit:
                raise InputError("Pilih unit layanan yang Anda kunjungi lebih dulu.", column="unit")
            kode = survei.simpan_jawaban(self.store, self.unit, jawaban, perangkat=self.perangkat)
        except survei.TerlaluSering as e:
            self.pesan.peringatan(str(e))
            return False
        except InputError as e:
            self.pesan.salah(e.message if hasattr(e, "message") else str(e))
            return False
        self.terkirim = kode
        self.pesan.hapus()
        self.w_form.layout.display = "none"
        self.w_selesai.value = ("<div class='ks-terima-kasih'><b>Terima kasih!</b> Jawaban Anda untuk "
                                f"{html.escape(self.unit)} sudah kami terima dan akan dipakai untuk memperbaiki "
                                "pelayanan.</div>")
        return True


def survei_dari_lingkungan(workspace=None, db: str | None = None, unit: str | None = None) -> SurveiApp:
    """The app as the notebook runs it: the workspace database from ``kinerja serve``'s environment
    and the unit from the link (``?unit=...``; ``unit`` is the fallback for nbval/Papermill)."""
    store = common.buka_store(workspace, db)
    q = common.query_params()
    return SurveiApp(store, unit=q.get("unit") or unit)

"""The exercise app (one soal per screen, score, mode pelatih) and the two exercise sets."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W

from kinerja.teach import core as teach
from kinerja.ui.teach.tampilan import _app, _e, _html, _tabel



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
        from kinerja.dataset.workspace import open_workspace

        ws = open_workspace(ws)
    return latihan_app(lambda acak, seed: teach.latihan_2022(ws, periode, acak=acak, seed=seed),
                       "Latihan predikat 2022")


def latihan_angka() -> W.VBox:
    """Notebook 06 exercises (PP 46 and KPI); "Soal baru (acak)" draws new numbers."""
    return latihan_app(lambda acak, seed: teach.latihan_angka(acak=acak, seed=seed), "Latihan skema angka")

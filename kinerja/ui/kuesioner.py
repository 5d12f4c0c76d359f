"""The 360 questionnaire app (``notebooks/07_kuesioner_360.ipynb``, served by Voilà).

A rater picks (or, when deployed, is given) their identity, a periode and one of the pegawai assigned
to them, answers one question per BerAKHLAK value on the 1-5 scale plus an optional comment, and
presses ``Simpan``. Everything is saved through :class:`kinerja.store_360.Store360`, which enforces
scope, validation, audit and optimistic concurrency. An atasan also sees, per bawahan, how many of
the assigned questionnaires are complete (counts only, never who answered what).

Identity: locally (demo) the rater is picked from a dropdown. When ``KINERJA_PENILAI`` (a NIP) is
set by the server, or ``JUPYTERHUB_USER`` is a NIP, that identity is used and the dropdown is absent.
"""

from __future__ import annotations

import html
import os

import ipywidgets as W

from kinerja import labels
from kinerja.errors import AccessDenied, StaleEditError, ValidationErrors
from kinerja.multirater import ASPEK, PERAN_LABEL, pertanyaan, skala

CSS = """
<style>
.k360 { font-family: 'DejaVu Sans', sans-serif; max-width: 860px; }
.k360-judul h2 { color: #1f3a5f; margin: 0 0 4px 0; }
.k360-nilai { border-top: 1px solid #d0d5dc; padding: 6px 0; }
.k360-nilai b { color: #1f3a5f; }
.k360-panduan { color: #5f6368; font-size: 12px; margin: 0 0 4px 16px; }
.k360-pesan-ok { color: #1b7a43; font-weight: bold; }
.k360-pesan-salah { color: #b3261e; font-weight: bold; }
.k360-skala { color: #5f6368; font-size: 12px; }
</style>
"""


def identitas_server() -> str | None:
    """The rater's NIP given by the server, or None (demo: pick from a dropdown)."""
    nip = os.environ.get("KINERJA_PENILAI") or os.environ.get("JUPYTERHUB_USER") or ""
    nip = "".join(ch for ch in nip if ch.isdigit())
    return nip if len(nip) == 18 else None


class KuesionerApp:
    """Widgets and callbacks of the questionnaire. ``app.widget`` is what the notebook displays."""

    def __init__(self, store, periode: str | None = None, penilai: str | None = None):
        self.store = store
        self.cfg = store.cfg
        pen = store.penugasan()
        pen = pen[pen["peran"] != "masyarakat"]
        self.periodes = sorted(pen["periode"].unique(), reverse=True)
        self.skala = skala(self.cfg)
        self.versi: int | None = None

        fixed = penilai or identitas_server()
        raters = sorted(set(pen["penilai"]))
        names = store._nama(pen_frame(raters), "nip") if raters else None
        opts = [(f"{r.nama} ({r.jabatan})" if r.jabatan else r.nama, r.nip) for r in names.itertuples()] if raters else []
        opts.sort()
        self.w_penilai = W.Dropdown(options=opts, value=fixed if fixed in raters else (opts[0][1] if opts else None),
                                    description="Penilai", layout=W.Layout(width="560px"),
                                    style={"description_width": "150px"})
        self.w_penilai.add_class("k360-penilai")
        self.w_periode = W.Dropdown(options=self.periodes, value=periode if periode in self.periodes else
                                    (self.periodes[0] if self.periodes else None), description="Periode",
                                    style={"description_width": "150px"})
        self.w_periode.add_class("k360-periode")
        self.w_pegawai = W.Dropdown(options=[], description="Pegawai dinilai", layout=W.Layout(width="560px"),
                                    style={"description_width": "150px"})
        self.w_pegawai.add_class("k360-pegawai")
        self.w_info = W.HTML()
        self.w_skor: dict[str, W.ToggleButtons] = {}
        rows = []
        legend = " &nbsp; ".join(f"<b>{k}</b> {html.escape(v)}" for k, v in self.skala.items())
        rows.append(W.HTML(f"<div class='k360-skala'>Skala jawaban: {legend}</div>"))
        for a in ASPEK:
            label, panduan = labels.BERAKHLAK[a]
            tb = W.ToggleButtons(options=[(str(k), k) for k in self.skala], value=None,
                                 tooltips=list(self.skala.values()), style={"button_width": "46px"})
            tb.add_class(f"k360-skor-{a}")
            self.w_skor[a] = tb
            items = "".join(f"<li>{html.escape(p)}</li>" for p in panduan)
            rows.append(W.VBox([W.HTML(f"<div class='k360-nilai'><b>{html.escape(label)}</b>: "
                                       f"{html.escape(pertanyaan(a))}<ul class='k360-panduan'>{items}</ul></div>"),
                                tb]))
        self.w_komentar = W.Textarea(placeholder="Komentar (opsional): contoh perilaku yang Anda amati",
                                     layout=W.Layout(width="560px", height="70px"))
        self.w_komentar.add_class("k360-komentar")
        self.w_simpan = W.Button(description="Simpan", button_style="primary", icon="save")
        self.w_simpan.add_class("k360-simpan")
        self.w_pesan = W.HTML()
        self.w_pesan.add_class("k360-pesan")
        self.w_form = W.VBox(rows + [self.w_komentar, W.HBox([self.w_simpan, self.w_pesan])])
        self.w_kelengkapan = W.HTML()
        self.w_kelengkapan.add_class("k360-kelengkapan")

        head = [W.HTML(CSS + "<div class='k360-judul'>"
                       "Jawaban Anda dirahasiakan: atasan dan pegawai yang dinilai hanya melihat rangkuman, "
                       "dan hasil per kelompok hanya ditampilkan bila paling sedikit "
                       f"{self.cfg['privasi']['min_penilai']} orang menjawab.</div>")]
        if fixed and fixed in raters:
            head.append(W.HTML(f"<p>Penilai: <b>{html.escape(self._nama(fixed))}</b></p>"))
        else:
            head.append(self.w_penilai)
        self.widget = W.VBox(head + [self.w_periode, self.w_pegawai, self.w_info, self.w_form, W.HTML("<hr>"),
                                     self.w_kelengkapan])
        self.widget.add_class("k360")

        self.w_penilai.observe(lambda _c: self.muat_tugas(), names="value")
        self.w_periode.observe(lambda _c: self.muat_tugas(), names="value")
        self.w_pegawai.observe(lambda _c: self.muat_kuesioner(), names="value")
        self.w_simpan.on_click(lambda _b: self.simpan())
        self.muat_tugas()

    # ------------------------------------------------------------------ helpers

    def _nama(self, nip: str) -> str:
        p = self.store.pegawai
        if p is None:
            return nip
        m = p.loc[p["nip"] == nip, "nama"]
        return m.iat[0] if len(m) else nip

    @property
    def penilai(self) -> str | None:
        return self.w_penilai.value

    def _pesan(self, text: str, ok: bool) -> None:
        cls = "k360-pesan-ok" if ok else "k360-pesan-salah"
        self.w_pesan.value = f"<span class='{cls}'>{html.escape(text)}</span>"

    # ------------------------------------------------------------------ callbacks

    def muat_tugas(self) -> None:
        if not self.penilai or not self.w_periode.value:
            self.w_pegawai.options = []
            return
        t = self.store.tugas(self.penilai, self.w_periode.value)
        t = t[t["peran"] != "masyarakat"]
        status = {"sudah": "sudah diisi", "sebagian": "sebagian", "belum": "belum diisi"}
        opts = [(f"{r.nama} - sebagai {PERAN_LABEL[r.peran]} ({status[r.status]})", r.nip) for r in t.itertuples()]
        current = self.w_pegawai.value
        self.w_pegawai.options = opts
        nips = [o[1] for o in opts]
        self.w_pegawai.value = current if current in nips else (nips[0] if nips else None)
        self.muat_kuesioner()
        self.muat_kelengkapan()

    def muat_kuesioner(self) -> None:
        nip = self.w_pegawai.value
        self.w_pesan.value = ""
        if not nip:
            self.w_info.value = "<p>Tidak ada pegawai yang perlu Anda nilai pada periode ini.</p>"
            self.w_form.layout.display = "none"
            return
        self.w_form.layout.display = None
        k = self.store.kuesioner(self.penilai, nip, self.w_periode.value)
        self.versi = k["versi"]
        for a, tb in self.w_skor.items():
            tb.value = k["skor"].get(a)
        self.w_komentar.value = k["komentar"] or ""
        peran = PERAN_LABEL[k["peran"]]
        diri = k["peran"] == "diri"
        self.w_info.value = (f"<p>Anda menilai <b>{'diri sendiri' if diri else html.escape(self._nama(nip))}</b>"
                             f"{'' if diri else ' sebagai ' + peran}. Pilih satu jawaban untuk setiap nilai.</p>")

    def simpan(self) -> bool:
        nip = self.w_pegawai.value
        if not nip:
            return False
        skor = {a: tb.value for a, tb in self.w_skor.items()}
        kosong = [labels.BERAKHLAK_LABEL[a] for a, v in skor.items() if v is None]
        if kosong:
            self._pesan("Belum dijawab: " + ", ".join(kosong) + ". Tidak ada yang disimpan.", False)
            return False
        try:
            self.versi = self.store.simpan(self.penilai, nip, self.w_periode.value, skor, self.w_komentar.value,
                                           versi=self.versi)
        except StaleEditError as e:
            self._pesan(str(e), False)
            return False
        except (ValidationErrors, AccessDenied) as e:
            msg = "; ".join(x.message for x in e.errors) if isinstance(e, ValidationErrors) else str(e)
            self._pesan(msg, False)
            return False
        self.muat_tugas()
        self._pesan(f"Tersimpan. Terima kasih, jawaban untuk {self._nama(nip)} sudah tercatat.", True)
        return True

    def muat_kelengkapan(self) -> None:
        """For an atasan: completeness of the 360 questionnaires of their bawahan (counts only)."""
        if not self.penilai or self.store.pegawai is None:
            self.w_kelengkapan.value = ""
            return
        bawahan = self.store.pegawai.loc[self.store.pegawai["nip_atasan"] == self.penilai, "nip"]
        if not len(bawahan):
            self.w_kelengkapan.value = ""
            return
        k = self.store.kelengkapan_bawahan(self.penilai, self.w_periode.value)
        self.w_kelengkapan.value = tabel_kelengkapan_html(k)


def pen_frame(nips):
    import pandas as pd

    return pd.DataFrame({"nip": list(nips)})


def tabel_kelengkapan_html(k) -> str:
    """HTML table: per bawahan, questionnaires assigned / complete / outstanding (no rater names)."""
    rows = "".join(
        f"<tr data-nip='{html.escape(r.nip)}'><td>{html.escape(str(r.nama))}</td><td>{r.ditugaskan}</td>"
        f"<td class='k360-sudah'>{r.sudah}</td><td class='k360-belum'>{r.belum}</td></tr>" for r in k.itertuples())
    return ("<h3 style='color:#1f3a5f'>Kelengkapan umpan balik 360 bawahan Anda</h3>"
            "<table class='k360-tabel' style='border-collapse:collapse'><thead><tr><th align='left'>Pegawai</th>"
            "<th>Kuesioner</th><th>Sudah diisi</th><th>Belum diisi</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            "<p class='k360-skala'>Hanya jumlah yang ditampilkan; siapa menjawab apa tidak pernah diperlihatkan.</p>")


def kuesioner_app(store, periode: str | None = None, penilai: str | None = None) -> W.Widget:
    """The questionnaire widget (for the notebook)."""
    return KuesionerApp(store, periode, penilai).widget

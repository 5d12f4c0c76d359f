"""The evaluator's form (``notebooks/02_form_penilaian.ipynb``, served by Voilà).

An evaluator (Pejabat Penilai) picks a periode and one of their bawahan, enters realisasi with bukti
dukung and umpan balik per indikator, rates the seven BerAKHLAK values, sees the *usulan* ratings
and the predikat update live, sets the final ratings (a reason is required when they differ from
the usulan) and presses ``Simpan``.

Everything is read and written through :class:`kinerja.store.core.Store`, which enforces scope (only
the evaluator's own bawahan), audit and optimistic concurrency. Scoring is the scheme's
(:mod:`kinerja.schemes.permenpanrb_2022`); nothing is computed here that the scheme computes.

Extension point (issue 6): :func:`daftar_usulan_perilaku` registers a provider
``fn(store, nip, periode) -> dict | None`` returning ``{"rating": code, "keterangan": text}``; the
form then shows "Usulan dari umpan balik 360" next to the suggestion from the value ratings. A
provider may also return ``per_nilai`` (aspek -> {usulan, skor, jumlah_penilai}) and ``catatan``
(sentences on merged / withheld rater groups): the form then shows the 360 suggestion of each
BerAKHLAK value beside the evaluator's own rating. The 360 feedback of the workspace database
(:func:`kinerja.report.laporan_360.usulan_perilaku_360`) is registered by default, and the form shows how
many of the 360 questionnaires about each bawahan are complete (counts only, never who answered).

The pure functions (:func:`periksa`, :func:`baca_realisasi`) hold the input rules and are tested
without a kernel; :class:`FormPenilaian` wires widgets to them.

Files: :mod:`.aturan` (input rules, number formats; pure), :mod:`.usulan` (extension point),
:mod:`.tampilan` (HTML pieces), :mod:`.gaya` (CSS), :mod:`.baris` (one indikator's widgets),
:mod:`.app` (the widgets and live computation), :mod:`.simpan` (saving), :mod:`.lingkungan`
(the notebook entry points).
"""

from kinerja.ui.form.aturan import (BELUM_DIPILIH, FINAL_PILIHAN, RATING_PILIHAN, STATUS_LABEL, baca_realisasi,
                                    format_angka, format_persen, is_rupiah, periksa, teks_input)
from kinerja.ui.form.usulan import _USULAN_PERILAKU, daftar_usulan_perilaku, usulan_perilaku_lain
from kinerja.ui.form.tampilan import kuadran_html, tabel_kelengkapan_360, tabel_unit, usulan_lain_html
from kinerja.ui.form.gaya import FORM_CSS
from kinerja.ui.form.app import FormPenilaian
from kinerja.ui.form.lingkungan import app_dari_lingkungan, form_penilaian, siapkan, siklus_periode

__all__ = ["BELUM_DIPILIH", "FINAL_PILIHAN", "FORM_CSS", "FormPenilaian", "RATING_PILIHAN", "STATUS_LABEL",
           "_USULAN_PERILAKU", "app_dari_lingkungan", "baca_realisasi", "daftar_usulan_perilaku", "form_penilaian",
           "format_angka", "format_persen", "is_rupiah", "kuadran_html", "periksa", "siapkan", "siklus_periode",
           "tabel_kelengkapan_360", "tabel_unit", "teks_input", "usulan_lain_html",
           "usulan_perilaku_lain"]

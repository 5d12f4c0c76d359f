"""Widget apps for the teaching notebooks (05 and 06), shown to participants as Voilà apps or slides.

Every function returns one ipywidgets container (class ``kt-app``) that a notebook cell displays.
The logic is in :mod:`kinerja.teach` (pure, unit-tested); these modules only lay it out and wire
callbacks. Texts are Bahasa Indonesia, calm and plain: one idea per app, generous spacing.
One job per module: :mod:`.tampilan` (look, layout, data loading), :mod:`.teks` (notebook prose
that states regulation numbers), :mod:`.predikat_2022` (notebook
05 apps), :mod:`.pp46` and :mod:`.kpi` (notebook 06 apps), :mod:`.latihan` (the exercise app).

CSS classes that tests and the browser test rely on: ``kt-latihan``, ``kt-pilihan`` (the answer
choices), ``kt-periksa`` (the check button), ``kt-umpan-balik`` plus ``kt-benar`` / ``kt-salah``
(feedback), ``kt-skor`` (score counter), ``kt-mode-pelatih`` (toggle), ``kt-kunci`` (answer key).
"""

from __future__ import annotations

from kinerja.ui.teach.kpi import bandingkan_skema, kpi_playground
from kinerja.ui.teach.latihan import _LatihanApp, latihan_2022, latihan_angka, latihan_app  # noqa: F401
from kinerja.ui.teach.pp46 import pp46_coba, pp46_waktu, rumus_pp46
from kinerja.ui.teach.predikat_2022 import berakhlak, kuadran_explorer, kurva_simulator, skp_ke_capaian, tabel_kuadran
from kinerja.ui.teach.tampilan import keterangan_data, muat_data
from kinerja.ui.teach.teks import teks_skema_angka

__all__ = ["muat_data", "keterangan_data", "tabel_kuadran", "skp_ke_capaian", "berakhlak", "kuadran_explorer", "kurva_simulator",
           "latihan_2022", "rumus_pp46", "pp46_waktu", "pp46_coba", "kpi_playground", "bandingkan_skema",
           "latihan_angka", "latihan_app", "teks_skema_angka"]

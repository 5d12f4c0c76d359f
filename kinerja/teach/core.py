"""Teaching logic for the sosialisasi notebooks (05 and 06), one job per module:

* :mod:`kinerja.teach.latihan`: exercises that check themselves, the score counter, "mode pelatih";
* :mod:`kinerja.teach.predikat_2022`: PermenPANRB 6/2022 exercises and simulators (notebook 05);
* :mod:`kinerja.teach.pp46`, :mod:`kinerja.teach.kpi`, :mod:`kinerja.teach.skema_angka`: the numeric
  schemes and their comparison (notebook 06);
* :mod:`kinerja.teach.contoh`: the data the apps start from; :mod:`kinerja.teach.sumber`: sources.

Pure logic: no widgets, no matplotlib. Every rule and number comes from the schemes
(:mod:`kinerja.schemes.permenpanrb_2022`, :mod:`kinerja.schemes.pp46_2011`, :mod:`kinerja.schemes.kpi`),
so what the workshop shows is what the toolkit computes. Texts a participant reads are Bahasa
Indonesia; hints name the rule and its page in the regulation (``Lampiran hlm. NN``).

This module gathers the public names for the widget apps (:mod:`kinerja.ui.teach`) and the tests.
"""

from __future__ import annotations

from kinerja.teach.contoh import (CONTOH_PP46, data_contoh, data_satu_pegawai,  # noqa: F401
                                  skp_contoh)
from kinerja.teach.kpi import kpi_config, simulasi_kpi, soal_kpi_nilai, soal_kpi_turun  # noqa: F401
from kinerja.teach.latihan import Hasil, Latihan, Skor, Soal, kunci_jawaban, periksa  # noqa: F401
from kinerja.teach.pp46 import (coba_pp46, kurva_nilai_waktu, langkah_waktu, soal_prestasi,  # noqa: F401
                                soal_sebutan, soal_waktu)
from kinerja.teach.predikat_2022 import (batas_kurva, jumlah_unit, latihan_2022, sel_kuadran,  # noqa: F401
                                         simulasi_capaian, simulasi_kurva, simulasi_perilaku, soal_kurva,
                                         soal_predikat, soal_usulan_hasil_kerja, soal_usulan_perilaku,
                                         usulan_dari_jumlah)
from kinerja.teach.skema_angka import alasan_perbedaan, bandingkan_skema, latihan_angka  # noqa: F401
from kinerja.teach.sumber import (RATING_PENDEK, SUMBER_BERAKHLAK, SUMBER_KPI, SUMBER_KUADRAN,  # noqa: F401
                                  SUMBER_KURVA, SUMBER_PP46, SUMBER_RATING_HK, SUMBER_RATING_PK, TIDAK, YA)

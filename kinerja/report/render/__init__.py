"""Charted feedback reports per pegawai and summaries per unit: HTML (self-contained) and PDF (A4).

The flow for a batch shard (see ``notebooks/03_laporan_pegawai.ipynb`` and :mod:`kinerja.batch.run`):

>>> lap = prepare("data_samples/instansi_contoh", "2026")        # load + score once per shard
>>> html = employee_html(lap, nip)                                  # one report, as a string
>>> result = render_shard(lap, out_dir="out/laporan", unit="Sekretariat", formats="html,pdf")

* Scoring is done once per shard (vectorised) by :func:`prepare`; each report then only slices the
  prepared frames, draws its charts and fills the Jinja2 templates in ``templates/report/``.
* The HTML is self-contained: CSS inline, charts as SVG ``data:`` URIs, no network reference.
  The PDF is rendered by WeasyPrint from the same template (A4, fonts embedded from the system's
  DejaVu Sans); WeasyPrint is never allowed to fetch anything over the network.
* Every file is written atomically (temporary file + rename) under a safe name
  (:func:`safe_name`), so a name or NIP cannot escape the output folder.
* Everything a user typed is escaped (Jinja2 autoescape).

Files: :mod:`.berkas` (safe names, atomic owner-only writes, paths), :mod:`.teks` (formatting,
templates), :mod:`.siapkan` (prepare, document dates), :mod:`.pegawai` (one pegawai's report and a
shard), :mod:`.unit` (unit summaries), :mod:`.pdf` (WeasyPrint).
"""

from kinerja.report.render.berkas import (  # noqa: F401
    FORMATS, safe_name, safe_path, _tulis, atomic_write, clean_tmp, employee_paths, unit_paths, is_fresh, parse_formats,
)
from kinerja.report.render.teks import (  # noqa: F401
    TEMPLATE_DIR, PEMBINAAN_PREDIKAT, format_nip, _text, _rating_label, pangkat_gol, _env, report_css, _aktif_label, _fmt_input, _tanggal, _periode_d11, _rentang, USULAN_WARNA, predikat_tampil, _predikat_colors, _warna,
)
from kinerja.report.render.siapkan import (  # noqa: F401
    Laporan, _instansi, inputs_mtime, _records_by_nip, _trend, prepare, akhir_periode, tanggal_evaluasi, tanggal_dokumen, _as_date,
)
from kinerja.report.render.pdf import (  # noqa: F401
    _pdf_tools, html_to_pdf,
)
from kinerja.report.render.pegawai import (  # noqa: F401
    _kuadran_uri, _uri, _identitas, employee_context, employee_html, write_employee, render_shard, shard_summary, shard_failures, STATUS_LABEL,
)
from kinerja.report.render.unit import (  # noqa: F401
    unit_context, _alasan_pembinaan, unit_html, write_unit, render_units, unit_table,
)

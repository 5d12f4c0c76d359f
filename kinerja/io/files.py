"""Reading, validating and writing a workspace (the files described in :mod:`kinerja.domain.schema`).

A workspace is a folder of CSV files (``pegawai.csv``, ``skp.csv`` ...), a folder holding one
``.xlsx`` workbook, or an ``.xlsx`` path, with one sheet per file name.

Loading is all-or-nothing: :func:`load_workspace` either returns a fully typed and cross-checked
:class:`Workspace` or raises :class:`kinerja.errors.ValidationErrors` listing every problem found
(file, sheet, Excel-style row, column, Indonesian message). Nothing is partially loaded.

How validation is organised (so it stays fast and easy to extend):

* Every cell is read as a string (:func:`read_table`).
* Each column is converted by the converter of its ``Column.kind`` (see ``KINDS``). Converters work
  on the *unique* values of a column (``pd.factorize``), so a 1,000,000-row file with 100,000
  distinct NIPs checks 100,000 NIPs, and string work is vectorised. Python loops run only over
  unique values that need per-value handling (periode, rating) or over the bad rows when reporting.
* Files are driven by ``schema.FILES``: registering a new ``FileSpec`` there is enough for it to be
  read, type-checked, key-checked and put into ``Workspace.extra``.
* Checks across files are the functions in ``CROSS_CHECKS``; each receives a :class:`_Context`
  and reports through it. Add a function to extend them.
* Per-file normalisation after validation (e.g. filling ``skp.arah``) lives in ``POST_PROCESS``.

The work is split into one-job modules; this module re-exports them so ``kinerja.io.files`` stays
the one import for callers:

* :mod:`kinerja.io.workspace`: the Workspace dataclass, file names, dtypes;
* :mod:`kinerja.io.convert`:   column converters (text, nip, num, periode, enum ...);
* :mod:`kinerja.io.validate`:  per-file and cross-file checks, ``validate_frames``;
* :mod:`kinerja.io.read`:      CSV/XLSX reading, ``read_table``, ``load_workspace``;
* :mod:`kinerja.io.write`:     ``write_workspace`` (export).
"""

from kinerja.domain.angka import parse_numbers  # noqa: F401
from kinerja.io.convert import (CACHED, COLUMN_CONVERTERS, KINDS, Converter, _cell_str, _conv_enum,  # noqa: F401
                                _conv_nip, _conv_num, _conv_tahun, _conv_text, _key, _per_value)
from kinerja.io.read import (_detect_encoding, _drop_empty_rows, _find_workbook, _open_workbook,  # noqa: F401
                             _read_csv, _ReadError, _sheet_frame, _sniff_sep, closest_name, load_workspace,
                             merged_ranges, read_files, read_table)
from kinerja.io.validate import (CROSS_CHECKS, POST_PROCESS, _check_column, _check_file,  # noqa: F401
                                 _check_keys, _Context, _finish, _Full, _group_codes, _membership,
                                 _raw_strings, _validate, validate_frames)
from kinerja.io.workspace import (CORE_FILES, CSV_SUFFIXES, EXCEL_SUFFIXES, WORKBOOK_NAME,  # noqa: F401
                                  Workspace, _empty_frame, _norm_header, _typed, _workspace_from,
                                  empty_workspace)
from kinerja.io.write import _atomic_target, _cell_value, write_workspace  # noqa: F401

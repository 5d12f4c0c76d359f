"""Scoring schemes. Each module has its regulation primitives as plain functions, a vectorised
``score(data, config=None) -> DataFrame`` over every pegawai of a :class:`kinerja.dataset.PeriodeData`
and ``explain(data, nip, config=None) -> kinerja.explain.Explanation``.

Every ``score`` frame has one row per pegawai with at least these columns:
``nip, nama, unit, nilai, predikat`` (``nilai`` is the scheme's headline number; for
permenpanrb-2022, where the result is a judgement, it is the mean RHK capaian in percent).
"""

from __future__ import annotations

import importlib

SCHEMES = {
    "permenpanrb-2022": "kinerja.schemes.permenpanrb_2022",
    "pp46-2011": "kinerja.schemes.pp46_2011",
    "kpi": "kinerja.schemes.kpi",
}
DEFAULT = "permenpanrb-2022"


def get_scheme(name: str = DEFAULT):
    """Return the scheme module for ``name`` (``permenpanrb-2022``, ``pp46-2011`` or ``kpi``)."""
    key = name.strip().lower().replace("_", "-")
    if key not in SCHEMES:
        raise ValueError(f"skema '{name}' tidak dikenal; pilih salah satu dari: {', '.join(SCHEMES)}")
    return importlib.import_module(SCHEMES[key])

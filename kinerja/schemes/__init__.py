"""Scoring schemes. Each module has its regulation primitives as plain functions, a vectorised
``score(data, config=None) -> DataFrame`` over every pegawai of a :class:`kinerja.dataset.frames.PeriodeData`
and ``explain(data, nip, config=None) -> kinerja.schemes.explain.Explanation``.

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


def periode_data(ws, periode, config: dict | None = None):
    """The :class:`kinerja.dataset.PeriodeData` of ``periode`` for scoring: the workspace's frames
    (:func:`kinerja.dataset.build_periode_data`) with the realisasi that schemes derive, i.e. an IKI
    whose ``sumber`` is ``ikm`` takes the IKM of the pegawai's unit (:mod:`kinerja.schemes.ikm`)."""
    from kinerja.dataset import build_periode_data
    from kinerja.schemes.ikm import isi_realisasi_ikm

    data = build_periode_data(ws, periode, config)
    data.indikator = isi_realisasi_ikm(data.indikator, ws, data.periode)
    return data


def get_scheme(name: str = DEFAULT):
    """Return the scheme module for ``name`` (``permenpanrb-2022``, ``pp46-2011`` or ``kpi``)."""
    key = name.strip().lower().replace("_", "-")
    if key not in SCHEMES:
        raise ValueError(f"skema '{name}' tidak dikenal; pilih salah satu dari: {', '.join(SCHEMES)}")
    return importlib.import_module(SCHEMES[key])

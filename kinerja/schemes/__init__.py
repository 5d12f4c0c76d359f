"""Scoring schemes. Each scheme module conforms to :class:`Scheme`: metadata (``NAME``, ``LABEL``),
``load_config(path=None, workspace=None) -> dict`` (the shipped config, overlaid by the workspace's copy
and by an explicit file), a vectorised ``score(data, config=None) -> DataFrame`` over every pegawai of a
:class:`kinerja.dataset.frames.PeriodeData` and ``explain(data, nip, config=None) -> Explanation``.
Callers (CLI, reports, form, teaching) get a scheme with :func:`get_scheme` and pass the config they
loaded with its ``load_config`` to ``score`` / ``explain``; ``config=None`` means the shipped default.

Every ``score`` frame has one row per pegawai with at least these columns:
``nip, nama, unit, nilai, predikat`` (``nilai`` is the scheme's headline number; for
permenpanrb-2022, where the result is a judgement, it is the mean RHK capaian in percent).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

SCHEMES = {
    "permenpanrb-2022": "kinerja.schemes.permenpanrb_2022",
    "pp46-2011": "kinerja.schemes.pp46_2011",
    "kpi": "kinerja.schemes.kpi",
}
DEFAULT = "permenpanrb-2022"


@runtime_checkable
class Scheme(Protocol):
    """What every scoring scheme module provides (``isinstance(module, Scheme)`` checks the names)."""

    NAME: str    # the CLI name, e.g. "pp46-2011"
    LABEL: str   # the title shown in reports and explanations, e.g. "PP 46/2011"

    def load_config(self, path: str | Path | None = None, workspace: str | Path | None = None) -> dict: ...

    def score(self, data: Any, config: dict | None = None) -> Any: ...

    def explain(self, data: Any, nip: str, config: dict | None = None) -> Any: ...


def periode_data(ws, periode, config: dict | None = None):
    """The :class:`kinerja.dataset.PeriodeData` of ``periode`` for scoring: the workspace's frames
    (:func:`kinerja.dataset.build_periode_data`) with the realisasi that schemes derive, i.e. an IKI
    whose ``sumber`` is ``ikm`` takes the IKM of the pegawai's unit (:mod:`kinerja.schemes.ikm`)."""
    from kinerja.dataset import build_periode_data
    from kinerja.schemes.ikm import isi_realisasi_ikm

    data = build_periode_data(ws, periode, config)
    data.indikator = isi_realisasi_ikm(data.indikator, ws, data.periode)
    return data


def get_scheme(name: str = DEFAULT) -> Scheme:
    """Return the scheme module for ``name`` (``permenpanrb-2022``, ``pp46-2011`` or ``kpi``)."""
    key = name.strip().lower().replace("_", "-")
    if key not in SCHEMES:
        raise ValueError(f"skema '{name}' tidak dikenal; pilih salah satu dari: {', '.join(SCHEMES)}")
    return importlib.import_module(SCHEMES[key])

"""The validated :class:`Workspace` (one typed DataFrame per file of ``schema.FILES``) and the file
names and dtypes every io module shares."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from kinerja.domain import schema

CORE_FILES = ("pegawai", "skp", "realisasi", "perilaku", "penilaian", "organisasi")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
WORKBOOK_NAME = "kinerja.xlsx"


# ----------------------------------------------------------------------------------------------
# Workspace
# ----------------------------------------------------------------------------------------------

@dataclass
class Workspace:
    """A validated workspace: one typed DataFrame per file of ``schema.FILES``.

    Every schema column exists in every frame (optional columns absent from the input are empty).
    Files registered in ``schema.FILES`` beyond the six core ones are in ``extra``.
    """

    pegawai: pd.DataFrame
    skp: pd.DataFrame
    realisasi: pd.DataFrame
    perilaku: pd.DataFrame
    penilaian: pd.DataFrame
    organisasi: pd.DataFrame
    path: Path | None = None
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    peringatan: list = field(default_factory=list, compare=False)
    """Warnings found while validating (not errors: the data loaded), as InputError naming file,
    sheet, row and column, e.g. an ambiguous ``2.400`` the column decided (kinerja.io.validate)."""

    def tables(self) -> dict[str, pd.DataFrame]:
        """All frames by file name: the core files first, then ``extra``."""
        out = {name: getattr(self, name) for name in CORE_FILES}
        out.update(self.extra)
        return out

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name in CORE_FILES:
            return getattr(self, name)
        if name in self.extra:
            return self.extra[name]
        spec = schema.FILES.get(name)
        if spec is None:
            raise KeyError(name)
        return _empty_frame(spec)


def _workspace_from(tables: dict[str, pd.DataFrame], path: Path | None) -> Workspace:
    core = {name: tables[name] for name in CORE_FILES}
    extra = {name: df for name, df in tables.items() if name not in CORE_FILES}
    return Workspace(**core, path=path, extra=extra)


def empty_workspace() -> Workspace:
    """A valid workspace with no rows (every schema column present, typed). The typed empty frames
    are built once (216 Series) and copied: a form save builds one per usulan."""
    return _workspace_from({name: df.copy() for name, df in _empty_frames().items()}, None)


@lru_cache(maxsize=1)
def _empty_frames() -> dict[str, pd.DataFrame]:
    return {name: _empty_frame(spec) for name, spec in schema.FILES.items()}


def _typed(kind: str, values, nullable: bool = True) -> pd.Series:
    """The final Series for a column of ``kind`` (one place decides dtypes)."""
    if kind == "num":
        return pd.Series(values, dtype="float64")
    if kind == "tahun":
        s = pd.Series(values, dtype="float64")
        return s.astype("Int64" if nullable else "int64")
    return pd.Series(values, dtype=str)


def _empty_frame(spec: schema.FileSpec) -> pd.DataFrame:
    return pd.DataFrame({c.name: _typed(c.kind, [], c.nullable) for c in spec.columns})


def _norm_header(h) -> str:
    """A header, file stem or sheet name as a schema name (``Nama Pegawai`` -> ``nama_pegawai``)."""
    return re.sub(r"[\s\-]+", "_", str(h).replace("\ufeff", "").strip().lower())

"""The workspace database: SQLAlchemy Core, Alembic-versioned, the source of truth once initialised.

Default location: ``WORKSPACE/kinerja.db`` (SQLite in WAL mode, busy timeout 30 s, created 0600);
any SQLAlchemy URL works the same way (``--db`` / ``KINERJA_DB_URL``), PostgreSQL included. Opening a
:class:`Store` upgrades an older database in place (Alembic, ``kinerja/store/migrations``).

One job per module:

* :mod:`kinerja.store.engine`   -- URL, engine, the read snapshot and the write lock;
* :mod:`kinerja.store.tables`   -- tables and value conversions;
* :mod:`kinerja.store.lembar`   -- evaluation sheets: scoped reads in one snapshot, saves (versi,
  override reason, partial saves, failed saves);
* :mod:`kinerja.store.transfer` -- init / import (merge, plan, konflik, one transaction) / export;
* :mod:`kinerja.store.audit`    -- the audit trail;
* :mod:`kinerja.store.backup`   -- backup;
* this module                   -- :class:`Store`, which joins them, and whole-table reads.

Tables: one per workspace file of :mod:`kinerja.domain.schema` (the 360 tables shared with
:mod:`kinerja.store.store_360`); ``lembar`` (periode, nip) -> ``versi``; ``audit``; ``impor``.
The store knows no scoring: it stores and returns data; ``kinerja.schemes`` scores it, and
``kinerja.services`` is where callers go (scope, override reason with the scheme's usulan, audit identity).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from kinerja.domain import schema
from kinerja.store.audit import AuditMixin
from kinerja.store.backup import BackupMixin
from kinerja.store.engine import DB_FILENAME, make_engine, read_tx, url_for  # noqa: F401  (re-exported)
from kinerja.store.lembar import FORM_COLUMNS, Lembar, SheetMixin  # noqa: F401  (re-exported)
from kinerja.store.tables import _raw_column, build_metadata
from kinerja.store.transfer import ImportResult, TransferMixin  # noqa: F401  (re-exported)

HEAD = "0003"


class Store(SheetMixin, TransferMixin, AuditMixin, BackupMixin):
    """The workspace database. ``Store(url)`` opens it and upgrades its schema to the newest."""

    def __init__(self, url: str, *, upgrade: bool = True, busy_timeout: float | None = None):
        self.url = str(url)
        self.engine = make_engine(self.url, busy_timeout=busy_timeout)
        self.md = build_metadata()
        self.t = self.md.tables
        if upgrade:
            self.upgrade()

    @classmethod
    def for_workspace(cls, workspace=None, db: str | None = None) -> "Store":
        return cls(url_for(workspace, db))

    # --------------------------------------------------------------- schema

    def revision(self) -> str | None:
        insp = sa.inspect(self.engine)
        if not insp.has_table("alembic_version"):
            return None
        with self.engine.connect() as con:
            return con.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()

    def upgrade(self) -> None:
        """Bring the database to the newest schema (Alembic ``upgrade head``), in place."""
        if self.revision() == HEAD:
            return
        from alembic import command

        command.upgrade(alembic_config(self.engine), "head")

    # --------------------------------------------------------------- reading whole tables

    def _frame(self, con, name: str, where=None) -> pd.DataFrame:
        spec = schema.FILES[name]
        t = self.t[name]
        q = sa.select(*[t.c[c] for c in spec.column_names])
        if where is not None:
            q = q.where(where)
        rows = con.execute(q).all()
        if not rows:
            return pd.DataFrame({c: pd.Series([], dtype=object) for c in spec.column_names})
        cols = list(zip(*rows))
        return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in zip(spec.column_names, cols)})

    def raw_frames(self, con=None) -> dict[str, pd.DataFrame]:
        """Every file as raw strings, as :func:`kinerja.io.files.read_table` would return them."""
        if con is None:
            with read_tx(self.engine) as c:
                return self.raw_frames(c)
        out = {}
        for name, spec in schema.FILES.items():
            df = self._frame(con, name)
            out[name] = pd.DataFrame({c.name: _raw_column(df[c.name], c.kind) for c in spec.columns}, dtype=object)
        return out

    def _workspace(self, con):
        from kinerja.io.files import validate_frames

        frames = self.raw_frames(con)
        return validate_frames(frames, {n: (f"basis data: tabel {n}", None) for n in frames})

    def to_workspace(self):
        """The whole current state (one snapshot) as a validated :class:`kinerja.io.files.Workspace`."""
        with read_tx(self.engine) as con:
            return self._workspace(con)

    def _is_empty(self, con) -> bool:
        return con.execute(sa.select(sa.func.count()).select_from(self.t["pegawai"])).scalar() == 0

    def is_empty(self) -> bool:
        with self.engine.connect() as con:
            return self._is_empty(con)


def alembic_config(engine: sa.Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


__all__ = ["Store", "Lembar", "ImportResult", "make_engine", "url_for", "build_metadata", "DB_FILENAME"]

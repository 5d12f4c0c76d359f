"""The one way to reach a workspace database: its URL, an engine with the right settings, and the
two kinds of transaction every store module uses.

* :func:`read_tx` -- one consistent snapshot for several SELECTs (SQLite: a real ``BEGIN``, which
  pysqlite would otherwise not send before a SELECT, so each statement saw its own snapshot;
  PostgreSQL: ``REPEATABLE READ``).
* :func:`write_tx` -- a write transaction that holds the write lock from its first statement
  (SQLite: ``BEGIN IMMEDIATE``, so a read-then-write never meets a newer snapshot; PostgreSQL: an
  advisory transaction lock, shared for a save and exclusive for an import, so an import diffs and
  writes while no save runs).

A new SQLite database file is created owner-only (0600); SQLite gives its ``-wal`` and ``-shm``
files the same mode.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import sqlalchemy as sa

DB_FILENAME = "kinerja.db"
BUSY_TIMEOUT_S = 30.0          # how long a writer waits for the SQLite write lock
_PG_LOCK_KEY = 7_246_131       # pg_advisory_xact_lock key of the workspace's write lock


def db_url_for(path=None, db_url: str | None = None) -> str | None:
    """The database URL of a workspace, or None when it has no database yet (before ``kinerja init``)."""
    url = db_url or os.environ.get("KINERJA_DB_URL")
    if url:
        return url
    if path is not None and (Path(path) / DB_FILENAME).is_file():
        return f"sqlite:///{(Path(path) / DB_FILENAME).resolve()}"
    return None


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases, in-memory or URI-mode URLs)."""
    u = sa.engine.make_url(url)
    if not u.drivername.startswith("sqlite") or not u.database or u.database == ":memory:":
        return None
    if u.database.startswith("file:"):
        return None
    return Path(u.database)


def _create_private(path: Path) -> None:
    if not path.exists() and path.parent.is_dir():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def make_engine(url: str, busy_timeout: float | None = None) -> sa.Engine:
    """An engine for ``url``.

    SQLite: WAL journal, busy timeout (``busy_timeout`` seconds, default ``KINERJA_DB_BUSY_TIMEOUT``
    or 30), synchronous=NORMAL (safe in WAL), transactions begun explicitly (see :func:`read_tx`).
    PostgreSQL: the same wait as ``lock_timeout``.
    """
    url = str(url)
    if url.startswith("sqlite"):
        if busy_timeout is None:
            busy_timeout = float(os.environ.get("KINERJA_DB_BUSY_TIMEOUT") or BUSY_TIMEOUT_S)
        path = sqlite_path(url)
        if path is not None:
            _create_private(path)
        connect_args = {"timeout": busy_timeout, "check_same_thread": False}
        if "mode=ro" in url:
            connect_args["uri"] = True
        eng = sa.create_engine(url, connect_args=connect_args)

        @sa.event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _rec):
            dbapi_conn.isolation_level = None  # we send BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            try:
                cur.execute("PRAGMA journal_mode=WAL")
            except Exception:  # noqa: BLE001  read-only database: keep its journal mode
                pass
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @sa.event.listens_for(eng, "begin")
        def _begin(conn):
            conn.exec_driver_sql("BEGIN " + conn.get_execution_options().get("kinerja_begin", "DEFERRED"))

        return eng
    kw = {}
    if sa.engine.make_url(url).drivername in ("postgresql", "postgresql+psycopg", "postgresql+psycopg2"):
        if busy_timeout is None:
            busy_timeout = float(os.environ.get("KINERJA_DB_BUSY_TIMEOUT") or BUSY_TIMEOUT_S)
        # a writer waits for the write lock at most as long as on SQLite, then fails cleanly
        kw["connect_args"] = {"options": f"-c lock_timeout={int(busy_timeout * 1000)}"}
    return sa.create_engine(url, pool_pre_ping=True, **kw)


@contextlib.contextmanager
def read_tx(engine: sa.Engine):
    """A connection whose reads all see one snapshot; nothing is written."""
    with engine.connect() as con:
        if engine.dialect.name == "postgresql":
            con.execution_options(isolation_level="REPEATABLE READ")
        with con.begin():
            yield con


@contextlib.contextmanager
def write_tx(engine: sa.Engine, exclusive: bool = False):
    """A write transaction holding the workspace's write lock from its start; commits on success.

    ``exclusive``: an import (no save runs meanwhile). On SQLite every writer is exclusive anyway.
    """
    with engine.connect() as con:
        if engine.dialect.name == "sqlite":
            con.execution_options(kinerja_begin="IMMEDIATE")
        with con.begin():
            if engine.dialect.name == "postgresql":
                fn = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
                con.execute(sa.text(f"SELECT {fn}(:k)"), {"k": _PG_LOCK_KEY})
            yield con


def url_for(workspace=None, db: str | None = None) -> str:
    """The database URL for a workspace folder: ``db`` / ``KINERJA_DB_URL`` or ``WORKSPACE/kinerja.db``."""
    url = db or os.environ.get("KINERJA_DB_URL")
    if url:
        return url
    if workspace is None:
        raise ValueError("workspace folder or database URL needed")
    return f"sqlite:///{(Path(workspace) / DB_FILENAME).resolve()}"

"""The one way to reach a workspace database: its URL and an engine with the right settings."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

DB_FILENAME = "kinerja.db"


def db_url_for(path=None, db_url: str | None = None) -> str | None:
    """The database URL of a workspace, or None when it has no database yet (before ``kinerja init``)."""
    url = db_url or os.environ.get("KINERJA_DB_URL")
    if url:
        return url
    if path is not None and (Path(path) / DB_FILENAME).is_file():
        return f"sqlite:///{(Path(path) / DB_FILENAME).resolve()}"
    return None


def make_engine(url: str) -> sa.Engine:
    """An engine for ``url``. SQLite: WAL journal, busy timeout, synchronous=NORMAL (safe in WAL)."""
    if url.startswith("sqlite"):
        eng = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _rec):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return eng
    return sa.create_engine(url, pool_pre_ping=True)


def url_for(workspace=None, db: str | None = None) -> str:
    """The database URL for a workspace folder: ``db`` / ``KINERJA_DB_URL`` or ``WORKSPACE/kinerja.db``."""
    url = db or os.environ.get("KINERJA_DB_URL")
    if url:
        return url
    if workspace is None:
        raise ValueError("workspace folder or database URL needed")
    return f"sqlite:///{(Path(workspace) / DB_FILENAME).resolve()}"



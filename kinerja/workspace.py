"""Open a workspace for reading, wherever its data lives.

A workspace folder starts as files (CSV or one XLSX). Once ``kinerja init`` has created its
database (``WORKSPACE/kinerja.db``, or any SQLAlchemy URL given with ``db_url`` / ``KINERJA_DB_URL``),
the database is the source of truth and the files are only the import source.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_FILENAME = "kinerja.db"


def db_url_for(path=None, db_url: str | None = None) -> str | None:
    """The database URL of a workspace, or None when it has no database yet."""
    url = db_url or os.environ.get("KINERJA_DB_URL")
    if url:
        return url
    if path is not None and (Path(path) / DB_FILENAME).is_file():
        return f"sqlite:///{(Path(path) / DB_FILENAME).resolve()}"
    return None


def open_workspace(path=None, db_url: str | None = None):
    """A validated ``kinerja.io.Workspace``: from the store when there is a database, else from files."""
    url = db_url_for(path, db_url)
    if url:
        from kinerja.store import Store

        ws = Store(url).to_workspace()
        ws.path = Path(path) if path is not None else None
        return ws
    from kinerja.io import load_workspace

    return load_workspace(path)

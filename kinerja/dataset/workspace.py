"""Open a workspace for reading, wherever its data lives.

A workspace folder starts as files (CSV or one XLSX). Once ``kinerja init`` has created its
database (``WORKSPACE/kinerja.db``, or any SQLAlchemy URL given with ``db_url`` / ``KINERJA_DB_URL``),
the database is the source of truth and the files are only the import source.
"""

from __future__ import annotations

from pathlib import Path

from kinerja.store.engine import db_url_for


def open_workspace(path=None, db_url: str | None = None):
    """A validated ``kinerja.io.files.Workspace``: from the store when there is a database, else from files."""
    url = db_url_for(path, db_url)
    if url:
        from kinerja.store.core import Store  # noqa: PLC0415  (sqlalchemy only when there is a database)

        ws = Store(url).to_workspace()
        ws.path = Path(path) if path is not None else None
        return ws
    from kinerja.io.files import load_workspace

    return load_workspace(path)

"""Backup of the workspace database: a consistent copy of SQLite while the app runs (SQLite's online
backup), owner-only (0600). PostgreSQL is backed up with its own tool, ``pg_dump``."""

from __future__ import annotations

import os
from pathlib import Path

PESAN_PG = ("Cadangan otomatis hanya untuk SQLite. Untuk PostgreSQL gunakan pg_dump, mis.: "
            "pg_dump --format=custom --file=kinerja.dump '{url}'")


class BackupMixin:
    def backup(self, target) -> Path:
        """A consistent copy of an SQLite database while it is in use (SQLite online backup)."""
        import sqlite3

        from kinerja.errors import KinerjaError

        if self.engine.dialect.name != "sqlite":
            url = self.engine.url.render_as_string(hide_password=True)
            raise KinerjaError(PESAN_PG.format(url=url))
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        if tmp.exists():
            tmp.unlink()
        os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600))
        raw = self.engine.raw_connection()
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                raw.driver_connection.backup(dst)
            finally:
                dst.close()
        finally:
            raw.close()
        os.replace(tmp, target)
        return target

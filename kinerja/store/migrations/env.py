"""Alembic environment for the kinerja workspace database.

kinerja runs migrations programmatically (``kinerja.store.core.Store.upgrade``): the engine is passed in
``config.attributes["engine"]``. Running ``alembic`` by hand works too: set ``KINERJA_DB_URL``.
"""

from __future__ import annotations

import os

from alembic import context

config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from kinerja.store.core import make_engine

        engine = make_engine(os.environ["KINERJA_DB_URL"])
    with engine.begin() as connection:
        context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():  # pragma: no cover
    raise SystemExit("kinerja migrations run online only (set KINERJA_DB_URL)")
run_migrations_online()

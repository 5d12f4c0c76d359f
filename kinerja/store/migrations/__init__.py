"""Alembic migrations of the workspace database (see kinerja.store.core)."""

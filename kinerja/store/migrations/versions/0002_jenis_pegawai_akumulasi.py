"""Issue 10 data columns: pegawai.jenis_pegawai (PNS / PPPK / PPPK paruh waktu) and skp.akumulasi.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26

NOTE for the integrator: migration 0002 of this round belongs to the ``access`` branch (accounts and
roles). These two ``add_column`` operations are meant to be folded into that one migration; this
file exists so the ``data`` branch is testable on its own. Both columns are nullable text, so existing
rows stay valid (an empty jenis_pegawai is inferred from the number, an empty akumulasi from aspek/satuan).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_COLUMNS = (("pegawai", "jenis_pegawai"), ("skp", "akumulasi"))


def upgrade() -> None:
    insp = sa.inspect(op.get_bind())
    for table, column in _COLUMNS:
        if insp.has_table(table) and column not in {c["name"] for c in insp.get_columns(table)}:
            with op.batch_alter_table(table) as batch:
                batch.add_column(sa.Column(column, sa.Text(), nullable=True))


def downgrade() -> None:
    for table, column in _COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)

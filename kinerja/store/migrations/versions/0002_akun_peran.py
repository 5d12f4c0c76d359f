"""This round's one migration:

* issue 11: accounts and roles (``akun``, ``akun_peran``) and the closing of a 360 collection
  (``penutupan_360``);
* issue 10 data columns (folded in from the ``data`` branch): pegawai.jenis_pegawai (PNS / PPPK /
  PPPK paruh waktu) and skp.akumulasi, nullable text, so existing rows stay valid (an empty
  jenis_pegawai is inferred from the number, an empty akumulasi from aspek/satuan).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
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
    if not insp.has_table("akun"):
        op.create_table(
            "akun",
            sa.Column("username", sa.String(128), primary_key=True),
            sa.Column("nip", sa.String(18)),
            sa.Column("sandi_hash", sa.Text()),
            sa.Column("aktif", sa.Integer(), nullable=False, server_default="1"),
            sa.Column("dibuat", sa.String(32), nullable=False),
            sa.Column("diubah", sa.String(32), nullable=False),
        )
        op.create_index("ix_akun_nip", "akun", ["nip"])
    if not insp.has_table("akun_peran"):
        op.create_table(
            "akun_peran",
            sa.Column("username", sa.String(128), primary_key=True),
            sa.Column("peran", sa.String(32), primary_key=True),
            sa.Column("cakupan", sa.String(128), primary_key=True, server_default=""),
        )
    if not insp.has_table("penutupan_360"):
        op.create_table(
            "penutupan_360",
            sa.Column("periode", sa.String(16), primary_key=True),
            sa.Column("ditutup_oleh", sa.String(128), nullable=False),
            sa.Column("ditutup_pada", sa.String(32), nullable=False),
        )


def downgrade() -> None:
    op.drop_table("penutupan_360")
    op.drop_table("akun_peran")
    op.drop_index("ix_akun_nip", table_name="akun")
    op.drop_table("akun")
    for table, column in _COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)

"""Issue 10: mutasi and Plt./Plh.

* ``penempatan``: a pegawai's placements within a year (one SKP per placement);
* ``plt``: Plt./Plh. assignments;
* ``skp.mulai``: the placement an SKP row belongs to (empty for pegawai who did not move);

issue 11: ``login_gagal``, failed logins kept across server restarts (the login rate limit).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    insp = sa.inspect(op.get_bind())
    if insp.has_table("skp") and "mulai" not in {c["name"] for c in insp.get_columns("skp")}:
        with op.batch_alter_table("skp") as batch:
            batch.add_column(sa.Column("mulai", sa.Text(), nullable=True))
    if not insp.has_table("penempatan"):
        op.create_table(
            "penempatan",
            sa.Column("nip", sa.Text(), primary_key=True),
            sa.Column("mulai", sa.Text(), primary_key=True),
            sa.Column("unit", sa.Text(), nullable=True),
            sa.Column("jabatan", sa.Text(), nullable=True),
            sa.Column("jenis_jabatan", sa.Text(), nullable=True),
            sa.Column("nip_atasan", sa.Text(), nullable=True),
        )
        op.create_index("ix_penempatan_nip", "penempatan", ["nip"])
    if not insp.has_table("plt"):
        op.create_table(
            "plt",
            sa.Column("nip", sa.Text(), primary_key=True),
            sa.Column("jenis", sa.Text(), nullable=True),
            sa.Column("jabatan", sa.Text(), nullable=True),
            sa.Column("unit", sa.Text(), primary_key=True),
            sa.Column("mulai", sa.Text(), primary_key=True),
            sa.Column("selesai", sa.Text(), nullable=True),
            sa.Column("nip_atasan", sa.Text(), nullable=True),
        )
        op.create_index("ix_plt_nip", "plt", ["nip"])
    if not insp.has_table("login_gagal"):
        op.create_table(
            "login_gagal",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("kunci", sa.String(200), nullable=False),
            sa.Column("waktu", sa.Float(), nullable=False),
        )
        op.create_index("ix_login_gagal_kunci", "login_gagal", ["kunci", "waktu"])


def downgrade() -> None:
    op.drop_index("ix_login_gagal_kunci", table_name="login_gagal")
    op.drop_table("login_gagal")
    op.drop_index("ix_plt_nip", table_name="plt")
    op.drop_table("plt")
    op.drop_index("ix_penempatan_nip", table_name="penempatan")
    op.drop_table("penempatan")
    with op.batch_alter_table("skp") as batch:
        batch.drop_column("mulai")

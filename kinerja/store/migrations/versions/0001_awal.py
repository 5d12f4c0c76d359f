"""Initial schema: one table per workspace file, lembar (versions), audit, impor.

Revision ID: 0001
Revises:
Create Date: 2026-01-01

Tables that already exist are left alone: the 360 tables may have been created earlier by
kinerja.store.store_360 (same definitions).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _create(insp, name, *cols):
    if not insp.has_table(name):
        op.create_table(name, *cols)


def _index(insp, name, table, cols, unique=False):
    if name not in {ix["name"] for ix in insp.get_indexes(table)}:
        op.create_index(name, table, cols, unique=unique)


def upgrade() -> None:
    insp = sa.inspect(op.get_bind())
    _create(insp, 'audit',
            sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column('waktu', sa.String(32), nullable=False),
            sa.Column('oleh', sa.String(128), nullable=False),
            sa.Column('tabel', sa.String(32), nullable=False),
            sa.Column('periode', sa.String(16)),
            sa.Column('nip', sa.String(18)),
            sa.Column('kunci', sa.Text()),
            sa.Column('kolom', sa.String(64)),
            sa.Column('lama', sa.Text()),
            sa.Column('baru', sa.Text()),
            )
    _index(insp, 'ix_audit_nip', 'audit', ['nip', 'periode'], unique=False)
    _create(insp, 'ikm',
            sa.Column('_id', sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column('unit', sa.Text()),
            sa.Column('periode', sa.Text()),
            sa.Column('responden', sa.Text()),
            sa.Column('u1', sa.Float()),
            sa.Column('u2', sa.Float()),
            sa.Column('u3', sa.Float()),
            sa.Column('u4', sa.Float()),
            sa.Column('u5', sa.Float()),
            sa.Column('u6', sa.Float()),
            sa.Column('u7', sa.Float()),
            sa.Column('u8', sa.Float()),
            sa.Column('u9', sa.Float()),
            )
    _index(insp, 'ix_ikm_key', 'ikm', ['unit', 'periode', 'responden'], unique=True)
    _create(insp, 'impor',
            sa.Column('id', sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column('waktu', sa.String(32), nullable=False),
            sa.Column('oleh', sa.String(128), nullable=False),
            sa.Column('berkas', sa.Text(), nullable=False),
            sa.Column('sha256', sa.String(64)),
            sa.Column('perubahan', sa.Text()),
            )
    _create(insp, 'lembar',
            sa.Column('periode', sa.String(16), primary_key=True),
            sa.Column('nip', sa.String(18), primary_key=True),
            sa.Column('versi', sa.Integer(), nullable=False, server_default='0'),
            sa.Column('diubah_oleh', sa.String(64)),
            sa.Column('diubah_pada', sa.String(32)),
            )
    _create(insp, 'organisasi',
            sa.Column('unit', sa.Text(), primary_key=True),
            sa.Column('periode', sa.Text(), primary_key=True),
            sa.Column('capaian', sa.Text()),
            sa.Column('instansi', sa.Text()),
            )
    _create(insp, 'pegawai',
            sa.Column('nip', sa.Text(), primary_key=True),
            sa.Column('nama', sa.Text()),
            sa.Column('pangkat', sa.Text()),
            sa.Column('golongan', sa.Text()),
            sa.Column('jabatan', sa.Text()),
            sa.Column('jenis_jabatan', sa.Text()),
            sa.Column('unit', sa.Text()),
            sa.Column('nip_atasan', sa.Text()),
            sa.Column('jenjang', sa.Text()),
            sa.Column('koefisien_ak', sa.Float()),
            )
    _index(insp, 'ix_pegawai_nip_atasan', 'pegawai', ['nip_atasan'], unique=False)
    _create(insp, 'penilaian',
            sa.Column('periode', sa.Text(), primary_key=True),
            sa.Column('nip', sa.Text(), primary_key=True),
            sa.Column('rating_hasil_kerja', sa.Text()),
            sa.Column('rating_perilaku', sa.Text()),
            sa.Column('alasan', sa.Text()),
            sa.Column('catatan', sa.Text()),
            sa.Column('nilai_tugas_tambahan', sa.Float()),
            sa.Column('nilai_kreativitas', sa.Float()),
            )
    _index(insp, 'ix_penilaian_nip', 'penilaian', ['nip'], unique=False)
    _create(insp, 'penugasan_360',
            sa.Column('periode', sa.String(16), primary_key=True),
            sa.Column('nip', sa.String(18), primary_key=True),
            sa.Column('penilai', sa.String(64), primary_key=True),
            sa.Column('peran', sa.String(16), nullable=False),
            sa.Column('versi', sa.Integer(), nullable=False, server_default='0'),
            )
    _create(insp, 'perilaku',
            sa.Column('periode', sa.Text(), primary_key=True),
            sa.Column('nip', sa.Text(), primary_key=True),
            sa.Column('aspek', sa.Text(), primary_key=True),
            sa.Column('rating', sa.Text()),
            sa.Column('nilai', sa.Float()),
            sa.Column('catatan', sa.Text()),
            )
    _index(insp, 'ix_perilaku_nip', 'perilaku', ['nip'], unique=False)
    _create(insp, 'realisasi',
            sa.Column('periode', sa.Text(), primary_key=True),
            sa.Column('nip', sa.Text(), primary_key=True),
            sa.Column('rhk_id', sa.Text(), primary_key=True),
            sa.Column('iki_id', sa.Text(), primary_key=True),
            sa.Column('realisasi', sa.Float()),
            sa.Column('bukti', sa.Text()),
            sa.Column('umpan_balik', sa.Text()),
            )
    _index(insp, 'ix_realisasi_nip', 'realisasi', ['nip'], unique=False)
    _create(insp, 'skp',
            sa.Column('periode', sa.Integer(), primary_key=True),
            sa.Column('nip', sa.Text(), primary_key=True),
            sa.Column('rhk_id', sa.Text(), primary_key=True),
            sa.Column('rhk', sa.Text()),
            sa.Column('jenis', sa.Text()),
            sa.Column('rhk_atasan', sa.Text()),
            sa.Column('perspektif', sa.Text()),
            sa.Column('iki_id', sa.Text(), primary_key=True),
            sa.Column('indikator', sa.Text()),
            sa.Column('aspek', sa.Text()),
            sa.Column('target', sa.Float()),
            sa.Column('satuan', sa.Text()),
            sa.Column('arah', sa.Text()),
            sa.Column('bobot', sa.Float()),
            sa.Column('sumber', sa.Text()),
            )
    _index(insp, 'ix_skp_nip', 'skp', ['nip'], unique=False)
    _create(insp, 'umpan_balik_360',
            sa.Column('periode', sa.String(16), primary_key=True),
            sa.Column('nip', sa.String(18), primary_key=True),
            sa.Column('penilai', sa.String(64), primary_key=True),
            sa.Column('aspek', sa.String(32), primary_key=True),
            sa.Column('peran', sa.String(16), nullable=False),
            sa.Column('skor', sa.Integer(), nullable=False),
            sa.Column('komentar', sa.Text()),
            )


def downgrade() -> None:
    for name in ("impor", "audit", "lembar", "ikm", "organisasi", "penilaian", "perilaku", "realisasi", "skp",
                 "pegawai"):
        op.drop_table(name)

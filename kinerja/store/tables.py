"""The store's tables (SQLAlchemy Core metadata, compared with the Alembic head by a test) and the
conversions between stored values, pandas frames and the strings a workspace file holds."""

from __future__ import annotations

import datetime as _dt
import math

import numpy as np
import pandas as pd
import sqlalchemy as sa

from kinerja.domain import schema
from kinerja.domain.angka import teks_angka

# ------------------------------------------------------------------------------ table metadata

def _sa_type(kind: str):
    if kind == "num":
        return sa.Float()
    if kind == "tahun":
        return sa.Integer()
    return sa.Text()


def _data_table(md: sa.MetaData, spec: schema.FileSpec) -> sa.Table:
    """The table of one workspace file. Key columns form the primary key when none is nullable,
    otherwise a surrogate ``_id`` is the key and the file key is a unique index."""
    nullable_key = any(spec.column(k).nullable for k in spec.key)
    cols = []
    if nullable_key:
        cols.append(sa.Column("_id", sa.Integer, primary_key=True, autoincrement=True))
    for c in spec.columns:
        cols.append(sa.Column(c.name, _sa_type(c.kind), primary_key=(c.name in spec.key and not nullable_key),
                              nullable=not (c.name in spec.key and not nullable_key)))
    t = sa.Table(spec.name, md, *cols)
    if nullable_key:
        sa.Index(f"ix_{spec.name}_key", *[t.c[k] for k in spec.key], unique=True)
    if "nip" in t.c and spec.name != "pegawai":
        sa.Index(f"ix_{spec.name}_nip", t.c.nip)
    if spec.name == "pegawai":
        sa.Index("ix_pegawai_nip_atasan", t.c.nip_atasan)
    return t


def build_metadata() -> sa.MetaData:
    """Runtime metadata: one table per ``schema.FILES`` entry plus the store's own tables.
    The 360 tables are the ones :mod:`kinerja.store.store_360` defines (same database, same tables).
    A test compares this with the Alembic head, so a schema change needs a migration."""
    md = sa.MetaData()
    shared = _shared_tables()
    for name, spec in schema.FILES.items():
        if name in shared:
            shared[name].to_metadata(md)
        else:
            _data_table(md, spec)
    sa.Table("lembar", md,
             sa.Column("periode", sa.String(16), primary_key=True),
             sa.Column("nip", sa.String(18), primary_key=True),
             sa.Column("versi", sa.Integer, nullable=False, server_default="0"),
             sa.Column("diubah_oleh", sa.String(64)),
             sa.Column("diubah_pada", sa.String(32)))
    sa.Table("audit", md,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("waktu", sa.String(32), nullable=False),
             sa.Column("oleh", sa.String(128), nullable=False),
             sa.Column("tabel", sa.String(32), nullable=False),
             sa.Column("periode", sa.String(16)),
             sa.Column("nip", sa.String(18)),
             sa.Column("kunci", sa.Text),
             sa.Column("kolom", sa.String(64)),
             sa.Column("lama", sa.Text),
             sa.Column("baru", sa.Text),
             sa.Index("ix_audit_nip", "nip", "periode"))
    sa.Table("impor", md,
             sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
             sa.Column("waktu", sa.String(32), nullable=False),
             sa.Column("oleh", sa.String(128), nullable=False),
             sa.Column("berkas", sa.Text, nullable=False),
             sa.Column("sha256", sa.String(64)),
             sa.Column("perubahan", sa.Text))
    # accounts and roles, and the closing of a 360 collection (migration 0002)
    from kinerja.store import akun, store_360

    for t in akun.metadata.tables.values():
        t.to_metadata(md)
    store_360.penutupan.to_metadata(md)
    return md


def _shared_tables() -> dict[str, sa.Table]:
    from kinerja.store import store_360

    return {t.name: t for t in store_360.metadata.tables.values() if t.name in schema.FILES}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def _py(v):
    """A plain Python value (None for NA) for SQL and for comparisons."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def _text(v) -> str | None:
    v = _py(v)
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)



def _typed_frame(name: str, df: pd.DataFrame) -> pd.DataFrame:
    from kinerja.io.files import _typed

    spec = schema.FILES[name]
    return pd.DataFrame({c.name: _typed(c.kind, df[c.name].to_numpy(dtype=object)
                                        if c.kind not in ("num", "tahun") else
                                        pd.to_numeric(df[c.name], errors="coerce").to_numpy(dtype="float64"),
                                        c.nullable) for c in spec.columns})


def _raw_column(col: pd.Series, kind: str) -> np.ndarray:
    """A stored column as the strings a CSV would hold ('' for empty), vectorised."""
    if kind in ("num", "tahun"):
        a = pd.to_numeric(col, errors="coerce").to_numpy(dtype="float64")
        out = np.full(len(a), "", dtype=object)
        ok = ~np.isnan(a)
        whole = ok & (a == np.round(a)) & (np.abs(a) < 1e15)
        out[whole] = a[whole].astype("int64").astype(str)
        rest = ok & ~whole
        out[rest] = [teks_angka(x) for x in a[rest]]  # never an ambiguous '2.125' (read back as 2125)
        return out
    v = col.to_numpy(dtype=object)
    out = np.full(len(v), "", dtype=object)
    ok = pd.notna(v)
    out[ok] = [str(x) for x in v[ok]]
    return out


def _kunci(spec: schema.FileSpec, key: tuple) -> str:
    return "/".join(str(_text(v)) for k, v in zip(spec.key, key) if k not in ("periode", "nip"))



def _waktu_lokal(iso: str | None) -> str:
    if not iso:
        return "waktu yang tidak diketahui"
    try:
        t = _dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return t.strftime("%d-%m-%Y %H:%M:%S")



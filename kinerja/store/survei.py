"""Data access for the online IKM survey (the rules are in :mod:`kinerja.services.survei`).

No new table: an answer is one row of the workspace's ``ikm`` table (unit, periode, responden,
u1..u9, the same table ``ikm.csv`` is imported into), and its arrival is one row of the store's
``audit`` table: ``tabel = 'ikm'``, ``kolom = 'perangkat'``, ``kunci`` = the unit, ``baru`` = the
device's daily hash, ``oleh`` = ``responden anonim``. The audit row carries no answer and no
responden code; the ikm row carries no device, no time and no person.

:func:`simpan_jawaban` writes both in ONE transaction and, inside it, after its own first write
counts what arrived in the cooldown and rate windows; the
``tolak`` callback decides, and raising there rolls everything back. The transaction holds the
workspace's write lock from its start (:func:`kinerja.store.engine.write_tx`, exclusive: SQLite
``BEGIN IMMEDIATE``, PostgreSQL advisory lock), so two answers sent in the same instant are counted
one after the other and the limits are exact on both databases.
"""

from __future__ import annotations

import sqlalchemy as sa

from kinerja.store.engine import write_tx

OLEH = "responden anonim"
KOLOM_PERANGKAT = "perangkat"


def daftar_unit(store) -> list[str]:
    """The units of the workspace (``pegawai.unit``), sorted."""
    peg = store.t["pegawai"]
    with store.engine.connect() as con:
        return sorted({u for (u,) in con.execute(sa.select(peg.c.unit).distinct()) if u})


def pegawai(store):
    """The ``pegawai`` table, typed as a validated workspace holds it (for the file checks of io)."""
    from kinerja.store.tables import _typed_frame

    with store.engine.connect() as con:
        return _typed_frame("pegawai", store._frame(con, "pegawai"))


def simpan_jawaban(store, row: dict, *, waktu: str, jejak: str, jejak_semua: list[str], sejak_perangkat: str,
                   sejak_unit: str, tolak) -> None:
    """Insert the audit row and the ikm ``row`` in one transaction.

    After the audit row is written, ``tolak(n_perangkat, n_unit)`` is called with the number of
    arrivals (this one included) from the device (any hash of ``jejak_semua``) since
    ``sejak_perangkat`` and for the unit since ``sejak_unit`` (ISO UTC strings, compared as text);
    an exception raised by it rolls the transaction back (nothing written).
    """
    a, t = store.t["audit"], store.t["ikm"]
    with write_tx(store.engine, exclusive=True) as con:  # survey writes one at a time: exact limits
        con.execute(sa.insert(a).values(waktu=waktu, oleh=OLEH, tabel="ikm", periode=row["periode"], nip=None,
                                        kunci=row["unit"], kolom=KOLOM_PERANGKAT, lama=None, baru=jejak))
        base = (a.c.tabel == "ikm") & (a.c.kolom == KOLOM_PERANGKAT)
        n_perangkat = con.execute(sa.select(sa.func.count()).select_from(a).where(
            base, a.c.baru.in_(jejak_semua), a.c.waktu >= sejak_perangkat)).scalar()
        n_unit = con.execute(sa.select(sa.func.count()).select_from(a).where(
            base, a.c.kunci == row["unit"], a.c.waktu >= sejak_unit)).scalar()
        tolak(int(n_perangkat), int(n_unit))
        con.execute(sa.insert(t).values(**row))


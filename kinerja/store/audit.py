"""The audit trail: every change to every table, by a form save or by an import, with who did it.

``audit`` rows: waktu, oleh (a person: a NIP or a user name, never an app's name), tabel, periode,
nip, kunci (the rest of the row's key), kolom, lama, baru. A change writes one row per changed cell;
a row added to a table that already had rows writes one row per filled cell; the first load of an
empty table writes one summary row (kolom ``*``, baru ``N baris dimuat``) next to the ``impor`` log.

Which stored values were *entered in the app* (so that an import must not overwrite them unless
asked, :mod:`kinerja.store.transfer`) is read from this trail: a cell whose latest audit row was not
written by an import (an import's audit rows carry the ``waktu`` of its ``impor`` row). 360 answers
saved by their rater are in ``audit_360`` (``oleh`` = the rater).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from kinerja.domain import schema
from kinerja.store.tables import _kunci, _text

APP_TABLES = ("realisasi", "perilaku", "penilaian", "umpan_balik_360")


def sel_audit(waktu: str, oleh: str, name: str, key: dict, kolom: str, lama, baru) -> dict:
    spec = schema.FILES.get(name)
    kunci = _kunci(spec, tuple(key.get(k) for k in spec.key)) if spec else None
    return dict(waktu=waktu, oleh=str(oleh)[:128], tabel=name, periode=_text(key.get("periode")), nip=key.get("nip"),
                kunci=kunci, kolom=kolom, lama=_text(lama), baru=_text(baru))


def diff_audit(spec: schema.FileSpec, diff: dict, waktu: str, oleh: str) -> list[dict]:
    """Audit rows for the changes of one table (``diff`` from :func:`kinerja.store.transfer.diff_rows`)."""
    out = []
    cols = [c for c in spec.column_names if c not in spec.key]
    for rows in diff.values():
        for key, lama, baru in rows:
            kd = dict(zip(spec.key, key))
            for c in cols:
                a = None if lama is None else lama.get(c)
                b = None if baru is None else baru.get(c)
                if _text(a) != _text(b):
                    out.append(sel_audit(waktu, oleh, spec.name, kd, c, a, b))
    return out


def app_saved_cells(con, tables) -> set[tuple]:
    """(tabel, periode, nip, kunci, kolom) of the cells whose current value was saved in the app."""
    t = tables["audit"]
    imp = tables["impor"]
    impor_waktu = {r[0] for r in con.execute(sa.select(imp.c.waktu))}
    latest: dict[tuple, str] = {}
    q = (sa.select(t.c.waktu, t.c.tabel, t.c.periode, t.c.nip, t.c.kunci, t.c.kolom)
         .where(t.c.tabel.in_(APP_TABLES[:3])).order_by(t.c.id))
    for w, *cell in con.execute(q):
        latest[tuple(cell)] = w
    out = {cell for cell, w in latest.items() if w not in impor_waktu}
    # 360 answers saved by their rater (audit_360, written by kinerja.store.store_360)
    from kinerja.store.store_360 import audit as a

    if sa.inspect(con).has_table("audit_360"):
        for periode, nip, penilai, aspek in con.execute(
                sa.select(a.c.periode, a.c.nip, a.c.penilai, a.c.aspek).where(a.c.oleh == a.c.penilai).distinct()):
            for kol in ("skor", "komentar"):
                out.add(("umpan_balik_360", periode, nip, f"{penilai}/{aspek}", kol))
    return out


class AuditMixin:
    """:meth:`riwayat`: the audit trail (HR; not scoped)."""

    def riwayat(self, nip: str | None = None, periode=None) -> pd.DataFrame:
        a = self.t["audit"]
        q = sa.select(a).order_by(a.c.id)
        if nip:
            q = q.where(a.c.nip == nip)
        if periode is not None:
            from kinerja.domain.periode import normalise_periode

            q = q.where(a.c.periode == normalise_periode(periode))
        with self.engine.connect() as con:
            return pd.DataFrame(con.execute(q).mappings().all(), columns=[c.name for c in a.columns])

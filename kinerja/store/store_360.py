"""Storage of 360 questionnaires (issue 6), with the store's rules: SQLAlchemy Core, every write in
one transaction, every change appended to an audit table (who, when, old, new), optimistic
concurrency (a version per questionnaire; a stale save is refused with :class:`StaleEditError`),
and scope enforced here: a rater reads and writes only the questionnaires assigned to them.

Tables (created on first use in the workspace database, next to the main store's tables):

* ``penugasan_360``   (periode, nip, penilai) -> peran, versi: one questionnaire = one assignment
* ``umpan_balik_360`` (periode, nip, penilai, aspek) -> peran, skor, komentar
* ``audit_360``       waktu, oleh, periode, nip, penilai, aspek, kolom, lama, baru

Rater identity is stored (HR needs it for completeness) but leaves this module only through
:meth:`Store360.jawaban` (for :func:`kinerja.schemes.multirater.agregasi_360`, which drops it) and the
completeness views, which name raters but never their answers.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd
import sqlalchemy as sa

from kinerja.domain import labels
from kinerja.errors import AccessDenied, InputError, StaleEditError, ValidationErrors
from kinerja.domain.config import load_config
from kinerja.domain.labels import BERAKHLAK, PERAN
from kinerja.store.engine import make_engine, write_tx
from kinerja.domain.periode import normalise_periode

metadata = sa.MetaData()

penugasan = sa.Table(
    "penugasan_360", metadata,
    sa.Column("periode", sa.String(16), primary_key=True),
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("penilai", sa.String(64), primary_key=True),
    sa.Column("peran", sa.String(16), nullable=False),
    sa.Column("versi", sa.Integer, nullable=False, server_default="0"),
)
jawaban_t = sa.Table(
    "umpan_balik_360", metadata,
    sa.Column("periode", sa.String(16), primary_key=True),
    sa.Column("nip", sa.String(18), primary_key=True),
    sa.Column("penilai", sa.String(64), primary_key=True),
    sa.Column("aspek", sa.String(32), primary_key=True),
    sa.Column("peran", sa.String(16), nullable=False),
    sa.Column("skor", sa.Integer, nullable=False),
    sa.Column("komentar", sa.Text),
)
audit = sa.Table(
    "audit_360", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("waktu", sa.String(32), nullable=False),
    sa.Column("oleh", sa.String(64), nullable=False),
    sa.Column("periode", sa.String(16)), sa.Column("nip", sa.String(18)), sa.Column("penilai", sa.String(64)),
    sa.Column("aspek", sa.String(32)), sa.Column("kolom", sa.String(32)),
    sa.Column("lama", sa.Text), sa.Column("baru", sa.Text),
)

# HR closes the collection of a periode (issue 11 point 5): only then are aggregates shown to evaluators
penutupan = sa.Table(
    "penutupan_360", metadata,
    sa.Column("periode", sa.String(16), primary_key=True),
    sa.Column("ditutup_oleh", sa.String(128), nullable=False),
    sa.Column("ditutup_pada", sa.String(32), nullable=False),
)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class Store360:
    """360 questionnaires in a database. ``engine_or_url``: an Engine (e.g. the main store's) or a URL."""

    def __init__(self, engine_or_url, pegawai: pd.DataFrame | None = None, cfg: dict | None = None):
        self.engine = engine_or_url if isinstance(engine_or_url, sa.Engine) else make_engine(str(engine_or_url))
        metadata.create_all(self.engine, checkfirst=True)
        self.pegawai = pegawai
        self.cfg = cfg or load_config("umpan_balik_360")

    # ------------------------------------------------------------------ import (HR)

    def import_workspace(self, ws, oleh: str = "impor") -> dict:
        """Load ``penugasan_360`` and ``umpan_balik_360`` of a validated workspace (all-or-nothing).
        Rows already present with the same values are left alone, so re-importing is a no-op."""
        pen = ws["penugasan_360"]
        jw = ws["umpan_balik_360"]
        if self.pegawai is None:
            self.pegawai = ws.pegawai
        n_pen = n_jw = 0
        with write_tx(self.engine) as con:
            have = {(r.periode, r.nip, r.penilai) for r in con.execute(
                sa.select(penugasan.c.periode, penugasan.c.nip, penugasan.c.penilai))}
            new = [dict(periode=r.periode, nip=r.nip, penilai=r.penilai, peran=r.peran, versi=0)
                   for r in pen.itertuples() if (r.periode, r.nip, r.penilai) not in have]
            # answers without an assignment (e.g. masyarakat) get one, so completeness counts them
            keys = {(r.periode, r.nip, r.penilai) for r in pen.itertuples()} | have
            for r in jw.drop_duplicates(["periode", "nip", "penilai"]).itertuples():
                if (r.periode, r.nip, r.penilai) not in keys:
                    keys.add((r.periode, r.nip, r.penilai))
                    new.append(dict(periode=r.periode, nip=r.nip, penilai=r.penilai, peran=r.peran, versi=0))
            if new:
                con.execute(sa.insert(penugasan), new)
            n_pen = len(new)
            old = {(r.periode, r.nip, r.penilai, r.aspek): (r.skor, r.komentar) for r in con.execute(
                sa.select(jawaban_t.c.periode, jawaban_t.c.nip, jawaban_t.c.penilai, jawaban_t.c.aspek,
                          jawaban_t.c.skor, jawaban_t.c.komentar))}
            rows = []
            for r in jw.itertuples():
                k = (r.periode, r.nip, r.penilai, r.aspek)
                kom = r.komentar if isinstance(r.komentar, str) and r.komentar else None
                if k in old:
                    if old[k] != (int(r.skor), kom):
                        self._write(con, oleh, r.periode, r.nip, r.penilai, r.peran, r.aspek, int(r.skor), kom, old[k])
                        n_jw += 1
                    continue
                rows.append(dict(periode=r.periode, nip=r.nip, penilai=r.penilai, aspek=r.aspek, peran=r.peran,
                                 skor=int(r.skor), komentar=kom))
            if rows:
                con.execute(sa.insert(jawaban_t), rows)
                con.execute(sa.insert(audit), [dict(waktu=_now(), oleh=oleh, periode=x["periode"], nip=x["nip"],
                                                     penilai=x["penilai"], aspek=x["aspek"], kolom="skor",
                                                     lama=None, baru=str(x["skor"])) for x in rows])
            n_jw += len(rows)
        return {"penugasan": n_pen, "jawaban": n_jw}

    def tambah_penugasan(self, df: pd.DataFrame, oleh: str) -> int:
        """Add assignments (periode, nip, penilai, peran), e.g. from kinerja.schemes.multirater.buat_penugasan."""
        with write_tx(self.engine) as con:
            have = {(r.periode, r.nip, r.penilai) for r in con.execute(
                sa.select(penugasan.c.periode, penugasan.c.nip, penugasan.c.penilai))}
            new = [dict(periode=r.periode, nip=r.nip, penilai=r.penilai, peran=r.peran, versi=0)
                   for r in df.itertuples() if (r.periode, r.nip, r.penilai) not in have]
            if new:
                con.execute(sa.insert(penugasan), new)
                con.execute(sa.insert(audit), [dict(waktu=_now(), oleh=oleh, periode=x["periode"], nip=x["nip"],
                                                     penilai=x["penilai"], kolom="penugasan", baru=x["peran"])
                                               for x in new])
        return len(new)

    # ------------------------------------------------------------------ the rater (scoped)

    def tugas(self, penilai: str, periode) -> pd.DataFrame:
        """The questionnaires assigned to ``penilai`` in a periode: nip, nama, jabatan, peran,
        dijawab (values answered), status (belum / sebagian / sudah), versi."""
        kode = normalise_periode(periode)
        with self.engine.connect() as con:
            pen = pd.DataFrame(con.execute(sa.select(penugasan).where(
                (penugasan.c.penilai == penilai) & (penugasan.c.periode == kode))).mappings().all(),
                columns=["periode", "nip", "penilai", "peran", "versi"])
            n = pd.DataFrame(con.execute(
                sa.select(jawaban_t.c.nip, sa.func.count().label("dijawab"))
                .where((jawaban_t.c.penilai == penilai) & (jawaban_t.c.periode == kode))
                .group_by(jawaban_t.c.nip)).mappings().all(), columns=["nip", "dijawab"])
        out = pen.merge(n, on="nip", how="left")
        out["dijawab"] = out["dijawab"].fillna(0).astype(int)
        out["status"] = ["sudah" if d >= len(BERAKHLAK) else ("sebagian" if d else "belum") for d in out["dijawab"]]
        out = self.dengan_nama(out)
        order = {p: i for i, p in enumerate(("diri", "atasan", "rekan", "bawahan", "masyarakat"))}
        return (out.assign(_o=out["peran"].map(order)).sort_values(["_o", "nama"]).drop(columns=["_o", "penilai"])
                .reset_index(drop=True))

    def dengan_nama(self, df: pd.DataFrame, col: str = "nip") -> pd.DataFrame:
        if self.pegawai is None or not len(df):
            return df.assign(nama=df[col] if len(df) else [], jabatan="")
        info = self.pegawai.drop_duplicates("nip").set_index("nip")
        return df.assign(nama=df[col].map(info["nama"]).fillna(df[col]),
                         jabatan=df[col].map(info["jabatan"]).fillna(""))

    def _assignment(self, con, penilai: str, nip: str, kode: str):
        row = con.execute(sa.select(penugasan).where(
            (penugasan.c.periode == kode) & (penugasan.c.nip == nip) & (penugasan.c.penilai == penilai))).first()
        if row is None:
            raise AccessDenied(f"{penilai} tidak ditugaskan menilai NIP {nip} pada periode {kode}")
        return row

    def kuesioner(self, penilai: str, nip: str, periode) -> dict:
        """The rater's own questionnaire for one pegawai: peran, versi, skor (aspek -> int), komentar.
        Refused (AccessDenied) when the rater is not assigned to that pegawai."""
        kode = normalise_periode(periode)
        with self.engine.connect() as con:
            a = self._assignment(con, penilai, nip, kode)
            rows = con.execute(sa.select(jawaban_t.c.aspek, jawaban_t.c.skor, jawaban_t.c.komentar).where(
                (jawaban_t.c.periode == kode) & (jawaban_t.c.nip == nip) & (jawaban_t.c.penilai == penilai))).all()
        kom = next((r.komentar for r in rows if r.komentar), None)
        return {"peran": a.peran, "versi": a.versi, "skor": {r.aspek: r.skor for r in rows}, "komentar": kom}

    def simpan(self, penilai: str, nip: str, periode, skor: dict, komentar: str | None = None,
               versi: int | None = None) -> int:
        """Save one rater's questionnaire for one pegawai (all seven values, 1-5; comment optional).

        One transaction; every changed value is audited. ``versi``: the version the rater loaded;
        when someone saved in between, StaleEditError. Returns the new version.
        """
        kode = normalise_periode(periode)
        lo, hi = self.cfg["skala"]["min"], self.cfg["skala"]["max"]
        errors = []
        clean = {}
        for a in BERAKHLAK:
            v = skor.get(a)
            try:
                iv = int(v)
                ok = iv == float(v) and lo <= iv <= hi
            except (TypeError, ValueError):
                ok = False
            if not ok:
                errors.append(InputError(f"pilih jawaban {lo}-{hi} untuk nilai {labels.BERAKHLAK_LABEL[a]}",
                                         column=a))
            else:
                clean[a] = iv
        if errors:
            raise ValidationErrors(errors)
        kom = (komentar or "").strip() or None
        if kom and len(kom) > 2000:
            raise ValidationErrors([InputError("komentar terlalu panjang (maksimal 2000 karakter)", column="komentar")])
        with write_tx(self.engine) as con:
            tutup = con.execute(sa.select(penutupan.c.ditutup_pada).where(penutupan.c.periode == kode)).first()
            if tutup is not None:  # answers after the close would re-open the differencing attack
                raise AccessDenied(f"Pengumpulan umpan balik 360 periode {kode} sudah ditutup oleh pengelola SDM; "
                                   "jawaban tidak dapat diubah lagi.")
            a = self._assignment(con, penilai, nip, kode)
            if versi is not None and a.versi != versi:
                raise StaleEditError("Kuesioner ini sudah disimpan dari jendela lain sejak Anda membukanya. "
                                     "Muat ulang halaman, periksa jawaban terbaru, lalu simpan lagi.")
            res = con.execute(sa.update(penugasan).where(
                (penugasan.c.periode == kode) & (penugasan.c.nip == nip) & (penugasan.c.penilai == penilai)
                & (penugasan.c.versi == a.versi)).values(versi=a.versi + 1))
            if res.rowcount != 1:
                raise StaleEditError("Kuesioner ini baru saja disimpan oleh orang lain; muat ulang lalu coba lagi.")
            old = {r.aspek: (r.skor, r.komentar) for r in con.execute(
                sa.select(jawaban_t.c.aspek, jawaban_t.c.skor, jawaban_t.c.komentar).where(
                    (jawaban_t.c.periode == kode) & (jawaban_t.c.nip == nip) & (jawaban_t.c.penilai == penilai)))}
            for i, aspek in enumerate(BERAKHLAK):
                k = kom if i == 0 else None  # the comment is stored once, on the first value
                self._write(con, penilai, kode, nip, penilai, a.peran, aspek, clean[aspek], k, old.get(aspek))
        return a.versi + 1

    def _write(self, con, oleh, periode, nip, penilai, peran, aspek, skor, komentar, old) -> None:
        key = ((jawaban_t.c.periode == periode) & (jawaban_t.c.nip == nip) & (jawaban_t.c.penilai == penilai)
               & (jawaban_t.c.aspek == aspek))
        if old is None:
            con.execute(sa.insert(jawaban_t).values(periode=periode, nip=nip, penilai=penilai, aspek=aspek,
                                                    peran=peran, skor=skor, komentar=komentar))
        elif old != (skor, komentar):
            con.execute(sa.update(jawaban_t).where(key).values(skor=skor, komentar=komentar))
        else:
            return
        entries = []
        if old is None or old[0] != skor:
            entries.append(("skor", None if old is None else str(old[0]), str(skor)))
        if (old[1] if old else None) != komentar:
            entries.append(("komentar", old[1] if old else None, komentar))
        if entries:
            con.execute(sa.insert(audit), [dict(waktu=_now(), oleh=oleh, periode=periode, nip=nip, penilai=penilai,
                                                aspek=aspek, kolom=c, lama=lo, baru=b) for c, lo, b in entries])

    # ------------------------------------------------------------------ HR / evaluator views

    def jawaban(self, periode=None, nips=None) -> pd.DataFrame:
        """All answers (the ``umpan_balik_360`` frame), optionally only about ``nips``. Holds rater
        identity: pass it only to :func:`kinerja.schemes.multirater.agregasi_360` or HR views."""
        q = sa.select(jawaban_t)
        if periode is not None:
            q = q.where(jawaban_t.c.periode == normalise_periode(periode))
        if nips is not None:
            q = q.where(jawaban_t.c.nip.in_(list(nips)))
        with self.engine.connect() as con:
            df = pd.DataFrame(con.execute(q).mappings().all(),
                              columns=["periode", "nip", "penilai", "aspek", "peran", "skor", "komentar"])
        df["skor"] = df["skor"].astype(float)
        return df[["periode", "nip", "penilai", "peran", "aspek", "skor", "komentar"]]

    def penugasan(self, periode=None, nips=None) -> pd.DataFrame:
        q = sa.select(penugasan.c.periode, penugasan.c.nip, penugasan.c.penilai, penugasan.c.peran)
        if periode is not None:
            q = q.where(penugasan.c.periode == normalise_periode(periode))
        if nips is not None:
            q = q.where(penugasan.c.nip.in_(list(nips)))
        with self.engine.connect() as con:
            return pd.DataFrame(con.execute(q).mappings().all(), columns=["periode", "nip", "penilai", "peran"])

    def versi_data(self) -> tuple:
        """A cheap marker that changes whenever any 360 answer changes: every save and import is
        audited (here in ``audit_360``, by the main store's import in ``audit``)."""
        with self.engine.connect() as con:
            a = con.execute(sa.select(sa.func.max(audit.c.id), sa.func.count()).select_from(audit)).first()
            b = con.execute(sa.select(sa.func.count()).select_from(jawaban_t)).scalar()
            try:
                m = con.execute(sa.text("SELECT max(id) FROM audit")).scalar()
            except sa.exc.DBAPIError:  # a 360-only database (no main store tables)
                m = None
        return (tuple(a), b, m)

    def periode_untuk(self, periode) -> str | None:
        """The 360 periode that serves an evaluation periode: the periode itself when questionnaires
        were assigned for it, else its year (360 feedback is usually collected once a year), else None."""
        kode = normalise_periode(periode)
        tahun = kode[:4]
        with self.engine.connect() as con:
            have = {r[0] for r in con.execute(sa.select(penugasan.c.periode).distinct()
                                              .where(penugasan.c.periode.in_([kode, tahun])))}
        return kode if kode in have else (tahun if tahun in have else None)

    # ------------------------------------------------------------------ closing a collection (HR)

    def ditutup(self, periode) -> dict | None:
        """{"periode", "ditutup_oleh", "ditutup_pada"} when HR closed the periode's collection, else None."""
        kode = normalise_periode(periode)
        with self.engine.connect() as con:
            r = con.execute(sa.select(penutupan).where(penutupan.c.periode == kode)).mappings().first()
        return dict(r) if r else None

    def tutup(self, periode, oleh: str) -> dict:
        """Close the collection of ``periode`` for good (no re-opening: answers that change after a view
        would let an evaluator difference two views). One transaction with its audit row."""
        kode = normalise_periode(periode)
        now = _now()
        with write_tx(self.engine) as con:
            if con.execute(sa.select(penutupan.c.periode).where(penutupan.c.periode == kode)).first() is not None:
                raise InputError(f"pengumpulan umpan balik 360 periode {kode} sudah ditutup")
            if con.execute(sa.select(sa.func.count()).select_from(penugasan)
                           .where(penugasan.c.periode == kode)).scalar() == 0:
                raise InputError(f"belum ada penugasan umpan balik 360 untuk periode {kode}")
            con.execute(sa.insert(penutupan).values(periode=kode, ditutup_oleh=oleh, ditutup_pada=now))
            con.execute(sa.insert(audit).values(waktu=now, oleh=oleh, periode=kode, kolom="penutupan",
                                                lama=None, baru="ditutup"))
        return {"periode": kode, "ditutup_oleh": oleh, "ditutup_pada": now}

    def riwayat(self, periode=None) -> pd.DataFrame:
        """The audit trail (HR only)."""
        q = sa.select(audit).order_by(audit.c.id)
        if periode is not None:
            q = q.where(audit.c.periode == normalise_periode(periode))
        with self.engine.connect() as con:
            return pd.DataFrame(con.execute(q).mappings().all())


def dari_store(store) -> Store360:
    """The 360 store sharing a main :class:`kinerja.store.core.Store`'s database and engine (cached on
    it). Pegawai names are read once from the store's ``pegawai`` table."""
    st = getattr(store, "_store_360", None)
    if st is None:
        t = store.t["pegawai"]
        with store.engine.connect() as con:
            peg = pd.DataFrame(con.execute(sa.select(t.c.nip, t.c.nama, t.c.jabatan, t.c.unit, t.c.nip_atasan))
                               .all(), columns=["nip", "nama", "jabatan", "unit", "nip_atasan"])
        st = Store360(store.engine, pegawai=peg)
        store._store_360 = st
    return st


__all__ = ["Store360", "dari_store"]

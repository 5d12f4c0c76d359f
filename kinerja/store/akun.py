"""Accounts and roles in the workspace database (data access only; the rules are in
:mod:`kinerja.services.akses`).

Tables (created by Alembic migration 0002):

* ``akun``       username -> nip (explicit mapping, never derived from the user name), the argon2
                 password hash (NULL: no password login, e.g. JupyterHub or proxy users), aktif.
* ``akun_peran`` (username, peran, cakupan): one row per role; ``cakupan`` is the scope of an
                 ``admin_hr`` role (``*`` = the whole instansi, else a unit name), empty otherwise.
* ``login_gagal`` (migration 0003) failed logins per user name / address, for the rate limit.

Every change is written to the store's ``audit`` table (``tabel = 'akun'``); a password hash never
is (the audit says ``sandi diubah``).
"""

from __future__ import annotations

import datetime as _dt

import sqlalchemy as sa

# the roles an account can hold (issue 11): the anonymous IKM respondent needs no account
PERAN_AKUN = ("pegawai", "pejabat_penilai", "admin_hr", "pelatih", "responden_360")
SELURUH_INSTANSI = "*"

metadata = sa.MetaData()

akun = sa.Table(
    "akun", metadata,
    sa.Column("username", sa.String(128), primary_key=True),
    sa.Column("nip", sa.String(18)),
    sa.Column("sandi_hash", sa.Text),
    sa.Column("aktif", sa.Integer, nullable=False, server_default="1"),
    sa.Column("dibuat", sa.String(32), nullable=False),
    sa.Column("diubah", sa.String(32), nullable=False),
    sa.Index("ix_akun_nip", "nip"),
)
akun_peran = sa.Table(
    "akun_peran", metadata,
    sa.Column("username", sa.String(128), primary_key=True),
    sa.Column("peran", sa.String(32), primary_key=True),
    sa.Column("cakupan", sa.String(128), primary_key=True, server_default=""),
)
login_gagal = sa.Table(  # migration 0003: failed logins survive a server restart
    "login_gagal", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kunci", sa.String(200), nullable=False),   # "u:<username>" or "a:<address>"
    sa.Column("waktu", sa.Float, nullable=False),         # seconds since the epoch
    sa.Index("ix_login_gagal_kunci", "kunci", "waktu"),
)
_audit = sa.Table(
    "audit", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("waktu", sa.String(32)), sa.Column("oleh", sa.String(128)), sa.Column("tabel", sa.String(32)),
    sa.Column("periode", sa.String(16)), sa.Column("nip", sa.String(18)), sa.Column("kunci", sa.Text),
    sa.Column("kolom", sa.String(64)), sa.Column("lama", sa.Text), sa.Column("baru", sa.Text),
)


def normalise_username(username: str) -> str:
    return (username or "").strip().lower()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _audit_row(con, oleh: str, username: str, nip: str | None, kolom: str, lama, baru) -> None:
    con.execute(sa.insert(_audit).values(waktu=_now(), oleh=oleh or "?", tabel="akun", nip=nip, kunci=username,
                                         kolom=kolom, lama=None if lama is None else str(lama),
                                         baru=None if baru is None else str(baru)))


def baca(engine: sa.Engine, username: str) -> dict | None:
    """The account row plus ``peran``: {peran: [cakupan, ...]}; None when unknown."""
    u = normalise_username(username)
    if not u or not sa.inspect(engine).has_table("akun"):   # a database older than migration 0002
        return None
    with engine.connect() as con:
        row = con.execute(sa.select(akun).where(akun.c.username == u)).mappings().first()
        if row is None:
            return None
        peran: dict[str, list[str]] = {}
        for p, c in con.execute(sa.select(akun_peran.c.peran, akun_peran.c.cakupan)
                                .where(akun_peran.c.username == u).order_by(akun_peran.c.peran, akun_peran.c.cakupan)):
            peran.setdefault(p, []).append(c or "")
    return dict(row) | {"peran": peran}


def daftar(engine: sa.Engine) -> list[dict]:
    """Every account (without its hash), with its roles, sorted by username."""
    with engine.connect() as con:
        rows = [dict(r) for r in con.execute(sa.select(akun.c.username, akun.c.nip, akun.c.aktif, akun.c.dibuat,
                                                       akun.c.diubah, (akun.c.sandi_hash.is_not(None)).label("bersandi"))
                                             .order_by(akun.c.username)).mappings()]
        peran: dict[str, list[str]] = {}
        for u, p, c in con.execute(sa.select(akun_peran).order_by(akun_peran.c.peran, akun_peran.c.cakupan)):
            peran.setdefault(u, []).append(f"{p}:{c}" if c else p)
    for r in rows:
        r["peran"] = peran.get(r["username"], [])
    return rows


def tulis(engine: sa.Engine, username: str, *, nip: str | None, sandi_hash: str | None, oleh: str,
          peran: dict[str, list[str]] | None = None) -> None:
    """Create an account (it must not exist yet) with its roles, in one transaction."""
    u = normalise_username(username)
    now = _now()
    with engine.begin() as con:
        con.execute(sa.insert(akun).values(username=u, nip=nip, sandi_hash=sandi_hash, aktif=1, dibuat=now, diubah=now))
        _audit_row(con, oleh, u, nip, "akun", None, f"dibuat (nip {nip or '-'})")
        for p, cakupan in (peran or {}).items():
            for c in cakupan or [""]:
                con.execute(sa.insert(akun_peran).values(username=u, peran=p, cakupan=c or ""))
                _audit_row(con, oleh, u, nip, "peran", None, f"{p}:{c}" if c else p)


def ganti_hash(engine: sa.Engine, username: str, sandi_hash: str, oleh: str) -> bool:
    u = normalise_username(username)
    with engine.begin() as con:
        row = con.execute(sa.select(akun.c.nip).where(akun.c.username == u)).first()
        if row is None:
            return False
        con.execute(sa.update(akun).where(akun.c.username == u).values(sandi_hash=sandi_hash, diubah=_now()))
        _audit_row(con, oleh, u, row[0], "sandi", None, "sandi diubah")
    return True


def atur_aktif(engine: sa.Engine, username: str, aktif: bool, oleh: str) -> bool:
    u = normalise_username(username)
    with engine.begin() as con:
        row = con.execute(sa.select(akun.c.nip, akun.c.aktif).where(akun.c.username == u)).first()
        if row is None:
            return False
        con.execute(sa.update(akun).where(akun.c.username == u).values(aktif=int(aktif), diubah=_now()))
        _audit_row(con, oleh, u, row[0], "aktif", row[1], int(aktif))
    return True


def ubah_peran(engine: sa.Engine, username: str, peran: str, cakupan: str, *, tambah: bool, oleh: str) -> bool:
    """Add (``tambah``) or remove one role row; False when the account is unknown or nothing changed."""
    u = normalise_username(username)
    with engine.begin() as con:
        row = con.execute(sa.select(akun.c.nip).where(akun.c.username == u)).first()
        if row is None:
            return False
        key = (akun_peran.c.username == u) & (akun_peran.c.peran == peran) & (akun_peran.c.cakupan == (cakupan or ""))
        ada = con.execute(sa.select(sa.func.count()).select_from(akun_peran).where(key)).scalar() > 0
        label = f"{peran}:{cakupan}" if cakupan else peran
        if tambah and not ada:
            con.execute(sa.insert(akun_peran).values(username=u, peran=peran, cakupan=cakupan or ""))
            _audit_row(con, oleh, u, row[0], "peran", None, label)
            return True
        if not tambah and ada:
            con.execute(sa.delete(akun_peran).where(key))
            _audit_row(con, oleh, u, row[0], "peran", label, None)
            return True
    return False


# ---------------------------------------------------------------- failed logins (the rate limit)

def jumlah_gagal(engine: sa.Engine, kunci: str, sejak: float) -> int:
    with engine.connect() as con:
        return int(con.execute(sa.select(sa.func.count()).select_from(login_gagal).where(
            login_gagal.c.kunci == kunci, login_gagal.c.waktu > sejak)).scalar())


def catat_gagal(engine: sa.Engine, kunci: list[str], waktu: float, buang_sebelum: float) -> None:
    """Record one failed login under each key, and drop records older than ``buang_sebelum``."""
    with engine.begin() as con:
        con.execute(sa.delete(login_gagal).where(login_gagal.c.waktu <= buang_sebelum))
        con.execute(sa.insert(login_gagal), [{"kunci": k[:200], "waktu": waktu} for k in kunci])


def hapus_gagal(engine: sa.Engine, kunci: str) -> None:
    with engine.begin() as con:
        con.execute(sa.delete(login_gagal).where(login_gagal.c.kunci == kunci))

"""Who may do what (issue 11): the rules on top of the accounts in :mod:`kinerja.store.akun`.

* :data:`APLIKASI`        which roles may open which served app (deny by default);
  :data:`BATCH` notebooks are never served (Papermill only), :data:`ANONIM` apps need no account.
* :func:`pengguna`        the account of a user name (explicit ``akun`` table, never digits in the name).
* :func:`boleh_buka`      the decision for one app, with the Indonesian message shown on refusal.
* :func:`boleh_baca`      the read scope of each role: pegawai (self), pejabat_penilai (their bawahan),
                          admin_hr (the instansi or listed units), pelatih / responden_360 (none here;
                          the 360 store scopes raters to their assignments).
* :func:`tambah_akun` / :func:`reset_sandi` / :func:`atur_peran`  HR use cases (``kinerja akun``),
  passwords hashed with argon2 (argon2-cffi); :func:`periksa_sandi` for the login page.
* :class:`PembatasLogin`  failed-login rate limit per user name and per address.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from kinerja.errors import InputError
from kinerja.store import akun as _akun
from kinerja.store.akun import PERAN_AKUN, SELURUH_INSTANSI

PERAN_LABEL = {
    "pegawai": "Pegawai",
    "pejabat_penilai": "Pejabat Penilai",
    "admin_hr": "Pengelola SDM",
    "pelatih": "Pelatih",
    "responden_360": "Responden 360",
}
_SEMUA_AKUN = PERAN_AKUN
# served apps by notebook number (the file name's prefix): the roles that may open them
APLIKASI: dict[str, tuple[str, ...]] = {
    "01": ("admin_hr",),                                   # muat rencana (HR upload)
    "02": ("pejabat_penilai",),                            # formulir penilaian
    "05": _SEMUA_AKUN,                                     # belajar (data contoh, tanpa data pegawai)
    "06": _SEMUA_AKUN,
    "07": ("responden_360",),                              # kuesioner 360
    "08": ("admin_hr", "pejabat_penilai"),                 # analisis IKM (SDM dan kepala unit)
}
ANONIM = ("09",)        # the IKM respondent app: anyone, no account
BATCH = ("03", "04")    # laporan pegawai, ringkasan unit: `kinerja report` (Papermill) only

PANJANG_SANDI_MIN = 10
_ph = None


def _hasher():
    global _ph
    if _ph is None:
        from argon2 import PasswordHasher

        _ph = PasswordHasher()
    return _ph


def nomor_aplikasi(notebook: str) -> str:
    """'02' for '02_form_penilaian.ipynb' (also for a path); '' when the name has no number."""
    name = str(notebook).replace("\\", "/").rsplit("/", 1)[-1]
    m = re.match(r"^(\d{2})_", name)
    return m.group(1) if m else ""


@dataclass(frozen=True)
class Pengguna:
    username: str
    nip: str | None
    peran: dict[str, list[str]] = field(default_factory=dict)
    aktif: bool = True

    def punya(self, *peran: str) -> bool:
        return self.aktif and any(p in self.peran for p in peran)

    @property
    def label_peran(self) -> str:
        return ", ".join(PERAN_LABEL.get(p, p) for p in sorted(self.peran)) or "-"


@dataclass(frozen=True)
class Keputusan:
    boleh: bool
    status: int = 200            # HTTP status of the refusal page (401 unknown, 403 not allowed, 404 never served)
    judul: str = ""
    pesan: str = ""


def pengguna(engine, username: str | None) -> Pengguna | None:
    """The account behind a user name, or None (unknown name, or no name)."""
    if not username:
        return None
    row = _akun.baca(engine, username)
    if row is None:
        return None
    return Pengguna(row["username"], row["nip"], row["peran"], bool(row["aktif"]))


def boleh_buka(p: Pengguna | None, notebook: str, *, demo: bool = False) -> Keputusan:
    """May this user open this served app? Batch notebooks: never (404). ``demo``: every app, for
    anyone (the demo mode is labelled as such on every page and binds localhost)."""
    no = nomor_aplikasi(notebook)
    if no in BATCH:
        return Keputusan(False, 404, "Halaman tidak ditemukan",
                         "Laporan dibuat oleh pengelola SDM dengan perintah kinerja report, bukan lewat peramban.")
    if no in ANONIM:
        return Keputusan(True)
    if no not in APLIKASI:
        return Keputusan(False, 404, "Halaman tidak ditemukan", "Aplikasi ini tidak tersedia.")
    if demo:
        return Keputusan(True)
    if p is None:
        return Keputusan(False, 401, "Anda belum dikenali",
                         "Masuk dengan akun Anda terlebih dahulu. Jika Anda belum punya akun, hubungi pengelola SDM.")
    if not p.aktif:
        return Keputusan(False, 403, "Akun tidak aktif", f"Akun '{p.username}' dinonaktifkan. Hubungi pengelola SDM.")
    perlu = APLIKASI[no]
    if p.punya(*perlu):
        return Keputusan(True)
    return Keputusan(False, 403, "Akses ditolak",
                     f"Akun '{p.username}' tidak berwenang membuka aplikasi ini. Aplikasi ini untuk peran: "
                     + ", ".join(PERAN_LABEL[x] for x in perlu) + ".")


def boleh_baca(p: Pengguna | None, nip: str, pegawai) -> bool:
    """Read scope: may ``p`` read the data of pegawai ``nip``? ``pegawai`` is the pegawai table
    (columns nip, nip_atasan, unit)."""
    if p is None or not p.aktif or not nip:
        return False
    if p.nip and nip == p.nip and p.punya("pegawai", "pejabat_penilai"):
        return True
    rows = pegawai[pegawai["nip"] == nip]
    if rows.empty:
        return False
    row = rows.iloc[0]
    if p.nip and p.punya("pejabat_penilai") and str(row.get("nip_atasan") or "") == p.nip:
        return True
    if p.punya("admin_hr"):
        cakupan = p.peran.get("admin_hr", [])
        return SELURUH_INSTANSI in cakupan or str(row.get("unit") or "") in cakupan
    return False


# ---------------------------------------------------------------- HR use cases (kinerja akun)

def _cek_peran(peran: str, cakupan: str) -> None:
    if peran not in PERAN_AKUN:
        raise InputError(f"peran '{peran}' tidak dikenal; gunakan salah satu: {', '.join(PERAN_AKUN)}", column="peran")
    if peran == "admin_hr" and not cakupan:
        raise InputError("peran admin_hr perlu cakupan: '*' (seluruh instansi) atau nama unit", column="cakupan")
    if peran != "admin_hr" and cakupan:
        raise InputError(f"peran {peran} tidak memakai cakupan (cakupannya mengikuti NIP akun)", column="cakupan")


def _cek_sandi(sandi: str) -> None:
    if len(sandi or "") < PANJANG_SANDI_MIN:
        raise InputError(f"kata sandi minimal {PANJANG_SANDI_MIN} karakter", column="sandi")


def _cek_nip(store, nip: str | None, peran: list[str]) -> str | None:
    if not nip:
        if set(peran) & {"pegawai", "pejabat_penilai", "responden_360"}:
            raise InputError("peran ini perlu NIP pegawai (--nip)", column="nip")
        return None
    nip = re.sub(r"\D", "", nip)
    if store is not None and store.pegawai(nip) is None:
        raise InputError(f"NIP {nip} tidak ada di data pegawai workspace ini", column="nip")
    return nip


def _urai_peran(peran: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in peran:
        p, _, c = item.partition(":")
        _cek_peran(p.strip(), c.strip())
        out.setdefault(p.strip(), []).append(c.strip())
    return out


def tambah_akun(store, username: str, *, nip: str | None, peran: list[str], sandi: str | None, oleh: str) -> Pengguna:
    """Create an account. ``peran`` items: ``pejabat_penilai``, ``admin_hr:*``, ``admin_hr:UNIT``..."""
    u = _akun.normalise_username(username)
    if not re.fullmatch(r"[a-z0-9][a-z0-9._@-]{1,127}", u):
        raise InputError("nama pengguna hanya boleh huruf, angka, titik, garis bawah, @ dan tanda hubung", column="username")
    if _akun.baca(store.engine, u) is not None:
        raise InputError(f"akun '{u}' sudah ada; gunakan kinerja akun peran / reset-sandi", column="username")
    roles = _urai_peran(peran)
    nip = _cek_nip(store, nip, list(roles))
    h = None
    if sandi is not None:
        _cek_sandi(sandi)
        h = _hasher().hash(sandi)
    _akun.tulis(store.engine, u, nip=nip, sandi_hash=h, oleh=oleh, peran=roles)
    return pengguna(store.engine, u)


def reset_sandi(store, username: str, sandi: str, oleh: str) -> None:
    _cek_sandi(sandi)
    if not _akun.ganti_hash(store.engine, username, _hasher().hash(sandi), oleh):
        raise InputError(f"akun '{username}' tidak ada", column="username")


def atur_peran(store, username: str, peran: str, *, tambah: bool, oleh: str) -> bool:
    p, _, c = peran.partition(":")
    _cek_peran(p.strip(), c.strip())
    if _akun.baca(store.engine, username) is None:
        raise InputError(f"akun '{username}' tidak ada", column="username")
    return _akun.ubah_peran(store.engine, username, p.strip(), c.strip(), tambah=tambah, oleh=oleh)


def daftar_akun(store) -> list[dict]:
    return _akun.daftar(store.engine)


_DUMMY_HASH: str | None = None


def periksa_sandi(engine, username: str, sandi: str) -> Pengguna | None:
    """The account when the password matches (and the account is active), else None. An unknown
    name costs the same argon2 verification as a known one."""
    global _DUMMY_HASH
    from argon2.exceptions import InvalidHashError, VerificationError

    row = _akun.baca(engine, username) if username else None
    h = row["sandi_hash"] if row else None
    if not h:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = _hasher().hash("kinerja-tanpa-akun")
        h = None
        try:
            _hasher().verify(_DUMMY_HASH, sandi or "x")
        except VerificationError:
            pass
        return None
    try:
        _hasher().verify(h, sandi or "")
    except (VerificationError, InvalidHashError):
        return None
    if not row["aktif"]:
        return None
    if _hasher().check_needs_rehash(h):
        _akun.ganti_hash(engine, row["username"], _hasher().hash(sandi), oleh=row["username"])
    return Pengguna(row["username"], row["nip"], row["peran"], True)


class PembatasLogin:
    """At most ``maks`` failed logins per user name, and ``maks_alamat`` (default 4 x ``maks``: an
    office behind one NAT address shares it) per client address, within ``jendela`` seconds; then that
    name / address is refused until the window has passed. With ``engine`` (a callable returning the
    workspace database engine) the failures are kept in the database (``login_gagal``), so a server
    restart does not reset them; without it, in memory."""

    def __init__(self, maks: int = 5, jendela: float = 900.0, jam=time.time, maks_alamat: int | None = None,
                 engine=None):
        self.maks, self.jendela, self.jam = int(maks), float(jendela), jam
        self.maks_alamat = int(maks_alamat if maks_alamat is not None else 4 * self.maks)
        self.engine = engine
        self._gagal: dict[str, list[float]] = {}

    @staticmethod
    def _kunci(username: str, alamat: str) -> tuple[str, str]:
        return f"u:{_akun.normalise_username(username)}", f"a:{alamat}"

    def _jumlah(self, kunci: str) -> int:
        batas = self.jam() - self.jendela
        if self.engine is not None:
            return _akun.jumlah_gagal(self.engine(), kunci, batas)
        self._gagal[kunci] = [t for t in self._gagal.get(kunci, []) if t > batas]
        return len(self._gagal[kunci])

    def tertahan(self, username: str, alamat: str) -> bool:
        u, a = self._kunci(username, alamat)
        return self._jumlah(u) >= self.maks or self._jumlah(a) >= self.maks_alamat

    def catat_gagal(self, username: str, alamat: str) -> None:
        now = self.jam()
        if self.engine is not None:
            _akun.catat_gagal(self.engine(), list(self._kunci(username, alamat)), now, now - self.jendela)
            return
        for k in self._kunci(username, alamat):
            self._jumlah(k)
            self._gagal[k].append(now)

    def berhasil(self, username: str) -> None:
        u = self._kunci(username, "")[0]
        if self.engine is not None:
            _akun.hapus_gagal(self.engine(), u)
        self._gagal.pop(u, None)

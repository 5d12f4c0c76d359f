"""``kinerja akun``: accounts and roles for HR (tambah, reset-sandi, daftar, peran, nonaktif), and
``kinerja tutup-360``: HR closes a periode's 360 collection (kinerja.services.kuesioner).

Registered by :mod:`kinerja.cli.commands`. Light to import: only argparse at module level. Passwords
are read from the terminal (twice), or from stdin with ``--sandi-stdin`` (scripts); never from the
command line, where other users could see them.
"""

from __future__ import annotations

import argparse


def _store(args):
    from kinerja.cli.store import _store as open_store

    return open_store(args)


def _oleh(args) -> str:
    import getpass

    return args.oleh or f"cli:{getpass.getuser()}"


def _baca_sandi(args) -> str:
    import getpass
    import sys

    from kinerja.errors import InputError

    if args.sandi_stdin:
        return sys.stdin.readline().rstrip("\n")
    a = getpass.getpass("Kata sandi baru: ")
    b = getpass.getpass("Ulangi kata sandi: ")
    if a != b:
        raise InputError("kedua kata sandi tidak sama")
    return a


def cmd_tambah(args) -> int:
    from kinerja.services import akses

    st = _store(args)
    sandi = None if args.tanpa_sandi else _baca_sandi(args)
    p = akses.tambah_akun(st, args.username, nip=args.nip, peran=args.peran, sandi=sandi, oleh=_oleh(args))
    print(f"Akun '{p.username}' dibuat (NIP {p.nip or '-'}; peran: {p.label_peran}).")
    return 0


def cmd_reset(args) -> int:
    from kinerja.services import akses

    st = _store(args)
    akses.reset_sandi(st, args.username, _baca_sandi(args), oleh=_oleh(args))
    print(f"Kata sandi akun '{args.username}' diganti.")
    return 0


def cmd_daftar(args) -> int:
    from kinerja.services import akses

    rows = akses.daftar_akun(_store(args))
    if not rows:
        print("Belum ada akun. Tambahkan dengan: kinerja akun tambah WORKSPACE NAMA --nip NIP --peran PERAN")
        return 0
    for r in rows:
        status = "aktif" if r["aktif"] else "NONAKTIF"
        sandi = "bersandi" if r["bersandi"] else "tanpa sandi"
        print(f"{r['username']:<28} {r['nip'] or '-':<18}  {status:<8} {sandi:<11}  {', '.join(r['peran']) or '-'}")
    return 0


def cmd_peran(args) -> int:
    from kinerja.services import akses

    st = _store(args)
    for p in args.tambah or []:
        ok = akses.atur_peran(st, args.username, p, tambah=True, oleh=_oleh(args))
        print(f"Peran {p} {'ditambahkan' if ok else 'sudah ada'} pada '{args.username}'.")
    for p in args.hapus or []:
        ok = akses.atur_peran(st, args.username, p, tambah=False, oleh=_oleh(args))
        print(f"Peran {p} {'dicabut' if ok else 'memang tidak ada'} pada '{args.username}'.")
    if args.nonaktif or args.aktif:
        from kinerja.store import akun

        akun.atur_aktif(st.engine, args.username, bool(args.aktif), oleh=_oleh(args))
        print(f"Akun '{args.username}' {'diaktifkan' if args.aktif else 'dinonaktifkan'}.")
    return 0


def cmd_tutup_360(args) -> int:
    from kinerja.services.kuesioner import tutup_pengumpulan_360
    from kinerja.store.store_360 import dari_store

    r = tutup_pengumpulan_360(dari_store(_store(args)), args.periode, oleh=_oleh(args))
    print(f"Pengumpulan umpan balik 360 periode {r['periode']} ditutup ({r['ditutup_pada']}, oleh {r['ditutup_oleh']}). "
          "Pejabat Penilai kini melihat hasil gabungannya; jawaban tidak dapat diubah lagi.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("tutup-360", help="close a periode's 360 collection (then evaluators see the aggregates; final)")
    p.add_argument("workspace")
    p.add_argument("periode", help="the 360 periode, e.g. 2026")
    p.add_argument("--db", help="SQLAlchemy database URL (default: KINERJA_DB_URL, else WORKSPACE/kinerja.db)")
    p.add_argument("--oleh", help="who is closing, for the audit (default cli:<login name>)")
    p.set_defaults(func=cmd_tutup_360)

    p = sub.add_parser("akun", help="accounts and roles of the served apps (for HR)")
    asub = p.add_subparsers(dest="akun_cmd", required=True)

    def common(q):
        q.add_argument("workspace")
        q.add_argument("--db", help="SQLAlchemy database URL (default: KINERJA_DB_URL, else WORKSPACE/kinerja.db)")
        q.add_argument("--oleh", help="who is acting, for the audit (default cli:<login name>)")

    q = asub.add_parser("tambah", help="create an account: user name -> NIP, roles, password")
    common(q)
    q.add_argument("username")
    q.add_argument("--nip", help="the pegawai's NIP (needed for pegawai, pejabat_penilai, responden_360)")
    q.add_argument("--peran", nargs="+", required=True, metavar="PERAN",
                   help="pegawai, pejabat_penilai, admin_hr:* or admin_hr:UNIT, pelatih, responden_360")
    q.add_argument("--tanpa-sandi", action="store_true",
                   help="no password (the user signs in through JupyterHub or a proxy)")
    q.add_argument("--sandi-stdin", action="store_true", help="read the password from stdin (one line)")
    q.set_defaults(func=cmd_tambah)

    q = asub.add_parser("reset-sandi", help="set a new password")
    common(q)
    q.add_argument("username")
    q.add_argument("--sandi-stdin", action="store_true", help="read the password from stdin (one line)")
    q.set_defaults(func=cmd_reset)

    q = asub.add_parser("daftar", help="list accounts and roles (never the password hashes)")
    common(q)
    q.set_defaults(func=cmd_daftar)

    q = asub.add_parser("peran", help="grant or revoke roles; (de)activate an account")
    common(q)
    q.add_argument("username")
    q.add_argument("--tambah", nargs="+", metavar="PERAN")
    q.add_argument("--hapus", nargs="+", metavar="PERAN")
    g = q.add_mutually_exclusive_group()
    g.add_argument("--nonaktif", action="store_true")
    g.add_argument("--aktif", action="store_true")
    q.set_defaults(func=cmd_peran)


__all__ = ["register", "argparse"]

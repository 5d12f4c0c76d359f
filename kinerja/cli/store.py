"""Workspace database commands: ``init``, ``import``, ``export``, ``backup`` (``serve``: :mod:`kinerja.cli.serve`).

Registered by :mod:`kinerja.cli.commands`. Light to import: only argparse at module level.
"""

from __future__ import annotations

import argparse


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="SQLAlchemy database URL (default: KINERJA_DB_URL, else WORKSPACE/kinerja.db)")


def _oleh_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--oleh", help="who is loading the data, for the audit trail (default: KINERJA_OLEH or the OS user)")


def _store(args, must_exist: bool = True):
    from pathlib import Path

    from kinerja.errors import InputError
    from kinerja.store.core import DB_FILENAME, Store, url_for

    url = url_for(args.workspace, args.db)
    if must_exist and url.startswith("sqlite:///") and not (args.db or __import__("os").environ.get("KINERJA_DB_URL")):
        if not (Path(args.workspace) / DB_FILENAME).is_file():
            raise InputError(f"folder {args.workspace} belum punya basis data; jalankan dulu: kinerja init {args.workspace}")
    return Store(url)


def _oleh(args) -> str:
    from kinerja.services.impor import oleh_default

    return args.oleh or oleh_default()


def _print_result(res, *, rincian: bool, batas: int = 100, rencana_csv=None) -> None:
    """The summary, then (for a plan) the rows one by one, then warnings under their own heading."""
    if rincian:
        tab = res.tabel()
        if rencana_csv:
            tab.to_csv(rencana_csv, index=False)
            print(f"Rencana lengkap ({len(tab)} baris) ditulis ke {rencana_csv}")
        if len(tab):
            from kinerja.store.transfer import AKSI_LABEL

            print("Rincian (berkas | aksi | periode | nip | kunci | kolom | lama -> baru):")
            def s(v):
                return "" if v is None or v != v else str(v)

            for r in tab.head(batas).itertuples(index=False):
                print(f"  {r.berkas} | {AKSI_LABEL.get(r.aksi, r.aksi)} | {s(r.periode)} | {s(r.nip)} | "
                      f"{s(r.kunci)} | {s(r.kolom)} | {s(r.lama)} -> {s(r.baru)}")
            if len(tab) > batas:
                print(f"  ... dan {len(tab) - batas} baris lagi (gunakan --rencana FILE.csv untuk semuanya)")
    print(res.ringkasan())
    if res.ganti and res.dihapus:
        print(f"--ganti: {res.dihapus} baris {'akan ' if not res.diterapkan else ''}dihapus dari tabel berkas yang diberikan.")
    if res.peringatan:
        print(f"Peringatan ({len(res.peringatan)}):")
        for w in res.peringatan:
            print(f"  - {w}")


def cmd_init(args) -> int:
    from kinerja.services.impor import init_workspace

    st, res = init_workspace(args.workspace, args.sources, args.db, oleh=_oleh(args))
    _print_result(res, rincian=False)
    print(f"Basis data: {st.engine.url.render_as_string(hide_password=True)}")
    return 0


def cmd_import(args) -> int:
    from kinerja.services.impor import impor

    st = _store(args)
    res = impor(st, args.files, oleh=_oleh(args), ganti=args.ganti, timpa=args.timpa, dry_run=args.dry_run)
    _print_result(res, rincian=args.dry_run, rencana_csv=args.rencana)
    return 0


def cmd_export(args) -> int:
    st = _store(args)
    written = st.export(args.out, args.format)
    print(f"Ditulis {len(written)} berkas ke {args.out}")
    return 0


def cmd_backup(args) -> int:
    import datetime as dt
    from pathlib import Path

    st = _store(args)
    out = Path(args.out) if args.out else (Path(args.workspace) / "cadangan"
                                           / f"kinerja-{dt.datetime.now():%Y%m%d-%H%M%S}.db")
    st.backup(out)
    print(f"Cadangan tersimpan: {out}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("init", help="create the workspace database from validated files")
    p.add_argument("workspace")
    p.add_argument("--from", dest="sources", nargs="+", metavar="FILES",
                   help="workspace folder, .xlsx workbook or CSV files (default: the files in WORKSPACE)")
    _db_arg(p)
    _oleh_arg(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="merge new or changed workspace files into the database (one transaction "
                                      "over all FILES; same file twice = no-op; never deletes unless --ganti)")
    p.add_argument("workspace")
    p.add_argument("files", nargs="+", help="CSV files named after their content (skp.csv, pegawai.csv ...), "
                                            "workbooks with such sheets, or folders")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be added, changed, deleted and refused (konflik), row by row; write nothing")
    p.add_argument("--ganti", action="store_true",
                   help="replace the tables of the files given: delete their rows that the files do not hold")
    p.add_argument("--timpa", action="store_true",
                   help="also overwrite values entered in the app (realisasi, perilaku, penilaian, 360 answers)")
    p.add_argument("--rencana", metavar="FILE.csv", help="with --dry-run: write the full row-by-row plan to a CSV file")
    _db_arg(p)
    _oleh_arg(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write the database back as workspace files (CSV or XLSX)")
    p.add_argument("workspace")
    p.add_argument("--out", required=True)
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    _db_arg(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", help="consistent copy of the SQLite database, safe while the app runs "
                                      "(PostgreSQL: use pg_dump)")
    p.add_argument("workspace")
    p.add_argument("--out", help="target file (default WORKSPACE/cadangan/kinerja-YYYYMMDD-HHMMSS.db)")
    _db_arg(p)
    p.set_defaults(func=cmd_backup)

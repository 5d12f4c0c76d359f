"""Workspace database commands: ``init``, ``import``, ``export``, ``backup``, ``serve``.

Registered by :mod:`kinerja.cli.commands`. Light to import: only argparse at module level.
"""

from __future__ import annotations

import argparse


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="SQLAlchemy database URL (default: KINERJA_DB_URL, else WORKSPACE/kinerja.db)")


def _store(args, must_exist: bool = True):
    from pathlib import Path

    from kinerja.errors import InputError
    from kinerja.store.core import DB_FILENAME, Store, url_for

    url = url_for(args.workspace, args.db)
    if must_exist and url.startswith("sqlite:///") and not (args.db or __import__("os").environ.get("KINERJA_DB_URL")):
        if not (Path(args.workspace) / DB_FILENAME).is_file():
            raise InputError(f"workspace {args.workspace} belum punya basis data; jalankan dulu: kinerja init {args.workspace}")
    return Store(url)


def cmd_init(args) -> int:
    from pathlib import Path

    from kinerja.io.files import load_workspace

    Path(args.workspace).mkdir(parents=True, exist_ok=True)
    sources = args.sources or [args.workspace]
    st = _store(args, must_exist=False)
    if len(sources) == 1 and (Path(sources[0]).is_dir() or Path(sources[0]).suffix.lower() in (".xlsx", ".xlsm")):
        ws = load_workspace(sources[0])
        res = st.init_from(ws, oleh=f"init:{sources[0]}")
    else:
        res = st.import_files(sources, oleh="init")
    print(res.ringkasan())
    print(f"Basis data: {st.url}")
    return 0


def cmd_import(args) -> int:
    from pathlib import Path

    from kinerja.io.files import load_workspace

    st = _store(args)
    files = []
    for f in args.files:
        p = Path(f)
        if p.is_dir():  # a folder: every workspace file in it
            ws = load_workspace(p)
            print(st.init_from(ws, oleh=f"impor:{p}").ringkasan())
        else:
            files.append(p)
    if files:
        print(st.import_files(files, oleh="impor:" + ",".join(p.name for p in files)).ringkasan())
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


def cmd_serve(args) -> int:
    from kinerja.cli.serve import serve

    return serve(args.workspace, host=args.host, port=args.port, db=args.db, pool_size=args.pool_size,
                 token=args.token, identitas=args.identitas, open_browser=args.open_browser,
                 cull_idle=args.cull_idle, siklus=args.siklus)


def register(sub) -> None:
    p = sub.add_parser("init", help="create the workspace database from validated files")
    p.add_argument("workspace")
    p.add_argument("--from", dest="sources", nargs="+", metavar="FILES",
                   help="workspace folder, .xlsx workbook or CSV files (default: the files in WORKSPACE)")
    _db_arg(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="load new or changed workspace files (all-or-nothing; same file twice = no-op)")
    p.add_argument("workspace")
    p.add_argument("files", nargs="+", help="CSV files named after their content (skp.csv, pegawai.csv ...), "
                                            "workbooks with such sheets, or folders")
    _db_arg(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write the database back as workspace files (CSV or XLSX)")
    p.add_argument("workspace")
    p.add_argument("--out", required=True)
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    _db_arg(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", help="consistent copy of the SQLite database, safe while the app runs")
    p.add_argument("workspace")
    p.add_argument("--out", help="target file (default WORKSPACE/cadangan/kinerja-YYYYMMDD-HHMMSS.db)")
    _db_arg(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("serve", help="serve the evaluator form and the notebooks with Voila")
    p.add_argument("workspace")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need a token)")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--pool-size", type=int, default=2, help="preheated kernels kept ready for the form")
    p.add_argument("--token", help="access token (generated and printed when binding beyond localhost)")
    p.add_argument("--identitas", default="demo",
                   help="who is evaluating: demo (dropdown), hub (JUPYTERHUB_USER) or header:NAME "
                        "(an HTTP header set by your proxy, e.g. header:X-Remote-User)")
    p.add_argument("--siklus", choices=("bulanan", "triwulan", "semester"), default="triwulan",
                   help="the office's periodic evaluation cycle offered in the form, beside tahunan")
    p.add_argument("--cull-idle", type=int, default=900, help="seconds before an idle kernel is culled")
    p.add_argument("--open-browser", action="store_true")
    _db_arg(p)
    p.set_defaults(func=cmd_serve)

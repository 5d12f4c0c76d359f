"""``kinerja report``: batch feedback reports and unit summaries. Light to import (argparse only)."""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="render feedback reports per pegawai and summaries per unit (batch)")
    p.add_argument("workspace", help="workspace folder (CSV/XLSX, or with kinerja.db)")
    p.add_argument("--periode", required=True, help="e.g. 2026, 2026-TW1")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--unit", help="only the pegawai of this unit")
    who.add_argument("--nip", nargs="+", default=None, help="only these NIPs")
    p.add_argument("--formats", default="html,pdf", help="comma-separated: html, pdf (default html,pdf)")
    p.add_argument("--jobs", type=int, default=2, help="parallel shards (default 2)")
    p.add_argument("--out", help="output folder (default out/laporan-PERIODE)")
    p.add_argument("--force", action="store_true", help="redo reports that are already up to date")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="process pool or dask.distributed")
    p.add_argument("--scheduler", help="dask scheduler address (default: start a LocalCluster)")
    p.add_argument("--scheme", default="permenpanrb-2022", help="scheme for 'how this was computed'")
    p.add_argument("--config", help="scheme config file")
    p.add_argument("--db-url", help="SQLAlchemy URL of the store (default: WORKSPACE/kinerja.db if present)")
    p.add_argument("--shard-size", type=int, help="pegawai per Papermill run (default: balanced, at most 400)")
    p.add_argument("--no-summaries", action="store_true", help="skip the unit summaries")
    p.add_argument("--tempat", default="", help="place printed above the signatures")
    p.add_argument("--tanggal", help="date printed on every document (YYYY-MM-DD); default: the date the final ratings were recorded in the store, or the last day of the periode")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from kinerja.batch.run import run_batch

    res = run_batch(args.workspace, args.periode, unit=args.unit, nips=args.nip, formats=args.formats,
                    jobs=args.jobs, out=args.out, force=args.force, engine=args.engine, scheduler=args.scheduler,
                    scheme=args.scheme, config=args.config, db_url=args.db_url, shard_size=args.shard_size,
                    summaries=not args.no_summaries, tempat=args.tempat, tanggal=args.tanggal,
                    progress=not args.quiet)
    print(res.summary())
    sys.stdout.flush()
    return res.exit_code

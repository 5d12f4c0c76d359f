"""The ``kinerja`` command line. Help text is English; messages for users are Bahasa Indonesia.

Commands owned by other modules register themselves through a ``register(subparsers)`` function in
the modules listed in ``_COMMAND_MODULES``; those modules must stay light to import.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path

from kinerja.errors import InputError, KinerjaError, ValidationErrors

_COMMAND_MODULES = ("kinerja.cli.store", "kinerja.cli.report", "kinerja.cli.serve", "kinerja.cli.akun")


def _load(path: str, db_url: str | None = None):
    """The workspace as the rest of kinerja sees it: the store after ``kinerja init``, else the files."""
    from kinerja.dataset.workspace import open_workspace

    return open_workspace(path, db_url=db_url)


def _scheme_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scheme", default="permenpanrb-2022", help="permenpanrb-2022 (default), pp46-2011 or kpi")
    _config_arg(p)


def _config_arg(p: argparse.ArgumentParser, what: str = "the scheme's") -> None:
    p.add_argument("--config", help=f"TOML file overriding {what} config (for --scheme kpi: the KPI definition); "
                                    "default: the shipped config overlaid by the workspace's copy")


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db-url", help="SQLAlchemy URL of the store (default: WORKSPACE/kinerja.db if present)")


def _scheme(args, ws):
    """(scheme module, its config: shipped default < workspace copy < ``--config``)."""
    from kinerja.schemes import get_scheme

    mod = get_scheme(args.scheme)
    return mod, mod.load_config(path=args.config, workspace=getattr(ws, "path", None))


def _data(ws, periode, mod, cfg):
    """The periode's data; a permenpanrb-2022 config also drives the capaian (``data.config``)."""
    from kinerja.schemes import periode_data

    return periode_data(ws, periode, cfg if mod.NAME == "permenpanrb-2022" else None)


def cmd_validate(args) -> int:
    from kinerja.services.impor import peringatan

    ws = _load(args.workspace, args.db_url)
    print(f"Data valid: {len(ws.pegawai)} pegawai, {len(ws.skp)} indikator SKP, "
          f"{len(ws.realisasi)} baris realisasi, {ws.realisasi['periode'].nunique()} periode.")
    warns = peringatan(ws)
    if warns:
        print(f"Peringatan ({len(warns)}), bukan kesalahan:")
        for w in warns:
            print(f"  - {w}")
    return 0


def cmd_score(args) -> int:
    ws = _load(args.workspace, args.db_url)
    mod, cfg = _scheme(args, ws)
    sc = mod.score(_data(ws, args.periode, mod, cfg), cfg)
    if args.format == "csv":
        sc.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(sc.to_json(orient="records", force_ascii=False))
    else:
        print(format_score_table(sc))
    return 0


def cmd_explain(args) -> int:
    from kinerja.domain.nip import normalise_nip

    ws = _load(args.workspace, args.db_url)
    mod, cfg = _scheme(args, ws)
    nip = normalise_nip(args.nip)
    data = _data(ws, args.periode, mod, cfg)
    if nip not in data.pegawai.index:
        raise InputError(f"NIP {nip} tidak ditemukan di workspace", column="--nip")
    ex = mod.explain(data, nip, cfg)
    print(json.dumps(ex.as_dicts(), ensure_ascii=False, indent=1, default=str) if args.json else ex.to_text())
    return 0


def cmd_sample(args) -> int:
    from kinerja.services import sample
    from kinerja.io.files import write_workspace

    ws = sample.sample_instansi() if args.contoh else sample.generate(
        args.pegawai, args.seed, tahun=args.tahun, hanya_tahunan=args.hanya_tahunan)
    files = write_workspace(ws, Path(args.out), fmt=args.fmt)
    print(f"Data contoh dibuat: {len(ws.pegawai)} pegawai, {len(ws.skp)} indikator, di {args.out} "
          f"({', '.join(f.name for f in files)})")
    return 0


def cmd_summary(args) -> int:
    from kinerja.schemes import permenpanrb_2022 as s22

    ws = _load(args.workspace, args.db_url)
    cfg = s22.load_config(path=args.config, workspace=getattr(ws, "path", None))
    data = _data(ws, args.periode, s22, cfg)
    print(format_unit_summary(s22.score(data, cfg), data))
    return 0


def format_score_table(sc) -> str:
    from kinerja.domain.format import KOSONG, angka_tetap
    from kinerja.domain.labels import RATING_LABEL

    cols = [c for c in ("nip", "nama", "unit", "nilai", "rating_hasil_kerja", "rating_perilaku", "predikat")
            if c in sc.columns]
    t = sc[cols].copy()
    for c in ("rating_hasil_kerja", "rating_perilaku"):
        if c in t:
            t[c] = t[c].map(RATING_LABEL).fillna(KOSONG)
    if "nilai" in t:
        t["nilai"] = t["nilai"].map(lambda v: angka_tetap(v, 2))
    return t.fillna(KOSONG).to_string(index=False)


def format_unit_summary(sc, data) -> str:
    """A readable per-unit summary of one periode (the demo's main output before the app)."""
    from kinerja.domain import labels
    from kinerja.schemes import permenpanrb_2022 as s22

    k = s22.kurva_per_unit(sc, data.organisasi, data.config)
    belum = sc[sc["belum_ada_realisasi"]].groupby("unit").size() if "belum_ada_realisasi" in sc else {}
    lines = [f"Ringkasan penilaian kinerja {data.periode.label} ({len(sc)} pegawai)", ""]
    for r in k.to_dict("records"):
        lines.append(f"{r['unit']}  (capaian organisasi: {r['capaian_organisasi'] or '-'}, {r['jumlah']} pegawai)")
        lines.append("   " + " | ".join(f"{p}: {r[p]}" for p in labels.PREDIKAT))
        if belum.get(r["unit"], 0):
            lines.append(f"   Belum ada realisasi: {int(belum[r['unit']])} pegawai (tanpa usulan dan predikat)")
        lines.append("   Kurva: " + ("sesuai" if r["sesuai_kurva"] else "TIDAK sesuai"))
        lines += [f"     - {m}" for m in r["pesan"]]
        lines.append("")
    total = sc["predikat"].value_counts()
    lines.append("Seluruh instansi: " + " | ".join(f"{p}: {int(total.get(p, 0))}" for p in labels.PREDIKAT))
    from kinerja.dataset.frames import per_jenis_pegawai  # data engineer: PNS/PPPK grouping (issue 10)

    per = per_jenis_pegawai(sc, data.pegawai)
    for jenis, r in per.iterrows():
        lines.append(f"  {jenis} ({r['jumlah']} pegawai): "
                     + " | ".join(f"{p}: {int(r.get(p, 0))}" for p in labels.PREDIKAT))
    if len(belum):
        lines.append(f"Belum ada realisasi: {int(sum(belum.values))} pegawai")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description="Evaluate ASN performance (PermenPANRB 6/2022).")
    parser.add_argument("--version", action="version", version="kinerja " + __import__("kinerja").__version__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate a workspace (its store after init, else its CSV/XLSX files) "
                                        "and list every problem")
    p.add_argument("workspace")
    _db_arg(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("score", help="score every pegawai of a periode")
    p.add_argument("workspace")
    p.add_argument("--periode", required=True, help="e.g. 2026, 2026-S1, 2026-TW1, 2026-03")
    _scheme_args(p)
    _db_arg(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("explain", help="show how one pegawai's result was computed")
    p.add_argument("workspace")
    p.add_argument("--nip", required=True)
    p.add_argument("--periode", required=True)
    _scheme_args(p)
    _db_arg(p)
    p.add_argument("--json", action="store_true", help="print the steps as JSON")
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser("summary", help="print a per-unit summary (predikat mix and distribution check)")
    p.add_argument("workspace")
    p.add_argument("--periode", required=True)
    _config_arg(p, "the permenpanrb-2022")
    _db_arg(p)
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("sample", help="generate a consistent synthetic workspace")
    p.add_argument("--pegawai", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--tahun", type=int, default=2026)
    p.add_argument("--out", required=True)
    p.add_argument("--format", dest="fmt", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--hanya-tahunan", action="store_true", help="only the annual periode (smaller, for benchmarks)")
    p.add_argument("--contoh", action="store_true",
                   help="write the bundled sample instansi (data_samples/) instead of a random one")
    p.set_defaults(func=cmd_sample)

    for name in _COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        rc = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe (``kinerja score ... | head``) shows up here, not at exit
        return rc
    except BrokenPipeError:
        # the reader went away: stop quietly (Python docs, "Note on SIGPIPE"), no traceback at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except ValidationErrors as e:
        print(e.summary(), file=sys.stderr)
        return 2
    except InputError as e:
        print(f"Kesalahan: {e}", file=sys.stderr)
        return 2
    except KinerjaError as e:
        print(f"Kesalahan: {e}", file=sys.stderr)
        return 1
    except ValueError as e:  # periode / rating parsing errors carry Indonesian messages
        print(f"Kesalahan: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

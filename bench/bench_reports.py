"""Benchmark of batch reports (not a test).

On a synthetic 1,000-pegawai workspace (``kinerja sample --pegawai 1000 --seed 1``):

* ``kinerja report --formats html --jobs 2`` (goal <= 60 s);
* the same with ``--formats pdf`` (aim <= 180 s). ``--pdf-pegawai N`` times PDF on the first N
  pegawai only and scales linearly (the JSON says so in ``pdf_scaled_from``);
* a naive baseline: one Papermill run per pegawai (shard size 1, same 2 jobs), timed on 40 pegawai
  and scaled to 1,000 (goal: ours >= 20x faster);
* peak RSS per worker: the largest ``ru_maxrss`` reported by any shard kernel (goal <= 500 MB).

Ends with one JSON line. Run: ``.venv/bin/python bench/bench_reports.py [--pdf-pegawai N]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pdf-pegawai", type=int, default=0, help="time PDF on this many pegawai and scale (0 = all)")
    ap.add_argument("--naive", type=int, default=40)
    args = ap.parse_args()

    from kinerja.batch.run import run_batch

    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        tmp = Path(tmp)
        ws = tmp / "ws"
        subprocess.run([sys.executable, "-m", "kinerja.cli", "sample", "--pegawai", str(args.pegawai), "--seed", "1",
                        "--out", str(ws)], check=True, stdout=subprocess.DEVNULL)
        import pandas as pd

        nips = list(pd.read_csv(ws / "pegawai.csv", dtype=str)["nip"])

        t = time.perf_counter()
        r_html = run_batch(ws, "2026", formats="html", jobs=args.jobs, out=tmp / "html", progress=False)
        html_s = time.perf_counter() - t
        print(r_html.summary().splitlines()[0], file=sys.stderr)
        print(f"html: {html_s:.1f} s", file=sys.stderr)

        n_pdf = args.pdf_pegawai or len(nips)
        t = time.perf_counter()
        r_pdf = run_batch(ws, "2026", formats="pdf", jobs=args.jobs, out=tmp / "pdf", progress=False,
                          nips=None if n_pdf >= len(nips) else nips[:n_pdf], summaries=n_pdf >= len(nips))
        pdf_s = (time.perf_counter() - t) * len(nips) / n_pdf
        print(f"pdf: {pdf_s:.1f} s (measured on {n_pdf})", file=sys.stderr)

        t = time.perf_counter()
        r_naive = run_batch(ws, "2026", formats="html", jobs=args.jobs, out=tmp / "naive", progress=False,
                            nips=nips[:args.naive], shard_size=1, summaries=False)
        naive_per = (time.perf_counter() - t) / args.naive
        print(f"naive: {naive_per:.2f} s per pegawai", file=sys.stderr)

        failed = r_html.count("failed") + r_pdf.count("failed") + r_naive.count("failed")
        res = {"bench": "reports", "pegawai": len(nips), "html_seconds": round(html_s, 1),
               "pdf_seconds": round(pdf_s, 1), "naive_seconds_per_pegawai": round(naive_per, 2),
               "ratio_vs_naive": round(naive_per * len(nips) / html_s, 1),
               "peak_rss_mb": round(max(r_html.peak_rss_mb, r_pdf.peak_rss_mb, r_naive.peak_rss_mb), 1)}
        if n_pdf < len(nips):
            res["pdf_scaled_from"] = n_pdf
        if failed:
            res["failed"] = failed
        print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())

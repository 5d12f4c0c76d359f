"""Scoring benchmark: validation and scoring of a 100,000-pegawai workspace under each scheme.

Run: ``.venv/bin/python bench/bench_scoring.py [--pegawai 100000] [--repeat 3]``

1. ``kinerja sample --hanya-tahunan`` writes a synthetic workspace as CSV (in a subprocess, so
   generating it does not count towards this process's peak memory).
2. Times ``load_workspace`` (read + validate every file) from CSV.
3. Times ``score`` for each scheme on the annual periode (median of --repeat runs).
4. Times the plain per-row reference implementation (tests/reference_impl.py) of the same rules on
   a subset of pegawai in the same process, scales it to the full size, and prints the ratio.
5. Prints peak RSS, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def timed(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=100_000)
    ap.add_argument("--subset", type=int, default=1_000, help="pegawai for the per-row reference run")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from kinerja.dataset import subset
    from kinerja.schemes import periode_data
    from kinerja.io.files import load_workspace
    from kinerja.schemes import SCHEMES, get_scheme

    with tempfile.TemporaryDirectory() as tmp:
        ws_dir = Path(tmp) / "ws"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kinerja.cli", "sample", "--pegawai", str(args.pegawai), "--seed", "7",
                        "--hanya-tahunan", "--out", str(ws_dir)], check=True, stdout=subprocess.DEVNULL)
        print(f"generated {args.pegawai} pegawai in {time.perf_counter() - t:.1f} s (not timed)")

        validate_s, ws = timed(lambda: load_workspace(ws_dir), 1)
        print(f"validate (read + check all files from CSV): {validate_s:.2f} s, "
              f"{len(ws.skp):,} indikator rows, {len(ws.realisasi):,} realisasi rows")

    data = periode_data(ws, "2026")
    seconds = {}
    for name in SCHEMES:
        seconds[name], sc = timed(lambda: get_scheme(name).score(data), args.repeat)
        print(f"score {name:18s} {seconds[name]:.2f} s (median of {args.repeat}), {len(sc):,} pegawai")

    import reference_impl as ref

    small = subset(data, data.pegawai.index[: args.subset])
    scale = len(data.pegawai) / len(small.pegawai)
    ref_fns = {"pp46-2011": lambda: ref.pp46_score(small, ref_rating_map()),
               "kpi": lambda: ref.kpi_score(small, get_scheme("kpi").load_config())}
    if hasattr(ref, "permenpanrb_2022_score"):
        ref_fns["permenpanrb-2022"] = lambda: ref.permenpanrb_2022_score(small, data.config)
    ratios, ref_seconds = {}, {}
    for name, fn in ref_fns.items():
        s, _ = timed(fn, 1)
        ref_seconds[name] = s * scale
        ratios[name] = ref_seconds[name] / seconds[name]
        print(f"reference {name:14s} {s:.2f} s on {len(small.pegawai)} pegawai -> {ref_seconds[name]:.1f} s scaled; "
              f"vectorised is {ratios[name]:.0f}x faster")

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    print(json.dumps({"bench": "scoring", "pegawai": len(data.pegawai), "indikator": len(data.indikator),
                      "seconds": {k: round(v, 3) for k, v in seconds.items()},
                      "validate_seconds": round(validate_s, 2), "peak_rss_mb": round(peak),
                      "reference_seconds_scaled": {k: round(v, 1) for k, v in ref_seconds.items()},
                      "ratio_vs_reference": {k: round(v, 1) for k, v in ratios.items()}}))


def ref_rating_map() -> dict:
    from kinerja.domain.config import load_config

    return load_config("pp46_2011").get("nilai_rating_perilaku", {})


if __name__ == "__main__":
    main()

"""Benchmark of the evaluators' app (not a test).

Measures, against a real `kinerja serve` and headless Chromium:
  * page open -> first interactive widget (the bawahan dropdown and a button), warm pool and cold
  * `Simpan` round trip (click -> success message with the new version), p95
  * switching bawahan in a 5,000-pegawai workspace (select -> the pegawai's sheet shown)
plus the same operations in-process (kernel side, no browser) for reference.

Usage:  .venv/bin/python bench/bench_app.py [--pegawai 5000] [--runs 5] [--kernel-saja]
Prints medians and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FORM = "voila/render/02_form_penilaian.ipynb"


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


class Server:
    def __init__(self, ws: Path, pool: int):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.filled = threading.Semaphore(0)
        self.p = subprocess.Popen([sys.executable, "-m", "kinerja.cli", "serve", str(ws), "--port", str(self.port),
                                   "--pool-size", str(pool)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
        ready = threading.Event()

        def pump():
            for line in self.p.stdout:
                if "running at" in line:
                    ready.set()
                if "Kernel started" in line and pool:
                    pass
                if re.search(r"Kernel pool of .* is filled", line):
                    self.filled.release()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        ready.wait(120)
        if pool:
            self.filled.acquire(timeout=180)

    def wait_pool(self):
        self.filled.acquire(timeout=180)

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(20)
        except subprocess.TimeoutExpired:
            self.p.kill()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route(re.compile(r"https?://(cdn\.jsdelivr\.net|unpkg\.com)/.*"), lambda r: r.abort())
    t = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".kf-bawahan select", timeout=120000)
    page.wait_for_selector(".widget-button", timeout=120000)
    return page, time.perf_counter() - t


def make_workspace(n: int, tmp: Path) -> tuple[Path, str]:
    ws = tmp / f"ws{n}"
    subprocess.run([sys.executable, "-m", "kinerja.cli", "sample", "--pegawai", str(n), "--out", str(ws)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "kinerja.cli", "init", str(ws)], check=True, capture_output=True)
    from kinerja.store.core import Store

    st = Store(f"sqlite:///{ws / 'kinerja.db'}")
    pen = st.penilai().sort_values("jumlah_bawahan").iloc[-1]
    return ws, pen["nip"]


def in_process(ws: Path, penilai: str, runs: int) -> dict:
    from kinerja.store.core import Store
    from kinerja.ui.form import FormPenilaian

    st = Store(f"sqlite:///{ws / 'kinerja.db'}")
    app = FormPenilaian(st, penilai=penilai)
    opts = [v for _, v in app.w_bawahan.options]
    sw = []
    for i in range(runs * 4):
        t = time.perf_counter()
        app.w_bawahan.value = opts[(i + 1) % len(opts)]
        sw.append(time.perf_counter() - t)
    # a complete evaluation, as an evaluator's last Simpan: every value rated, final ratings = usulan
    # (the service then recomputes the usulan to check the override rule)
    app.w_bawahan.value = next(v for v in opts if not app.store.lembar(penilai, v, app.w_periode.value).indikator.empty)
    for w in app.w_rating.values():
        w.value = w.value or "sesuai"
    app.pakai_usulan()
    sv = []
    for _ in range(runs * 4):
        t = time.perf_counter()
        assert app.simpan(), app.pesan.widget.value
        sv.append(time.perf_counter() - t)
    return {"switch_kernel_median_s": statistics.median(sw), "simpan_kernel_p95_s": p95(sv),
            "simpan_kernel_median_s": statistics.median(sv), "bawahan": len(opts)}


def kernel_saja(args) -> int:
    """The in-process half only (switch bawahan, Simpan through the service), medians and p95."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-app-"))
    try:
        ws, penilai = make_workspace(args.pegawai, tmp)
        res = {f"inproc_{k}": v for k, v in in_process(ws, penilai, args.runs).items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"kernel side, {args.pegawai} pegawai: switch median {res['inproc_switch_kernel_median_s'] * 1000:.0f} ms, "
          f"Simpan median {res['inproc_simpan_kernel_median_s'] * 1000:.1f} ms, "
          f"p95 {res['inproc_simpan_kernel_p95_s'] * 1000:.1f} ms")
    print(json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in res.items()}))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pegawai", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--kernel-saja", action="store_true",
                    help="only the kernel-side (in-process) switch and Simpan timings: no server, no browser")
    args = ap.parse_args()
    if args.kernel_saja:
        return kernel_saja(args)
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench-app-"))
    res: dict = {}
    try:
        small = tmp / "contoh"
        shutil.copytree(ROOT / "data_samples" / "instansi_contoh", small)
        subprocess.run([sys.executable, "-m", "kinerja.cli", "init", str(small)], check=True, capture_output=True)
        t = time.perf_counter()
        big, penilai = make_workspace(args.pegawai, tmp)
        res["workspace_setup_s"] = time.perf_counter() - t
        res.update({f"inproc_{k}": v for k, v in in_process(big, penilai, args.runs).items()})

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            # warm pool
            srv = Server(small, pool=2)
            warm = []
            try:
                for _ in range(args.runs):
                    page, dt = open_page(browser, srv.url + FORM)
                    warm.append(dt)
                    page.close()
                    srv.wait_pool()  # the pool refilled before the next open
            finally:
                srv.stop()
            # cold: no preheated kernel
            srv = Server(small, pool=0)
            cold = []
            try:
                for _ in range(max(2, args.runs // 2)):
                    page, dt = open_page(browser, srv.url + FORM)
                    cold.append(dt)
                    page.close()
            finally:
                srv.stop()
            # 5,000 pegawai: Simpan round trip and switching bawahan
            srv = Server(big, pool=1)
            try:
                page, dt = open_page(browser, srv.url + FORM + f"?penilai={penilai}")
                res["open_5000_s"] = dt
                sel = page.locator(".kf-bawahan select")
                page.wait_for_function("document.querySelector('.kf-bawahan select').options.length > 2")
                n_opt = sel.locator("option").count()
                names = [x.replace("\xa0", " ").split(" — ")[0] for x in sel.locator("option").all_inner_texts()]
                sw = []
                for i in range(args.runs * 4):
                    k = (i + 1) % n_opt
                    t = time.perf_counter()
                    sel.select_option(index=k)
                    page.wait_for_function(
                        "n => document.querySelector('.kf-nama') && document.querySelector('.kf-nama').innerText === n",
                        arg=names[k])
                    sw.append(time.perf_counter() - t)
                sv = []
                for i in range(args.runs * 4):
                    before = page.locator(".kf-pesan").inner_text()
                    t = time.perf_counter()
                    page.locator(".kf-simpan").click()
                    page.wait_for_function(
                        "b => { const m = document.querySelector('.kf-pesan .kn-msg-ok');"
                        " return m && m.innerText !== b; }", arg=before)
                    sv.append(time.perf_counter() - t)
                page.close()
            finally:
                srv.stop()
            browser.close()
        res.update({
            "open_warm_median_s": statistics.median(warm), "open_warm_all_s": warm,
            "open_cold_median_s": statistics.median(cold), "open_cold_all_s": cold,
            "switch_5000_median_s": statistics.median(sw), "switch_5000_p95_s": p95(sw),
            "simpan_median_s": statistics.median(sv), "simpan_p95_s": p95(sv),
            "pegawai": args.pegawai,
        })
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"page open -> first widget, warm pool : median {res['open_warm_median_s']:.2f} s (goal <= 3 s)")
    print(f"page open -> first widget, cold      : median {res['open_cold_median_s']:.2f} s")
    print(f"Simpan round trip (browser)          : median {res['simpan_median_s'] * 1000:.0f} ms, "
          f"p95 {res['simpan_p95_s'] * 1000:.0f} ms (goal p95 <= 100 ms)")
    print(f"switch bawahan, {args.pegawai} pegawai (browser): median {res['switch_5000_median_s'] * 1000:.0f} ms "
          f"(goal <= 300 ms)")
    print(f"kernel side: switch median {res['inproc_switch_kernel_median_s'] * 1000:.0f} ms, "
          f"simpan p95 {res['inproc_simpan_kernel_p95_s'] * 1000:.0f} ms")
    print(json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in res.items()
                      if not isinstance(v, list)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

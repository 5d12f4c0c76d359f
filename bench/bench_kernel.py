"""Memory of one evaluator's form kernel (issue 11: goal <= 150 MB RSS), not a test.

For each run: a real ``kinerja serve`` (``--pool 1``: one preheated form kernel, as served; the
page's kernel is found by the kernel id in the page), headless Chromium opens the form, selects a
bawahan, types a realisasi, rates one value, takes the usulan as final ratings and presses ``Simpan``; once the success message shows, the RSS and USS
(psutil ``memory_full_info``) of that kernel process are read. The baseline is a bare ipykernel
started with jupyter_client from the same interpreter, after it executed one cell. Medians of
``--runs`` runs; also lists which heavy packages with native code the form kernel has mapped
(/proc/PID/maps: matplotlib must not be among them; tests/test_form_kernel.py checks sys.modules).

Usage:  .venv/bin/python bench/bench_kernel.py [--runs 5]
Prints medians and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from voila_server import kernel_pids, kinerja_serve, new_page, prepare_workspace  # noqa: E402

CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FORM = "voila/render/02_form_penilaian.ipynb"
MB = 2 ** 20
BERAT = ("matplotlib", "pandas", "numpy", "sqlalchemy", "scipy", "PIL", "openpyxl", "jinja2", "babel")


def mem(pid: int) -> tuple[float, float]:
    import psutil

    i = psutil.Process(pid).memory_full_info()
    return i.rss / MB, i.uss / MB


def bare_kernel() -> tuple[float, float]:
    """A bare ipykernel (same interpreter) after executing one cell."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=[])
    try:
        kc.execute_interactive("x = 1 + 1", timeout=60)
        return mem(km.provisioner.process.pid)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def form_kernel(browser, ws: Path, pool: int) -> tuple[float, float, dict]:
    with kinerja_serve(ws, pool_size=pool) as server:
        page = new_page(browser)
        page.goto(server.url + FORM)
        sel = page.locator(".kf-bawahan select")
        sel.wait_for(timeout=120_000)
        page.wait_for_function("document.querySelector('.kf-bawahan select').options.length > 1", timeout=120_000)
        sel.select_option(index=1)
        page.wait_for_selector(".kf-realisasi input", timeout=60_000)
        page.locator(".kf-realisasi input").first.fill("123")
        page.locator(".kf-rating-loyal button", has_text="Di Atas").click()
        page.locator(".kf-pakai-usulan").click()
        page.wait_for_function("document.querySelector('.kf-final-pk select').selectedIndex > 0")
        page.locator(".kf-simpan").click()
        page.wait_for_selector(".kf-pesan .kn-msg-ok", timeout=60_000)
        page.wait_for_selector(".kf-kuadran svg")
        pid = _pid_of_page_kernel(page, server)
        rss, uss = mem(pid)
        mods = _modules_of(pid)
        page.close()
        return rss, uss, mods


def _pid_of_page_kernel(page, server) -> int:
    """The kernel serving this page: Voilà puts its id in the page config, and the kernel's command
    line names its connection file ``kernel-<id>.json``."""
    import psutil

    kid = json.loads(page.evaluate("document.getElementById('jupyter-config-data').textContent"))["kernelId"]
    for pid in kernel_pids(server):
        if any(kid in a for a in psutil.Process(pid).cmdline()):
            return pid
    raise RuntimeError(f"no kernel process for kernel {kid}")


def _modules_of(pid: int) -> dict:
    """Heavy packages with native code in the kernel: a package counts as loaded when one of its
    extension modules is mapped (/proc/PID/maps). matplotlib must not be among them."""
    out = {}
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return out
    for name in BERAT:
        out[name] = f"/site-packages/{name}/" in maps
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pool", type=int, default=1, help="preheated form kernels (1 = as served; 0 = started "
                    "on request)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    bare, form = [], []
    mods = {}
    with tempfile.TemporaryDirectory(prefix="bench-kernel-") as tmp:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                for i in range(args.runs):
                    bare.append(bare_kernel())
                    ws = prepare_workspace(Path(tmp) / f"ws{i}")
                    rss, uss, mods = form_kernel(browser, ws, args.pool)
                    form.append((rss, uss))
                    print(f"run {i + 1}: bare rss {bare[-1][0]:.1f} uss {bare[-1][1]:.1f} MB | "
                          f"form rss {rss:.1f} uss {uss:.1f} MB", flush=True)
            finally:
                browser.close()
    med = lambda xs, k: statistics.median(x[k] for x in xs)  # noqa: E731
    res = {"runs": args.runs, "pool": args.pool, "bare_rss_mb": med(bare, 0), "bare_uss_mb": med(bare, 1),
           "form_rss_mb": med(form, 0), "form_uss_mb": med(form, 1),
           "loaded_extension_packages": sorted(k for k, v in mods.items() if v)}
    res["form_minus_bare_rss_mb"] = res["form_rss_mb"] - res["bare_rss_mb"]
    print(f"bare ipykernel after one cell : RSS {res['bare_rss_mb']:.1f} MB, USS {res['bare_uss_mb']:.1f} MB (median)")
    print(f"form kernel after Simpan      : RSS {res['form_rss_mb']:.1f} MB, USS {res['form_uss_mb']:.1f} MB "
          f"(median; goal RSS <= 150 MB)")
    print(f"packages with native code mapped in the form kernel: {', '.join(res['loaded_extension_packages'])}")
    print(json.dumps({k: (round(v, 1) if isinstance(v, float) else v) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The served form kernel stays small (issue 11: <= 150 MB RSS per evaluator): no matplotlib (the
kuadran is written as SVG directly), no ``voila`` import for the request wait. Measured for real by
bench/bench_kernel.py; here the imports are checked in a fresh interpreter that builds and uses the
form as the notebook does."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pytest

from kinerja.domain import labels

SCRIPT = r"""
import json, os, sys
os.environ["KINERJA_WORKSPACE"] = sys.argv[1]
os.environ.pop("KINERJA_DB_URL", None)
os.environ["KINERJA_IDENTITAS"] = "demo"
from kinerja.ui.form import app_dari_lingkungan, siapkan
app = app_dari_lingkungan(sys.argv[1], None, siapkan(sys.argv[1]))
app.w_bawahan.value = [v for _, v in app.w_bawahan.options][1]
key = next(iter(app.w_real))
app.w_real[key].value = "123"
app.w_rating["loyal"].value = "di_atas"
app.pakai_usulan()
ok = app.simpan()
app.muat_unit()
print(json.dumps({"saved": ok, "pesan": app.pesan.widget.value, "kuadran": app.w_kuadran.value[:200],
                  "loaded": sorted(m for m in ("matplotlib", "voila", "jupyter_server", "nbconvert", "PIL")
                                   if m in sys.modules)}))
"""


def test_form_used_without_matplotlib_or_voila(sample_copy):
    """Build the form, select a bawahan, type, rate, Simpan, unit view: nothing heavy imported."""
    subprocess.run([sys.executable, "-m", "kinerja.cli", "init", str(sample_copy)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KINERJA_", "VOILA_"))}
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(sample_copy)], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["saved"], out["pesan"]
    assert "<svg" in out["kuadran"]
    assert out["loaded"] == [], f"the form kernel imported {out['loaded']}"


def _cells(svg: str):
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    return root, root.findall(".//s:rect", ns), root.findall(".//s:text", ns), ns


@pytest.mark.parametrize("hk", labels.RATINGS)
@pytest.mark.parametrize("pk", labels.RATINGS)
def test_kuadran_svg_marks_the_predikat_cell(hk, pk):
    from kinerja.report.charts import kuadran_svg
    from kinerja.report.style import WARNA_PREDIKAT
    from kinerja.schemes.permenpanrb_2022 import KUADRAN

    root, rects, texts, ns = _cells(kuadran_svg(hk, pk))
    sel = [r for r in rects if "kn-kuadran-sel" in (r.get("class") or "")]
    assert len(sel) == 9
    chosen = [r for r in sel if "kn-kuadran-pilih" in r.get("class")]
    assert len(chosen) == 1 and chosen[0].get("fill") == WARNA_PREDIKAT[KUADRAN[(hk, pk)]]
    assert chosen[0].get("fill-opacity") == "1"
    assert sum(r.get("fill-opacity") == "0.28" for r in sel) == 8  # the other cells fade
    bold = ["".join(t.itertext()) for t in texts if t.get("font-weight") == "bold" and t.findall("s:tspan", ns)]
    assert bold == [KUADRAN[(hk, pk)].replace(" ", "")]  # the chosen cell's predikat, one word per line
    assert len(root.findall(".//s:polygon", ns)) == 1  # the star


def test_kuadran_svg_without_ratings_highlights_nothing():
    from kinerja.report.charts import kuadran_svg

    root, rects, texts, ns = _cells(kuadran_svg(None, "sesuai"))
    sel = [r for r in rects if "kn-kuadran-sel" in (r.get("class") or "")]
    assert len(sel) == 9 and all(r.get("fill-opacity") == "1" for r in sel)
    assert not root.findall(".//s:polygon", ns)
    words = " ".join("".join(t.itertext()) for t in texts)
    assert "Rating Hasil Kerja" in words and "Rating Perilaku Kerja" in words


def test_form_kuadran_html_is_cached_and_names_the_predikat():
    from kinerja.ui.form import kuadran_html

    a = kuadran_html("di_atas", "di_atas")
    assert a is kuadran_html("di_atas", "di_atas")
    assert "Sangat" in a and "kn-kuadran-pilih" in a
    assert kuadran_html("", None) is kuadran_html(None, None)


def test_tunggu_permintaan_reads_the_request_over_websocket(monkeypatch):
    """The preheated kernel's wait for the page request (Voilà's protocol, without importing voila):
    the request info arrives on ``voila/query/<kernel id>`` and lands in os.environ."""
    import websockets

    from kinerja.ui import common

    seen = {}
    ready = threading.Event()
    stop = None

    async def handler(ws):
        seen["path"] = ws.request.path
        await ws.send(json.dumps({"QUERY_STRING": "nip=123&periode=2025-TW1", "HTTP_X_KINERJA_PENGGUNA": "budi"}))

    async def serve():
        nonlocal stop
        stop = asyncio.get_running_loop().create_future()
        async with websockets.serve(handler, "127.0.0.1", 0) as server:
            seen["port"] = server.sockets[0].getsockname()[1]
            ready.set()
            await stop

    loop = asyncio.new_event_loop()
    t = threading.Thread(target=lambda: loop.run_until_complete(serve()), daemon=True)
    t.start()
    assert ready.wait(10)
    for k in ("QUERY_STRING", "HTTP_X_KINERJA_PENGGUNA"):  # set then delete: monkeypatch then undoes what
        monkeypatch.setenv(k, "")                            # tunggu_permintaan writes (no leak to later tests)
        monkeypatch.delenv(k)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", str(seen["port"]))
    monkeypatch.setenv("VOILA_SERVER_URL", "/basis/")
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    monkeypatch.setenv("VOILA_KERNEL_ID", "k-42")
    try:
        assert common.query_params() == {"nip": "123", "periode": "2025-TW1"}
        assert os.environ["HTTP_X_KINERJA_PENGGUNA"] == "budi"
        assert seen["path"] == "/basis/voila/query/k-42"
    finally:
        loop.call_soon_threadsafe(stop.set_result, None)
        t.join(10)
    monkeypatch.setenv("VOILA_PREHEAT", "False")  # not preheated: no wait, the environment as it is
    monkeypatch.setenv("QUERY_STRING", "nip=9")
    assert common.query_params() == {"nip": "9"}

"""Phone-first layouts (issue 12 point 2): the evaluator form (notebook 02) and the 360 questionnaire
(notebook 07) served by a real ``kinerja serve``, opened in headless Chromium at 1366x768 and at 390x844
with touch input. At both sizes nothing scrolls sideways, every input and answer button lies inside the
viewport, and a full evaluation and a full questionnaire are completed by tapping touch-sized targets.

Screenshots (full height) go to ``KINERJA_SCREENSHOTS`` when set, else to the test's tmp dir."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from voila_server import kinerja_serve, prepare_workspace

from kinerja.schemes import multirater as mr

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FORM = "voila/render/02_form_penilaian.ipynb"
KUESIONER = "voila/render/07_kuesioner_360.ipynb"
T = 120_000
SIZES = [(1366, 768), (390, 844)]
TOUCH_MIN = 36  # px: the smallest answer button height accepted on a phone (WCAG 2.5.8 asks for 24)

# every visible control: its horizontal extent against the viewport
CONTROLS_JS = """() => {
  const vw = document.documentElement.clientWidth, out = [];
  for (const e of document.querySelectorAll('input, button, select, textarea')) {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
    out.push({cls: String(e.className || e.tagName).slice(0, 60), left: r.left, right: r.right, vw});
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("hp") / "workspace")
    with kinerja_serve(ws, pool_size=1) as s:
        yield s


def _page(browser, size):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, has_touch=True)
    page = ctx.new_page()
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    return page


def _assert_fits(page, where: str) -> None:
    vw = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= vw, f"{where}: the page scrolls sideways"
    assert page.evaluate("document.body.scrollWidth") <= vw, where
    outside = [c for c in page.evaluate(CONTROLS_JS) if c["left"] < -0.5 or c["right"] > c["vw"] + 0.5]
    assert not outside, f"{where}: controls outside the viewport: {outside[:5]}"


def _shot(page, tmp_path, name: str) -> Path:
    import os

    folder = Path(os.environ.get("KINERJA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    w = page.viewport_size["width"]
    h = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": w, "height": min(int(h) + 40, 16000)})
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def _bawahan(sample_ws, k: int):
    """The k-th pegawai (atasan, nip) whose evaluation for 2026 is not final yet."""
    peg = sample_ws.pegawai
    pen = sample_ws.penilaian
    final = set(pen[(pen["periode"] == "2026") & pen["rating_hasil_kerja"].notna() & pen["rating_perilaku"].notna()]["nip"])
    rows = [(r.nip_atasan, r.nip) for r in peg.itertuples() if isinstance(r.nip_atasan, str) and r.nip not in final]
    return rows[k % len(rows)]


def _kuesioner(sample_ws, k: int):
    """The k-th 360 questionnaire (penilai, nip) of a rekan that has not been answered yet."""
    pen, jw = sample_ws["penugasan_360"], sample_ws["umpan_balik_360"]
    done = set(zip(jw["nip"], jw["penilai"]))
    todo = [(r.penilai, r.nip) for r in pen[pen["peran"] == "rekan"].itertuples() if (r.nip, r.penilai) not in done]
    return todo[k]


def _tap(page, selector: str, phone: bool) -> None:
    loc = page.locator(selector)
    loc.scroll_into_view_if_needed()
    box = loc.bounding_box()
    if phone:
        assert box["height"] >= TOUCH_MIN and box["width"] >= TOUCH_MIN, f"{selector}: {box} too small to tap"
    loc.tap()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_form_fits_and_full_evaluation_by_touch(browser, server, sample_ws, size, tmp_path):
    phone = size[0] < 500
    atasan, nip = _bawahan(sample_ws, 0 if phone else 1)
    page = _page(browser, size)
    page.goto(f"{server.url}{FORM}?penilai={atasan}&periode=2026&nip={nip}", timeout=T)
    nama = sample_ws.pegawai.set_index("nip").loc[nip, "nama"]
    page.wait_for_selector(f".kf-nama:text-is('{nama}')", timeout=T)
    page.wait_for_selector(".kf-kuadran svg, .kf-kuadran table", timeout=T)
    _assert_fits(page, f"form {size}")
    if phone:  # the column headers are hidden; each field carries its own label inside its card
        assert not page.locator(".kf-kepala-kolom").is_visible()
        assert page.locator(".kf-ind-baris .kf-label-hp").first.is_visible()
        assert page.locator(".kf-pakai-usulan").inner_text().strip() == "Pakai usulan"
        box = page.locator(".kf-pakai-usulan").bounding_box()
        assert page.evaluate("e => e.scrollWidth <= e.clientWidth", page.locator(".kf-pakai-usulan").element_handle())
        assert box["height"] >= TOUCH_MIN
    # hasil kerja: every realisasi filled in
    inputs = page.locator(".kf-realisasi input")
    for i in range(inputs.count()):
        inp = inputs.nth(i)
        inp.scroll_into_view_if_needed()
        inp.tap()
        if not inp.input_value().strip():
            inp.fill("10")
    # perilaku: all seven values rated by tapping
    for i, aspek in enumerate(mr.ASPEK):
        pilihan = ("Di Bawah", "Sesuai", "Di Atas")[i % 2 + 1]
        _tap(page, f".kf-rating-{aspek} button:text-is('{pilihan}')", phone)
        page.wait_for_selector(f".kf-rating-{aspek} button.mod-active:text-is('{pilihan}')", timeout=T)
    _tap(page, ".kf-pakai-usulan", phone)
    page.wait_for_function("document.querySelector('.kf-final-pk select').selectedIndex > 0", timeout=T)
    page.wait_for_function("document.querySelector('.kf-final-hk select').selectedIndex > 0", timeout=T)
    _assert_fits(page, f"form {size} filled in")
    _tap(page, ".kf-simpan", phone)
    page.wait_for_selector(".kf-pesan .kn-msg-ok", timeout=T)
    assert "Tersimpan" in page.locator(".kf-pesan").inner_text()
    assert "berdasarkan rating akhir" in page.locator(".kf-predikat").inner_text()
    _assert_fits(page, f"form {size} saved")
    _shot(page, tmp_path, f"form_{size[0]}x{size[1]}.png")
    page.context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_questionnaire_fits_and_full_answer_by_touch(browser, server, sample_ws, size, tmp_path):
    phone = size[0] < 500
    penilai, nip = _kuesioner(sample_ws, 0 if phone else 1)
    nama = sample_ws.pegawai.set_index("nip").loc[nip, "nama"]
    page = _page(browser, size)
    page.goto(f"{server.url}{KUESIONER}?penilai={penilai}&nip={nip}", timeout=T)
    page.wait_for_selector(f".k360-info:has-text('Anda menilai {nama}')", timeout=T)
    _assert_fits(page, f"kuesioner {size}")
    for a in mr.ASPEK:  # the 1-5 buttons of every value are inside the viewport
        for b in page.locator(f".k360-skor-{a} button").all():
            box = b.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= size[0], (a, box)
    for i, a in enumerate(mr.ASPEK):
        skor = 3 + i % 3
        _tap(page, f".k360-skor-{a} button[data-value='{skor}']", phone)
        page.wait_for_selector(f".k360-skor-{a} button.mod-active[data-value='{skor}']", timeout=T)
    page.locator(".k360-komentar textarea").tap()
    page.locator(".k360-komentar textarea").fill("Sigap dan ramah kepada pengunjung")
    _tap(page, ".k360-simpan", phone)
    page.wait_for_selector(".k360-pesan:has-text('Tersimpan')", timeout=T)
    _assert_fits(page, f"kuesioner {size} saved")
    _shot(page, tmp_path, f"kuesioner_{size[0]}x{size[1]}.png")
    page.context.close()

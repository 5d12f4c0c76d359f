"""End to end: the teaching notebooks as Voilà apps in a real headless Chromium.

Notebook 05: answer the first exercise wrongly (the hint appears, pointing to the rule), then rightly
(the confirmation appears and the score counter goes up); mode pelatih reveals the answer key.
Notebook 06: the app renders every section.

The apps are opened from a real ``kinerja serve`` (tests/voila_server.py) on a copy of the sample
instansi. Screenshots are written to ``KINERJA_SCREENSHOTS`` (a folder) when that variable is set,
else to the test's tmp dir.
"""

from __future__ import annotations

import re

import pytest
from voila_server import kinerja_serve, new_page, prepare_workspace, screenshot


def screenshot_viewport(page, tmp_path, name: str):
    """What a participant sees at this window size (for a person to look at)."""
    import os
    from pathlib import Path

    folder = Path(os.environ.get("KINERJA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))
    return folder / name

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("teach") / "workspace")
    with kinerja_serve(ws, pool_size=0, wait_pools=False) as s:
        yield s


@pytest.fixture
def voila05(server):
    return server.url + "voila/render/05_belajar_predikat_2022.ipynb"


@pytest.fixture
def voila06(server):
    return server.url + "voila/render/06_belajar_skema_angka.ipynb"






def test_notebook05_exercise_wrong_then_right(browser, voila05, tmp_path):
    page = new_page(browser)
    page.goto(voila05, timeout=120_000)
    lat = page.locator(".kt-latihan")
    lat.locator(".kt-periksa").wait_for(timeout=120_000)
    assert "Skor: 0 dari" in lat.locator(".kt-skor").inner_text()
    soal = lat.locator(".kt-pertanyaan").inner_text()
    assert "di atas ekspektasi" in soal and "perilaku kerja di bawah ekspektasi" in soal

    # wrong: "Baik" (exact label, not "Sangat Baik")
    lat.locator(".kt-pilihan label").filter(has_text=re.compile(r"^\s*Baik\s*$")).click()
    lat.locator(".kt-periksa").click()
    salah = lat.locator(".kt-umpan-balik.kt-salah")
    salah.wait_for(timeout=30_000)
    text = salah.inner_text()
    assert "Belum tepat" in text and "Lampiran hlm. 99" in text and "Kuadran Kinerja Pegawai" in text
    assert "Skor: 0 dari" in lat.locator(".kt-skor").inner_text()

    # right: Kurang/Misconduct
    lat.locator(".kt-pilihan label").filter(has_text="Kurang/Misconduct").click()
    lat.locator(".kt-periksa").click()
    benar = lat.locator(".kt-umpan-balik.kt-benar")
    benar.wait_for(timeout=30_000)
    assert "Benar." in benar.inner_text() and "Kurang/Misconduct" in benar.inner_text()
    assert lat.locator(".kt-umpan-balik.kt-salah").count() == 0
    page.wait_for_function("document.querySelector('.kt-latihan .kt-skor').innerText.includes('Skor: 1 dari')",
                           timeout=30_000)

    # mode pelatih reveals the answer key
    lat.locator(".kt-mode-pelatih").click()
    kunci = lat.locator(".kt-kunci table")
    kunci.wait_for(timeout=30_000)
    assert kunci.locator("tbody tr").count() >= 7

    # the other apps rendered too
    for cls in (".kt-skp", ".kt-berakhlak", ".kt-kuadran", ".kt-kurva"):
        assert page.locator(cls).count() == 1, cls
    screenshot(page, tmp_path, "05_belajar_predikat_2022.png")
    skp = page.locator(".kt-skp")
    for w, h in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        skp.scroll_into_view_if_needed()
        screenshot_viewport(page, tmp_path, f"05_skp_{w}x{h}.png")
    page.close()


def test_notebook06_renders(browser, voila06, tmp_path):
    page = new_page(browser)
    page.goto(voila06, timeout=120_000)
    page.locator(".kt-latihan .kt-periksa").wait_for(timeout=120_000)
    for cls in (".kt-pp46-waktu", ".kt-pp46-coba", ".kt-kpi", ".kt-banding"):
        assert page.locator(cls).count() == 1, cls
    assert "Siapa bergeser" in page.locator(".kt-banding").inner_text()
    assert "86,04" in page.inner_text("body")  # the worked example's nilai prestasi kerja
    # slider readouts in Indonesian: "12,00 bulan", never the browser's "12.00"
    waktu = page.locator(".kt-pp46-waktu")
    assert waktu.locator(".kt-readout").first.inner_text().strip() == "12,00 bulan"
    assert not re.search(r"\b\d+\.\d\d\b", waktu.inner_text())
    assert "70/30" in page.locator(".kt-kpi").inner_text()  # the KPI config in force, not a hard-coded label
    screenshot(page, tmp_path, "06_belajar_skema_angka.png")
    for w, h in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": w, "height": h})
        waktu.scroll_into_view_if_needed()
        screenshot_viewport(page, tmp_path, f"06_pp46_waktu_{w}x{h}.png")
    page.close()

"""End to end: a real `kinerja serve` (Voilà, preheated kernels) driven by headless Chromium."""

from __future__ import annotations


import pytest
from voila_server import kinerja_serve, new_page, prepare_workspace

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FORM = "voila/render/02_form_penilaian.ipynb"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("app") / "workspace")
    with kinerja_serve(ws, pool_size=1) as s:
        yield s.url




def test_landing_page_lists_notebooks(browser, server):
    page = new_page(browser)
    page.goto(server)
    page.wait_for_selector(".kn-apps")
    titles = page.locator(".kn-app-judul").all_inner_texts()
    assert titles[0] == "Formulir Penilaian Kinerja Pegawai"
    assert "Muat Rencana Kinerja (SKP)" in titles
    page.close()


def test_evaluate_save_reload(browser, server, tmp_path):
    page = new_page(browser)
    page.goto(server + FORM)
    page.wait_for_selector(".kf-bawahan select")
    page.wait_for_selector(".widget-button")
    assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0  # no code visible
    # 1. pick a bawahan
    sel = page.locator(".kf-bawahan select")
    options = sel.locator("option").all_inner_texts()
    assert len(options) >= 2
    sel.select_option(label=options[1])
    nama = options[1].replace("\xa0", " ").split(" — ")[0]  # ipywidgets shows spaces as nbsp
    page.wait_for_selector(f".kf-nama:text-is('{nama}')")
    # 2. an invalid realisasi gets an inline message
    first = page.locator(".kf-realisasi input").first
    first.fill("abc")
    page.wait_for_selector(".kf-err-realisasi :text('harus berupa angka')")
    page.locator(".kf-simpan").click()
    page.wait_for_selector(".kf-pesan .kn-msg-salah")
    # valid values, ratings, final ratings from the suggestion
    first.fill("123")
    page.wait_for_function("document.querySelector('.kf-err-realisasi').innerText.trim() === ''")
    page.locator(".kf-rating-loyal button", has_text="Di Atas").click()
    page.locator(".kf-catatan-loyal input").fill("Menjaga rahasia jabatan dengan baik")
    page.locator(".kf-pakai-usulan").click()
    page.wait_for_function("document.querySelector('.kf-final-pk select').selectedIndex > 0")
    # 3. Simpan
    page.locator(".kf-simpan").click()
    page.wait_for_selector(".kf-pesan .kn-msg-ok")
    assert "Tersimpan" in page.locator(".kf-pesan").inner_text()
    predikat = page.locator(".kf-predikat-nilai").inner_text()
    page.screenshot(path=str(tmp_path / "form.png"))
    # 4. reload: the values are still there and the predikat is shown
    page.reload()
    page.wait_for_selector(".kf-bawahan select")
    page.locator(".kf-bawahan select").select_option(index=1)
    page.wait_for_selector(f".kf-nama:text-is('{nama}')")
    page.wait_for_function("document.querySelector('.kf-realisasi input').value === '123'")
    page.wait_for_function("document.querySelector('.kf-catatan-loyal input').value === "
                           "'Menjaga rahasia jabatan dengan baik'")
    page.wait_for_function("p => document.querySelector('.kf-predikat-nilai').innerText === p", arg=predikat)
    assert predikat in ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")
    assert "berdasarkan rating akhir" in page.locator(".kf-predikat").inner_text()
    page.close()

"""The IKM respondent app (notebook 09) against a real ``kinerja serve`` in headless Chromium, as a
resident on a 390x844 phone: the link of one unit, nine questions answered by taps on touch-sized
buttons, Kirim; a second answer from the same phone (same browser storage) at once is refused with an
Indonesian message; exactly one answer is in the workspace database. Also looked at on a 1366x768
desktop. Screenshots go to KINERJA_SCREENSHOTS (a folder) when set, else to the test's tmp dir."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from voila_server import add_account, kinerja_serve, prepare_workspace

from kinerja.schemes.ikm import KOLOM_UNSUR

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SURVEI = "voila/render/09_isi_survei_ikm.ipynb"
T = 90_000  # ms: first render of a notebook on a busy machine
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
MIN_TAP = 44  # px: the smallest comfortable touch target (WCAG 2.5.5 / platform guidelines)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("ikm") / "workspace")
    with kinerja_serve(ws, pool_size=0, wait_pools=False) as s:
        yield s


def _context(browser, viewport, mobile: bool):
    ctx = browser.new_context(viewport=viewport, has_touch=mobile, is_mobile=mobile,
                              device_scale_factor=2 if mobile else 1, locale="id-ID")
    ctx.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
    return ctx


def _shot(page, tmp_path: Path, name: str) -> Path:
    """A full-content screenshot at the page's own width (Voilà scrolls inside the page: grow the
    viewport to the content first, then restore it)."""
    folder = Path(os.environ.get("KINERJA_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    vp = page.viewport_size
    height = page.evaluate("Math.max(...Array.from(document.querySelectorAll('*')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": vp["width"], "height": min(int(height) + 40, 16000)})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(vp)
    assert path.stat().st_size > 10_000
    return path


def _open(page, server, unit):
    page.goto(f"{server.url}{SURVEI}?unit={quote(unit)}", timeout=T)
    page.wait_for_selector(".ks-kirim", timeout=T)
    page.wait_for_selector(".ks-perangkat-siap", state="attached", timeout=T)  # the device token is sent


def _fits(page, width: int) -> None:
    doc = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert doc <= width, f"page is {doc}px wide in a {width}px viewport"


def _answer_all(page, width: int, answers: dict) -> None:
    for u in KOLOM_UNSUR:
        btn = page.locator(f".ks-{u}-{answers[u]}")
        btn.scroll_into_view_if_needed()
        box = btn.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (u, box)
        assert box["height"] >= MIN_TAP and box["width"] >= MIN_TAP, (u, box)
        btn.tap()
        page.wait_for_selector(f".ks-{u}-{answers[u]}.ks-terpilih", timeout=T)
    page.wait_for_selector(f".ks-progres:has-text('{len(KOLOM_UNSUR)} dari {len(KOLOM_UNSUR)}')", timeout=T)


def _daring(server, unit):
    from kinerja.store.core import Store

    st = Store.for_workspace(server.workspace)
    t = st.t["ikm"]
    with st.engine.connect() as con:
        rows = con.execute(sa.select(t).where(t.c.unit == unit, t.c.responden.like("daring-%"))).mappings().all()
    st.engine.dispose()
    return rows


def test_resident_answers_on_a_phone_and_a_second_answer_is_refused(browser, server, tmp_path):
    unit = "Bidang Pelayanan Kesehatan"
    answers = {u: (i % 4) + 1 for i, u in enumerate(KOLOM_UNSUR)}
    ctx = _context(browser, PHONE, mobile=True)
    try:
        page = ctx.new_page()
        _open(page, server, unit)
        assert unit in page.inner_text(".kn-header")
        assert "anonim" in page.inner_text(".kn-header")
        assert page.locator(".ks-kartu-unit").is_hidden()     # the link names the unit
        _fits(page, PHONE["width"])
        for u in KOLOM_UNSUR:  # every answer button of every question lies inside the phone's width
            for v in range(1, 5):
                box = page.locator(f".ks-{u}-{v}").bounding_box()
                assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], (u, v, box)
        _shot(page, tmp_path, "survei_ikm_390_awal.png")

        # Kirim before answering everything: told which questions are missing, nothing stored
        page.locator(f".ks-{KOLOM_UNSUR[0]}-4").tap()
        page.locator(".ks-kirim").tap()
        page.wait_for_selector(".kn-msg-salah:has-text('belum dijawab')", timeout=T)
        assert not _daring(server, unit)

        _answer_all(page, PHONE["width"], answers)
        kirim = page.locator(".ks-kirim")
        kirim.scroll_into_view_if_needed()
        assert kirim.bounding_box()["height"] >= MIN_TAP
        kirim.tap()
        page.wait_for_selector(".ks-terima-kasih", timeout=T)
        assert "Terima kasih" in page.inner_text(".ks-terima-kasih")
        _fits(page, PHONE["width"])
        _shot(page, tmp_path, "survei_ikm_390_terkirim.png")

        rows = _daring(server, unit)
        assert len(rows) == 1
        assert {u: rows[0][u] for u in KOLOM_UNSUR} == answers
        assert rows[0]["periode"]  # the survey periode of today

        # the same phone (same browser storage) answers again at once: refused, in Indonesian
        page2 = ctx.new_page()
        _open(page2, server, unit)
        _answer_all(page2, PHONE["width"], {u: 4 for u in KOLOM_UNSUR})
        page2.locator(".ks-kirim").tap()
        msg = page2.wait_for_selector(".kn-msg-peringatan", timeout=T)
        assert "perangkat ini baru saja kami terima" in msg.inner_text()
        assert page2.locator(".ks-terima-kasih").count() == 0
        _shot(page2, tmp_path, "survei_ikm_390_ditolak.png")
        assert len(_daring(server, unit)) == 1
    finally:
        ctx.close()


def test_desktop_layout_and_unit_choice(browser, server, tmp_path):
    ctx = _context(browser, DESKTOP, mobile=False)
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}{SURVEI}", timeout=T)  # no unit in the link: the resident picks it
        page.wait_for_selector(".ks-unit select", timeout=T)
        _fits(page, DESKTOP["width"])
        assert page.locator(".ks-kartu-unit").is_visible()
        page.select_option(".ks-unit select", label="Sekretariat")
        page.wait_for_selector(".kn-header:has-text('Sekretariat')", timeout=T)
        for u in KOLOM_UNSUR:
            box = page.locator(f".ks-{u}-4").bounding_box()
            assert box["height"] >= MIN_TAP and box["x"] + box["width"] <= DESKTOP["width"]
        _shot(page, tmp_path, "survei_ikm_1366.png")
    finally:
        ctx.close()


ANALISIS = "voila/render/08_survei_ikm.ipynb"


@pytest.mark.parametrize("viewport,name", [(PHONE, "analisis_ikm_390.png"), (DESKTOP, "analisis_ikm_1366.png")])
def test_analysis_page_shows_formatted_numbers_from_the_database(browser, server, tmp_path, viewport, name):
    """Notebook 08 for HR / unit heads: the numbers of the database (online answers included), with
    decimal commas, no NaN, no index column, no advice to edit a parameter cell."""
    from kinerja.domain.periode import parse_periode
    from kinerja.report.style import format_angka
    from kinerja.schemes import ikm
    from kinerja.store.core import Store

    unit = "Bidang Pelayanan Kesehatan"
    st = Store.for_workspace(server.workspace)
    survei = st.to_workspace()["ikm"]
    st.engine.dispose()
    periode = max(survei.loc[survei["unit"] == unit, "periode"], key=parse_periode)
    row = ikm.ikm_periode(survei, periode).set_index("unit").loc[unit]
    ctx = _context(browser, viewport, mobile=viewport is PHONE)
    try:
        page = ctx.new_page()
        page.goto(f"{server.url}{ANALISIS}?unit={quote(unit)}&periode={periode}", timeout=T)
        page.wait_for_selector(".ka-angka", timeout=T)
        page.wait_for_selector(".kn-tabel-nrr", timeout=T)
        text = page.inner_text("body")
        cards = page.inner_text(".ka-angka")
        ikm_txt = f"{row['ikm']:.2f}".replace(".", ",")       # the scheme's number, Indonesian decimal comma
        assert str(int(row["responden"])) in cards and ikm_txt in cards
        assert ikm_txt in page.inner_text(".kn-tabel-nrr") and ikm_txt in page.inner_text(".kn-tabel-unit")
        assert format_angka(row["ikm"], 2).split(",")[0] in text
        for bad in ("NaN", "None", "Ubah nilai", "sel parameter"):
            assert bad not in text
        assert page.locator(".kn-tabel-nrr th").all_inner_texts()[:2] == ["Kode", "Unsur"]
        assert page.locator(".ka-qr svg").count() == 1        # the unit's respondent link as a QR code
        assert "09_isi_survei_ikm.ipynb?unit=" in page.inner_text(".ka-tautan")
        unduh = page.locator(".ka-unduh-qr")                  # the printable sheet of every unit
        assert unduh.get_attribute("href").startswith("data:text/html") and unduh.get_attribute("download")
        _fits(page, viewport["width"])
        _shot(page, tmp_path, name)
    finally:
        ctx.close()


# ------------------------------------------------------------------ with the access gate (login mode)

@pytest.fixture(scope="module")
def login_server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("ikm_login") / "workspace")
    add_account(ws, "sdm", peran=["admin_hr:*"], sandi="sandi-sdm-20266")
    with kinerja_serve(ws, pool_size=0, wait_pools=False, identitas="login") as s:
        yield s


def test_gate_lets_a_resident_answer_without_an_account_and_keeps_the_analysis_for_hr(browser, login_server,
                                                                                     tmp_path):
    """`kinerja serve --identitas login`: notebook 09 opens and accepts an answer with no login; notebook
    08 asks for a login, and an HR account sees the analysis with that answer counted."""
    from kinerja.schemes import ikm
    from kinerja.store.core import Store

    unit = "Sekretariat"
    ctx = _context(browser, PHONE, mobile=True)
    try:
        page = ctx.new_page()
        _open(page, login_server, unit)                      # no login, no account
        _answer_all(page, PHONE["width"], {u: 2 for u in KOLOM_UNSUR})
        page.locator(".ks-kirim").tap()
        page.wait_for_selector(".ks-terima-kasih", timeout=T)
        assert len(_daring(login_server, unit)) == 1

        periode = _daring(login_server, unit)[0]["periode"]
        page.goto(f"{login_server.url}{ANALISIS}?unit={quote(unit)}&periode={periode}", timeout=T)
        page.wait_for_selector("#kn-form-masuk", timeout=T)  # the analysis is not for anonymous visitors
        assert page.locator(".ka-angka").count() == 0
        page.fill("#username", "sdm")
        page.fill("#password", "sandi-sdm-20266")
        page.click("#kn-masuk")
        page.wait_for_selector(".ka-angka", timeout=T)
        st = Store.for_workspace(login_server.workspace)
        survei = st.to_workspace()["ikm"]
        st.engine.dispose()
        row = ikm.ikm_periode(survei, periode).set_index("unit").loc[unit]
        ikm_txt = f"{row['ikm']:.2f}".replace(".", ",")
        page.wait_for_selector(f".ka-angka:has-text('{ikm_txt}')", timeout=T)
        assert str(int(row["responden"])) in page.inner_text(".ka-angka")
        _shot(page, tmp_path, "analisis_ikm_login_390.png")
    finally:
        ctx.close()

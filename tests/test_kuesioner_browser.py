"""End to end against a real ``kinerja serve`` (Voilà, preheated kernels) in headless Chromium:
a rater answers the 360 questionnaire (notebook 07) and the evaluator's form (notebook 02) shows the
360 completion of that bawahan go up, next to the 360 suggestion. Both apps share the workspace
database that ``kinerja serve`` passes to them.

Screenshots go to ``KINERJA_SCREENSHOTS`` (a folder) when set, else to the test's tmp dir."""

from __future__ import annotations

import subprocess
import sys


import pytest
from voila_server import kinerja_serve, new_page, prepare_workspace, screenshot

from kinerja.schemes import multirater as mr

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FORM = "voila/render/02_form_penilaian.ipynb"
KUESIONER = "voila/render/07_kuesioner_360.ipynb"
T = 90_000  # ms: first render of a notebook on a busy machine


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("k360") / "workspace")
    with kinerja_serve(ws, pool_size=1) as s:
        yield s






def _pick(sample_ws):
    """A rekan who has not answered yet about a pegawai who has an atasan."""
    pen, jw = sample_ws["penugasan_360"], sample_ws["umpan_balik_360"]
    done = set(zip(jw["nip"], jw["penilai"]))
    peg = sample_ws.pegawai.set_index("nip")
    for r in pen[pen["peran"] == "rekan"].itertuples():
        if (r.nip, r.penilai) not in done and isinstance(peg.loc[r.nip, "nip_atasan"], str):
            return r.penilai, r.nip, peg.loc[r.nip, "nip_atasan"], r.periode
    raise AssertionError("sample has no pending rekan questionnaire")


def _open_form(page, server, atasan, nip, periode):
    page.goto(f"{server.url}{FORM}?penilai={atasan}&periode={periode}&nip={nip}", timeout=T)
    row = f".kf-360-kelengkapan tr[data-nip='{nip}']"
    page.wait_for_selector(row, timeout=T)
    page.wait_for_selector(".kf-info .kf-360-pegawai", timeout=T)
    return row


def test_answer_submit_and_form_completion_updates(browser, server, sample_ws, tmp_path):
    penilai, nip, atasan, periode = _pick(sample_ws)
    nama = sample_ws.pegawai.set_index("nip").loc[nip, "nama"]

    # the evaluator's form: the 360 section for this bawahan
    form = new_page(browser)
    row = _open_form(form, server, atasan, nip, periode)
    form.wait_for_selector(f".kf-nama:text-is('{nama}')", timeout=T)
    ditugaskan = int(form.inner_text(f"{row} .kf-360-ditugaskan"))
    sudah = int(form.inner_text(f"{row} .kf-360-sudah"))
    belum = int(form.inner_text(f"{row} .kf-360-belum"))
    assert ditugaskan == sudah + belum and belum >= 1
    assert f"{sudah} dari {ditugaskan} kuesioner sudah diisi" in form.inner_text(".kf-info")
    # counts only: no rater column
    assert form.locator(".kf-tabel-360 th").all_inner_texts()[:4] == \
        ["Bawahan", "Kuesioner", "Sudah diisi", "Belum diisi"]
    # while the collection is open: no aggregate at all (issue 11 point 5: differencing)
    usulan = form.locator(".kf-usulan-360")
    usulan.wait_for(timeout=T)
    assert "masih dikumpulkan" in usulan.inner_text() and "Hanya usulan" not in usulan.inner_text()
    for a in mr.ASPEK:
        assert "Usulan 360" not in form.inner_text(f".kf-360-{a}")

    # the rater answers the questionnaire
    rater = new_page(browser)
    rater.goto(f"{server.url}{KUESIONER}?penilai={penilai}&nip={nip}", timeout=T)
    rater.wait_for_selector(".k360-pegawai select", timeout=T)
    rater.wait_for_selector(f".k360-info:has-text('Anda menilai {nama}')", timeout=T)
    assert "sebagai rekan kerja" in rater.inner_text(".k360-info")
    # submitting with a value missing is refused with a message
    rater.click(".k360-skor-akuntabel button[data-value='4']")
    rater.click(".k360-simpan")
    rater.wait_for_selector(".k360-pesan:has-text('Belum dijawab')", timeout=T)
    for a in mr.ASPEK:
        rater.click(f".k360-skor-{a} button[data-value='4']")
    rater.fill(".k360-komentar textarea", "Selalu siap membantu tim")
    rater.click(".k360-simpan")
    rater.wait_for_selector(".k360-pesan:has-text('Tersimpan')", timeout=T)
    screenshot(rater, tmp_path, "kuesioner_360.png")

    # HR closes the collection; then the suggestion shows, beside the evaluator's own rating, labelled as such
    subprocess.run([sys.executable, "-m", "kinerja.cli", "tutup-360", str(server.workspace), periode, "--oleh", "sdm"],
                   check=True, capture_output=True)
    # the evaluator reloads the form: one more questionnaire complete for that bawahan
    form.reload(timeout=T)
    _open_form(form, server, atasan, nip, periode)
    assert int(form.inner_text(f"{row} .kf-360-sudah")) == sudah + 1
    assert int(form.inner_text(f"{row} .kf-360-belum")) == belum - 1
    assert f"{sudah + 1} dari {ditugaskan} kuesioner sudah diisi" in form.inner_text(".kf-info")
    form.wait_for_selector(".kf-usulan-360:has-text('Hanya usulan')", timeout=T)
    assert "Usulan dari umpan balik 360" in form.inner_text(".kf-usulan-360")
    for a in mr.ASPEK:
        assert "Usulan 360" in form.inner_text(f".kf-360-{a}")
    screenshot(form, tmp_path, "form_360.png")
    # never who answered: no rater name or NIP in the suggestion or in the bawahan's row (the rekan
    # may be another bawahan of the same atasan, with a row of their own)
    rater_nama = sample_ws.pegawai.set_index("nip").loc[penilai, "nama"]
    for sel in (".kf-usulan-360", row, ".kf-info .kf-360-pegawai"):
        text = form.inner_text(sel)
        assert penilai not in text and rater_nama not in text
    rater.close()
    form.close()


@pytest.mark.parametrize("notebook, ready", [
    ("07_kuesioner_360.ipynb", ".k360-pegawai select"),
    # the served workspace's survey (read from its database), not the bundled sample path
    ("08_survei_ikm.ipynb", ".ka-angka"),
    ("09_isi_survei_ikm.ipynb", ".ks-kirim"),
])
def test_apps_open_from_landing_page(browser, server, notebook, ready):
    page = new_page(browser)
    page.goto(server.url, timeout=T)
    page.wait_for_selector(".kn-apps", timeout=T)
    page.click(f".kn-apps a[href$='{notebook}']")
    page.wait_for_selector(ready, timeout=T)
    assert notebook in page.url
    assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0  # no code visible
    page.close()

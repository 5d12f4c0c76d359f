"""End to end: a rater answers the 360 questionnaire in a real Voilà + headless Chromium, and the
evaluator (the pegawai's atasan) sees the completion count go up."""

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kinerja import multirater as mr

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data_samples" / "instansi_contoh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def voila_url(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE, ws)
    port = _free_port()
    voila = Path(sys.executable).with_name("voila")
    env = {**os.environ, "KINERJA_WORKSPACE": str(ws), "TMPDIR": str(tmp_path)}
    env.pop("KINERJA_PENILAI", None)
    env.pop("JUPYTERHUB_USER", None)
    proc = subprocess.Popen([str(voila), "07_kuesioner_360.ipynb", "--no-browser", f"--port={port}",
                             "--Voila.ip=127.0.0.1"], cwd=ROOT / "notebooks", env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    try:
        while True:  # wait for the server to say it is listening (no sleep)
            line = lines.get(timeout=60)
            if "running at" in line:
                break
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _pick(sample_ws):
    """A rekan who has not answered yet for a pegawai who has an atasan."""
    pen, jw = sample_ws["penugasan_360"], sample_ws["umpan_balik_360"]
    done = set(zip(jw["nip"], jw["penilai"]))
    peg = sample_ws.pegawai.set_index("nip")
    for r in pen[pen["peran"] == "rekan"].itertuples():
        if (r.nip, r.penilai) not in done and isinstance(peg.loc[r.nip, "nip_atasan"], str):
            return r.penilai, r.nip, peg.loc[r.nip, "nip_atasan"]
    raise AssertionError("sample has no pending rekan questionnaire")


def _label(peg, nip):
    r = peg.loc[nip]
    return f"{r['nama']} ({r['jabatan']})"


def _open_as(page, url, label):
    page.goto(url, timeout=90_000)
    page.wait_for_selector(".k360-penilai select", timeout=90_000)
    page.select_option(".k360-penilai select", value=label)


def test_answer_submit_and_completion_updates(browser, voila_url, sample_ws, tmp_path):
    penilai, nip, atasan = _pick(sample_ws)
    peg = sample_ws.pegawai.set_index("nip")
    row = f".k360-kelengkapan tr[data-nip='{nip}']"

    evaluator = browser.new_page()
    _open_as(evaluator, voila_url, _label(peg, atasan))
    evaluator.wait_for_selector(row, timeout=30_000)
    before = int(evaluator.inner_text(f"{row} .k360-sudah"))
    belum_before = int(evaluator.inner_text(f"{row} .k360-belum"))

    rater = browser.new_page()
    _open_as(rater, voila_url, _label(peg, penilai))
    option = f"{peg.loc[nip, 'nama']} - sebagai rekan kerja (belum diisi)"
    rater.wait_for_selector(f".k360-pegawai option[value='{option}']", state="attached", timeout=30_000)
    rater.select_option(".k360-pegawai select", value=option)
    rater.wait_for_selector(f".widget-html:has-text('Anda menilai {peg.loc[nip, 'nama']}')", timeout=30_000)
    # submitting with a value missing is refused with a message
    rater.click(f".k360-skor-akuntabel button[data-value='4']")
    rater.click(".k360-simpan")
    rater.wait_for_selector(".k360-pesan:has-text('Belum dijawab')", timeout=30_000)
    for a in mr.ASPEK:
        rater.click(f".k360-skor-{a} button[data-value='4']")
    rater.fill(".k360-komentar textarea", "Selalu siap membantu tim")
    rater.click(".k360-simpan")
    rater.wait_for_selector(".k360-pesan:has-text('Tersimpan')", timeout=30_000)
    rater.screenshot(path=str(tmp_path / "kuesioner_360.png"), full_page=True)

    # the evaluator reloads their view: one more questionnaire complete for that bawahan
    _open_as(evaluator, voila_url, _label(peg, atasan))
    evaluator.wait_for_selector(row, timeout=30_000)
    assert int(evaluator.inner_text(f"{row} .k360-sudah")) == before + 1
    assert int(evaluator.inner_text(f"{row} .k360-belum")) == belum_before - 1
    # counts only: the table has no rater column
    assert evaluator.locator(".k360-kelengkapan th").all_inner_texts() == \
        ["Pegawai", "Kuesioner", "Sudah diisi", "Belum diisi"]
    evaluator.close()
    rater.close()

"""The form follows the placement of each periode (mutasi) and the Plt.: a real `kinerja serve` and Chromium."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SAMPLE_CSV
from voila_server import kinerja_serve, new_page, prepare_workspace, shots

from kinerja.domain.periode import parse_periode

pytestmark = [pytest.mark.browser, pytest.mark.slow]
FORM = "voila/render/02_form_penilaian.ipynb"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    ws = prepare_workspace(tmp_path_factory.mktemp("mutasi") / "workspace")
    with kinerja_serve(ws, pool_size=1) as s:
        yield s.url


def _bawahan(browser, server, penilai, periode):
    page = new_page(browser)
    page.goto(f"{server}{FORM}?penilai={penilai}&periode={periode}")
    page.wait_for_selector(".kf-bawahan select")
    page.wait_for_function("t => ((document.querySelector('.kf-periode select').selectedOptions[0] || {}).text || '')"
                           ".replace(/\\u00a0/g, ' ') === t", arg=parse_periode(periode).label)
    return page, [o.replace("\xa0", " ") for o in page.locator(".kf-bawahan select option").all_inner_texts()]


def test_the_moved_pegawai_is_in_the_form_of_the_placements_penilai(browser, server):
    pen = pd.read_csv(SAMPLE_CSV / "penempatan.csv", dtype=str).sort_values("mulai")
    peg = pd.read_csv(SAMPLE_CSV / "pegawai.csv", dtype=str).set_index("nip")
    nip = pen["nip"].iloc[0]
    nama = peg.at[nip, "nama"]
    lama, baru = pen["nip_atasan"].iloc[0], pen["nip_atasan"].iloc[1]

    page, opts = _bawahan(browser, server, lama, "2026-TW2")
    assert any(nama in o for o in opts)
    page.close()
    page, opts = _bawahan(browser, server, lama, "2026-TW3")
    assert not any(nama in o for o in opts)
    page.close()
    page, opts = _bawahan(browser, server, baru, "2026-TW1")
    assert not any(nama in o for o in opts)
    page.close()
    page, opts = _bawahan(browser, server, baru, "2026-TW3")
    page.locator(".kf-bawahan select").select_option(index=next(i for i, o in enumerate(opts) if nama in o))
    page.wait_for_selector(".kf-info :text('pindah (mutasi) sejak Agustus 2026')")
    assert "Bidang Pencegahan dan Pengendalian Penyakit" in page.locator(".kf-info").inner_text()
    shots(page, "form-mutasi")
    page.close()


def test_the_plt_evaluates_the_vacant_units_staff(browser, server):
    plt = pd.read_csv(SAMPLE_CSV / "plt.csv", dtype=str).iloc[0]
    peg = pd.read_csv(SAMPLE_CSV / "pegawai.csv", dtype=str)
    staff = peg[(peg["unit"] == plt["unit"]) & (peg["nip_atasan"] == plt["nip"])]
    page, opts = _bawahan(browser, server, plt["nip"], "2026")
    for nama in staff["nama"]:
        assert any(nama in o for o in opts)
    page.close()

"""Every app notebook also runs under Papermill with parameters (the batch notebooks 03/04 are
covered in test_batch.py). nbval runs them with their defaults; this checks the parameters cell is
really honoured, on a private copy of the sample workspace with its database."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ws_db(tmp_path_factory):
    ws = tmp_path_factory.mktemp("nbws") / "ws"
    shutil.copytree(ROOT / "data_samples" / "instansi_contoh", ws)
    subprocess.run([sys.executable, "-m", "kinerja.cli", "init", str(ws)], check=True, capture_output=True)
    return ws


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(str(out.get("text", "")))
            parts.append(str(out.get("data", {}).get("text/plain", "")))
            parts.append(str(out.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


# ``expect``: text that only appears when the notebook read the workspace it was given and showed its
# main output ({ws} = the workspace path); every case can fail.
@pytest.mark.parametrize("name,params,expect", [
    ("01_muat_rencana.ipynb", {}, "Bidang Pencegahan dan Pengendalian Penyakit"),
    ("02_form_penilaian.ipynb", {}, "bawahan; periode 2026"),
    ("05_belajar_predikat_2022.ipynb", {"periode": "2026-TW2"}, "Data: workspace {ws} · 40 pegawai · periode Triwulan II 2026"),
    ("06_belajar_skema_angka.ipynb", {"periode": "2026-TW3"}, "Data: workspace {ws} · 40 pegawai · periode Triwulan III 2026"),
    ("07_kuesioner_360.ipynb", {"periode": "2026"}, "VBox(children="),
    ("08_survei_ikm.ipynb", {"UNIT": "Sekretariat", "PERIODE": "2026-TW2"}, "Sekretariat"),
    ("09_isi_survei_ikm.ipynb", {"unit": "Sekretariat"}, "Sekretariat"),
])
def test_notebook_runs_with_parameters(name, params, expect, ws_db, tmp_path):
    import papermill as pm

    params = dict(params)
    key = "WORKSPACE" if name.startswith("08") else "workspace"
    params[key] = str(ws_db)
    nb = pm.execute_notebook(str(ROOT / "notebooks" / name), str(tmp_path / name), parameters=params,
                             cwd=str(ROOT / "notebooks"), progress_bar=False, kernel_name="python3")
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and str(ws_db) in "".join(injected[0].source)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert expect.format(ws=ws_db) in _outputs_text(nb)

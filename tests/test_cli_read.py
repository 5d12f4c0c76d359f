"""The CLI read path: ``validate|score|explain|summary`` read the store after ``kinerja init`` (the
files before), every scheme's ``--config`` is honoured, and a closed pipe ends quietly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from kinerja.cli import main
from kinerja.schemes import Scheme, get_scheme, SCHEMES

from conftest import SAMPLE_CSV

PERIODE = "2026-TW4"
# one realisasi row (input, not a result) of a pegawai without a final rating in 2026-TW4
NIP, RHK, IKI = "199901182025072336", "RHK-1", "1.1"


def _json(capsys, argv) -> list[dict]:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _by_nip(rows) -> dict:
    return {r["nip"]: r for r in rows}


@pytest.mark.parametrize("name", list(SCHEMES))
def test_every_scheme_conforms(name):
    mod = get_scheme(name)
    assert isinstance(mod, Scheme)
    assert mod.NAME == name and mod.LABEL
    cfg = mod.load_config()
    assert isinstance(cfg, dict) and cfg


@pytest.fixture
def ws_init(tmp_path, capsys):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    assert main(["init", str(ws)]) == 0
    capsys.readouterr()
    return ws


def test_score_explain_summary_read_the_store_after_init(ws_init, tmp_path, capsys):
    ws = str(ws_init)
    before = _by_nip(_json(capsys, ["score", ws, "--periode", PERIODE, "--format", "json"]))[NIP]
    assert main(["summary", ws, "--periode", PERIODE]) == 0
    summary_before = capsys.readouterr().out

    lines = (ws_init / "realisasi.csv").read_text(encoding="utf-8").splitlines()
    hit = [ln for ln in lines if ln.startswith(f"{PERIODE},{NIP},{RHK},{IKI},")]
    assert len(hit) == 1
    cols = hit[0].split(",")
    assert float(cols[4]) != 0
    cols[4] = "0"
    csv = tmp_path / "realisasi.csv"
    csv.write_text(lines[0] + "\n" + ",".join(cols) + "\n", encoding="utf-8")
    assert main(["import", ws, str(csv)]) == 0
    assert "1 diubah" in capsys.readouterr().out

    after = _by_nip(_json(capsys, ["score", ws, "--periode", PERIODE, "--format", "json"]))[NIP]
    assert after["capaian_rata"] < before["capaian_rata"]
    assert after["predikat"] != before["predikat"]

    steps = _json(capsys, ["explain", ws, "--nip", NIP, "--periode", PERIODE, "--json"])
    step = next(s for s in steps if s["key"] == f"capaian:{RHK}/{IKI}")
    assert step["inputs"]["realisasi"] == 0 and step["result"] == 0
    assert next(s for s in steps if s["key"] == "predikat")["result"] == after["predikat"]

    assert main(["summary", ws, "--periode", PERIODE]) == 0
    summary_after = capsys.readouterr().out
    assert summary_after != summary_before
    # the files still hold the old value: reading them would give the old summary
    assert main(["summary", str(SAMPLE_CSV), "--periode", PERIODE]) == 0
    assert capsys.readouterr().out == summary_before

    assert main(["validate", ws]) == 0
    assert "Data valid" in capsys.readouterr().out


# ----------------------------------------------------------------------------- --config honoured
KPI_HALF = """
nama = "KPI separuh"
bobot_hasil = 0.5
bobot_perilaku = 0.5
batas_capaian = 120.0
bobot_default = 1.0
hanya_utama = false
[nilai_rating_perilaku]
di_atas = 100.0
sesuai = 90.0
di_bawah = 10.0
[[kategori]]
nama = "Tinggi"
min = 80.0
[[kategori]]
nama = "Rendah"
min = 0.0
"""


@pytest.fixture
def kpi_cfg(tmp_path):
    p = tmp_path / "kpi_separuh.toml"
    p.write_text(KPI_HALF, encoding="utf-8")
    return p


def test_score_honours_config_kpi_and_pp46(kpi_cfg, tmp_path, capsys):
    from kinerja.schemes import kpi, periode_data, pp46_2011 as pp46
    from kinerja.io.files import load_workspace

    ws = str(SAMPLE_CSV)
    default = _by_nip(_json(capsys, ["score", ws, "--periode", PERIODE, "--scheme", "kpi", "--format", "json"]))
    half = _by_nip(_json(capsys, ["score", ws, "--periode", PERIODE, "--scheme", "kpi", "--config", str(kpi_cfg),
                                  "--format", "json"]))
    expect = kpi.score(periode_data(load_workspace(SAMPLE_CSV), PERIODE), kpi.load_config(kpi_cfg)).set_index("nip")
    assert half[NIP]["nilai"] == pytest.approx(expect.loc[NIP, "nilai"])
    assert half[NIP]["nilai"] != pytest.approx(default[NIP]["nilai"])
    assert {r["predikat"] for r in half.values()} <= {"Tinggi", "Rendah", None}



def test_score_honours_config_pp46(tmp_path, capsys):
    import pandas as pd

    from kinerja.io.files import load_workspace
    from kinerja.schemes import periode_data, pp46_2011 as pp46

    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    per = pd.read_csv(ws / "perilaku.csv", dtype=str)
    per["nilai"] = ""  # ratings only: PP 46/2011 maps them through its config's [nilai_rating_perilaku]
    per.to_csv(ws / "perilaku.csv", index=False)
    pp = tmp_path / "pp46.toml"
    pp.write_text("[nilai_rating_perilaku]\ndi_atas = 50.0\nsesuai = 50.0\ndi_bawah = 50.0\n", encoding="utf-8")
    argv = ["score", str(ws), "--periode", PERIODE, "--scheme", "pp46-2011", "--format", "json"]
    p_def = _by_nip(_json(capsys, argv))
    p_cfg = _by_nip(_json(capsys, argv + ["--config", str(pp)]))
    expect = pp46.score(periode_data(load_workspace(ws), PERIODE), pp46.load_config(path=pp))
    for r in expect.to_dict("records"):
        assert p_cfg[r["nip"]]["nilai_perilaku"] == pytest.approx(50.0)
        assert p_cfg[r["nip"]]["nilai"] == pytest.approx(r["nilai"], nan_ok=True)
    assert any(p_def[n]["nilai_perilaku"] != pytest.approx(50.0) for n in p_cfg)


def test_explain_honours_config(kpi_cfg, capsys):
    argv = ["explain", str(SAMPLE_CSV), "--nip", NIP, "--periode", PERIODE, "--scheme", "kpi"]
    assert main(argv) == 0
    default = capsys.readouterr().out
    assert main(argv + ["--config", str(kpi_cfg)]) == 0
    out = capsys.readouterr().out
    assert "50% x nilai hasil + 50% x nilai perilaku" in out
    assert "50% x nilai hasil" not in default


def test_summary_honours_config(tmp_path, capsys):
    argv = ["summary", str(SAMPLE_CSV), "--periode", PERIODE]
    assert main(argv) == 0
    default = capsys.readouterr().out
    cfg = tmp_path / "longgar.toml"
    cfg.write_text("[usulan_hasil_kerja]\nbatas_sesuai = 1.0\n", encoding="utf-8")
    assert main(argv + ["--config", str(cfg)]) == 0
    assert capsys.readouterr().out != default


def test_workspace_config_copy_is_used_by_score(tmp_path, capsys):
    ws = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, ws)
    base = _by_nip(_json(capsys, ["score", str(ws), "--periode", PERIODE, "--scheme", "kpi", "--format", "json"]))
    (ws / "kpi_pp30_2019.toml").write_text("bobot_hasil = 0.5\nbobot_perilaku = 0.5\n", encoding="utf-8")
    over = _by_nip(_json(capsys, ["score", str(ws), "--periode", PERIODE, "--scheme", "kpi", "--format", "json"]))
    r = over[NIP]
    assert r["nilai"] == pytest.approx(0.5 * r["nilai_hasil"] + 0.5 * r["nilai_perilaku"])
    assert r["nilai"] != pytest.approx(base[NIP]["nilai"])


def test_report_prepare_honours_config(kpi_cfg):
    from kinerja.report.render import prepare

    lap = prepare(str(SAMPLE_CSV), PERIODE, scheme="kpi", config=str(kpi_cfg), nips=[NIP])
    assert lap.scheme_cfg["bobot_hasil"] == 0.5
    r = lap.scores.loc[NIP]
    assert r["nilai"] == pytest.approx(0.5 * r["nilai_hasil"] + 0.5 * r["nilai_perilaku"])


def test_form_honours_config(store, tmp_path):
    from kinerja.ui.form import FormPenilaian

    cfg = tmp_path / "ketat.toml"
    cfg.write_text("[usulan_hasil_kerja]\nbatas_sesuai = 42.0\n", encoding="utf-8")
    assert FormPenilaian(store).cfg["usulan_hasil_kerja"]["batas_sesuai"] != 42.0
    assert FormPenilaian(store, config=str(cfg)).cfg["usulan_hasil_kerja"]["batas_sesuai"] == 42.0


# ----------------------------------------------------------------------------- pipes
@pytest.mark.parametrize("reader", ["head -n 0", "true"])
def test_score_into_a_closed_pipe_has_no_traceback(reader):
    # the reader exits before kinerja (which needs ~1 s to start) writes anything: every write hits EPIPE
    cmd = f"{sys.executable} -m kinerja.cli score {SAMPLE_CSV} --periode 2026 --format csv | {reader}"
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout == ""
    assert "Traceback" not in out.stderr and "BrokenPipe" not in out.stderr, out.stderr


def test_report_cli_honours_config(kpi_cfg, tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["report", str(SAMPLE_CSV), "--periode", PERIODE, "--nip", NIP, "--formats", "html", "--jobs", "1",
            "--no-summaries", "--quiet", "--scheme", "kpi", "--out", str(out)]
    assert main(argv + ["--config", str(kpi_cfg)]) == 0
    html = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "50% x nilai hasil + 50% x nilai perilaku" in html
    assert main(argv + ["--out", str(tmp_path / "bawaan")]) == 0
    html = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "bawaan").rglob("*.html"))
    assert "70% x nilai hasil + 30% x nilai perilaku" in html

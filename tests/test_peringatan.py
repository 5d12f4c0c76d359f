"""Warnings apart from errors (issue 10 point 4): ``validate`` and ``init`` print them, exit 0."""

from __future__ import annotations

import csv
import subprocess
import sys

import pandas as pd


def _kinerja(*args):
    return subprocess.run([sys.executable, "-m", "kinerja.cli", *args], capture_output=True, text=True)


def test_periode_without_realisasi_is_a_warning(sample_copy):
    real = pd.read_csv(sample_copy / "realisasi.csv", dtype=str, keep_default_na=False)
    nip = real.loc[real["periode"] == "2026-TW1", "nip"].iloc[0]
    real[~((real["periode"] == "2026-TW1") & (real["nip"] == nip))].to_csv(
        sample_copy / "realisasi.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    out = _kinerja("validate", str(sample_copy))
    assert out.returncode == 0, out.stderr
    assert "Data valid" in out.stdout and "Peringatan (1)" in out.stdout
    assert "periode 2026-TW1: 1 pegawai ber-SKP belum ada realisasi" in out.stdout and nip in out.stdout
    init = _kinerja("init", str(sample_copy))
    assert init.returncode == 0, init.stderr
    assert "belum ada realisasi" in init.stdout


def test_imported_override_without_reason_is_a_warning(sample_copy):
    from kinerja.dataset import open_workspace
    from kinerja.domain import labels
    from kinerja.schemes import periode_data, permenpanrb_2022 as s

    sc = s.score(periode_data(open_workspace(sample_copy), "2026")).set_index("nip")
    pen = pd.read_csv(sample_copy / "penilaian.csv", dtype=str, keep_default_na=False)
    row = pen[pen["periode"] == "2026"].index[0]
    nip = pen.at[row, "nip"]
    lain = next(k for k in ("di_atas", "sesuai", "di_bawah") if k != labels.rating_code(sc.at[nip, "usulan_hasil_kerja"]))
    pen.loc[row, ["rating_hasil_kerja", "alasan"]] = [lain, ""]
    pen.to_csv(sample_copy / "penilaian.csv", index=False)
    out = _kinerja("validate", str(sample_copy))
    assert out.returncode == 0, out.stderr
    assert "Peringatan" in out.stdout and nip in out.stdout and "tanpa alasan" in out.stdout

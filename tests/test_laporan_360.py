"""360 sections of reports: a withheld per-role result never appears in HTML or PDF output."""

import subprocess

import pandas as pd
import pytest

from conftest import require_system
from kinerja.report import laporan_360 as lap
from kinerja.schemes import multirater as mr

NIP = "199001012015031001"


def _answers():
    rows = []
    raters = {"A": ("atasan", 4), "R1": ("rekan", 4), "R2": ("rekan", 5), "R3": ("rekan", 4),
              "BAWAHAN-TUNGGAL": ("bawahan", 1), NIP: ("diri", 5)}
    for pen, (peran, s) in raters.items():
        for a in mr.ASPEK:
            rows.append({"nip": NIP, "penilai": pen, "peran": peran, "aspek": a, "skor": s,
                         "komentar": "KOMENTAR-BAWAHAN-RAHASIA" if peran == "bawahan" else None})
    return pd.DataFrame(rows)


def test_withheld_role_absent_from_html_and_pdf(tmp_path):
    h = mr.agregasi_360(_answers())
    html = lap.render_bagian_pegawai(h, NIP)
    assert "Umpan balik 360 derajat" in html and "rekan kerja (3 orang)" in html
    assert "atasan (1 orang)" in html
    assert "bawahan (" not in html and "KOMENTAR-BAWAHAN-RAHASIA" not in html
    assert "BAWAHAN-TUNGGAL" not in html
    assert "tidak ditampilkan dan tidak dihitung" in html  # the report says so
    assert "data:image/svg+xml;base64," in html and "http://" not in html and "https://" not in html
    # the bawahan's 1s do not pull the score down: others = (4*50 + 4.33*30) / 80
    assert h.nilai["skor_lainnya"].round(2).iloc[0] == round((4 * 50 + (13 / 3) * 30) / 80, 2)

    require_system("pango", "poppler")
    from weasyprint import HTML

    pdf = tmp_path / "u360.pdf"
    HTML(string=f"<html><body>{html}</body></html>").write_pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Umpan balik 360" in text and "rekan kerja (3 orang)" in text
    assert "bawahan (" not in text and "KOMENTAR-BAWAHAN-RAHASIA" not in text


def test_sample_contexts(sample_ws):
    h = lap.hasil_periode(sample_ws, "2026")
    nip = h.usulan["nip"].iat[0]
    c = lap.konteks_pegawai(h, nip)
    assert c["ada"] and c["chart_uri"].startswith("data:image/svg+xml;base64,") and len(c["nilai"]) == 7
    unit = sample_ws.pegawai["unit"].iat[0]
    u = lap.konteks_unit(sample_ws, "2026", unit, h)
    assert u["heatmap_uri"].startswith("data:image/svg+xml;base64,") and u["kelengkapan"]
    assert all(set(r) == {"nama", "ditugaskan", "sudah", "belum"} for r in u["kelengkapan"])
    line = lap.usulan_form(h, nip)
    assert line.startswith("Usulan dari umpan balik 360") and "Pejabat Penilai" in line
    assert lap.usulan_form(None, nip).startswith("Belum ada")

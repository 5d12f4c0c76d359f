"""Report content: values match score/explain, escaping, no network references, PDF text and A4,
unit summary and XLSX formula-injection neutralisation, safe names and atomic writes."""

import copy
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import require_system
from kinerja.report import render as report
from kinerja.schemes.explain import format_value
from kinerja.report.style import format_persen

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data_samples" / "instansi_contoh"
RESOURCE_RE = re.compile(r"""(?:src|href|action|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                         re.I)


@pytest.fixture(scope="module")
def ws():
    from kinerja.io.files import load_workspace

    return load_workspace(SAMPLE)


@pytest.fixture(scope="module")
def lap(ws):
    return report.prepare(None, "2026", ws=ws, tempat="Suka Maju", tanggal="2027-01-15")


def _override_nip(lap):
    sc = lap.s22
    hit = sc[sc["override_hasil_kerja"] | sc["override_perilaku"]]
    return (hit.index[0] if len(hit) else sc.index[0])


def test_html_values_match_score_and_explain(lap):
    from kinerja.schemes import permenpanrb_2022 as s22

    for nip in list(lap.s22.index[:3]) + [_override_nip(lap)]:
        html = report.employee_html(lap, nip)
        row = lap.s22.loc[nip]
        assert row["predikat"] in html
        assert format_persen(row["capaian_rata"]) in html
        assert lap.s22.loc[nip, "nama"] in html
        ex = s22.explain(lap.data, nip)
        for step in ex.steps:
            assert format_value(step.result) in html, step.label
        assert "Bagaimana Nilai Ini Dihitung" in html
        assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in html
        assert "15 Januari 2027" in html


def test_override_reason_shown(ws):
    w = copy.copy(ws)
    pen = ws.penilaian.copy()
    i = pen.index[(pen["periode"] == "2026")][0]
    nip = pen.loc[i, "nip"]
    usulan = report.prepare(None, "2026", ws=ws).s22.loc[nip, "usulan_hasil_kerja"]
    pen.loc[i, "rating_hasil_kerja"] = "di_bawah" if usulan != "di_bawah" else "di_atas"  # differs from usulan
    pen.loc[i, "alasan"] = "Target utama tertunda karena anggaran"
    w.penilaian = pen
    lap2 = report.prepare(None, "2026", ws=w)
    html = report.employee_html(lap2, nip)
    assert lap2.s22.loc[nip, "override_hasil_kerja"]
    assert "Target utama tertunda karena anggaran" in html and "Diubah dari usulan" in html


def test_script_in_name_is_escaped(ws):
    w = copy.copy(ws)
    peg = ws.pegawai.copy()
    nip = peg["nip"].iloc[5]
    peg.loc[peg["nip"] == nip, "nama"] = "<script>alert(1)</script>"
    w.pegawai = peg
    lap2 = report.prepare(None, "2026", ws=w)
    for html in (report.employee_html(lap2, nip), report.unit_html(lap2, peg.loc[peg["nip"] == nip, "unit"].iloc[0])):
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script" not in html.lower()


def test_no_network_references(lap):
    nip = lap.s22.index[0]
    unit = lap.s22.loc[nip, "unit"]
    for html in (report.employee_html(lap, nip), report.unit_html(lap, unit)):
        assert not RESOURCE_RE.search(html)
        assert "http://" not in html and "https://" not in html
        assert "<style>" in html  # CSS inline


def test_pdf_text_and_a4(lap, tmp_path):
    require_system("pango", "poppler", "dejavu")
    nip = lap.s22.index[3]
    pdf = report.html_to_pdf(report.employee_html(lap, nip, inline_css=False))
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert nip in text
    assert report.format_nip(nip) in text
    assert lap.s22.loc[nip, "predikat"] in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu" in fonts and all(line.split()[-4] == "yes" for line in fonts.splitlines()[2:])  # embedded


def test_unit_summary_and_xlsx_neutralises_formulas(ws, tmp_path):
    from openpyxl import load_workbook

    w = copy.copy(ws)
    peg = ws.pegawai.copy()
    unit = peg["unit"].iloc[0]
    nip = peg.loc[peg["unit"] == unit, "nip"].iloc[1]
    peg.loc[peg["nip"] == nip, "nama"] = '=HYPERLINK("http://x","klik")'
    peg.loc[peg["nip"] == nip, "jabatan"] = "@SUM(1+1)"
    w.pegawai = peg
    lap2 = report.prepare(None, "2026", ws=w)
    rec = report.write_unit(lap2, unit, tmp_path, "html,xlsx")
    assert rec["status"] == "done"
    xlsx = tmp_path / rec["files"]["xlsx"]
    wb = load_workbook(xlsx)
    cells = [c for row in wb["Pegawai"].iter_rows() for c in row if isinstance(c.value, str)
             and c.value.startswith(("=", "@"))]
    assert {c.value for c in cells} == {'=HYPERLINK("http://x","klik")', "@SUM(1+1)"}
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode("utf-8")
    html = (tmp_path / rec["files"]["html"]).read_text(encoding="utf-8")
    ctx = report.unit_context(lap2, unit)
    assert ctx["jumlah"] == int((peg["unit"] == unit).sum())
    for p in ctx["pembinaan"]:
        assert p["nama"] in html or p["nama"].replace('"', "&#34;") in html
    assert "Status Penyelesaian Penilaian" in html


def test_safe_names_cannot_escape(tmp_path, ws):
    assert report.safe_name("../../etc/passwd") == "etc-passwd"
    assert report.safe_name("..") == "tanpa-nama"
    assert report.safe_name("Dr. Rina Maharani, M.Kes.") == "dr-rina-maharani-m-kes"
    with pytest.raises(ValueError):
        report.safe_path(tmp_path, "..", "x")
    w = copy.copy(ws)
    peg = ws.pegawai.copy()
    nip = peg["nip"].iloc[2]
    peg.loc[peg["nip"] == nip, "nama"] = "../../../../tmp/evil/..\\..\\x"
    peg.loc[peg["nip"] == nip, "unit"] = "../../luar"
    w.pegawai = peg
    lap2 = report.prepare(None, "2026", ws=w, nips=[nip])
    out = tmp_path / "out"
    rec = report.write_employee(lap2, nip, out, "html")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files and all(p.resolve().is_relative_to(out.resolve()) for p in files)
    assert rec["files"]["html"].startswith("pegawai/luar/")


def test_atomic_write_killed_midway_leaves_no_partial_file(tmp_path):
    target = tmp_path / "laporan.html"
    code = ("import os, sys\n"
            "import kinerja.report.render as r\n"
            "def block(fd):\n"
            "    print('mid', flush=True); sys.stdin.readline()\n"
            "os.fsync = block\n"
            f"r.atomic_write(r'{target}', 'x' * 1_000_000)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "mid"   # the data is written to the temporary file, not renamed
    proc.kill()
    proc.wait()
    assert not target.exists()
    leftovers = list(tmp_path.glob(".*.tmp"))
    assert len(leftovers) == 1
    assert report.clean_tmp(tmp_path) == 1 and not list(tmp_path.iterdir())


def test_atomic_write_error_keeps_old_file(tmp_path):
    target = tmp_path / "a.txt"
    report.atomic_write(target, "lama")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        report.atomic_write(target, 123)  # not bytes/str: fails before replacing
    assert target.read_text() == "lama" and not list(tmp_path.glob(".*.tmp"))


# --------------------------------------------------------------------------- usulan never shown as final

def _pdf_text(pdf: bytes, tmp_path, name="r.pdf") -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext tidak ada: pasang paket Debian poppler-utils")
    path = tmp_path / name
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def _d11(text: str) -> str:
    """The Format D.1.1 part of a report's text (its last page)."""
    i = text.rfind("DOKUMEN EVALUASI KINERJA PEGAWAI")
    assert i >= 0
    return text[i:]


def test_usulan_pdf_has_draf_and_no_final_predikat(lap, tmp_path):
    from kinerja.domain import labels

    sc = lap.s22
    nip = sc.index[sc["status"] != "final"][0]
    usulan = sc.loc[nip, "predikat"]
    assert isinstance(usulan, str)  # the system does have a suggestion; it must not be printed as final
    text = _pdf_text(report.html_to_pdf(report.employee_html(lap, nip, inline_css=False)), tmp_path)
    assert labels.PREDIKAT_USULAN in text
    assert f"Usulan sistem: {usulan}" in text
    d11 = _d11(text)
    assert "DRAF — BUKAN UNTUK DITANDATANGANI" in text[text.rfind("DRAF —"):]
    assert text.rfind("DRAF —") > text.rfind("5. Bagaimana Nilai Ini Dihitung")  # on the D.1.1 page
    assert "PREDIKAT KINERJA PEGAWAI (belum ditetapkan Pejabat Penilai)" in d11
    assert usulan.upper() not in d11


def test_final_pdf_has_predikat_and_no_draf(lap, tmp_path):
    from kinerja.domain import labels

    sc = lap.s22
    nip = sc.index[sc["status"] == "final"][0]
    text = _pdf_text(report.html_to_pdf(report.employee_html(lap, nip, inline_css=False)), tmp_path)
    d11 = _d11(text)
    assert f"PREDIKAT KINERJA PEGAWAI {sc.loc[nip, 'predikat'].upper()}" in d11
    assert "DRAF" not in text and labels.PREDIKAT_USULAN not in text


def test_unit_summary_marks_usulan(lap):
    from kinerja.domain import labels

    sc = lap.s22
    nip = sc.index[sc["status"] != "final"][0]
    ctx = report.unit_context(lap, sc.loc[nip, "unit"])
    row = next(r for r in ctx["pegawai"] if r["nip_raw"] == nip)
    assert row["predikat"] == labels.PREDIKAT_USULAN and row["predikat_usulan"] == sc.loc[nip, "predikat"]
    html = report.unit_html(lap, sc.loc[nip, "unit"], ctx=ctx)
    assert 'class="tag tag-usulan">' + labels.PREDIKAT_USULAN in html


def test_documents_dated_end_of_periode_store_date_or_override(ws, tmp_path):
    import datetime as dt

    lap2 = report.prepare(None, "2026", ws=ws)           # no --tanggal, no store: end of periode
    nip = lap2.s22.index[0]
    text = _pdf_text(report.html_to_pdf(report.employee_html(lap2, nip, inline_css=False)), tmp_path)
    assert "31 Desember 2026" in _d11(text)
    lap2.options["tanggal_evaluasi"] = {nip: dt.date(2027, 1, 20)}  # recorded in the store after the periode
    assert "20 Januari 2027" in report.employee_html(lap2, nip)
    lap2.options["tanggal_evaluasi"] = {nip: dt.date(2026, 11, 2)}  # before the periode ends: not a signing date
    assert "31 Desember 2026" in report.employee_html(lap2, nip)
    lap3 = report.prepare(None, "2026-TW1", ws=ws, tanggal="2026-04-07")
    assert "7 April 2026" in report.employee_html(lap3, nip)
    assert "31 Maret 2026" in report.unit_html(report.prepare(None, "2026-TW1", ws=ws), lap2.s22.loc[nip, "unit"])
    with pytest.raises(ValueError, match="tanggal '31/12' tidak sah"):
        report.prepare(None, "2026", ws=ws, tanggal="31/12")


def test_tanggal_evaluasi_reads_the_store_audit(store, tmp_path):
    import datetime as dt

    from kinerja.domain.periode import parse_periode

    url = str(store.engine.url)
    sc = report.prepare(None, "2026", ws=store.to_workspace()).s22
    nip = sc.index[sc["status"] != "final"][0]
    before = report.tanggal_evaluasi(None, url, parse_periode("2026"))
    assert nip not in before
    lem = store.lembar(sc.loc[nip, "nip_atasan"], nip, "2026")
    store.simpan(sc.loc[nip, "nip_atasan"], nip, "2026", lem.versi,
                 penilaian={"rating_hasil_kerja": "sesuai", "rating_perilaku": "sesuai",
                            "alasan": "Sesuai pengamatan Pejabat Penilai"})
    after = report.tanggal_evaluasi(None, url, parse_periode("2026"))
    assert after[nip] == dt.datetime.now().astimezone().date()


def test_notebook_tables_are_indonesian_without_index(lap, tmp_path):
    import pandas as pd

    res = pd.DataFrame([{"nip": "1", "status": "done"}, {"nip": "2", "status": "failed", "alasan": "data rusak"},
                        {"nip": "3", "status": "skipped"}, {"nip": "4", "status": "done"}])
    h = report.shard_summary(res).to_html()
    assert "Dibuat" in h and "Dilewati (sudah terbaru)" in h and "Gagal" in h and "done" not in h
    assert "<th class=\"blank level0\"" not in h and "row_heading" not in h  # no index column
    f = report.shard_failures(res).to_html()
    assert "data rusak" in f and "Alasan" in f and "nan" not in f.lower()
    unit = lap.s22["unit"].iloc[0]
    t = report.unit_table(lap, unit).to_html()
    raw = report.unit_table(lap, unit, styled=False)
    assert format_persen(raw["capaian"].iloc[0]) in t and "row_heading" not in t
    assert "Rating hasil kerja" in t and ("Final" in t or "Usulan" in t)

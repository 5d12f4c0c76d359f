import importlib.util
import subprocess
import sys


def test_import_kinerja_is_light():
    code = ("import sys, kinerja, kinerja.schemes.permenpanrb_2022, kinerja.io.files, kinerja.cli.commands; "
            "bad = [m for m in ('matplotlib', 'ipywidgets', 'IPython', 'jupyter_client', 'nbformat', 'voila', "
            "'papermill', 'weasyprint', 'dask') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_rfc3987_syntax_not_installed():
    # jsonschema would use it for format checks and it costs ~1.7 s on every `import nbformat`.
    assert importlib.util.find_spec("rfc3987_syntax") is None, \
        "rfc3987-syntax is installed; `make install` removes it (jsonschema prefers rfc3987)"


def test_every_column_is_documented():
    from pathlib import Path

    from kinerja.domain import schema

    doc = (Path(__file__).resolve().parent.parent / "data_samples" / "README.md").read_text()
    for spec in schema.FILES.values():
        assert f"`{spec.name}.csv`" in doc, spec.name
        for col in spec.columns:
            assert f"| `{col.name}` |" in doc, f"{spec.name}.{col.name} missing from data_samples/README.md"


def test_cli_errors_without_traceback(tmp_path):
    (tmp_path / "pegawai.csv").write_text("nip,nama\nabc,X\n")
    out = subprocess.run([sys.executable, "-m", "kinerja.cli", "validate", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert "pegawai.csv" in out.stderr and "Tidak ada data yang dimuat" in out.stderr


def test_cli_score_and_explain():
    from pathlib import Path

    ws = str(Path(__file__).resolve().parent.parent / "data_samples" / "instansi_contoh")
    out = subprocess.run([sys.executable, "-m", "kinerja.cli", "score", ws, "--periode", "2026", "--format", "json"],
                         capture_output=True, text=True, check=True)
    import json

    rows = json.loads(out.stdout)
    assert len(rows) == 40 and {r["predikat"] for r in rows} >= {"Sangat Baik", "Sangat Kurang"}
    nip = rows[0]["nip"]
    for scheme in ("permenpanrb-2022", "pp46-2011", "kpi"):
        ex = subprocess.run([sys.executable, "-m", "kinerja.cli", "explain", ws, "--nip", nip, "--periode", "2026",
                             "--scheme", scheme], capture_output=True, text=True, check=True)
        assert nip in ex.stdout and "Rumus" in ex.stdout
    bad = subprocess.run([sys.executable, "-m", "kinerja.cli", "score", ws, "--periode", "2026-TW9"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "tidak dikenali" in bad.stderr and "Traceback" not in bad.stderr

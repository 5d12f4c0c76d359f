import importlib.util
import subprocess
import sys


def test_import_kinerja_is_light():
    code = ("import sys, kinerja, kinerja.schemes.permenpanrb_2022, kinerja.io, kinerja.cli; "
            "bad = [m for m in ('matplotlib', 'ipywidgets', 'IPython', 'jupyter_client', 'nbformat', 'voila', "
            "'papermill', 'weasyprint', 'dask') if m in sys.modules]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_rfc3987_syntax_not_installed():
    # jsonschema would use it for format checks and it costs ~1.7 s on every `import nbformat`.
    assert importlib.util.find_spec("rfc3987_syntax") is None, \
        "rfc3987-syntax is installed; `make install` removes it (jsonschema prefers rfc3987)"

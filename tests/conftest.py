"""Shared fixtures. Tests that need a system package (Chromium, poppler-utils, Pango for WeasyPrint,
the DejaVu font, Node.js with configurable-http-proxy from npm) call :func:`require_system`: skipped with a message naming the Debian package when it
is missing, unless KINERJA_REQUIRE_BROWSER=1 (CI), in which case they fail."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CSV = ROOT / "data_samples" / "instansi_contoh"
SAMPLE_XLSX = ROOT / "data_samples" / "instansi_contoh.xlsx"
CHROMIUM = os.environ.get("KINERJA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def sample_ws():
    """The bundled sample instansi, loaded and validated (shared; do not mutate)."""
    from kinerja.io.files import load_workspace

    return load_workspace(SAMPLE_CSV)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory, sample_ws):
    """A database initialised from the sample once (init costs ~1 s); tests use copies of it."""
    from kinerja.store.core import Store

    path = tmp_path_factory.mktemp("seed") / "kinerja.db"
    st = Store(f"sqlite:///{path}")
    st.init_from(sample_ws)
    st.engine.dispose()
    return path


@pytest.fixture
def store(seeded_db, tmp_path):
    """A private Store on a copy of the seeded sample database."""
    from kinerja.store.core import Store

    dst = tmp_path / "kinerja.db"
    shutil.copy(seeded_db, dst)
    return Store(f"sqlite:///{dst}")


@pytest.fixture
def sample_copy(tmp_path):
    """A private copy of the sample workspace folder (CSV) that a test may change."""
    dst = tmp_path / "ws"
    shutil.copytree(SAMPLE_CSV, dst)
    return dst


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


def _weasyprint_ok() -> bool:
    try:
        import weasyprint  # noqa: F401  (needs Pango; raises OSError without it)
    except (ImportError, OSError):
        return False
    return True


def chp_command() -> str | None:
    """JupyterHub's proxy: ``configurable-http-proxy`` from npm (``make system`` installs it into
    ``.node/``), or $KINERJA_CHP, or one on PATH; None when it (or Node.js) is missing."""
    if not shutil.which("node"):
        return None
    for c in (os.environ.get("KINERJA_CHP"), ROOT / ".node" / "node_modules" / ".bin" / "configurable-http-proxy",
              shutil.which("configurable-http-proxy")):
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return str(c)
    return None


# what a test may need -> (is it there?, the Debian package(s) that bring it)
SYSTEM = {
    "chromium": (chromium_available, "chromium"),
    "poppler": (lambda: all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")), "poppler-utils"),
    "pango": (_weasyprint_ok, "libpango-1.0-0 libpangoft2-1.0-0"),
    "dejavu": (lambda: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(), "fonts-dejavu-core"),
    "chp": (lambda: chp_command() is not None,
            "nodejs npm (lalu `make system`: npm install --prefix .node configurable-http-proxy)"),
}


def require_system(*needs: str) -> None:
    """Skip (or, with KINERJA_REQUIRE_BROWSER=1 as in CI, fail) when a system package is missing."""
    missing = [SYSTEM[n][1] for n in needs if not SYSTEM[n][0]()]
    if missing:
        msg = f"paket sistem belum terpasang: apt-get install {' '.join(missing)}"
        if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1":
            pytest.fail("KINERJA_REQUIRE_BROWSER=1: " + msg)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def browser():
    """A real headless Debian Chromium driven by Playwright (never `playwright install`)."""
    require_system("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                               args=CHROMIUM_ARGS)
        yield b
        b.close()

"""Shared fixtures. Browser tests: skipped with a clear message when no Chromium is found, unless
KINERJA_REQUIRE_BROWSER=1 (CI), in which case they fail."""

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


@pytest.fixture(scope="session")
def browser():
    """A real headless Debian Chromium driven by Playwright (never `playwright install`)."""
    if not chromium_available():
        if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1":
            pytest.fail("KINERJA_REQUIRE_BROWSER=1 but no Chromium at /usr/bin/chromium (apt-get install chromium)")
        pytest.skip("Chromium tidak ditemukan (/usr/bin/chromium); tes browser dilewati. "
                    "Install dengan: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                               args=CHROMIUM_ARGS)
        yield b
        b.close()

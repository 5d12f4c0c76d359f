"""Database backends for the store, service and concurrency tests: SQLite and PostgreSQL.

``db_url`` is parametrised over both. PostgreSQL comes from ``KINERJA_TEST_PG_URL`` (``.ci/run``
starts a throwaway cluster and exports it); without it, a throwaway cluster is started here when
Debian's ``postgresql`` is installed (initdb/pg_ctl, as the ``postgres`` user when run as root).
Otherwise the PostgreSQL cases skip naming the package, or fail under KINERJA_REQUIRE_BROWSER=1 (CI).
Each test gets its own database, copied from a seeded template (``CREATE DATABASE ... TEMPLATE``).

Import the fixtures into a test module: ``from db_backends import db_url, pg_server  # noqa: F401``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_SKIP = ("PostgreSQL tidak tersedia (KINERJA_TEST_PG_URL kosong dan initdb tidak ditemukan); "
           "tes PostgreSQL dilewati. Install dengan: apt-get install postgresql")


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    w = shutil.which("initdb")
    return Path(w).parent if w else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_pg(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--"] + cmd if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server URL (admin database), or skip/fail when there is none."""
    url = os.environ.get("KINERJA_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("KINERJA_REQUIRE_BROWSER") == "1":
            pytest.fail("KINERJA_REQUIRE_BROWSER=1 but no PostgreSQL: apt-get install postgresql "
                        "and export KINERJA_TEST_PG_URL (see .ci/run)")
        pytest.skip(PG_SKIP)
    d = Path(tempfile.mkdtemp(prefix="kinerja-pg-"))
    if os.geteuid() == 0:
        shutil.chown(d, "postgres", "postgres")
    data = d / "data"
    port = _free_port()
    subprocess.run(_as_pg([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                           "--no-sync", "-E", "UTF8"]), check=True, capture_output=True)
    subprocess.run(_as_pg([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(d / "log"), "-w", "-o",
                           f"-p {port} -k {d} -c listen_addresses=127.0.0.1 -c fsync=off "
                           "-c max_connections=60", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(d, ignore_errors=True)


def _admin(url: str):
    import sqlalchemy as sa

    return sa.create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template(pg_server, sample_ws):
    """A PostgreSQL database seeded with the sample instansi, used as a template."""
    import sqlalchemy as sa

    from kinerja.store.core import Store

    name = "kinerja_seed_" + uuid.uuid4().hex[:8]
    eng = _admin(pg_server)
    with eng.connect() as con:
        con.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    st = Store(url)
    st.init_from(sample_ws, oleh="contoh")
    st.engine.dispose()
    yield name
    with eng.connect() as con:
        con.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, seeded_db, tmp_path):
    """A private copy of the seeded sample database, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        dst = tmp_path / "kinerja.db"
        shutil.copy(seeded_db, dst)
        yield f"sqlite:///{dst}"
        return
    import sqlalchemy as sa

    server = request.getfixturevalue("pg_server")
    template = request.getfixturevalue("pg_template")
    name = "kinerja_t_" + uuid.uuid4().hex[:10]
    eng = _admin(server)
    with eng.connect() as con:
        con.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    with eng.connect() as con:
        con.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    eng.dispose()

"""Every test runs offscreen, with the data folder, settings and library in a temp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point the data folder (library, QSettings, log) at a fresh temp folder."""
    path = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("LIFA_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The folder of real published regulation texts (../shared/corpus)."""
    if not CORPUS.is_dir():
        pytest.fail(f"corpus folder missing: {CORPUS}")
    return CORPUS


# ---- both backends ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer | None]:
    """A throwaway PostgreSQL server for the session (None when PostgreSQL is not installed).

    Under CI (``CI=true``) a missing PostgreSQL fails instead: the server backend must be tested.
    """
    server = PostgresServer.start()
    if server is None and os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("PostgreSQL 未安装：CI 中必须同时测试 PostgreSQL（scripts/test.sh 会安装它）")
    try:
        yield server
    finally:
        if server is not None:
            server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's library lives: an SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "lib.sqlite3")
    server = request.getfixturevalue("pg_server")
    if server is None:
        pytest.skip("PostgreSQL 未安装（bash scripts/test.sh 会安装它）")
    return str(server.new_database())

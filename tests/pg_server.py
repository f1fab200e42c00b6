"""A throwaway PostgreSQL server for the tests: initdb into a temp folder, pg_ctl start on a free
loopback port, a fresh database per test (CREATE DATABASE from an empty template), stopped at
the end of the session.

PostgreSQL refuses to run as root: as root the server runs as the ``postgres`` system user
(made by the Debian package) through ``runuser``. The unix socket lives in the temp folder, the
server listens on 127.0.0.1 only, and the tests connect over TCP with trust authentication.

When no PostgreSQL is installed the server is None and the postgresql tests are skipped, except
under CI (``CI=true``), where a missing server is a failure.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

USER = "lifa"


def _bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl (Debian keeps them out of PATH)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (candidate / "initdb").exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server; ``url(name)`` is the SQLAlchemy URL of one of its databases."""

    folder: Path
    port: int
    bin_dir: Path
    run_as: list[str]
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def start(cls) -> PostgresServer | None:
        """Initialise and start a server; None when PostgreSQL is not installed."""
        bin_dir = _bin_dir()
        if bin_dir is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="lifa-pg-"))
        run_as: list[str] = []
        if os.geteuid() == 0:
            run_as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(folder, "postgres")
        os.chmod(folder, 0o700)
        data = folder / "data"
        server = cls(folder, _free_port(), bin_dir, run_as)
        server._run(
            str(bin_dir / "initdb"), "-D", str(data), "-U", USER, "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        server._run(
            str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        return server

    def _run(self, *argv: str) -> str:
        done = subprocess.run(
            [*self.run_as, *argv], capture_output=True, text=True, check=False, timeout=120
        )
        if done.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {done.stderr or done.stdout}")
        return done.stdout

    def admin_url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def url(self, database: str) -> str:
        return self.admin_url(database)

    def new_database(self, ctype: str | None = None) -> str:
        """A fresh empty database (from template0-like template1, fast); returns its URL.

        ``ctype``: the database's LC_CTYPE (e.g. C.UTF-8) instead of the server's C, which
        tells pg_trgm which characters make words (under C, no Chinese character does)."""
        import psycopg

        name = f"lib{next(self._numbers)}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True
        ) as conn:
            if ctype is None:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template1')
            else:
                conn.execute(
                    f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                    f"LC_COLLATE 'C' LC_CTYPE '{ctype}'"
                )
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its folder."""
        try:
            self._run(
                str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                "-w", "stop",
            )  # fmt: skip
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

"""Bench: the 1,260-article 民法典 and 10,000 comments saved and read back on SQLite and on a
throwaway PostgreSQL server; the package export/import of that regulation; the cost of the
integrity check (quick_check) on open; a backup.

    .venv/bin/python bench/bench_backends.py [--comments N]

Prints one line per figure (wall seconds). PostgreSQL is skipped when it is not installed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consultation.model import Comment, Submitter, Target  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from storage.backup import backup  # noqa: E402
from storage.comments import CommentStore  # noqa: E402
from storage.library import Library  # noqa: E402
from storage.package import export_regulation, import_package  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402

TEXT = ROOT.parent / "shared" / "corpus" / "large_civil_code_2020.md"


def timed(label: str, work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = work()
    print(f"{label:<58} {time.perf_counter() - start:7.3f} s")
    return result


def run(backend: str, make_url: Callable[[], str], folder: Path, comments: int) -> None:
    draft = parse_file(TEXT).draft
    url = make_url()
    with Library.open(url) as lib:
        version = timed(f"[{backend}] import the 民法典", lambda: lib.import_draft(draft))
        loaded = timed(f"[{backend}] load it", lambda: lib.load_draft(version.id))
        timed(f"[{backend}] save it whole", lambda: lib.save_draft(version.id, loaded))
        rows = [
            Comment(
                f"第{n}条意见：建议修改第{n % 1260 + 1}条的表述，增加相关规定。",
                submitter=Submitter(f"公众{n}"),
                target=Target(None),
                fingerprint=f"fp{n}",
            )
            for n in range(comments)
        ]
        store = CommentStore(lib)
        timed(
            f"[{backend}] store {comments:,} comments",
            lambda: store.add_comments(version.regulation_id, rows),
        )
        timed(f"[{backend}] read them back", lambda: store.comments(version.regulation_id))
        zip_path = folder / f"{backend}.zip"
        timed(
            f"[{backend}] package export (text + {comments:,} comments)",
            lambda: export_regulation(lib, version.regulation_id, zip_path),
        )
        print(f"{'':<58} {zip_path.stat().st_size / 1e6:7.2f} MB zip")
    with Library.open(make_url()) as other:
        timed(
            f"[{backend}] package import into an empty library",
            lambda: import_package(other, zip_path),
        )
        timed(
            f"[{backend}] package import again (nothing changes)",
            lambda: import_package(other, zip_path),
        )
    if backend == "sqlite":
        timed("[sqlite] open with quick_check", lambda: Library.open(url, create=False).close())
        with Library.open(url) as lib:
            timed("[sqlite] backup (online backup API)", lambda: backup(lib, folder / "b.backup"))
        print(f"{'':<58} {Path(url).stat().st_size / 1e6:7.2f} MB library")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        numbers = iter(range(1, 100))
        run("sqlite", lambda: str(folder / f"lib{next(numbers)}.sqlite3"), folder, args.comments)
        server = PostgresServer.start()
        if server is None:
            print("PostgreSQL not installed: skipped")
            return
        try:
            run("postgresql", server.new_database, folder, args.comments)
        finally:
            server.stop()


if __name__ == "__main__":
    main()

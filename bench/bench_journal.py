"""Bench: the crash journal on the 民法典 (1,260 articles, ~3,900 units).

Prints the time to journal one change of structure (the whole tree as nested uids plus the
fields of the units that came, written, flushed and fsynced: what every insert, delete, move,
split or paste now costs on top of the edit) and its size, and the time a start takes to
replay 20 such lines onto the library's text and save it.
Run: .venv/bin/python bench/bench_journal.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CIVIL_CODE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large_civil_code_2020.md"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench_journal_"))
    os.environ["LIFA_DATA_DIR"] = str(work)
    from drafting.edit.operations import DeleteUnit, EditSession
    from drafting.read.parse import parse_file
    from storage.library import Library
    from ui.text.edit_journal import EditJournal, recover

    library = Library.open(work / "lib.sqlite3")
    version = library.import_draft(parse_file(CIVIL_CODE).draft)
    draft = library.load_draft(version.id)
    session = EditSession(draft)
    folder = work / "journal"
    folder.mkdir()
    journal = EditJournal(folder)
    times: list[float] = []
    for _ in range(20):
        article = draft.articles()[100]
        session.apply(DeleteUnit(article.uid))
        start = time.perf_counter()
        journal.record_structure(version.id, draft, (), "删除", session.index.marks(draft))
        times.append(time.perf_counter() - start)
    size = journal.path.stat().st_size / 20
    units = sum(1 for _ in draft.walk())
    print(
        f"journal one change of structure on the 民法典 ({units} units): "
        f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms, "
        f"{size / 1024:.0f} KB a line"
    )
    assert journal._file is not None
    journal._file.close()
    journal._file = None
    journal.path.rename(folder / "999999999.jsonl")  # as a dead process leaves it
    start = time.perf_counter()
    recovered = recover(library, folder)
    elapsed = time.perf_counter() - start
    assert recovered is not None and len(recovered.structure) == 20
    assert library.load_draft(version.id).counts().articles == 1260 - 20
    print(f"replay of 20 such lines and save at the next start: {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()

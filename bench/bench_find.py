"""Bench: 查找/替换 on the 民法典 (1,260 articles): find every hit, plan 全部替换, and the same in
the real window (find bar shading + list; replace all as one undo step, then undo).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_find.py [FILE]

Targets: find under 50 ms for a common word; 全部替换 in the window under 2 s for a few hundred
units (each unit one text edit, one undo step).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.edit.find import find_all, replacements  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "large_civil_code_2020.md"


def _best(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    draft = parse_file(path).draft
    for needle in ("的", "民事主体", "第一千"):
        hits = len(find_all(draft, needle))
        ms = _best(lambda n=needle: find_all(draft, n))
        print(f"find_all {needle!r}: {hits} hits, {ms:.1f} ms")
    planned = replacements(draft, "民事主体", "民事当事人")
    ms = _best(lambda: replacements(draft, "民事主体", "民事当事人"))
    print(f"replacements 民事主体: {len(planned)} units, {ms:.1f} ms")

    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["LIFA_DATA_DIR"] = tempfile.mkdtemp()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from storage.library import Library
    from ui.shell.main_window import MainWindow

    library = Library.open(Path(os.environ["LIFA_DATA_DIR"]) / "bench.sqlite3")
    version = library.import_draft(draft, label="工作稿")
    window = MainWindow(library)
    window.resize(1920, 1080)
    window.show()
    window.open_version(version.id)
    app.processEvents()
    window.finder.open_find(True)
    bar = window.find_bar
    t = time.perf_counter()
    bar.find_edit.setText("民事主体")
    app.processEvents()
    print(f"window find 民事主体 (shade + list): {(time.perf_counter() - t) * 1000:.0f} ms")
    bar.replace_edit.setText("民事当事人")
    t = time.perf_counter()
    made = window.finder.replace_all()
    app.processEvents()
    print(f"window replace all: {made} hits, {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    window.acts.undo.trigger()
    app.processEvents()
    print(f"window undo of replace all: {(time.perf_counter() - t) * 1000:.0f} ms")
    window.editing.autosave.forget(version.id)
    window.close()
    library.close()


if __name__ == "__main__":
    main()

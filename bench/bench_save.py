"""Bench: saving a working draft of the 民法典 (3,523 unit rows) after an edit — the full
rewrite against saving only what the edit touched. Target: autosave after a one-word edit
under 10 ms.

    .venv/bin/python bench/bench_save.py [FILE] [--no-gui]

Headless lines: two library files hold the same text; each edit is saved into one with the
full rewrite and into the other with the uids the edit named (median of RUNS). The GUI lines
run the real window offscreen and time the autosaver's ``save_now`` after a one-word edit.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.edit.operations import (  # noqa: E402
    EditResult,
    EditSession,
    EditText,
    Operation,
    insert_before,
    move_down,
    new_unit,
)
from drafting.model.units import UnitKind  # noqa: E402
from drafting.read.parse import parse_file  # noqa: E402
from storage.library import Library  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "large_civil_code_2020.md"
RUNS = 7


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        full = Library.open(Path(folder) / "full.sqlite3")
        part = Library.open(Path(folder) / "part.sqlite3")
        version = full.import_draft(parse_file(path).draft)
        part.import_draft(full.load_draft(version.id))
        session = EditSession(full.load_draft(version.id))
        draft = session.draft
        print(f"{path.name}: {len(draft.articles())} 条, {sum(1 for _ in draft.walk())} unit rows")
        middle = draft.articles()[len(draft.articles()) // 2]

        def one_word() -> Operation:
            paragraph = middle.children[0]
            return EditText(paragraph.uid, paragraph.text + "的")

        cases: dict[str, Callable[[], Operation]] = {
            "one-word edit": one_word,
            "insert before 第一条 (every number and reference moves)": lambda: insert_before(
                draft, draft.articles()[0].uid, new_unit(UnitKind.ARTICLE, "新增条文。")
            ),
            "move an article down": lambda: move_down(draft, middle.uid),
        }
        for name, make in cases.items():
            full_times, part_times, rows = [], [], 0
            for _ in range(RUNS):
                result: EditResult = session.apply(make())
                seen = draft.base_revision
                t = time.perf_counter()
                rows = part.save_draft(version.id, draft, changed=result.touched)
                part_times.append(time.perf_counter() - t)
                draft.base_revision = seen
                t = time.perf_counter()
                full.save_draft(version.id, draft)
                full_times.append(time.perf_counter() - t)
            print(
                f"save after {name}: full rewrite {_ms(statistics.median(full_times))}, "
                f"only what changed {_ms(statistics.median(part_times))} ({rows} rows written; "
                f"median of {RUNS})"
            )
        full.close()
        part.close()
    if "--no-gui" not in sys.argv:
        gui_figures(path)
    return 0


def gui_figures(path: Path) -> None:
    """The autosaver in the real window: one keystroke, then ``save_now`` (Ctrl+S / timer)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["LIFA_DATA_DIR"] = folder
        from PySide6.QtWidgets import QApplication

        from ui.shell.application import make_application
        from ui.shell.main_window import MainWindow

        make_application([])
        library = Library.open(Path(folder) / "bench.sqlite3")
        version = library.import_draft(parse_file(path).draft)
        window = MainWindow(library)
        window.show()
        window.open_version(version.id)
        QApplication.processEvents()
        draft = window.draft
        assert draft is not None
        hub = window.editing
        saver = hub.autosave
        paragraph = draft.articles()[600].children[0]
        times: dict[bool, list[float]] = {False: [], True: []}
        rows: int | None = None
        for run in range(2 * RUNS):
            everything = run % 2 == 1
            hub.controller.edit_text(paragraph.uid, paragraph.text + "的")
            QApplication.processEvents()
            if everything:
                saver.note_changes(None)  # as before: every row rewritten
            t = time.perf_counter()
            assert saver.save_now()
            times[everything].append(time.perf_counter() - t)
            if not everything:
                rows = saver.last_written
        incremental = statistics.median(times[False])
        print(
            "GUI autosave after a one-word edit: "
            f"full rewrite {_ms(statistics.median(times[True]))}, "
            f"only what changed {_ms(incremental)} ({rows} rows; median of {RUNS}); "
            f"target 10 ms: {'met' if incremental < 0.010 else 'MISSED'}"
        )
        window.close()
        library.close()


if __name__ == "__main__":
    sys.exit(main())

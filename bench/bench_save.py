"""Bench: saving a working draft of the 民法典 (3,523 unit rows) after an edit — the full
rewrite against saving only what the edit touched. Target: autosave after a one-word edit
under 10 ms.

    .venv/bin/python bench/bench_save.py [FILE] [--no-gui]

Headless lines: RUNS edits each saved with the uids the edit named, then RUNS more each saved
by rewriting every row (medians; wall and CPU time). The GUI line runs the real window
offscreen and times the autosaver's ``save_now`` after a one-word edit the same two ways.
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


class Clock:
    """Wall and CPU time of what runs inside ``with``, gathered over runs.

    CPU time shows the work itself when other programs keep the machine busy.
    """

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall.append(time.perf_counter() - self._wall)
        self.cpu.append(time.process_time() - self._cpu)

    def __str__(self) -> str:
        return f"{_ms(statistics.median(self.wall))} (CPU {_ms(statistics.median(self.cpu))})"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "bench.sqlite3")
        version = library.import_draft(parse_file(path).draft)
        session = EditSession(library.load_draft(version.id))
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
            clocks, rows = {False: Clock(), True: Clock()}, 0
            # The saves of changes first, then the full rewrites (see gui_figures).
            for run in range(2 * RUNS):
                everything = run >= RUNS
                result: EditResult = session.apply(make())
                with clocks[everything]:
                    written = library.save_draft(
                        version.id, draft, changed=None if everything else result.touched
                    )
                rows = rows if everything else written
            print(
                f"save after {name}: full rewrite {clocks[True]}, only what changed "
                f"{clocks[False]} ({rows} rows written; medians of {RUNS})"
            )
        library.close()
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
        clocks = {False: Clock(), True: Clock()}
        rows: int | None = None
        # The saves of changes first, then the full rewrites: a full rewrite fills SQLite's
        # write-ahead log, and the checkpoint that follows would land on the next save.
        for run in range(2 * RUNS):
            everything = run >= RUNS
            hub.controller.edit_text(paragraph.uid, paragraph.text + "的")
            QApplication.processEvents()
            if everything:
                saver.note_changes(None)  # as before: every row rewritten
            with clocks[everything]:
                assert saver.save_now()
            if not everything:
                rows = saver.last_written
        incremental = statistics.median(clocks[False].wall)
        print(
            f"GUI autosave after a one-word edit: full rewrite {clocks[True]}, "
            f"only what changed {clocks[False]} ({rows} rows; medians of {RUNS}); "
            f"target 10 ms: {'met' if incremental < 0.010 else 'MISSED'}"
        )
        window.close()
        library.close()


if __name__ == "__main__":
    sys.exit(main())

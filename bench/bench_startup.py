"""Bench: program start to a usable window on a small library (two city regulations, one with
three versions). Target: under 0.8 s.

    .venv/bin/python bench/bench_startup.py [RUNS] [--against OTHER_TREE]

Each run is a fresh process doing what ``python app.py --db LIB`` does (``app.main``), until
the window is shown and the event loop is idle; the wall time of the whole process is taken
(interpreter start and exit included). ``--against`` starts another checkout of the program
(e.g. the commit before) in turn with this one, for a fair before/after on a busy machine.
Also prints which heavy packages a start loaded: none of python-docx, openpyxl, PIL,
diff-match-patch or alembic is needed to show the window.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
SMALL = ("local_rizhao_park_2021.md", "local_jinan_historic_city_2020.md")

# Run app.main as `python app.py --db LIB` would, quitting once the window is up and idle.
START = """
import sys, time
import app
import ui.shell.application as application
made = application.make_application
usable = []
def make(argv=None):
    from PySide6.QtCore import QTimer
    qt_app = made(argv)
    def idle():  # the first turn of the event loop: the window is shown and answers
        usable.append(time.time())
        qt_app.quit()
    QTimer.singleShot(0, idle)
    return qt_app
application.make_application = make
assert app.main(["--db", sys.argv[1]]) == 0
print(usable[0])
heavy = ("docx", "openpyxl", "PIL", "diff_match_patch", "fast_diff_match_patch", "alembic",
         "sqlalchemy.orm", "lxml")
print(",".join(name for name in heavy if name in sys.modules))
"""


@dataclass
class Runs:
    """The figures of the starts of one source tree."""

    root: Path
    usable: list[float] = field(default_factory=list)  # s, process start to usable window
    whole: list[float] = field(default_factory=list)  # s, the whole process
    cpu: list[float] = field(default_factory=list)  # s, user + system
    loaded: str = ""

    def start(self, db: Path, env: dict[str, str]) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        spawned = time.time()
        begun = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", START, str(db)],
            env=env,
            cwd=self.root,  # `-c` puts the working folder first on sys.path: this tree's code
            check=True,
            capture_output=True,
            text=True,
        )
        self.whole.append(time.perf_counter() - begun)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        lines = out.stdout.split("\n")
        self.usable.append(float(lines[0]) - spawned)
        self.loaded = lines[1].strip()

    def report(self, name: str) -> None:
        usable = statistics.median(self.usable) * 1000
        print(
            f"{name}: process start to a usable window {usable:.0f} ms "
            f"(min {min(self.usable) * 1000:.0f}), whole process "
            f"{statistics.median(self.whole) * 1000:.0f} ms, CPU (user + system) "
            f"{statistics.median(self.cpu) * 1000:.0f} ms; medians of {len(self.usable)}; "
            f"target 800 ms: {'met' if usable < 800 else 'MISSED'}"
        )
        print(f"{name}: heavy packages loaded at start: {self.loaded or 'none'}")


def main() -> int:
    args = sys.argv[1:]
    against = None
    if "--against" in args:
        at = args.index("--against")
        against = Path(args[at + 1]).resolve()
        del args[at : at + 2]
    runs = int(args[0]) if args else 5
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "small.sqlite3"
        from drafting.read.parse import parse_file
        from storage.library import Library

        with Library.open(db) as library:  # two city regulations, one with three versions
            for name in SMALL:
                version = library.import_draft(parse_file(CORPUS / name).draft)
            frozen = library.freeze(version.id, label="征求意见稿", stage="征求意见")
            library.new_working_draft(frozen.id)
        env = dict(
            os.environ,
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            LIFA_DATA_DIR=folder,
        )
        trees = [Runs(ROOT)] + ([Runs(against)] if against else [])
        for tree in trees:  # a first start each warms the file cache and is not counted
            tree.start(db, env)
            tree.usable, tree.whole, tree.cpu = [], [], []
        for _ in range(runs):  # in turn, so both see the same load on a shared machine
            for tree in trees:
                tree.start(db, env)
        trees[0].report("this tree")
        if against:
            trees[1].report(str(against))
    return 0


if __name__ == "__main__":
    sys.exit(main())

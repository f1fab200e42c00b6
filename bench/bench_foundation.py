"""Foundation figures: parse the 民法典, load it back from a library, start the program.

Targets on this machine: parse under 0.5 s, load a stored version under 0.3 s, program start
to a usable window under 2 s. Run: .venv/bin/python bench/bench_foundation.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CIVIL_CODE = ROOT.parent / "shared" / "corpus" / "large_civil_code_2020.md"

from drafting.read.parse import parse_file  # noqa: E402
from storage.library import Library  # noqa: E402

STARTUP = """
import sys
from PySide6.QtCore import QTimer
from ui.shell.application import make_application, open_library_for_gui
from ui.shell.main_window import MainWindow
app = make_application()
window = MainWindow(open_library_for_gui(sys.argv[1]))
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(fn, repeat: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Median seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parse_s, result = timed(lambda: parse_file(CIVIL_CODE))
    draft = result.draft  # type: ignore[attr-defined]
    units = sum(1 for _ in draft.walk())
    print(f"parse 民法典 ({draft.counts().articles} articles, {units} units): {parse_s * 1000:.0f} ms (target < 500 ms)")

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        with Library.open(db) as library:
            import_s, version = timed(lambda: library.import_draft(draft), repeat=1)
            print(f"import into the library: {import_s * 1000:.0f} ms")
        with Library.open(db) as library:
            load_s, loaded = timed(lambda: library.load_draft(version.id))  # type: ignore[attr-defined]
            assert loaded.counts().articles == 1260  # type: ignore[attr-defined]
            print(f"load the stored version: {load_s * 1000:.0f} ms (target < 300 ms)")

        # Program start: a fresh process imports the GUI, opens the library, builds the main
        # window on its first version, shows it and runs the event loop until it is idle.
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   LIFA_DATA_DIR=tmp)
        starts = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", STARTUP, str(db)], env=env, check=True, cwd=ROOT)
            starts.append(time.perf_counter() - start)
        print(f"program start to a usable window (process wall time, median of 3): "
              f"{statistics.median(starts) * 1000:.0f} ms (target < 2000 ms)")


if __name__ == "__main__":
    main()

"""Time the main window's work on the largest text (民法典): layout, outline, showing a version.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_main_window.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> None:
    """Print seconds for each step."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LIFA_DATA_DIR"] = tmp
        from drafting.read.parse import parse_file
        from storage.library import Library
        from ui.shell.application import make_application
        from ui.shell.main_window import MainWindow
        from ui.text.house_document import build_house_document
        from ui.text.outline_model import OutlineModel
        from ui.text.reading_view import SCREEN_SCALE

        app = make_application()
        draft = parse_file(CORPUS / "large_civil_code_2020.md").draft
        print(f"民法典: {draft.counts().articles} 条")

        start = time.perf_counter()
        house = build_house_document(draft, "", SCREEN_SCALE)
        print(
            f"house document build: {time.perf_counter() - start:.3f} s ({house.document.characterCount()} chars)"
        )

        start = time.perf_counter()
        model = OutlineModel()
        model.set_draft(draft)
        print(f"outline model: {time.perf_counter() - start:.3f} s")

        library = Library.open(Path(tmp) / "bench.sqlite3")
        window = MainWindow(library)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        path = CORPUS / "large_civil_code_2020.md"
        start = time.perf_counter()
        window.importer.import_path(path)
        app.processEvents()
        print(f"import + show in window: {time.perf_counter() - start:.3f} s")

        last = draft.articles()[-1]
        uid = window.draft.articles()[-1].uid if window.draft else last.uid
        start = time.perf_counter()
        window.select_unit(uid)
        app.processEvents()
        print(f"select last article (scroll to end): {time.perf_counter() - start:.3f} s")
        window.close()
        library.close()


if __name__ == "__main__":
    main()

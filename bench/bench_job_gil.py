"""Bench: how long each job's work keeps the GUI thread from running, on the 民法典.

A background job (ui/shell/jobs.py) frees the GUI thread only while the worker lets go of
Python's GIL: pure Python lets go every 5 ms, but a long C call that keeps the GIL (lxml
serialising a whole document.xml, Qt laying out a QTextDocument) stalls the window for its
whole length. This runs each work function in a QThread while the main thread sleeps in 1 ms
steps, and prints the work's time and the longest step the main thread waited, with the line
the worker was on when it let go (the call that held the GIL).
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_job_gil.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CIVIL_CODE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large_civil_code_2020.md"


def probe(work: Callable[[], object]) -> tuple[float, float, str]:
    """(seconds the work took, longest main-thread wait, where the worker was after it)."""
    from PySide6.QtCore import QThread

    class Worker(QThread):
        ident = 0
        took = 0.0

        def run(self) -> None:
            self.ident = threading.get_ident()
            start = time.perf_counter()
            work()
            self.took = time.perf_counter() - start

    worker = Worker()
    worker.start()
    while not worker.ident:
        time.sleep(0.0005)
    last, worst, where = time.perf_counter(), 0.0, ""
    while worker.isRunning():
        time.sleep(0.001)
        now = time.perf_counter()
        frame = sys._current_frames().get(worker.ident)
        if now - last > worst:
            worst = now - last
            where = (
                traceback.format_stack(frame, limit=1)[-1].split("\n")[1].strip() if frame else ""
            )
        last = now
    worker.wait()
    return worker.took, worst, where


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench_job_gil_"))
    os.environ["LIFA_DATA_DIR"] = str(work)

    from drafting.compare.articles import compare_drafts
    from drafting.exchange.akoma_ntoso import to_akn
    from drafting.read.files import read_draft
    from drafting.write.comparison_docx import comparison_table_docx
    from drafting.write.text_docx import export_docx
    from ui.output.printing import print_to_pdf
    from ui.shell.application import make_application

    make_application([])
    draft = read_draft(CIVIL_CODE).draft
    edited = draft.clone()
    for article in edited.articles()[::20]:
        article.children[0].text += "（修改）"
    comparison = compare_drafts(draft, edited, by_uid=True)
    works: list[tuple[str, Callable[[], object]]] = [
        ("read_draft (import)", lambda: read_draft(CIVIL_CODE)),
        ("compare_drafts", lambda: compare_drafts(draft, edited, by_uid=True)),
        ("export_docx", lambda: export_docx(draft, work / "a.docx", stage_label="")),
        ("to_akn", lambda: to_akn(draft, stage_label="")),
        ("comparison_table_docx", lambda: comparison_table_docx(comparison, work / "t.docx")),
        ("print_to_pdf", lambda: print_to_pdf(draft, work / "a.pdf")),
    ]
    for name, run in works:
        took, worst, where = probe(run)
        print(
            f"{name:<22} {took * 1000:6.0f} ms   GUI kept waiting {worst * 1000:4.0f} ms   {where}"
        )


if __name__ == "__main__":
    main()

"""Bench: the long commands of the window on 民法典 (1,260 articles), offscreen.

For each of .docx, PDF and Akoma Ntoso export, 比较两个稿次 up to the tab being shown, the two
comparison documents, importing the 民法典 file and 冻结为稿次 (with a new working draft), it
prints how long the drafter waits and the longest time the GUI thread went without running its
event loop meanwhile (a 5 ms timer's largest gap: how long the window stood frozen). The work
runs in a background job (ui/shell/jobs.py); before it ran on the GUI thread, so the two
columns were nearly equal.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_export_compare_gui.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CIVIL_CODE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large_civil_code_2020.md"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench_export_gui_"))
    os.environ["LIFA_DATA_DIR"] = str(work)

    from PySide6.QtCore import QTimer

    from drafting.read.parse import parse_file
    from storage.library import Library
    from ui.library.version_dialogs import FreezeData, FreezeVersionDialog
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    app = make_application([])
    library = Library.open(work / "lib.sqlite3")
    draft = parse_file(CIVIL_CODE).draft
    first = library.import_draft(draft, label="征求意见稿", stage="征求意见")
    second = library.snapshot(first.id, label="工作稿")
    edited = library.load_draft(second.id)
    articles = edited.articles()
    for article in articles[::20]:  # 5% of the articles reworded
        paragraph = article.children[0]
        paragraph.text = paragraph.text.replace("的", "之", 1) + "（修改）"
    library.save_draft(second.id, edited)

    window = MainWindow(library)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.open_version(second.id)
    app.processEvents()

    # When a background job runs (none before ui/shell/jobs.py existed): its start and end.
    spans: list[list[float]] = []
    try:
        from ui.shell import jobs

        start_job, end_job = jobs.Job.start, jobs.Job._end

        def started(job: jobs.Job) -> jobs.Job:
            spans.append([time.perf_counter()])
            return start_job(job)

        def ended(job: jobs.Job, state: str) -> None:
            spans[-1].append(time.perf_counter())
            end_job(job, state)

        jobs.Job.start = started  # type: ignore[method-assign]
        jobs.Job._end = ended  # type: ignore[method-assign]
    except ImportError:
        pass

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def timed(name: str, run: Callable[[], object]) -> None:
        app.processEvents()
        ticks.clear()
        spans.clear()
        timer.start()
        start = time.perf_counter()
        ticks.append(start)
        run()
        end = time.perf_counter()
        timer.stop()
        app.processEvents()
        marks = [*ticks, end]
        gaps = list(zip(marks, marks[1:], strict=False))
        stall = max(b - a for a, b in gaps)
        # Gaps that overlap a job's run: the GUI thread waiting on the worker for the GIL.
        inside = [min(b, s[1]) - max(a, s[0]) for a, b in gaps for s in spans if len(s) == 2]
        in_job = f"{max(inside) * 1000:5.0f} ms" if inside else "    – "
        print(
            f"{name:<26} wait {end - start:5.2f} s   longest GUI stall {stall * 1000:5.0f} ms"
            f"   of which during the job {in_job}"
        )

    print(f"民法典: {len(articles)} articles, {len(articles[::20])} reworded")
    timed("导出正式文本（Word）", lambda: window.exporter.export_word(work / "out.docx"))
    timed("导出 PDF", lambda: window.exporter.export_pdf(work / "out.pdf"))
    timed("导出 Akoma Ntoso XML", lambda: window.exporter.export_akn(work / "out.xml"))
    timed(
        "比较两个稿次 → tab shown", lambda: window.comparer.compare_version_ids(first.id, second.id)
    )
    tab = window.comparer.current_tab()
    assert tab is not None
    print(f"  {tab.view.totals_text()}")
    timed("导出修改对照表", lambda: window.comparer.export_table(tab, work / "table.docx"))
    timed(
        "导出修改稿（修订模式）", lambda: window.comparer.export_tracked(tab, work / "tracked.docx")
    )
    timed("导入法规文本（民法典）", lambda: window.importer.import_path(CIVIL_CODE))

    def answer(cls: object, *args: object) -> tuple[FreezeData, bool]:
        return FreezeData("一审稿", "一审", dt.date(2026, 12, 1), "", True), True

    FreezeVersionDialog.get_data = classmethod(answer)  # type: ignore[method-assign,assignment]
    window.open_version(second.id)
    app.processEvents()
    timed("冻结为稿次 + 新工作稿", window.versions.freeze_current)
    window.close()
    library.close()


if __name__ == "__main__":
    main()

"""Bench: the 导出 and 比较 commands of the window on 民法典 (1,260 articles), offscreen.

Exports and comparisons run on the GUI thread under a wait cursor; this prints how long the
drafter waits for each: .docx, PDF, Akoma Ntoso, and 比较两个稿次 up to the tab being shown.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_export_compare_gui.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CIVIL_CODE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "large_civil_code_2020.md"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench_export_gui_"))
    os.environ["LIFA_DATA_DIR"] = str(work)

    from drafting.read.parse import parse_file
    from storage.library import Library
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

    def timed(name: str, run) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        run()
        app.processEvents()
        print(f"{name:<32} {time.perf_counter() - start:6.2f} s")

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
    window.close()
    library.close()


if __name__ == "__main__":
    main()

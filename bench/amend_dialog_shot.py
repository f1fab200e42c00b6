"""Screenshot of 稿次 → 应用修改决定's result dialog on a 1280×720 screen ("look at it").

The window opens maximised on Qt's offscreen platform with a 1280×720 screen (as
bench/screenshots.py does), shows the old 长江河道采砂管理条例, and applies the decision drafted
from the corpus pair (2001 → 2023) with one item added that cannot apply, so the dialog shows
both lists and a warning. The dialog is grabbed while it is open, then cancelled.

Prints the dialog's geometry, whether it lies on the screen, and every label or button whose
text is wider than the room it has (none expected).
Run: .venv/bin/python bench/amend_dialog_shot.py [OUT_DIR]   (default /work/tools/shots)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
WIDTH, HEIGHT = 1280, 720


def shoot(out: Path) -> None:
    """In this process (offscreen 1280×720 screen): open the dialog, grab it to ``out``."""
    work = Path(tempfile.mkdtemp(prefix="amend_shot_"))
    os.environ["LIFA_DATA_DIR"] = str(work)

    from PySide6.QtCore import QRect, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    from drafting.compare.articles import compare_drafts
    from drafting.compare.decision import amendment_decision
    from drafting.read.files import read_draft
    from storage.library import Library
    from ui.library.amend_dialog import AmendResultDialog
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    app = make_application([])
    library = Library.open(work / "lib.sqlite3")
    old = read_draft(CORPUS / "pair_changjiang_sand_2001.md").draft
    new = read_draft(CORPUS / "pair_changjiang_sand_2023.md").draft
    version = library.import_draft(old)
    text = amendment_decision(compare_drafts(old, new))
    text = text.replace("作如下修改：\n", "作如下修改：\n一、删去第九十九条第三款。\n", 1)
    decision = work / "关于修改《长江河道采砂管理条例》的决定.txt"
    decision.write_text(text, encoding="utf-8")

    window = MainWindow(library)
    window.show_fitted()
    for _ in range(20):
        app.processEvents()
    window.open_version(version.id)
    report: dict[str, object] = {}

    def grab() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets()
             if isinstance(w, AmendResultDialog) and w.isVisible()),
            None,
        )  # fmt: skip
        if dialog is None:
            QTimer.singleShot(50, grab)
            return
        for _ in range(10):
            app.processEvents()
        dialog.grab().save(str(out))
        dialog.tabs.setCurrentWidget(dialog.applied_list)  # the other list, as a second shot
        for _ in range(10):
            app.processEvents()
        dialog.grab().save(str(out.with_name(out.stem + "_applied.png")))
        frame = dialog.frameGeometry()
        cut = []
        for widget in [*dialog.findChildren(QLabel), *dialog.findChildren(QPushButton)]:
            if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
                continue
            needed = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
            if needed > widget.contentsRect().width():
                cut.append(f"{widget.objectName() or widget.text()}: {needed}>{widget.width()}")
        report.update(
            {
                "screen": f"{WIDTH}x{HEIGHT}",
                "window": [window.width(), window.height()],
                "dialog": [frame.x(), frame.y(), frame.width(), frame.height()],
                "on_screen": QRect(0, 0, WIDTH, HEIGHT).contains(frame),
                "failed": dialog.failed_list.count(),
                "applied": dialog.applied_list.count(),
                "sideways_scroll": [
                    v.horizontalScrollBar().maximum()
                    for v in (dialog.failed_list, dialog.applied_list)
                ],
                "cut": cut,
            }
        )
        dialog.reject()

    QTimer.singleShot(0, grab)
    window.amender.apply_to_current(decision)
    print(json.dumps(report, ensure_ascii=False))
    window.close()


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/tools/shots")
    out_dir.mkdir(parents=True, exist_ok=True)
    config = Path(tempfile.mkdtemp()) / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    out = out_dir / f"amend_result_{WIDTH}x{HEIGHT}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from bench.amend_dialog_shot import shoot; "
        f"shoot(__import__('pathlib').Path({str(out)!r}))"
    )
    proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=False)
    print(f"{out} ({'ok' if proc.returncode == 0 else 'failed'})")


if __name__ == "__main__":
    main()

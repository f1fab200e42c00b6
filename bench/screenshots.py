"""Screenshots of the main window with the demo library, as a first start shows it, on a screen
of 1280×720 and of 1920×1080 (issue 13: "look at it"). No X server needed: Qt's offscreen
platform is given a screen of that size (``offscreen:configfile=``), the window opens
maximised as on a first start, and ``grab()`` paints it into a PNG.

Prints, per screen, the window size and where the parts the drafter needs lie (reading pane
width, editor, status bar, docks) and whether any of them is cut off.
Run: .venv/bin/python bench/screenshots.py [OUT_DIR]   (default /work/tools/shots)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ((1280, 720), (1920, 1080))


def shoot(width: int, height: int, out: Path) -> None:
    """In this process: the window on a ``width``×``height`` screen, saved to ``out``."""
    work = Path(tempfile.mkdtemp(prefix="shots_"))
    os.environ["LIFA_DATA_DIR"] = str(work)  # a first start: no remembered geometry

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QDockWidget

    from resources.demo import seed_demo
    from storage.library import Library
    from ui.shell.application import make_application
    from ui.shell.main_window import MainWindow

    app = make_application([])
    library = Library.open(work / "lib.sqlite3")
    demo = seed_demo(library)
    window = MainWindow(library)
    window.show_fitted()
    for _ in range(20):
        app.processEvents()
    window.open_version(demo[0].id)
    draft = window.workspace.draft
    assert draft is not None
    window.select_unit(draft.articles()[2].uid)
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out))

    inside = QRect(0, 0, window.width(), window.height())
    parts = {
        "reading_pane": window.reading_pane,
        "editor": window.editing.editor,
        "status_bar": window.statusBar(),
        "outline": window.outline_view,
        **{
            d.objectName(): d
            for d in window.findChildren(QDockWidget)
            if d.isVisible() and not d.visibleRegion().isEmpty()
        },
    }
    report = {}
    for name, widget in parts.items():
        rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        report[name] = {
            "x": rect.x(),
            "y": rect.y(),
            "w": rect.width(),
            "h": rect.height(),
            "inside": inside.contains(rect),
        }
    print(
        json.dumps(
            {"screen": f"{width}x{height}", "window": [window.width(), window.height()],
             "parts": report},
            ensure_ascii=False,
        )
    )  # fmt: skip
    # The comparison tab, out of date after an edit (its banner and buttons must fit too).
    from ui.shell import jobs

    first = library.freeze(demo[0].id, label="征求意见稿", stage="征求意见")
    working = library.new_working_draft(first.id)
    window.reload_library(select_version=working.id)
    window.open_version(working.id)
    draft = window.workspace.draft
    assert draft is not None
    paragraph = draft.articles()[0].children[0]
    window.editing.controller.edit_text(paragraph.uid, paragraph.text.replace("历史", "传统", 1))
    window.editing.save_now()
    tab = window.compare_with_parent(working.id)
    jobs.wait_for_jobs(30_000)
    paragraph = draft.articles()[1].children[0]
    window.editing.controller.edit_text(paragraph.uid, "（修改）" + paragraph.text)
    if tab is not None:
        window.centre_tabs.setCurrentWidget(tab)
    for _ in range(20):
        app.processEvents()
    window.grab().save(str(out.with_name(out.stem + "_compare.png")))
    window.close()


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/tools/shots")
    out_dir.mkdir(parents=True, exist_ok=True)
    for width, height in SCREENS:
        config = Path(tempfile.mkdtemp()) / "screen.json"
        screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
        config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
        out = out_dir / f"main_{width}x{height}.png"
        env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
        code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.screenshots import shoot; shoot({width}, {height}, __import__('pathlib').Path({str(out)!r}))"  # noqa: E501
        proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=False)
        print(f"{out} ({'ok' if proc.returncode == 0 else 'failed'})")


if __name__ == "__main__":
    main()

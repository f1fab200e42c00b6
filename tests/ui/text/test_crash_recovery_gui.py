"""Words typed just before a crash (kill -9) come back at the next start, which says so."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from drafting.write.plain_text import render_text
from storage.library import Library, VersionInfo
from ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]

CHILD = textwrap.dedent(
    """
    import sys
    from ui.shell.application import make_application
    app = make_application()
    from storage.library import Library
    from ui.shell.main_window import MainWindow
    window = MainWindow(Library.open(sys.argv[1]))
    window.show()
    window.editing.autosave.set_interval(600)  # autosave would come far too late
    window.open_version(int(sys.argv[2]))
    paragraph = window.workspace.draft.articles()[0].children[0]
    window.editing.controller.edit_text(paragraph.uid, "崩溃前输入的文字。" + paragraph.text)
    print("typed", flush=True)
    app.exec()
    """
)


def test_words_typed_before_kill_9_are_recovered(
    qtbot: Any, library: Library, demo: list[VersionInfo]
) -> None:
    location = str(library.location)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, location, str(demo[0].id)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "typed"
    finally:
        child.kill()  # SIGKILL: no close event, no save
        child.wait(timeout=30)
    with Library.open(location) as other:  # not saved: the crash came before autosave
        assert "崩溃前输入的文字" not in render_text(other.load_draft(demo[0].id))
    window = MainWindow(library)
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage() == "上次程序未正常关闭：已恢复 1 处尚未保存的修改"
    window.open_version(demo[0].id)
    draft = window.workspace.draft
    assert draft is not None
    assert draft.articles()[0].children[0].text.startswith("崩溃前输入的文字。")
    with Library.open(location) as other:
        assert "崩溃前输入的文字" in render_text(other.load_draft(demo[0].id))
    # The journal was used once: the next start says nothing.
    again = MainWindow(library)
    qtbot.addWidget(again)
    assert "未正常关闭" not in again.statusBar().currentMessage()

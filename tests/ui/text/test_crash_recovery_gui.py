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
    notice = "上次程序未正常关闭：已恢复 1 处尚未保存的修改（第一条）"
    assert window.statusBar().currentMessage() == notice  # which article, not only how many
    # Said in a box too, once the window is up (tester B fault 11).
    qtbot.waitUntil(lambda: window.recovery_box is not None and window.recovery_box.isVisible())
    box = window.recovery_box
    assert box is not None and box.text() == notice
    box.accept()
    qtbot.waitUntil(lambda: window.recovery_box is None)
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


STRUCTURE_CHILD = textwrap.dedent(
    """
    import json, sys
    from ui.shell.application import make_application
    app = make_application()
    from drafting.model.units import UnitKind
    from drafting.write.plain_text import render_text
    from storage.library import Library
    from ui.shell.main_window import MainWindow
    window = MainWindow(Library.open(sys.argv[1]))
    window.show()
    window.editing.autosave.set_interval(600)  # autosave would come far too late
    window.open_version(int(sys.argv[2]))
    draft = window.workspace.draft
    hub = window.editing
    articles = draft.articles()
    hub.controller.delete(articles[2].uid)                      # 删除第三条
    hub.controller.move_up(articles[5].uid)                     # 上移
    new = hub.controller.insert(UnitKind.ARTICLE, articles[0].uid)  # 插入 after 第一条
    hub.controller.edit_text(new, "崩溃前插入的一条。")
    paragraph = articles[1].children[0]
    hub.split_unit(paragraph.uid, 4)                            # Enter: a new 款
    hub.controller.delete(articles[7].uid)
    window.workspace.undo()                                     # the article comes back
    print(json.dumps(render_text(draft), ensure_ascii=False), flush=True)
    app.exec()
    """
)


def test_structural_edits_before_kill_9_are_recovered(
    qtbot: Any, library: Library, demo: list[VersionInfo]
) -> None:
    import json

    location = str(library.location)
    before = render_text(library.load_draft(demo[0].id))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", STRUCTURE_CHILD, location, str(demo[0].id)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        expected = json.loads(child.stdout.readline())
    finally:
        child.kill()  # SIGKILL right after the edits: no close event, no save
        child.wait(timeout=30)
    assert expected != before and "崩溃前插入的一条。" in expected
    with Library.open(location) as other:  # nothing saved: the crash came before autosave
        assert render_text(other.load_draft(demo[0].id)) == before
    window = MainWindow(library)
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    assert message.startswith("上次程序未正常关闭：已恢复 6 处结构修改（删除、上移、插入")
    assert "撤销删除" in message and "文字修改" in message
    window.open_version(demo[0].id)
    assert window.workspace.draft is not None
    assert render_text(window.workspace.draft) == expected
    with Library.open(location) as other:  # and in the library, for every other reader
        assert render_text(other.load_draft(demo[0].id)) == expected


def test_a_structure_line_naming_an_unknown_unit_changes_nothing(
    library: Library, demo: list[VersionInfo], tmp_path: Path
) -> None:
    """A journal cut or stale (a unit neither saved nor journaled) is skipped, not guessed."""
    import json

    from ui.text.edit_journal import recover, recovery_text

    before = render_text(library.load_draft(demo[0].id))
    line = {
        "version": demo[0].id,
        "op": "删除",
        "shape": ["nosuchunit"],
        "units": {},
        "lineage": {},
    }
    (tmp_path / "999999999.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    recovered = recover(library, tmp_path)
    assert recovered is not None and recovered.skipped == 1 and not recovered.structure
    assert render_text(library.load_draft(demo[0].id)) == before
    assert "所有修改均已保存" in recovery_text(recovered)

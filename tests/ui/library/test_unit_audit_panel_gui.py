"""修改记录: the side tab lists who changed the article under the cursor and when, by the name
set in the program (two drafters, two rows), and the version events."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from storage.library import VersionInfo
from ui.shell import settings
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


def type_over(window: MainWindow, uid: str, words: str) -> None:
    window.editing.edit_unit(uid)
    cursor = window.editing.editor.edit.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(words)
    window.editing.flush()


def test_two_drafters_edits_are_listed_for_the_article(
    qtbot: Any, window: MainWindow, demo: list[VersionInfo]
) -> None:
    window.unit_audit_dock.raise_()
    qtbot.waitUntil(window.unit_audit.isVisible)
    draft = window.draft
    assert draft is not None
    article = draft.articles()[1]
    window.select_unit(article.uid)
    assert window.unit_audit.heading.text() == "第二条的修改记录：1 条"  # the version made
    settings.set_user_name("张三")
    type_over(window, article.children[0].uid, "张三写的第二条。")
    assert window.editing.save_now()
    settings.set_user_name("李四")
    type_over(window, article.children[0].uid, "李四写的第二条。")
    assert window.editing.save_now()
    window.select_unit(draft.articles()[0].uid)
    window.select_unit(article.uid)
    rows = window.unit_audit.rows()
    assert [(r[1], r[2], r[4]) for r in rows[:2]] == [
        ("李四", "修改", "第二条第一款"),
        ("张三", "修改", "第二条第一款"),
    ]
    assert rows[-1][2].startswith("新建稿次") and rows[-1][4] == "（整个稿次）"
    # Another article shows only the version events.
    window.select_unit(draft.articles()[2].uid)
    assert [r[2] for r in window.unit_audit.rows()] == [rows[-1][2]]

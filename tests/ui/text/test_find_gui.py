"""查找/替换 (Ctrl+F, Ctrl+H, F3) on the real window (Ctrl+Shift+F, the library-wide 全文检索, is
tested in tests/ui/search/test_search_panel.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafting.edit.find import find_all
from storage.library import Library
from tests.ui.dialogs import type_into
from ui.shell.main_window import MainWindow


def _shaded_words(window: MainWindow) -> list[str]:
    doc = window.reading_view.document()
    out = []
    for start, end in window.reading_view.find_selections():
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        out.append(cursor.selectedText())
    return out


def test_ctrl_f_finds_shades_and_lists_by_article(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and not bar.replace_shown()
    type_into(bar.find_edit, "保护")
    draft = window.workspace.draft
    assert draft is not None
    expected = find_all(draft, "保护")
    assert len(expected) > 3
    assert len(window.finder.hits) == len(expected)
    assert _shaded_words(window) == ["保护"] * len(expected)
    assert bar.hit_list.count() == len(expected)
    assert bar.hit_list.item(0).text().startswith(expected[0].owner_label + "：")
    # The title holds 保护 too but is not searched: the bar says so (tester B fault 8).
    assert draft.title.count("保护") == 1
    assert bar.count_label.text() == f"共 {len(expected)} 处（标题中 1 处未计入）"
    # Enter and F3 go forward, Shift+F3 back; the reading pane selects the hit.
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert window.finder.current == 0
    assert window.reading_view.textCursor().selectedText() == "保护"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.finder.current == 1
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.finder.current == 0
    assert bar.count_label.text() == f"第 1/{len(expected)} 处（标题中 1 处未计入）"
    # A click on the list goes to that hit; Esc closes and takes the shading away.
    item = bar.hit_list.item(2)
    qtbot.mouseClick(
        bar.hit_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=bar.hit_list.visualItemRect(item).center(),
    )
    assert window.finder.current == 2
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.reading_view.find_selections() == []


def test_replace_all_is_one_undo_step_and_keeps_references(qtbot: Any, window: MainWindow) -> None:
    ws = window.workspace
    draft = ws.draft
    assert draft is not None
    bound = sum(len(v) for v in ws.session.index.by_unit.values())
    before = len(find_all(draft, "保护"))
    steps = ws.stack.count()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.replace_shown()
    type_into(bar.find_edit, "保护")
    type_into(bar.replace_edit, "守护")
    messages: list[str] = []
    ws.message.connect(messages.append)
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    # The title is left as it was, and the drafter is told (tester B fault 8).
    assert messages[-1] == f"已替换 {before} 处；标题中的 1 处未替换（标题不在替换范围）"
    assert "保护" in draft.title
    assert find_all(draft, "保护") == []
    assert len(find_all(draft, "守护")) == before
    assert "守护" in window.reading_view.toPlainText()
    assert bar.count_label.text() == "无结果（标题中 1 处未计入）"
    assert sum(len(v) for v in ws.session.index.by_unit.values()) == bound
    assert ws.stack.count() == steps + 1
    window.acts.undo.trigger()
    assert len(find_all(draft, "保护")) == before
    assert find_all(draft, "守护") == []
    assert len(window.finder.hits) == before  # the bar follows the undo


def test_replace_one_then_next(qtbot: Any, window: MainWindow) -> None:
    ws = window.workspace
    draft = ws.draft
    assert draft is not None
    before = len(find_all(draft, "保护"))
    window.finder.open_find(True)
    bar = window.find_bar
    bar.find_edit.setText("保护")
    bar.replace_edit.setText("守护")
    qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)  # shows the first
    assert window.finder.current == 0 and len(find_all(draft, "守护")) == 0
    qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
    assert len(find_all(draft, "守护")) == 1
    assert len(window.finder.hits) == before - 1
    assert window.finder.current == 0  # the next hit is current now
    window.acts.undo.trigger()
    assert len(find_all(draft, "保护")) == before


def test_frozen_version_finds_only(qtbot: Any, window: MainWindow, library: Library) -> None:
    version = window.workspace.version
    assert version is not None
    frozen = library.freeze(version.id, label="征求意见稿", stage="征求意见")
    window.reload_library(select_version=frozen.id)
    assert window.workspace.read_only
    messages: list[str] = []
    window.workspace.message.connect(messages.append)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and not bar.replace_shown()
    assert "只能查找" in messages[-1]
    bar.find_edit.setText("保护")
    assert window.finder.hits
    assert window.finder.replace_all() == 0

"""Undo by word or phrase while typing (issue 13 item 6)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.dialogs import enter_text
from ui.shell.main_window import MainWindow
from ui.text.edit_commands import inserted_text


def test_inserted_text() -> None:
    assert inserted_text("甲乙", "甲乙，") == "，"
    assert inserted_text("甲乙丁", "甲乙丙丁") == "丙"
    assert inserted_text("甲乙", "甲") == ""
    assert inserted_text("", "丙丁") == "丙丁"
    assert inserted_text("aa", "aaa") == "a"


def _editor_at_start(window: MainWindow) -> Any:
    draft = window.workspace.draft
    assert draft is not None
    paragraph = draft.articles()[2].children[0]
    window.editing.edit_unit(paragraph.uid)
    editor = window.editing.editor
    editor.select_span(0, 0)
    return editor, paragraph


def test_ctrl_z_takes_back_the_last_phrase_only(qtbot: Any, window: MainWindow) -> None:
    editor, paragraph = _editor_at_start(window)
    text = paragraph.text
    for typed in ("城市", "管理", "，", "依法", "保护"):  # as an input method commits words
        enter_text(editor.edit, typed)
    assert paragraph.text == "城市管理，依法保护" + text
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert paragraph.text == "城市管理，" + text
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert paragraph.text == text
    window.acts.redo.trigger()
    assert paragraph.text == "城市管理，" + text


def test_latin_keystrokes_merge_into_words(qtbot: Any, window: MainWindow) -> None:
    editor, paragraph = _editor_at_start(window)
    text = paragraph.text
    qtbot.keyClicks(editor.edit, "GB T9704 ")
    qtbot.keyClicks(editor.edit, "grid")
    assert paragraph.text == "GB T9704 grid" + text
    window.acts.undo.trigger()
    assert paragraph.text == "GB T9704 " + text
    window.acts.undo.trigger()
    assert paragraph.text == "GB " + text
    window.acts.undo.trigger()
    assert paragraph.text == text

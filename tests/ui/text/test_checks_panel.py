"""The 检查 tab in the real window: findings listed, jump, one fix and all fixes, undone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from drafting.write.plain_text import render_text
from storage.library import Library
from tests.ui.drafts import park_draft
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: Any, library: Library) -> MainWindow:
    draft = park_draft()
    first = draft.units[0].children[0].children[0]
    first.text = "为了加强公园管理，市人民政府应该做出规划，制定本条例。"
    draft.units[0].children[1].children[1].text = "本条例所称公园,是指供公众游览的场所。"
    version = library.import_draft(draft, label="工作稿")
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.open_version(version.id)
    win.checks_dock.raise_()
    return win


def _rows(win: MainWindow) -> list[tuple[str, str, str, str]]:
    model = win.editing.checks.model
    return [
        tuple(str(model.data(model.index(r, c))) for c in range(4))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def test_findings_are_listed_on_open(window: MainWindow) -> None:
    panel = window.editing.checks
    QAbstractItemModelTester(panel.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    rows = _rows(window)
    rules = [r[3] for r in rows]
    assert "word.yinggai" in rules and "word.zuochu" in rules and "punct.halfwidth" in rules
    row = next(r for r in rows if r[3] == "word.yinggai")
    assert row[0].endswith("警告") and row[1] == "第一条" and "应当" in row[2]
    assert "错误" in panel.summary.text() or "警告" in panel.summary.text()
    # the rule's explanation shows when a finding is selected
    panel.select_row(rules.index("word.yinggai"))
    assert "不用“应该”" in panel.detail.text()
    assert panel.fix_button.isEnabled()


def test_fix_one_then_undo(qtbot: Any, window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    panel = window.editing.checks
    rules = [r[3] for r in _rows(window)]
    panel.select_row(rules.index("word.yinggai"))
    qtbot.mouseClick(panel.fix_button, Qt.MouseButton.LeftButton)
    assert "市人民政府应当做出规划" in render_text(draft)
    # checks run again a moment later; the 应该 finding is gone
    qtbot.waitUntil(lambda: "word.yinggai" not in [r[3] for r in _rows(window)], timeout=15000)
    window.acts.undo.trigger()
    assert render_text(draft) == before
    panel.run_now()
    assert "word.yinggai" in [r[3] for r in _rows(window)]


def test_fix_all_is_one_undo_step(qtbot: Any, window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    panel = window.editing.checks
    qtbot.mouseClick(panel.fix_all_button, Qt.MouseButton.LeftButton)
    text = render_text(draft)
    assert "应当作出规划" in text and "本条例所称公园，是指" in text
    assert window.editing.controller.stack.count() == 1
    window.acts.undo.trigger()
    assert render_text(draft) == before


def test_double_click_jumps_and_selects_the_words(qtbot: Any, window: MainWindow) -> None:
    panel = window.editing.checks
    rules = [r[3] for r in _rows(window)]
    row = rules.index("punct.halfwidth")
    finding = panel.model.findings()[row]
    index = panel.model.index(row, 2)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.editing.editor
    assert editor.uid == finding.unit_uid
    assert editor.title.text() == "编辑：第二条第二款"
    assert editor.edit.textCursor().selectedText() == finding.text == ","
    assert window.reading_view.current_uid == window.draft.units[0].children[1].uid  # type: ignore[union-attr]

"""重新编号 in the window: an explicit, undoable action on the printed labels (number locks)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft, UnitKind
from drafting.read.parse import parse_text
from drafting.write.plain_text import render_text
from storage.library import Library
from ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui

# An excerpt that starts at 第五条, with a list whose first item lost its label.
EXCERPT = (
    "某市物业管理条例（节选）\n\n"
    "第五条　物业服务人应当履行下列义务：\n"
    "按照约定提供服务；\n"
    "(二)及时答复业主的询问；\n"
    "(三)依照第六条规定公开收费。\n"
    "第六条　物业服务收费应当公开。\n"
    "第七条　违反第五条第（二）项规定的，责令改正。\n"
)


def _labels(draft: Draft, kind: UnitKind) -> list[str]:
    numbers = compute_numbers(draft)
    return [numbers[u.uid].label for u in draft.walk() if u.kind is kind]


@pytest.fixture
def window(qtbot: Any, library: Library) -> MainWindow:
    version = library.import_draft(parse_text(EXCERPT).draft)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_version(version.id)
    return win


def test_renumber_whole_text_reports_and_ctrl_z_restores_printed_labels(
    qtbot: Any, window: MainWindow
) -> None:
    draft = window.draft
    assert draft is not None
    before = render_text(draft)
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条", "第七条"]
    assert window.acts.renumber_all.isEnabled()
    window.acts.renumber_all.trigger()
    assert _labels(draft, UnitKind.ARTICLE) == ["第一条", "第二条", "第三条"]
    text = render_text(draft)
    assert "依照第二条规定公开收费" in text  # the reference followed its article
    assert "所指不存在" not in window.statusBar().currentMessage()  # every reference resolves
    assert "违反第一条" in text
    message = window.statusBar().currentMessage()
    assert "已重新编号" in message and "其中 3 条" in message and "改写援引 2 处" in message
    # The outline shows the new numbers.
    assert window.outline_model.data(window.outline_model.index(0, 0)).startswith("第一条")
    window.editing.editor.edit.setFocus()
    qtbot.keyClick(window.editing.editor.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条", "第七条"]
    assert render_text(draft) == before
    assert window.outline_model.data(window.outline_model.index(0, 0)).startswith("第五条")


def test_renumber_this_list_only_touches_the_siblings(window: MainWindow) -> None:
    draft = window.draft
    assert draft is not None
    paragraph = draft.articles()[0].children[0]
    window.editing.edit_unit(paragraph.children[1].uid)  # the cursor in （二）
    # printed, kept: the first item printed without a label shows none (G12)
    assert _labels(draft, UnitKind.ITEM) == ["", "(二)", "(三)"]
    window.acts.renumber_list.trigger()
    assert _labels(draft, UnitKind.ITEM) == ["（一）", "（二）", "（三）"]
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条", "第七条"]
    assert "已重新编号：3 处编号改变（其中 0 条）" in window.statusBar().currentMessage()
    # The cursor in a 款 (which carries no label): its list is the articles around it.
    window.select_unit(draft.articles()[1].uid)
    window.acts.renumber_list.trigger()
    assert _labels(draft, UnitKind.ARTICLE) == ["第一条", "第二条", "第三条"]
    assert _labels(draft, UnitKind.ITEM) == ["（一）", "（二）", "（三）"]
    window.acts.undo.trigger()
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条", "第七条"]
    window.acts.undo.trigger()
    assert _labels(draft, UnitKind.ITEM) == ["", "(二)", "(三)"]


def test_renumber_refused_on_a_frozen_version(window: MainWindow, library: Library) -> None:
    version = window.version
    assert version is not None
    draft = window.draft
    assert draft is not None
    window.workspace.update_version(library.freeze(version.id, label="征求意见稿"))
    assert not window.acts.renumber_all.isEnabled()
    assert not window.acts.renumber_list.isEnabled()
    window.editing.renumber(whole=True)  # even when called directly: refused
    assert _labels(draft, UnitKind.ARTICLE) == ["第五条", "第六条", "第七条"]
    assert "冻结" in window.statusBar().currentMessage()


def test_renumber_report_says_when_references_point_at_nothing(
    qtbot: Any, library: Library
) -> None:
    """Tester B fault 1 (the window's part): a reference left naming nothing after 重新编号 is
    said in the report, not hidden behind "改写援引 1 处"."""
    text = (
        "某市测试条例\n\n"
        "第五条　本条例适用于本市。\n"
        "第六条　依照本条例第五条的规定执行：\n"
        "（三）甲事项；\n"
        "（四）乙事项。\n"
        "第八条　违反本条例第六条第（九）项的，予以处罚。\n"
    )
    version = library.import_draft(parse_text(text).draft)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.show()
    assert win.open_version(version.id)
    win.acts.renumber_all.trigger()
    assert win.draft is not None
    assert _labels(win.draft, UnitKind.ARTICLE) == ["第一条", "第二条", "第三条"]
    message = win.statusBar().currentMessage()
    assert message.startswith("已重新编号：")
    assert message.endswith("；1 处援引所指不存在，请在“检查”中核对")

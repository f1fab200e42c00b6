"""The comparison window lists the 序言, the 注记 (notes after the last article) and the 附件
that changed, as rows of their own like the exported 对照表 has; their 修改说明 is edited in the
window (编辑修改说明) and goes into the 对照表; F7 / Shift+F7 visit them in reading order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from drafting.compare.articles import compare_drafts
from drafting.model.matter import Appendix, Preamble, Table
from drafting.model.units import Draft
from drafting.write.comparison_docx import comparison_table_docx
from tests.drafting.compare_helpers import article, draft
from tests.ui.dialogs import OK, answering, press, type_into
from ui.compare.side_by_side import is_matter_row
from ui.compare.tab import ComparisonTab, NoteDialog

A = "为了加强公园管理，保护公园资源，制定本条例。"
B = "本条例适用于本市行政区域内公园的规划、建设、保护和管理。"


def _texts() -> tuple[Draft, Draft]:
    old = draft(article(A), article(B), title="某市公园条例")
    old.preamble = Preamble("", ["为了加强管理，制定本条例。"])
    old.notes = ["注：本条例所称“以上”“以下”，包括本数。"]
    old.appendices = [Appendix("附件1", "名录", ["一、甲", Table.of([["名称"], ["乙"]])])]
    new = old.clone()
    assert new.preamble is not None
    new.preamble.paragraphs[0] = "为了加强公园管理，根据有关法律，制定本条例。"
    new.articles()[1].children[0].text = B.replace("规划、", "")
    new.notes = ["注：本条例所称“以上”“以下”“以内”，包括本数。"]
    new.appendices[0].blocks[1] = Table.of([["名称"], ["丙"]])
    return old, new


@pytest.fixture
def tab(qtbot: Any) -> ComparisonTab:
    old, new = _texts()
    widget = ComparisonTab(compare_drafts(old, new), "一审稿", "二审稿", new)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.focus_view()
    return widget


def test_matter_rows_are_shown_in_reading_order(tab: ComparisonTab) -> None:
    view = tab.view
    parts = [c.part for c in view.matter_rows()]
    assert parts == ["序言", "注记", "附件1"]
    rows = view.visible_pairs()
    preamble, notes, appendix = (view.matter_row(p) for p in parts)
    assert rows[0] == preamble and rows[-2:] == [notes, appendix]
    text = view.browser.toPlainText()
    assert "为了加强公园管理，根据有关法律，制定本条例。" in text
    assert "“以内”" in text and "附件1" in text
    assert "序言文字修改" in text and "附件1文字修改" in text
    # Shown with only changes too: they are changes.
    view.filter_box.setChecked(True)
    assert [k for k in view.visible_pairs() if is_matter_row(k)] == [preamble, notes, appendix]


def test_f7_visits_the_matter_rows(qtbot: Any, tab: ComparisonTab) -> None:
    view = tab.view
    preamble, notes, appendix = (view.matter_row(p) for p in ("序言", "注记", "附件1"))
    seen = []
    for _ in range(4):
        view.next_change()
        seen.append(view.current_pair())
    comparison = view.comparison()
    assert comparison is not None
    assert seen == [preamble, *comparison.changes, notes, appendix]
    assert view.position_label.text() == "第 4 / 4 处"
    view.previous_change()
    assert view.current_pair() == notes
    row = view.current_row()
    assert row is not None and view._table(row) is not None


def test_edit_the_notes_row_note_and_export(qtbot: Any, tab: ComparisonTab, tmp_path: Path) -> None:
    view = tab.view
    notes = view.matter_row("注记")
    assert notes is not None
    while view.current_pair() != notes:
        view.next_change()
    assert tab.note_row() == notes
    offered: list[str] = []

    def rewrite(dialog: NoteDialog) -> None:
        offered.append(dialog.editor.toPlainText())
        type_into(dialog.editor, "“以内”包括本数")
        press(qtbot, dialog, OK)

    with answering(NoteDialog, rewrite):
        assert tab.edit_note()
    assert offered and offered[0].startswith("注文字修改")
    assert view.note(notes) == "“以内”包括本数"
    assert tab.notes == {"注记": "“以内”包括本数"}
    assert "“以内”包括本数" in view.browser.toPlainText()
    # The 序言 and 附件 rows are edited the same way.
    view.set_note(view.matter_row("附件1") or 0, "更新名录")
    out = tmp_path / "对照表.docx"
    comparison = view.comparison()
    assert comparison is not None
    comparison_table_docx(comparison, out, notes=tab.notes)
    said = [r.cells[2].text for r in docx.Document(str(out)).tables[0].rows[1:]]
    assert "“以内”包括本数" in said and "更新名录" in said
    tab.grab().save(str(tmp_path / "matter_rows.png"))
    if shot := __import__("os").environ.get("SHOT_DIR"):
        tab.grab().save(str(Path(shot) / "matter_rows.png"))

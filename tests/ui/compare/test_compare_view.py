"""The comparison view driven with real key presses, offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from drafting.compare.articles import compare_drafts
from tests.drafting.compare_helpers import article, draft
from ui.compare.side_by_side import ComparisonView

pytestmark = pytest.mark.gui

A = [
    "为了加强公园管理，保护公园资源，制定本条例。",
    "本条例适用于本市行政区域内公园的规划、建设、保护和管理。",
    "市园林绿化主管部门负责全市公园的监督管理工作。",
    "公园管理机构应当建立健全安全管理制度，配备必要的安全设施。",
    "违反本条例规定，损毁公园设施的，由园林绿化主管部门责令改正，处一千元以上五千元以下罚款。",
    "本条例自2025年1月1日起施行。",
]


def sample():  # type: ignore[no-untyped-def]
    old = draft(*[article(t) for t in A], title="某市公园条例")
    new = old.clone()
    arts = new.articles()
    new.units.remove(arts[1])
    arts[4].children[0].text = A[4].replace("一千元以上五千元以下", "二千元以上一万元以下")
    new.units.insert(4, article("公园内禁止燃放烟花爆竹。"))
    return compare_drafts(old, new)


@pytest.fixture
def view(qtbot) -> ComparisonView:  # type: ignore[no-untyped-def]
    widget = ComparisonView()
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.set_comparison(sample(), "一审稿", "二审稿")
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.browser.setFocus()
    return widget


def test_totals(view: ComparisonView) -> None:
    assert view.totals_label.text() == "1条修改、1条新增、1条删除、2条仅序号变化"


def test_rows_and_marks(view: ComparisonView) -> None:
    comparison = view.comparison()
    assert comparison is not None
    assert view.visible_pairs() == list(range(len(comparison.pairs)))
    html = view.browser.toHtml()
    assert "line-through" in html and "underline" in html
    text = view.browser.toPlainText()
    assert "一审稿" in text and "二审稿" in text and "第五条\u3000违反本条例规定" in text


def test_f7_moves_through_the_changes(qtbot, view: ComparisonView) -> None:  # type: ignore[no-untyped-def]
    comparison = view.comparison()
    assert comparison is not None
    statuses = [p.status for p in comparison.pairs]
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    first = view.current_pair()
    assert first is not None and statuses[first] == "deleted"
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    second = view.current_pair()
    assert second is not None and statuses[second] == "modified"
    assert all(statuses[k] in ("unchanged", "renumbered") for k in range(first + 1, second))
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    assert statuses[view.current_pair() or 0] == "added"
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)  # at the last change: stays
    assert statuses[view.current_pair() or 0] == "added"
    qtbot.keyClick(view.browser, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)
    assert view.current_pair() == second
    assert view.position_label.text() == "第 2 / 3 处"
    row = view.current_row()
    assert row == second + 1
    table = view._table(row)
    assert table is not None
    cursor = view.browser.textCursor()
    assert table.firstPosition() <= cursor.position() <= table.lastPosition()


def test_filter_hides_unchanged(qtbot, view: ComparisonView) -> None:  # type: ignore[no-untyped-def]
    comparison = view.comparison()
    assert comparison is not None
    view.filter_box.setChecked(True)
    shown = view.visible_pairs()
    assert shown == comparison.changes and len(shown) == 3
    assert "第一条" not in view.browser.toPlainText()
    qtbot.keyClick(view.browser, Qt.Key.Key_F7)
    assert view.current_pair() == shown[0]
    view.filter_box.setChecked(False)
    assert len(view.visible_pairs()) == len(comparison.pairs)
    assert "第一条" in view.browser.toPlainText()


def test_grab_png(view: ComparisonView, tmp_path: Path) -> None:
    """Render once to a PNG (kept for looking at; checks that painting works)."""
    view.next_change()
    QApplication.processEvents()
    path = Path(os.environ.get("COMPARE_VIEW_PNG", tmp_path / "compare_view.png"))
    assert view.grab().save(str(path))
    assert path.stat().st_size > 1000

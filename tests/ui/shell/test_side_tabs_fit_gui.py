"""Every word of the side tabs' controls readable at 1280×720, at the default width and at
the narrowest the panel can be dragged to (the 意见 panel's buttons once read "上次", "议记录")."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QPushButton, QTabBar, QWidget

from tests.ui.clipping import clipped_controls, text_room
from ui.shell.flow_layout import COMBO_TEXT_CAP, FlowLayout, fit_combo
from ui.shell.main_window import MainWindow

SIDE_TABS = [
    "dock_comments",
    "dock_checks",
    "dock_references",
    "dock_history",
    "dock_similar",
    "dock_unit_audit",
]


def _sized(qtbot: Any, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    window.apply_default_layout()
    qtbot.wait(10)


def _front(qtbot: Any, window: MainWindow, name: str) -> QDockWidget:
    dock = window.findChild(QDockWidget, name)
    assert dock is not None, name
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    return dock


def _narrowest(qtbot: Any, window: MainWindow, dock: QDockWidget) -> None:
    """Drag the side tabs as narrow as they go (the widest minimum of the tabbed panels)."""
    window.resizeDocks([dock], [1], Qt.Orientation.Horizontal)
    narrowest = max(d.widget().minimumSizeHint().width() for d in window.side_tabs())
    qtbot.waitUntil(lambda: dock.widget().width() <= max(narrowest, 200))
    qtbot.wait(10)


def test_comments_panel_readable_at_1280x720(qtbot: Any, window: MainWindow) -> None:
    _sized(qtbot, window, 1280, 720)
    dock = _front(qtbot, window, "dock_comments")
    panel = dock.widget()
    assert panel.objectName() == "comments_panel"
    # The default share of a 1280-px window (about 280 px): the case the screenshots showed.
    assert 250 <= panel.width() <= 320
    assert clipped_controls(panel, window) == []
    assert QRect(0, 0, 1280, 720).contains(
        QRect(panel.mapTo(window, panel.rect().topLeft()), panel.size())
    )
    # Each button shows its whole label (the wrapping did not hide any).
    for name in ("decide_button", "undo_decision_button", "meeting_button", "add_comment_button"):
        button = panel.findChild(QPushButton, name)
        assert button is not None and button.isVisible(), name
    _narrowest(qtbot, window, dock)
    assert panel.width() < 250
    assert clipped_controls(panel, window) == []


def test_comments_panel_readable_at_1920x1080(qtbot: Any, window: MainWindow) -> None:
    _sized(qtbot, window, 1920, 1080)
    panel = _front(qtbot, window, "dock_comments").widget()
    assert panel.width() >= 400
    assert clipped_controls(panel, window) == []


@pytest.mark.parametrize("name", SIDE_TABS[1:])
def test_other_side_tabs_readable_at_1280x720(qtbot: Any, window: MainWindow, name: str) -> None:
    _sized(qtbot, window, 1280, 720)
    dock = _front(qtbot, window, name)
    assert clipped_controls(dock.widget(), window) == []
    _narrowest(qtbot, window, dock)
    assert clipped_controls(dock.widget(), window) == []


def test_checks_panel_counts_readable_when_narrow(qtbot: Any, window: MainWindow) -> None:
    _sized(qtbot, window, 1280, 720)
    dock = _front(qtbot, window, "dock_checks")
    window.editing.checks.summary.setText("错误 12 · 警告 34 · 提示 56（可修正 78）")
    _narrowest(qtbot, window, dock)
    # Wrapped onto two lines, not cut (a wrapped label's lines fit by construction).
    summary = window.editing.checks.summary
    assert summary.wordWrap() and summary.height() >= 2 * summary.fontMetrics().height()
    assert clipped_controls(dock.widget(), window) == []


def test_filter_combo_fits_its_widest_choice_up_to_a_cap(qtbot: Any) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    combo = QComboBox()
    combo.addItem("全部轮次")
    flow.addWidget(combo)
    fit_combo(combo)
    holder.resize(400, 60)
    holder.show()
    qtbot.waitExposed(holder)
    combo.addItem("第一轮")
    combo.setCurrentIndex(1)
    qtbot.wait(10)
    text, needed, room = text_room(combo)  # type: ignore[misc]
    assert text == "第一轮" and needed <= room
    assert combo.toolTip() == ""
    # A name past the cap is cut at it, whole in the tooltip; the combo does not grow past it.
    long_name = "第二轮（向社会公开征求意见及专家论证会、立法听证会合并整理）"
    combo.addItem(long_name)
    combo.setCurrentIndex(2)
    qtbot.wait(10)
    assert combo.toolTip() == long_name
    assert combo.sizeHint().width() <= COMBO_TEXT_CAP + 60
    # Rejected: without fit_combo the same combo asks for the whole long name.
    plain = QComboBox()
    plain.addItems(["全部轮次", long_name])
    assert plain.sizeHint().width() > COMBO_TEXT_CAP + 60


def test_flow_layout_wraps_instead_of_squeezing(qtbot: Any) -> None:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder, spacing=4)
    flow.setContentsMargins(0, 0, 0, 0)
    buttons = [QPushButton(t) for t in ("撤销上次处理", "添加意见…", "会议记录…")]
    for b in buttons:
        flow.addWidget(b)
    widest = max(b.sizeHint().width() for b in buttons)
    assert flow.minimumSize().width() == widest
    holder.resize(widest + 10, 200)
    holder.show()
    qtbot.waitExposed(holder)
    qtbot.waitUntil(lambda: buttons[2].y() > buttons[1].y() > buttons[0].y())
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    holder.resize(3 * widest + 20, 200)
    qtbot.waitUntil(lambda: buttons[2].y() == buttons[0].y())
    assert flow.heightForWidth(widest + 10) > flow.heightForWidth(3 * widest + 20)


def test_side_tab_names_whole_at_1280x720(qtbot: Any, window: MainWindow) -> None:
    _sized(qtbot, window, 1280, 720)
    _front(qtbot, window, "dock_comments")
    bars = [b for b in window.findChildren(QTabBar) if b.parent() is window and b.isVisible()]
    assert bars, "the side tabs share one tab bar"
    for bar in bars:
        names = [bar.tabText(i) for i in range(bar.count())]
        assert {"意见", "检查", "援引", "历史", "相似条文", "修改记录"} <= set(names)
        for i, name in enumerate(names):
            rect = bar.tabRect(i)
            # Every tab inside the bar (none behind its scroll arrows) and its name not elided.
            assert bar.rect().contains(rect), name
            assert rect.width() >= bar.fontMetrics().horizontalAdvance(name), name

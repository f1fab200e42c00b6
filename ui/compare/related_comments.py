"""相关意见 under a comparison of two versions: the comments behind the changed row in front.

``related_by_pair`` (Qt-free, in ``consultation.related``, re-exported here) files a
regulation's comments under the comparison rows whose old articles they sit on;
``RelatedCommentsPanel`` lists those of the current row (F7 / a click)
with where they sit, what they say, who sent them and what was decided. A double-click asks
the window to show the comment in the 意见 tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from consultation.comment_rows import elide
from consultation.related import RelatedComment, related_by_pair

__all__ = ["CONTENT_CHARS", "RelatedComment", "RelatedCommentsPanel", "related_by_pair"]

#: How many characters of a comment a row shows (the tooltip holds all of it).
CONTENT_CHARS = 80
#: Qt's "no maximum" for a widget's size (QWIDGETSIZE_MAX, not exported by PySide6).
_NO_MAX = 16777215


class RelatedCommentsPanel(QWidget):
    """The comments behind the current changed row, in a list that folds away."""

    #: A comment was double-clicked: its id.
    comment_activated = Signal(int)
    #: The list was shown (True) or hidden (False): unfolded with comments, or folded/empty.
    list_shown = Signal(bool)

    COLUMNS = ("条款", "意见内容", "来源", "处理意见")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("related_comments")
        self._entries: list[RelatedComment] = []
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("related_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._fold)
        self.title = QLabel(self)
        self.title.setObjectName("related_title")
        self.list = QTreeWidget(self)
        self.list.setObjectName("related_list")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setMinimumHeight(80)
        self.list.setHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.list.setColumnWidth(0, 150)
        self.list.setColumnWidth(1, 420)
        self.list.setColumnWidth(2, 90)
        self.list.itemDoubleClicked.connect(self._on_double_click)
        self.list.setToolTip(self.tr("双击在“意见”面板中查看该意见"))
        self._head = QHBoxLayout()
        self._head.setContentsMargins(4, 2, 4, 0)
        self._head.addWidget(self.toggle)
        self._head.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self._head)
        layout.addWidget(self.list, 1)
        self._list_shown: bool | None = None
        self.show_entries(None)

    def entries(self) -> list[RelatedComment]:
        """The comments listed now."""
        return list(self._entries)

    def show_entries(self, entries: Sequence[RelatedComment] | None, row_label: str = "") -> None:
        """List ``entries`` for the row ``row_label``; None when the row is not a change."""
        self._entries = list(entries or [])
        self.list.clear()
        if entries is None:
            self.title.setText(self.tr("相关意见：按 F7 转到一处修改，查看其背后的意见"))
        elif not entries:
            self.title.setText(self.tr("相关意见（{0}）：无").format(row_label))
        else:
            self.title.setText(
                self.tr("相关意见（{0}）：{1} 条").format(row_label, len(self._entries))
            )
        for entry in self._entries:
            item = QTreeWidgetItem(
                [entry.target, elide(entry.content, CONTENT_CHARS), entry.source, entry.disposition]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(1, entry.content)
            self.list.addTopLevelItem(item)
        self._show_list(self.toggle.isChecked() and bool(self._entries))

    def list_open(self) -> bool:
        """Whether the list is meant to be seen (unfolded, with comments to list)."""
        return bool(self._list_shown)

    def head_height(self) -> int:
        """The height of the title line alone: all the panel takes while the list is hidden."""
        return self._head.sizeHint().height()

    def _fold(self, open_: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self._show_list(open_ and bool(self._entries))

    def _show_list(self, shown: bool) -> None:
        self.list.setVisible(shown)
        # Without its list the panel is one title line: capping its height lets a splitter
        # give the rest to the view above instead of leaving an empty band.
        self.setMaximumHeight(_NO_MAX if shown else self.head_height())
        if shown != self._list_shown:
            self._list_shown = shown
            self.list_shown.emit(shown)

    def _on_double_click(self, item: QTreeWidgetItem, _column: int) -> None:
        comment_id = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(comment_id, int) and comment_id:
            self.comment_activated.emit(comment_id)

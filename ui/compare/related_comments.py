"""相关意见 under a comparison of two versions: the comments behind the changed row in front.

``related_by_pair`` resolves a regulation's comments once in the old version (following the
splits and merges recorded up to it) and files them under the comparison rows whose old
articles they sit on; ``RelatedCommentsPanel`` lists those of the current row (F7 / a click)
with where they sit, what they say, who sent them and what was decided. A double-click asks
the window to show the comment in the 意见 tab.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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

from consultation.anchors import Lineage
from consultation.draft_index import DraftIndex
from consultation.model import Comment
from consultation.trace import comments_by_article
from drafting.compare.articles import Comparison
from drafting.model.units import Draft
from ui.comments.table_model import PENDING_LABEL

#: How many characters of a comment a row shows (the tooltip holds all of it).
CONTENT_CHARS = 80
#: Qt's "no maximum" for a widget's size (QWIDGETSIZE_MAX, not exported by PySide6).
_NO_MAX = 16777215


@dataclass(frozen=True)
class RelatedComment:
    """One comment behind a changed row, as the list shows it."""

    id: int
    target: str  # where it sits in the old version: 第十二条第二款
    content: str
    source: str  # 来源, in Chinese
    disposition: str  # 处理意见, or 待处理


def related_by_pair(
    comparison: Comparison,
    comments: Sequence[Comment],
    old: Draft,
    lineage: Lineage | None = None,
    by_version: Mapping[int, Lineage] | None = None,
) -> dict[int, list[RelatedComment]]:
    """Pair index of each changed row → the comments on its old articles (their 款/项/目 too)."""
    index = DraftIndex(old)
    by_article = comments_by_article(comments, index, lineage, by_version)
    out: dict[int, list[RelatedComment]] = {}
    for k, pair in enumerate(comparison.pairs):
        if not pair.is_change:
            continue
        found = sorted(p for unit in pair.old for p in by_article.get(unit.uid, ()))
        if not found:
            continue
        entries: list[RelatedComment] = []
        for position, uid in found:
            comment = comments[position]
            entries.append(
                RelatedComment(
                    id=comment.id or 0,
                    target=index.label(uid),
                    content=comment.content,
                    source=comment.source.label,
                    disposition=(
                        comment.disposition.label if comment.disposition else PENDING_LABEL
                    ),
                )
            )
        out[k] = entries
    return out


def _elide(text: str, chars: int = CONTENT_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= chars else line[: chars - 1] + "…"


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
                [entry.target, _elide(entry.content), entry.source, entry.disposition]
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

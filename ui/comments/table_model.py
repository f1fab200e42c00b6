"""The comments table (意见): one light row per comment, filtered in memory, read on demand.

The rows and the filter are Qt-free (``consultation.comment_rows``: ``build_rows``, ``RowFilter``,
re-exported here); ``CommentsTableModel`` keeps those rows and the positions that pass the
filter, so 10,000 comments scroll without touching the database.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from consultation.anchors import AnchorState
from consultation.comment_rows import PENDING_LABEL, CommentRow, RowFilter, build_rows, elide
from consultation.model import Disposition
from ui.shell.model_headers import column_title

__all__ = [
    "COLUMNS",
    "ID_ROLE",
    "PENDING_LABEL",
    "CommentRow",
    "CommentsTableModel",
    "RowFilter",
    "build_rows",
]

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: The comment id of a row.
ID_ROLE = Qt.ItemDataRole.UserRole + 1

#: How many characters of a comment the table shows.
CONTENT_CHARS = 60

COLUMNS = ("序号", "条款", "来源", "提出者", "意见内容", "处理意见", "锚定状态", "聚类")
(COL_NUMBER, COL_TARGET, COL_SOURCE, COL_SUBMITTER, COL_CONTENT, COL_DISPOSITION, COL_ANCHOR,
 COL_CLUSTER) = range(len(COLUMNS))  # fmt: skip

_ANCHOR_COLOURS = {
    AnchorState.QUOTE_CHANGED: QColor("#b26a00"),
    AnchorState.ORPHANED: QColor("#c62828"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommentsTableModel", text)


class CommentsTableModel(QAbstractTableModel):
    """The 意见 table: every row a light tuple, filtered by position, data made on request."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CommentRow] = []
        self._shown: list[int] = []  # positions in _rows that pass the filter
        self._filter = RowFilter()
        self._by_id: dict[int, int] = {}

    # ---- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[CommentRow]) -> None:
        """Show another set of comments (the filter stays)."""
        self.beginResetModel()
        self._rows = rows
        self._by_id = {r.id: i for i, r in enumerate(rows)}
        self._shown = self._filter.positions(rows)
        self.endResetModel()

    def set_filter(self, flt: RowFilter) -> None:
        """Show only the rows that pass ``flt``."""
        self.beginResetModel()
        self._filter = flt
        self._shown = flt.positions(self._rows)
        self.endResetModel()

    @property
    def filter(self) -> RowFilter:
        """The filter in force."""
        return self._filter

    def set_dispositions(
        self, comment_ids: Collection[int], disposition: Disposition | None
    ) -> None:
        """Comments were decided: show their new disposition (rows stay where they are)."""
        for comment_id in comment_ids:
            position = self._by_id.get(comment_id)
            if position is not None:
                self._rows[position] = self._rows[position]._replace(disposition=disposition)
        if self._shown:
            self.dataChanged.emit(
                self.index(0, COL_DISPOSITION), self.index(len(self._shown) - 1, COL_DISPOSITION)
            )

    def all_rows(self) -> list[CommentRow]:
        """Every comment row, filtered or not."""
        return list(self._rows)

    def row_at(self, row: int) -> CommentRow | None:
        """The comment shown in a table row."""
        if 0 <= row < len(self._shown):
            return self._rows[self._shown[row]]
        return None

    def row_of(self, comment_id: int) -> int:
        """The table row showing a comment, or -1 when it is filtered out or unknown."""
        position = self._by_id.get(comment_id)
        if position is None:
            return -1
        # The shown positions are sorted: a binary search finds the table row.
        at = bisect_left(self._shown, position)
        return at if at < len(self._shown) and self._shown[at] == position else -1

    def rows_for(self, comment_ids: Collection[int]) -> list[CommentRow]:
        """The rows of these comments (in table order of storage)."""
        return [self._rows[self._by_id[i]] for i in sorted(comment_ids) if i in self._by_id]

    def total(self) -> int:
        """How many comments there are, filtered or not."""
        return len(self._rows)

    # ---- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = column_title(COLUMNS, section, orientation, role)
        return None if title is None else _tr(title)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_CONTENT:
                quote = _tr("（针对“{0}”）").format(row.quote) if row.quote else ""
                return quote + row.content
            if column == COL_ANCHOR:
                return row.anchor_message
            if column == COL_CLUSTER and row.cluster_size > 1:
                return _tr("与另外{0}条意见相同或相近").format(row.cluster_size - 1)
            return None
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ANCHOR:
            return _ANCHOR_COLOURS.get(row.anchor_state)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_NUMBER, COL_CLUSTER):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: CommentRow, column: int) -> str:
        if column == COL_NUMBER:
            return str(row.number)
        if column == COL_TARGET:
            return row.target or _tr("（已删除）")
        if column == COL_SOURCE:
            return row.source.label
        if column == COL_SUBMITTER:
            return row.submitter
        if column == COL_CONTENT:
            return elide(row.content, CONTENT_CHARS)
        if column == COL_DISPOSITION:
            return row.disposition.label if row.disposition else _tr(PENDING_LABEL)
        if column == COL_ANCHOR:
            return row.anchor_state.label
        if column == COL_CLUSTER:
            return f"×{row.cluster_size}" if row.cluster_size > 1 else ""
        return ""

"""The comments table (意见): ordered ids for the filter in force, rows fetched by id in pages.

As Anki's browser does, the model keeps only the ids that pass the filter (one SQL query,
``storage.comment_view.CommentView.ids``) and reads the rows of a page of ids when the view
first asks for one of them (``CommentView.rows``), keeping the newest pages in a small cache:
100,000 comments open as fast as the first screen can be drawn. A plain list of rows
(``set_rows``, for small sets and tests) is served by ``ListRows`` the same way. The rows and
the filter are Qt-free (``consultation.comment_rows``).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Collection, Sequence
from typing import Any, Protocol

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
    "ListRows",
    "RowFilter",
    "RowSource",
    "build_rows",
]

ModelIndex = QModelIndex | QPersistentModelIndex
log = logging.getLogger("lifa.ui.comments")
_ROOT = QModelIndex()

#: The comment id of a row.
ID_ROLE = Qt.ItemDataRole.UserRole + 1

#: How many characters of a comment the table shows.
CONTENT_CHARS = 60
#: Rows read at a time, and how many such pages stay cached (a few screens either way).
PAGE = 200
CACHED_PAGES = 40

COLUMNS = ("序号", "条款", "来源", "提出者", "意见内容", "处理意见", "锚定状态", "聚类")
(COL_NUMBER, COL_TARGET, COL_SOURCE, COL_SUBMITTER, COL_CONTENT, COL_DISPOSITION, COL_ANCHOR,
 COL_CLUSTER) = range(len(COLUMNS))  # fmt: skip

_ANCHOR_COLOURS = {
    AnchorState.QUOTE_CHANGED: QColor("#b26a00"),
    AnchorState.ORPHANED: QColor("#c62828"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommentsTableModel", text)


class RowSource(Protocol):
    """Where the table's rows come from: ids for a filter, rows for ids."""

    def total(self) -> int: ...

    def ids(self, flt: RowFilter) -> list[int]: ...

    def rows(self, comment_ids: Collection[int]) -> list[CommentRow]: ...


class ListRows:
    """Rows already made (a small set, a test): filtered in memory."""

    def __init__(self, rows: Sequence[CommentRow]) -> None:
        self._rows = list(rows)
        self._by_id = {r.id: r for r in self._rows}

    def total(self) -> int:
        return len(self._rows)

    def ids(self, flt: RowFilter) -> list[int]:
        return [r.id for r in self._rows if flt.matches(r)]

    def rows(self, comment_ids: Collection[int]) -> list[CommentRow]:
        return [self._by_id[i] for i in sorted(comment_ids) if i in self._by_id]

    def set_disposition(
        self, comment_ids: Collection[int], disposition: Disposition | None
    ) -> None:
        for comment_id in comment_ids:
            row = self._by_id.get(comment_id)
            if row is not None:
                self._by_id[comment_id] = row._replace(disposition=disposition)
        self._rows = [self._by_id[r.id] for r in self._rows]


class CommentsTableModel(QAbstractTableModel):
    """The 意见 table: the ids that pass the filter, rows read by id a page at a time."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._source: RowSource = ListRows([])
        self._shown: list[int] = []  # the ids that pass the filter, in 序号 order
        self._row_of: dict[int, int] | None = None  # id → table row, made when first asked
        self._filter = RowFilter()
        self._pages: OrderedDict[int, dict[int, CommentRow]] = OrderedDict()

    # ---- content ----------------------------------------------------------------------------

    def set_rows(self, rows: list[CommentRow]) -> None:
        """Show a list of rows already made (the filter stays)."""
        self.set_source(ListRows(rows))

    def set_source(self, source: RowSource) -> None:
        """Show the comments of another source (the filter stays)."""
        self.beginResetModel()
        self._source = source
        self._set_shown(source.ids(self._filter))
        self.endResetModel()

    @property
    def source(self) -> RowSource:
        """Where the rows come from."""
        return self._source

    def _set_shown(self, ids: list[int]) -> None:
        self._shown = ids
        self._row_of = None
        self._pages.clear()

    def set_filter(self, flt: RowFilter, source: RowSource | None = None) -> None:
        """Show only the comments that pass ``flt`` (one query for their ids); of ``source``
        when given (another regulation or text: one reset for both)."""
        self.beginResetModel()
        self._filter = flt
        if source is not None:
            self._source = source
        self._set_shown(self._source.ids(flt))
        self.endResetModel()

    def refresh(self) -> None:
        """Ask the source again (the text was edited: anchors and article keys moved)."""
        self.set_filter(self._filter)

    @property
    def filter(self) -> RowFilter:
        """The filter in force."""
        return self._filter

    def set_dispositions(
        self, comment_ids: Collection[int], disposition: Disposition | None
    ) -> None:
        """Comments were decided: show their new disposition (rows stay where they are; the
        cached pages are read again when next shown)."""
        if isinstance(self._source, ListRows):
            self._source.set_disposition(comment_ids, disposition)
        self._pages.clear()
        if self._shown:
            self.dataChanged.emit(
                self.index(0, COL_DISPOSITION), self.index(len(self._shown) - 1, COL_DISPOSITION)
            )

    def all_rows(self) -> list[CommentRow]:
        """Every comment row, filtered or not (reads them all: for tests and small sets)."""
        return self._source.rows(self._source.ids(RowFilter()))

    def shown_ids(self) -> list[int]:
        """The ids of the comments shown, in table order."""
        return list(self._shown)

    def id_at(self, row: int) -> int | None:
        """The comment id of a table row, without reading the comment."""
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_at(self, row: int) -> CommentRow | None:
        """The comment shown in a table row (its page read if not cached)."""
        if not 0 <= row < len(self._shown):
            return None
        page = row // PAGE
        cached = self._pages.get(page)
        if cached is None:
            ids = self._shown[page * PAGE : (page + 1) * PAGE]
            try:
                cached = {r.id: r for r in self._source.rows(ids)}
            except Exception:  # noqa: BLE001 - painting never raises; the page stays empty
                # (a library locked or a value another tool wrote: logged, not retried on
                # every paint; the next reload or filter reads it again).
                log.exception("无法读取意见表第 %s 页", page + 1)
                cached = {}
            self._pages[page] = cached
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return cached.get(self._shown[row])

    def row_of(self, comment_id: int) -> int:
        """The table row showing a comment, or -1 when it is filtered out or unknown."""
        if self._row_of is None:
            self._row_of = {cid: n for n, cid in enumerate(self._shown)}
        return self._row_of.get(comment_id, -1)

    def rows_for(self, comment_ids: Collection[int]) -> list[CommentRow]:
        """The rows of these comments (in id order)."""
        return self._source.rows(comment_ids)

    def total(self) -> int:
        """How many comments there are, filtered or not."""
        return self._source.total()

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
                if row.text_change:
                    return _tr("{0}；与所针对的稿次相比：{1}").format(
                        row.anchor_message, row.text_change
                    )
                return row.anchor_message
            if column == COL_CLUSTER and row.cluster_size > 1:
                return _tr("与另外{0}条意见相同或相近").format(row.cluster_size - 1)
            return None
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ANCHOR:
            if row.anchor_state is AnchorState.ATTACHED and row.text_change:
                return _ANCHOR_COLOURS[AnchorState.QUOTE_CHANGED]
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
            # The quoted words gone or the article deleted say more than a change of words.
            if row.anchor_state is AnchorState.ATTACHED and row.text_change:
                return row.text_change
            return row.anchor_state.label
        if column == COL_CLUSTER:
            return f"×{row.cluster_size}" if row.cluster_size > 1 else ""
        return ""

"""The outline (目录) of one draft: 编/分编/章/节 headings and the articles under them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from drafting.model import Draft, Unit, UnitKind
from drafting.numbering import Number, article_body, compute_numbers
from drafting.render import heading_line

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a shared default argument

UID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

#: How many characters of an article's text the outline shows after its number.
PREVIEW_CHARS = 12


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutlineModel", text)


def article_preview(article: Unit, chars: int = PREVIEW_CHARS) -> str:
    """The first words of an article, on one line."""
    text = article_body(article).replace("\n", " ").strip()
    return text if len(text) <= chars else text[:chars] + "…"


def outline_text(unit: Unit, number: Number) -> str:
    """How a unit reads in the outline: 第二章　管理 or 第十二条 公园应当……"""
    if unit.kind is UnitKind.ARTICLE:
        preview = article_preview(unit)
        label = number.label or _tr("（无编号条）")
        return f"{label} {preview}" if preview else label
    return heading_line(number, unit.heading)


@dataclass(eq=False)
class _Node:
    unit: Unit
    parent: int  # node id of the parent, -1 at the top
    row: int
    text: str
    children: list[int] = field(default_factory=list)


class OutlineModel(QAbstractItemModel):
    """Headings and articles of a draft; paragraphs and items are not shown.

    Nodes live in a flat list; an index's internalId is its node's position + 1.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._by_uid: dict[str, int] = {}
        self._draft: Draft | None = None

    # ---- content ----------------------------------------------------------------------------

    @property
    def draft(self) -> Draft | None:
        """The draft shown, or None."""
        return self._draft

    def set_draft(self, draft: Draft | None) -> None:
        """Show another draft (or nothing)."""
        self.beginResetModel()
        self._draft = draft
        self._nodes, self._top, self._by_uid = [], [], {}
        if draft is not None:
            numbers = compute_numbers(draft)
            self._add(draft.units, -1, self._top, numbers)
        self.endResetModel()

    def _add(
        self, units: list[Unit], parent: int, siblings: list[int], numbers: dict[str, Number]
    ) -> None:
        for unit in units:
            if not (unit.kind.is_heading or unit.kind is UnitKind.ARTICLE):
                continue
            node_id = len(self._nodes)
            self._nodes.append(
                _Node(unit, parent, len(siblings), outline_text(unit, numbers[unit.uid]))
            )
            siblings.append(node_id)
            self._by_uid[unit.uid] = node_id
            if unit.kind.is_heading:
                self._add(unit.children, node_id, self._nodes[node_id].children, numbers)

    def unit_at(self, index: ModelIndex) -> Unit | None:
        """The unit of a row."""
        if not index.isValid():
            return None
        return self._nodes[index.internalId() - 1].unit

    def index_for_uid(self, uid: str) -> QModelIndex:
        """The row of a heading or article, or an invalid index."""
        node_id = self._by_uid.get(uid)
        if node_id is None:
            return QModelIndex()
        return self.createIndex(self._nodes[node_id].row, 0, node_id + 1)

    # ---- QAbstractItemModel -----------------------------------------------------------------

    def _children(self, parent: ModelIndex) -> list[int]:
        if not parent.isValid():
            return self._top
        return self._nodes[parent.internalId() - 1].children

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children(parent)
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row] + 1)

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent_id = self._nodes[index.internalId() - 1].parent
        if parent_id < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent_id].row, 0, parent_id + 1)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and section == 0
        ):
            return _tr("目录")
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text
        if role == Qt.ItemDataRole.ToolTipRole and node.unit.kind is UnitKind.ARTICLE:
            return article_body(node.unit)
        if role == UID_ROLE:
            return node.unit.uid
        if role == KIND_ROLE:
            return node.unit.kind.value
        if role == Qt.ItemDataRole.FontRole and node.unit.kind.is_heading:
            font = QFont()
            font.setBold(True)
            return font
        return None

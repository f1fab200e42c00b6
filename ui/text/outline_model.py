"""The outline (目录) of one draft: 编/分编/章/节 headings and the articles under them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from drafting.model.numbering import Number, article_body, compute_numbers
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.plain_text import heading_line
from ui.shell.model_headers import column_title

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a shared default argument

UID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

#: How many characters of an article's text the outline shows after its number.
PREVIEW_CHARS = 12

#: The mime type of a dragged outline row: the unit's uid.
UNIT_MIME = "application/x-lifa-unit-uid"

#: Moves a unit: (uid, new parent uid or None for the top, index after taking it out) → done.
Mover = Callable[[str, str | None, int], bool]


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
    text: str | None = None  # made when first shown (most rows of 民法典 never are)
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
        self._numbers: dict[str, Number] = {}  # of the draft shown, for rows patched in place
        #: Called on a drop; the model itself never changes the draft (the edit does, then
        #: the window shows the new draft). None: rows cannot be dragged.
        self.mover: Mover | None = None
        #: Comments per article uid (意见 counts, "第一条 (3)"); kept across set_draft.
        self.comment_counts: dict[str, int] = {}

    # ---- content ----------------------------------------------------------------------------

    @property
    def draft(self) -> Draft | None:
        """The draft shown, or None."""
        return self._draft

    def set_draft(self, draft: Draft | None, numbers: dict[str, Number] | None = None) -> None:
        """Show another draft (or nothing); ``numbers`` saves computing them again."""
        self.beginResetModel()
        self._build(draft, numbers)
        self.endResetModel()

    def _build(self, draft: Draft | None, numbers: dict[str, Number] | None) -> None:
        self._draft = draft
        self._nodes, self._top, self._by_uid = [], [], {}
        self._numbers = {}
        if draft is not None:
            numbers = numbers if numbers is not None else compute_numbers(draft)
            self._numbers = numbers
            self._add(draft.units, -1, self._top)

    def restructure(self, draft: Draft, numbers: dict[str, Number]) -> list[str]:
        """Units came, went or moved in the draft shown: the rows follow without a reset, so
        the view keeps what is expanded, selected and scrolled to (rows of units still there
        keep their place in the view's state). Returns the headings that are new rows.
        """
        old_uids = [node.unit.uid for node in self._nodes]
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [
            old_uids[index.internalId() - 1] if index.isValid() else None for index in persistent
        ]
        self._build(draft, numbers)
        moved: list[QModelIndex] = []
        for uid in held:
            node_id = self._by_uid.get(uid) if uid is not None else None
            if node_id is None:
                moved.append(QModelIndex())
            else:
                moved.append(self.createIndex(self._nodes[node_id].row, 0, node_id + 1))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        before = set(old_uids)
        return [
            n.unit.uid for n in self._nodes if n.unit.kind.is_heading and n.unit.uid not in before
        ]

    def apply_edit(
        self,
        ctx: Context,
        numbers: dict[str, Number],
        inserted: Sequence[str],
        removed: Sequence[str],
        moved: Sequence[str],
    ) -> list[str] | None:
        """Units came or went (an insert, a delete, their undo): insert or remove just those
        rows, so the view lays out only them; every row's words follow the new numbers.
        ``ctx``: positions of the draft shown, after the edit. None (nothing changed) when
        the edit moved units: then ``restructure``. Returns the headings that are new rows.
        """
        draft = ctx.draft
        if moved or draft is not self._draft:
            return None
        shown = [
            uid
            for uid in inserted
            if uid in ctx.units
            and (ctx.units[uid].kind.is_heading or ctx.units[uid].kind is UnitKind.ARTICLE)
        ]
        if any(uid in self._by_uid for uid in shown):
            return None
        gone = [uid for uid in removed if uid in self._by_uid]
        gone_set = set(gone)
        for uid in gone:
            if uid not in self._by_uid:
                continue  # went with its parent's row
            node = self._nodes[self._by_uid[uid]]
            if node.parent >= 0 and self._nodes[node.parent].unit.uid in gone_set:
                continue  # goes with its parent's row
            parent_index = self._index_of_node(node.parent)
            siblings = self._children(parent_index)
            row = node.row
            self.beginRemoveRows(parent_index, row, row)
            del siblings[row]
            for i in range(row, len(siblings)):
                self._nodes[siblings[i]].row = i
            self._forget(self._by_uid[uid])
            self.endRemoveRows()
        self._numbers = numbers  # rows added below are named from the new numbers
        new_headings: list[str] = []
        shown_set = set(shown)
        for uid in shown:
            unit = ctx.units[uid]
            parent = ctx.parent.get(uid)
            if parent is not None and parent.uid in shown_set:
                continue  # comes with its parent's row
            parent_id = self._by_uid.get(parent.uid, -2) if parent is not None else -1
            if parent_id == -2:
                return new_headings + self.restructure(draft, numbers)
            parent_index = self._index_of_node(parent_id)
            siblings = self._children(parent_index)
            row = sum(
                1
                for sibling in ctx.siblings(uid)[: ctx.position[uid]]
                if sibling.uid in self._by_uid
            )
            self.beginInsertRows(parent_index, row, row)
            node_id = len(self._nodes)
            node = _Node(unit, parent_id, row)
            self._nodes.append(node)
            self._by_uid[uid] = node_id
            siblings.insert(row, node_id)
            for i in range(row + 1, len(siblings)):
                self._nodes[siblings[i]].row = i
            if unit.kind.is_heading:
                self._add(unit.children, node_id, node.children)
                new_headings.extend(u.uid for u in unit.walk() if u.kind.is_heading)
            self.endInsertRows()
        self._renumber(numbers)
        return new_headings

    def _index_of_node(self, node_id: int) -> QModelIndex:
        if node_id < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[node_id].row, 0, node_id + 1)

    def _forget(self, node_id: int) -> None:
        node = self._nodes[node_id]
        self._by_uid.pop(node.unit.uid, None)
        for child in node.children:
            self._forget(child)

    def _renumber(self, numbers: dict[str, Number]) -> None:
        """New numbers: rows are named afresh when next shown; the shown ones repaint."""
        self._numbers = numbers
        for node in self._nodes:
            node.text = None
        if self._top:
            first = self.createIndex(0, 0, self._top[0] + 1)
            last = self.createIndex(len(self._top) - 1, 0, self._top[-1] + 1)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DisplayRole])

    def refresh_texts(self, uids: list[str]) -> None:
        """Words changed in these headings or articles (numbers did not): update their rows."""
        for uid in uids:
            node_id = self._by_uid.get(uid)
            if node_id is None or uid not in self._numbers:
                continue
            node = self._nodes[node_id]
            if node.text is None:
                continue  # never shown: made afresh when it is
            before = node.text
            node.text = None
            if self._text(node) != before:
                index = self.createIndex(node.row, 0, node_id + 1)
                self.dataChanged.emit(index, index)

    def _text(self, node: _Node) -> str:
        if node.text is None:
            node.text = outline_text(node.unit, self._numbers[node.unit.uid])
        return node.text

    def _add(self, units: list[Unit], parent: int, siblings: list[int]) -> None:
        nodes, by_uid = self._nodes, self._by_uid
        for unit in units:
            kind = unit.kind
            heading = kind.is_heading
            if not (heading or kind is UnitKind.ARTICLE):
                continue
            node_id = len(nodes)
            node = _Node(unit, parent, len(siblings))
            nodes.append(node)
            siblings.append(node_id)
            by_uid[unit.uid] = node_id
            if heading:
                self._add(unit.children, node_id, node.children)

    def set_comment_counts(self, counts: dict[str, int]) -> None:
        """Show how many comments each article has (uid → count) after its number."""
        if counts == self.comment_counts:
            return
        self.comment_counts = dict(counts)
        if self._nodes:
            # Every row may change; views repaint what they show.
            self.layoutAboutToBeChanged.emit()
            self.layoutChanged.emit()

    def _with_count(self, node: _Node) -> str:
        text = self._text(node)
        count = self.comment_counts.get(node.unit.uid, 0)
        if not count or node.unit.kind is not UnitKind.ARTICLE:
            return text
        number = self._numbers.get(node.unit.uid)
        label = number.label if number else ""
        if label and text.startswith(label):
            return f"{label} ({count}){text[len(label) :]}"
        return f"{text} ({count})"

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
            # The empty space below the rows takes drops (to the end of the text).
            droppable = self.mover is not None
            return Qt.ItemFlag.ItemIsDropEnabled if droppable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.mover is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # ---- drag and drop (moves through ``mover``) --------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [UNIT_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        unit = self.unit_at(indexes[0]) if indexes else None
        if unit is not None:
            data.setData(UNIT_MIME, unit.uid.encode("ascii"))
        return data

    def drop_target(
        self, data: QMimeData, row: int, parent: ModelIndex
    ) -> tuple[str, str | None, int] | None:
        """Where a drop puts the dragged unit: (uid, parent uid or None, index after taking it
        out), or None when it cannot go there."""
        if self._draft is None or not data.hasFormat(UNIT_MIME):
            return None
        uid = bytes(data.data(UNIT_MIME).data()).decode("ascii")
        moving = self._draft.find(uid)
        holder = self.unit_at(parent)
        if moving is None:
            return None
        if holder is not None and holder.kind is UnitKind.ARTICLE:
            # Dropped onto an article: it goes right after that article.
            row = parent.row() + 1
            parent = self.parent(parent)
            holder = self.unit_at(parent)
        siblings = holder.children if holder is not None else self._draft.units
        if row < 0:
            row = len(siblings)
        for i, unit in enumerate(siblings):
            if unit is moving:
                if i < row:
                    row -= 1  # counted after taking it out
                break
        if holder is not None and any(u is holder for u in moving.walk()):
            return None
        return uid, holder.uid if holder is not None else None, row

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        return self.mover is not None and self.drop_target(data, row, parent) is not None

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: ModelIndex,
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        target = self.drop_target(data, row, parent) if self.mover is not None else None
        if target is None or self.mover is None:
            return False
        return self.mover(*target)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = column_title(("目录",), section, orientation, role)
        return None if title is None else _tr(title)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._with_count(node)
        if role == Qt.ItemDataRole.ToolTipRole and node.unit.kind is UnitKind.ARTICLE:
            # The "(3)" after the number says: 3 条意见 on this article.
            count = self.comment_counts.get(node.unit.uid, 0)
            body = article_body(node.unit)
            return _tr("{0} 条意见").format(count) + "\n" + body if count else body
        if role == UID_ROLE:
            return node.unit.uid
        if role == KIND_ROLE:
            return node.unit.kind.value
        if role == Qt.ItemDataRole.FontRole and node.unit.kind.is_heading:
            font = QFont()
            font.setBold(True)
            return font
        return None

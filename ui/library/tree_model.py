"""The library tree: the office's regulations, each with its versions (working draft first,
then frozen ones), and apart from them one top-level node 参考法规 holding the reference
library (other bodies' regulations, issue 16), grouped by place, each reference one row with
its title, place, date and status in four columns; those facts are edited in place (the model
calls ``edit_reference``, which stores them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from resources.demo import DEMO_SOURCE
from ui.shell.model_headers import column_title

if TYPE_CHECKING:
    from storage.library import RegulationInfo, VersionInfo
    from storage.references import ReferenceInfo

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a shared default argument

#: Custom roles: the storage ids behind a row.
REGULATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VERSION_ID_ROLE = Qt.ItemDataRole.UserRole + 2

#: The columns: the tree itself, then a reference's place, date and status (empty for drafts).
COLUMNS = ("法规库", "地方", "日期", "时效性")
#: The reference fields behind columns 0..3 (as ``storage.references.update_reference`` names
#: them).
REFERENCE_FIELDS = ("title", "place", "date", "status")
#: The top-level node of the references, and the group of references without a place.
REFERENCES_NODE = "参考法规"
NO_PLACE = "地方不详"

#: Stores one corrected fact of a reference: (regulation id, field, value) → None when stored,
#: else the Chinese reason it was not.
ReferenceEditor = Callable[[int, str, Any], "str | None"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("LibraryModel", text)


def _day(value: object) -> str:
    """A date as 2026-11-01, whatever form storage gives it in."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else ""


def version_text(version: VersionInfo) -> str:
    """How a version reads in the tree: 工作稿, or 征求意见稿 · 2026-11-01（已冻结）."""
    label = version.label or version.stage
    if not version.frozen:
        working = _tr("工作稿")
        return working if not label or label == working else f"{working} · {label}"
    day = _day(version.date) or _day(version.created)
    text = f"{label} · {day}" if day else label
    return text + _tr("（已冻结）")


def ordered_versions(versions: Sequence[VersionInfo]) -> list[VersionInfo]:
    """Working drafts first, then frozen versions newest first."""
    working = [v for v in versions if not v.frozen]
    frozen = sorted(
        (v for v in versions if v.frozen), key=lambda v: (v.created, v.id), reverse=True
    )
    return working + frozen


def is_sample(regulation: RegulationInfo) -> bool:
    """A demo regulation (its first text was imported as 示例): named so in the tree."""
    return any(v.source == DEMO_SOURCE for v in regulation.versions)


@dataclass
class _Node:
    """One row: kind ``regulation``/``version`` (the office's drafts), ``references`` (the
    参考法规 node), ``place`` (a group of references) or ``reference``."""

    kind: str
    parent: int  # the parent's node id; 0 is the invisible root
    row: int
    children: list[int] = field(default_factory=list)
    regulation: RegulationInfo | None = None
    version: VersionInfo | None = None
    reference: ReferenceInfo | None = None
    place: str = ""


class LibraryModel(QAbstractItemModel):
    """The office's regulations (a row each, their versions under them), then 参考法规 with
    the references grouped by place.

    Every index carries the id of its node (``internalId``); the nodes are rebuilt on each
    ``set_regulations``, so ``parent()`` and ``index()`` need no search.
    """

    #: An edit of a reference's facts was refused: the Chinese reason.
    edit_refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = [_Node("root", 0, 0)]
        self._by_version: dict[int, int] = {}
        self._by_regulation: dict[int, int] = {}
        #: Stores an edit of a reference's facts; None: the facts are read-only.
        self.edit_reference: ReferenceEditor | None = None

    # ---- content ----------------------------------------------------------------------------

    def set_regulations(
        self,
        regulations: Sequence[RegulationInfo],
        references: Sequence[ReferenceInfo] = (),
    ) -> None:
        """Replace the whole content (after opening a library or importing). ``references``:
        the regulations of ``regulations`` that are references (shown under 参考法规 only)."""
        self.beginResetModel()
        by_id = {r.regulation_id: r for r in references}
        self._nodes = [_Node("root", 0, 0)]
        self._by_version = {}
        self._by_regulation = {}
        drafts = [r for r in regulations if r.id not in by_id]
        for regulation in drafts:
            node = self._add("regulation", 0, regulation=regulation)
            self._by_regulation[regulation.id] = node
            for version in ordered_versions(regulation.versions):
                self._by_version[version.id] = self._add(
                    "version", node, regulation=regulation, version=version
                )
        regulation_of = {r.id: r for r in regulations}
        shown = [r for r in references if r.regulation_id in regulation_of]
        if shown:
            top = self._add("references", 0)
            groups: dict[str, list[ReferenceInfo]] = {}
            for reference in shown:
                groups.setdefault(reference.place or NO_PLACE, []).append(reference)
            for place in sorted(groups, key=lambda p: (p == NO_PLACE, p)):
                group = self._add("place", top, place=place)
                for reference in sorted(
                    groups[place], key=lambda r: (r.date or dt.date.min, r.title), reverse=True
                ):
                    regulation = regulation_of[reference.regulation_id]
                    own = next(
                        (v for v in regulation.versions if v.id == reference.version_id), None
                    )
                    node = self._add(
                        "reference",
                        group,
                        regulation=regulation,
                        version=own,
                        reference=reference,
                    )
                    self._by_regulation[regulation.id] = node
                    if own is not None:
                        self._by_version[own.id] = node
        self.endResetModel()

    def _add(self, kind: str, parent: int, **values: Any) -> int:
        siblings = self._nodes[parent].children
        self._nodes.append(_Node(kind, parent, len(siblings), **values))
        node = len(self._nodes) - 1
        siblings.append(node)
        return node

    def _node(self, index: ModelIndex) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId()]

    def regulation_at(self, index: ModelIndex) -> RegulationInfo | None:
        """The regulation of a row (a version row gives its regulation; a reference row its
        own); None for 参考法规 and a place."""
        node = self._node(index)
        return node.regulation if node is not None else None

    def version_at(self, index: ModelIndex) -> VersionInfo | None:
        """The version of a version row (a reference row: the reference's one version), or
        None for a regulation row, 参考法规 or a place."""
        node = self._node(index)
        return node.version if node is not None else None

    def reference_at(self, index: ModelIndex) -> ReferenceInfo | None:
        """The reference of a reference row, else None."""
        node = self._node(index)
        return node.reference if node is not None else None

    def references_index(self) -> QModelIndex:
        """The 参考法规 node, or an invalid index when the library holds no reference."""
        for node_id in self._nodes[0].children:
            if self._nodes[node_id].kind == "references":
                return self.createIndex(self._nodes[node_id].row, 0, node_id)
        return QModelIndex()

    def has_references(self) -> bool:
        """True when the tree shows references (and so the place/date/status columns)."""
        return self.references_index().isValid()

    def _index_of(self, node_id: int | None, column: int = 0) -> QModelIndex:
        if node_id is None:
            return QModelIndex()
        return self.createIndex(self._nodes[node_id].row, column, node_id)

    def index_for_version(self, version_id: int) -> QModelIndex:
        """The row of a version (or of the reference it is), or an invalid index."""
        return self._index_of(self._by_version.get(version_id))

    def index_for_regulation(self, regulation_id: int) -> QModelIndex:
        """The row of a regulation (or reference), or an invalid index."""
        return self._index_of(self._by_regulation.get(regulation_id))

    # ---- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        holder = self._nodes[parent.internalId()] if parent.isValid() else self._nodes[0]
        if row >= len(holder.children):
            return QModelIndex()
        return self.createIndex(row, column, holder.children[row])

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent == 0:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._nodes[0].children)
        if parent.column() != 0:
            return 0
        return len(self._nodes[parent.internalId()].children)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return len(COLUMNS)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.kind == "reference" and self.edit_reference is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = column_title(COLUMNS, section, orientation, role)
        return None if title is None else _tr(title)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        if role == REGULATION_ID_ROLE:
            return node.regulation.id if node.regulation else None
        if role == VERSION_ID_ROLE:
            return node.version.id if node.version else None
        if node.kind == "reference":
            return self._reference_data(node, index.column(), role)
        if index.column() != 0:
            return None
        if node.kind in ("references", "place"):
            return self._group_data(node, role)
        regulation = node.regulation
        version = node.version
        assert regulation is not None
        if version is None:
            sample = is_sample(regulation)
            if role == Qt.ItemDataRole.DisplayRole:
                return regulation.title + (_tr("（示例）") if sample else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = _tr("{0}（{1} 个稿次）").format(regulation.title, len(regulation.versions))
                if sample:
                    tip += "\n" + _tr("示例法规：供熟悉本程序使用，可以随意修改或删除")
                return tip
            if role == Qt.ItemDataRole.FontRole:
                return _bold()
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return version_text(version)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [version_text(version), _tr("{0} 条").format(version.articles)]
            if version.stage:
                lines.append(_tr("阶段：{0}").format(version.stage))
            if version.note:
                lines.append(version.note)
            return "\n".join(lines)
        return None

    def _group_data(self, node: _Node, role: int) -> Any:
        count = (
            len(node.children)
            if node.kind == "place"
            else sum(len(self._nodes[c].children) for c in node.children)
        )
        name = _tr(REFERENCES_NODE) if node.kind == "references" else node.place
        if node.kind == "place" and node.place == NO_PLACE:
            name = _tr(NO_PLACE)
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr("{0}（{1}）").format(name, count)
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == "references":
            return _tr(
                "其他地方和机关的法规，供查阅、检索和比较（{0} 件），与本单位的草案分开"
            ).format(count)
        if role == Qt.ItemDataRole.FontRole and node.kind == "references":
            return _bold()
        return None

    def _reference_data(self, node: _Node, column: int, role: int) -> Any:
        reference = node.reference
        assert reference is not None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = (
                reference.title,
                reference.place,
                reference.date.isoformat() if reference.date else "",
                reference.status,
            )[column]
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [reference.title]
            if reference.issuer:
                lines.append(_tr("制定机关：{0}").format(reference.issuer))
            facts = " · ".join(
                p
                for p in (
                    reference.place,
                    reference.date.isoformat() if reference.date else "",
                    reference.status,
                )
                if p
            )
            if facts:
                lines.append(facts)
            lines.append(
                _tr("{0} 条；双击可修改标题、地方、日期、时效性").format(reference.articles)
            )
            return "\n".join(lines)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Correct a reference's title, place, date (yyyy-mm-dd) or status; the change is
        stored by ``edit_reference``. False (and ``edit_refused`` with the reason) when it
        is not a valid value or cannot be stored."""
        node = self._node(index)
        if (
            node is None
            or node.kind != "reference"
            or role != Qt.ItemDataRole.EditRole
            or self.edit_reference is None
        ):
            return False
        reference = node.reference
        assert reference is not None
        name = REFERENCE_FIELDS[index.column()]
        text = str(value or "").strip()
        new: Any = text
        if name == "date":
            try:
                new = dt.date.fromisoformat(text)
            except ValueError:
                self.edit_refused.emit(_tr("日期应写作 2019-08-01"))
                return False
        elif not text and name == "title":
            self.edit_refused.emit(_tr("标题不能为空"))
            return False
        if new == getattr(reference, name):
            return False
        reason = self.edit_reference(reference.regulation_id, name, new)
        if reason is not None:
            self.edit_refused.emit(reason)
            return False
        node.reference = dataclasses.replace(reference, **{name: new})
        if name == "title" and node.regulation is not None:
            node.regulation = dataclasses.replace(node.regulation, title=new)
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font

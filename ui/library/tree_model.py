"""The library tree: regulations, each with its versions (working draft first, then frozen ones)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from resources.demo import DEMO_SOURCE
from ui.shell.model_headers import column_title

if TYPE_CHECKING:
    from storage.library import RegulationInfo, VersionInfo

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a shared default argument

#: Custom roles: the storage ids behind a row.
REGULATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VERSION_ID_ROLE = Qt.ItemDataRole.UserRole + 2


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


class LibraryModel(QAbstractItemModel):
    """Two levels: a regulation row per regulation, a version row per version under it.

    A regulation index carries internalId 0; a version index carries its regulation's row + 1,
    so ``parent()`` needs no lookup.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._regulations: list[RegulationInfo] = []
        self._versions: list[list[VersionInfo]] = []

    # ---- content ----------------------------------------------------------------------------

    def set_regulations(self, regulations: Sequence[RegulationInfo]) -> None:
        """Replace the whole content (after opening a library or importing)."""
        self.beginResetModel()
        self._regulations = list(regulations)
        self._versions = [ordered_versions(r.versions) for r in self._regulations]
        self.endResetModel()

    def regulation_at(self, index: ModelIndex) -> RegulationInfo | None:
        """The regulation of a row (a version row gives its regulation)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._regulations[row]

    def version_at(self, index: ModelIndex) -> VersionInfo | None:
        """The version of a version row, or None for a regulation row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._versions[index.internalId() - 1][index.row()]

    def index_for_version(self, version_id: int) -> QModelIndex:
        """The row of a version, or an invalid index."""
        for r, versions in enumerate(self._versions):
            for v, version in enumerate(versions):
                if version.id == version_id:
                    return self.createIndex(v, 0, r + 1)
        return QModelIndex()

    def index_for_regulation(self, regulation_id: int) -> QModelIndex:
        """The row of a regulation, or an invalid index."""
        for r, regulation in enumerate(self._regulations):
            if regulation.id == regulation_id:
                return self.createIndex(r, 0, 0)
        return QModelIndex()

    # ---- QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self._regulations):
                return self.createIndex(row, 0, 0)
            return QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        if row < len(self._versions[parent.row()]):
            return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._regulations)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._versions[parent.row()])

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 1

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = column_title(("法规库",), section, orientation, role)
        return None if title is None else _tr(title)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        regulation = self.regulation_at(index)
        version = self.version_at(index)
        assert regulation is not None
        if role == REGULATION_ID_ROLE:
            return regulation.id
        if role == VERSION_ID_ROLE:
            return version.id if version else None
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
                font = QFont()
                font.setBold(True)
                return font
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

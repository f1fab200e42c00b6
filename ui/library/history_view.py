"""The 历史 side tab: every version (稿次) of the selected regulation, with where it came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.library.tree_model import ordered_versions

if TYPE_CHECKING:
    from storage.library import RegulationInfo, VersionInfo

#: Columns of the list, left to right.
COLUMNS = ("稿次", "阶段", "日期", "状态", "条数", "来源", "说明")
#: The role holding a row's version id.
VERSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def version_date(version: VersionInfo) -> str:
    """The version's official date, else the day it was made (local to the library: UTC)."""
    day = version.date or version.created.date()
    return day.isoformat()


def origin_text(version: VersionInfo, by_id: dict[int, VersionInfo]) -> str:
    """由“一审稿”生成, or 导入 for a first version (its parent gone or never there)."""
    parent = by_id.get(version.parent_id) if version.parent_id is not None else None
    if parent is None:
        return "导入" if version.parent_id is None else ""
    return f"由“{parent.label}”生成"


class HistoryView(QWidget):
    """Lists a regulation's versions, working drafts first; double-click opens one."""

    #: The id of the version the user asked to open.
    version_activated = Signal(int)
    #: The id of the version to compare with the version it was made from.
    compare_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_view")
        self._regulation: RegulationInfo | None = None
        self.title_label = QLabel()
        self.title_label.setObjectName("history_title")
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.tree = QTreeWidget()
        self.tree.setObjectName("history_tree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("history_detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compare_button = QPushButton(self.tr("与上一稿次比较"))
        self.compare_button.setObjectName("history_compare")
        self.compare_button.setToolTip(self.tr("把选中的稿次与它所由生成的稿次逐条比较"))
        self.compare_button.setEnabled(False)
        self.compare_button.clicked.connect(self._on_compare)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail_label)
        layout.addLayout(buttons)
        # Activation is a double-click (or Enter): itemDoubleClicked as well would open twice.
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.currentItemChanged.connect(self._on_current)
        self.set_regulation(None)

    @property
    def regulation(self) -> RegulationInfo | None:
        """The regulation listed, or None."""
        return self._regulation

    def set_regulation(
        self, regulation: RegulationInfo | None, current_version: int | None = None
    ) -> None:
        """List a regulation's versions and mark the one shown in the reading pane."""
        if regulation is not None and regulation == self._regulation:
            # Nothing changed but the version shown: keep the rows (and the scroll position);
            # this also runs from inside a double-click on a row, which must not be deleted.
            self._mark_current(current_version)
            return
        self._regulation = regulation
        self.tree.clear()
        if regulation is None:
            self.title_label.setText(self.tr("（未选择法规）"))
            self.detail_label.setText("")
            return
        self.title_label.setText(
            self.tr("{0}：{1} 个稿次").format(regulation.title, len(regulation.versions))
        )
        by_id = {v.id: v for v in regulation.versions}
        for version in ordered_versions(regulation.versions):
            item = QTreeWidgetItem(
                [
                    version.label,
                    version.stage,
                    version_date(version),
                    self.tr("已冻结") if version.frozen else self.tr("可修改"),
                    str(version.articles),
                    origin_text(version, by_id),
                    version.note.replace("\n", " "),
                ]
            )
            item.setData(0, VERSION_ID_ROLE, version.id)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, self._tooltip(version, by_id))
            if not version.frozen:
                item.setForeground(3, QBrush(QColor(0, 110, 50)))
            self.tree.addTopLevelItem(item)
        self._mark_current(current_version)

    def show_articles(self, version_id: int, articles: int) -> None:
        """The working version's article count as it is now in the window (the stored count
        follows at the next save; the row must not lag behind the text)."""
        item = self.item_for(version_id)
        if item is not None:
            item.setText(4, str(articles))

    def _mark_current(self, version_id: int | None) -> None:
        """Bold the row of the version shown and make it current."""
        shown: QTreeWidgetItem | None = None
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is None:
                continue
            is_shown = item.data(0, VERSION_ID_ROLE) == version_id
            font = QFont(self.tree.font())
            font.setBold(is_shown)
            for column in range(len(COLUMNS)):
                item.setFont(column, font)
            if is_shown:
                shown = item
        if shown is not None:
            self.tree.setCurrentItem(shown)
        else:
            self.tree.setCurrentIndex(QModelIndex())
            self.detail_label.setText("")

    def version_ids(self) -> list[int]:
        """The listed versions' ids, top to bottom."""
        items = (self.tree.topLevelItem(row) for row in range(self.tree.topLevelItemCount()))
        return [int(item.data(0, VERSION_ID_ROLE)) for item in items if item is not None]

    def item_for(self, version_id: int) -> QTreeWidgetItem | None:
        """The row of a version, or None."""
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None and item.data(0, VERSION_ID_ROLE) == version_id:
                return item
        return None

    def _version(self, item: QTreeWidgetItem | None) -> VersionInfo | None:
        if item is None or self._regulation is None:
            return None
        version_id = item.data(0, VERSION_ID_ROLE)
        return next((v for v in self._regulation.versions if v.id == version_id), None)

    def _tooltip(self, version: VersionInfo, by_id: dict[int, VersionInfo]) -> str:
        lines = [
            version.label + (self.tr("（已冻结，只读）") if version.frozen else ""),
            self.tr("阶段：{0}").format(version.stage or self.tr("（未填）")),
            self.tr("日期：{0}").format(version_date(version)),
            self.tr("{0} 条").format(version.articles),
        ]
        origin = origin_text(version, by_id)
        if origin:
            lines.append(origin)
        if version.note:
            lines.append(self.tr("说明：{0}").format(version.note))
        return "\n".join(lines)

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        version = self._version(current)
        if version is None or self._regulation is None:
            self.detail_label.setText("")
            self.compare_button.setEnabled(False)
            return
        by_id = {v.id: v for v in self._regulation.versions}
        self.compare_button.setEnabled(version.parent_id in by_id)
        self.detail_label.setText(self._tooltip(version, by_id).replace("\n", " · "))

    def _on_compare(self) -> None:
        version = self._version(self.tree.currentItem())
        if version is not None:
            self.compare_requested.emit(version.id)

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        version_id = item.data(0, VERSION_ID_ROLE)
        if version_id is not None:
            self.version_activated.emit(int(version_id))

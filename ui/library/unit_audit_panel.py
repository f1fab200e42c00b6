"""The 修改记录 side tab: who changed the article under the cursor (its 款, 项 and 目 too) and
who made, froze or deleted the regulation's versions, and when — newest first (storage's audit
trail, ``Library.history``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from storage.unit_audit import AuditEntry

#: Columns of the list, left to right.
COLUMNS = ("时间", "修改人", "操作", "稿次", "条文")


def when(entry: AuditEntry) -> str:
    """Local time of the record: one time, or first–last for a run of saves."""
    first = entry.at.astimezone().strftime("%Y-%m-%d %H:%M")
    last = entry.last_at.astimezone().strftime("%H:%M")
    return first if first.endswith(last) else f"{first}–{last}"


class UnitAuditPanel(QWidget):
    """A heading (the article shown) and the records, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unit_audit_panel")
        self.heading = QLabel()
        self.heading.setObjectName("unit_audit_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("QLabel { font-weight: bold; padding: 2px 4px; }")
        self.tree = QTreeWidget()
        self.tree.setObjectName("unit_audit_tree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr(c) for c in COLUMNS])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        self.show_entries(None, [], {})

    def show_entries(
        self, title: str | None, entries: list[AuditEntry], labels: dict[str, str]
    ) -> None:
        """List the records (any order given; shown newest first). ``labels``: uid → 第三条第二款
        for the units of the article shown; version events name no unit."""
        self.tree.clear()
        if title is None:
            self.heading.setText(self.tr("（未选择条文）"))
            return
        self.heading.setText(self.tr("{0}的修改记录：{1} 条").format(title, len(entries)))
        for entry in sorted(entries, key=lambda e: e.last_at, reverse=True):
            unit = (
                labels.get(entry.unit_uid or "", "") if entry.unit_uid else self.tr("（整个稿次）")
            )
            action = entry.action_text + (f"（{entry.detail}）" if entry.detail else "")
            item = QTreeWidgetItem([when(entry), entry.by, action, entry.version_label, unit])
            self.tree.addTopLevelItem(item)

    def rows(self) -> list[list[str]]:
        """The rows as shown (for tests and copying)."""
        out = []
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            if item is not None:
                out.append([item.text(c) for c in range(len(COLUMNS))])
        return out

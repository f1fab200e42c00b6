"""The 检查 side tab: the drafting checks' findings as a table, with jump and certain fixes.

The panel runs ``run_checks`` itself, debounced after edits (about 50–90 ms on 民法典), and asks
the window (through signals) to jump to a finding or to apply fixes as undoable edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from drafting.edit.checks import ERROR, INFO, RULES, WARNING, Finding, run_checks
from drafting.model.positions import Context
from drafting.model.references import ReferenceIndex
from drafting.model.units import Draft
from ui.shell.flow_layout import FlowLayout
from ui.shell.model_headers import column_title

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

SEVERITY_TEXT = {ERROR: "错误", WARNING: "警告", INFO: "提示"}
SEVERITY_MARK = {ERROR: "✖", WARNING: "▲", INFO: "ℹ"}
SEVERITY_COLOUR = {ERROR: "#c62828", WARNING: "#b26a00", INFO: "#1565c0"}
HEADERS = ("级别", "位置", "说明", "规则")

#: Wait this long after the last edit before checking again (ms).
CHECK_DELAY_MS = 400


class FindingsModel(QAbstractTableModel):
    """Findings as rows: severity, place (第十二条), message, rule id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        """Show another list of findings."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        """The findings shown, in order."""
        return list(self._findings)

    def finding_at(self, index: ModelIndex) -> Finding | None:
        """The finding of a row."""
        if not index.isValid() or index.row() >= len(self._findings):
            return None
        return self._findings[index.row()]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        title = column_title(HEADERS, section, orientation, role)
        return None if title is None else self.tr(title)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        finding = self.finding_at(index)
        if finding is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{SEVERITY_MARK.get(finding.severity, '')} " + self.tr(
                    SEVERITY_TEXT.get(finding.severity, finding.severity)
                )
            if column == 1:
                return finding.article or self.tr("全文")
            if column == 2:
                return finding.message + (self.tr("（可修正）") if finding.fix is not None else "")
            return finding.rule
        if role == Qt.ItemDataRole.ForegroundRole and column == 0:
            return QColor(SEVERITY_COLOUR.get(finding.severity, "#000000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            rule = RULES.get(finding.rule)
            return rule.explanation if rule is not None else finding.message
        return None


class ChecksPanel(QWidget):
    """The 检查 tab: findings table, the rule's explanation, 修正 and 全部修正."""

    #: Double-click: go to the finding's unit and select its words.
    jump_requested = Signal(object)  # Finding
    #: 修正 on one finding.
    fix_requested = Signal(object)  # Finding
    #: 全部修正（可确定的）: every finding with a certain fix, as one undo step.
    fix_all_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checks_panel")
        self.model = FindingsModel(self)
        self.table = QTableView()
        self.table.setObjectName("checks_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel()
        self.summary.setObjectName("checks_summary")
        self.detail = QLabel()
        self.detail.setObjectName("checks_detail")
        self.detail.setWordWrap(True)
        self.detail.setStyleSheet("QLabel { color: #444; padding: 4px; }")
        self.fix_button = QPushButton(self.tr("修正"))
        self.fix_button.setObjectName("checks_fix")
        self.fix_all_button = QPushButton(self.tr("全部修正（可确定的）"))
        self.fix_all_button.setObjectName("checks_fix_all")
        # The counts on a line of their own (wrapped) and the buttons wrapping onto a second row:
        # in a narrow side panel one row squeezed them until their words were cut.
        self.summary.setWordWrap(True)
        buttons = FlowLayout(spacing=4)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        #: Where the text to check comes from: (draft, its references). The window binds it to
        #: the workspace, so the panel never holds a draft of its own.
        self.source: Callable[[], tuple[Draft | None, ReferenceIndex | None]] = lambda: (
            None,
            None,
        )
        #: Positions of that text as it is, when known (saves a walk of the draft).
        self.context: Callable[[], Context | None] = lambda: None
        self._shown = False  # a draft was checked (the table is about one)
        self._read_only = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_DELAY_MS)
        self.timer.timeout.connect(self.run_now)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.fix_button.clicked.connect(self._on_fix)
        self.fix_all_button.clicked.connect(self._on_fix_all)
        self._update_buttons()

    # ---- running ----------------------------------------------------------------------------

    def set_draft(
        self, draft: Draft | None, index: ReferenceIndex | None = None, *, read_only: bool = False
    ) -> None:
        """Check a given draft now (None clears the table)."""
        self.source = lambda: (draft, index)
        self.reload(read_only=read_only)

    def reload(self, *, read_only: bool) -> None:
        """Another text came from ``source``: check it now."""
        self._read_only = read_only
        self.timer.stop()
        self.run_now()

    def set_read_only(self, read_only: bool) -> None:
        """Fixes are offered only in a working draft."""
        self._read_only = read_only
        self._update_buttons()

    def schedule(self) -> None:
        """Check again a moment after the last edit."""
        self.timer.start()

    def run_now(self) -> list[Finding]:
        """Run every check now and show the findings."""
        self.timer.stop()
        draft, index = self.source()
        self._shown = draft is not None
        findings = run_checks(draft, index=index, ctx=self.context()) if draft is not None else []
        self.model.set_findings(findings)
        fixable = sum(1 for f in findings if f.fix is not None)
        counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_TEXT}
        if draft is None:
            self.summary.setText("")
        elif not findings:
            self.summary.setText(self.tr("未发现问题"))
        else:
            self.summary.setText(
                self.tr("错误 {0} · 警告 {1} · 提示 {2}（可修正 {3}）").format(
                    counts[ERROR], counts[WARNING], counts[INFO], fixable
                )
            )
        self.detail.setText("")
        self._update_buttons()
        return findings

    # ---- actions ----------------------------------------------------------------------------

    def current_finding(self) -> Finding | None:
        """The selected finding, or None."""
        return self.model.finding_at(self.table.currentIndex())

    def select_row(self, row: int) -> None:
        """Select a finding by row (tests, keyboard)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.model.finding_at(current)
        if finding is None:
            self.detail.setText("")
        else:
            rule = RULES.get(finding.rule)
            explanation = rule.explanation if rule is not None else ""
            fix = self.tr("可修正为“{0}”。").format(finding.fix) if finding.fix is not None else ""
            self.detail.setText(
                self.tr("{0}（{1}）：{2}{3}").format(
                    finding.rule, explanation, finding.message.rstrip("。") + "。", fix
                )
            )
        self._update_buttons()

    def _on_double_click(self, index: QModelIndex) -> None:
        finding = self.model.finding_at(index)
        if finding is not None:
            self.jump_requested.emit(finding)

    def _on_fix(self) -> None:
        finding = self.current_finding()
        if finding is not None and finding.fix is not None:
            self.fix_requested.emit(finding)

    def _on_fix_all(self) -> None:
        fixable = [f for f in self.model.findings() if f.fix is not None]
        if fixable:
            self.fix_all_requested.emit(fixable)

    def _update_buttons(self) -> None:
        finding = self.current_finding()
        working = not self._read_only and self._shown
        self.fix_button.setEnabled(working and finding is not None and finding.fix is not None)
        self.fix_all_button.setEnabled(
            working and any(f.fix is not None for f in self.model.findings())
        )

"""应用修改决定 — the result: what applied, what failed and why, the warnings, and the choice
保存为新稿次 / 取消.

The dialog only shows an ``AmendOutcome`` (drafting.amend.target) and returns the choice; the
controller stores the version. 保存为新稿次 is the default only when every item applied and
the decision names this regulation; otherwise 取消 is, and a decision for another regulation
is said in red above the lists and asked again on saving.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from drafting.amend.target import AmendOutcome

#: A clause longer than this is cut in the list (the whole clause is its tooltip): a rewritten
#: article runs to hundreds of characters.
CLAUSE_CHARS = 160


def _cut(clause: str) -> str:
    one_line = clause.replace("\n", " ")
    return one_line if len(one_line) <= CLAUSE_CHARS else one_line[: CLAUSE_CHARS - 1] + "…"


class AmendResultDialog(QDialog):
    """The outcome of a decision applied to a version: 未能执行 (with reasons) and 已执行 lists."""

    def __init__(
        self,
        outcome: AmendOutcome,
        version_name: str,
        decision_name: str,
        parent: QWidget | None = None,
    ) -> None:
        """``version_name``: 《title》「label」 of the version the decision was applied to;
        ``decision_name``: the decision file's name."""
        super().__init__(parent)
        self.setObjectName("amend_result_dialog")
        self.setWindowTitle(self.tr("应用修改决定 — {0}").format(decision_name))
        self.outcome = outcome
        self.resize(760, 560)
        applied, failed = len(outcome.applied), len(outcome.failed)
        summary = QLabel(
            self.tr("按修改决定“{0}”修改{1}：{2} 项已执行，{3} 项未能执行。").format(
                decision_name, version_name, applied, failed
            ),
            self,
        )
        summary.setObjectName("amend_summary")
        summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)

        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("amend_warnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_label.setText("\n".join(outcome.warnings))
        self.warning_label.setStyleSheet(
            "QLabel { background: #fdecea; color: #8a1f11; border: 1px solid #e7b3ab;"
            " padding: 6px; }"
            if outcome.other_regulation or outcome.nothing_applied or outcome.looks_applied
            else "QLabel { background: #fdf3d6; color: #6b4e00; border: 1px solid #e6d3a0;"
            " padding: 6px; }"
        )
        self.warning_label.setVisible(bool(outcome.warnings))
        layout.addWidget(self.warning_label)

        self.tabs = QTabWidget(self)
        self.failed_list = self._list("failed_list")
        for clause, reason in outcome.failed:
            item = QListWidgetItem(self.tr("{0}\n    原因：{1}").format(_cut(clause), reason))
            item.setToolTip(clause)
            self.failed_list.addItem(item)
        self.applied_list = self._list("applied_list")
        for clause in outcome.applied:
            item = QListWidgetItem(_cut(clause))
            item.setToolTip(clause)
            self.applied_list.addItem(item)
        self.tabs.addTab(self.failed_list, self.tr("未能执行（{0}）").format(failed))
        self.tabs.addTab(self.applied_list, self.tr("已执行（{0}）").format(applied))
        self.tabs.setCurrentWidget(self.failed_list if failed else self.applied_list)
        layout.addWidget(self.tabs, 1)

        hint = QLabel(
            self.tr(
                "保存后成为本法规的新工作稿，条文标识随原稿次保留，稿次说明写明所据的修改决定；"
                "不需要时可用“稿次 → 删除工作稿”删除。"
            )
            if not outcome.nothing_applied
            else self.tr("修改决定没有改变稿次的任何内容，没有可以保存的新稿次。")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("保存为新稿次"), self)
        self.save_button.setObjectName("save_version_button")
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setObjectName("cancel_button")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setEnabled(not outcome.nothing_applied)
        clean = (
            not failed
            and not outcome.other_regulation
            and not outcome.nothing_applied
            and not outcome.looks_applied
        )
        self.save_button.setAutoDefault(clean)
        self.save_button.setDefault(clean)
        self.cancel_button.setAutoDefault(not clean)
        self.cancel_button.setDefault(not clean)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.save_button if clean else self.cancel_button).setFocus()

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        widget.setWordWrap(True)
        widget.setAlternatingRowColors(True)
        widget.setSpacing(3)  # items of several lines stay apart
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return widget

    def _save(self) -> None:
        """保存为新稿次: asked again when the decision names another regulation or looks
        applied to this version already (G14)."""
        if self.outcome.other_regulation:
            answer = QMessageBox.question(
                self,
                self.tr("修改决定不是本法规的"),
                self.tr("{0}\n\n仍要保存为本法规的新稿次吗？").format(self.outcome.warnings[0]),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.outcome.looks_applied:
            # G14: a decision applied a second time duplicates articles; saved only on a
            # deliberate 是 (the default is 否), as ``amend --regulation`` needs --force.
            answer = QMessageBox.question(
                self,
                self.tr("修改决定似已执行过"),
                self.tr("{0}\n\n仍要保存为新稿次吗？").format(
                    next(w for w in self.outcome.warnings if "似已执行过" in w)
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.accept()

    @classmethod
    def choose(
        cls, outcome: AmendOutcome, version_name: str, decision_name: str, parent: QWidget | None
    ) -> bool:
        """Show the dialog; True when the drafter chose 保存为新稿次."""
        dialog = cls(outcome, version_name, decision_name, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

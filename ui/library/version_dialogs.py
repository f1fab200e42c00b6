"""Dialogs for versions (稿次) and regulations: freeze, version properties, rename.

Each dialog only gathers data: ``get_data(parent, …)`` returns ``(data, accepted)`` and the
caller does the library work, so tests replace ``get_data`` instead of driving a modal dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from drafting.model.stage_labels import (
    LABEL_STAGE,
    LABELS,
    STAGES,
    stage_for_label,
    suggested_label,
)
from ui.shell.dialog_buttons import ok_cancel_buttons


@dataclass(frozen=True)
class FreezeData:
    """What the drafter chose when freezing a working draft."""

    label: str
    stage: str
    date: dt.date
    note: str
    continue_working: bool  # make a new working draft from the frozen version


@dataclass(frozen=True)
class VersionProperties:
    """The editable properties of a working draft."""

    label: str
    stage: str
    note: str


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _stage_combo(stage: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(list(STAGES))
    combo.setCurrentText(stage)
    return combo


class FreezeVersionDialog(QDialog):
    """冻结为稿次: label, stage, date and note of the version, and whether to go on working."""

    def __init__(
        self,
        title: str,
        frozen_labels: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("freeze_version_dialog")
        self.setWindowTitle(self.tr("冻结为稿次"))
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr("把《{0}》的工作稿冻结为正式稿次。冻结后的稿次不能再修改。").format(title)
        )
        intro.setWordWrap(True)

        self.label_combo = QComboBox()
        self.label_combo.setObjectName("label_combo")
        self.label_combo.setEditable(True)
        self.label_combo.addItems(list(LABELS))
        label = suggested_label(frozen_labels)
        self.label_combo.setCurrentText(label)
        self.stage_combo = _stage_combo(LABEL_STAGE.get(label, ""))
        self.stage_combo.setObjectName("stage_combo")
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("date_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setPlaceholderText(self.tr("如：发各区县人民政府、市政府各部门征求意见"))
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.continue_box = QCheckBox(self.tr("冻结后新建工作稿（在冻结稿次的基础上继续修改）"))
        self.continue_box.setObjectName("continue_box")
        self.continue_box.setChecked(True)
        self.label_combo.currentTextChanged.connect(self._on_label)

        form = QFormLayout()
        form.addRow(self.tr("稿次名称："), self.label_combo)
        form.addRow(self.tr("立法阶段："), self.stage_combo)
        form.addRow(self.tr("日期："), self.date_edit)
        form.addRow(self.tr("说明："), self.note_edit)
        self.buttons = ok_cancel_buttons(self, self.tr("冻结"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.continue_box)
        layout.addWidget(self.buttons)
        self.label_combo.editTextChanged.connect(self._update_ok)

    def _on_label(self, label: str) -> None:
        # Follow the label with its usual stage, unless the drafter typed a stage of their own.
        self.stage_combo.setCurrentText(stage_for_label(label, self.stage_combo.currentText()))

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.label_combo.currentText().strip()))

    def data(self) -> FreezeData:
        """The choices as they stand."""
        return FreezeData(
            label=self.label_combo.currentText().strip(),
            stage=self.stage_combo.currentText().strip(),
            date=_to_date(self.date_edit.date()),
            note=self.note_edit.toPlainText().strip(),
            continue_working=self.continue_box.isChecked(),
        )

    @classmethod
    def get_data(
        cls, parent: QWidget | None, title: str, frozen_labels: Sequence[str] = ()
    ) -> tuple[FreezeData, bool]:
        """Show the dialog; the choices and whether the drafter pressed 冻结."""
        dialog = cls(title, frozen_labels, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.data(), accepted


class VersionPropertiesDialog(QDialog):
    """稿次属性: label, stage and note of a working draft."""

    def __init__(self, current: VersionProperties, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("version_properties_dialog")
        self.setWindowTitle(self.tr("稿次属性"))
        self.setMinimumWidth(400)
        self.label_edit = QLineEdit(current.label)
        self.label_edit.setObjectName("label_edit")
        self.stage_combo = _stage_combo(current.stage)
        self.stage_combo.setObjectName("stage_combo")
        self.note_edit = QPlainTextEdit(current.note)
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form = QFormLayout()
        form.addRow(self.tr("稿次名称："), self.label_edit)
        form.addRow(self.tr("立法阶段："), self.stage_combo)
        form.addRow(self.tr("说明："), self.note_edit)
        self.buttons = ok_cancel_buttons(self, self.tr("确定"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.label_edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )

    def data(self) -> VersionProperties:
        """The properties as they stand."""
        return VersionProperties(
            label=self.label_edit.text().strip(),
            stage=self.stage_combo.currentText().strip(),
            note=self.note_edit.toPlainText().strip(),
        )

    @classmethod
    def get_data(
        cls, parent: QWidget | None, current: VersionProperties
    ) -> tuple[VersionProperties, bool]:
        """Show the dialog; the properties and whether the drafter pressed 确定."""
        dialog = cls(current, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.data(), accepted


class RenameRegulationDialog(QDialog):
    """重命名法规: the regulation's new name."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rename_regulation_dialog")
        self.setWindowTitle(self.tr("重命名法规"))
        self.setMinimumWidth(420)
        self.title_edit = QLineEdit(title)
        self.title_edit.setObjectName("title_edit")
        self.title_edit.selectAll()
        hint = QLabel(self.tr("只改法规库中的名称；各稿次正文中的标题不变。"))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("法规名称："), self.title_edit)
        self.buttons = ok_cancel_buttons(self, self.tr("确定"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.title_edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
                bool(text.strip())
            )
        )

    @classmethod
    def get_data(cls, parent: QWidget | None, title: str) -> tuple[str, bool]:
        """Show the dialog; the new name and whether the drafter pressed 确定."""
        dialog = cls(title, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.title_edit.text().strip(), accepted

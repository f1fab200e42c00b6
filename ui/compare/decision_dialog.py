"""起草修改决定: the drafted text of a 修改决定 in an editable box, to copy or save as .docx.

The dialog is not modal, so the drafter can keep reading the comparison while editing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.compare.decision import LOCAL, NATIONAL
from drafting.write.decision_docx import decision_docx, decision_title
from ui.output.export_controller import ask_save_path, run_writer, safe_file_name
from ui.shell.fonts import Role, house_font


class AmendmentDecisionDialog(QDialog):
    """The text of a 修改决定, editable; 复制 puts it on the clipboard, 保存为 .docx writes it."""

    #: A .docx was written (its path).
    saved = Signal(Path)

    def __init__(
        self,
        text: str,
        title: str = "",
        parent: QWidget | None = None,
        redraft: Callable[[str], str] | None = None,
    ) -> None:
        """``redraft(level)``: the text drafted again in national or local wording (the 施行
        and 重新公布 clause); without it the wording cannot be switched."""
        super().__init__(parent)
        self.setObjectName("amendment_decision_dialog")
        self._title = title
        self._redraft = redraft
        self.setWindowTitle(self.tr("起草修改决定 — {0}").format(decision_title(text, title)))
        self.resize(760, 640)
        hint = QLabel(
            self.tr("以下是根据比较结果起草的修改决定条文，请核对、修改后复制或保存为 Word 文档。")
        )
        hint.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("decision_editor")
        self.editor.setPlainText(text)
        font = QFont(house_font(Role.BODY, 0.75))
        self.editor.setFont(font)
        self.status = QLabel(self)
        self.status.setObjectName("decision_status")
        self.copy_button = QPushButton(self.tr("复制"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setToolTip(self.tr("把修改决定的全文复制到剪贴板"))
        self.save_button = QPushButton(self.tr("保存为 .docx…"), self)
        self.save_button.setObjectName("save_button")
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(lambda: self.save())
        self.close_button.clicked.connect(self.close)
        # National (全国人大常委会) or local (市人大常委会) wording of the closing clause.
        self.level = QComboBox(self)
        self.level.setObjectName("decision_level")
        self.level.addItem(self.tr("全国人大常委会用语"), NATIONAL)
        self.level.addItem(self.tr("地方人大常委会用语"), LOCAL)
        self.level.setToolTip(self.tr("决定末尾施行日期和重新公布的用语"))
        self.level.setEnabled(redraft is not None)
        self.level.currentIndexChanged.connect(self._level_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.level)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

    def _level_changed(self) -> None:
        """Draft the text again in the chosen wording, asking first if it was edited."""
        if self._redraft is None:
            return
        if self.editor.document().isModified():
            answer = QMessageBox.question(
                self,
                self.tr("重新起草"),
                self.tr("换用另一种用语将重新起草全文，已作的修改会丢失。继续吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.level.blockSignals(True)
                self.level.setCurrentIndex(1 - self.level.currentIndex())
                self.level.blockSignals(False)
                return
        self.editor.setPlainText(self._redraft(str(self.level.currentData())))
        self.editor.document().setModified(False)

    def text(self) -> str:
        """The text as edited."""
        return self.editor.toPlainText()

    def copy(self) -> None:
        """复制: the whole text to the clipboard."""
        QApplication.clipboard().setText(self.text())
        self.status.setText(self.tr("已复制到剪贴板"))

    def save(self, path: Path | None = None) -> Path | None:
        """保存为 .docx…: the edited text as a house-style document; the path or None."""
        text = self.text()
        title = decision_title(text, self._title)
        if path is None:
            name = safe_file_name(title) + ".docx"
            path = ask_save_path(self, self.tr("保存修改决定"), name, self.tr("Word 文档 (*.docx)"))
        if path is None:
            return None
        if not run_writer(self, path, lambda p: decision_docx(text, p, title=self._title)):
            return None
        self.status.setText(self.tr("已保存：{0}").format(path))
        self.saved.emit(path)
        return path


def show_decision(
    text: str,
    title: str,
    parent: QWidget | None,
    redraft: Callable[[str], str] | None = None,
) -> AmendmentDecisionDialog:
    """Open the dialog, not modal, deleted when closed; returns it."""
    dialog = AmendmentDecisionDialog(text, title, parent, redraft)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

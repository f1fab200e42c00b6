"""起草修改决定: the drafted text of a 修改决定 in an editable box, to copy or save as .docx.

The dialog is not modal, so the drafter can keep reading the comparison while editing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafting.write.decision_docx import decision_docx, decision_title
from ui.output.export_controller import ask_save_path, run_writer, safe_file_name
from ui.shell.fonts import Role, house_font


class AmendmentDecisionDialog(QDialog):
    """The text of a 修改决定, editable; 复制 puts it on the clipboard, 保存为 .docx writes it."""

    #: A .docx was written (its path).
    saved = Signal(Path)

    def __init__(self, text: str, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("amendment_decision_dialog")
        self._title = title
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
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

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


def show_decision(text: str, title: str, parent: QWidget | None) -> AmendmentDecisionDialog:
    """Open the dialog, not modal, deleted when closed; returns it."""
    dialog = AmendmentDecisionDialog(text, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

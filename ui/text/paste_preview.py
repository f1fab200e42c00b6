"""粘贴预览: what a paste of several paragraphs will create, to confirm (确定) or not (取消)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from drafting.edit.paste import PastePlan
from ui.shell.dialog_buttons import ok_cancel_buttons


class PastePreviewDialog(QDialog):
    """Lists the units a paste creates and where they go."""

    def __init__(self, plan: PastePlan, place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paste_preview")
        self.setWindowTitle(self.tr("粘贴为条文"))
        self.resize(520, 320)
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("将在“{0}”之后插入 {1} {2}（可一步撤销）：").format(
                place, len(plan.units), plan.kind.word
            )
        )
        head.setWordWrap(True)
        layout.addWidget(head)
        self.units = QListWidget()
        self.units.addItems(plan.summary())
        layout.addWidget(self.units, 1)
        hint = QLabel(
            self.tr("只想把文字粘贴到当前款中，请取消后按 Ctrl+Shift+V（粘贴为纯文本）。")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("QLabel { color: #666; }")
        layout.addWidget(hint)
        layout.addWidget(ok_cancel_buttons(self, self.tr("插入")))

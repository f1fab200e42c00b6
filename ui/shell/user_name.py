"""The drafter's name, asked once: it signs every revision of a 修改稿 (Word shows it as the
author of each change), so it must be the person's, never the program's."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from drafting.write.oxml.revisions import default_author
from ui.shell.dialog_buttons import ok_cancel_buttons
from ui.shell.settings import set_user_name, user_name


class UserNameDialog(QDialog):
    """姓名: one line, proposed from the login name."""

    def __init__(self, proposed: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("user_name_dialog")
        self.setWindowTitle(self.tr("起草人姓名"))
        label = QLabel(self.tr("修改稿中的每处修订将署上此姓名（之后不再询问）："), self)
        self.name_edit = QLineEdit(proposed, self)
        self.name_edit.setObjectName("user_name_edit")
        buttons = ok_cancel_buttons(self, self.tr("确定"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        layout.addWidget(buttons)

    @classmethod
    def get_data(cls, parent: QWidget | None, proposed: str) -> tuple[str, bool]:
        """Run the dialog: (the name entered, stripped; True when OK was pressed)."""
        dialog = cls(proposed, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.name_edit.text().strip(), accepted
        finally:
            dialog.deleteLater()


def drafter_name(parent: QWidget | None) -> str:
    """The name revisions are signed with: the one stored in the settings, else asked now
    (and stored when the drafter presses OK with a name); the login name when cancelled."""
    stored = user_name()
    if stored:
        return stored
    proposed = default_author()
    name, accepted = UserNameDialog.get_data(parent, proposed)
    if accepted and name:
        set_user_name(name)
        return name
    return proposed

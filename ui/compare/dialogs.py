"""The dialogs of the 比较 menu: pick two versions of a regulation, or two files.

Each has a ``get_data`` classmethod that runs it and returns (choice, accepted), so the
controller reads as a sequence of questions and tests can answer them without a modal loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.library.version_controller import version_title
from ui.shell.dialog_buttons import ok_cancel_buttons

if TYPE_CHECKING:
    from storage.library import VersionInfo


def default_pair(versions: Sequence[VersionInfo], selected: int | None) -> tuple[int, int]:
    """The versions to compare by default: (old id, new id).

    New is the selected version (else the first listed); old is the version it was made from
    when that is still there, else the newest version created before it, else any other.
    """
    if not versions:
        raise ValueError("no versions")
    by_id = {v.id: v for v in versions}
    new = by_id.get(selected) if selected is not None else None
    new = new or versions[0]
    if new.parent_id in by_id and new.parent_id != new.id:
        return new.parent_id, new.id  # type: ignore[return-value]
    earlier = [v for v in versions if v.id != new.id and v.created <= new.created]
    if earlier:
        return max(earlier, key=lambda v: (v.created, v.id)).id, new.id
    others = [v for v in versions if v.id != new.id]
    return (others[0].id if others else new.id), new.id


class CompareVersionsDialog(QDialog):
    """比较两个稿次: 原稿 and 新稿, each chosen from the regulation's versions."""

    def __init__(
        self,
        title: str,
        versions: Sequence[VersionInfo],
        selected: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare_versions_dialog")
        self.setWindowTitle(self.tr("比较两个稿次"))
        self.setMinimumWidth(440)
        intro = QLabel(self.tr("比较《{0}》的两个稿次，逐条列出修改。").format(title))
        intro.setWordWrap(True)
        self.old_combo = QComboBox()
        self.old_combo.setObjectName("old_combo")
        self.new_combo = QComboBox()
        self.new_combo.setObjectName("new_combo")
        for combo in (self.old_combo, self.new_combo):
            for version in versions:
                combo.addItem(version_title(version), version.id)
        if versions:
            old_id, new_id = default_pair(versions, selected)
            self.old_combo.setCurrentIndex(self.old_combo.findData(old_id))
            self.new_combo.setCurrentIndex(self.new_combo.findData(new_id))
        self.hint = QLabel()
        self.hint.setObjectName("compare_hint")
        self.hint.setStyleSheet("color: #a61b1b;")
        form = QFormLayout()
        form.addRow(self.tr("原稿："), self.old_combo)
        form.addRow(self.tr("新稿："), self.new_combo)
        self.buttons = ok_cancel_buttons(self, self.tr("比较"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.old_combo.currentIndexChanged.connect(self._check)
        self.new_combo.currentIndexChanged.connect(self._check)
        self._check()

    def data(self) -> tuple[int, int]:
        """(old version id, new version id) as chosen."""
        return int(self.old_combo.currentData()), int(self.new_combo.currentData())

    def _check(self) -> None:
        same = self.old_combo.currentData() == self.new_combo.currentData()
        self.hint.setText(self.tr("原稿和新稿是同一个稿次，请另选一个。") if same else "")
        self.hint.setVisible(same)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not same)

    @classmethod
    def get_data(
        cls,
        parent: QWidget | None,
        title: str,
        versions: Sequence[VersionInfo],
        selected: int | None = None,
    ) -> tuple[tuple[int, int], bool]:
        """Show the dialog; ((old id, new id), whether the drafter pressed 比较)."""
        dialog = cls(title, versions, selected, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.data(), accepted
        finally:
            dialog.deleteLater()


class CompareFilesDialog(QDialog):
    """比较两个文件: the old and the new text, each a .docx, .txt, .md or Akoma Ntoso file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_files_dialog")
        self.setWindowTitle(self.tr("比较两个文件"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "选择两个法规文本文件（.docx、.txt、.md 或 Akoma Ntoso XML），按条文内容逐条比较。"
            )
        )
        intro.setWordWrap(True)
        self.old_edit = QLineEdit()
        self.old_edit.setObjectName("old_edit")
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("new_edit")
        form = QFormLayout()
        form.addRow(self.tr("原稿："), self._with_browse(self.old_edit, self.tr("选择原稿")))
        form.addRow(self.tr("新稿："), self._with_browse(self.new_edit, self.tr("选择新稿")))
        self.buttons = ok_cancel_buttons(self, self.tr("比较"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.old_edit.textChanged.connect(self._check)
        self.new_edit.textChanged.connect(self._check)
        self._check()

    def _with_browse(self, edit: QLineEdit, caption: str) -> QWidget:
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        button = QPushButton(self.tr("浏览…"))
        button.clicked.connect(lambda: self._browse(edit, caption))
        box.addWidget(button)
        return row

    def _browse(self, edit: QLineEdit, caption: str) -> None:
        start = edit.text() or (self.old_edit.text() and str(Path(self.old_edit.text()).parent))
        name, _ = QFileDialog.getOpenFileName(
            self, caption, start or "", self.tr("法规文本 (*.docx *.txt *.md *.xml *.akn)")
        )
        if name:
            edit.setText(name)

    def data(self) -> tuple[Path, Path]:
        """(old file, new file) as chosen."""
        return Path(self.old_edit.text().strip()), Path(self.new_edit.text().strip())

    def _check(self) -> None:
        ready = bool(self.old_edit.text().strip() and self.new_edit.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    @classmethod
    def get_data(cls, parent: QWidget | None) -> tuple[tuple[Path, Path], bool]:
        """Show the dialog; ((old file, new file), whether the drafter pressed 比较)."""
        dialog = cls(parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.data(), accepted
        finally:
            dialog.deleteLater()

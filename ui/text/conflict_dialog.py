"""保存冲突: the version was saved elsewhere since this window read it. For each unit both sides
changed, the two texts side by side (the words that differ highlighted) and the choice: keep
mine, take theirs, or merge by hand in an editable box. Nothing is saved unless the drafter
presses 保存合并结果."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafting.compare.wording import word_diff
from drafting.edit.conflict import Choice, Resolution, UnitConflict
from ui.shell.dialog_buttons import ok_cancel_buttons

_DELETED_STYLE = "background:#fbd5d5;text-decoration:line-through;"
_INSERTED_STYLE = "background:#c8f0c8;"


def side_html(conflict: UnitConflict, side: Choice) -> str:
    """One side's words as HTML, the words the other side lacks highlighted; （已删除） for none."""
    mine, theirs = conflict.mine, conflict.theirs
    text = mine if side == "mine" else theirs
    if text is None:
        return "<i>（已删除）</i>"
    other = theirs if side == "mine" else mine
    if other is None:
        return escape(text)
    keep = -1 if side == "mine" else 1  # the ops of this side
    parts = []
    for op, piece in word_diff(mine or "", theirs or ""):
        if op == 0:
            parts.append(escape(piece))
        elif op == keep:
            style = _DELETED_STYLE if side == "mine" else _INSERTED_STYLE
            parts.append(f'<span style="{style}">{escape(piece)}</span>')
    return "".join(parts)


class ConflictRow(QGroupBox):
    """One conflicting unit: 我的 / 对方的 texts and the three choices."""

    def __init__(self, conflict: UnitConflict, parent: QWidget | None = None) -> None:
        super().__init__(conflict.label or (conflict.kind.word if conflict.kind else ""), parent)
        self.conflict = conflict
        self.setObjectName(f"conflict_{conflict.uid}")
        self.mine_view = self._browser(side_html(conflict, "mine"), "conflict_mine")
        self.theirs_view = self._browser(side_html(conflict, "theirs"), "conflict_theirs")
        self.keep_mine = QRadioButton(self.tr("保留我的"), self)
        self.keep_mine.setObjectName("keep_mine")
        self.take_theirs = QRadioButton(self.tr("采用对方的"), self)
        self.take_theirs.setObjectName("take_theirs")
        self.by_hand = QRadioButton(self.tr("手工合并"), self)
        self.by_hand.setObjectName("by_hand")
        self.group = QButtonGroup(self)
        for button in (self.keep_mine, self.take_theirs, self.by_hand):
            self.group.addButton(button)
        self.hand_edit = QPlainTextEdit(self)
        self.hand_edit.setObjectName("hand_edit")
        # Starts from this window's words (or theirs where this window deleted the unit).
        start = conflict.mine if conflict.mine is not None else conflict.theirs or ""
        self.hand_edit.setPlainText(start)
        self.hand_edit.setMaximumHeight(90)
        self.hand_edit.setEnabled(False)
        self.by_hand.toggled.connect(self.hand_edit.setEnabled)
        self.keep_mine.setChecked(True)
        layout = QGridLayout(self)
        layout.addWidget(QLabel(self.tr("我的（本窗口）")), 0, 0)
        layout.addWidget(QLabel(self.tr("对方的（已保存在法规库中）")), 0, 1)
        layout.addWidget(self.mine_view, 1, 0)
        layout.addWidget(self.theirs_view, 1, 1)
        choices = QWidget(self)
        row = QVBoxLayout(choices)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.keep_mine, self.take_theirs, self.by_hand):
            row.addWidget(button)
        layout.addWidget(choices, 2, 0)
        layout.addWidget(self.hand_edit, 2, 1)

    def _browser(self, html: str, name: str) -> QTextBrowser:
        view = QTextBrowser(self)
        view.setObjectName(name)
        view.setHtml(html)
        view.setMaximumHeight(120)
        return view

    def resolution(self) -> Resolution:
        """The choice made in this row."""
        if self.by_hand.isChecked():
            return Resolution("hand", self.hand_edit.toPlainText())
        return Resolution("theirs" if self.take_theirs.isChecked() else "mine")


class ConflictDialog(QDialog):
    """Lists the conflicting units; 保存合并结果 accepts, 取消 leaves everything unsaved."""

    def __init__(
        self, conflicts: list[UnitConflict], taken: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowTitle(self.tr("保存冲突"))
        intro = QLabel(
            self.tr(
                "该稿次在本窗口读取后已在别处（另一个窗口或另一位同事）保存过。"
                "下列 {0} 处两边都改了，请逐处选择；只在对方改动的 {1} 处将直接采用对方的文字。"
            ).format(len(conflicts), taken),
            self,
        )
        intro.setWordWrap(True)
        self.rows = [ConflictRow(c) for c in conflicts]
        inner = QWidget()
        column = QVBoxLayout(inner)
        for row in self.rows:
            column.addWidget(row)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.buttons = ok_cancel_buttons(self, self.tr("保存合并结果"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(900, min(700, 220 + 260 * len(conflicts)))

    def row(self, uid: str) -> ConflictRow:
        """The row of one unit (KeyError when it is not listed)."""
        for row in self.rows:
            if row.conflict.uid == uid:
                return row
        raise KeyError(uid)

    def resolutions(self) -> dict[str, Resolution]:
        """uid → the choice made for it."""
        return {row.conflict.uid: row.resolution() for row in self.rows}

    @classmethod
    def get_data(
        cls, parent: QWidget | None, conflicts: list[UnitConflict], taken: int = 0
    ) -> dict[str, Resolution] | None:
        """Run the dialog: the choices (uid → Resolution), or None when cancelled."""
        dialog = cls(conflicts, taken, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.resolutions()
        finally:
            dialog.deleteLater()

"""The unit editor: a plain-text panel under the reading pane bound to one unit's words.

It edits one 款/项/目 (or the title of a 章/节) at a time; the reading pane stays the house
style. Typing reports the whole new text through ``text_edited``; the controller turns it into
an EditText command. Its own undo history is off: Ctrl+Z belongs to the window's QUndoStack.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

FROZEN_NOTE = "此稿次已冻结（只读）"


def _one_line(text: str) -> str:
    """Pasted words on one line (a plain paste into one unit's words)."""
    return "".join(part.strip() for part in text.replace("\r", "\n").split("\n"))


class _Edit(QPlainTextEdit):
    """A QPlainTextEdit that leaves undo/redo shortcuts to the window's actions, turns Enter into
    a new 款/项 and hands a paste of several paragraphs to the window."""

    #: Enter at this offset of the words.
    enter_pressed = Signal(int)
    #: Several paragraphs pasted: the text, for the window to make units of.
    paragraphs_pasted = Signal(str)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            if e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo):
                e.ignore()  # not taken here: the shortcut (the window's 撤销/重做) runs
                return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = e.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            if not e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.enter_pressed.emit(self.textCursor().position())
                return
        plain = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_V and e.modifiers() == plain and not self.isReadOnly():
            self.paste_plain()
            return
        super().keyPressEvent(e)

    def paste_plain(self) -> None:
        """粘贴为纯文本: the clipboard's words on one line, at the cursor."""
        text = QGuiApplication.clipboard().text()
        if text:  # Ctrl+Shift+V: plain words on one line, whatever they hold
            self.textCursor().insertText(_one_line(text))

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        lines = [line for line in text.replace("\r", "\n").split("\n") if line.strip()]
        if len(lines) > 1 and not self.isReadOnly():
            self.paragraphs_pasted.emit(text)
            return
        if text:
            self.textCursor().insertText(_one_line(text))
            return
        super().insertFromMimeData(source)


class UnitEditor(QWidget):
    """Title line (编辑：第十二条第二款), a read-only note for frozen versions, the text box."""

    #: uid, field ("text" or "heading"), the whole new value.
    text_edited = Signal(str, str, str)
    #: Enter: uid and the offset of the cursor in its words (a new 款/项 from there).
    split_requested = Signal(str, int)
    #: Several paragraphs pasted into ``uid``: the text (units to create).
    paste_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unit_editor")
        self.title = QLabel()
        self.title.setObjectName("unit_editor_title")
        self.title.setStyleSheet("QLabel { font-weight: bold; padding: 2px 6px; }")
        self.note = QLabel(self.tr(FROZEN_NOTE))
        self.note.setObjectName("unit_editor_note")
        self.note.setStyleSheet("QLabel { color: #8a6100; padding: 2px 6px; }")
        self.note.hide()
        self.edit = _Edit()
        self.edit.setObjectName("unit_editor_edit")
        self.edit.setUndoRedoEnabled(False)
        font = self.edit.font()
        font.setPointSizeF(max(font.pointSizeF(), 12.0))  # Chinese reads poorly below 12 pt
        self.edit.setFont(font)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(
            self.tr("在目录或正文中选择一条、一款或一项，在这里修改文字。")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        row = QWidget()
        row_layout = QVBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(0)
        row_layout.addWidget(self.title)
        row_layout.addWidget(self.note)
        layout.addWidget(row)
        layout.addWidget(self.edit, 1)
        self._uid: str | None = None
        self._field = "text"
        self._read_only = True
        self._syncing = False
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.enter_pressed.connect(self._on_enter)
        self.edit.paragraphs_pasted.connect(self._on_paragraphs)
        self.bind(None, "", "", "text")

    # ---- binding ----------------------------------------------------------------------------

    @property
    def uid(self) -> str | None:
        """The unit being edited, or None."""
        return self._uid

    @property
    def field(self) -> str:
        """ "text" or "heading"."""
        return self._field

    def bind(self, uid: str | None, title: str, value: str, field: str = "text") -> None:
        """Show a unit's words for editing (None: nothing to edit)."""
        self._uid = uid
        self._field = field
        self.title.setText(self.tr("编辑：{0}").format(title) if uid else self.tr("编辑"))
        self._set_value(value)
        # The start of the unit in sight, as the reading pane shows it (not its last line).
        self.edit.moveCursor(QTextCursor.MoveOperation.Start)
        self._apply_read_only()

    def set_read_only(self, read_only: bool) -> None:
        """A frozen version: the text can be read and copied, not changed."""
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        self.edit.setReadOnly(self._read_only or self._uid is None)
        self.note.setVisible(self._read_only and self._uid is not None)

    def sync(self, uid: str | None, title: str, value: str) -> None:
        """After an edit elsewhere (undo, a rewritten reference): show the current words; the
        cursor stays where it was when the words did not change."""
        if uid != self._uid:
            return
        self.title.setText(self.tr("编辑：{0}").format(title))
        if value != self.edit.toPlainText():
            cursor = self.edit.textCursor().position()
            self._set_value(value)
            moved = self.edit.textCursor()
            moved.setPosition(min(cursor, len(value)))
            self.edit.setTextCursor(moved)

    def _set_value(self, value: str) -> None:
        self._syncing = True
        try:
            self.edit.setPlainText(value)
        finally:
            self._syncing = False

    def value(self) -> str:
        """The words in the box."""
        return self.edit.toPlainText()

    # ---- cursor -----------------------------------------------------------------------------

    def cursor_offset(self) -> int:
        """Where the cursor is, in characters from the start of the unit's words."""
        return self.edit.textCursor().position()

    def select_span(self, start: int, end: int) -> None:
        """Select words of the unit (a finding, a new unit's placeholder) and take the focus."""
        cursor = self.edit.textCursor()
        length = len(self.edit.toPlainText())
        cursor.setPosition(max(0, min(start, length)))
        cursor.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_all_words(self) -> None:
        """Select everything (a placeholder to type over)."""
        self.select_span(0, len(self.edit.toPlainText()))

    # ---- typing -----------------------------------------------------------------------------

    def _on_text_changed(self) -> None:
        if self._syncing or self._uid is None or self.edit.isReadOnly():
            return
        # One unit's words are one line: a typed line break would make a new 款, which is
        # 插入款's job; keep the words on one line.
        value = self.edit.toPlainText()
        if "\n" in value:
            cursor = self.edit.textCursor().position()
            value = value.replace("\n", "")
            self._set_value(value)
            fixed = self.edit.textCursor()
            fixed.setPosition(min(max(cursor - 1, 0), len(value)))
            self.edit.setTextCursor(fixed)
        self.text_edited.emit(self._uid, self._field, value)

    def _on_enter(self, offset: int) -> None:
        if self._uid is not None:
            self.split_requested.emit(self._uid, offset)

    def _on_paragraphs(self, text: str) -> None:
        if self._uid is not None:
            self.paste_requested.emit(self._uid, text)

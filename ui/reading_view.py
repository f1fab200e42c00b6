"""The reading pane: a read-only view of one version in the house style."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from drafting.model import Draft
from ui.house_document import HouseDocument, build_house_document

#: The screen shows the text a little smaller than the printed page.
SCREEN_SCALE = 0.8


class ReadingView(QTextBrowser):
    """Shows a draft; scrolls to and highlights a unit; reports which unit the user clicked."""

    #: uid of the heading or article the user moved the cursor into.
    unit_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        # A visible cursor that the keyboard can move, so reading follows the outline both ways.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._house: HouseDocument | None = None
        self._quiet = False
        self._current: str | None = None
        self._owned: QTextDocument | None = None  # the document this view made and must free
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.show_draft(None)

    # ---- content ----------------------------------------------------------------------------

    @property
    def house(self) -> HouseDocument | None:
        """The laid-out document with unit positions, or None when nothing is shown."""
        return self._house

    @property
    def current_uid(self) -> str | None:
        """The highlighted heading or article."""
        return self._current

    def show_draft(self, draft: Draft | None, stage: str = "") -> None:
        """Lay out a draft (None shows a hint how to start)."""
        old = self._owned
        self._quiet = True
        try:
            self._current = None
            self.setExtraSelections([])
            if draft is None:
                self._house = None
                document = QTextDocument(self)
                document.setPlainText(
                    self.tr(
                        "在左侧法规库中选择一个稿次，或把 .docx / .txt / .md 文件拖到窗口中导入。"
                    )
                )
                self.setDocument(document)
                return
            self._house = build_house_document(draft, stage, SCREEN_SCALE, QTextDocument(self))
            self.setDocument(self._house.document)
            self.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._quiet = False
            # The view does not delete a document it was given; a 民法典 layout is worth freeing.
            self._owned = self.document()
            if old is not None and old is not self._owned:
                old.deleteLater()

    def show_unit(self, uid: str, scroll: bool = True) -> bool:
        """Put the cursor at a heading or article, highlight it and (optionally) scroll to it."""
        if self._house is None or uid not in self._house.spans:
            return False
        start, end = self._house.spans[uid]
        self._quiet = True
        try:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            self.setTextCursor(cursor)
        finally:
            self._quiet = False
        self._highlight(uid, start, end)
        if scroll:
            block = self.document().findBlock(start)
            top = self.document().documentLayout().blockBoundingRect(block).top()
            # Leave a little of what comes before, so the reader keeps their place.
            self.verticalScrollBar().setValue(int(top - self.fontMetrics().height() * 2))
        return True

    def _highlight(self, uid: str, start: int, end: int) -> None:
        self._current = uid
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        # Past the last character, so the last line is shaded to the full width too.
        last = self.document().characterCount() - 1
        cursor.setPosition(min(end + 1, last), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor  # type: ignore[attr-defined]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 243, 196))  # a soft yellow, readable on white
        # Shade whole lines, so the article reads as one block, not a patchwork of runs.
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt  # type: ignore[attr-defined]
        self.setExtraSelections([selection])

    def _on_cursor_moved(self) -> None:
        if self._quiet or self._house is None:
            return
        uid = self._house.uid_at(self.textCursor().position())
        if uid is not None and uid != self._current:
            start, end = self._house.spans[uid]
            self._highlight(uid, start, end)
            self.unit_activated.emit(uid)

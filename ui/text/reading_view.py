"""The reading pane: a read-only view of one version in the house style."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from drafting.model.numbering import Number
from drafting.model.positions import Context
from drafting.model.references import ReferenceIndex
from drafting.model.units import Draft
from ui.text.house_document import HouseDocument, build_house_document
from ui.text.relayout import Shown, Unchanged, relayout, write_later

#: The screen shows the text a little smaller than the printed page.
SCREEN_SCALE = 0.8


class ReadingView(QTextBrowser):
    """Shows a draft; scrolls to and highlights a unit; reports which unit the user clicked."""

    #: uid of the heading or article the user moved the cursor into.
    unit_activated = Signal(str)
    #: uid of the 款/项/目 (or heading) whose words the user put the cursor in.
    text_unit_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        # A visible cursor that the keyboard can move, so reading follows the outline both ways.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        #: href → tooltip text for reference links (set by the window); None: no tooltips.
        self.link_tooltip: Callable[[str], str] | None = None
        self._house: HouseDocument | None = None
        self._quiet = False
        self._current: str | None = None
        self._owned: QTextDocument | None = None  # the document this view made and must free
        self._draft: Draft | None = None  # the draft laid out
        self._shown: Shown | None = None  # its headings and articles in order, their numbers
        self._stage = ""
        self._references: ReferenceIndex | None = None
        #: The hits of 查找 shaded on top of the current unit (set_find_selections).
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._unit_selection: QTextEdit.ExtraSelection | None = None
        # New numbers far from the screen are written a chunk at a time, when the GUI is idle.
        self._later_timer = QTimer(self)
        self._later_timer.setInterval(0)
        self._later_timer.timeout.connect(self._write_later)
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

    def show_draft(
        self,
        draft: Draft | None,
        stage: str = "",
        references: ReferenceIndex | None = None,
        numbers: dict[str, Number] | None = None,
    ) -> None:
        """Lay out a draft (None shows a hint how to start); ``references`` become links;
        ``numbers`` (compute_numbers of the draft) saves computing them again."""
        self.finish_layout()
        old = self._owned
        self._quiet = True
        try:
            self._current = None
            self._find_selections = []
            self._unit_selection = None
            if self.extraSelections():  # clearing costs a repaint pass: only when needed
                self.setExtraSelections([])
            self._draft = draft
            self._shown = None
            self._stage, self._references = stage, references
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
            self._house = build_house_document(
                draft, stage, SCREEN_SCALE, QTextDocument(self), references, numbers
            )
            if numbers is not None:
                self._shown = Shown(list(self._house.uids), numbers)
            self.setDocument(self._house.document)
            self.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._quiet = False
            # The view does not delete a document it was given; a 民法典 layout is worth freeing.
            self._owned = self.document()
            if old is not None and old is not self._owned:
                old.deleteLater()

    def patch_texts(
        self, changes: list[tuple[str, str, str]], references: ReferenceIndex | None = None
    ) -> bool:
        """Words of some 款/项/目 or headings changed (uid, old, new): change them in place, as
        typing does, instead of laying out the whole text. False: lay it out again instead."""
        if self._house is None:
            return False
        self.finish_layout()
        self._quiet = True
        try:
            for uid, old, new in changes:
                refs = references.in_unit(uid) if references is not None else ()
                if not self._house.patch_text(uid, old, new, refs):
                    return False
        finally:
            self._quiet = False
        return True

    def relayout(
        self,
        draft: Draft,
        ctx: Context,
        numbers: dict[str, Number],
        references: ReferenceIndex | None,
        touched: Iterable[str],
        text_changes: Sequence[tuple[str, str, str]],
    ) -> bool:
        """After an edit of structure: lay out again only the headings and articles it touched
        (``touched``: uids inserted, removed or moved), write the new numbers of the others in
        place and patch the words it changed (uid, old, new) — the place read and the layout
        of the rest stay. False: the whole text must be laid out again (``show_draft``)."""
        self.finish_layout()
        house, shown = self._house, self._shown
        if house is None or shown is None or draft is not self._draft:
            return False
        top = self.cursorForPosition(QPoint(0, 0)).position()
        viewport = self.viewport()
        bottom = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        self._quiet = True
        # One edit block: Qt lays the document out once, for all the changes together.
        block = QTextCursor(house.document)
        block.beginEditBlock()
        try:
            self._shown = relayout(
                house,
                shown,
                ctx,
                numbers,
                references,
                touched,
                text_changes,
                SCREEN_SCALE,
                (top, bottom),
            )
        except Unchanged:
            self._shown = None  # the document may be half edited: it is laid out afresh
            return False
        finally:
            block.endEditBlock()
            self._quiet = False
        if self._current is not None and self._current not in house.spans:
            self._current = None
            self.setExtraSelections([])
        if self._shown.later:
            self._later_timer.start()
        return True

    def finish_layout(self) -> None:
        """Write now the numbers left for later (before the document changes again)."""
        while self._shown is not None and self._shown.later:
            self._write_later(count=len(self._shown.later))

    def _write_later(self, count: int = 150) -> None:
        shown, house = self._shown, self._house
        if shown is None or house is None or not shown.later:
            self._later_timer.stop()
            return
        self._quiet = True
        block = QTextCursor(house.document)
        block.beginEditBlock()
        try:
            write_later(house, shown.later, count)
        except Unchanged:
            failed = True  # only if the document was changed behind this view
        else:
            failed = False
        finally:
            block.endEditBlock()
            self._quiet = False
        if failed:
            shown.later = None
            self._later_timer.stop()
            scroll = self.verticalScrollBar().value()
            self.show_draft(self._draft, self._stage, self._references, shown.numbers)
            self.verticalScrollBar().setValue(scroll)
        elif not shown.later:
            self._later_timer.stop()

    def show_unit(self, uid: str, scroll: bool = True) -> bool:
        """Put the cursor at a heading or article, highlight it and (optionally) scroll to it."""
        if self._house is None or uid not in self._house.spans:
            return False
        start, end = self._house.spans[uid]
        self._quiet = True
        try:
            # A cursor (or a selection being made) already in the unit stays: words selected
            # for a comment must survive the outline following the click.
            if not start <= self.textCursor().position() <= end:
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
        self._unit_selection = selection
        self.setExtraSelections([selection, *self._find_selections])

    def set_find_selections(self, ranges: list[tuple[int, int]], current: int = -1) -> None:
        """Shade the hits of 查找 (document positions), the ``current`` one stronger."""
        selections: list[QTextEdit.ExtraSelection] = []
        document = self.document()
        for i, (start, end) in enumerate(ranges):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(255, 150, 50) if i == current else QColor(255, 215, 110))
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self._find_selections = selections
        unit = self._unit_selection
        base = [unit] if unit is not None and self._current is not None else []
        self.setExtraSelections([*base, *selections])

    def find_selections(self) -> list[tuple[int, int]]:
        """The hits shaded now, as document positions (start, end)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())  # type: ignore[attr-defined]
            for s in self._find_selections
        ]

    def _on_cursor_moved(self) -> None:
        if self._quiet or self._house is None:
            return
        position = self.textCursor().position()
        text_uid = self._house.text_uid_at(position)
        if text_uid is not None:
            self.text_unit_activated.emit(text_uid)
        uid = self._house.uid_at(position)
        if uid is not None and uid != self._current:
            start, end = self._house.spans[uid]
            self._highlight(uid, start, end)
            self.unit_activated.emit(uid)

    def viewportEvent(self, event: QEvent) -> bool:
        # A reference link shows the words it points at when hovered.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            href = self.anchorAt(event.pos())
            if href and self.link_tooltip is not None:
                text = self.link_tooltip(href)
                if text:
                    QToolTip.showText(event.globalPos(), text, self)
                    return True
            QToolTip.hideText()
        return super().viewportEvent(event)

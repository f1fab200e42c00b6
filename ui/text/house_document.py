"""A draft laid out in the house style as a QTextDocument (reading pane now, printing later).

Built block by block with QTextCursor: setHtml would drop the U+3000 after 第X条.
Each heading and article records where it starts and ends, and every block of it carries the
unit's index as its userState, so a click in the text finds its unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from drafting.model.numbering import Number, article_line_units, compute_numbers
from drafting.model.references import AMBIGUOUS, BROKEN, EXTERNAL, STALE, Reference, ReferenceIndex
from drafting.model.stages import stage_line
from drafting.model.units import Draft, UnitKind
from drafting.write.plain_text import SEPARATOR, heading_line
from ui.shell.fonts import Role, house_font

#: Line height of body text, in percent of the font's height.
LINE_HEIGHT = 150

#: The href prefix of reference links in the reading pane.
REF_SCHEME = "ref:"

#: Link colours by reference status (valid links take the palette's link colour).
_REF_COLOURS = {BROKEN: "#c62828", STALE: "#c62828", AMBIGUOUS: "#e67e00", EXTERNAL: "#757575"}


@dataclass
class HouseDocument:
    """The laid-out document and where each heading and article sits in it."""

    document: QTextDocument
    uids: list[str] = field(default_factory=list)  # block userState → uid
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # uid → (start, end)
    #: Where the words of each 款/项/目 (and each heading's title) start in the document.
    text_starts: dict[str, int] = field(default_factory=dict)
    #: Block number → the 款/项/目 or heading whose words the block shows.
    block_units: dict[int, str] = field(default_factory=dict)
    #: The references marked as links; a link's href is "ref:<position in this list>".
    references: list[Reference] = field(default_factory=list)
    #: The character formats of body text and headings, for patching words in place.
    formats: dict[str, QTextCharFormat] = field(default_factory=dict)

    def uid_at(self, position: int) -> str | None:
        """The heading or article at a character position, or None (title, 题注)."""
        state = self.document.findBlock(position).userState()
        return self.uids[state] if 0 <= state < len(self.uids) else None

    def patch_text(
        self, uid: str, old: str, new: str, references: tuple[Reference, ...] = ()
    ) -> bool:
        """Replace the words of one 款/项/目 (or heading) in place, without laying out the
        whole document again; positions after it move. False when the unit is not shown as
        its own words here (then lay out again)."""
        start = self.text_starts.get(uid)
        if start is None:
            return False
        cursor = QTextCursor(self.document)
        cursor.setPosition(start)
        cursor.setPosition(start + len(old), QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != old:
            return False
        # Headings are the only units with both a span and words of their own.
        role = "heading" if uid in self.spans else "body"
        fmt = self.formats.get(role, QTextCharFormat())
        cursor.insertText(new, fmt)
        delta = len(new) - len(old)
        if delta:
            for key, (a, b) in self.spans.items():
                if b >= start:
                    self.spans[key] = (a + delta if a > start else a, b + delta)
            for key, a in self.text_starts.items():
                if a > start:
                    self.text_starts[key] = a + delta
        _mark(self, references, self.document)
        return True

    def text_uid_at(self, position: int) -> str | None:
        """The 款/项/目 (or heading) whose words are at a character position, or None."""
        return self.block_units.get(self.document.findBlock(position).blockNumber())

    def reference_at(self, href: str) -> Reference | None:
        """The reference behind a link's href ("ref:3"), or None."""
        if not href.startswith(REF_SCHEME):
            return None
        try:
            n = int(href[len(REF_SCHEME) :])
        except ValueError:
            return None
        return self.references[n] if 0 <= n < len(self.references) else None


def _char_format(font: QFont) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font)
    return fmt


def _block_format(
    *, centred: bool = False, indent: float = 0.0, top: float = 0.0, bottom: float = 0.0
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignJustify)
    fmt.setTextIndent(indent)
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


class _Builder:
    def __init__(self, document: QTextDocument, scale: float) -> None:
        self.document = document
        self.cursor = QTextCursor(document)
        self.first = True
        self.fonts = {role: house_font(role, scale) for role in Role}
        self.formats = {role: _char_format(font) for role, font in self.fonts.items()}
        body = QFontMetricsF(self.fonts[Role.BODY])
        self.em = body.horizontalAdvance("\u3000")
        self.line = body.height()

    def block(self, fmt: QTextBlockFormat, state: int = -1) -> None:
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.first = False
        else:
            self.cursor.insertBlock(fmt)
        self.cursor.block().setUserState(state)

    def text(self, text: str, role: Role) -> None:
        if text:
            self.cursor.insertText(text, self.formats[role])


def build_house_document(
    draft: Draft,
    stage: str = "",
    scale: float = 1.0,
    document: QTextDocument | None = None,
    references: ReferenceIndex | None = None,
    numbers: dict[str, Number] | None = None,
) -> HouseDocument:
    """Lay out a draft: title, stage, 题注, headings centred, 第X条 in bold, body indented.

    With ``references``, every reference is marked as a link (href "ref:<n>"), coloured by its
    status: broken and stale red with a wavy underline, ambiguous orange, external grey."""
    document = document if document is not None else QTextDocument()
    document.setUndoRedoEnabled(False)  # laid out by the program, never typed into
    document.clear()
    built = HouseDocument(document)
    b = _Builder(document, scale)
    built.formats = {"body": b.formats[Role.BODY], "heading": b.formats[Role.HEADING]}
    document.setDefaultFont(b.fonts[Role.BODY])
    document.setDocumentMargin(b.em * 1.5)

    b.block(_block_format(centred=True, bottom=b.line * 0.3))
    b.text(draft.title, Role.TITLE)
    if stage_line(stage):
        b.block(_block_format(centred=True))
        b.text(stage_line(stage), Role.NOTE)
    for line in draft.title_note.split("\n") if draft.title_note else []:
        b.block(_block_format(centred=True))
        b.text(f"（{line}）", Role.NOTE)

    numbers = numbers if numbers is not None else compute_numbers(draft)
    for unit in draft.walk():
        if not (unit.kind.is_heading or unit.kind is UnitKind.ARTICLE):
            continue
        state = len(built.uids)
        built.uids.append(unit.uid)
        if unit.kind.is_heading:
            b.block(_block_format(centred=True, top=b.line * 0.8, bottom=b.line * 0.3), state)
            start = b.cursor.position()
            line = heading_line(numbers[unit.uid], unit.heading)
            b.text(line, Role.HEADING)
            built.block_units[b.cursor.blockNumber()] = unit.uid
            built.text_starts[unit.uid] = b.cursor.position() - len(unit.heading)
        else:
            line_units = article_line_units(unit)
            lines = [line for _, line in line_units] or [""]
            owners = [owner for owner, _ in line_units]
            b.block(_block_format(indent=2 * b.em), state)
            start = b.cursor.position()
            label = numbers[unit.uid].label
            if label:
                b.text(label, Role.ARTICLE_LABEL)
                b.text(SEPARATOR, Role.BODY)
            for i, line in enumerate(lines):
                if i:
                    b.block(_block_format(indent=2 * b.em), state)
                b.text(line, Role.BODY)
                if i < len(owners):
                    owner = owners[i]
                    built.block_units[b.cursor.blockNumber()] = owner.uid
                    built.text_starts[owner.uid] = b.cursor.position() - len(owner.text)
        built.spans[unit.uid] = (start, b.cursor.position())
    if references is not None:
        _mark_references(built, references, draft)
    return built


def _mark_references(built: HouseDocument, index: ReferenceIndex, draft: Draft) -> None:
    _mark(built, index.references(draft), built.document)


def _mark(built: HouseDocument, references: Iterable[Reference], document: QTextDocument) -> None:
    cursor = QTextCursor(document)
    for ref in references:
        base = built.text_starts.get(ref.unit_uid)
        if base is None:
            continue
        n = len(built.references)
        built.references.append(ref)
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"{REF_SCHEME}{n}")
        colour = _REF_COLOURS.get(ref.status)
        if ref.status in (BROKEN, STALE):
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(colour or "#c62828"))
        elif ref.status == EXTERNAL:
            fmt.setFontUnderline(False)
        else:
            fmt.setFontUnderline(True)
        fmt.setForeground(QColor(colour or "#1a56a8"))
        cursor.setPosition(base + ref.start)
        cursor.setPosition(base + ref.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

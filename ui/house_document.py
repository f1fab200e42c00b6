"""A draft laid out in the house style as a QTextDocument (reading pane now, printing later).

Built block by block with QTextCursor: setHtml would drop the U+3000 after 第X条.
Each heading and article records where it starts and ends, and every block of it carries the
unit's index as its userState, so a click in the text finds its unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from drafting.model import Draft, Unit, UnitKind
from drafting.numbering import Number, compute_numbers
from drafting.render import SEPARATOR, heading_line
from ui.fonts import Role, house_font

#: Line height of body text, in percent of the font's height.
LINE_HEIGHT = 150


@dataclass
class HouseDocument:
    """The laid-out document and where each heading and article sits in it."""

    document: QTextDocument
    uids: list[str] = field(default_factory=list)  # block userState → uid
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # uid → (start, end)

    def uid_at(self, position: int) -> str | None:
        """The heading or article at a character position, or None (title, 题注)."""
        state = self.document.findBlock(position).userState()
        return self.uids[state] if 0 <= state < len(self.uids) else None


#: Version labels that name a working copy, not a document sent out; never printed.
_UNPRINTED_LABELS = frozenset({"工作稿", "导入稿"})


def printed_stage(label: str, stage: str) -> str:
    """The words printed under the title for a version: its label (征求意见稿, 草案) when it has
    reached a stage, else nothing (a plain working draft carries no stage line)."""
    stage = stage.strip()
    if not stage:
        return ""
    if label.strip() and label.strip() not in _UNPRINTED_LABELS:
        return label.strip()
    return stage if stage.endswith("稿") else stage + "稿"


def stage_line(stage: str) -> str:
    """A stage as printed under the title: （征求意见稿）."""
    stage = stage.strip()
    if not stage or (stage.startswith("（") and stage.endswith("）")):
        return stage
    return f"（{stage}）"


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


def article_lines(article: Unit, numbers: dict[str, Number]) -> list[str]:
    """One line per 款, 项 and 目 (labels included), as in the canonical text."""
    lines: list[str] = []
    for paragraph in article.children:
        if paragraph.text or not paragraph.children:
            lines.append(paragraph.text)
        for item in paragraph.children:
            lines.append(numbers[item.uid].label + item.text)
            lines.extend(numbers[s.uid].label + s.text for s in item.children)
    return lines or [""]


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
    draft: Draft, stage: str = "", scale: float = 1.0, document: QTextDocument | None = None
) -> HouseDocument:
    """Lay out a draft: title, stage, 题注, headings centred, 第X条 in bold, body indented."""
    document = document if document is not None else QTextDocument()
    document.clear()
    built = HouseDocument(document)
    b = _Builder(document, scale)
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

    numbers = compute_numbers(draft)
    for unit in draft.walk():
        if not (unit.kind.is_heading or unit.kind is UnitKind.ARTICLE):
            continue
        state = len(built.uids)
        built.uids.append(unit.uid)
        if unit.kind.is_heading:
            b.block(_block_format(centred=True, top=b.line * 0.8, bottom=b.line * 0.3), state)
            start = b.cursor.position()
            b.text(heading_line(numbers[unit.uid], unit.heading), Role.HEADING)
        else:
            lines = article_lines(unit, numbers)
            b.block(_block_format(indent=2 * b.em), state)
            start = b.cursor.position()
            label = numbers[unit.uid].label
            if label:
                b.text(label, Role.ARTICLE_LABEL)
                b.text(SEPARATOR, Role.BODY)
            b.text(lines[0], Role.BODY)
            for line in lines[1:]:
                b.block(_block_format(indent=2 * b.em), state)
                b.text(line, Role.BODY)
        built.spans[unit.uid] = (start, b.cursor.position())
    return built

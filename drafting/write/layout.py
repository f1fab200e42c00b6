"""The house layout of a draft as one stream of blocks, for every writer that lays it out.

The .docx (``text_docx``), the printer and PDF (``ui/output/printing.py``) and the reading pane
(``ui/text/house_document.py``) all consume ``house_layout``, so the three cannot drift: they
differ only in how a block looks (the numbers in ``house_style``), never in which blocks there
are, in what order, with which words.

Top to bottom: the title (one block per line), the stage label when the version is not final
(（征求意见稿）), the 题注 as one bracketed block (``title_note_line``), the 目录 when the text is divided
into chapters, then headings and articles: an article's first block carries 第X条 in 黑体 and
its first line, each further 款, 项 and 目 is a block of its own (``article_line_units``).

Room is kept for the 序言 (preamble), the title of an 附件 (appendix) and tables, which the
reader will hand over as parts of their own: their roles exist; the walker emits them once the
model has them (a line of ``article_line_units`` that repeats a unit already shown, as a
table row of a 款 would, is already a TABLE block, holding none of the unit's own words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from drafting.model.matter import Appendix, Cell, Preamble, Table
from drafting.model.numbering import Number, article_line_units, compute_numbers
from drafting.model.stages import stage_line
from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.house_style import FontRole, ParagraphRole
from drafting.write.plain_text import SEPARATOR, heading_line, table_lines

#: The 目录 heading as printed in official texts.
TOC_HEADING = "目\u3000\u3000录"


class BlockRole(StrEnum):
    """What a block is in the house layout; each writer gives every role its look."""

    TITLE = "title"  # one line of the title
    STAGE = "stage"  # （征求意见稿）
    TITLE_NOTE = "title_note"  # 题注: one block, in parentheses
    PREAMBLE = "preamble"  # a paragraph of the 序言 (or of the words before 第一条)
    TOC_HEADING = "toc_heading"  # 目　　录
    TOC_ENTRY = "toc_entry"  # one 编/分编/章/节 line of the 目录
    HEADING = "heading"  # 第一编, 第一章　总则, 第一节 … (``Block.kind`` says which)
    ARTICLE = "article"  # an article's first line: 第X条, a full-width space, its first words
    PARAGRAPH = "paragraph"  # a later 款 of an article
    ITEM = "item"  # （一）…
    SUBITEM = "subitem"  # 1.…
    APPENDIX_LABEL = "appendix_label"  # the line that opens an appendix: 附件1, 附表, 附：
    APPENDIX_TITLE = "appendix_title"  # an appendix's title
    APPENDIX_TEXT = "appendix_text"  # a paragraph of an appendix
    NOTE = "note"  # a note kept after the articles: a 落款 line, 注：… (``Draft.notes``)
    TABLE = "table"  # a row of a table (of a 款 or an appendix): ``Block.table`` holds it whole

    @property
    def in_title_block(self) -> bool:
        """Title, stage and 题注: the centred block above everything else."""
        return self in _TITLE_BLOCK


_TITLE_BLOCK = frozenset({BlockRole.TITLE, BlockRole.STAGE, BlockRole.TITLE_NOTE})

#: The role of an article's later lines by the kind of unit whose words they hold.
_LINE_ROLE = {
    UnitKind.PARAGRAPH: BlockRole.PARAGRAPH,
    UnitKind.ITEM: BlockRole.ITEM,
    UnitKind.SUBITEM: BlockRole.SUBITEM,
}


#: The paragraph shape (and so the Word style) of each block role.
_PARAGRAPH_OF: dict[BlockRole, ParagraphRole] = {
    BlockRole.TITLE: ParagraphRole.TITLE,
    BlockRole.STAGE: ParagraphRole.STAGE,
    BlockRole.TITLE_NOTE: ParagraphRole.NOTE,
    BlockRole.TOC_HEADING: ParagraphRole.TOC_HEADING,
    BlockRole.TOC_ENTRY: ParagraphRole.TOC,
    BlockRole.HEADING: ParagraphRole.HEADING,
    BlockRole.ARTICLE: ParagraphRole.BODY,
    BlockRole.PARAGRAPH: ParagraphRole.BODY,
    BlockRole.ITEM: ParagraphRole.BODY,
    BlockRole.SUBITEM: ParagraphRole.BODY,
    BlockRole.PREAMBLE: ParagraphRole.BODY,
    BlockRole.APPENDIX_LABEL: ParagraphRole.BODY,
    BlockRole.APPENDIX_TITLE: ParagraphRole.HEADING,
    BlockRole.APPENDIX_TEXT: ParagraphRole.BODY,
    BlockRole.TABLE: ParagraphRole.BODY,
    BlockRole.NOTE: ParagraphRole.BODY,
}


def paragraph_role(role: BlockRole) -> ParagraphRole:
    """The paragraph shape of the house style (``house_style.PARAGRAPHS``) that a block of
    ``role`` is set in, on paper and in a .docx alike."""
    return _PARAGRAPH_OF[role]


@dataclass(frozen=True, slots=True)
class Span:
    """A run of words in one font of the house style (第X条 in 黑体, then the body in 仿宋)."""

    text: str
    font: FontRole


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the house layout.

    - ``spans``: the words, run by run (adjacent runs never share a font; empty runs are left
      out, so a block with no words has none).
    - ``owner``: uid of the heading or article the block belongs to (jumps, highlights,
      clicks); None for the title block and the 目录.
    - ``uid``: uid of the unit whose own words the block shows (the heading, or the 款/项/目);
      None when it shows none (title block, 目录, an article with no words yet).
    - ``kind``: the kind of that unit (of the heading, for a 目录 entry), else None.
    - ``label``: the printed number that opens the block (第三条, 第一章, （一）, 1.), or "".
    - ``words_at``: where ``uid``'s own words start in ``text`` (after 第X条　 or （一）).
    - ``ends_title_block``: the last block of the title block (a blank line follows).
    - ``table`` and ``row``: for a TABLE block, the whole table and which of its rows the
      block's words are (``table_lines`` form, | a | b |). A writer that can set real tables
      (the .docx) writes the table at row 0 and skips the other rows; the others print rows.
    """

    role: BlockRole
    spans: tuple[Span, ...]
    owner: str | None = None
    uid: str | None = None
    kind: UnitKind | None = None
    label: str = ""
    words_at: int = 0
    ends_title_block: bool = False
    table: Table | None = field(default=None, hash=False)
    row: int = 0

    @property
    def text(self) -> str:
        """The block's words, labels included."""
        spans = self.spans
        if len(spans) == 1:
            return spans[0].text
        return "".join(span.text for span in spans)


def has_toc(draft: Draft) -> bool:
    """A 目录 is printed when the text is divided into chapters (or 编) from its start.

    A text that opens with articles and has a few unnumbered headings later (宁波河道条例)
    gets none: it is not a chaptered text, and a reader could not tell such a 目录 from text.
    """
    return bool(draft.units) and draft.units[0].kind in (UnitKind.PART, UnitKind.CHAPTER)


def toc_entries(draft: Draft, numbers: dict[str, Number]) -> list[tuple[UnitKind, str]]:
    """The 目录: (kind, heading line) for every part, subpart, chapter and section."""
    return [
        (u.kind, heading_line(numbers[u.uid], u.heading)) for u in draft.walk() if u.kind.is_heading
    ]


#: Where one event of a 题注 ends and the next begins: a closing verb (通过, 批准, 修正 …)
#: followed by a date, 根据 or a 《title》 (not by 的 or 并, which continue the event).
_NOTE_EVENT_END = re.compile(r"(通过|批准|修正|修订|公布|施行)(?=[0-9０-９]|根据|《)")
_NOTE_SPACE = re.compile(r"[ \t\u3000]+")


def title_note_line(note: str) -> str:
    """The 题注 as printed: one line, events separated by a full-width space.

    ``note`` is ``Draft.title_note`` (lines as the source broke them, ASCII spaces after the
    date kept). Whitespace is dropped and a full-width space goes between events — at a line
    break of the source or after a closing verb followed by a new date, 根据 or 《 — but never
    inside a 《》 title the source broke over two lines, nor after a line ending in 根据:
    "2020年8月25日 …通过\n2020年9月25日 …批准" → "2020年8月25日…通过　2020年9月25日…批准".
    """
    lines = [_NOTE_SPACE.sub("", line) for line in note.split("\n")]
    lines = [line for line in lines if line]
    out: list[str] = []
    depth = 0
    for k, line in enumerate(lines):
        last = 0
        for match in _NOTE_EVENT_END.finditer(line):
            piece = line[last : match.end()]
            depth += _title_depth(piece)
            out.append(piece)
            last = match.end()
            if depth == 0:
                out.append("\u3000")
        rest = line[last:]
        depth += _title_depth(rest)
        out.append(rest)
        if k < len(lines) - 1 and depth == 0 and not line.endswith("根据"):
            if not out[-1] and out[-2:-1] == ["\u3000"]:
                continue  # the line ended with a verb: its space is there already
            out.append("\u3000")
    return "".join(out).strip("\u3000")


def _title_depth(text: str) -> int:
    return text.count("《") - text.count("》")


def title_blocks(draft: Draft, stage_label: str = "") -> list[Block]:
    """The title block: a block per title line, the stage label, the 题注 as one block.

    Never empty: an untitled draft still has one (empty) title block; the last block is
    marked ``ends_title_block``."""
    roles_texts: list[tuple[BlockRole, str, FontRole]] = [
        (BlockRole.TITLE, line, FontRole.TITLE) for line in draft.title.split("\n")
    ]
    stage = stage_line(stage_label)
    if stage:
        roles_texts.append((BlockRole.STAGE, stage, FontRole.NOTE))
    if draft.title_note.strip():
        note = title_note_line(draft.title_note)
        roles_texts.append((BlockRole.TITLE_NOTE, f"（{note}）", FontRole.NOTE))
    last = len(roles_texts) - 1
    return [
        Block(role, _spans((text, font)), ends_title_block=i == last)
        for i, (role, text, font) in enumerate(roles_texts)
    ]


def toc_blocks(draft: Draft, numbers: dict[str, Number]) -> list[Block]:
    """目　　录 and one entry per heading (``kind`` gives its indent)."""
    blocks = [Block(BlockRole.TOC_HEADING, _spans((TOC_HEADING, FontRole.HEADING)))]
    for kind, line in toc_entries(draft, numbers):
        blocks.append(Block(BlockRole.TOC_ENTRY, _spans((line, FontRole.NOTE)), kind=kind))
    return blocks


def heading_block(unit: Unit, number: Number) -> Block:
    """A 编/分编/章/节 heading: 第一章　总则 in 黑体 (a bare heading when it has no number)."""
    line = heading_line(number, unit.heading)
    return Block(
        BlockRole.HEADING,
        _spans((line, FontRole.HEADING)),
        owner=unit.uid,
        uid=unit.uid,
        kind=unit.kind,
        label=number.label,
        words_at=len(line) - len(unit.heading),
    )


def article_blocks(article: Unit, number: Number) -> list[Block]:
    """One article's blocks: 第X条　and its first line, then a block per further line.

    Cheap enough to lay out one article again after an edit (``number`` from
    ``compute_numbers``); an article with no words yet is one block holding its label."""
    label = number.label
    owner = article.uid
    line_units = article_line_units(article)
    # Built positionally and without ``_spans``: the 民法典 has some 2,100 article lines, and
    # this loop is most of the cost of laying out the reading pane again.
    if label:
        lead = len(label) + len(SEPARATOR)
        label_span = Span(label, FontRole.ARTICLE_LABEL)
    else:
        lead = 0
    if not line_units:
        head = (label_span, Span(SEPARATOR, FontRole.BODY)) if label else ()
        return [Block(BlockRole.ARTICLE, head, owner, None, None, label)]
    blocks: list[Block] = []
    shown: set[str] = set()
    rows: dict[str, int] = {}
    for unit, line in line_units:
        if unit.uid in shown or (unit.table is not None and not unit.text):
            # A further line of a unit already shown, or a 款 that is only a table: a row of
            # its table, not its own words.
            if not blocks:
                head = (label_span, Span(SEPARATOR, FontRole.BODY)) if label else ()
                blocks.append(Block(BlockRole.ARTICLE, head, owner, None, None, label))
            shown.add(unit.uid)
            row = (Span(line, FontRole.BODY),) if line else ()
            index = rows[unit.uid] = rows.get(unit.uid, -1) + 1
            blocks.append(Block(BlockRole.TABLE, row, owner, table=unit.table, row=index))
            continue
        shown.add(unit.uid)
        words_at = len(line) - len(unit.text)
        if not blocks:
            if label:
                spans: tuple[Span, ...] = (label_span, Span(SEPARATOR + line, FontRole.BODY))
            else:
                spans = (Span(line, FontRole.BODY),) if line else ()
            block = Block(
                BlockRole.ARTICLE, spans, owner, unit.uid, unit.kind, label, lead + words_at
            )
        else:
            spans = (Span(line, FontRole.BODY),) if line else ()
            block = Block(
                _LINE_ROLE[unit.kind],
                spans,
                owner,
                unit.uid,
                unit.kind,
                line[:words_at],
                words_at,
            )
        blocks.append(block)
    return blocks


def house_layout(
    draft: Draft,
    *,
    stage_label: str = "",
    toc: bool | None = None,
    numbers: dict[str, Number] | None = None,
) -> Iterator[Block]:
    """The blocks of ``draft`` in the house layout, top to bottom.

    ``stage_label``: the version's stage (征求意见稿) printed under the title when given.
    ``toc``: print the 目录 (None: when ``has_toc``; the reading pane passes False).
    ``numbers``: ``compute_numbers(draft)`` when the caller has it already.
    """
    numbers = numbers if numbers is not None else compute_numbers(draft)
    yield from title_blocks(draft, stage_label)
    if has_toc(draft) if toc is None else toc:
        yield from toc_blocks(draft, numbers)
    if draft.preamble is not None:
        yield from preamble_blocks(draft.preamble)
    for unit in _outline(draft.units):
        if unit.kind is UnitKind.ARTICLE:
            yield from article_blocks(unit, numbers[unit.uid])
        elif unit.kind.is_heading:
            yield heading_block(unit, numbers[unit.uid])
    for note in draft.notes:
        yield Block(BlockRole.NOTE, _spans((note, FontRole.BODY)))
    for appendix in draft.appendices:
        yield from appendix_blocks(appendix)


def preamble_blocks(preamble: Preamble) -> list[Block]:
    """序言: its heading (when the text printed one) in 黑体, then its paragraphs."""
    blocks: list[Block] = []
    if preamble.heading:
        blocks.append(Block(BlockRole.HEADING, _spans((preamble.heading, FontRole.HEADING))))
    for text in preamble.paragraphs:
        blocks.append(Block(BlockRole.PREAMBLE, _spans((text, FontRole.BODY))))
    return blocks


def appendix_blocks(appendix: Appendix) -> list[Block]:
    """An appendix: the line that opened it (附件1), its title, paragraphs and tables."""
    blocks = [Block(BlockRole.APPENDIX_LABEL, _spans((appendix.label or "附件", FontRole.BODY)))]
    if appendix.title:
        blocks.append(Block(BlockRole.APPENDIX_TITLE, _spans((appendix.title, FontRole.HEADING))))
    for part in appendix.blocks:
        if isinstance(part, str):
            blocks.append(Block(BlockRole.APPENDIX_TEXT, _spans((part, FontRole.BODY))))
        else:
            blocks.extend(table_blocks(part))
    return blocks


def table_blocks(table: Table, owner: str | None = None) -> list[Block]:
    """A table as one TABLE block per row (| a | b |), each carrying the whole table."""
    return [
        Block(BlockRole.TABLE, _spans((line, FontRole.BODY)), owner, table=table, row=i)
        for i, line in enumerate(table_lines(table).split("\n"))
    ]


def table_grid(table: Table) -> tuple[int, int, list[tuple[int, int, Cell]]]:
    """Where each cell of a table goes on its grid, as Word and QTextTable lay it out:
    (rows, columns, [(row, column, cell), …]). A merged cell sits at its top-left place and
    covers ``row_span`` × ``col_span`` places (row spans clipped to the table); a later cell
    of a row takes the next place not covered from above."""
    taken: set[tuple[int, int]] = set()
    places: list[tuple[int, int, Cell]] = []
    height = len(table.rows)
    width = 0
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            places.append((r, c, cell))
            last_row = min(r + max(cell.row_span, 1), height)
            taken.update(
                (rr, cc) for rr in range(r, last_row) for cc in range(c, c + max(cell.col_span, 1))
            )
            c += max(cell.col_span, 1)
            width = max(width, c)
    return height, max(width, 1), places


def _outline(units: list[Unit]) -> Iterator[Unit]:
    """Headings and articles in text order, without walking into the articles (their 款, 项
    and 目 are laid out by ``article_blocks``)."""
    stack = list(reversed(units))
    while stack:
        unit = stack.pop()
        yield unit
        if unit.kind is not UnitKind.ARTICLE and unit.children:
            stack.extend(reversed(unit.children))


def _spans(*runs: tuple[str, FontRole]) -> tuple[Span, ...]:
    """Spans from (text, font) runs: empty runs dropped, neighbours in one font joined."""
    spans: list[Span] = []
    for text, font in runs:
        if not text:
            continue
        if spans and spans[-1].font is font:
            spans[-1] = Span(spans[-1].text + text, font)
        else:
            spans.append(Span(text, font))
    return tuple(spans)

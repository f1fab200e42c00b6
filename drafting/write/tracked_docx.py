"""The 修改稿: the new text in the house style with every difference from the old text as a Word
revision, so that accepting all gives the new text and rejecting all gives the old one.

"The text" is the house layout (``layout.house_layout(draft)``): title lines, 题注 lines, the
目录 (when the text has chapters), the 序言, 编/章/节 headings, each article's lines (第X条　and
its first 款, then one paragraph per further 款, 项 and 目), the notes after the last article
(落款, 注：…, a paragraph each), and the appendices. A table (a
款's or an appendix's) is a real Word table with its merged cells (``text_docx.add_table``):
its rows line up by ``compare.tables.align_rows``, a changed cell's words are tracked inside
the cell, an added row is a tracked inserted row (w:trPr/w:ins), a deleted one a tracked
deleted row (w:trPr/w:del), and a table added or deleted whole is all such rows. Everything that differs is a revision: words, punctuation width,
article numbers (the old 第X条 deleted and the new one inserted), the 题注, headings and the
目录 lines that name them, the 序言, the notes after the last article and appendices.

How the two texts are laid side by side (``document_rows``):

1. the title, 题注, 目录, 序言 and the notes face their like; the article pairs of the comparison that
   keep their order (one longest increasing run) are anchors; a pair whose articles are not
   next to each other on one side (a heading between) is not; appendices face each other by
   position (附件1 with 附件1);
2. between two anchors, the headings of the two sides are paired (same uid, else same words,
   else same kind, in order), and the rest is one-sided: deleted old entries first, then
   inserted new ones;
3. an article out of order is written twice, each time once: at its old place as Word's
   ``w:moveFrom`` with its old number deleted, at its new place as ``w:moveTo`` with its new
   number inserted and its word changes as insertions (the deleted words are seen at the old
   place). No number appears twice unstruck.

A row changes line by line (``line_ops``): a line changed in words keeps its paragraph mark, a
line added or deleted is a whole paragraph whose own mark is inserted or deleted, so Reject All
and Accept All (Word's and LibreOffice's) remove it whole and never join its neighbours. The
document's very last mark stays plain (``_settle_last_mark``). The article numbers go in at the
paragraph where each side's line shows its words (``_line_starts``). Every revision is signed
by ``author`` and dated ``date``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from drafting.compare.articles import (
    ArticlePair,
    Comparison,
    increasing_positions,
)
from drafting.compare.tables import align_rows, cells_line_up
from drafting.compare.wording import DELETE, EQUAL, INSERT, new_text, word_diff
from drafting.model.matter import Cell, Table
from drafting.model.notes import is_signature
from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft, UnitKind
from drafting.write import house_docx as house
from drafting.write import house_style as spec
from drafting.write.layout import (
    Block,
    BlockRole,
    appendix_blocks,
    article_blocks,
    has_toc,
    heading_block,
    preamble_blocks,
    title_blocks,
    toc_blocks,
)
from drafting.write.line_changes import paired_lines
from drafting.write.oxml import paragraph as oxml_p
from drafting.write.oxml.revisions import (
    DEL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    default_author,
    mark_paragraph,
    mark_row,
    move_range,
    revision_date,
    turn_on_tracking,
    wrap_run,
)
from drafting.write.plain_text import SEPARATOR
from drafting.write.text_docx import add_table

__all__ = ["DocumentRow", "Entry", "document_entries", "document_rows", "tracked_draft_docx"]

TITLE, NOTE, HEADING, ARTICLE = "title", "note", "heading", "article"
TOC, PREAMBLE, APPENDIX = "toc", "preamble", "appendix"
#: The notes after the last article (``Draft.notes``: 落款, 注：…), one entry, a line each.
NOTES = "notes"
_STYLE = {
    TITLE: house.STYLE_TITLE,
    NOTE: house.STYLE_NOTE,
    TOC: house.STYLE_TOC,
    PREAMBLE: house.STYLE_BODY,
    HEADING: house.STYLE_HEADING,
    ARTICLE: house.STYLE_BODY,
    APPENDIX: house.STYLE_BODY,
    NOTES: house.STYLE_BODY,
}
#: The entries above the articles, in this order; each is paired with its like when both
#: texts have it.
_HEAD_KINDS = (TITLE, NOTE, TOC, PREAMBLE)
#: Above this many heading pairs to weigh in one gap, headings pair by uid and words only.
_HEADING_DP_LIMIT = 40_000
#: The line that stands for a table in an entry's lines (private-use characters, so it never
#: pairs with a line of words); the writer puts the table itself there (``Entry.tables``).
TABLE_LINE = "\ue000\ue001\ue002\ue003"


@dataclass
class Entry:
    """One piece of a text as laid out: the title lines, the 题注 lines, a heading or an
    article. ``lines`` are (label, words): the label (第X条) opens an article's first line and is
    "" elsewhere; the printed line is label + 全角空格 + words when there is a label."""

    kind: str  # TITLE, NOTE, TOC, PREAMBLE, HEADING, ARTICLE, NOTES or APPENDIX
    uid: str | None
    lines: list[tuple[str, str]]
    unit_kind: UnitKind | None = None  # a heading's kind (for its outline level)
    heading: str = ""  # a heading's words without its number (to pair headings)
    #: The Word style of each line where it is not the kind's own (目录 heading, 序言 heading,
    #: an appendix's title): line index → house style name.
    styles: dict[int, str] = field(default_factory=dict)
    #: The tables of the entry, in order: one per ``TABLE_LINE`` line.
    tables: list[Table] = field(default_factory=list)

    def style(self, line: int) -> str:
        """The house style of line ``line``."""
        return self.styles.get(line, _STYLE[self.kind])

    @property
    def body(self) -> str:
        """The words of the lines joined by newlines (labels left out)."""
        return "\n".join(words for _, words in self.lines)

    def printed(self) -> list[str]:
        """The lines as printed."""
        return [f"{label}{SEPARATOR}{words}" if label else words for label, words in self.lines]


def _block_entry(kind: str, blocks: Sequence[Block]) -> Entry:
    """An entry of whole blocks (目录, 序言, an appendix), each block a line; heading-like
    blocks keep their own style."""
    kept = [b for b in blocks if b.role is not BlockRole.TABLE or b.row == 0]
    styles = {k: _BLOCK_STYLE[b.role] for k, b in enumerate(kept) if b.role in _BLOCK_STYLE}
    lines = [("", TABLE_LINE if _is_table(b) else b.text) for b in kept]
    tables = [b.table for b in kept if _is_table(b) and b.table is not None]
    return Entry(kind, None, lines, styles=styles, tables=tables)


def _is_table(block: Block) -> bool:
    return block.role is BlockRole.TABLE and block.table is not None


_BLOCK_STYLE = {
    BlockRole.TOC_HEADING: house.STYLE_TOC_HEADING,
    BlockRole.HEADING: house.STYLE_HEADING,
    BlockRole.APPENDIX_TITLE: house.STYLE_HEADING,
}


def document_entries(draft: Draft, toc: bool | None = None) -> list[Entry]:
    """The entries of ``draft`` top to bottom, as the house layout prints them: title, 题注
    (when there is one), 目录 (when the text has chapters), 序言, then headings and
    articles, then the notes after the last article (one entry, a line per note, as the
    house layout prints them), then one entry per appendix (附件; a table a line per row,
    | a | b |)."""
    numbers = compute_numbers(draft)
    title = [b for b in title_blocks(draft) if b.role is BlockRole.TITLE]
    notes = [b for b in title_blocks(draft) if b.role is BlockRole.TITLE_NOTE]
    entries = [Entry(TITLE, None, [("", b.text) for b in title])]
    if notes:
        entries.append(Entry(NOTE, None, [("", b.text) for b in notes]))
    # ``toc`` False: the sources printed none, and the 修改稿 adds none (G13); None: the house
    # layout's rule (a chaptered text has one).
    if has_toc(draft) and toc is not False:
        entries.append(_block_entry(TOC, toc_blocks(draft, numbers)))
    if draft.preamble is not None:
        entries.append(_block_entry(PREAMBLE, preamble_blocks(draft.preamble)))
    stack = list(reversed(draft.units))
    while stack:
        unit = stack.pop()
        if unit.kind is UnitKind.ARTICLE:
            lines: list[tuple[str, str]] = []
            tables: list[Table] = []
            for block in article_blocks(unit, numbers[unit.uid]):
                text = block.text
                if _is_table(block):
                    # A table is one line standing for the whole table, set at its first row.
                    if block.row == 0 and block.table is not None:
                        lines.append(("", TABLE_LINE))
                        tables.append(block.table)
                elif block.role is BlockRole.ARTICLE and block.label:
                    lines.append((block.label, text[len(block.label) + len(SEPARATOR) :]))
                else:
                    lines.append(("", text))
            entries.append(Entry(ARTICLE, unit.uid, lines, tables=tables))
            continue
        if unit.kind.is_heading:
            block = heading_block(unit, numbers[unit.uid])
            entries.append(
                Entry(HEADING, unit.uid, [("", block.text)], unit.kind, unit.heading.strip())
            )
        stack.extend(reversed(unit.children))
    if draft.notes:
        entries.append(Entry(NOTES, None, [("", note) for note in draft.notes]))
    for appendix in draft.appendices:
        entries.append(_block_entry(APPENDIX, appendix_blocks(appendix)))
    return entries


@dataclass
class DocumentRow:
    """Entries of the old text (indexes) shown together with entries of the new text: both
    sides for a pair, one side for what was deleted or inserted. ``pair`` is the article pair
    when the row comes from one; ``moved`` marks the two one-sided halves of a moved article."""

    old: list[int]
    new: list[int]
    pair: ArticlePair | None = None
    moved: bool = False


@dataclass
class _Anchor:
    old: list[int]
    new: list[int]
    pair: ArticlePair | None = None


def _contiguous(positions: list[int]) -> bool:
    return bool(positions) and positions == list(range(positions[0], positions[0] + len(positions)))


def document_rows(
    comparison: Comparison, old: Sequence[Entry], new: Sequence[Entry]
) -> list[DocumentRow]:
    """The rows of the 修改稿 in reading order (see the module docstring). Every old entry is
    in exactly one row, in its order; so is every new entry."""
    old_at = {e.uid: i for i, e in enumerate(old) if e.kind == ARTICLE}
    new_at = {e.uid: j for j, e in enumerate(new) if e.kind == ARTICLE}
    anchors: list[_Anchor] = []
    for kind in _HEAD_KINDS:
        # The title, 题注, 目录 and 序言 face their like: each text has each at most once.
        at_old = next((i for i, e in enumerate(old[:5]) if e.kind == kind), None)
        at_new = next((j for j, e in enumerate(new[:5]) if e.kind == kind), None)
        if at_old is not None and at_new is not None:
            anchors.append(_Anchor([at_old], [at_new]))
    candidates: list[_Anchor] = []
    moves: dict[str, ArticlePair] = {}  # uid (old or new) → a moved 1:1 pair
    for pair in comparison.pairs:
        if not pair.old or not pair.new:
            continue
        olds = [old_at.get(u.uid, -1) for u in pair.old]
        news = [new_at.get(u.uid, -1) for u in pair.new]
        if -1 in olds or -1 in news:
            continue
        if _contiguous(olds) and _contiguous(news):
            candidates.append(_Anchor(olds, news, pair))
        elif len(olds) == len(news) == 1:
            moves[pair.old[0].uid] = moves[pair.new[0].uid] = pair
    candidates.sort(key=lambda a: a.new[0])
    old_start, new_start = anchors[-1].old[-1], anchors[-1].new[-1]
    candidates = [a for a in candidates if a.old[0] > old_start and a.new[0] > new_start]
    keep = set(increasing_positions([a.old[0] for a in candidates]))
    anchors.extend(candidates[p] for p in sorted(keep))
    anchors.extend(_notes_anchors(old, new))
    # Appendices after the last article face each other by position (附件1 with 附件1).
    old_tail = [i for i, e in enumerate(old) if e.kind == APPENDIX]
    new_tail = [j for j, e in enumerate(new) if e.kind == APPENDIX]
    anchors.extend(_Anchor([i], [j]) for i, j in zip(old_tail, new_tail, strict=False))
    for p, anchor in enumerate(candidates):
        # Out of order after all: shown at both places, as a move when it is one article.
        if p not in keep and anchor.pair is not None and len(anchor.old) == len(anchor.new) == 1:
            moves[anchor.pair.old[0].uid] = moves[anchor.pair.new[0].uid] = anchor.pair

    rows: list[DocumentRow] = []
    end = _Anchor([len(old)], [len(new)])
    previous = None
    for anchor in [*anchors, end]:
        if previous is not None:
            gap_old = list(range(previous.old[-1] + 1, anchor.old[0]))
            gap_new = list(range(previous.new[-1] + 1, anchor.new[0]))
            rows.extend(_gap_rows(old, new, gap_old, gap_new, moves))
        if anchor is not end:
            rows.append(DocumentRow(anchor.old, anchor.new, anchor.pair))
        previous = anchor
    return rows


def _notes_anchors(old: Sequence[Entry], new: Sequence[Entry]) -> list[_Anchor]:
    """The notes after the last article face each other when both texts have them (their
    lines then change line by line, as the 序言's do); on one side only they are a gap
    entry, deleted or inserted whole."""
    at_old = next((i for i, e in enumerate(old) if e.kind == NOTES), None)
    at_new = next((j for j, e in enumerate(new) if e.kind == NOTES), None)
    if at_old is None or at_new is None:
        return []
    return [_Anchor([at_old], [at_new])]


def _heading_score(a: Entry, b: Entry) -> float:
    if a.kind != HEADING or b.kind != HEADING:
        return 0.0
    if a.uid is not None and a.uid == b.uid:
        return 3.0
    if a.heading and a.heading == b.heading:
        return 2.0
    return 1.0 if a.unit_kind is b.unit_kind else 0.0


def _heading_pairs(
    old: Sequence[Entry], new: Sequence[Entry], gap_old: list[int], gap_new: list[int]
) -> list[tuple[int, int]]:
    """Headings of one gap paired in order, best total score first (see ``_heading_score``)."""
    olds = [i for i in gap_old if old[i].kind == HEADING]
    news = [j for j in gap_new if new[j].kind == HEADING]
    if not olds or not news:
        return []
    if len(olds) * len(news) > _HEADING_DP_LIMIT:
        # Very large gaps (two unrelated texts): keep only pairs that share uid or words,
        # in order.
        by_key = {(new[j].uid, new[j].heading): j for j in news}
        found = [
            (i, by_key[(old[i].uid, old[i].heading)])
            for i in olds
            if (old[i].uid, old[i].heading) in by_key
        ]
        keep = increasing_positions([j for _, j in found])
        return [found[p] for p in keep]
    n, m = len(olds), len(news)
    score = [[_heading_score(old[i], new[j]) for j in news] for i in olds]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            s = score[x][y]
            take = s + best[x + 1][y + 1] if s > 0 else -1.0
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    pairs: list[tuple[int, int]] = []
    x = y = 0
    while x < n and y < m:
        s = score[x][y]
        if s > 0 and best[x][y] == s + best[x + 1][y + 1]:
            pairs.append((olds[x], news[y]))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs


def _gap_rows(
    old: Sequence[Entry],
    new: Sequence[Entry],
    gap_old: list[int],
    gap_new: list[int],
    moves: dict[str, ArticlePair],
) -> list[DocumentRow]:
    """Rows for the entries between two anchors: paired headings, the rest one-sided."""
    rows: list[DocumentRow] = []
    x = y = 0
    for i, j in [*_heading_pairs(old, new, gap_old, gap_new), (None, None)]:
        while x < len(gap_old) and gap_old[x] != i:
            uid = old[gap_old[x]].uid
            pair = moves.get(uid) if uid else None
            rows.append(DocumentRow([gap_old[x]], [], pair, moved=pair is not None))
            x += 1
        while y < len(gap_new) and gap_new[y] != j:
            uid = new[gap_new[y]].uid
            pair = moves.get(uid) if uid else None
            rows.append(DocumentRow([], [gap_new[y]], pair, moved=pair is not None))
            y += 1
        if i is not None and j is not None:
            rows.append(DocumentRow([i], [j]))
            x, y = x + 1, y + 1
    return rows


# ---- writing the rows ---------------------------------------------------------------------------

_OPS = {EQUAL: "", DELETE: DEL, INSERT: INS}
_OLD_SIDE = frozenset({"", DEL, MOVE_FROM})
_NEW_SIDE = frozenset({"", INS, MOVE_TO})


@dataclass
class _RowWriter:
    """Writes rows as paragraphs with revisions, signed by ``author`` on ``date``."""

    document: Document
    author: str
    date: str
    moves: dict[int, str] = field(default_factory=dict)  # id(pair) → w:name of the move
    label_style: str = ""

    def __post_init__(self) -> None:
        self.label_style = house.style_id(self.document, house.STYLE_ARTICLE_LABEL)

    def _run(self, paragraph: Paragraph, text: str, kind: str, label: bool = False) -> None:
        if not text:
            return
        r = oxml_p.run_element(text, self.label_style if label else None)
        paragraph._p.append(wrap_run(r, kind, author=self.author, date=self.date) if kind else r)

    def _labels(self, paragraph: Paragraph, old: str | None, new: str | None) -> None:
        """The numbers opening a line: ``old``/``new`` are the label of the line starting on
        that side here ("" a line without one, None: no line starts on that side here)."""
        if old and new:
            if old == new:
                self._run(paragraph, old, "", label=True)
            else:
                self._run(paragraph, old, DEL, label=True)
                self._run(paragraph, new, INS, label=True)
            self._run(paragraph, SEPARATOR, "")
            return
        if old:
            self._run(paragraph, old, DEL, label=True)
            self._run(paragraph, SEPARATOR, DEL)
        if new:
            self._run(paragraph, new, INS, label=True)
            self._run(paragraph, SEPARATOR, INS)

    def write(
        self,
        kind: str,
        old_lines: list[tuple[str, str]] | None,
        new_lines: list[tuple[str, str]] | None,
        ops: list[tuple[str, str]],
        styles: tuple[list[str] | None, list[str] | None] = (None, None),
        tables: tuple[list[Table], list[Table]] = ([], []),
    ) -> list[Paragraph]:
        """One row: ``ops`` are (revision kind or "", text) over the joined words of both
        sides (None: the side has no entry in this row); a newline in an op is a paragraph
        mark with that op's revision, the last character being the row's last mark.

        Each side's 第X条 goes into the paragraph where that
        side's line shows its first words (``_line_starts``). ``styles``: the house
        style of each old and new line (the kind's own style when None). ``tables``: the
        old and the new side's tables, in order: a ``TABLE_LINE`` paragraph is written as
        the table instead (``_write_table``), taking the next table of each side it is on."""
        style = _STYLE[kind]
        layout = _split_paragraphs(ops)
        paragraphs: list[Paragraph] = []
        starts = _line_starts(layout, old_lines is not None, new_lines is not None)
        old_tables, new_tables = list(tables[0]), list(tables[1])
        for (pieces, mark), (o, n) in zip(layout, starts, strict=True):
            if pieces and "".join(piece for _, piece in pieces) == TABLE_LINE:
                op = pieces[0][0]
                before = old_tables.pop(0) if op in _OLD_SIDE and old_tables else None
                after = new_tables.pop(0) if op in _NEW_SIDE and new_tables else None
                self._write_table(before, after)
                continue
            old_styles, new_styles = styles
            if n is not None and new_styles is not None and n < len(new_styles):
                style = new_styles[n]
            elif o is not None and old_styles is not None and o < len(old_styles):
                style = old_styles[o]
            paragraph = house.append_paragraph(self.document, [], style)
            paragraphs.append(paragraph)
            self._labels(
                paragraph,
                _label_at(old_lines, o),
                _label_at(new_lines, n),
            )
            for op, piece in pieces:
                self._run(paragraph, piece, op)
            if mark:
                mark_paragraph(paragraph, mark, author=self.author, date=self.date)
        return paragraphs

    def _write_table(self, old: Table | None, new: Table | None) -> None:
        """A table changed from ``old`` to ``new`` (None: added or deleted whole) as one Word
        table: the rows of both in reading order (``align_rows``), kept rows plain, changed
        cells with their word changes tracked, deleted and inserted rows tracked whole.

        When the merged cells do not line up (``compare.tables.cells_line_up``: cells merged
        or unmerged, a row added or deleted inside a vertical merge, the grid changed), Word
        can track no such change: the old table is written whole as deleted, then the new
        one whole as inserted (``_write_whole``), so that each side is its table exactly."""
        if old is not None and new is not None and not cells_line_up(old, new):
            self._write_whole(old, DEL)
            self._write_whole(new, INS)
            return
        rows: list[list[Cell]] = []
        cell_ops: list[list[list[tuple[str, str]]]] = []
        row_kinds: list[str] = []
        for step in align_rows(old, new):
            if step.kind == "deleted" and old is not None and step.old is not None:
                row = old.rows[step.old]
                rows.append(row)
                cell_ops.append([[(DEL, c.text)] for c in row])
                row_kinds.append(DEL)
            elif new is not None and step.new is not None:
                row = new.rows[step.new]
                rows.append(row)
                if step.kind == "inserted":
                    cell_ops.append([[(INS, c.text)] for c in row])
                    row_kinds.append(INS)
                else:
                    before = old.rows[step.old] if old is not None and step.old is not None else row
                    cell_ops.append(
                        [
                            [(_OPS[op], t) for op, t in word_diff(x.text, y.text) if t]
                            for x, y in zip(before, row, strict=True)
                        ]
                    )
                    row_kinds.append("")

        def fill(paragraph: Paragraph, r: int, k: int) -> None:
            for op, text in cell_ops[r][k]:
                self._run(paragraph, text, op)

        grid = add_table(self.document, Table(rows), fill)
        for tr, revision in zip(grid._tbl.tr_lst, row_kinds, strict=True):
            if revision:
                mark_row(tr, revision, author=self.author, date=self.date)

    def _write_whole(self, table: Table, revision: str) -> None:
        """``table`` as a Word table, its merged cells as they are, every row tracked as
        ``revision`` (DEL or INS, w:trPr) and every cell's words too."""

        def fill(paragraph: Paragraph, r: int, k: int) -> None:
            self._run(paragraph, table.rows[r][k].text, revision)

        grid = add_table(self.document, table, fill)
        for tr in grid._tbl.tr_lst:
            mark_row(tr, revision, author=self.author, date=self.date)


def _label_at(lines: list[tuple[str, str]] | None, k: int | None) -> str | None:
    """The label of line ``k`` of a side (None: no line of that side starts here)."""
    return lines[k][0] if lines is not None and k is not None and k < len(lines) else None


_Layout = list[tuple[list[tuple[str, str]], str]]


def _split_paragraphs(ops: list[tuple[str, str]]) -> _Layout:
    """The ops (ending with a newline) cut at their newlines: per paragraph, its (op, text)
    pieces and the revision of its mark."""
    layout: _Layout = [([], "")]
    for op, text in ops:
        for k, piece in enumerate(text.split("\n")):
            if k:
                layout[-1] = (layout[-1][0], op)
                layout.append(([], ""))
            if piece:
                layout[-1][0].append((op, piece))
    if len(layout) > 1 and not layout[-1][0]:
        layout.pop()  # what follows the row's last mark: nothing
    return layout


def _line_starts(
    layout: _Layout, has_old: bool, has_new: bool
) -> list[tuple[int | None, int | None]]:
    """Per paragraph, which line of the old and of the new side starts in it (None: none).

    A side's line starts after a mark on that side; but a paragraph that holds nothing of a
    side and whose mark is not on it (an inserted paragraph, seen from the old side) is not
    there on that side at all: the line starts in the next paragraph instead, so its 第X条
    stands before its own words, never in a paragraph that rejecting (or accepting) removes."""
    out: list[tuple[int | None, int | None]] = []
    line = {0: 0 if has_old else None, 1: 0 if has_new else None}
    pending = {0: has_old, 1: has_new}
    sides = ((0, _OLD_SIDE), (1, _NEW_SIDE))
    for pieces, mark in layout:
        here: dict[int, int | None] = {0: None, 1: None}
        for side, kinds in sides:
            if not pending[side]:
                continue
            present = mark in kinds or any(op in kinds for op, _ in pieces)
            if present:
                here[side] = line[side]
                pending[side] = False
        for side, kinds in sides:
            if mark in kinds and line[side] is not None:
                line[side] = (line[side] or 0) + 1
                pending[side] = True
        out.append((here[0], here[1]))
    return out


def _row_ops(row: DocumentRow, old: Sequence[Entry], new: Sequence[Entry]) -> list[tuple[str, str]]:
    """The ops of a row, each line ending with its newline (the last one the row's own mark):
    a both-sided row changes line by line (``line_ops``); a one-sided row deletes or inserts
    everything (a moved article moves: at its new place its unchanged words are moved, its
    new words inserted, per the pair's word diff)."""
    old_body = "\n".join(old[i].body for i in row.old)
    new_body = "\n".join(new[j].body for j in row.new)
    if row.old and row.new:
        if old[row.old[0]].kind == NOTES:
            return line_ops(old_body, new_body, _note_kind)
        return line_ops(old_body, new_body)
    if row.old:
        return [(MOVE_FROM if row.moved else DEL, old_body + "\n")]
    if row.moved and row.pair is not None:
        pair_diff = row.pair.diff
        if new_text(pair_diff) == new_body:
            ops = [(MOVE_TO if op == EQUAL else INS, t) for op, t in pair_diff if op >= 0 and t]
            return [*ops, (MOVE_TO, "\n")]
    return [(MOVE_TO if row.moved else INS, new_body + "\n")]


def _note_kind(line: str) -> bool:
    """Of a notes line: a 落款, date or editor's mark (True) or words (a 注's)."""
    return is_signature(line)


_paired_lines = paired_lines  # the pairing the 对照表 uses too (``line_changes``)


def line_ops(
    old_body: str, new_body: str, kind: Callable[[str], object] | None = None
) -> list[tuple[str, str]]:
    """The change from ``old_body`` to ``new_body`` line by line, each line ending with its
    newline (the last one the row's own mark): an unchanged line, a line changed word by word
    (a word diff within it, its mark unchanged), or a whole line out (its words and its mark
    deleted) or in (inserted).

    Never a newline inside a word change: an added 款 is a paragraph of its own with its own
    inserted mark, so Reject All (Word's or LibreOffice's) removes it whole and never joins
    the neighbouring paragraphs, whose marks are not revised. ``kind``: lines of different
    kinds never pair (a 注 line is not changed into a 落款 line)."""
    a, b = old_body.split("\n"), new_body.split("\n")
    ops: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.extend(("", line + "\n") for line in a[i1:i2])
            continue
        for i, j in _paired_lines(a[i1:i2], b[j1:j2], kind):
            if i is not None and j is not None:
                ops.extend((_OPS[op], t) for op, t in word_diff(a[i1 + i], b[j1 + j]) if t)
                ops.append(("", "\n"))
            elif i is not None:
                ops.append((DEL, a[i1 + i] + "\n"))
            elif j is not None:
                ops.append((INS, b[j1 + j] + "\n"))
    return ops


_MARK_REVISIONS = tuple(qn(f"w:{kind}") for kind in (INS, DEL, MOVE_FROM, MOVE_TO))


def _mark_revision(p: BaseOxmlElement) -> BaseOxmlElement | None:
    rpr = p.find(qn("w:pPr") + "/" + qn("w:rPr"))
    if rpr is None:
        return None
    return next((el for el in rpr if el.tag in _MARK_REVISIONS), None)


def _settle_last_mark(paragraphs: list[BaseOxmlElement]) -> None:
    """The document's last paragraph mark cannot be removed (Word and LibreOffice keep it,
    leaving an empty paragraph after Reject All of an added last appendix). When the text
    ends with added or deleted paragraphs, each mark of that trailing run moves up to the
    paragraph before it and the last mark is left plain: "X¶I¶" becomes "X" + ins("¶I") + ¶,
    the same text both ways with a plain mark at the very end."""
    k = len(paragraphs)
    while k > 0 and _mark_revision(paragraphs[k - 1]) is not None:
        k -= 1
    if k == len(paragraphs) or k == 0:
        return
    if paragraphs[k].getprevious() is not paragraphs[k - 1]:
        # A table stands before the run: no mark to move up to. The last mark stays plain
        # (an empty paragraph after the table once the run is gone, as Word keeps one).
        revision = _mark_revision(paragraphs[-1])
        assert revision is not None
        rpr = revision.getparent()
        rpr.remove(revision)
        if len(rpr) == 0:
            rpr.getparent().remove(rpr)
        return
    for index in range(k, len(paragraphs)):
        revision = _mark_revision(paragraphs[index])
        assert revision is not None
        rpr = revision.getparent()
        rpr.remove(revision)
        target = paragraphs[index - 1].get_or_add_pPr()
        target_rpr = target.find(qn("w:rPr"))
        if target_rpr is None:
            target_rpr = OxmlElement("w:rPr")
            target.append(target_rpr)
        target_rpr.insert(0, revision)
        if len(rpr) == 0:
            rpr.getparent().remove(rpr)


# ---- keeping plain paragraph marks apart from like revisions (LibreOffice) -----------------------

_INS_TAG, _DEL_TAG = qn("w:ins"), qn("w:del")
#: Elements of a paragraph that hold no text (skipped when looking for its first/last run).
_NO_TEXT = frozenset(
    qn(f"w:{t}")
    for t in (
        "pPr",
        "bookmarkStart",
        "bookmarkEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
    )
)


def _texts(p: BaseOxmlElement) -> list[BaseOxmlElement]:
    return [el for el in p if el.tag not in _NO_TEXT]


def _edge_block(elements: list[BaseOxmlElement], *, tail: bool) -> list[BaseOxmlElement]:
    """The run of w:ins/w:del wrappers at the end (``tail``) or start of a paragraph."""
    block: list[BaseOxmlElement] = []
    for el in reversed(elements) if tail else elements:
        if el.tag not in (_INS_TAG, _DEL_TAG):
            break
        block.append(el)
    return block[::-1] if tail else block


def _reorder(block: list[BaseOxmlElement], first: str) -> None:
    """Puts the wrappers of kind ``first`` before the others in a contiguous block of
    insertions and deletions: each side reads the same words (the other side's are not
    there), only the order they are shown in changes."""
    ordered = [el for el in block if el.tag == first] + [el for el in block if el.tag != first]
    anchor = block[0].getprevious()
    parent = block[0].getparent()
    for el in ordered:
        parent.remove(el)
    index = 0 if anchor is None else parent.index(anchor) + 1
    for offset, el in enumerate(ordered):
        parent.insert(index + offset, el)


def _wholly(p: BaseOxmlElement, tag: str) -> bool:
    """Whether every word of ``p`` and its mark are revisions of kind ``tag``."""
    revision = _mark_revision(p)
    return revision is not None and revision.tag == tag and all(el.tag == tag for el in _texts(p))


def _keep_marks_apart(paragraphs: list[BaseOxmlElement]) -> None:
    """No plain paragraph mark between two revisions of the same kind.

    LibreOffice joins two like revisions (same author, kind and minute) that touch across a
    paragraph end into one, plain mark included: "…X[ins:Y]¶ [ins:Z]¶ins…" then loses the
    first ¶ on Reject All (two old paragraphs joined; Word keeps them). Each such mark is
    taken apart, the texts of both sides left as they are:

    1. the paragraph's last insertions and deletions are reordered so that it ends with the
       other kind ("[del:；][ins:。]" → "[ins:。][del:；]");
    2. else the next paragraph's first ones, so that it starts with the other kind;
    3. else, the next paragraphs being wholly of that kind, the plain mark trades places with
       the last of their marks (the mark stays on both sides, its place moves over words only
       one side has): "X[ins:Y]¶ [ins:Z¶]" → "X[ins:Y¶] [ins:Z]¶".
    """
    k = 0
    while k < len(paragraphs) - 1:
        p, q = paragraphs[k], paragraphs[k + 1]
        k += 1
        if _mark_revision(p) is not None or p.getnext() is not q:
            continue
        tail = _edge_block(_texts(p), tail=True)
        head = _edge_block(_texts(q), tail=False)
        if not tail or not head or tail[-1].tag != head[0].tag:
            continue
        kind = tail[-1].tag
        other = _DEL_TAG if kind == _INS_TAG else _INS_TAG
        if any(el.tag == other for el in tail):
            _reorder(tail, kind)
            continue
        if any(el.tag == other for el in head):
            _reorder(head, other)
            continue
        last = k
        while last < len(paragraphs) and _wholly(paragraphs[last], kind):
            if (
                last + 1 < len(paragraphs)
                and paragraphs[last].getnext() is not paragraphs[last + 1]
            ):
                break
            last += 1
        if last == k:
            continue  # next paragraph has plain words or a plain mark: left as it is
        revision = _mark_revision(paragraphs[last - 1])
        assert revision is not None
        rpr = revision.getparent()
        rpr.remove(revision)
        if len(rpr) == 0:
            rpr.getparent().remove(rpr)
        target = p.get_or_add_pPr()
        target_rpr = target.find(qn("w:rPr"))
        if target_rpr is None:
            target_rpr = OxmlElement("w:rPr")
            target.append(target_rpr)
        target_rpr.insert(0, revision)
        k = last - 1  # the plain mark now ends paragraph last - 1: look at it again


def tracked_draft_docx(
    comparison: Comparison,
    new: Draft,
    path: Path | None = None,
    *,
    author: str | None = None,
    date: str | None = None,
    old: Draft | None = None,
    toc: bool | None = None,
) -> Document:
    """The 修改稿 of ``comparison`` (old → ``new``, the draft it was made against) as a
    document, written to ``path`` when given.

    Accepting every revision gives the new text as laid out in the house style (with its
    目录, 序言 and appendices), rejecting every one the old text. ``author``: the name every revision is signed with
    (the drafter's, from the settings; ``default_author()`` when None). ``date``: a w:date
    (now when None). ``old``: the old draft (``comparison.old_draft`` when None). ``toc``:
    False when neither source printed a 目录 (then the 修改稿 has none, G13); None: a
    chaptered text gets one (the house layout).
    ``w:trackRevisions`` is on in the document, so the reader's own edits are tracked too.
    Raises ValueError when the comparison holds no old draft and none is given.
    """
    old = old if old is not None else comparison.old_draft
    if old is None:
        raise ValueError("比较结果缺少原文本")
    author = author or default_author()
    writer = _RowWriter(house.new_document(author=author), author, date or revision_date())
    document = writer.document
    turn_on_tracking(document)
    old_entries, new_entries = document_entries(old, toc), document_entries(new, toc)
    rows = document_rows(comparison, old_entries, new_entries)
    move_names: dict[int, str] = {}
    title_end: list[Paragraph] = []
    for row in rows:
        first = old_entries[row.old[0]] if row.old else new_entries[row.new[0]]
        ops = _row_ops(row, old_entries, new_entries)
        old_lines = [line for i in row.old for line in old_entries[i].lines] if row.old else None
        new_lines = [line for j in row.new for line in new_entries[j].lines] if row.new else None
        old_styles = (
            [old_entries[i].style(k) for i in row.old for k in range(len(old_entries[i].lines))]
            if row.old
            else None
        )
        new_styles = (
            [new_entries[j].style(k) for j in row.new for k in range(len(new_entries[j].lines))]
            if row.new
            else None
        )
        tables = (
            [t for i in row.old for t in old_entries[i].tables],
            [t for j in row.new for t in new_entries[j].tables],
        )
        paragraphs = writer.write(
            first.kind, old_lines, new_lines, ops, (old_styles, new_styles), tables
        )
        if row.moved and row.pair is not None:
            name = move_names.setdefault(id(row.pair), f"move{len(move_names) + 1}")
            move_range(
                paragraphs[0],
                paragraphs[-1],
                MOVE_FROM if row.old else MOVE_TO,
                name,
                author=writer.author,
                date=writer.date,
            )
        if first.kind in (TITLE, NOTE):
            title_end = paragraphs
        elif first.kind == HEADING:
            heading = new_entries[row.new[0]] if row.new else first
            if heading.unit_kind is not None:
                house.set_outline_level(paragraphs[0], spec.OUTLINE_LEVEL[heading.unit_kind])
    body = document.element.body
    _keep_marks_apart(body.findall(qn("w:p")))
    last = next((el for el in reversed(body) if el.tag != qn("w:sectPr")), None)
    if last is not None and last.tag == qn("w:p"):
        _settle_last_mark(body.findall(qn("w:p")))
    elif last is not None:
        # A text ending with a table (an appendix's) gets the empty last paragraph Word keeps
        # after a table anyway: LibreOffice otherwise adds it itself and, tracking being on,
        # records that as a change of the whole table.
        house.append_paragraph(document, [], house.STYLE_BODY)
    # One blank line between the title block and what follows, as in the clean text: after
    # the block's last paragraph on each side (a 题注 replaced whole ends twice).
    space = Twips(int(spec.TITLE_BLOCK_SPACE_AFTER_LINES * spec.LINE_PITCH_TWIPS))
    sides: set[str] = set()
    for paragraph in reversed(title_end):
        revision = _mark_revision(paragraph._p)
        kind = "" if revision is None else revision.tag.rsplit("}", 1)[-1]
        here = {"old", "new"} if not kind else {"old"} if kind in (DEL, MOVE_FROM) else {"new"}
        if here - sides:
            paragraph.paragraph_format.space_after = space
            sides |= here
        if sides == {"old", "new"}:
            break
    if path is not None:
        document.save(str(path))
    return document

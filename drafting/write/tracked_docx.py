"""The 修改稿: the new text in the house style with every difference from the old text as a Word
revision, so that accepting all gives the new text and rejecting all gives the old one.

"The text" is the house layout without the 目录 (``layout.house_layout(draft, toc=False)``):
title lines, 题注 lines, 编/章/节 headings, and each article's lines (第X条　and its first 款,
then one paragraph per further 款, 项 and 目). Everything that differs is a revision: words,
punctuation width, article numbers (the old 第X条 deleted and the new one inserted), the 题注,
headings.

How the two texts are laid side by side (``document_rows``):

1. the article pairs of the comparison that keep their order (and the title, the 题注) are the
   anchors; a pair whose articles are not next to each other on one side (a heading between) or
   that left its place (moved) is not an anchor;
2. between two anchors, the headings of the two sides are paired (same uid, else same words,
   else same kind, in order), and the rest is one-sided: deleted old entries first, then
   inserted new ones;
3. a moved article is written twice, each time once: at its old place as Word's ``w:moveFrom``
   with its old number deleted, at its new place as ``w:moveTo`` with its new number inserted and
   its word changes as insertions (the deleted words are seen at the old place). No number
   appears twice unstruck.

Each row is one stream of diff ops over the joined lines of its entries, a newline being a
paragraph mark with the revision of its op (``_RowWriter``), and the article numbers put in at
the line starts of each side. Every revision is signed by ``author`` and dated ``date``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.shared import Twips
from docx.text.paragraph import Paragraph

from drafting.compare.articles import MOVED, ArticlePair, Comparison, increasing_positions
from drafting.compare.wording import DELETE, EQUAL, INSERT, new_text, old_text, word_diff
from drafting.model.numbering import compute_numbers
from drafting.model.units import Draft, UnitKind
from drafting.write import house_docx as house
from drafting.write import house_style as spec
from drafting.write.layout import BlockRole, article_blocks, heading_block, title_blocks
from drafting.write.oxml import paragraph as oxml_p
from drafting.write.oxml.revisions import (
    DEL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    default_author,
    mark_paragraph,
    move_range,
    revision_date,
    turn_on_tracking,
    wrap_run,
)
from drafting.write.plain_text import SEPARATOR

__all__ = ["DocumentRow", "Entry", "document_entries", "document_rows", "tracked_draft_docx"]

TITLE, NOTE, HEADING, ARTICLE = "title", "note", "heading", "article"
_STYLE = {
    TITLE: house.STYLE_TITLE,
    NOTE: house.STYLE_NOTE,
    HEADING: house.STYLE_HEADING,
    ARTICLE: house.STYLE_BODY,
}
#: Above this many heading pairs to weigh in one gap, headings pair by uid and words only.
_HEADING_DP_LIMIT = 40_000


@dataclass
class Entry:
    """One piece of a text as laid out: the title lines, the 题注 lines, a heading or an
    article. ``lines`` are (label, words): the label (第X条) opens an article's first line and is
    "" elsewhere; the printed line is label + 全角空格 + words when there is a label."""

    kind: str  # TITLE, NOTE, HEADING or ARTICLE
    uid: str | None
    lines: list[tuple[str, str]]
    unit_kind: UnitKind | None = None  # a heading's kind (for its outline level)
    heading: str = ""  # a heading's words without its number (to pair headings)

    @property
    def body(self) -> str:
        """The words of the lines joined by newlines (labels left out)."""
        return "\n".join(words for _, words in self.lines)

    def printed(self) -> list[str]:
        """The lines as printed."""
        return [f"{label}{SEPARATOR}{words}" if label else words for label, words in self.lines]


def document_entries(draft: Draft) -> list[Entry]:
    """The entries of ``draft`` top to bottom: title, 题注 (when there is one), then headings
    and articles (the house layout without the 目录)."""
    numbers = compute_numbers(draft)
    title = [b for b in title_blocks(draft) if b.role is BlockRole.TITLE]
    notes = [b for b in title_blocks(draft) if b.role is BlockRole.TITLE_NOTE]
    entries = [Entry(TITLE, None, [("", b.text) for b in title])]
    if notes:
        entries.append(Entry(NOTE, None, [("", b.text) for b in notes]))
    stack = list(reversed(draft.units))
    while stack:
        unit = stack.pop()
        if unit.kind is UnitKind.ARTICLE:
            lines: list[tuple[str, str]] = []
            for block in article_blocks(unit, numbers[unit.uid]):
                text = block.text
                if block.role is BlockRole.ARTICLE and block.label:
                    lines.append((block.label, text[len(block.label) + len(SEPARATOR) :]))
                else:
                    lines.append(("", text))
            entries.append(Entry(ARTICLE, unit.uid, lines))
            continue
        if unit.kind.is_heading:
            block = heading_block(unit, numbers[unit.uid])
            entries.append(
                Entry(HEADING, unit.uid, [("", block.text)], unit.kind, unit.heading.strip())
            )
        stack.extend(reversed(unit.children))
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
    anchors = [_Anchor([0], [0])]
    if len(old) > 1 and old[1].kind == NOTE and len(new) > 1 and new[1].kind == NOTE:
        anchors.append(_Anchor([1], [1]))
    candidates: list[_Anchor] = []
    moves: dict[str, ArticlePair] = {}  # uid (old or new) → a moved 1:1 pair
    for pair in comparison.pairs:
        if not pair.old or not pair.new:
            continue
        olds = [old_at.get(u.uid, -1) for u in pair.old]
        news = [new_at.get(u.uid, -1) for u in pair.new]
        if -1 in olds or -1 in news:
            continue
        if pair.status != MOVED and _contiguous(olds) and _contiguous(news):
            candidates.append(_Anchor(olds, news, pair))
        elif len(olds) == len(news) == 1:
            moves[pair.old[0].uid] = moves[pair.new[0].uid] = pair
    candidates.sort(key=lambda a: a.new[0])
    start = anchors[-1].old[-1]
    candidates = [a for a in candidates if a.old[0] > start and a.new[0] > start]
    keep = set(increasing_positions([a.old[0] for a in candidates]))
    anchors.extend(candidates[p] for p in sorted(keep))
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
        end_mark: str,
    ) -> list[Paragraph]:
        """One row: ``ops`` are (revision kind or "", text) over the joined words of both
        sides (None: the side has no entry in this row); a newline in an op is a paragraph
        mark with that op's revision; ``end_mark`` is the revision of the row's last mark."""
        style = _STYLE[kind]
        paragraphs = [house.append_paragraph(self.document, [], style)]
        o = n = 0

        def label(lines: list[tuple[str, str]] | None, k: int) -> str | None:
            return lines[k][0] if lines is not None and k < len(lines) else None

        self._labels(paragraphs[-1], label(old_lines, 0), label(new_lines, 0))
        for op, text in ops:
            pieces = text.split("\n")
            for k, piece in enumerate(pieces):
                if k:
                    if op:
                        mark_paragraph(paragraphs[-1], op, author=self.author, date=self.date)
                    paragraphs.append(house.append_paragraph(self.document, [], style))
                    on_old, on_new = op in _OLD_SIDE, op in _NEW_SIDE
                    o += on_old
                    n += on_new
                    self._labels(
                        paragraphs[-1],
                        label(old_lines, o) if on_old else None,
                        label(new_lines, n) if on_new else None,
                    )
                self._run(paragraphs[-1], piece, op)
        if end_mark:
            mark_paragraph(paragraphs[-1], end_mark, author=self.author, date=self.date)
        return paragraphs


def _row_ops(row: DocumentRow, old: Sequence[Entry], new: Sequence[Entry]) -> list[tuple[str, str]]:
    """The ops of a row: the pair's own word diff when it fits the row's words, else a diff
    made here; one-sided rows delete or insert everything (a moved article moves)."""
    old_body = "\n".join(old[i].body for i in row.old)
    new_body = "\n".join(new[j].body for j in row.new)
    diff = row.pair.diff if row.pair is not None else None
    fits = diff is not None and old_text(diff) == old_body and new_text(diff) == new_body
    if row.old and row.new:
        ops = diff if fits and diff is not None else word_diff(old_body, new_body)
        return [(_OPS[op], text) for op, text in ops]
    if row.old:
        return [(MOVE_FROM if row.moved else DEL, old_body)] if old_body else []
    if row.moved and row.pair is not None:
        pair_diff = row.pair.diff
        if new_text(pair_diff) == new_body:
            return [(MOVE_TO if op == EQUAL else INS, t) for op, t in pair_diff if op >= 0 and t]
    return [(MOVE_TO if row.moved else INS, new_body)] if new_body else []


def tracked_draft_docx(
    comparison: Comparison,
    new: Draft,
    path: Path | None = None,
    *,
    author: str | None = None,
    date: str | None = None,
    old: Draft | None = None,
) -> Document:
    """The 修改稿 of ``comparison`` (old → ``new``, the draft it was made against) as a
    document, written to ``path`` when given.

    Accepting every revision gives the new text as laid out in the house style (no 目录),
    rejecting every one the old text. ``author``: the name every revision is signed with
    (the drafter's, from the settings; ``default_author()`` when None). ``date``: a w:date
    (now when None). ``old``: the old draft (``comparison.old_draft`` when None).
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
    old_entries, new_entries = document_entries(old), document_entries(new)
    rows = document_rows(comparison, old_entries, new_entries)
    move_names: dict[int, str] = {}
    title_end: Paragraph | None = None
    for row in rows:
        first = old_entries[row.old[0]] if row.old else new_entries[row.new[0]]
        ops = _row_ops(row, old_entries, new_entries)
        old_lines = [line for i in row.old for line in old_entries[i].lines] if row.old else None
        new_lines = [line for j in row.new for line in new_entries[j].lines] if row.new else None
        if row.old and row.new:
            end = ""
        elif row.old:
            end = MOVE_FROM if row.moved else DEL
        else:
            end = MOVE_TO if row.moved else INS
        paragraphs = writer.write(first.kind, old_lines, new_lines, ops, end)
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
            title_end = paragraphs[-1]
        elif first.kind == HEADING:
            heading = new_entries[row.new[0]] if row.new else first
            if heading.unit_kind is not None:
                house.set_outline_level(paragraphs[0], spec.OUTLINE_LEVEL[heading.unit_kind])
    if title_end is not None:
        # One blank line between the title block and what follows, as in the clean text.
        title_end.paragraph_format.space_after = Twips(
            int(spec.TITLE_BLOCK_SPACE_AFTER_LINES * spec.LINE_PITCH_TWIPS)
        )
    if path is not None:
        document.save(str(path))
    return document

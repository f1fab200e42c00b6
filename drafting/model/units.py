"""The regulation model: a tree of units (编/分编/章/节/条/款/项/目) with stable uids.

Numbers follow from position (see ``numbering``), except where a unit keeps the label its source
printed (``Unit.label``, a number lock: 第五百零一条 at the start of an excerpt, （二） after an
unlabelled continuation paragraph); the units after a lock count on from it. A unit keeps its uid
through every edit and into every later version, so comments, references and comparisons can
point at it while its number changes.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from drafting.model.matter import Appendix, Preamble, Table


class UnitKind(StrEnum):
    """The levels of a regulation text, outermost first."""

    PART = "part"  # 编
    SUBPART = "subpart"  # 分编
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    ARTICLE = "article"  # 条
    PARAGRAPH = "paragraph"  # 款
    ITEM = "item"  # 项
    SUBITEM = "subitem"  # 目

    @property
    def word(self) -> str:
        """The Chinese word for the level: 编, 分编, 章, 节, 条, 款, 项, 目 (as in 第十二条)."""
        return _KIND_WORDS[self]

    @property
    def is_heading(self) -> bool:
        """Part, subpart, chapter and section carry a heading, not body text."""
        return self in _HEADING_KINDS


_KIND_WORDS = {
    UnitKind.PART: "编",
    UnitKind.SUBPART: "分编",
    UnitKind.CHAPTER: "章",
    UnitKind.SECTION: "节",
    UnitKind.ARTICLE: "条",
    UnitKind.PARAGRAPH: "款",
    UnitKind.ITEM: "项",
    UnitKind.SUBITEM: "目",
}
_HEADING_KINDS = frozenset({UnitKind.PART, UnitKind.SUBPART, UnitKind.CHAPTER, UnitKind.SECTION})

#: Which kinds may hold which. Articles may stand at any heading level or at the top
#: (a short regulation written as articles only).
ALLOWED_CHILDREN: dict[UnitKind | None, frozenset[UnitKind]] = {
    None: frozenset({UnitKind.PART, UnitKind.CHAPTER, UnitKind.ARTICLE}),
    UnitKind.PART: frozenset({UnitKind.SUBPART, UnitKind.CHAPTER, UnitKind.ARTICLE}),
    UnitKind.SUBPART: frozenset({UnitKind.CHAPTER, UnitKind.ARTICLE}),
    UnitKind.CHAPTER: frozenset({UnitKind.SECTION, UnitKind.ARTICLE}),
    UnitKind.SECTION: frozenset({UnitKind.ARTICLE}),
    UnitKind.ARTICLE: frozenset({UnitKind.PARAGRAPH}),
    UnitKind.PARAGRAPH: frozenset({UnitKind.ITEM}),
    UnitKind.ITEM: frozenset({UnitKind.SUBITEM}),
    UnitKind.SUBITEM: frozenset(),
}


class Numbering(StrEnum):
    """How a unit takes its number from its position."""

    REGULAR = "regular"  # counts: 第十二条
    INSERTED = "inserted"  # amendment style, keeps the numbers around it: 第十二条之一
    NONE = "none"  # carries no number: the 附则 of 民法典 is a bare heading
    # Counts like REGULAR, but the source printed no label (an item that lost its （五）, G12):
    # references count it (第五项), the writers print it without a label, as printed.
    UNLABELLED = "unlabelled"


def new_uid() -> str:
    """A fresh stable id: 64 random bits, hex."""
    return secrets.token_hex(8)


@dataclass(eq=False)
class Unit:
    """One node of the text tree.

    ``heading`` holds the title of a part/chapter/section (总则); ``text`` holds the words of a
    paragraph, item or sub-item without its label. An article's words live in its paragraphs.
    ``label`` is the label as the source printed it (第十二条, (二), 1、) when it differs from the
    label position gives: a number lock; "" when the unit is numbered by position.
    ``table`` is a 款's table (rows × cells), after its words (税目税额如下：); None if none.
    """

    kind: UnitKind
    text: str = ""
    heading: str = ""
    children: list[Unit] = field(default_factory=list)
    uid: str = field(default_factory=new_uid)
    numbering: Numbering = Numbering.REGULAR
    label: str = ""
    table: Table | None = None

    def walk(self) -> Iterator[Unit]:
        """This unit and every unit below it, in text order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def clone(self) -> Unit:
        """A deep copy that keeps every uid (a snapshot of the same text)."""
        return Unit(
            kind=self.kind,
            text=self.text,
            heading=self.heading,
            children=[c.clone() for c in self.children],
            uid=self.uid,
            numbering=self.numbering,
            label=self.label,
            table=None if self.table is None else Table([list(r) for r in self.table.rows]),
        )


@dataclass
class Counts:
    """How many units of each kind a draft holds."""

    parts: int = 0
    subparts: int = 0
    chapters: int = 0
    sections: int = 0
    articles: int = 0
    paragraphs: int = 0
    items: int = 0
    subitems: int = 0


_COUNT_FIELD = {
    UnitKind.PART: "parts",
    UnitKind.SUBPART: "subparts",
    UnitKind.CHAPTER: "chapters",
    UnitKind.SECTION: "sections",
    UnitKind.ARTICLE: "articles",
    UnitKind.PARAGRAPH: "paragraphs",
    UnitKind.ITEM: "items",
    UnitKind.SUBITEM: "subitems",
}


@dataclass(frozen=True)
class ReferenceMark:
    """A reference kept marked as broken (its target was deleted and the drafter kept the
    words): stored with the text, so that reopening it does not resolve the words afresh to
    whatever unit now stands at that number. ``start`` is the offset of ``text`` in the words
    of unit ``unit_uid``; ``detail`` says why (所指的第五条已删除)."""

    unit_uid: str
    start: int
    text: str
    detail: str = ""


@dataclass(eq=False)
class Draft:
    """A whole regulation text: title, 题注 and the tree of units.

    ``title_note`` is the 题注 without its outer parentheses; several dated lines are joined
    with a newline. ``title_note_printed`` keeps how the source printed it — (the title_note
    as read, the printed lines: bare dates, one pair of parentheses per line or one around all)
    — so that a text written back as text prints it so while the drafter has not changed it. ``lineage`` records where units made by a split or merge came from:
    new-or-surviving uid → the uids it came from (sorted). A split records the new article
    (and the new 款 holding the second half of a split 款) → the original; a merge records the
    surviving article → itself and the article merged into it. It is kept with the version
    (and copied into versions made from it) so comments follow split and merged units.
    """

    title: str
    units: list[Unit] = field(default_factory=list)
    title_note: str = ""
    title_note_printed: tuple[str, str] | None = None
    lineage: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # 序言 or introductory paragraphs before the first article; appendices after the last.
    preamble: Preamble | None = None
    appendices: list[Appendix] = field(default_factory=list)
    # Lines the source printed after the last article that are not the law's words and not an
    # appendix (a signature block "XX市人民代表大会常务委员会 / 2023年X月X日", 注：… footnotes),
    # and parenthesised notes under a heading (（本章根据…修改）): kept, in source order, shown
    # and exported after the articles (before the appendices), never dropped.
    notes: list[str] = field(default_factory=list)
    # The library revision of the version this text was read at (None: not read from a
    # library). Saving checks it, so a text changed elsewhere meanwhile is not overwritten.
    base_revision: int | None = None
    # References kept marked as broken (see ReferenceMark), in text order; stored with the
    # version and applied when the references are found again (ReferenceIndex.build).
    reference_marks: tuple[ReferenceMark, ...] = ()

    def walk(self) -> Iterator[Unit]:
        """Every unit in text order."""
        for unit in self.units:
            yield from unit.walk()

    def walk_with_parents(self) -> Iterator[tuple[Unit, Unit | None]]:
        """Every unit in text order with its parent (None at the top)."""
        stack: list[tuple[Unit, Unit | None]] = [(u, None) for u in reversed(self.units)]
        while stack:
            unit, parent = stack.pop()
            yield unit, parent
            stack.extend((c, unit) for c in reversed(unit.children))

    def articles(self) -> list[Unit]:
        """The articles in text order."""
        return [u for u in self.walk() if u.kind is UnitKind.ARTICLE]

    def find(self, uid: str) -> Unit | None:
        """The unit with this uid, or None."""
        return next((u for u in self.walk() if u.uid == uid), None)

    def counts(self) -> Counts:
        """The number of units of each kind (an unnumbered line inside a list is no item)."""
        counts = Counts()
        for unit in self.walk():
            if unit.numbering is Numbering.NONE and unit.kind in (UnitKind.ITEM, UnitKind.SUBITEM):
                continue  # an unnumbered line inside a list is not an item of its own
            name = _COUNT_FIELD[unit.kind]
            setattr(counts, name, getattr(counts, name) + 1)
        return counts

    def printed_title_note(self) -> list[str] | None:
        """The 题注's lines as the source printed them, or None when it printed none the
        program kept or the drafter has changed the 题注 since (then writers use the house
        form, each line in （）)."""
        if self.title_note_printed is None or self.title_note_printed[0] != self.title_note:
            return None
        return self.title_note_printed[1].split("\n")

    def clone(self) -> Draft:
        """A deep copy keeping every uid: the start of the next version."""
        return Draft(
            title=self.title,
            title_note=self.title_note,
            title_note_printed=self.title_note_printed,
            units=[u.clone() for u in self.units],
            lineage=dict(self.lineage),
            preamble=None
            if self.preamble is None
            else Preamble(self.preamble.heading, list(self.preamble.paragraphs)),
            appendices=[a.clone() for a in self.appendices],
            notes=list(self.notes),
        )

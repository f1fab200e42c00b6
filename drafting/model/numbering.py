"""Numbers derived from position: 第X编/分编/章/节/条, 第X款, （X）项, X. 目.

Articles run on through the whole text and never restart per chapter; chapters restart per 编
(民法典) and run on through its 分编 — or, in a text that numbers them so (民事诉讼法: 第十二章
opens 第二编), run on across 编 (``chapters_run_on``); sections restart per chapter; 款 per
article, 项 per 款, 目 per 项. An unnumbered item (Numbering.NONE, a line of a list printed
without a label) takes no number and the count runs on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.model.matter import table_row_line
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.units import Draft, Numbering, Unit, UnitKind

_NUM = "零〇一二两三四五六七八九十百千万"
_HEADING_LABEL_RE = re.compile(
    rf"第\s*([{_NUM}0-9]+)\s*(条|條|章|节|節|编|編|分编|分編)(?:\s*之\s*([{_NUM}]+))?"
)
_ITEM_LABEL_RE = re.compile(rf"[（(]\s*([{_NUM}]+)\s*[）)]")
_SUBITEM_LABEL_RE = re.compile(r"([0-9０-９]{1,3})\s*[.．、]?")
_WORD_KIND = {kind.word: kind for kind in UnitKind} | {
    "條": UnitKind.ARTICLE,  # traditional characters: the label as printed
    "節": UnitKind.SECTION,
    "編": UnitKind.PART,
    "分編": UnitKind.SUBPART,
}


def read_label(kind: UnitKind, label: str) -> tuple[int, int] | None:
    """(ordinal, insert) of a printed label of this kind: 第十二条之一 → (12, 1), (二) → (2, 0),
    １． → (1, 0); None when the label does not read as one of that kind."""
    label = label.strip()
    try:
        if kind is UnitKind.ITEM:
            m = _ITEM_LABEL_RE.fullmatch(label)
            return (from_chinese(m.group(1)), 0) if m else None
        if kind is UnitKind.SUBITEM:
            m = _SUBITEM_LABEL_RE.fullmatch(label)
            if not m:
                return None
            digits = m.group(1).translate(_WIDE_DIGITS)
            return int(digits), 0
        m = _HEADING_LABEL_RE.fullmatch(label)
        if not m or _WORD_KIND.get(m.group(2)) is not kind:
            return None
        return from_chinese(m.group(1)), from_chinese(m.group(3)) if m.group(3) else 0
    except ValueError:
        return None


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(frozen=True)
class Number:
    """The number a unit has at its position: ordinal, and for 之一-style inserts, the insert.

    ``printed`` is the unit's locked label as its source printed it (see ``Unit.label``); it is
    what ``label`` shows. ``positional_label`` is the label the counters alone give.
    """

    kind: UnitKind
    ordinal: int  # 0 when the unit carries no number
    insert: int = 0  # 1 for 之一, 2 for 之二 …
    printed: str = ""
    #: The source printed no label here (Numbering.UNLABELLED): ``label`` is "".
    bare: bool = False

    @property
    def label(self) -> str:
        """The label as printed in the text: 第十二条, 第十二条之一, （三）, 2. ; empty if none."""
        if self.bare:
            return ""
        return self.printed or self.positional_label

    @property
    def positional_label(self) -> str:
        """The label written from ordinal and insert in the house style, ignoring the lock."""
        if self.ordinal <= 0:
            return ""
        if self.kind is UnitKind.ITEM:
            return f"（{to_chinese(self.ordinal)}）"
        if self.kind is UnitKind.SUBITEM:
            return f"{self.ordinal}."
        label = f"第{to_chinese(self.ordinal)}{self.kind.word}"
        if self.insert:
            label += f"之{to_chinese(self.insert)}"
        return label


def run_on_markers(draft: Draft) -> set[str]:
    """The uids of the chapters that show a text numbers its chapters across 编 — the first
    chapter of every later 编, printed with the number that counts on through the text
    (民事诉讼法: 第二编 opens with 第十二章). Empty when chapters restart per 编 (民法典).

    The style is read from these printed labels, so they stay as locks (``prune_locks`` keeps
    them, ``clear_locks`` writes them in the house style instead of clearing them).
    """
    markers: set[str] = set()
    before = 0
    for part in draft.units:
        if part.kind is not UnitKind.PART:
            continue
        # Chapters sit right under the 编 or under its 分编: no deeper walk (this runs on
        # every numbering of the text).
        tops = [
            c for u in part.children for c in (u.children if u.kind is UnitKind.SUBPART else [u])
        ]
        chapters = [
            u for u in tops if u.kind is UnitKind.CHAPTER and u.numbering is not Numbering.NONE
        ]
        if not chapters:
            continue
        if before:
            parsed = read_label(UnitKind.CHAPTER, chapters[0].label) if chapters[0].label else None
            if parsed is None or parsed[0] != before + 1:
                return set()
            markers.add(chapters[0].uid)
        before += len(chapters)
    return markers


def chapters_run_on(draft: Draft) -> bool:
    """True when the draft numbers its chapters through the whole text, across 编."""
    return bool(run_on_markers(draft))


def compute_numbers(draft: Draft, *, locks: bool = True) -> dict[str, Number]:
    """Number every unit of the draft in one pass: uid → Number.

    With ``locks`` (the default) a unit with a printed label keeps it, and the units after it
    count on from its number; without, every number follows from position alone.
    """
    return _walk(draft, locks=locks, prune=False)


def prune_locks(draft: Draft) -> int:
    """Drop every lock that equals the label the unit has anyway; return how many stay.

    A reader sets the printed label on every unit, then prunes: what stays are the units whose
    printed label differs from what counting on from the previous one gives.
    """
    _walk(draft, locks=True, prune=True)
    return sum(1 for unit in draft.walk() if unit.label)


def clear_locks(draft: Draft) -> int:
    """Number the whole text by position again (the explicit renumber): return locks cleared.

    Chapters numbered across 编 stay so: their markers (``run_on_markers``) are written in the
    house style with the number counting on, not cleared.
    """
    markers = run_on_markers(draft)
    run_on = compute_numbers(draft, locks=False) if markers else {}
    cleared = 0
    for unit in draft.walk():
        if unit.numbering is Numbering.UNLABELLED:
            unit.numbering = Numbering.REGULAR  # printed without a number: it takes one
            cleared += 1
        if not unit.label:
            continue
        if unit.uid in markers:
            house = run_on[unit.uid].positional_label
            if unit.label != house:
                unit.label = house
                cleared += 1
            continue
        unit.label = ""
        cleared += 1
    return cleared


def _lock(
    unit: Unit, ordinal: int, insert: int, prune: bool, keep: frozenset[str] = frozenset()
) -> tuple[int, int, str]:
    """Apply a unit's lock to the counted (ordinal, insert): the numbers it takes, and printed."""
    label = unit.label
    parsed = read_label(unit.kind, label)
    if prune and unit.uid not in keep and Number(unit.kind, ordinal, insert).label == label:
        unit.label = ""
        return ordinal, insert, ""
    if parsed is None:
        return ordinal, insert, label
    return parsed[0], parsed[1], label


def _walk(draft: Draft, *, locks: bool, prune: bool) -> dict[str, Number]:
    numbers: dict[str, Number] = {}
    state = {"article": 0, "insert": 0, "part": 0}
    markers = frozenset(run_on_markers(draft))

    def number_siblings(units: list[Unit], chapter_counter: list[int]) -> None:
        counters: dict[UnitKind, int] = {}
        for unit in units:
            kind = unit.kind
            if kind is UnitKind.ARTICLE:
                if unit.numbering is Numbering.INSERTED and state["article"] > 0:
                    state["insert"] += 1
                elif unit.numbering is Numbering.NONE:
                    numbers[unit.uid] = Number(kind, 0)
                    _number_body(unit, numbers, locks, prune)
                    continue
                else:
                    state["article"] += 1
                    state["insert"] = 0
                printed = ""
                if locks and unit.label:
                    state["article"], state["insert"], printed = _lock(
                        unit, state["article"], state["insert"], prune
                    )
                numbers[unit.uid] = Number(kind, state["article"], state["insert"], printed)
                _number_body(unit, numbers, locks, prune)
                continue
            if unit.numbering is Numbering.NONE:
                numbers[unit.uid] = Number(kind, 0)
            else:
                if kind is UnitKind.CHAPTER:
                    chapter_counter[0] += 1
                    ordinal = chapter_counter[0]
                elif kind is UnitKind.PART:
                    state["part"] += 1
                    ordinal = state["part"]
                else:
                    counters[kind] = counters.get(kind, 0) + 1
                    ordinal = counters[kind]
                printed = ""
                if locks and unit.label:
                    ordinal, _, printed = _lock(unit, ordinal, 0, prune, markers)
                    if kind is UnitKind.CHAPTER:
                        chapter_counter[0] = ordinal
                    elif kind is UnitKind.PART:
                        state["part"] = ordinal
                    else:
                        counters[kind] = ordinal
                numbers[unit.uid] = Number(kind, ordinal, 0, printed)
            # Chapters restart in each 编 (unless the text runs them on) and run on through 分编.
            inner = [0] if kind is UnitKind.PART and not markers else chapter_counter
            number_siblings(unit.children, inner)

    number_siblings(draft.units, [0])
    return numbers


def _count(units: list[Unit], locks: bool, prune: bool) -> list[Number]:
    """Numbers of one list of 款, 项 or 目: counted, a lock restarting the count at its own."""
    out: list[Number] = []
    n = 0
    for unit in units:
        if unit.numbering is Numbering.NONE:
            # An unnumbered line inside a list (国歌法 第二条): no number, the count runs on.
            out.append(Number(unit.kind, 0))
            continue
        n += 1
        printed = ""
        if locks and unit.label:
            n, _, printed = _lock(unit, n, 0, prune)
        bare = unit.numbering is Numbering.UNLABELLED
        out.append(Number(unit.kind, n, 0, printed, bare))
    return out


def _number_body(
    article: Unit, numbers: dict[str, Number], locks: bool = True, prune: bool = False
) -> None:
    """款, 项 and 目 are counted among their siblings."""
    for paragraph, pn in zip(article.children, _count(article.children, locks, prune), strict=True):
        numbers[paragraph.uid] = pn
        for item, inum in zip(
            paragraph.children, _count(paragraph.children, locks, prune), strict=True
        ):
            numbers[item.uid] = inum
            for sub, snum in zip(item.children, _count(item.children, locks, prune), strict=True):
                numbers[sub.uid] = snum


def body_numbers(article: Unit) -> dict[str, Number]:
    """The numbers of an article's 款, 项 and 目 (locks kept): uid → Number."""
    numbers: dict[str, Number] = {}
    _number_body(article, numbers)
    return numbers


def article_line_units(article: Unit) -> list[tuple[Unit, str]]:
    """An article's lines without its number, each with the 款, 项 or 目 whose words it holds.

    One line per 款 (a 款 that only leads into items with no words of its own has none), 项
    and 目, labels included; a 款's table gives one line per row (| cell | cell |). Empty for an
    article with no 款 yet. The reading pane and the editor map lines to units with it;
    ``article_lines`` gives the lines alone.
    """
    lines: list[tuple[Unit, str]] = []
    numbers = body_numbers(article)
    for paragraph in article.children:
        if paragraph.text or not (paragraph.children or paragraph.table):
            lines.append((paragraph, paragraph.text))
        if paragraph.table is not None:
            # The 款's table after its words: one line a row, | cell | cell |, same 款.
            lines.extend((paragraph, table_row_line(row)) for row in paragraph.table.texts())
        for item in paragraph.children:
            lines.append((item, numbers[item.uid].label + item.text))
            for subitem in item.children:
                lines.append((subitem, numbers[subitem.uid].label + subitem.text))
    return lines


def article_lines(article: Unit) -> list[str]:
    """An article's lines without its number: one per 款, 项 and 目, labels included.

    Never empty: an article with no words yet is one empty line.
    """
    return [line for _, line in article_line_units(article)] or [""]


def article_body(article: Unit) -> str:
    """An article's full text without its number, one line per 款, 项 and 目."""
    return "\n".join(article_lines(article))

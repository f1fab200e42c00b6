"""Numbers derived from position: 第X编/分编/章/节/条, 第X款, （X）项, X. 目.

Articles run on through the whole text and never restart per chapter; chapters restart per 编
(民法典) and run on through its 分编; sections restart per chapter; 款 per article, 项 per 款,
目 per 项.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.model.numerals import to_chinese
from drafting.model.units import Draft, Numbering, Unit, UnitKind


@dataclass(frozen=True)
class Number:
    """The number a unit has at its position: ordinal, and for 之一-style inserts, the insert."""

    kind: UnitKind
    ordinal: int  # 0 when the unit carries no number
    insert: int = 0  # 1 for 之一, 2 for 之二 …

    @property
    def label(self) -> str:
        """The label as printed in the text: 第十二条, 第十二条之一, （三）, 2. ; empty if none."""
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


def compute_numbers(draft: Draft) -> dict[str, Number]:
    """Number every unit of the draft from its position, in one pass: uid → Number."""
    numbers: dict[str, Number] = {}
    state = {"article": 0, "insert": 0, "part": 0}

    def number_siblings(units: list[Unit], chapter_counter: list[int]) -> None:
        counters: dict[UnitKind, int] = {}
        for unit in units:
            kind = unit.kind
            if kind is UnitKind.ARTICLE:
                if unit.numbering is Numbering.INSERTED and state["article"] > 0:
                    state["insert"] += 1
                    numbers[unit.uid] = Number(kind, state["article"], state["insert"])
                elif unit.numbering is Numbering.NONE:
                    numbers[unit.uid] = Number(kind, 0)
                else:
                    state["article"] += 1
                    state["insert"] = 0
                    numbers[unit.uid] = Number(kind, state["article"])
                _number_body(unit, numbers)
                continue
            if unit.numbering is Numbering.NONE:
                numbers[unit.uid] = Number(kind, 0)
            elif kind is UnitKind.CHAPTER:
                chapter_counter[0] += 1
                numbers[unit.uid] = Number(kind, chapter_counter[0])
            elif kind is UnitKind.PART:
                state["part"] += 1
                numbers[unit.uid] = Number(kind, state["part"])
            else:
                counters[kind] = counters.get(kind, 0) + 1
                numbers[unit.uid] = Number(kind, counters[kind])
            # Chapters restart in each 编 but run on through its 分编.
            inner = [0] if kind is UnitKind.PART else chapter_counter
            number_siblings(unit.children, inner)

    number_siblings(draft.units, [0])
    return numbers


def _number_body(article: Unit, numbers: dict[str, Number]) -> None:
    """款, 项 and 目 are counted among their siblings."""
    for p, paragraph in enumerate(article.children, 1):
        numbers[paragraph.uid] = Number(UnitKind.PARAGRAPH, p)
        for i, item in enumerate(paragraph.children, 1):
            numbers[item.uid] = Number(UnitKind.ITEM, i)
            for s, subitem in enumerate(item.children, 1):
                numbers[subitem.uid] = Number(UnitKind.SUBITEM, s)


def article_line_units(article: Unit) -> list[tuple[Unit, str]]:
    """An article's lines without its number, each with the 款, 项 or 目 whose words it holds.

    One line per 款 (a 款 that only leads into items with no words of its own has none), 项
    and 目, labels included. Empty for an article with no 款 yet. The reading pane and the
    editor map lines to units with it; ``article_lines`` gives the lines alone.
    """
    lines: list[tuple[Unit, str]] = []
    for paragraph in article.children:
        if paragraph.text or not paragraph.children:
            lines.append((paragraph, paragraph.text))
        for i, item in enumerate(paragraph.children, 1):
            lines.append((item, Number(UnitKind.ITEM, i).label + item.text))
            for s, subitem in enumerate(item.children, 1):
                lines.append((subitem, Number(UnitKind.SUBITEM, s).label + subitem.text))
    return lines


def article_lines(article: Unit) -> list[str]:
    """An article's lines without its number: one per 款, 项 and 目, labels included.

    Never empty: an article with no words yet is one empty line.
    """
    return [line for _, line in article_line_units(article)] or [""]


def article_body(article: Unit) -> str:
    """An article's full text without its number, one line per 款, 项 and 目."""
    return "\n".join(article_lines(article))

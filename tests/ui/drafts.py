"""Small drafts built by hand for UI tests (the parser has its own tests)."""

from __future__ import annotations

from pathlib import Path

from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.plain_text import render_text
from storage.library import Library


def reopened_text(path: Path, version_id: int) -> str:
    """What a fresh program would read: a second Library on the same file."""
    with Library.open(path) as other:
        return render_text(other.load_draft(version_id))


def article(*paragraphs: str | tuple[str, list[str]]) -> Unit:
    """An article from paragraph texts; a (lead-in, [items]) tuple makes a paragraph with items."""
    unit = Unit(UnitKind.ARTICLE)
    for p in paragraphs:
        if isinstance(p, tuple):
            items = [Unit(UnitKind.ITEM, text=t) for t in p[1]]
            unit.children.append(Unit(UnitKind.PARAGRAPH, text=p[0], children=items))
        else:
            unit.children.append(Unit(UnitKind.PARAGRAPH, text=p))
    return unit


def park_draft(title: str = "某市公园条例") -> Draft:
    """Two chapters, four articles, one with items, one with two paragraphs."""
    general = Unit(
        UnitKind.CHAPTER,
        heading="总则",
        children=[
            article("为了加强公园管理，保护和改善城市生态环境，制定本条例。"),
            article(
                "本条例适用于本市公园的规划、建设和管理。", "本条例所称公园，是指供公众游览的场所。"
            ),
        ],
    )
    rules = Unit(
        UnitKind.CHAPTER,
        heading="管理",
        children=[
            article(("禁止在公园内从事下列行为：", ["擅自采摘花果；", "攀折树木、践踏草坪。"])),
            article("本条例自2027年1月1日起施行。"),
        ],
    )
    return Draft(
        title=title, title_note="2026年1月1日某市人民代表大会常务委员会通过", units=[general, rules]
    )

"""How the editor names a unit and which of its words it edits (no Qt).

第十二条第二款, 第三章标题, 第十二条第（二）项: the name shown above the edit box; an article is
edited one 款/项/目 at a time, a heading by its title.
"""

from __future__ import annotations

from drafting.model.numbering import article_line_units
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind


def text_units(article: Unit) -> list[Unit]:
    """The units of an article that hold its words, one per line of the reading pane."""
    return [unit for unit, _ in article_line_units(article)]


def editable_field(unit: Unit) -> str:
    """Which field the editor changes: ``heading`` of 编/章/节, else ``text``."""
    return "heading" if unit.kind.is_heading else "text"


def unit_words(unit: Unit) -> str:
    """The words of a unit on lines: a heading's title, an article's 款/项/目 one a line."""
    if unit.kind.is_heading:
        return unit.heading
    if unit.kind is UnitKind.ARTICLE:
        return "\n".join(u.text for u in text_units(unit))
    return "\n".join(u.text for u in unit.walk() if u.text)


def unit_title(draft: Draft, uid: str, ctx: Context | None = None) -> str:
    """How the editor names a unit: 第十二条第二款, 第十二条, 第三章标题, 第十二条第（二）项.

    An article of one 款 names it as the article (第六条, 第六条第（三）项). Empty for a uid not
    in ``draft``. ``ctx`` (positions of ``draft`` as it is) saves a walk.
    """
    ctx = ctx if ctx is not None and ctx.draft is draft else Context(draft)
    unit = ctx.units.get(uid)
    if unit is None:
        return ""
    if unit.kind.is_heading:
        label = ctx.number(uid).label or unit.heading
        return f"{label}标题"
    if unit.kind is UnitKind.PARAGRAPH:
        article = ctx.parent[uid]
        if article is not None and len(article.children) == 1:
            return ctx.full_label(article.uid)
    label = ctx.full_label(uid)
    article = ctx.container(uid, UnitKind.ARTICLE)
    if article is not None and len(article.children) == 1:
        # An article of one 款 names its items without it: 第六条第（三）项.
        head = ctx.full_label(article.uid)
        if label.startswith(head + "第一款"):
            label = head + label[len(head) + 3 :]
    return label

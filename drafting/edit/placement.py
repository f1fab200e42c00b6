"""Where a new unit goes, and what it starts with: the rules behind 插入 (no Qt).

The drafter is at some unit (the 款 in the editor, the article selected in the outline) and asks
for a new 条/款/项/目/章/节/编 before or after it. ``insert_operation`` turns that into one
``InsertUnit``; ``placeholder_unit`` makes the new unit with the words selected for typing over.
"""

from __future__ import annotations

from drafting.edit.operations import (
    EditError,
    InsertUnit,
    insert_child,
    insert_near,
    new_unit,
)
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind

#: Words a new 条/款/项/目 starts with, selected in the editor so typing replaces them.
PLACEHOLDER = "（新条文）"
#: The heading a new 编/分编/章/节 starts with.
HEADING_PLACEHOLDER = {
    UnitKind.PART: "（新编）",
    UnitKind.SUBPART: "（新分编）",
    UnitKind.CHAPTER: "（新章）",
    UnitKind.SECTION: "（新节）",
}
#: The words a new 项/目 starts with (a 项 is not a 条文 of its own).
WORDS_PLACEHOLDER = {UnitKind.ITEM: "（新项）", UnitKind.SUBITEM: "（新目）"}
#: Every placeholder, to know whether the words in the editor are still to be typed over.
PLACEHOLDERS = frozenset({PLACEHOLDER, *HEADING_PLACEHOLDER.values(), *WORDS_PLACEHOLDER.values()})

#: The undo step's name for inserting each kind (撤销：插入条).
INSERT_TEXT = {
    UnitKind.PART: "插入编",
    UnitKind.SUBPART: "插入分编",
    UnitKind.CHAPTER: "插入章",
    UnitKind.SECTION: "插入节",
    UnitKind.ARTICLE: "插入条",
    UnitKind.PARAGRAPH: "插入款",
    UnitKind.ITEM: "插入项",
    UnitKind.SUBITEM: "插入目",
}


def placeholder_unit(kind: UnitKind) -> Unit:
    """A new unit of ``kind`` holding its placeholder (an article: one 款 of （新条文）; a 项:
    （新项）)."""
    words = "" if kind.is_heading else WORDS_PLACEHOLDER.get(kind, PLACEHOLDER)
    return new_unit(kind, words, HEADING_PLACEHOLDER.get(kind, ""))


def words_uid(unit: Unit) -> str:
    """The uid whose words the drafter types first in a new unit (an article: its first 款)."""
    return unit.children[0].uid if unit.kind is UnitKind.ARTICLE else unit.uid


def insert_operation(
    draft: Draft,
    unit: Unit,
    current_uid: str | None,
    after: bool,
    ctx: Context | None = None,
) -> InsertUnit:
    """Where ``unit`` goes, from the unit the drafter is at (``current_uid``, None: nowhere).

    A 项 asked for in a 款 (a 目 in a 项) goes inside it; an article on a heading goes first or
    last under it; a 款 on an article after its last 款 (before its first); anything else next
    to the current unit or the nearest enclosing unit it may stand beside. ``ctx`` (positions
    of ``draft`` as it is) saves a walk. Raises EditError (Chinese) where it cannot go.
    """
    if current_uid is None or draft.find(current_uid) is None:
        if unit.kind in (UnitKind.ARTICLE, UnitKind.CHAPTER, UnitKind.PART) and not draft.units:
            return insert_child(draft, None, unit)
        raise EditError("请先选择插入位置")
    ctx = ctx if ctx is not None and ctx.draft is draft else Context(draft)
    current = ctx.units[current_uid]
    kind = unit.kind
    inner = {UnitKind.ITEM: UnitKind.PARAGRAPH, UnitKind.SUBITEM: UnitKind.ITEM}.get(kind)
    if inner is not None and current.kind is inner:
        return insert_child(draft, current.uid, unit, None if after else 0)
    if kind is UnitKind.ITEM and current.kind is UnitKind.ARTICLE:
        last = current.children[-1] if after else current.children[0]
        return insert_child(draft, last.uid, unit, None if after else 0)
    if kind is UnitKind.ARTICLE and current.kind.is_heading:
        return insert_child(draft, current.uid, unit, None if after else 0)
    if kind is UnitKind.PARAGRAPH and current.kind is UnitKind.ARTICLE:
        return insert_child(draft, current.uid, unit, None if after else 0)
    if kind in (UnitKind.ITEM, UnitKind.SUBITEM) and ctx.container(current_uid, kind) is None:
        raise EditError(
            "请把光标放在款（或项）中再插入" + ("项" if kind is UnitKind.ITEM else "目")
        )
    return insert_near(draft, current_uid, unit, after=after, ctx=ctx)

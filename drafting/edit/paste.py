"""Enter and paste as in Word (no Qt): split a 款/项/目 at the cursor, and turn pasted
paragraphs into the units they are (款, 项 with their labels, whole 条, chapters).

``split_operations`` and ``paste_insert`` give the operations that the window runs as ONE undo
step (a macro); ``plan_paste`` reads the pasted text with the project's reader on a fragment
and says what will be created (for the preview the drafter confirms).
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.edit.operations import (
    EditError,
    EditText,
    MoveChildren,
    Operation,
    insert_near,
)
from drafting.edit.placement import insert_operation
from drafting.errors import ParseError
from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind
from drafting.read.parse import parse_text

#: Which kinds Enter splits (a heading's title stays one line).
SPLITTABLE = frozenset({UnitKind.PARAGRAPH, UnitKind.ITEM, UnitKind.SUBITEM})


def split_operations(
    draft: Draft, uid: str, offset: int, ctx: Context | None = None
) -> list[Operation]:
    """Enter at ``offset`` in the words of ``uid``: the unit keeps the words before, a new unit
    of the same kind right after it gets the words after. The unit's 项/目 go with the new
    unit: they stood after the cursor, and the text on screen never changes order (Enter at
    the end of a lead-in gives an empty 款 between the lead-in and its items).
    Raises EditError (Chinese) for a heading or an article."""
    ctx = ctx if ctx is not None and ctx.draft is draft else Context(draft)
    unit = ctx.units.get(uid)
    if unit is None or unit.kind not in SPLITTABLE:
        raise EditError("只能在款、项或目的文字中按 Enter 分段")
    offset = max(0, min(offset, len(unit.text)))
    head, tail = unit.text[:offset], unit.text[offset:]
    new = Unit(unit.kind, text=tail)
    ops: list[Operation] = []
    if head != unit.text:
        ops.append(EditText(uid, head))
    ops.append(insert_near(draft, uid, new, after=True, ctx=ctx))
    if unit.children:
        ops.append(MoveChildren(uid, new.uid))
    return ops


@dataclass
class PastePlan:
    """What a paste creates: the top units in order, all of one ``kind``."""

    units: list[Unit]
    kind: UnitKind

    def summary(self) -> list[str]:
        """One line per unit created, for the preview (条 with their 款 counted)."""
        lines: list[str] = []
        for unit in self.units:
            if unit.kind.is_heading:
                n = sum(1 for u in unit.walk() if u.kind is UnitKind.ARTICLE)
                lines.append(f"{unit.kind.word}：{unit.heading}（{n} 条）")
            elif unit.kind is UnitKind.ARTICLE:
                words = "".join(u.text for u in unit.walk())
                lines.append(f"条：{_short(words)}（{len(unit.children)} 款）")
            else:
                items = sum(1 for u in unit.children)
                extra = f"（含 {items} 项）" if items else ""
                lines.append(f"{unit.kind.word}：{_short(unit.text)}{extra}")
        return lines


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _unlock(unit: Unit) -> Unit:
    """Numbers of pasted units follow from where they land, not from the source's labels."""
    for u in unit.walk():
        u.label = ""
    return unit


def plan_paste(text: str) -> PastePlan | None:
    """The units several pasted paragraphs are; None for one line (an ordinary paste).

    Lines with 第X条 (and 第X章 …) become whole articles (chapters); otherwise the lines are
    the 款 of one article, lines like （一）… its 项.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return None
    fragment = "\n".join(lines)
    try:
        result = parse_text(fragment)
        units = [u for u in result.draft.units if u.kind.is_heading or u.kind is UnitKind.ARTICLE]
        if units and len({u.kind for u in units}) == 1:
            return PastePlan([_unlock(u) for u in units], units[0].kind)
        if units:  # articles and chapters mixed: chapters take their articles, loose ones alone
            return None
    except ParseError:
        pass
    try:
        article = parse_text("第一条 " + fragment).draft.articles()[0]
    except (ParseError, IndexError):
        return None
    paragraphs = article.children
    if len(paragraphs) == 1 and not paragraphs[0].text and paragraphs[0].children:
        items = [_unlock(u) for u in paragraphs[0].children]
        return PastePlan(items, items[0].kind)
    return PastePlan([_unlock(u) for u in paragraphs], UnitKind.PARAGRAPH)


def paste_insert(
    draft: Draft, unit: Unit, after_uid: str | None, ctx: Context | None = None
) -> Operation:
    """The insert of one pasted unit after ``after_uid`` (the unit in the editor, then the unit
    pasted before it), by the rules of 插入. Raises EditError where it cannot go."""
    return insert_operation(draft, unit, after_uid, True, ctx)

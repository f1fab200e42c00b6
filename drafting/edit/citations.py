"""Citations of a unit about to be deleted, and the words without them (no Qt).

Deleting 第十九条 leaves 第三十八条's "第十九条第二款" naming nothing (or, after renumbering,
another article). Before a delete the window lists the citations from outside the unit and
offers to delete them too (their words taken out of the citing text), keep them (marked as
broken in 检查) or cancel.
"""

from __future__ import annotations

from drafting.edit.unit_titles import unit_title
from drafting.model.positions import Context
from drafting.model.references import Reference, ReferenceIndex
from drafting.model.units import Draft


def citations_of(draft: Draft, index: ReferenceIndex, uid: str) -> list[Reference]:
    """References from outside the unit ``uid`` to it or anything in it, in reading order."""
    unit = draft.find(uid)
    if unit is None:
        return []
    inside = {u.uid for u in unit.walk()}
    found: dict[tuple[str, int, int], Reference] = {}
    for u in unit.walk():
        for ref in index.citing(u.uid):
            if ref.unit_uid not in inside:
                found.setdefault((ref.unit_uid, ref.start, ref.end), ref)
    order = {u.uid: i for i, u in enumerate(draft.walk())}
    return sorted(found.values(), key=lambda r: (order.get(r.unit_uid, 0), r.start))


def without_citations(text: str, refs: list[Reference]) -> str:
    """``text`` with the words of ``refs`` (references in it) taken out; overlaps once."""
    last = len(text) + 1
    for ref in sorted(refs, key=lambda r: r.start, reverse=True):
        if ref.end > last or text[ref.start : ref.end] != ref.text:
            continue
        text = text[: ref.start] + text[ref.end :]
        last = ref.start
    return text


def citation_lines(draft: Draft, refs: list[Reference], ctx: Context | None = None) -> list[str]:
    """One line per citation for the question: 第三十八条第一款：“本条例第十九条第二款”."""
    ctx = ctx if ctx is not None and ctx.draft is draft else Context(draft)
    return [f"{unit_title(draft, r.unit_uid, ctx)}：“{r.text}”" for r in refs]

"""How a decision names a 章/节/编 printed WITHOUT its number (宁波市河道管理条例 prints bare
heading lines “规划控制”, “生态治理”): by its quoted title, “生态治理”一章.

Why this form: such a heading has no number a reviewer could find in the printed text, and the
bare title (“在生态治理中增加一条”) reads as if 生态治理 were a word of an article. The committee
names a thing without a number by quoting it (将“……”修改为“……”), and 一章 says which level is
meant, so the label reads in every clause that names a heading:
将“生态治理”一章的章名修改为“……”, 删去“生态治理”一章的章名, 删去“生态治理”一章,
在“生态治理”一章中增加一条，作为第十二条, 将“生态治理”一章改为第三章, and a new one
在第十条后增加一章：“生态治理” (it has no number to be added 作为). ``amend`` finds the heading by
that title; two headings of the same level and title cannot be told apart (the clause fails
with its reason, see ``apply``).

Shapes: ``heading_label(ctx, uid)`` → 第二章 / 第二章第一节 (numbered: ``Context.full_label``) or
“生态治理”一章; ``titled(label)`` → (title, level word) or None; ``heading_kind(label)`` →
the ``UnitKind`` a label names (ValueError for a label that names no heading).
"""

from __future__ import annotations

import re

from drafting.model.positions import Context
from drafting.model.units import UnitKind

_WORD = {
    UnitKind.PART: "编",
    UnitKind.SUBPART: "分编",
    UnitKind.CHAPTER: "章",
    UnitKind.SECTION: "节",
}
_KIND = {w: k for k, w in _WORD.items()}
_TITLED = re.compile(r"“(?P<t>[^”\n]+)”一(?P<w>分编|编|章|节)")


def heading_label(ctx: Context, uid: str) -> str:
    """The label a decision names a heading by: its full label when it is numbered (第二章,
    第二章第一节), “生态治理”一章 when it is printed without a number."""
    unit = ctx.units.get(uid)
    if unit is None or not unit.kind.is_heading or unit.kind not in _WORD:
        return ctx.full_label(uid)
    if uid in ctx.ordinals and ctx.number(uid).label:
        return ctx.full_label(uid)
    return titled_label(unit.heading, unit.kind)


def titled_label(title: str, kind: UnitKind) -> str:
    """“生态治理”一章: a heading without a number named by its title."""
    return f"“{title.strip()}”一{_WORD[kind]}"


def titled(label: str) -> tuple[str, str] | None:
    """(title, 章) for “生态治理”一章; None for a numbered label."""
    m = _TITLED.fullmatch(label)
    return (m.group("t"), m.group("w")) if m is not None else None


def heading_kind(label: str) -> UnitKind:
    """The level a heading label names: 第三章 / “生态治理”一章 → CHAPTER, 第二分编 → SUBPART.
    ValueError (with a Chinese message) when the label names no 编/章/节."""
    named = titled(label)
    if named is not None:
        return _KIND[named[1]]
    for word in ("分编", "编", "章", "节"):
        if label.endswith(word):
            return _KIND[word]
    raise ValueError(f"无法识别“{label}”是哪一级标题")

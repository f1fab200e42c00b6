"""Citations a decision leaves without their provision (issue 11 §5, F15).

When a decision deletes, merges or moves away an article, 款 or 项 that another provision
cites (本条例第二十一条第一款第二项, 前款, 前两款), renumbering cannot follow it: the citation's
words stay as printed, and would silently name whatever now bears that number. Each such
citation is listed as a warning naming the citing place and what it cited, so that the decision
can be completed with the consequential amendment. A citation the decision itself rewrites (a
phrase edit over it, or the citing provision rewritten) is the drafter's own word: no warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from drafting.model.numbering import compute_numbers
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.positions import Context
from drafting.model.references import BROKEN, STALE, VALID, Reference
from drafting.model.units import Draft, UnitKind

_LAW_PREFIXES = ("本条例", "本法典", "本法", "本规定", "本办法", "本决定", "本细则", "本规则")


def place_words(draft: Draft) -> dict[str, str]:
    """uid → the place as a decision names it (第七条, 第七条第二款, 第七条第一款第三项;
    the 款 left out when the article has one), for every article, 款, 项 and 目."""
    numbers = compute_numbers(draft)
    out: dict[str, str] = {}
    for article in draft.articles():
        number = numbers.get(article.uid)
        label = number.label if number is not None else ""
        if not label:
            continue
        out[article.uid] = label
        many = len(article.children) > 1
        for k, paragraph in enumerate(article.children, 1):
            at = label + (f"第{to_chinese(k)}款" if many else "")
            out[paragraph.uid] = at
            for m, item in enumerate(paragraph.children, 1):
                out[item.uid] = f"{at}第{to_chinese(m)}项"
                for n, sub in enumerate(item.children, 1):
                    out[sub.uid] = f"{at}第{to_chinese(m)}项第{to_chinese(n)}目"
    return out


def _cited(ref: Reference) -> str:
    """The words of a citation without 本条例 (第二十一条第一款第二项)."""
    text = ref.text
    for prefix in _LAW_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix) :]
    return text


def orphaned_citations(
    before: Mapping[str, tuple[Reference, ...]],
    after: Mapping[str, tuple[Reference, ...]],
    alive: set[str],
    old_places: Mapping[str, str],
    new_draft: Draft,
) -> list[str]:
    """The warnings for every citation that was valid ``before`` the renumbering and is broken
    or stale ``after`` it (the same references, in the same order per unit), in a unit still
    in the text (``alive``): "第三十七条第一款援引的原第二十一条第一款第二项已被删去，请在修改
    决定中一并修改". The citing place is named by its old number (what the decision names),
    with its new one when it changed."""
    found: list[tuple[str, Reference, Reference]] = []
    for uid, refs in after.items():
        if uid not in alive:
            continue
        for old, new in zip(before.get(uid, ()), refs, strict=False):
            if old.status == VALID and new.status in (BROKEN, STALE):
                found.append((uid, old, new))
    if not found:
        return []
    new_places = place_words(new_draft)
    out: list[str] = []
    for uid, old, new in found:
        citer = old_places.get(uid, "")
        now = new_places.get(uid, "")
        where = f"{citer}（现{now}）" if now and citer and now != citer else citer or now
        out.append(f"{where}{_what(old, new, old_places, new_places)}，请在修改决定中一并修改")
    return out


def _what(
    old: Reference,
    new: Reference,
    old_places: Mapping[str, str],
    new_places: Mapping[str, str],
) -> str:
    """What became of the provision cited: deleted, moved elsewhere, or now another one."""
    if old.anchor:
        # 前款, 前两款, 本条: named by where the words stand, not by number.
        was = "、".join(old_places.get(u, "") for u in old.anchor if old_places.get(u))
        words = f"中的“{old.text}”所指的" + (f"原{was}" if was else "条款")
        if any(u not in new_places for u in old.anchor):
            return f"{words}已被删去"
        return f"{words}已不在其前，“{old.text}”现指向别的条款"
    cited = _cited(old)
    last = old.slots[-1].uid if old.slots else ""
    if last and last not in new_places:
        if old.is_range and old_places.get(last):
            # 第二条至第四条 when only 第四条 went: name the end that went, not the range (G5).
            return f"援引的原{old_places[last]}已被删去（“{cited}”的终点）"
        return f"援引的原{cited}已被删去"
    if last and new_places[last] != old_places.get(last):
        # Its 条 went (merged) or it moved under another one: it is numbered elsewhere now.
        return f"援引的原{cited}已移至{new_places[last]}"
    return f"援引的“{old.text}”{new.detail}"


# ---- citation ranges whose interior changed (G5) ---------------------------------------------

_NUMS = "零〇一二两三四五六七八九十百千"


@dataclass(frozen=True)
class OldRange:
    """A citation of a range in the old text (本条例第二条至第四条; 第一项至四项, whose end the
    writer shortened): the citing unit, the reference's rank among the unit's references, the
    words as printed, the units it covered, and for a shortened end its number (else 0)."""

    unit_uid: str
    rank: int
    words: str
    members: tuple[str, ...]
    end: int = 0


def _shortened_end(text: str, ref: Reference) -> tuple[int, str]:
    """The N of "至N项"/"至N款"/"至N条" right after a reference (第一项至四项: the second 第
    left out, so the scan reads 第一项 alone) and those words, when its unit word is the last
    slot's; else (0, "")."""
    if not ref.slots:
        return 0, ""
    m = re.match(rf"(?:至|到)([{_NUMS}]+)([条款项目])", text[ref.end :])
    if m is None or m.group(2) != ref.slots[-1].kind.word:
        return 0, ""
    try:
        return from_chinese(m.group(1)), m.group(0)
    except ValueError:
        return 0, ""


def _run(ctx: Context, first: str, end: int) -> tuple[str, ...]:
    """The units from ``first`` to the ``end``-th of its list (articles: the whole text)."""
    unit = ctx.units.get(first)
    if unit is None:
        return ()
    if unit.kind is UnitKind.ARTICLE:
        units, at = ctx.articles, ctx.article_pos[first]
        # An article's number counts in the whole text, not its 章: the end is an ordinal.
        ends = [k for k, a in enumerate(units) if ctx.ordinals.get(a.uid) == (end, 0)]
        stop = ends[0] + 1 if ends else len(units)
    else:
        units, at = ctx.siblings(first), ctx.position[first]
        stop = end
    return tuple(u.uid for u in units[at:stop])


def old_ranges(draft: Draft, refs: Mapping[str, tuple[Reference, ...]]) -> list[OldRange]:
    """Every valid range citation of ``draft`` (before a decision), with the units it covers."""
    ctx = Context(draft)
    out: list[OldRange] = []
    for uid, found in refs.items():
        unit = ctx.units.get(uid)
        if unit is None:
            continue
        for k, ref in enumerate(found):
            if ref.status != VALID or ref.anchor:
                continue
            if ref.is_range:
                out.append(OldRange(uid, k, _cited(ref), ref.targets))
                continue
            end, tail = _shortened_end(unit.text, ref)
            if end:
                words = unit.text[ref.start : ref.end] + tail
                members = _run(ctx, ref.slots[-1].uid, end)
                if len(members) > 1:
                    shown = _cited(replace(ref, text=words))
                    out.append(OldRange(uid, k, shown, members, end))
    return out


def range_warnings(
    ranges: list[OldRange],
    before: Mapping[str, tuple[Reference, ...]],
    after: Mapping[str, tuple[Reference, ...]],
    alive: set[str],
    old_places: Mapping[str, str],
    new_draft: Draft,
) -> list[str]:
    """A warning for every range citation (``old_ranges``) whose interior the decision changed
    — a unit inserted inside it, one deleted from it, one pushed out past a shortened end —
    in a unit still in the text and not rewritten (``alive``): "第五十二条援引的第四十四条第一款
    第一项至四项，其中增加了一项，请在修改决定中写明". The renumbered range would otherwise
    silently cover a provision the decision never attached to it (or drop one). A range whose
    end itself went is warned by ``orphaned_citations``."""
    if not ranges:
        return []
    ctx = Context(new_draft)
    new_places = place_words(new_draft)
    out: list[str] = []
    for old in ranges:
        refs = after.get(old.unit_uid, ())
        if old.unit_uid not in alive or len(refs) != len(before.get(old.unit_uid, ())):
            continue
        ref = refs[old.rank]
        if ref.status != VALID:
            continue  # broken or stale: orphaned_citations says so
        if old.end:
            members = _run(ctx, ref.slots[-1].uid, old.end) if ref.slots else ()
        else:
            members = ref.targets
        was = set(old.members)
        word = ctx.units[members[0]].kind.word if members else ""
        said: list[str] = []
        added = [u for u in members if u not in was]
        if added:
            said.append(f"增加了{to_chinese(len(added))}{word}")
        now = set(members)
        gone = [u for u in old.members if u not in ctx.units]
        if gone:
            said.append("删去了" + "、".join(f"原{_last(old_places.get(u, ''))}" for u in gone))
        out_of = [u for u in old.members if u in ctx.units and u not in now]
        for u in out_of:
            said.append(
                f"原{_last(old_places.get(u, ''))}现为{_last(new_places.get(u, ''))}，已不在其内"
            )
        first = ctx.units.get(ref.slots[-1].uid) if old.end and ref.slots else None
        if first is not None and first.kind is not UnitKind.ARTICLE:
            if len(ctx.siblings(first.uid)) < old.end:
                said.append(f"所写的第{to_chinese(old.end)}{first.kind.word}已不存在")
        if not said:
            continue
        citer = old_places.get(old.unit_uid, "")
        here = new_places.get(old.unit_uid, "")
        where = f"{citer}（现{here}）" if here and citer and here != citer else citer or here
        out.append(f"{where}援引的{old.words}，其中{'，'.join(said)}，请在修改决定中写明")
    return out


def _last(place: str) -> str:
    """The last number of a place (第四十四条第一款第二项 → 第二项; 第三条 → 第三条)."""
    found = re.findall(r"第[^第]+", place)
    return found[-1] if found else place


__all__ = ["OldRange", "old_ranges", "orphaned_citations", "place_words", "range_warnings"]

"""Citations a decision leaves without their provision (issue 11 §5, F15).

When a decision deletes, merges or moves away an article, 款 or 项 that another provision
cites (本条例第二十一条第一款第二项, 前款, 前两款), renumbering cannot follow it: the citation's
words stay as printed, and would silently name whatever now bears that number. Each such
citation is listed as a warning naming the citing place and what it cited, so that the decision
can be completed with the consequential amendment. A citation the decision itself rewrites (a
phrase edit over it, or the citing provision rewritten) is the drafter's own word: no warning.
"""

from __future__ import annotations

from collections.abc import Mapping

from drafting.model.numbering import compute_numbers
from drafting.model.numerals import to_chinese
from drafting.model.references import BROKEN, STALE, VALID, Reference
from drafting.model.units import Draft

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
        return f"援引的原{cited}已被删去"
    if last and new_places[last] != old_places.get(last):
        # Its 条 went (merged) or it moved under another one: it is numbered elsewhere now.
        return f"援引的原{cited}已移至{new_places[last]}"
    return f"援引的“{old.text}”{new.detail}"


__all__ = ["orphaned_citations", "place_words"]

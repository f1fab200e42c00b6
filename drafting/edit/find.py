"""Find and replace in a draft's words (no Qt).

A hit names the unit whose words hold it (a 款/项/目's ``text`` or a heading's ``heading``), the
character offsets in those words, and the article or heading it belongs to (for the list of hits
by article). Options that make sense for Chinese: 区分大小写 and 全字匹配 only change how Latin
letters and digits match (a Chinese phrase has no word boundary to respect, so 全字 asks only that
an ASCII word is not part of a longer ASCII word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind


@dataclass(frozen=True)
class FindOptions:
    """How to match: ``case`` 区分大小写 (Latin letters), ``whole_word`` 全字匹配 (ASCII words)."""

    case: bool = False
    whole_word: bool = False


@dataclass(frozen=True)
class Hit:
    """One occurrence: ``text[start:end]`` of the unit ``uid``'s ``field``; ``owner`` is the
    article (or heading) holding it, ``owner_label`` its name (第十二条, 第三章)."""

    uid: str
    field: str
    start: int
    end: int
    owner: str
    owner_label: str
    line: str  # the words of the unit, for the list of hits


def pattern(needle: str, options: FindOptions = FindOptions()) -> re.Pattern[str] | None:
    """The compiled pattern for ``needle`` (None for an empty needle)."""
    if not needle:
        return None
    body = re.escape(needle)
    if options.whole_word:
        body = r"(?<![A-Za-z0-9_])" + body + r"(?![A-Za-z0-9_])"
    return re.compile(body, 0 if options.case else re.IGNORECASE)


def _words_units(draft: Draft) -> list[tuple[Unit, str]]:
    """Every unit with words, in reading order, with the field its words are in."""
    out: list[tuple[Unit, str]] = []
    for unit in draft.walk():
        if unit.kind.is_heading:
            if unit.heading:
                out.append((unit, "heading"))
        elif unit.text:
            out.append((unit, "text"))
    return out


def find_all(
    draft: Draft, needle: str, options: FindOptions = FindOptions(), ctx: Context | None = None
) -> list[Hit]:
    """Every hit of ``needle`` in the draft's words, in reading order (empty for '')."""
    compiled = pattern(needle, options)
    if compiled is None:
        return []
    ctx = ctx if ctx is not None and ctx.draft is draft else Context(draft)
    hits: list[Hit] = []
    labels: dict[str, str] = {}
    for unit, field in _words_units(draft):
        words = getattr(unit, field)
        matches = list(compiled.finditer(words))
        if not matches:
            continue
        owner = unit if unit.kind.is_heading else ctx.container(unit.uid, UnitKind.ARTICLE)
        owner_uid = owner.uid if owner is not None else unit.uid
        if owner_uid not in labels:
            labels[owner_uid] = ctx.full_label(owner_uid) if owner is not None else ""
        for m in matches:
            if m.end() == m.start():
                continue
            hits.append(
                Hit(unit.uid, field, m.start(), m.end(), owner_uid, labels[owner_uid], words)
            )
    return hits


def title_count(draft: Draft, needle: str, options: FindOptions = FindOptions()) -> int:
    """How often ``needle`` stands in the draft's title, which find and replace leave alone
    (the title is not a unit's words): the window says so rather than count it silently."""
    compiled = pattern(needle, options)
    if compiled is None:
        return 0
    return sum(1 for m in compiled.finditer(draft.title or "") if m.end() > m.start())


def replace_in(
    text: str, needle: str, replacement: str, options: FindOptions = FindOptions()
) -> tuple[str, int]:
    """``text`` with every hit replaced (taken literally) and how many were."""
    compiled = pattern(needle, options)
    if compiled is None:
        return text, 0
    return compiled.subn(lambda _m: replacement, text)


def replacements(
    draft: Draft, needle: str, replacement: str, options: FindOptions = FindOptions()
) -> list[tuple[str, str, str, int]]:
    """What 全部替换 changes: (uid, field, new words, hits replaced) per unit, reading order."""
    out: list[tuple[str, str, str, int]] = []
    for unit, field in _words_units(draft):
        words = getattr(unit, field)
        value, count = replace_in(words, needle, replacement, options)
        if count:
            out.append((unit.uid, field, value, count))
    return out


def replace_one(text: str, hit: Hit, replacement: str) -> str:
    """The words of ``hit``'s unit with that one hit replaced."""
    return text[: hit.start] + replacement + text[hit.end :]

"""The draft as seen by reference resolution: every unit, its parent, position and number.

One ``Context`` is built in one walk of the tree for one pass (resolving or rewriting
references, running checks). It numbers units in the same walk, exactly as
``numbering.compute_numbers`` does (a test compares both on every corpus text), because calling
compute_numbers as well would double the cost of an edit in a 1,260-article text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafting.model.numbering import Number, read_label, run_on_markers
from drafting.model.numerals import from_chinese, to_chinese
from drafting.model.units import Draft, Numbering, Unit, UnitKind

_NUM = "[零〇一二两三四五六七八九十百千]+"


class Context:
    """Positions and numbers of one state of a draft: built in one walk, used for one pass."""

    def __init__(self, draft: Draft, *, source_labels: Sequence[str] | None = None) -> None:
        self.draft = draft
        self.units: dict[str, Unit] = {}
        self.parent: dict[str, Unit | None] = {}
        self.position: dict[str, int] = {}  # index among siblings
        # (ordinal, insert) per uid, the same numbers as numbering.compute_numbers, found in
        # the same walk (compute_numbers would double the cost of an edit on 民法典).
        self.ordinals: dict[str, tuple[int, int]] = {}
        self.articles: list[Unit] = []
        self.printed: dict[str, str] = {}  # uid → locked label (Unit.label), locked units only
        self._state = [0, 0, 0]  # article ordinal, insert, part ordinal
        self._run_on = bool(run_on_markers(draft))  # chapters numbered across 编
        self._visit(draft.units, None, [0])
        self.article_pos = {a.uid: i for i, a in enumerate(self.articles)}
        self._source_labels = source_labels
        self._lookup: dict[tuple[int, str, int, int], list[str]] | None = None

    def _visit(self, children: list[Unit], up: Unit | None, chapters: list[int]) -> None:
        units, parent, position, ordinals = self.units, self.parent, self.position, self.ordinals
        state = self._state
        counters: dict[UnitKind, int] = {}
        for pos, unit in enumerate(children):
            uid = unit.uid
            units[uid] = unit
            parent[uid] = up
            position[uid] = pos
            kind = unit.kind
            if kind is UnitKind.ARTICLE:
                self.articles.append(unit)
                if unit.numbering is Numbering.INSERTED and state[0] > 0:
                    state[1] += 1
                    ordinals[uid] = (state[0], state[1])
                elif unit.numbering is Numbering.NONE:
                    ordinals[uid] = (0, 0)
                else:
                    state[0] += 1
                    state[1] = 0
                    ordinals[uid] = (state[0], 0)
                if unit.label and unit.numbering is not Numbering.NONE:
                    state[0], state[1] = ordinals[uid] = self._locked(unit, *ordinals[uid])
                p = 0
                for paragraph in unit.children:
                    puid = paragraph.uid
                    units[puid], parent[puid], position[puid] = paragraph, unit, p
                    p += 1
                    if paragraph.label:
                        p = self._locked(paragraph, p, 0)[0]
                    ordinals[puid] = (p, 0)
                    i = 0
                    for ipos, item in enumerate(paragraph.children):
                        iuid = item.uid
                        units[iuid], parent[iuid], position[iuid] = item, paragraph, ipos
                        if item.numbering is Numbering.NONE:
                            ordinals[iuid] = (0, 0)  # a line of the list: the count runs on
                        else:
                            i += 1
                            if item.label:
                                i = self._locked(item, i, 0)[0]
                            ordinals[iuid] = (i, 0)
                        j = 0
                        for jpos, sub in enumerate(item.children):
                            suid = sub.uid
                            units[suid], parent[suid], position[suid] = sub, item, jpos
                            if sub.numbering is Numbering.NONE:
                                ordinals[suid] = (0, 0)
                                continue
                            j += 1
                            if sub.label:
                                j = self._locked(sub, j, 0)[0]
                            ordinals[suid] = (j, 0)
                continue
            if unit.numbering is Numbering.NONE:
                ordinals[uid] = (0, 0)
            elif kind is UnitKind.CHAPTER:
                chapters[0] += 1
                if unit.label:
                    chapters[0] = self._locked(unit, chapters[0], 0)[0]
                ordinals[uid] = (chapters[0], 0)
            elif kind is UnitKind.PART:
                state[2] += 1
                if unit.label:
                    state[2] = self._locked(unit, state[2], 0)[0]
                ordinals[uid] = (state[2], 0)
            else:
                counters[kind] = counters.get(kind, 0) + 1
                if unit.label:
                    counters[kind] = self._locked(unit, counters[kind], 0)[0]
                ordinals[uid] = (counters[kind], 0)
            # Chapters restart in each 编 but run on through its 分编.
            restart = kind is UnitKind.PART and not self._run_on
            self._visit(unit.children, unit, [0] if restart else chapters)

    def _locked(self, unit: Unit, ordinal: int, insert: int) -> tuple[int, int]:
        """A locked unit (numbering.compute_numbers does the same): its printed numbers."""
        self.printed[unit.uid] = unit.label
        parsed = read_label(unit.kind, unit.label)
        return parsed if parsed is not None else (ordinal, insert)

    def number(self, uid: str) -> Number:
        """The unit's number at its current position (a locked unit: its printed label)."""
        ordinal, insert = self.ordinals[uid]
        unit = self.units[uid]
        bare = unit.numbering is Numbering.UNLABELLED  # printed without a label (G12)
        return Number(unit.kind, ordinal, insert, self.printed.get(uid, ""), bare)

    # -- structure helpers
    def container(self, uid: str, kind: UnitKind) -> Unit | None:
        """The nearest unit of ``kind`` holding ``uid`` (itself included), or None."""
        unit = self.units.get(uid)
        while unit is not None and unit.kind is not kind:
            unit = self.parent.get(unit.uid)
        return unit

    def siblings(self, uid: str) -> list[Unit]:
        """The list holding the unit (its parent's children, or the draft's top units)."""
        up = self.parent.get(uid)
        return up.children if up is not None else self.draft.units

    def full_label(self, uid: str) -> str:
        """第十二条第一款第（二）项, 第二章第三节: the unit named in full."""
        unit = self.units.get(uid)
        if unit is None:
            return ""
        parts: list[str] = []
        while unit is not None:
            if unit.uid not in self.ordinals:
                break
            number = self.number(unit.uid)
            kind = unit.kind
            if kind is UnitKind.ITEM:
                # An item printed without a label is still named by its number (G12).
                parts.append(f"第{number.label or number.positional_label}项")
            elif kind is UnitKind.SUBITEM:
                parts.append(f"第{to_chinese(number.ordinal)}目")
            else:
                parts.append(number.label or unit.heading)
            if kind in (UnitKind.ARTICLE, UnitKind.PART):
                break
            if kind is UnitKind.CHAPTER:
                # Chapters are counted per 编 (民法典): name the 编, skip the 分编.
                unit = self.container(unit.uid, UnitKind.PART)
                continue
            unit = self.parent.get(unit.uid)
        return "".join(reversed(parts))

    # -- lookup by number (lazy: only resolution needs it)
    def lookup(self, level: int, scope: str, ordinal: int, insert: int) -> list[str]:
        """Uids numbered so at this level under ``scope`` ("" = anywhere)."""
        if self._lookup is None:
            self._build_lookup()
        assert self._lookup is not None
        return self._lookup.get((level, scope, ordinal, insert), [])

    def _build_lookup(self) -> None:
        table: dict[tuple[int, str, int, int], list[str]] = {}
        labels = self._source_labels
        if labels is not None and len(labels) == len(self.articles):
            for article, label in zip(self.articles, labels, strict=True):
                parsed = parse_article_label(label)
                if parsed is not None:
                    table.setdefault((4, "", *parsed), []).append(article.uid)
            source = True
        else:
            source = False
        for uid, unit in self.units.items():
            kind = unit.kind
            number = self.number(uid)
            if number.ordinal <= 0:
                continue
            if kind is UnitKind.ARTICLE:
                if not source:
                    table.setdefault((4, "", number.ordinal, number.insert), []).append(uid)
            elif kind is UnitKind.PART:
                table.setdefault((0, "", number.ordinal, 0), []).append(uid)
            elif kind is UnitKind.SUBPART:
                part = self.container(uid, UnitKind.PART)
                table.setdefault((1, part.uid if part else "", number.ordinal, 0), []).append(uid)
            elif kind is UnitKind.CHAPTER:
                part = self.container(uid, UnitKind.PART)
                table.setdefault((2, part.uid if part else "", number.ordinal, 0), []).append(uid)
            elif kind is UnitKind.SECTION:
                up = self.parent[uid]
                table.setdefault((3, up.uid if up else "", number.ordinal, 0), []).append(uid)
        self._lookup = table


def parse_article_label(label: str) -> tuple[int, int] | None:
    """第十二条 → (12, 0); 第十二条之一 → (12, 1); None when it is not an article label."""
    m = re.fullmatch(rf"第({_NUM}|\d+)条(?:之({_NUM}))?", label.strip())
    if m is None:
        return None
    return from_chinese(m.group(1)), from_chinese(m.group(2)) if m.group(2) else 0

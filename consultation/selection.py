"""Between a laid-out text and comment targets: selected characters → a target, and back.

A reading view shows each 款/项/目 as its own line (labels included; ``text_starts`` says where
its words begin); a target indexes ``DraftIndex.text(uid)`` — the unit's words and the words
below it joined by line breaks, labels left out. These functions map one to the other for any
layout that answers the four questions of ``LaidOutText`` (the reading pane's
``HouseDocument`` does), so they are tested without Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from consultation.anchors import target_for_selection
from consultation.draft_index import DraftIndex
from consultation.model import Target
from drafting.model.units import Unit, UnitKind


class LaidOutText(Protocol):
    """Where a draft's units are in a laid-out text (character positions from 0)."""

    @property
    def spans(self) -> Mapping[str, tuple[int, int]]:
        """Heading or article uid → (start, end) of all its lines."""
        ...

    @property
    def text_starts(self) -> Mapping[str, int]:
        """款/项/目 (or heading) uid → where its words start, after its label."""
        ...

    def uid_at(self, position: int) -> str | None:
        """The heading or article at a position, or None (the title)."""
        ...

    def text_uid_at(self, position: int) -> str | None:
        """The 款/项/目 (or heading) whose line holds a position, or None."""
        ...


def unit_pieces(unit: Unit) -> list[tuple[str, int, int]]:
    """(uid, offset in DraftIndex.text(unit), length) for each unit with words under ``unit``."""
    out: list[tuple[str, int, int]] = []
    at = 0
    for u in unit.walk():
        if u.text:
            out.append((u.uid, at, len(u.text)))
            at += len(u.text) + 1  # the "\n" that joins them
    return out


def _offset_in(layout: LaidOutText, pieces: list[tuple[str, int, int]], position: int) -> int:
    """A layout position as an offset in a unit's DraftIndex.text (a label counts as the
    start of the words after it)."""
    offset = 0
    for uid, at, length in pieces:
        begin = layout.text_starts.get(uid)
        if begin is None:
            continue
        if position < begin:
            return at  # in the label or line break before these words
        if position <= begin + length:
            return at + position - begin
        offset = at + length
    return offset


def selection_target(layout: LaidOutText, index: DraftIndex, start: int, end: int) -> Target | None:
    """The target of a comment on the characters ``start``…``end``: the 款/项/目 holding
    them, or the article when they run over several (cut at the article's end); a heading's
    uid for a selection in a heading; None outside any unit (the title)."""
    start, end = min(start, end), max(start, end)
    if start == end:
        uid = layout.uid_at(start)
        return Target(uid) if uid else None
    first = layout.text_uid_at(start)
    last = layout.text_uid_at(max(start, end - 1))
    if first is not None and first == last and first not in layout.spans:
        base = layout.text_starts.get(first)
        if base is not None and first in index:
            return target_for_selection(index, first, start - base, end - base)
    article = layout.uid_at(start) or layout.uid_at(max(start, end - 1))
    if article is None or article not in index:
        return None
    unit = index.units[article]
    if unit.kind is not UnitKind.ARTICLE:
        return Target(article)
    end = min(end, layout.spans[article][1])
    pieces = unit_pieces(unit)
    return target_for_selection(
        index, article, _offset_in(layout, pieces, start), _offset_in(layout, pieces, end)
    )


def quote_positions(
    layout: LaidOutText, index: DraftIndex, uid: str, span: tuple[int, int]
) -> tuple[int, int] | None:
    """Where a quoted span of ``DraftIndex.text(uid)`` is in the layout, or None."""
    unit = index.units.get(uid)
    if unit is None:
        return None
    ends: list[int] = []
    for position in span:
        for piece, offset, length in unit_pieces(unit):
            if offset <= position <= offset + length and piece in layout.text_starts:
                ends.append(layout.text_starts[piece] + position - offset)
                break
    if len(ends) != 2 or ends[1] <= ends[0]:
        return None
    return ends[0], ends[1]

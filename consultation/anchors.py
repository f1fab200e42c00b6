"""Where a comment sits in a later version: attached, quoted words changed, or orphaned.

A comment targets a unit uid (and maybe quoted words). Units keep their uids from version to
version, so renumbering and moving cost nothing: the uid is still there. When a unit was split
or merged, its uid may be gone; a version can then record *lineage* (new uid → the uid or uids
it came from), and resolution follows it — and says so in the result, never silently. A split
that leaves the original uid in place is named too (the comment stays, or goes with its quoted
words into the new part). ``lineage_since`` keeps a comment on a frozen version from following
splits and merges recorded before that version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from consultation.draft_index import DraftIndex
from consultation.model import Comment, Target
from drafting.model.units import Draft

#: new uid → the uid it came from (a split part), or several uids (a merge).
Lineage = Mapping[str, str | Sequence[str]]

_SPACE = re.compile(r"\s+")


class AnchorState(StrEnum):
    """How a comment's target is found in a draft."""

    ATTACHED = "attached"
    QUOTE_CHANGED = "quote_changed"
    ORPHANED = "orphaned"

    @property
    def label(self) -> str:
        """The Chinese word shown next to the comment."""
        return _STATE_LABELS[self]


_STATE_LABELS = {
    AnchorState.ATTACHED: "已对应",
    AnchorState.QUOTE_CHANGED: "引文已修改",
    AnchorState.ORPHANED: "条文已删除",
}


class Followed(StrEnum):
    """Which lineage step resolution followed to reach the unit ('' when none)."""

    NONE = ""
    SPLIT = "split"
    MERGE = "merge"
    REPLACED = "replaced"


@dataclass(frozen=True)
class Anchor:
    """The result of resolving a target in a draft.

    ``uid`` is where the comment now sits (None for a whole-draft comment or an orphan);
    ``followed`` tells whether it got there through a split/merge; ``candidates`` lists every
    unit the old one became, so a split is shown with all its parts; ``span`` locates the
    quoted words in the unit's text when they are still there.
    """

    state: AnchorState
    uid: str | None
    followed: Followed = Followed.NONE
    candidates: tuple[str, ...] = ()
    span: tuple[int, int] | None = None

    def message(self, index: DraftIndex) -> str:
        """A one-line Chinese explanation for the comments panel."""
        where = index.label(self.uid) if self.uid else ""
        if self.state is AnchorState.ORPHANED:
            return "意见所针对的条文在本稿中已删除"
        parts = "、".join(index.label(u) for u in self.candidates)
        if self.followed is Followed.SPLIT:
            head = f"原条文已拆分为{parts}，意见现对应{where}"
        elif self.followed is Followed.MERGE:
            head = f"原条文已与其他条文合并，意见现对应{where}"
        elif self.followed is Followed.REPLACED:
            head = f"原条文已改写为{where}，意见随之对应"
        elif self.uid is None:
            head = "总体意见"
        else:
            head = f"对应{where}"
        if self.state is AnchorState.QUOTE_CHANGED:
            head += "；所引用的文字已修改"
        return head


def locate_quote(text: str, quote: str, offset: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text``: the occurrence nearest ``offset``; None if absent."""
    if not quote:
        return None
    starts: list[int] = []
    at = text.find(quote)
    while at >= 0:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        return None
    hint = offset if offset is not None else 0
    best = min(starts, key=lambda s: abs(s - hint))
    return best, best + len(quote)


def _quote_present(text: str, quote: str) -> bool:
    if quote in text:
        return True
    # A line break or spaces inside the selection must not break the anchor.
    return _SPACE.sub("", quote) in _SPACE.sub("", text)


def _origins(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


#: origin uid → [(new uid, number of origins of the new uid)]: lineage read the other way.
_Reverse = dict[str, list[tuple[str, int]]]


def _reverse(lineage: Lineage) -> _Reverse:
    reverse: _Reverse = {}
    for new, value in lineage.items():
        origins = _origins(value)
        for origin in dict.fromkeys(origins):
            if origin != new:  # a merge keeps the surviving unit among its own origins
                reverse.setdefault(origin, []).append((new, len(origins)))
    return reverse


def _successors(uid: str, reverse: _Reverse) -> dict[str, int]:
    """The uids a unit became, directly or through several versions; value = number of origins."""
    found: dict[str, int] = {}
    frontier = [uid]
    seen = {uid}
    while frontier:
        current = frontier.pop()
        for new, count in reverse.get(current, ()):
            if new not in seen:
                seen.add(new)
                found[new] = count
                frontier.append(new)
    return found


def lineage_since(current: Lineage, earlier: Lineage) -> dict[str, tuple[str, ...]]:
    """The lineage recorded after ``earlier`` (a version's own) up to ``current`` (a later one).

    A frozen version keeps the lineage of every split and merge made before it; a comment made
    on it should follow only the ones made after it.
    """
    out: dict[str, tuple[str, ...]] = {}
    for uid, value in current.items():
        before = set(_origins(earlier[uid])) if uid in earlier else set()
        origins = _origins(value)
        if set(origins) != before:
            # A merge adds to an entry: the surviving unit and every origin stay listed, so
            # the entry still reads as a merge.
            out[uid] = tuple(origins)
    return out


def lineages_since(
    current: Lineage, frozen: Mapping[int, Lineage]
) -> dict[int, dict[str, tuple[str, ...]]]:
    """``by_version`` for ``resolve_comments``: for each frozen version (id → its own lineage),
    the part of ``current`` (the lineage of the text shown) recorded after it."""
    return {version: lineage_since(current, earlier) for version, earlier in frozen.items()}


def resolve_anchor(
    target: Target, draft: Draft | DraftIndex, lineage: Lineage | None = None
) -> Anchor:
    """Find a comment's target in ``draft``, following lineage when its uid is gone.

    When the uid is still there but a split took part of it into a new unit, the comment is
    shown with every part (``followed`` is SPLIT): on the part holding its quoted words, else
    where it was.
    """
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    return _resolve(target, index, _reverse(lineage or {}))


def _resolve(target: Target, index: DraftIndex, reverse: _Reverse) -> Anchor:
    if target.uid is None:
        return Anchor(AnchorState.ATTACHED, None)
    if target.uid in index:
        anchor = _check_quote(target, index, target.uid)
        if target.uid in reverse:
            return _split_in_place(target, index, reverse, anchor)
        return anchor
    successors = _successors(target.uid, reverse)
    present = sorted((u for u in successors if u in index), key=index.order.__getitem__)
    if not present:
        return Anchor(AnchorState.ORPHANED, None)
    split = len([u for u in successors if successors[u] == 1]) > 1
    if target.quote:
        holding = [u for u in present if _quote_present(index.text(u), target.quote)]
        chosen = holding[0] if holding else present[0]
    else:
        chosen = present[0]
    if split:
        followed = Followed.SPLIT
    elif successors[chosen] > 1:
        followed = Followed.MERGE
    else:
        followed = Followed.REPLACED
    anchor = _check_quote(target, index, chosen)
    return Anchor(anchor.state, chosen, followed, tuple(present), anchor.span)


def _split_in_place(target: Target, index: DraftIndex, reverse: _Reverse, anchor: Anchor) -> Anchor:
    """The unit is still there and split parts came from it: name them; the quote picks."""
    successors = _successors(target.uid or "", reverse)
    parts = [u for u, count in successors.items() if count == 1 and u in index]
    if not parts:
        return anchor
    present = sorted({target.uid or "", *parts}, key=index.order.__getitem__)
    chosen = anchor.uid or ""
    if target.quote and anchor.state is AnchorState.QUOTE_CHANGED:
        holding = [u for u in parts if _quote_present(index.text(u), target.quote)]
        if holding:
            chosen = min(holding, key=index.order.__getitem__)
    found = _check_quote(target, index, chosen)
    return Anchor(found.state, chosen, Followed.SPLIT, tuple(present), found.span)


def _check_quote(target: Target, index: DraftIndex, uid: str) -> Anchor:
    if not target.quote:
        return Anchor(AnchorState.ATTACHED, uid)
    text = index.text(uid)
    if not _quote_present(text, target.quote):
        return Anchor(AnchorState.QUOTE_CHANGED, uid)
    return Anchor(AnchorState.ATTACHED, uid, span=locate_quote(text, target.quote, target.offset))


def anchor_state(
    target: Target, draft: Draft | DraftIndex, lineage: Lineage | None = None
) -> AnchorState:
    """attached / quote_changed / orphaned for one target in one draft."""
    return resolve_anchor(target, draft, lineage).state


def resolve_comments(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    lineage: Lineage | None = None,
    by_version: Mapping[int, Lineage] | None = None,
) -> list[Anchor]:
    """Resolve comments' targets: with ``lineage``, or for a comment made on a version listed
    in ``by_version`` with that version's lineage (see ``lineage_since``)."""
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    by_version = by_version or {}
    groups: dict[int | None, list[int]] = {}
    for position, comment in enumerate(comments):
        key = comment.version_id if comment.version_id in by_version else None
        groups.setdefault(key, []).append(position)
    anchors: list[Anchor] = [Anchor(AnchorState.ORPHANED, None)] * len(comments)
    for key, positions in groups.items():
        reverse = _reverse((by_version[key] if key is not None else lineage) or {})
        # Most comments share a target (a campaign on one article): resolve each target once.
        known: dict[Target, Anchor] = {}
        for position in positions:
            target = comments[position].target
            anchor = known.get(target)
            if anchor is None:
                anchor = known[target] = _resolve(target, index, reverse)
            anchors[position] = anchor
    return anchors


def target_for_selection(draft: Draft | DraftIndex, uid: str, start: int, end: int) -> Target:
    """The target of a comment made on selected words: unit uid, the words, where they start.

    ``start``/``end`` index the unit's text as ``DraftIndex.text`` gives it (its words and the
    words below it, one line each). An empty selection targets the whole unit.
    """
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    if uid not in index:
        raise KeyError(uid)
    text = index.text(uid)
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    quote = text[start:end].strip()
    if not quote:
        return Target(uid)
    return Target(uid, quote, start + text[start:end].find(quote))

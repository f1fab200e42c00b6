"""Laying out again only what an edit of structure changed in the reading pane's document.

Laying out the 民法典 afresh costs ~50 ms to build and as much again for Qt to lay it out, and
four times that at four times its size. After an insert, delete, move, split or merge the
document is instead edited in place: the headings and articles between the longest unchanged
start and end (the *stretch*) are replaced by the same units laid out alone with the public
``build_house_document``; the others keep their blocks, get their new numbers written over
the old ones and the words an edit rewrote (references) patched. The positions kept by the
``HouseDocument`` move once, at the end. Anything unexpected gives up (``Unchanged``) and the
caller lays the whole text out again, so the result is always the same as a fresh layout.

``HouseDocument.sync`` (the layout room's) does the same from the whole layout stream; measured
with bench/bench_edit.py it took 148 ms (民法典) and 1.4 s (4×) for an insert before 第一条,
this 74 ms and 0.35 s, so the pane uses this. It keeps only the HouseDocument fields the pane
reads (spans, text_starts, block_units, uids, references): do not call ``sync`` on a document
this has changed (``show_draft`` lays it out afresh first).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtGui import QTextCursor, QTextDocument

from drafting.model.numbering import Number
from drafting.model.positions import Context
from drafting.model.references import Reference, ReferenceIndex
from drafting.model.units import Draft, Unit, UnitKind
from drafting.write.plain_text import heading_line
from ui.text.house_document import HouseDocument, build_house_document

#: At most this many headings and articles are laid out again in place; beyond it (a chapter
#: moved far away) the whole text is laid out afresh.
MAX_RELAID = 300

#: In a document longer than this (characters), new numbers and rewritten references far from
#: the screen are written a little later, a chunk at a time (``write_later``): an insert before
#: 第一条 of the 民法典 renumbers 1,260 articles and rewrites references all through the text,
#: and Qt would lay everything between the first and the last change out again at once.
LATER_CHARS = 60_000
#: How many characters before and after the screen get their numbers at once.
NEAR_SCREEN = 4000


class Unchanged(Exception):
    """The edit cannot be applied in place: lay the whole text out again."""


@dataclass(frozen=True)
class Later:
    """A change left for later: a unit's number (``words`` False: at the start of its span) or
    its words (True: at its word start, with the references to mark)."""

    uid: str
    old: str
    new: str
    words: bool = False
    refs: tuple[Reference, ...] = ()


@dataclass
class Shown:
    """What the document shows: headings and articles in order and their numbers; ``later``:
    changes still to write, far from the screen."""

    order: list[str]
    numbers: dict[str, Number]
    later: list[Later] | None = None


def shown_order(ctx: Context) -> list[str]:
    """The headings and articles of a draft in text order (the document's units)."""
    return [uid for uid, u in ctx.units.items() if u.kind.is_heading or u.kind is UnitKind.ARTICLE]


def _holder(ctx: Context, uid: str) -> str:
    unit = ctx.units[uid]
    if unit.kind.is_heading or unit.kind is UnitKind.ARTICLE:
        return uid
    article = ctx.container(uid, UnitKind.ARTICLE)
    if article is None:
        raise Unchanged
    return article.uid


def _old_holder(house: HouseDocument, uid: str) -> str | None:
    if uid in house.spans:
        return uid
    start = house.text_starts.get(uid)
    return house.uid_at(start) if start is not None else None


def _heading_prefix(number: Number, heading: str) -> str:
    line = heading_line(number, heading)
    return line[: len(line) - len(heading)] if heading else line


def _text_uids(unit: Unit) -> list[str]:
    return [u.uid for u in unit.walk() if u.kind.is_heading or u.text] if unit else []


@dataclass
class _Edit:
    position: int  # in the document before any edit
    delta: int  # change in length


def relayout(
    house: HouseDocument,
    shown: Shown,
    ctx: Context,
    numbers: dict[str, Number],
    references: ReferenceIndex | None,
    touched: Iterable[str],
    text_changes: Sequence[tuple[str, str, str]],
    scale: float,
    screen: tuple[int, int] | None = None,
) -> Shown:
    """Bring ``house`` (showing ``shown``) up to the draft of ``ctx``; returns what it shows
    now. ``touched``: uids the edit inserted, removed or moved; ``text_changes``: (uid, old
    words, new words) of the edit; ``screen``: the characters shown (new numbers far from them
    may be left for ``write_later``). Raises Unchanged (the document may be half edited: lay it
    out afresh) when it cannot be done in place."""
    if house.tables or any(u.table is not None for u in ctx.units.values()):
        raise Unchanged  # a table is many text blocks (QTextTable): lay out afresh
    dirty: set[str] = set()
    for uid in touched:
        if uid in ctx.units:
            dirty.add(_holder(ctx, uid))
        old = _old_holder(house, uid)
        if old is not None:
            dirty.add(old)
        elif uid not in ctx.units:
            raise Unchanged
    for uid, _before, _after in text_changes:
        if uid in ctx.units and _old_holder(house, uid) not in (None, _holder(ctx, uid)):
            raise Unchanged
        if uid in ctx.units and uid not in house.text_starts:
            # Words not shown as a block of their own (an empty 款 before its items, as Enter
            # at the end of a lead-in makes): its article is laid out again with them.
            dirty.add(_holder(ctx, uid))
    old_order, new_order = shown.order, shown_order(ctx)
    n_old, n_new = len(old_order), len(new_order)
    p = 0
    while p < min(n_old, n_new) and old_order[p] == new_order[p] and old_order[p] not in dirty:
        p += 1
    q = 0
    while (
        q < min(n_old, n_new) - p
        and old_order[n_old - 1 - q] == new_order[n_new - 1 - q]
        and old_order[n_old - 1 - q] not in dirty
    ):
        q += 1
    old_region, new_region = old_order[p : n_old - q], new_order[p : n_new - q]
    if max(len(old_region), len(new_region)) > MAX_RELAID:
        raise Unchanged
    document = house.document
    if old_region:
        anchor_end = document.findBlock(house.spans[old_region[0]][0]).position() - 1
        region_end = house.spans[old_region[-1]][1]
    elif p > 0:
        anchor_end = region_end = house.spans[old_order[p - 1]][1]
    elif old_order:
        anchor_end = region_end = document.findBlock(house.spans[old_order[0]][0]).position() - 1
    else:
        anchor_end = region_end = document.characterCount() - 1
    if anchor_end < 0:
        raise Unchanged
    first_block = document.findBlock(anchor_end).blockNumber() + 1
    last_old_block = document.findBlock(region_end).blockNumber() if old_region else first_block - 1

    # New numbers of the headings and articles kept, written over the old ones.
    relabels: list[tuple[int, str, str]] = []
    for uid in old_order[:p] + old_order[n_old - q :]:
        old_n, new_n = shown.numbers.get(uid), numbers.get(uid)
        if old_n is None or new_n is None:
            raise Unchanged
        if old_n == new_n:
            continue
        if (old_n.ordinal > 0) != (new_n.ordinal > 0):
            raise Unchanged  # a label comes or goes, and the separator after it
        unit = ctx.units[uid]
        if unit.kind.is_heading:
            old_words = _heading_prefix(old_n, unit.heading)
            new_words = _heading_prefix(new_n, unit.heading)
        else:
            old_words, new_words = old_n.label, new_n.label
        relabels.append((house.spans[uid][0], old_words, new_words))
    new_set = set(new_region)
    patches = [
        (uid, old_text, new_text)
        for uid, old_text, new_text in text_changes
        if uid in house.text_starts
        and uid in ctx.units
        and _holder(ctx, uid) not in new_set
        and not anchor_end < house.text_starts[uid] <= region_end
    ]
    later: list[Later] = []
    if screen is not None and document.characterCount() > LATER_CHARS:
        low, high = screen[0] - NEAR_SCREEN, screen[1] + NEAR_SCREEN
        kept = old_order[:p] + old_order[n_old - q :]
        by_position = {house.spans[uid][0]: uid for uid in kept}
        later = [Later(by_position[r[0]], r[1], r[2]) for r in relabels if not low <= r[0] <= high]
        relabels = [r for r in relabels if low <= r[0] <= high]
        for uid, old_text, new_text in patches:
            if not low <= house.text_starts[uid] <= high:
                refs = references.in_unit(uid) if references is not None else ()
                later.append(Later(uid, old_text, new_text, True, refs))
        patches = [c for c in patches if low <= house.text_starts[c[0]] <= high]
    mini = _lay_out_alone(ctx, new_region, numbers, scale) if new_region else None

    # Edit from the end backwards, so that positions still to come stay as they were.
    edits_after: list[_Edit] = []
    refs_of = _refs_in(references)
    _write(
        house,
        [r for r in relabels if r[0] > region_end],
        _patches_after(patches, house, region_end),
        refs_of,
        edits_after,
    )
    inserted, new_blocks, spans, starts, blocks = _replace(
        house, mini, anchor_end, region_end, first_block
    )
    edits_before: list[_Edit] = []
    _write(
        house,
        [r for r in relabels if r[0] <= anchor_end],
        _patches_before(patches, house, anchor_end),
        refs_of,
        edits_before,
    )
    region = _Edit(region_end, inserted - (region_end - anchor_end))
    block_delta = new_blocks - (last_old_block - first_block + 1)
    _move_positions(
        house,
        edits_after + edits_before,
        anchor_end,
        region,
        first_block,
        last_old_block,
        block_delta,
    )
    lead = sum(e.delta for e in edits_before)
    house.spans.update({u: (a + lead, b + lead) for u, (a, b) in spans.items()})
    house.text_starts.update({u: a + lead for u, a in starts.items()})
    house.block_units.update(blocks)
    if references is not None:
        for uid in new_region:
            for text_uid in _text_uids(ctx.units[uid]):
                refs = references.in_unit(text_uid)
                unit = ctx.units[text_uid]
                if refs and text_uid in house.text_starts:
                    text = unit.heading if unit.kind.is_heading else unit.text
                    _patch_alone(house, text_uid, text, text, refs)
        # Links whose reference changed with no change of words (a target deleted and the
        # citation kept marked as broken) are drawn as they are now.
        house.relink_changed(references, (item.uid for item in later if item.words))
    return Shown(new_order, numbers, later or None)


def write_later(house: HouseDocument, later: list[Later], count: int) -> None:
    """Write up to ``count`` of the changes left for later (taken off ``later``); the
    document's positions stay right after every call."""
    chunk = [later.pop() for _ in range(min(count, len(later)))]
    relabels = [(house.spans[c.uid][0], c.old, c.new) for c in chunk if not c.words]
    patches = [(c.uid, c.old, c.new) for c in chunk if c.words]
    refs = {c.uid: c.refs for c in chunk if c.words}
    edits: list[_Edit] = []
    _write(house, relabels, patches, lambda uid: refs.get(uid, ()), edits)
    _move_positions(house, edits, -1, _Edit(-1, 0), 0, -1, 0)


def _refs_in(references: ReferenceIndex | None) -> Callable[[str], tuple[Reference, ...]]:
    if references is None:
        return lambda _uid: ()
    return references.in_unit


def _patches_after(
    patches: list[tuple[str, str, str]], house: HouseDocument, end: int
) -> list[tuple[str, str, str]]:
    return [c for c in patches if house.text_starts[c[0]] > end]


def _patches_before(
    patches: list[tuple[str, str, str]], house: HouseDocument, end: int
) -> list[tuple[str, str, str]]:
    return [c for c in patches if house.text_starts[c[0]] <= end]


def _lay_out_alone(
    ctx: Context, region: list[str], numbers: dict[str, Number], scale: float
) -> HouseDocument:
    units: list[Unit] = []
    for uid in region:
        unit = ctx.units[uid]
        # A heading stands for its own line only: its articles are in the stretch or not.
        units.append(replace(unit, children=[]) if unit.kind.is_heading else unit)
    return build_house_document(
        Draft(title="", units=units), "", scale, QTextDocument(), None, numbers
    )


def _patch_alone(
    house: HouseDocument, uid: str, before: str, after: str, refs: tuple[object, ...]
) -> None:
    """``patch_text`` with only this unit's positions: the others move once, at the end."""
    spans, starts = house.spans, house.text_starts
    house.spans = {uid: spans[uid]} if uid in spans else {}
    house.text_starts = {uid: starts[uid]}
    try:
        done = house.patch_text(uid, before, after, refs)  # type: ignore[arg-type]
    finally:
        house.spans, house.text_starts = spans, starts
    if not done:
        raise Unchanged


def _write(
    house: HouseDocument,
    relabels: list[tuple[int, str, str]],
    patches: list[tuple[str, str, str]],
    refs_of: Callable[[str], tuple[Reference, ...]],
    edits: list[_Edit],
) -> None:
    work: list[tuple[int, int, tuple[object, ...]]] = [(r[0], 0, r) for r in relabels]
    work += [(house.text_starts[c[0]], 1, c) for c in patches]
    work.sort(key=lambda w: (w[0], w[1]), reverse=True)
    document = house.document
    for position, kind, item in work:
        if kind == 0:
            _p, old, new = item
            assert isinstance(old, str) and isinstance(new, str)
            cursor = QTextCursor(document)
            cursor.setPosition(position + 1)
            fmt = cursor.charFormat()  # the label's own (bold) format
            cursor.setPosition(position)
            cursor.setPosition(position + len(old), QTextCursor.MoveMode.KeepAnchor)
            if cursor.selectedText() != old:
                raise Unchanged
            cursor.insertText(new, fmt)
            edits.append(_Edit(position, len(new) - len(old)))
        else:
            uid, before, after = item
            assert isinstance(uid, str) and isinstance(before, str) and isinstance(after, str)
            _patch_alone(house, uid, before, after, refs_of(uid))
            edits.append(_Edit(position, len(after) - len(before)))


def _replace(
    house: HouseDocument,
    mini: HouseDocument | None,
    anchor_end: int,
    region_end: int,
    first_block: int,
) -> tuple[int, int, dict[str, tuple[int, int]], dict[str, int], dict[int, str]]:
    """Swap the stretch's blocks for the mini layout's: (characters and blocks inserted, and
    the new units' spans, word starts and blocks, in positions before the edits ahead)."""
    cursor = QTextCursor(house.document)
    cursor.setPosition(anchor_end)
    # Joining and splitting blocks may hand the block before the stretch the data of another
    # (Qt keeps one block's data when two join): put its own back afterwards.
    previous = cursor.block()
    kept = (previous.blockFormat(), previous.charFormat(), previous.userState())
    if region_end > anchor_end:
        cursor.setPosition(region_end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    if mini is None or not mini.uids:
        _restore(cursor, anchor_end, kept)
        return 0, 0, {}, {}, {}
    doc = mini.document
    block = doc.findBlock(mini.spans[mini.uids[0]][0])
    offset = anchor_end + 1 - block.position()
    block_offset = first_block - block.blockNumber()
    states = {}
    for i, uid in enumerate(mini.uids):
        states[i] = len(house.uids)  # block states index house.uids: new ones at its end
        house.uids.append(uid)
    inserted = count = 0
    while block.isValid():
        cursor.insertBlock(block.blockFormat(), block.charFormat())
        cursor.setBlockFormat(block.blockFormat())
        cursor.block().setUserState(states.get(block.userState(), -1))
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            cursor.insertText(fragment.text(), fragment.charFormat())
            it += 1
        inserted += block.length()
        count += 1
        block = block.next()
    _restore(cursor, anchor_end, kept)
    spans = {u: (a + offset, b + offset) for u, (a, b) in mini.spans.items()}
    starts = {u: a + offset for u, a in mini.text_starts.items()}
    blocks = {b + block_offset: u for b, u in mini.block_units.items()}
    return inserted, count, spans, starts, blocks


def _restore(cursor: QTextCursor, position: int, kept: tuple[object, object, int]) -> None:
    fmt, char_fmt, state = kept
    cursor.setPosition(position)
    cursor.setBlockFormat(fmt)  # type: ignore[arg-type]
    cursor.setBlockCharFormat(char_fmt)  # type: ignore[arg-type]
    cursor.block().setUserState(state)


def _move_positions(
    house: HouseDocument,
    edits: list[_Edit],
    anchor_end: int,
    region: _Edit,
    first_block: int,
    last_old_block: int,
    block_delta: int,
) -> None:
    """Every position kept moves by the edits before it (a start by those strictly before,
    an end by those at or before it) and by the stretch's change when after it; what stood
    in the stretch goes."""
    edits = sorted(edits, key=lambda e: e.position)
    points = [e.position for e in edits]
    sums = [0]
    for e in edits:
        sums.append(sums[-1] + e.delta)
    region_end, region_delta = region.position, region.delta

    def start(x: int) -> int:
        return x + sums[bisect_left(points, x)] + (region_delta if x > region_end else 0)

    def end(x: int) -> int:
        return x + sums[bisect_right(points, x)] + (region_delta if x > region_end else 0)

    house.spans = {
        u: (start(a), end(b))
        for u, (a, b) in house.spans.items()
        if not anchor_end < a <= region_end
    }
    house.text_starts = {
        u: start(a) for u, a in house.text_starts.items() if not anchor_end < a <= region_end
    }
    house.block_units = {
        (b + block_delta if b > last_old_block else b): u
        for b, u in house.block_units.items()
        if not first_block <= b <= last_old_block
    }

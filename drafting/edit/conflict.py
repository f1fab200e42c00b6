"""Two drafters saved the same version: merge their texts unit by unit (three-way, by uid).

``base`` is the text as this window last read or saved it (a ``Snapshot``), ``mine`` the text
in this window, ``theirs`` the text now stored. A unit changed on one side only takes that
side's words without asking; a unit changed on both sides differently is a ``UnitConflict``
the drafter settles (keep mine, take theirs, or words merged by hand) — nothing is overwritten
silently.

The structure (which units, in which order) comes from ``theirs`` when this window moved,
inserted or deleted nothing since the base, else from ``mine``. A unit added or deleted on one
side only follows that side (an added one goes after its previous sibling there); a unit one
side deleted while the other changed it is a conflict (taking the side that has it puts it
back). A move made on the other side while this window also changed the structure is not
replayed (their words still arrive); the title and 题注 are those of the side giving the
structure.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from drafting.model.matter import matter_to_json
from drafting.model.positions import Context
from drafting.model.units import Draft, Numbering, Unit, UnitKind

#: What a unit is, for comparing: its kind, heading, words, printed label, numbering, table.
Content = tuple[str, str, str, str, str, tuple[tuple[tuple[str, int, int], ...], ...] | None]
#: Where a unit stands: its parent's uid (None at the top) and index among its siblings.
Place = tuple[str | None, int]

Choice = Literal["mine", "theirs", "hand"]


def content(unit: Unit) -> Content:
    """The unit's own content (not its children)."""
    table = (
        None
        if unit.table is None
        else tuple(tuple((c.text, c.col_span, c.row_span) for c in row) for row in unit.table.rows)
    )
    return (
        unit.kind.value,
        unit.heading,
        unit.text,
        unit.label,
        unit.numbering.value,
        table,
    )


def words(unit: Unit) -> str:
    """What the drafter reads and edits: a heading's title, else the unit's words."""
    return unit.heading if unit.kind.is_heading else unit.text


#: The parts of a text that are not units, merged like units under these keys.
HEAD_LABELS = {"#title": "标题", "#title_note": "题注", "#matter": "序言和附件"}


def head(draft: Draft) -> dict[str, str]:
    """The title, 题注 and matter (序言, appendices) as comparable texts."""
    matter = ""
    if draft.preamble is not None or draft.appendices:
        matter = json.dumps(
            matter_to_json(draft.preamble, draft.appendices), ensure_ascii=False, sort_keys=True
        )
    return {"#title": draft.title, "#title_note": draft.title_note, "#matter": matter}


def _matter_words(draft: Draft) -> str:
    lines = list(draft.preamble.paragraphs) if draft.preamble is not None else []
    for appendix in draft.appendices:
        lines.append(" ".join(p for p in (appendix.label, appendix.title) if p))
        lines.extend(appendix.paragraphs)
    return "\n".join(lines)


def _set_head(out: Draft, source: Draft, key: str) -> None:
    if key == "#title":
        out.title = source.title
    elif key == "#title_note":
        out.title_note = source.title_note
    else:
        out.preamble = copy.deepcopy(source.preamble)
        out.appendices = copy.deepcopy(source.appendices)


@dataclass(frozen=True)
class Snapshot:
    """The text as read or last saved: every unit's content and place, by uid, and its head
    (title, 题注, matter)."""

    contents: dict[str, Content]
    places: dict[str, Place]
    head: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, draft: Draft) -> Snapshot:
        contents: dict[str, Content] = {}
        places: dict[str, Place] = {}
        for unit in draft.walk():
            contents[unit.uid] = content(unit)
        for index, unit in enumerate(draft.units):
            places[unit.uid] = (None, index)
        for unit in draft.walk():
            for index, child in enumerate(unit.children):
                places[child.uid] = (unit.uid, index)
        return cls(contents, places, head(draft))


@dataclass(frozen=True)
class UnitConflict:
    """A unit both sides changed differently. ``mine``/``theirs`` are its words on each side,
    None where that side deleted it (or never had it)."""

    uid: str  # or a key of HEAD_LABELS for the title, 题注 or matter
    label: str  # 第十二条第二款, as numbered on the side that has it (this window's first)
    kind: UnitKind | None  # None for the title, 题注 or matter
    mine: str | None
    theirs: str | None


@dataclass
class Merge:
    """The merge of the two texts before the drafter's choices (``resolve`` applies them)."""

    mine: Draft
    theirs: Draft
    structure_from: Literal["mine", "theirs"]
    conflicts: list[UnitConflict] = field(default_factory=list)
    #: Units taken from the other side without asking (changed there only), for the message.
    taken: list[str] = field(default_factory=list)


def merge(base: Snapshot, mine: Draft, theirs: Draft) -> Merge:
    """Compare the three texts; the conflicts, and which side gives the structure."""
    mine_snap, theirs_snap = Snapshot.of(mine), Snapshot.of(theirs)
    mine_moved = mine_snap.places != base.places
    result = Merge(mine, theirs, "mine" if mine_moved else "theirs")
    for key, label in HEAD_LABELS.items():
        hb, hm, ht = base.head.get(key), mine_snap.head[key], theirs_snap.head[key]
        if hm == ht or ht == hb:
            continue
        if hm == hb:
            result.taken.append(key)
            continue
        if key == "#matter":
            shown_mine, shown_theirs = _matter_words(mine), _matter_words(theirs)
        else:
            shown_mine, shown_theirs = hm, ht
        result.conflicts.append(UnitConflict(key, label, None, shown_mine, shown_theirs))
    mine_ctx, theirs_ctx = Context(mine), Context(theirs)
    mine_units, theirs_units = mine_ctx.units, theirs_ctx.units
    order = list(mine_units) + [uid for uid in theirs_units if uid not in mine_units]
    for uid in order:
        b = base.contents.get(uid)
        m = mine_snap.contents.get(uid)
        t = theirs_snap.contents.get(uid)
        if m == t:
            continue
        if m == b:
            result.taken.append(uid)  # changed (or added, deleted) over there only
            continue
        if t == b:
            continue  # changed here only
        mu, tu = mine_units.get(uid), theirs_units.get(uid)
        unit = mu or tu
        assert unit is not None
        label = mine_ctx.full_label(uid) if mu is not None else theirs_ctx.full_label(uid)
        result.conflicts.append(
            UnitConflict(
                uid,
                label,
                unit.kind,
                None if mu is None else words(mu),
                None if tu is None else words(tu),
            )
        )
    return result


@dataclass(frozen=True)
class Resolution:
    """The drafter's choice for one conflicting unit; ``text`` the words merged by hand."""

    choice: Choice
    text: str = ""


def resolve(merged: Merge, choices: dict[str, Resolution]) -> tuple[Draft, set[str]]:
    """The text to save: the side giving the structure, with every one-sided change of the
    other side and the drafter's choice for each conflict (a conflict with no choice keeps
    the side giving the structure). Also the uids whose rows differ from ``theirs`` (for a
    save of the changes only). ``base_revision`` is the stored text's."""
    mine, theirs = merged.mine, merged.theirs
    out = (theirs if merged.structure_from == "theirs" else mine).clone()
    out.base_revision = theirs.base_revision
    mine_units = {u.uid: u for u in mine.walk()}
    theirs_units = {u.uid: u for u in theirs.walk()}
    sides = {"mine": (mine, mine_units), "theirs": (theirs, theirs_units)}
    other = "mine" if merged.structure_from == "theirs" else "theirs"
    _resolve_head(out, merged, choices)
    # One-sided changes of the side not giving the structure.
    for uid in merged.taken if other == "theirs" else _changed_here(merged):
        if uid not in HEAD_LABELS:
            _take(out, *sides[other], uid)
    for conflict in merged.conflicts:
        choice = choices.get(conflict.uid)
        if choice is None or conflict.uid in HEAD_LABELS:
            continue
        if choice.choice == "hand":
            source = "mine" if conflict.mine is not None else "theirs"
            unit = _take(out, *sides[source], conflict.uid)
            if unit is not None:
                if unit.kind.is_heading:
                    unit.heading = choice.text
                else:
                    unit.text = choice.text
        else:
            _take(out, *sides[choice.choice], conflict.uid)
    # Lineage rows only ever add up (a split or merge on either side).
    out.lineage = {**theirs.lineage, **mine.lineage}
    return out, _differences(out, theirs)


def _resolve_head(out: Draft, merged: Merge, choices: dict[str, Resolution]) -> None:
    """Title, 题注 and matter: one-sided changes taken, conflicts as chosen (the matter cannot
    be merged by hand in a line: 手工合并 keeps this window's)."""
    mine_head, theirs_head = head(merged.mine), head(merged.theirs)
    conflicted = {c.uid: c for c in merged.conflicts}
    for key in HEAD_LABELS:
        if key in conflicted:
            choice = choices.get(key, Resolution("mine"))
            if choice.choice == "hand" and key == "#title":
                out.title = choice.text.strip()
            elif choice.choice == "hand" and key == "#title_note":
                out.title_note = choice.text.strip()
            else:
                _set_head(out, merged.theirs if choice.choice == "theirs" else merged.mine, key)
        elif key in merged.taken:
            _set_head(out, merged.theirs, key)
        elif mine_head[key] != theirs_head[key]:
            _set_head(out, merged.mine, key)  # changed here only


def _changed_here(merged: Merge) -> Iterable[str]:
    """Units changed in this window only (structure from theirs: to be replayed on it)."""
    conflicted = {c.uid for c in merged.conflicts}
    mine_snap, theirs_snap = Snapshot.of(merged.mine), Snapshot.of(merged.theirs)
    for uid in set(mine_snap.contents) | set(theirs_snap.contents):
        if uid in conflicted or uid in merged.taken:
            continue
        if mine_snap.contents.get(uid) != theirs_snap.contents.get(uid):
            yield uid


def _take(out: Draft, source: Draft, units: dict[str, Unit], uid: str) -> Unit | None:
    """Make ``out``'s unit ``uid`` as ``source`` has it: its content, inserted where source
    places it when missing, removed when source has none. The unit in ``out`` (None: removed)."""
    present = {u.uid: (u, p) for u, p in out.walk_with_parents()}
    wanted = units.get(uid)
    if wanted is None:
        if uid in present:
            unit, parent = present[uid]
            (parent.children if parent is not None else out.units).remove(unit)
        return None
    if uid in present:
        target = present[uid][0]
        _copy_content(target, wanted)
        return target
    # Missing: put a copy (without the children ``out`` already has) after its previous
    # sibling in the source, else first under its parent. A parent missing too (the other
    # side deleted the article whose 款 this side changed) comes back with it.
    parent_of = {c.uid: u for u in source.walk() for c in u.children}
    parent = parent_of.get(uid)
    if parent is not None and parent.uid not in present:
        _take(out, source, units, parent.uid)
        return out.find(uid)
    copy = wanted.clone()
    copy.children = [c for c in copy.children if c.uid not in present]
    siblings = parent.children if parent is not None else source.units
    index = next(i for i, u in enumerate(siblings) if u.uid == uid)
    previous = siblings[index - 1].uid if index > 0 else None
    if previous is not None and previous in present:
        prev_unit, prev_parent = present[previous]
        holder = prev_parent.children if prev_parent is not None else out.units
        holder.insert(holder.index(prev_unit) + 1, copy)
    elif parent is None:
        out.units.insert(0, copy)
    else:
        present[parent.uid][0].children.insert(0, copy)
    return copy


def _copy_content(target: Unit, source: Unit) -> None:
    target.kind = source.kind
    target.heading = source.heading
    target.text = source.text
    target.label = source.label
    target.numbering = Numbering(source.numbering)
    target.table = copy.deepcopy(source.table)


def _differences(out: Draft, theirs: Draft) -> set[str]:
    """uids whose content or place differ between the two texts (present on either side)."""
    a, b = Snapshot.of(out), Snapshot.of(theirs)
    return {
        uid
        for uid in set(a.contents) | set(b.contents)
        if a.contents.get(uid) != b.contents.get(uid) or a.places.get(uid) != b.places.get(uid)
    }

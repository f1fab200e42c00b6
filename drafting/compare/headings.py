"""The title and the headings (编/分编/章/节) of two versions, aligned: what was renamed, added,
deleted or only renumbered. ``compare --json`` lists them under ``headings``; the 修改决定
(``decision``) aligns the same way.

A heading is placed by the articles it opens: its *position* is the number of (new) articles
before it. Two headings at the same level, position and title are the same heading; between
those, two at the same level and position are one heading renamed; the rest are deleted (old)
or added (new).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any, Protocol

from drafting.model.positions import Context
from drafting.model.units import Draft, Unit, UnitKind


class _Pair(Protocol):
    @property
    def old(self) -> list[Unit]: ...

    @property
    def new(self) -> list[Unit]: ...


class Compared(Protocol):
    """What ``heading_changes`` reads of a ``compare.articles.Comparison`` (typed here so
    this module does not import that one, which imports this)."""

    @property
    def old_draft(self) -> Draft | None: ...

    @property
    def new_draft(self) -> Draft | None: ...

    @property
    def pairs(self) -> Sequence[_Pair]: ...


UNCHANGED = "unchanged"
RENUMBERED = "renumbered"
RENAMED = "renamed"
ADDED = "added"
DELETED = "deleted"

#: (level, position, heading unit)
Token = tuple[UnitKind, int, Unit]


def heading_opcodes(a: list[Token], b: list[Token]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes aligning two heading sequences (see the module docstring)."""
    out: list[tuple[str, int, int, int, int]] = []
    same = difflib.SequenceMatcher(
        None,
        [(k, p, u.heading) for k, p, u in a],
        [(k, p, u.heading) for k, p, u in b],
        autojunk=False,
    )
    for op, i1, i2, j1, j2 in same.get_opcodes():
        if op == "equal":
            out.append((op, i1, i2, j1, j2))
            continue
        placed = difflib.SequenceMatcher(
            None, [(k, p) for k, p, _ in a[i1:i2]], [(k, p) for k, p, _ in b[j1:j2]], autojunk=False
        )
        for op2, x1, x2, y1, y2 in placed.get_opcodes():
            out.append((op2, i1 + x1, i1 + x2, j1 + y1, j1 + y2))
    return out


def tokens(draft: Draft) -> list[Token]:
    """The headings of a draft with the number of articles before each."""
    out: list[Token] = []
    count = 0
    for u in draft.walk():
        if u.kind is UnitKind.ARTICLE:
            count += 1
        elif u.kind.is_heading:
            out.append((u.kind, count, u))
    return out


def heading_changes(comparison: Compared) -> list[dict[str, Any]]:
    """The title (kind "title") and every heading of either version as plain data:
    ``kind`` (title, part, subpart, chapter, section), ``old``/``new`` full labels (null when
    absent), ``old_title``/``new_title``, ``status`` (unchanged, renumbered, renamed, added,
    deleted). Old headings are placed where their first surviving article went."""
    old, new = comparison.old_draft, comparison.new_draft
    if old is None or new is None:
        return []
    out: list[dict[str, Any]] = [
        {
            "kind": "title",
            "old": None,
            "new": None,
            "old_title": old.title,
            "new_title": new.title,
            "status": UNCHANGED if old.title.strip() == new.title.strip() else RENAMED,
        }
    ]
    new_index = {u.uid: k for k, u in enumerate(new.articles())}
    goes_to: dict[str, int] = {}
    for pair in comparison.pairs:
        if pair.new:
            for u in pair.old:
                goes_to[u.uid] = new_index.get(pair.new[0].uid, -1)
    # Old headings: where the first old article after them (that survives) went.
    a: list[Token] = []
    waiting: list[Unit] = []
    for u in old.walk():
        if u.kind.is_heading:
            waiting.append(u)
        elif u.kind is UnitKind.ARTICLE and goes_to.get(u.uid, -1) >= 0:
            a.extend((h.kind, goes_to[u.uid], h) for h in waiting)
            waiting = []
    total = len(new_index)
    a.extend((h.kind, total, h) for h in waiting)
    b = tokens(new)
    old_ctx, new_ctx = Context(old), Context(new)

    def row(ou: Unit | None, nu: Unit | None, status: str) -> dict[str, Any]:
        unit = ou or nu
        assert unit is not None
        return {
            "kind": unit.kind.value,
            "old": old_ctx.full_label(ou.uid) if ou is not None else None,
            "new": new_ctx.full_label(nu.uid) if nu is not None else None,
            "old_title": ou.heading if ou is not None else None,
            "new_title": nu.heading if nu is not None else None,
            "status": status,
        }

    for op, i1, i2, j1, j2 in heading_opcodes(a, b):
        if op == "equal":
            for (_, _, ou), (_, _, nu) in zip(a[i1:i2], b[j1:j2], strict=True):
                r = row(ou, nu, UNCHANGED)
                if ou.heading != nu.heading:
                    r["status"] = RENAMED
                elif r["old"] != r["new"]:
                    r["status"] = RENUMBERED
                out.append(r)
            continue
        out.extend(row(ou, None, DELETED) for _, _, ou in a[i1:i2])
        out.extend(row(None, nu, ADDED) for _, _, nu in b[j1:j2])
    return _same_heading_rows(out)


def _same_heading_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A heading reported deleted and one of its level with the same title reported added
    are the same heading whose first article changed (a new article opens 第二章, or its
    first article went to 第一章; try11 F24): one row, unchanged or renumbered, where the
    deletion stood."""
    out: list[dict[str, Any] | None] = list(rows)
    for k, r in enumerate(out):
        if r is None or r["status"] != DELETED:
            continue
        twin = next(
            (
                m
                for m, x in enumerate(out)
                if x is not None
                and x["status"] == ADDED
                and x["kind"] == r["kind"]
                and x["new_title"] == r["old_title"]
            ),
            None,
        )
        if twin is None:
            continue
        added = out[twin]
        assert added is not None
        out[twin] = None
        same = r["old"] == added["new"]
        out[k] = {**r, "new": added["new"], "new_title": added["new_title"],
                  "status": UNCHANGED if same else RENUMBERED}  # fmt: skip
    return [r for r in out if r is not None]

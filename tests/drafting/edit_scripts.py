"""Generated edit scripts on real texts, applied through the undoable operations so uids are
carried: the ground truth for the alignment and round-trip property tests.

An edit script is a list of (action, position) with position a fraction of the text's length;
actions: delete, insert, move, split, merge, reword, renumber (an article inserted at the very
start: every article after it is renumbered and every reference to one is rewritten).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from drafting.edit.operations import (
    DeleteUnit,
    EditSession,
    EditText,
    MergeArticles,
    MoveUnit,
    SplitArticle,
    insert_after,
    insert_before,
    new_unit,
)
from drafting.model.positions import Context
from drafting.model.units import Draft, Numbering, Unit, UnitKind

ACTIONS = ("delete", "insert", "move", "split", "merge", "reword", "renumber")

#: One script: up to eight edits anywhere in the text.
scripts = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.floats(0, 1, allow_nan=False), st.floats(0, 1)),
    min_size=1,
    max_size=8,
)


@dataclass
class Edited:
    """The new draft (a clone of the old, uids carried) and what happened to old articles."""

    new: Draft
    deleted: set[str] = field(default_factory=set)
    reworded: set[str] = field(default_factory=set)
    moved: set[str] = field(default_factory=set)
    split: dict[str, str] = field(default_factory=dict)  # old uid → the new second half
    merged: dict[str, str] = field(default_factory=dict)  # removed old uid → the survivor
    added: list[str] = field(default_factory=list)


def apply_script(old: Draft, script: list[tuple[str, float, float]]) -> Edited:
    """Apply the script to a clone of ``old``; each article is touched at most once."""
    new = old.clone()
    session = EditSession(new)
    out = Edited(new)
    touched: set[str] = set()
    counter = 0

    def pick(fraction: float) -> Unit | None:
        articles = [a for a in new.articles() if a.uid not in touched]
        if not articles:
            return None
        return articles[min(int(fraction * len(articles)), len(articles) - 1)]

    for action, where, other in script:
        unit = pick(where)
        if unit is None:
            break
        if action == "delete":
            session.apply(DeleteUnit(unit.uid))
            out.deleted.add(unit.uid)
            touched.add(unit.uid)
        elif action in ("insert", "renumber"):
            counter += 1
            added = new_unit(
                UnitKind.ARTICLE,
                f"新增条文{counter}：县级以上人民政府应当加强第{counter}项工作的组织协调。",
            )
            first = new.articles()[0]
            if action == "renumber":
                session.apply(insert_before(new, first.uid, added))
            else:
                session.apply(insert_after(new, _last_insert(new, unit).uid, added))
            out.added.append(added.uid)
            touched.add(added.uid)
        elif action == "move":
            target = pick(other)
            if target is None or target is unit or _last_insert(new, target) is unit:
                continue
            session.apply(_move_after(new, unit, target))
            out.moved.add(unit.uid)
            touched.update({unit.uid})
        elif action == "split":
            if len(unit.children) < 2:
                continue
            op = SplitArticle(unit.uid, unit.children[-1].uid, 0)
            session.apply(op)
            assert op.new_article is not None
            out.split[unit.uid] = op.new_article.uid
            touched.update({unit.uid, op.new_article.uid})
        elif action == "merge":
            ctx = Context(new)
            parent = ctx.parent[unit.uid]
            siblings = parent.children if parent is not None else new.units
            k = ctx.position[unit.uid] + 1
            if k >= len(siblings) or siblings[k].kind is not UnitKind.ARTICLE:
                continue
            following = siblings[k]
            if following.uid in touched:
                continue
            session.apply(MergeArticles(unit.uid))
            out.merged[following.uid] = unit.uid
            touched.update({unit.uid, following.uid})
        elif action == "reword":
            paragraph = unit.children[0]
            text = paragraph.text
            cut = max(1, int(other * len(text)))
            session.apply(EditText(paragraph.uid, text[:cut] + "依法" + text[cut:]))
            out.reworded.add(unit.uid)
            touched.add(unit.uid)
    return out


def _last_insert(draft: Draft, unit: Unit) -> Unit:
    """The last of the 之一, 之二 … articles that follow ``unit`` (itself when none): a new
    article after 第一百二十条 goes after 第一百二十条之一, as a drafter puts it."""
    ctx = Context(draft)
    siblings = ctx.siblings(unit.uid)
    k = ctx.position[unit.uid]
    while (
        k + 1 < len(siblings)
        and siblings[k + 1].kind is UnitKind.ARTICLE
        and siblings[k + 1].numbering is Numbering.INSERTED
    ):
        k += 1
    return siblings[k]


def _move_after(draft: Draft, unit: Unit, target: Unit) -> MoveUnit:
    """The operation putting ``unit`` right after ``target`` and its 之一 articles (index
    counted after removal)."""
    target = _last_insert(draft, target)
    ctx = Context(draft)
    parent = ctx.parent[target.uid]
    index = ctx.position[target.uid] + 1
    if ctx.parent[unit.uid] is parent and ctx.position[unit.uid] < ctx.position[target.uid]:
        index -= 1
    return MoveUnit(unit.uid, parent.uid if parent is not None else None, index)


__all__ = ["ACTIONS", "Edited", "apply_script", "insert_after", "scripts"]

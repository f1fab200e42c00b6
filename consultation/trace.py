"""The trace between comments and changes, both ways, between the version commented on and the next.

From a comment: did the article it concerns change in the next version (changed, unchanged,
deleted, split, merged)? From a changed article of the next version: which comments are behind
it? Both follow uids (and lineage for splits and merges), as anchors do.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from consultation.anchors import (
    Anchor,
    AnchorState,
    Followed,
    Lineage,
    resolve_anchor,
    resolve_comments,
)
from consultation.draft_index import DraftIndex
from consultation.model import Comment
from drafting.model.units import Draft


class Change(StrEnum):
    """What became of a comment's article in the next version."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    DELETED = "deleted"
    SPLIT = "split"
    MERGED = "merged"
    WHOLE_DRAFT = "whole_draft"  # a comment on the whole draft has no one article to follow

    @property
    def label(self) -> str:
        """The Chinese word shown in the comments table."""
        return _LABELS[self]


_LABELS = {
    Change.UNCHANGED: "未修改",
    Change.CHANGED: "已修改",
    Change.DELETED: "已删除",
    Change.SPLIT: "已拆分",
    Change.MERGED: "已合并",
    Change.WHOLE_DRAFT: "总体意见",
}


@dataclass(frozen=True)
class CommentTrace:
    """A comment (by position) and what became of its article in the next version."""

    position: int
    change: Change
    anchor: Anchor  # where the comment sits in the next version
    article_uid: str | None  # the article in the next version, if any


def _article_text(index: DraftIndex, uid: str) -> str:
    article = index.article_of.get(uid, uid)
    return index.text(article)


def trace_comments(
    comments: Sequence[Comment],
    old: Draft | DraftIndex,
    new: Draft | DraftIndex,
    lineage: Lineage | None = None,
) -> list[CommentTrace]:
    """For each comment on ``old``, what became of its article in ``new`` (either given as a
    draft or as its index, when the caller already made one)."""
    old_index = old if isinstance(old, DraftIndex) else DraftIndex(old)
    new_index = new if isinstance(new, DraftIndex) else DraftIndex(new)
    traces: list[CommentTrace] = []
    for position, comment in enumerate(comments):
        anchor = resolve_anchor(comment.target, new_index, lineage)
        uid = comment.target.uid
        if uid is None:
            traces.append(CommentTrace(position, Change.WHOLE_DRAFT, anchor, None))
            continue
        if anchor.state is AnchorState.ORPHANED or anchor.uid is None:
            traces.append(CommentTrace(position, Change.DELETED, anchor, None))
            continue
        article = new_index.article_of.get(anchor.uid, anchor.uid)
        if anchor.followed is Followed.SPLIT:
            change = Change.SPLIT
        elif anchor.followed is Followed.MERGE or _merged_into(
            old_index.article_of.get(uid, uid), article, lineage
        ):
            change = Change.MERGED
        elif _article_text(old_index, uid) != _article_text(new_index, anchor.uid):
            change = Change.CHANGED
        else:
            change = Change.UNCHANGED
        traces.append(CommentTrace(position, change, anchor, article))
    return traces


def _merged_into(old_article: str, new_article: str, lineage: Lineage | None) -> bool:
    """True when another article was merged into the comment's (surviving) article."""
    if not lineage or old_article != new_article or new_article not in lineage:
        return False
    value = lineage[new_article]
    origins = {value} if isinstance(value, str) else set(value)
    return old_article in origins and len(origins) > 1


def comments_on_articles(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    article_uids: Collection[str],
    lineage: Lineage | None = None,
) -> list[int]:
    """Positions of the comments that sit in these articles of ``draft`` (on the article, a
    款, 项 or 目 of it), following ``lineage``: the comments behind a changed comparison row."""
    by_article = comments_by_article(comments, draft, lineage)
    return sorted(p for uid in set(article_uids) for p, _unit in by_article.get(uid, ()))


def comments_by_article(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    lineage: Lineage | None = None,
    by_version: Mapping[int, Lineage] | None = None,
) -> dict[str, list[tuple[int, str]]]:
    """Article uid of ``draft`` → (position, uid of the unit it sits on) of each comment there,
    resolving every comment once (see ``resolve_comments`` for ``by_version``)."""
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    out: dict[str, list[tuple[int, str]]] = {}
    for position, anchor in enumerate(resolve_comments(comments, index, lineage, by_version)):
        if anchor.uid is not None:
            article = index.article_of.get(anchor.uid, anchor.uid)
            out.setdefault(article, []).append((position, anchor.uid))
    return out


def comments_behind(
    comments: Sequence[Comment], old: Draft, new: Draft, lineage: Lineage | None = None
) -> dict[str, list[int]]:
    """Changed (or split/merged) articles of ``new`` → positions of the comments behind them."""
    behind: dict[str, list[int]] = {}
    for trace in trace_comments(comments, old, new, lineage):
        if trace.article_uid and trace.change in (Change.CHANGED, Change.SPLIT, Change.MERGED):
            behind.setdefault(trace.article_uid, []).append(trace.position)
    return behind

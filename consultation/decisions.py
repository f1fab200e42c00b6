"""Decisions on comments: filters, one decision over many comments, clusters decided once.

Comments are grouped for counting and for the 汇总表 under the article they concern (a comment on
a paragraph or item counts for its article), whole-draft comments under 总体.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from consultation.anchors import AnchorState, Lineage, resolve_anchor
from consultation.clustering import DEFAULT_THRESHOLD, Cluster, find_clusters
from consultation.draft_index import DraftIndex
from consultation.model import Comment, Decision, Disposition, Source
from drafting.model.units import Draft

#: The article key of whole-draft comments and of comments whose unit was deleted.
WHOLE = "whole"
ORPHANED = "orphaned"
#: The article key of a comment on articles the draft lacks: this prefix and their names.
MISSING = "missing:"


def _index(draft: Draft | DraftIndex) -> DraftIndex:
    return draft if isinstance(draft, DraftIndex) else DraftIndex(draft)


def article_key(comment: Comment, index: DraftIndex, lineage: Lineage | None = None) -> str:
    """The uid of the article (or chapter) a comment concerns; WHOLE, ORPHANED, or MISSING
    followed by the names of the articles it named that the draft lacks."""
    if comment.target.uid is None:
        return MISSING + comment.missing_target if comment.missing_target else WHOLE
    uid = comment.target.uid
    if uid not in index:
        anchor = resolve_anchor(comment.target, index, lineage)
        if anchor.state is AnchorState.ORPHANED or anchor.uid is None:
            return ORPHANED
        uid = anchor.uid
    return index.article_of.get(uid, uid)


def further_keys(comment: Comment, index: DraftIndex, primary: str) -> list[str]:
    """The article keys of the further units a comment names (``Comment.also``), other than
    ``primary`` and each other: each of those articles counts the comment too."""
    keys: list[str] = []
    for uid in comment.also:
        if uid in index:
            key = index.article_of.get(uid, uid)
            if key != primary and key not in keys:
                keys.append(key)
    return keys


def article_keys(
    comments: Sequence[Comment], draft: Draft | DraftIndex, lineage: Lineage | None = None
) -> list[str]:
    """``article_key`` of every comment, the draft indexed once."""
    index = _index(draft)
    return [article_key(c, index, lineage) for c in comments]


@dataclass(frozen=True)
class CommentFilter:
    """Which comments to show or decide on; None in a field means any."""

    article_uid: str | None = None  # an article uid, or WHOLE / ORPHANED
    source: Source | None = None
    disposition: Disposition | None = None
    undecided: bool = False  # only comments without a decision
    round_id: int | None = None
    cluster_id: int | None = None
    text: str = ""  # words the content must contain

    def matches(self, comment: Comment, key: str | None = None) -> bool:
        """True when the comment passes; ``key`` is its article key (needed for article_uid)."""
        if self.source is not None and comment.source is not self.source:
            return False
        if self.undecided and comment.decision is not None:
            return False
        if self.disposition is not None and comment.disposition is not self.disposition:
            return False
        if self.round_id is not None and comment.round_id != self.round_id:
            return False
        if self.cluster_id is not None and comment.cluster_id != self.cluster_id:
            return False
        if self.text and self.text not in comment.content:
            return False
        return self.article_uid is None or key == self.article_uid


def filter_comments(
    comments: Sequence[Comment],
    flt: CommentFilter,
    draft: Draft | DraftIndex | None = None,
    lineage: Lineage | None = None,
) -> list[Comment]:
    """The comments that pass the filter (a draft is needed to filter by article)."""
    if flt.article_uid is not None:
        if draft is None:
            raise ValueError("filtering by article needs the draft")
        index = _index(draft)
        return [c for c in comments if flt.matches(c, article_key(c, index, lineage))]
    return [c for c in comments if flt.matches(c)]


def make_decision(
    disposition: Disposition,
    reason: str = "",
    decided_by: str = "",
    when: dt.datetime | None = None,
) -> Decision:
    """A decision stamped with the time it was taken (UTC now unless given)."""
    return Decision(disposition, reason, decided_by, when or dt.datetime.now(dt.UTC))


def decide(comments: Iterable[Comment], decision: Decision) -> int:
    """Give every comment the same decision; returns how many were decided."""
    count = 0
    for comment in comments:
        comment.decision = replace(decision)
        count += 1
    return count


def decide_cluster(comments: Sequence[Comment], cluster_id: int, decision: Decision) -> int:
    """Decide once for a whole cluster of near-duplicates: every member gets the decision."""
    return decide((c for c in comments if c.cluster_id == cluster_id), decision)


def cluster_comments(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    *,
    lineage: Lineage | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Cluster[int]]:
    """Find near-duplicates among comments on the same article and set each one's cluster_id.

    Member ids in the result are positions in ``comments``; ``cluster_id`` is the position of
    the cluster in the returned list (largest first). Comments in no cluster get None.
    """
    # Only comments on the same target set can say the same thing: the article, the unit
    # (款/项) and every further unit named ("第十二条至第十四条" is not "第十二条").
    keys = [
        (key, c.target.uid, tuple(sorted(c.also)), c.missing_target)
        for key, c in zip(article_keys(comments, draft, lineage), comments, strict=True)
    ]
    positions = list(range(len(comments)))
    clusters = find_clusters(
        [c.content for c in comments], positions, keys=list(keys), threshold=threshold
    )
    for cluster in clusters:
        cluster.key = keys[cluster.member_ids[0]][0]
    for comment in comments:
        comment.cluster_id = None
    for number, cluster in enumerate(clusters):
        for position in cluster.member_ids:
            comments[position].cluster_id = number
    return clusters


def clusters_from_ids(comments: Sequence[Comment]) -> list[Cluster[int]]:
    """Clusters as already recorded in the comments' cluster_id (e.g. loaded from storage)."""
    members: dict[int, list[int]] = {}
    for position, comment in enumerate(comments):
        if comment.cluster_id is not None:
            members.setdefault(comment.cluster_id, []).append(position)
    clusters: list[Cluster[int]] = []
    for positions in members.values():
        if len(positions) < 2:
            continue
        texts: dict[str, int] = {}
        for p in positions:
            texts[comments[p].content] = texts.get(comments[p].content, 0) + 1
        representative = max(texts, key=lambda t: texts[t])
        clusters.append(Cluster(representative.strip(), positions))
    clusters.sort(key=lambda c: (-c.count, c.member_ids[0]))
    return clusters


#: Dispositions that must say why (issue 14): the 汇总表 answers the submitter with the reason.
REASON_REQUIRED = frozenset({Disposition.NOT_ADOPTED, Disposition.PARTLY_ADOPTED})


class DecisionError(ValueError):
    """A decision that cannot be taken as given; the message is Chinese, for the user."""


def reason_missing(disposition: Disposition | None, reason: str) -> str:
    """The Chinese complaint when ``disposition`` needs a reason and ``reason`` is blank, else ""."""
    if disposition in REASON_REQUIRED and not reason.strip():
        assert disposition is not None
        return f"“{disposition.label}”须写明理由（可从理由模板中选用）"
    return ""


def checked_decision(
    disposition: Disposition,
    reason: str = "",
    decided_by: str = "",
    when: dt.datetime | None = None,
) -> Decision:
    """``make_decision`` for a decision taken now by a person (the command line, the window):
    raises DecisionError when 未采纳 or 部分采纳 comes without a reason. (Decisions read from a
    spreadsheet keep what the sheet says, and use ``make_decision``.)"""
    complaint = reason_missing(disposition, reason)
    if complaint:
        raise DecisionError(complaint)
    return make_decision(disposition, reason.strip(), decided_by.strip(), when)

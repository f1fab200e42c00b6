"""相关意见 under a comparison of two versions: the comments behind each changed row.

``related_by_pair`` resolves a regulation's comments once in the old version (following the
splits and merges recorded up to it) and files them under the comparison rows whose old
articles they sit on, with where they sit, what they say, who sent them and what was decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consultation.anchors import Lineage
from consultation.comment_rows import PENDING_LABEL
from consultation.draft_index import DraftIndex
from consultation.model import Comment
from consultation.trace import comments_by_article
from drafting.compare.articles import Comparison
from drafting.model.units import Draft


@dataclass(frozen=True)
class RelatedComment:
    """One comment behind a changed row, as the list shows it."""

    id: int
    target: str  # where it sits in the old version: 第十二条第二款
    content: str
    source: str  # 来源, in Chinese
    disposition: str  # 处理意见, or 待处理


def related_by_pair(
    comparison: Comparison,
    comments: Sequence[Comment],
    old: Draft,
    lineage: Lineage | None = None,
    by_version: Mapping[int, Lineage] | None = None,
) -> dict[int, list[RelatedComment]]:
    """Pair index of each changed row → the comments on its old articles (their 款/项/目 too).

    ``lineage`` and ``by_version`` are as for ``consultation.anchors.resolve_comments``.
    """
    index = DraftIndex(old)
    by_article = comments_by_article(comments, index, lineage, by_version)
    out: dict[int, list[RelatedComment]] = {}
    for k, pair in enumerate(comparison.pairs):
        if not pair.is_change:
            continue
        found = sorted(p for unit in pair.old for p in by_article.get(unit.uid, ()))
        if not found:
            continue
        entries: list[RelatedComment] = []
        for position, uid in found:
            comment = comments[position]
            entries.append(
                RelatedComment(
                    id=comment.id or 0,
                    target=index.label(uid),
                    content=comment.content,
                    source=comment.source.label,
                    disposition=(
                        comment.disposition.label if comment.disposition else PENDING_LABEL
                    ),
                )
            )
        out[k] = entries
    return out

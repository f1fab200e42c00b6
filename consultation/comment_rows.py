"""The rows of the 意见 table, and the filter over them: one light tuple per comment.

``build_rows`` turns stored comments into ``CommentRow`` tuples once per reload (anchors resolved
against the version shown, the draft indexed once); ``RowFilter`` says which rows pass. The Qt
table model (``ui.comments.table_model``) keeps these rows and only shows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from consultation.anchors import Anchor, AnchorState, Lineage, resolve_comments
from consultation.decisions import MISSING, ORPHANED, WHOLE, further_keys
from consultation.draft_index import DraftIndex
from consultation.model import WHOLE_DRAFT_LABEL, Comment, Disposition, Source, missing_label
from drafting.model.units import Unit, UnitKind

#: The word for comments without a decision, as the panel and the 相关意见 list show it.
PENDING_LABEL = "待处理"


class CommentRow(NamedTuple):
    """What the table shows of one comment (a light tuple; the full comment stays stored)."""

    id: int
    number: int  # 序号: position among the regulation's comments, from 1
    target: str  # 第十二条第二款, 总体, or '' when orphaned
    article_key: str  # article uid, WHOLE or ORPHANED (for the article filter)
    uid: str | None  # where the comment sits in the version shown
    source: Source
    submitter: str
    content: str  # the full text (the table elides it)
    disposition: Disposition | None
    anchor_state: AnchorState
    anchor_message: str
    cluster_id: int | None
    cluster_size: int
    round_id: int | None
    quote: str
    span: tuple[int, int] | None  # the quoted words in the unit's text (DraftIndex.text)
    also_keys: tuple[str, ...] = ()  # further articles the comment names (each counts it)
    target_text: str = ""  # the 条款 cell as the submitter wrote it
    office: str = ""  # 处室 the comment is assigned to (issue 14)
    handler: str = ""  # 承办人
    # What became of the article since the text the comment was made on: 条文已修改,
    # 已移至第十三条（原第十二条）… ('' when unchanged or unknown; consultation.anchor_status).
    text_change: str = ""


def elide(text: str, chars: int) -> str:
    """``text`` on one line, cut to ``chars`` characters with "…" when longer."""
    line = " ".join(text.split())
    return line if len(line) <= chars else line[: chars - 1] + "…"


def build_rows(
    comments: Sequence[Comment],
    index: DraftIndex,
    lineage: Lineage | None = None,
    by_version: Mapping[int, Lineage] | None = None,
) -> list[CommentRow]:
    """One row per comment, anchors resolved in the indexed draft (one pass per lineage).

    ``lineage`` (the shown draft's) lets comments follow split and merged units;
    ``by_version`` gives another lineage for the comments made on a given version (the part
    recorded after it, see ``consultation.anchors.lineages_since``).
    """
    anchors: list[Anchor] = resolve_comments(comments, index, lineage, by_version)
    sizes = Counter(c.cluster_id for c in comments if c.cluster_id is not None)
    rows: list[CommentRow] = []
    # Anchors repeat (most comments share a target): their words are made once each.
    labels: dict[str, str] = {}
    messages: dict[Anchor, str] = {}
    for number, (comment, anchor) in enumerate(zip(comments, anchors, strict=True), 1):
        message = messages.get(anchor)
        if message is None:
            message = messages[anchor] = anchor.message(index)
        also: tuple[str, ...] = ()
        if comment.target.uid is None:
            if comment.missing_target:
                target = missing_label(comment.missing_target)
                key = MISSING + comment.missing_target
            else:
                target, key = WHOLE_DRAFT_LABEL, WHOLE
        elif anchor.uid is None:
            target, key = "", ORPHANED
        else:
            target = labels.get(anchor.uid) or labels.setdefault(
                anchor.uid, index.label(anchor.uid)
            )
            key = index.article_of.get(anchor.uid, anchor.uid)
            if comment.also:
                also = tuple(further_keys(comment, index, key))
                target = "、".join([target, *(index.label(u) for u in comment.also if u in index)])
            if comment.missing_target:
                target += "、" + missing_label(comment.missing_target)
        cluster = comment.cluster_id
        rows.append(
            CommentRow(
                id=comment.id or 0,
                number=number,
                target=target,
                article_key=key,
                uid=anchor.uid,
                source=comment.source,
                submitter=comment.submitter.display,
                content=comment.content,
                disposition=comment.disposition,
                anchor_state=anchor.state,
                anchor_message=message,
                cluster_id=cluster,
                cluster_size=sizes[cluster] if cluster is not None else 0,
                round_id=comment.round_id,
                quote=comment.target.quote,
                span=anchor.span,
                also_keys=also,
                target_text=comment.target_text,
                office=comment.office,
                handler=comment.handler,
            )
        )
    return rows


@dataclass(frozen=True)
class RowFilter:
    """Which rows the table shows; None (or empty) in a field means any."""

    article_keys: frozenset[str] | None = None
    source: Source | None = None
    disposition: Disposition | None = None
    pending: bool = False  # only comments without a decision (待处理)
    round_id: int | None = None
    text: str = ""
    assignee: str = ""  # only comments assigned to this 处室 or 承办人
    done: bool = False  # only comments with a decision (已处理)

    def matches(self, row: CommentRow) -> bool:
        """True when the row passes every condition."""
        if (
            self.article_keys is not None
            and row.article_key not in self.article_keys
            and not self.article_keys.intersection(row.also_keys)
        ):
            return False
        if self.source is not None and row.source is not self.source:
            return False
        if self.pending and row.disposition is not None:
            return False
        if self.done and row.disposition is None:
            return False
        if self.assignee and self.assignee not in (row.office, row.handler):
            return False
        if self.disposition is not None and row.disposition is not self.disposition:
            return False
        if self.round_id is not None and row.round_id != self.round_id:
            return False
        if self.text:
            words = self.text
            return words in row.content or words in row.submitter or words in row.target
        return True

    def positions(self, rows: Sequence[CommentRow]) -> list[int]:
        """The positions in ``rows`` that pass, in order."""
        return [i for i, r in enumerate(rows) if self.matches(r)]


def keys_under(unit: Unit) -> frozenset[str]:
    """The article keys an outline selection stands for: an article's own uid, or for a heading
    (章/节/编) every article under it and the heading itself."""
    if unit.kind is UnitKind.ARTICLE:
        return frozenset({unit.uid})
    return frozenset(u.uid for u in unit.walk() if u.kind is UnitKind.ARTICLE or u is unit)


def adopted_count(rows: Sequence[CommentRow], keys: Collection[str]) -> tuple[int, int]:
    """(comments on these article keys, how many of them adopted) — 部分采纳 is not 采纳
    (issue 14): ``adoption_counts`` gives it apart."""
    count, adopted, _partly = adoption_counts(rows, keys)
    return count, adopted


def adoption_counts(rows: Sequence[CommentRow], keys: Collection[str]) -> tuple[int, int, int]:
    """(comments on these article keys, how many 采纳, how many 部分采纳)."""
    on = [r for r in rows if r.article_key in keys]
    adopted = sum(1 for r in on if r.disposition is Disposition.ADOPTED)
    partly = sum(1 for r in on if r.disposition is Disposition.PARTLY_ADOPTED)
    return len(on), adopted, partly


def with_cluster_mates(rows: Sequence[CommentRow], comment_ids: Collection[int]) -> set[int]:
    """``comment_ids`` and every comment grouped with one of them, as the rows show the groups.

    By comment id, never by a stored cluster number alone: every re-clustering (in the window
    or from the command line) renumbers the groups.
    """
    chosen = set(comment_ids)
    groups = {r.cluster_id for r in rows if r.id in chosen and r.cluster_size > 1} - {None}
    return chosen | {r.id for r in rows if r.cluster_id in groups}

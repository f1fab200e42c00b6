"""The totals of a consultation and the rows of the 征求意见汇总表, in the draft's text order.

``summarize`` counts comments by source, disposition and article (总体 first, then articles in
text order); ``summary_rows`` lists them grouped by article with each cluster of near-duplicates
as one row; ``comment_lines`` lists every comment on its own line (the .xlsx 意见明细 sheet);
``adoption_statement`` writes the 采纳情况说明 paragraph. Campaigns are reported by
their count: every comment is counted somewhere, none is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from consultation.anchors import Lineage
from consultation.clustering import Cluster
from consultation.decisions import (
    MISSING,
    ORPHANED,
    WHOLE,
    article_keys,
    cluster_comments,
    clusters_from_ids,
    further_keys,
)
from consultation.draft_index import DraftIndex
from consultation.model import (
    UNDECIDED_LABEL,
    WHOLE_DRAFT_LABEL,
    Comment,
    Disposition,
    Source,
    missing_label,
)
from drafting.model.units import Draft

#: The label of comments whose unit was deleted in the draft summarised.
ORPHANED_LABEL = "已删除条文"
#: The label of an article that carries no number (民法典's 附则 style).
UNNUMBERED_LABEL = "未编号条文"


@dataclass
class ArticleGroup:
    """Comments on one article (or on the whole draft): key, label, count."""

    key: str  # article uid, WHOLE or ORPHANED
    label: str  # 第十二条, 总体, 已删除条文
    count: int


@dataclass
class Summary:
    """The totals of a set of comments against one draft."""

    total: int
    people: int  # 人次: submissions by distinct identified submitters, anonymous ones each count
    by_source: dict[str, int]  # Chinese source label → count, in the glossary's order
    by_disposition: dict[str, int]  # 采纳 … 另行研究, 未处理 → count
    articles: list[ArticleGroup]  # 总体 first, then text order, deleted units last
    clusters: list[Cluster[int]]  # members are positions in the comments summarised
    cluster_labels: list[str] = field(default_factory=list)  # article label of each cluster
    # One line per comment summarised, in their order: filled by ``stored_summary`` (both doors'
    # summary) for the .xlsx 意见明细 sheet; empty from ``summarize`` alone.
    lines: list[CommentLine] = field(default_factory=list)

    @property
    def by_article(self) -> dict[str, int]:
        """Article label → count, in text order with 总体 first."""
        counts: dict[str, int] = {}
        for group in self.articles:
            counts[group.label] = counts.get(group.label, 0) + group.count
        return counts

    @property
    def clustered(self) -> int:
        """How many comments belong to a cluster of near-duplicates."""
        return sum(c.count for c in self.clusters)

    def as_json(self) -> dict[str, Any]:
        """The figures printed by ``app.py comments summary --json``."""
        return {
            "total": self.total,
            "by_source": self.by_source,
            "by_disposition": self.by_disposition,
            "clusters": len(self.clusters),
            "by_article": self.by_article,
        }


def _people(comments: Sequence[Comment]) -> int:
    identified: set[tuple[str, str, str, str]] = set()
    anonymous = 0
    for c in comments:
        s = c.submitter
        if s.is_anonymous:
            anonymous += 1
        else:
            identified.add(
                (s.name, s.organisation, s.contact, c.date.isoformat() if c.date else "")
            )
    return len(identified) + anonymous


def _label_for(key: str, index: DraftIndex) -> str:
    if key == WHOLE:
        return WHOLE_DRAFT_LABEL
    if key == ORPHANED:
        return ORPHANED_LABEL
    if key.startswith(MISSING):
        return missing_label(key[len(MISSING) :])
    return index.label(key) or UNNUMBERED_LABEL


def _sort_key(key: str, index: DraftIndex) -> tuple[int, int]:
    if key == WHOLE:
        return (0, 0)
    if key == ORPHANED:
        return (3, 0)
    if key.startswith(MISSING):
        return (2, 0)
    return (1, index.order.get(key, 0))


def _where(comment: Comment, key: str, index: DraftIndex) -> str:
    """Where one comment points as the 汇总表 shows it: its unit (第十二条第二款), the further
    units it names (第十二条、第十三条), articles the draft lacks (第六十条（草案中无此条）)."""
    uid = comment.target.uid
    if key in (WHOLE, ORPHANED) or key.startswith(MISSING):
        return _label_for(key, index)
    parts = [index.label(uid) if uid is not None and uid in index else _label_for(key, index)]
    parts += [index.label(u) for u in comment.also if u in index]
    where = "、".join(dict.fromkeys(parts))
    if comment.missing_target:
        where += "、" + missing_label(comment.missing_target)
    return where


def _cluster_label(
    members: Sequence[int], comments: Sequence[Comment], keys: Sequence[str], index: DraftIndex
) -> str:
    """A cluster's place: the unit all its members name (第十五条第三款), else their article."""
    uids = {comments[m].target.uid for m in members}
    if len(uids) == 1:
        (uid,) = uids
        if uid is not None and uid in index:
            return index.label(uid)
    return _label_for(keys[members[0]], index)


def summarize(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    *,
    lineage: Lineage | None = None,
    recluster: bool = True,
) -> Summary:
    """Count the comments by source, disposition and article, and find their clusters.

    With ``recluster`` (the default) near-duplicates are found afresh and each comment's
    cluster_id is set; without it the cluster_ids already recorded are used.
    """
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    keys = article_keys(comments, index, lineage)
    clusters = (
        cluster_comments(comments, index, lineage=lineage)
        if recluster
        else clusters_from_ids(comments)
    )
    sources = Counter(c.source for c in comments)
    dispositions = Counter(c.disposition for c in comments)
    by_disposition = {d.label: dispositions[d] for d in Disposition if dispositions[d]}
    if dispositions[None]:
        by_disposition[UNDECIDED_LABEL] = dispositions[None]
    per_key = Counter(keys)
    for comment, key in zip(comments, keys, strict=True):
        if comment.also:
            # A comment on several articles counts for each (the 汇总表 lists it once).
            per_key.update(further_keys(comment, index, key))
    articles = [
        ArticleGroup(key, _label_for(key, index), n)
        for key, n in sorted(per_key.items(), key=lambda kv: _sort_key(kv[0], index))
    ]
    return Summary(
        total=len(comments),
        people=_people(comments),
        by_source={s.label: sources[s] for s in Source if sources[s]},
        by_disposition=by_disposition,
        articles=articles,
        clusters=clusters,
        cluster_labels=[_cluster_label(c.member_ids, comments, keys, index) for c in clusters],
    )


def stored_summary(comments: Sequence[Comment], draft: Draft) -> tuple[Summary, list[SummaryRow]]:
    """The summary and 汇总表 rows both doors give (the command line and the window).

    The rule: clusters are the ones stored (found at import, or when the drafter asks for a
    re-clustering), never guessed afresh behind a summary, so the table the drafter decided
    from and the summary agree; comments on split or merged units count where they now sit
    (``draft.lineage``).
    """
    index = DraftIndex(draft)
    summary = summarize(comments, index, lineage=draft.lineage, recluster=False)
    rows = summary_rows(comments, index, summary, lineage=draft.lineage)
    summary.lines = comment_lines(comments, index, summary, rows, lineage=draft.lineage)
    return summary, rows


def adoption_statement(summary: Summary, *, largest: int = 5) -> str:
    """The 采纳情况说明 paragraph: totals, by source, by disposition, and the campaigns."""
    if summary.total == 0:
        return "本次征求意见未收到意见。"
    parts = [f"共收到{summary.total}条意见，来自{summary.people}人次"]
    decided = [
        f"{d.label}{summary.by_disposition[d.label]}条"
        for d in Disposition
        if d.label in summary.by_disposition
    ]
    if decided:
        parts.append("其中" + "、".join(decided))
    undecided = summary.by_disposition.get(UNDECIDED_LABEL, 0)
    if undecided:
        parts.append(f"尚未处理{undecided}条")
    text = "，".join(parts) + "。"
    if summary.by_source:
        text += "从来源看，" + "、".join(f"{k}{v}条" for k, v in summary.by_source.items()) + "。"
    if summary.clusters:
        text += f"相同或相近的意见共{len(summary.clusters)}组{summary.clustered}条，已分别合并处理"
        # Groups on the same place are named once ("关于第十五条的2组共10条"), never
        # "关于第十五条的5条、关于第十五条的5条".
        on: dict[str, list[int]] = {}
        for cluster, label in zip(
            summary.clusters[:largest], summary.cluster_labels[:largest], strict=False
        ):
            on.setdefault(label, []).append(cluster.count)
        shown = [
            f"关于{label}的{counts[0]}条"
            if len(counts) == 1
            else f"关于{label}的{len(counts)}组共{sum(counts)}条"
            for label, counts in on.items()
        ]
        text += "，其中" + "、".join(shown)
        rest = summary.clusters[largest:]
        if rest:
            text += f"，另有{len(rest)}组{sum(c.count for c in rest)}条"
        text += "。"
    return text


@dataclass
class SummaryRow:
    """One row of the 征求意见汇总表 (a single comment, or a cluster of near-duplicates)."""

    number: int  # 序号
    article: str  # 条款: 总体, 第十二条, 第十二条第二款 …
    content: str  # 意见内容
    submitter: str  # 提出者
    disposition: str  # 处理意见
    reason: str  # 理由
    count: int = 1  # comments behind the row
    members: list[int] = field(default_factory=list)  # positions in the comments summarised
    people: int = 1  # who wrote them (``people_of``): a group's "N 人次"


#: 提出者 of a comment whose submitter gave no name or unit (contact details are never shown).
UNSIGNED_LABEL = "未署名"


def people_of(members: Sequence[Comment]) -> int:
    """How many people wrote these comments: each named submitter once (one person writing
    twice is one), each anonymous comment as one."""
    named: set[str] = set()
    anonymous = 0
    for c in members:
        if c.submitter.is_anonymous:
            anonymous += 1
        else:
            named.add(c.submitter.display or c.submitter.contact)
    return len(named) + anonymous


def _submitters(members: Sequence[Comment], limit: int = 3) -> str:
    """Who wrote a row's comments, people and submissions (人次) kept apart.

    Each named person once, with "（N次）" when they wrote N > 1 times ("严华（2次）", never
    "严华等2人次"); anonymous comments count one person each, named by their source
    ("社会公众3人"). More than ``limit`` names: "甲、乙、丙等N人" with N from ``people_of``, and
    "（共M次）" when M submissions are more than N people.
    """
    counts: dict[str, int] = {}
    anonymous: set[str] = set()
    for c in members:
        # A contact detail (phone, e-mail) never names anyone in an outgoing document: a
        # submitter known only by contact is shown by source, like an anonymous one.
        named = bool(c.submitter.display)
        name = c.submitter.display if named else c.source.label
        counts[name] = counts.get(name, 0) + 1
        if not named:
            anonymous.add(name)
    people = people_of(members)
    if len(counts) <= limit:
        return "、".join(
            name if n == 1 else (f"{name}{n}人" if name in anonymous else f"{name}（{n}次）")
            for name, n in counts.items()
        )
    text = "、".join(list(counts)[:limit]) + f"等{people}人"
    return text + ("次" if len(members) == people else f"（共{len(members)}次）")


def _disposition(members: Sequence[Comment]) -> tuple[str, str]:
    counts = Counter(c.disposition for c in members)
    if len(counts) == 1:
        only = next(iter(counts))
        label = only.label if only else ""
    else:
        order = [*Disposition, None]
        label = "、".join(
            f"{d.label if d else UNDECIDED_LABEL}{counts[d]}条" for d in order if counts[d]
        )
    reasons: list[str] = []
    for c in members:
        if c.decision and c.decision.reason and c.decision.reason not in reasons:
            reasons.append(c.decision.reason)
    return label, "；".join(reasons[:3])


def summary_rows(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    summary: Summary,
    *,
    lineage: Lineage | None = None,
) -> list[SummaryRow]:
    """The 汇总表 rows: 总体 first, then by article in text order; a cluster is one row."""
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    keys = article_keys(comments, index, lineage)
    in_cluster: dict[int, int] = {}
    for number, group in enumerate(summary.clusters):
        for m in group.member_ids:
            in_cluster[m] = number
    # Entries in order of first appearance within each article: single comments and clusters.
    entries: list[tuple[tuple[int, int], int, list[int], Cluster[int] | None]] = []
    placed: set[int] = set()
    for position in range(len(comments)):
        cluster_no = in_cluster.get(position)
        if cluster_no is not None:
            if cluster_no in placed:
                continue
            placed.add(cluster_no)
            found = summary.clusters[cluster_no]
            entries.append((_sort_key(keys[position], index), position, found.member_ids, found))
        else:
            entries.append((_sort_key(keys[position], index), position, [position], None))
    entries.sort(key=lambda e: (e[0], e[1]))
    rows: list[SummaryRow] = []
    for number, (_, position, members, cluster) in enumerate(entries, 1):
        member_comments = [comments[m] for m in members]
        comment = comments[position]
        key = keys[position]
        if cluster is not None:
            where = _cluster_label(members, comments, keys, index)
        else:
            where = _where(comment, key, index)
        if cluster is not None:
            content = f"{cluster.representative}（共{cluster.count}条相同或相近意见）"
        else:
            content = comment.content
            if comment.target.quote:
                content = f"（针对“{comment.target.quote}”）{content}"
        disposition, reason = _disposition(member_comments)
        rows.append(
            SummaryRow(
                number=number,
                article=where,
                content=content,
                submitter=_submitters(member_comments),
                disposition=disposition,
                reason=reason,
                count=len(members),
                members=list(members),
                people=people_of(member_comments),
            )
        )
    return rows


@dataclass(slots=True)
class CommentLine:
    """One comment as the 意见明细 sheet lists it (every field as written out, '' when none)."""

    number: int  # 序号: position among the comments summarised, from 1
    written: str  # 条款 as the submitter wrote it ('' while the model does not keep it)
    anchored: str  # 条款 as anchored in the draft summarised: 第十二条第二款, 总体, 已删除条文
    content: str  # 意见内容, exactly as submitted
    submitter: str  # 提出者: 姓名（单位）
    source: str  # 类别: 社会公众, 人大代表 …
    channel: str  # 渠道: 网站, 信函 …
    date: dt.date | None  # 日期
    group: str  # 分组: 第3组（12条） for a comment among near-duplicates, else ''
    row: int  # the 序号 of the 汇总表 row that holds it
    disposition: str  # 处理意见 ('' while undecided)
    reason: str  # 理由
    note: str  # 备注: where it was imported from, the words it quotes, the importer's notes


def comment_lines(
    comments: Sequence[Comment],
    draft: Draft | DraftIndex,
    summary: Summary,
    rows: Sequence[SummaryRow],
    *,
    lineage: Lineage | None = None,
) -> list[CommentLine]:
    """Every comment on its own line, in the order given, with its group and 汇总表 row.

    ``summary`` and ``rows`` are the ones made from these ``comments`` (positions match).
    The submitter's own 条款 text is not stored yet, so ``written`` is '' for now.
    """
    index = draft if isinstance(draft, DraftIndex) else DraftIndex(draft)
    keys = article_keys(comments, index, lineage)
    group_of: dict[int, str] = {}
    for number, cluster in enumerate(summary.clusters, 1):
        label = f"第{number}组（{cluster.count}条）"
        for m in cluster.member_ids:
            group_of[m] = label
    row_of: dict[int, int] = {}
    for row in rows:
        for m in row.members:
            row_of[m] = row.number
    lines: list[CommentLine] = []
    for position, comment in enumerate(comments):
        decision = comment.decision
        notes = [comment.origin] if comment.origin else []
        if comment.target.quote:
            notes.append(f"针对“{comment.target.quote}”")
        notes.extend(comment.notes)
        lines.append(
            CommentLine(
                number=position + 1,
                written=comment.target_text,
                anchored=_where(comment, keys[position], index),
                content=comment.content,
                submitter=comment.submitter.display or UNSIGNED_LABEL,
                source=comment.source.label,
                channel=comment.channel.label,
                date=comment.date,
                group=group_of.get(position, ""),
                row=row_of.get(position, 0),
                disposition=decision.disposition.label if decision else "",
                reason=decision.reason if decision else "",
                note="；".join(notes),
            )
        )
    return lines

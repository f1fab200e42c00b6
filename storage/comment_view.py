"""The 意见 table's rows fetched lazily by id (Anki's browser): 100,000 comments open at once.

``CommentView(store, regulation_id, version_id, draft)`` keeps, per regulation, only

- the ordered ids of every comment (for 序号 and "is it there?"),
- one entry per *distinct target* (uid, quoted words, offset, version, further units, missing
  article) with its count per disposition, anchored once against the shown text,
- the size of each group of near-duplicates.

``ids(RowFilter)`` turns the table's filter into one SQL query that returns the ordered ids that
pass; ``rows(ids)`` reads one page of comments by id and builds their ``CommentRow`` tuples
from the anchored targets. Article filters and searches on the 条款 label become SQL conditions
on the targets whose anchor passes (a comment's article is where its target sits in the text
shown, so it is worked out per distinct target in Python and handed to SQL as uids).
Raises ``LibraryError`` (from the store) when the library cannot be read.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy import func as sql_func

from consultation.anchor_status import text_statuses
from consultation.comment_rows import CommentRow, RowFilter
from consultation.draft_index import DraftIndex
from consultation.model import Comment, Decision, Disposition, Target
from consultation.version_comments import VersionComments
from drafting.model.units import Draft
from storage.comment_tables import comment_table
from storage.comments import _LOADED, CommentStore, _comments_from
from storage.errors import LibraryError

log = logging.getLogger("lifa.storage.comments")

#: (target_uid, quote, quote_offset, version_id, also_uids, missing_target) as stored.
TargetKey = tuple[str | None, str, int | None, int | None, str, str]

_c = comment_table.c
_KEY_COLUMNS = (_c.target_uid, _c.quote, _c.quote_offset, _c.version_id, _c.also_uids,
                _c.missing_target)  # fmt: skip
#: SQLite parses ``a OR b OR c …`` as a chain as deep as its terms (limit 1000): OR-ed
#: conditions are nested in groups of this many.
_OR_GROUP = 64
#: Ids per ``IN (…)`` when reading a page or a selection (SQLite's bound-parameter limit).
_IN_CHUNK = 900


@dataclass(frozen=True)
class _Place:
    """Where the comments of one distinct target sit in the text shown (a row without the
    comment's own fields)."""

    row: CommentRow  # a placeholder row: target, article_key, uid, anchor fields, also_keys


def _key_condition(key: TargetKey) -> ColumnElement[bool]:
    return and_(*(col.is_(None) if v is None else col == v for col, v in zip(
        _KEY_COLUMNS, key, strict=True)))  # fmt: skip


def _any_of(conditions: Sequence[ColumnElement[bool]]) -> ColumnElement[bool]:
    """OR of ``conditions``, nested so that SQLite's expression depth stays small."""
    if not conditions:
        return false()
    if len(conditions) == 1:
        return conditions[0]
    if len(conditions) <= _OR_GROUP:
        return or_(*conditions)
    size = -(-len(conditions) // _OR_GROUP)
    return or_(*(_any_of(conditions[i : i + size]) for i in range(0, len(conditions), size)))


class CommentView:
    """The comments of one regulation as the 意见 table shows them against one text."""

    def __init__(self, store: CommentStore, regulation_id: int, version_id: int | None,
                 draft: Draft) -> None:  # fmt: skip
        self.store = store
        self.regulation_id = regulation_id
        self.version_id = version_id
        self.draft = draft
        self._ids: list[int] = []
        self._id_set: set[int] = set()
        #: distinct target → {disposition value or None: count}
        self._counts: dict[TargetKey, Counter[str | None]] = {}
        self._places: dict[TargetKey, _Place] = {}
        self._sizes: dict[int, int] = {}
        self._frozen: dict[int, Any] = {}
        self._index = DraftIndex(draft)
        self._bases: dict[int, DraftIndex] = {}
        self._members: dict[int, list[int]] = {}  # group (of 2+) → its comment ids
        self._group_of: dict[int, int] = {}  # comment id → its group (of 2+)
        self._assignees: list[str] = []

    # ---- loading ----------------------------------------------------------------------------

    def load(self) -> CommentView:
        """Read, in one pass over the regulation's comments (narrow columns, no words), the ids,
        the distinct targets with their counts per disposition, the groups and the assignees;
        then anchor the targets in the text; returns self.

        One pass and counting in Python: an SQL GROUP BY over seven columns sorts 100,000 rows
        and costs more than reading them."""
        c = _c
        query = (
            select(c.id, *_KEY_COLUMNS, c.disposition, c.cluster_id, c.office, c.handler)
            # "+ 0" keeps SQLite from the (regulation, target) index: reading the table in id
            # order needs no sort and no jumping between pages (0.29 s against 0.54 s at 100k).
            .where(c.regulation_id + 0 == self.regulation_id)
            .order_by(c.id)
        )
        with self.store._read() as conn:
            rows = conn.execute(query).all()
        self._ids = [r[0] for r in rows]
        self._id_set = set(self._ids)
        counts: dict[TargetKey, Counter[str | None]] = {}
        members: dict[int, list[int]] = {}
        names: set[str] = set()
        for comment_id, uid, quote, offset, version, also, missing, disposition, cluster, office, handler in rows:  # fmt: skip  # noqa: E501
            key = (uid, quote, offset, version, also, missing)
            per = counts.get(key)
            if per is None:
                per = counts[key] = Counter()
            per[disposition] += 1
            if cluster is not None:
                members.setdefault(cluster, []).append(comment_id)
            if office:
                names.add(office)
            if handler:
                names.add(handler)
        del rows
        self._counts = counts
        # Only groups of two or more are kept by member (a decision on a group, 整组处理).
        self._sizes = {g: len(m) for g, m in members.items()}
        self._members = {g: m for g, m in members.items() if len(m) > 1}
        self._group_of = {i: g for g, m in self._members.items() for i in m}
        self._assignees = sorted(names)
        placeholders = self._placeholders()
        self._frozen = self.store.frozen_lineages(self.regulation_id, placeholders, self.version_id)
        self._bases = self._load_bases()
        self.relabel(self.draft)
        return self

    def decide(
        self, comment_ids: Collection[int], decision: Decision | None, *, by: str = ""
    ) -> int:
        """Store one decision for these comments (``CommentStore.decide``: one audited
        transaction) and keep the counts per disposition true without counting everything
        again: the decided comments' targets and old dispositions are read by id first."""
        wanted = sorted(set(comment_ids))
        before: Counter[tuple[TargetKey, str | None]] = Counter()
        with self.store._read() as conn:
            for at in range(0, len(wanted), _IN_CHUNK):
                for *key, disposition in conn.execute(
                    select(*_KEY_COLUMNS, _c.disposition).where(
                        _c.id.in_(wanted[at : at + _IN_CHUNK])
                    )
                ):
                    before[(tuple(key), disposition)] += 1  # type: ignore[index]
        changed = self.store.decide(wanted, decision, by=by)
        after = decision.disposition.value if decision is not None else None
        for (target, disposition), n in before.items():
            per = self._counts.get(target)
            if per is None:
                continue  # stored after load(): counted at the next load
            per[disposition] -= n
            if per[disposition] <= 0:
                del per[disposition]
            per[after] += n
        return changed

    def reload_counts(self) -> None:
        """Count the comments per distinct target and disposition afresh (SQL GROUP BY)."""
        c = _c
        counts: dict[TargetKey, Counter[str | None]] = {}
        with self.store._read() as conn:
            for *key, disposition, n in conn.execute(
                select(*_KEY_COLUMNS, c.disposition, sql_func.count())
                .where(c.regulation_id == self.regulation_id)
                .group_by(*_KEY_COLUMNS, c.disposition)
            ):
                counts.setdefault(tuple(key), Counter())[disposition] += int(n)  # type: ignore[arg-type]
        self._counts = counts

    def _placeholders(self, keys: Sequence[TargetKey] | None = None) -> list[Comment]:
        return [
            Comment(
                "",
                target=Target(uid, quote, offset),
                version_id=version,
                also=tuple(also.split()) if also else (),
                missing_target=missing,
                id=0,
            )
            for uid, quote, offset, version, also, missing in (
                self._counts if keys is None else keys
            )
        ]

    def relabel(self, draft: Draft) -> None:
        """The shown text changed (edited, or another text): anchor every distinct target in
        it afresh; no comment is read."""
        self.draft = draft
        keys = list(self._counts)
        placeholders = self._placeholders(keys)
        self._index = DraftIndex(draft)
        rows = VersionComments(self.version_id, draft, placeholders, self._frozen).rows(self._index)
        statuses = text_statuses(placeholders, self._bases, self._index)
        self._places = {
            key: _Place(row._replace(text_change=status.label) if status else row)
            for key, row, status in zip(keys, rows, statuses, strict=True)
        }

    def _load_bases(self) -> dict[int, DraftIndex]:
        """The texts the comments were made on, indexed: version id → index. For comments on
        the version shown, its text as saved in the library when the table was loaded (edits
        since count as changes until the next load)."""
        wanted = {key[3] for key in self._counts if key[3] is not None}
        bases: dict[int, DraftIndex] = {}
        for version_id in sorted(wanted):
            try:
                bases[version_id] = DraftIndex(self.store.library.load_draft(version_id))
            except LibraryError:
                log.warning("无法读取版本 %s 的文本，意见的条文变化不予显示", version_id)
        return bases

    @property
    def frozen_lineages(self) -> dict[int, Any]:
        """The lineage of each frozen version comments were made on (as ``on_version``)."""
        return dict(self._frozen)

    # ---- what the table asks ----------------------------------------------------------------

    def total(self) -> int:
        """How many comments the regulation has."""
        return len(self._ids)

    def has(self, comment_id: int) -> bool:
        """True when the comment is one of the regulation's."""
        return comment_id in self._id_set

    def number(self, comment_id: int) -> int:
        """序号: the comment's position among the regulation's comments, from 1."""
        return bisect_left(self._ids, comment_id) + 1

    def _targets_where(self, passes: Callable[[CommentRow], bool]) -> ColumnElement[bool]:
        """An SQL condition true for comments whose anchored target passes ``passes``: a uid
        list where every target on that uid agrees, the exact target otherwise."""
        by_uid: dict[str | None, list[tuple[TargetKey, bool]]] = {}
        for key, place in self._places.items():
            by_uid.setdefault(key[0], []).append((key, passes(place.row)))
        whole: list[str] = []
        null_whole = False
        exact: list[ColumnElement[bool]] = []
        for uid, found in by_uid.items():
            verdicts = {ok for _k, ok in found}
            if verdicts == {True}:
                if uid is None:
                    null_whole = True
                else:
                    whole.append(uid)
            elif verdicts == {True, False}:
                exact.extend(_key_condition(k) for k, ok in found if ok)
        conditions: list[ColumnElement[bool]] = []
        if whole:
            conditions.append(_c.target_uid.in_(whole))
        if null_whole:
            conditions.append(_c.target_uid.is_(None))
        return _any_of([*conditions, *exact])

    def ids(self, flt: RowFilter) -> list[int]:
        """The ids of the comments that pass ``flt``, in 序号 order (one SQL query)."""
        if flt == RowFilter():
            return list(self._ids)  # every comment: known since load()
        c = _c
        # An article's comments are found through the (regulation, target) index; for the
        # other filters reading the table in id order is faster than the index and a sort.
        regulation = c.regulation_id if flt.article_keys is not None else c.regulation_id + 0
        query = select(c.id).where(regulation == self.regulation_id)
        if flt.article_keys is not None:
            keys = flt.article_keys
            query = query.where(
                self._targets_where(
                    lambda r: r.article_key in keys or bool(keys.intersection(r.also_keys))
                )
            )
        if flt.source is not None:
            query = query.where(c.source == flt.source.value)
        if flt.pending:
            query = query.where(c.disposition.is_(None))
        if flt.done:
            query = query.where(c.disposition.is_not(None))
        if flt.assignee:
            query = query.where(or_(c.office == flt.assignee, c.handler == flt.assignee))
        if flt.disposition is not None:
            query = query.where(c.disposition == flt.disposition.value)
        if flt.round_id is not None:
            query = query.where(c.round_id == flt.round_id)
        if flt.text:
            words = flt.text
            query = query.where(
                or_(
                    c.content.contains(words, autoescape=True),
                    c.submitter_name.contains(words, autoescape=True),
                    c.submitter_org.contains(words, autoescape=True),
                    self._targets_where(lambda r: words in r.target),
                )
            )
        with self.store._read() as conn:
            return list(conn.execute(query.order_by(c.id)).scalars().all())

    def comments(self, comment_ids: Collection[int]) -> list[Comment]:
        """The comments with these ids, in id order (read in chunks)."""
        wanted = sorted(set(comment_ids))
        out: list[Comment] = []
        with self.store._read() as conn:
            for at in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[at : at + _IN_CHUNK]
                rows = conn.execute(
                    select(*(_c[name] for name in _LOADED))
                    # "+ 0": by primary key, never through the regulation's index (0.6 ms
                    # against 12 ms a page at 100,000 comments).
                    .where(_c.id.in_(chunk), _c.regulation_id + 0 == self.regulation_id)
                    .order_by(_c.id)
                ).all()
                out.extend(_comments_from(rows))
        return out

    def comment(self, comment_id: int) -> Comment | None:
        """One comment in full (for the details pane), None when it is not there."""
        found = self.comments([comment_id]) if self.has(comment_id) else []
        return found[0] if found else None

    def rows(self, comment_ids: Collection[int]) -> list[CommentRow]:
        """The table rows of these comments, in id order: one page read by id."""
        out: list[CommentRow] = []
        for comment in self.comments(comment_ids):
            out.append(self.row_of(comment))
        return out

    def row_of(self, comment: Comment) -> CommentRow:
        """The table row of a stored comment, anchored as its target is."""
        key: TargetKey = (
            comment.target.uid,
            comment.target.quote,
            comment.target.offset,
            comment.version_id,
            " ".join(comment.also),
            comment.missing_target,
        )
        place = self._places.get(key)
        if place is None:  # stored after load(): anchor it now
            (row,) = VersionComments(self.version_id, self.draft, [comment], self._frozen).rows(
                self._index
            )
            place = self._places[key] = _Place(row)
        cluster = comment.cluster_id
        return place.row._replace(
            id=comment.id or 0,
            number=self.number(comment.id or 0),
            source=comment.source,
            submitter=comment.submitter.display,
            content=comment.content,
            disposition=comment.disposition,
            cluster_id=cluster,
            cluster_size=self._sizes.get(cluster, 0) if cluster is not None else 0,
            round_id=comment.round_id,
            target_text=comment.target_text,
            office=comment.office,
            handler=comment.handler,
        )

    # ---- counts and groups ------------------------------------------------------------------

    def article_counts(self) -> dict[str, int]:
        """Comments per article key (the outline's counts), from the distinct targets."""
        counts: Counter[str] = Counter()
        for key, per in self._counts.items():
            counts[self._places[key].row.article_key] += sum(per.values())
        return dict(counts)

    def pending(self) -> int:
        """How many comments have no decision (待处理)."""
        return sum(per.get(None, 0) for per in self._counts.values())

    def adoption_counts(self, keys: Collection[str]) -> tuple[int, int, int]:
        """(comments on these article keys, how many 采纳, how many 部分采纳) — as
        ``consultation.comment_rows.adoption_counts`` counts rows."""
        count = adopted = partly = 0
        for key, per in self._counts.items():
            if self._places[key].row.article_key in keys:
                count += sum(per.values())
                adopted += per.get(Disposition.ADOPTED.value, 0)
                partly += per.get(Disposition.PARTLY_ADOPTED.value, 0)
        return count, adopted, partly

    def with_cluster_mates(self, comment_ids: Collection[int]) -> set[int]:
        """``comment_ids`` and every comment grouped with one of them (by id, in SQL)."""
        chosen = set(comment_ids)
        for group in {self._group_of[i] for i in chosen if i in self._group_of}:
            chosen.update(self._members[group])
        return chosen

    def group_sizes(self, comment_ids: Collection[int]) -> dict[int, int]:
        """The groups (of two or more) these comments belong to: group id → its size; read
        in SQL, so that a selection of 100,000 rows is never read row by row."""
        groups = {self._group_of[i] for i in comment_ids if i in self._group_of}
        return {g: len(self._members[g]) for g in groups}

    def assignees(self) -> list[str]:
        """The 处室 and 承办人 named on the regulation's comments, sorted."""
        return list(self._assignees)  # read with everything else by load()

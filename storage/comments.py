"""The comment store: rounds and comments of a library's regulations, behind named operations.

``CommentStore(library)`` adds, lists, imports, clusters and decides comments without showing a
Session to its callers; it works on the library's engine with Core statements (10,000 comments
are inserted in one executemany). The rules (import, clustering, summaries) live in
``consultation``; this module stores and loads, and offers the jobs that both doors — the
command line and the window — run the same way: ``import_and_cluster``, ``on_version``
(comments read against a version, for anchoring and listing) and ``summary``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError

from consultation.anchors import Lineage
from consultation.audit import AuditAction, AuditEntry, decode_state, encode_state
from consultation.clustering import Cluster
from consultation.decisions import article_keys, cluster_comments
from consultation.groups import merged, split_off
from consultation.importing import ImportReport, import_comments
from consultation.meetings import Meeting, MeetingKind, Minutes
from consultation.model import (
    Audience,
    Channel,
    Comment,
    Decision,
    Disposition,
    Round,
    Source,
    Submitter,
    Target,
)
from consultation.summary import Summary, SummaryRow, stored_summary
from consultation.version_comments import VersionComments
from drafting.model.units import Draft
from storage.comment_tables import audit_table, comment_table, meeting_table, round_table
from storage.library import Library, LibraryError, database_errors
from storage.limits import checked_values
from storage.models import utc_now, version_table

_BATCH = 2000

log = logging.getLogger("lifa.storage.comments")


@dataclass(frozen=True)
class StoredImport:
    """An import stored: the importer's report, the ids of the new comments, the version used.

    After ``import_and_cluster``: ``clusters`` is how many groups of near-duplicates the
    regulation's comments now form, and ``cluster_failure`` says why they could not be grouped
    ("" when they were; the comments are stored either way).
    """

    report: ImportReport
    ids: list[int]
    version_id: int
    clusters: int = 0
    cluster_failure: str = ""


@dataclass(frozen=True)
class StoredMeeting:
    """A meeting stored: it (with its id), the ids of its new comments, how many statements
    were there already (a second import)."""

    meeting: Meeting
    ids: list[int]
    already: int


@dataclass(frozen=True)
class StoredSummary:
    """The summary of a regulation's comments against a version, and the regulation's title."""

    title: str
    summary: Summary
    rows: list[SummaryRow]


def _naive_utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    return value.replace(tzinfo=dt.UTC) if value is not None else None


def _enum(kind: Any, value: str, default: Any) -> Any:
    try:
        return kind(value)
    except ValueError:
        return default


# Stored values → members by dict: an enum call per column per row is a tenth of loading
# 100,000 comments.
_SOURCES = {m.value: m for m in Source}
_CHANNELS = {m.value: m for m in Channel}
_DISPOSITIONS = {m.value: m for m in Disposition}


class CommentStore:
    """Rounds and comments of the regulations in one library."""

    def __init__(self, library: Library) -> None:
        self.library = library

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        """One transaction; failures become the library's Chinese messages."""
        with (
            database_errors(action, self.library.location),
            self.library.engine.begin() as conn,
        ):
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with (
            database_errors("读取意见", self.library.location),
            self.library.engine.connect() as conn,
        ):
            yield conn

    # ---- rounds ------------------------------------------------------------------------------

    def add_round(self, round_: Round) -> Round:
        """Store a new consultation round; returns it with its id."""
        self.library.regulation(round_.regulation_id)  # LibraryError if there is none
        with self._write("保存征求意见轮次") as conn:
            values = {
                "regulation_id": round_.regulation_id,
                "version_id": round_.version_id,
                "audience": round_.audience.value,
                "title": round_.title,
                "start": round_.start,
                "end": round_.end,
                "note": round_.note,
                "created": utc_now(),
            }
            result = conn.execute(insert(round_table).values(checked_values(round_table, values)))
            key = result.inserted_primary_key
            assert key is not None
        round_.id = int(key[0])
        return round_

    def rounds(self, regulation_id: int) -> list[Round]:
        """The rounds of a regulation, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                select(round_table)
                .where(round_table.c.regulation_id == regulation_id)
                .order_by(round_table.c.id)
            ).all()
        return [
            Round(
                regulation_id=r.regulation_id,
                version_id=r.version_id,
                audience=_enum(Audience, r.audience, Audience.OTHER),
                title=r.title,
                start=r.start,
                end=r.end,
                note=r.note,
                id=r.id,
            )
            for r in rows
        ]

    def round(self, round_id: int) -> Round:
        """One round; LibraryError if it does not exist."""
        with self._read() as conn:
            row = conn.execute(
                select(round_table.c.regulation_id).where(round_table.c.id == round_id)
            ).first()
        if row is None:
            raise LibraryError(f"找不到征求意见轮次 {round_id}")
        return next(r for r in self.rounds(row.regulation_id) if r.id == round_id)

    # ---- comments ----------------------------------------------------------------------------

    def add_comments(self, regulation_id: int, comments: Sequence[Comment]) -> list[int]:
        """Store new comments of a regulation, all or nothing; sets and returns their ids."""
        with self._write("保存意见") as conn:
            return self._add_comments_in(conn, regulation_id, comments)

    def _add_comments_in(
        self, conn: Connection, regulation_id: int, comments: Sequence[Comment]
    ) -> list[int]:
        """``add_comments`` inside the caller's transaction (rows checked before the first write)."""
        rows = [checked_values(comment_table, self._row(regulation_id, c)) for c in comments]
        statement = insert(comment_table).returning(
            comment_table.c.id, sort_by_parameter_order=True
        )
        ids: list[int] = []
        for at in range(0, len(rows), _BATCH):
            ids.extend(conn.execute(statement, rows[at : at + _BATCH]).scalars())
        for comment, new_id in zip(comments, ids, strict=True):
            comment.id = new_id
        return ids

    @staticmethod
    def _row(regulation_id: int, c: Comment) -> dict[str, Any]:
        decision = c.decision
        return {
            "regulation_id": regulation_id,
            "round_id": c.round_id,
            "version_id": c.version_id,
            "source": c.source.value,
            "submitter_name": c.submitter.name,
            "submitter_org": c.submitter.organisation,
            "submitter_contact": c.submitter.contact,
            "channel": c.channel.value,
            "date": c.date,
            "content": c.content,
            "target_uid": c.target.uid,
            "quote": c.target.quote,
            "quote_offset": c.target.offset,
            "fingerprint": c.fingerprint or None,
            "cluster_id": c.cluster_id,
            "disposition": decision.disposition.value if decision else None,
            "reason": decision.reason if decision else "",
            "decided_by": decision.decided_by if decision else "",
            "decided_at": _naive_utc(decision.decided_at) if decision else None,
            "origin": c.origin,
            "notes": "\n".join(c.notes),
            "created": utc_now(),
            "target_text": c.target_text,
            "also_uids": " ".join(c.also),
            "missing_target": c.missing_target,
            "office": c.office,
            "handler": c.handler,
            "meeting_id": c.meeting_id,
        }

    def comments(
        self,
        regulation_id: int,
        *,
        round_id: int | None = None,
        source: Source | None = None,
        disposition: Disposition | None = None,
        undecided: bool = False,
        ids: Collection[int] | None = None,
        assignee: str | None = None,
        decided: bool = False,
    ) -> list[Comment]:
        """The comments of a regulation in the order they were added, filtered in SQL.

        ``assignee``: only those whose 处室 or 承办人 is that name; ``decided``: only those
        with a decision (已处理), as ``undecided`` gives those without (待处理)."""
        c = comment_table.c
        query = (
            select(*(c[name] for name in _LOADED))
            .where(c.regulation_id == regulation_id)
            .order_by(c.id)
        )
        if round_id is not None:
            query = query.where(c.round_id == round_id)
        if source is not None:
            query = query.where(c.source == source.value)
        if disposition is not None:
            query = query.where(c.disposition == disposition.value)
        if undecided:
            query = query.where(c.disposition.is_(None))
        if ids is not None:
            query = query.where(c.id.in_(list(ids)))
        if assignee is not None:
            name = assignee.strip()
            query = query.where(or_(c.office == name, c.handler == name))
        if decided:
            query = query.where(c.disposition.is_not(None))
        with self._read() as conn:
            rows = conn.execute(query).all()
        return _comments_from(rows)

    def count(self, regulation_id: int) -> int:
        """How many comments a regulation has."""
        with self._read() as conn:
            return int(
                conn.execute(
                    select(func.count()).where(comment_table.c.regulation_id == regulation_id)
                ).scalar_one()
            )

    def fingerprints(self, regulation_id: int) -> set[str]:
        """The fingerprints of a regulation's imported comments (to skip on re-import)."""
        with self._read() as conn:
            rows = conn.execute(
                select(comment_table.c.fingerprint).where(
                    comment_table.c.regulation_id == regulation_id,
                    comment_table.c.fingerprint.is_not(None),
                )
            ).scalars()
            return set(rows)

    def counts_by_target(self, regulation_id: int) -> dict[str | None, int]:
        """Comments per target uid (None: whole draft), counted in SQL."""
        c = comment_table.c
        with self._read() as conn:
            rows = conn.execute(
                select(c.target_uid, func.count())
                .where(c.regulation_id == regulation_id)
                .group_by(c.target_uid)
            ).all()
        return {uid: int(n) for uid, n in rows}

    def counts_by_article(self, regulation_id: int, draft: Draft) -> dict[str, int]:
        """Comments per article uid of ``draft`` for the outline (paragraph/item comments count
        for their article; 'whole' and 'orphaned' keys for the rest)."""
        per_target = self.counts_by_target(regulation_id)
        targets = [Comment("", target=Target(uid)) for uid in per_target]
        counts: dict[str, int] = {}
        for key, n in zip(article_keys(targets, draft), per_target.values(), strict=True):
            counts[key] = counts.get(key, 0) + n
        return counts

    # ---- decisions and clusters --------------------------------------------------------------

    def decide(self, comment_ids: Iterable[int], decision: Decision | None, *, by: str = "") -> int:
        """Give the comments one decision (None sets them back to 待处理), all in one
        transaction with one audit row per comment changed; returns how many were changed.

        ``by`` is who did it for the audit (default: the decision's ``decided_by``). The window
        passes the ids of the comments it shows (a whole cluster included): cluster numbers
        change on every re-clustering, ids never do.
        """
        ids = sorted(set(comment_ids))
        who = by or (decision.decided_by if decision else "")
        with self._write("保存处理意见") as conn:
            return _decide_in(conn, ids, decision, who)

    def decide_cluster(
        self, regulation_id: int, cluster_id: int, decision: Decision | None, *, by: str = ""
    ) -> int:
        """Decide once for every comment of a cluster as stored now (the command line).

        The members are read and decided in one transaction, so a re-clustering in between
        cannot make it decide another group.
        """
        who = by or (decision.decided_by if decision else "")
        with self._write("保存处理意见") as conn:
            ids = (
                conn.execute(
                    select(comment_table.c.id).where(
                        comment_table.c.regulation_id == regulation_id,
                        comment_table.c.cluster_id == cluster_id,
                    )
                )
                .scalars()
                .all()
            )
            return _decide_in(conn, list(ids), decision, who)

    def assign(
        self,
        comment_ids: Iterable[int],
        office: str | None = None,
        handler: str | None = None,
        *,
        by: str = "",
    ) -> int:
        """Assign comments to a 处室 and/or 承办人 (None leaves that one as it is, "" clears
        it), in one transaction with an audit row per comment changed; returns how many."""
        ids = sorted(set(comment_ids))
        values: dict[str, Any] = {}
        if office is not None:
            values["office"] = office.strip()
        if handler is not None:
            values["handler"] = handler.strip()
        if not values or not ids:
            return 0
        c = comment_table.c
        now = utc_now()
        batch = uuid.uuid4().hex
        changed = 0
        with self._write("保存意见分派") as conn:
            audit_rows: list[dict[str, Any]] = []
            for at in range(0, len(ids), 900):
                chunk = ids[at : at + 900]
                for r in conn.execute(
                    select(c.id, c.regulation_id, c.office, c.handler).where(c.id.in_(chunk))
                ):
                    new_office = values.get("office", r.office)
                    new_handler = values.get("handler", r.handler)
                    audit_rows.append(
                        {
                            "regulation_id": r.regulation_id,
                            "entity": "comment",
                            "entity_id": r.id,
                            "action": AuditAction.ASSIGN.value,
                            "before": _assignee_text(r.office, r.handler),
                            "after": _assignee_text(new_office, new_handler),
                            "by": by,
                            "at": now,
                            "batch": batch,
                            "undoes": "",
                        }
                    )
                result = conn.execute(update(comment_table).where(c.id.in_(chunk)).values(**values))
                changed += result.rowcount or 0
            if audit_rows:
                conn.execute(insert(audit_table), audit_rows)
        return changed

    def assignees(self, regulation_id: int) -> list[str]:
        """The 处室 and 承办人 names in use in a regulation's comments, sorted."""
        c = comment_table.c
        with self._read() as conn:
            rows = conn.execute(
                select(c.office, c.handler)
                .where(c.regulation_id == regulation_id)
                .group_by(c.office, c.handler)
            ).all()
        return sorted({n for r in rows for n in (r.office, r.handler) if n})

    # ---- meetings (issue 14) ------------------------------------------------------------------

    def add_meeting(self, minutes: Minutes) -> StoredMeeting:
        """Store a meeting and its statements as comments, all in one transaction; a second
        import of the same minutes (same kind, date, place and text) adds nothing and returns
        the meeting stored first. Statements already stored (by fingerprint) are skipped."""
        meeting = minutes.meeting
        self.library.regulation(meeting.regulation_id)  # LibraryError if there is none
        m = meeting_table.c
        key = hashlib.sha1(
            "\x1f".join(
                (
                    meeting.kind.value,
                    meeting.date.isoformat() if meeting.date else "",
                    meeting.place,
                    meeting.minutes,
                )
            ).encode()
        ).hexdigest()[:40]
        with self._write("保存会议记录") as conn:
            found = conn.execute(
                select(m.id).where(m.regulation_id == meeting.regulation_id, m.fingerprint == key)
            ).first()
            if found is not None:
                meeting.id = int(found.id)
            else:
                values = {
                    "regulation_id": meeting.regulation_id,
                    "round_id": meeting.round_id,
                    "kind": meeting.kind.value,
                    "title": meeting.title,
                    "date": meeting.date,
                    "place": meeting.place,
                    "participants": "\n".join(meeting.participants),
                    "minutes": meeting.minutes,
                    "fingerprint": key,
                    "created": utc_now(),
                }
                result = conn.execute(
                    insert(meeting_table).values(checked_values(meeting_table, values))
                )
                new_key = result.inserted_primary_key
                assert new_key is not None
                meeting.id = int(new_key[0])
            known = set(
                conn.execute(
                    select(comment_table.c.fingerprint).where(
                        comment_table.c.regulation_id == meeting.regulation_id,
                        comment_table.c.fingerprint.is_not(None),
                    )
                ).scalars()
            )
            fresh = [c for c in minutes.comments if c.fingerprint not in known]
            for comment in fresh:
                comment.meeting_id = meeting.id
                comment.round_id = meeting.round_id
            ids = self._add_comments_in(conn, meeting.regulation_id, fresh) if fresh else []
        return StoredMeeting(meeting, ids, len(minutes.comments) - len(fresh))

    def meetings(self, regulation_id: int) -> list[Meeting]:
        """The meetings of a regulation, oldest first."""
        m = meeting_table.c
        with self._read() as conn:
            rows = conn.execute(
                select(meeting_table).where(m.regulation_id == regulation_id).order_by(m.id)
            ).all()
        return [
            Meeting(
                r.regulation_id,
                _enum(MeetingKind, r.kind, MeetingKind.FORUM),
                r.title,
                r.date,
                r.place,
                r.participants.splitlines(),
                r.minutes,
                r.round_id,
                r.id,
            )
            for r in rows
        ]

    # ---- groups by hand (issue 14) -------------------------------------------------------------

    def merge_groups(self, regulation_id: int, comment_ids: Collection[int], by: str = "") -> int:
        """Merge the groups of these comments (and those in no group) into one, recorded in
        the audit (undoable); returns how many comments moved. GroupError (Chinese) when
        there is nothing to merge."""
        return self._regroup_by_hand(regulation_id, comment_ids, by, merge=True)

    def split_group(self, regulation_id: int, comment_ids: Collection[int], by: str = "") -> int:
        """Take these comments out of their groups (one alone, several as a new group),
        recorded in the audit (undoable); returns how many moved. GroupError as above."""
        return self._regroup_by_hand(regulation_id, comment_ids, by, merge=False)

    def _regroup_by_hand(
        self, regulation_id: int, comment_ids: Collection[int], by: str, *, merge: bool
    ) -> int:
        c = comment_table.c
        action = AuditAction.MERGE if merge else AuditAction.SPLIT
        with self._write("保存分组") as conn:
            clusters: dict[int, int | None] = {
                r.id: r.cluster_id
                for r in conn.execute(
                    select(c.id, c.cluster_id).where(c.regulation_id == regulation_id)
                )
            }
            changes = (merged if merge else split_off)(clusters, comment_ids)
            now = utc_now()
            batch = uuid.uuid4().hex
            conn.execute(
                update(comment_table)
                .where(c.id == bindparam("b_id"))
                .values(cluster_id=bindparam("b_cluster")),
                [{"b_id": i, "b_cluster": n} for i, n in changes.items()],
            )
            conn.execute(
                insert(audit_table),
                [
                    {
                        "regulation_id": regulation_id,
                        "entity": "group",
                        "entity_id": i,
                        "action": action.value,
                        "before": "" if clusters[i] is None else str(clusters[i]),
                        "after": "" if n is None else str(n),
                        "by": by,
                        "at": now,
                        "batch": batch,
                        "undoes": "",
                    }
                    for i, n in changes.items()
                ],
            )
        return len(changes)

    # ---- audit trail and undo (issue 14) -------------------------------------------------------

    def history(
        self, regulation_id: int, comment_ids: Collection[int] | None = None
    ) -> dict[int, list[AuditEntry]]:
        """The audit trail per comment id (of ``comment_ids``, else all), oldest first."""
        a = audit_table.c
        query = select(audit_table).where(a.regulation_id == regulation_id).order_by(a.id)
        out: dict[int, list[AuditEntry]] = {}
        with self._read() as conn:
            if comment_ids is None:
                chunks: list[list[int] | None] = [None]
            else:
                wanted = sorted(set(comment_ids))
                chunks = [wanted[i : i + 900] for i in range(0, len(wanted), 900)]
            for chunk in chunks:
                q = query if chunk is None else query.where(a.entity_id.in_(chunk))
                for r in conn.execute(q):
                    out.setdefault(r.entity_id, []).append(_entry(r))
        for entries in out.values():
            entries.sort(key=lambda e: e.at)
        return out

    def last_batch(self, regulation_id: int) -> tuple[str, AuditAction, int] | None:
        """The newest operation ``undo_last`` would revert: (batch, action, rows), or None."""
        with self._read() as conn:
            return _last_batch(conn, regulation_id)

    def undo_last(self, regulation_id: int, by: str = "") -> int:
        """Revert the newest decision batch (or merge/split) not yet undone: every comment gets
        back the state recorded before it, and the undo is recorded too. Returns how many
        comments were restored (0 when there is nothing to undo)."""
        a, c = audit_table.c, comment_table.c
        with self._write("撤销处理") as conn:
            last = _last_batch(conn, regulation_id)
            if last is None:
                return 0
            batch = last[0]
            rows = conn.execute(
                select(a.entity, a.entity_id, a.before, a.after)
                .where(a.regulation_id == regulation_id, a.batch == batch)
                .order_by(a.id)
            ).all()
            now = utc_now()
            new_batch = uuid.uuid4().hex
            audit_rows: list[dict[str, Any]] = []
            decision_updates: list[dict[str, Any]] = []
            group_updates: list[dict[str, Any]] = []
            for r in rows:
                if r.entity == "comment":
                    disposition, reason, decided_by, decided_at = decode_state(r.before)
                    decision_updates.append(
                        {
                            "b_id": r.entity_id,
                            "b_disposition": disposition.value if disposition else None,
                            "b_reason": reason,
                            "b_by": decided_by,
                            "b_at": _naive_utc(decided_at),
                        }
                    )
                else:
                    group_updates.append(
                        {"b_id": r.entity_id, "b_cluster": int(r.before) if r.before else None}
                    )
                audit_rows.append(
                    {
                        "regulation_id": regulation_id,
                        "entity": r.entity,
                        "entity_id": r.entity_id,
                        "action": AuditAction.UNDO.value,
                        "before": r.after,
                        "after": r.before,
                        "by": by,
                        "at": now,
                        "batch": new_batch,
                        "undoes": batch,
                    }
                )
            if decision_updates:
                conn.execute(
                    update(comment_table)
                    .where(c.id == bindparam("b_id"))
                    .values(
                        disposition=bindparam("b_disposition"),
                        reason=bindparam("b_reason"),
                        decided_by=bindparam("b_by"),
                        decided_at=bindparam("b_at"),
                    ),
                    decision_updates,
                )
            if group_updates:
                conn.execute(
                    update(comment_table)
                    .where(c.id == bindparam("b_id"))
                    .values(cluster_id=bindparam("b_cluster")),
                    group_updates,
                )
            conn.execute(insert(audit_table), audit_rows)
            return len(rows)

    def recluster(self, regulation_id: int, draft: Draft) -> list[Cluster[int]]:
        """Find near-duplicates afresh and store each comment's cluster_id.

        Returns the clusters with comment ids as members; cluster ids are their positions.
        """
        with self._write("保存相近意见分组") as conn:
            return _regroup(conn, regulation_id, draft)

    # ---- read against a version: anchors, table rows, summary --------------------------------

    def frozen_lineages(
        self, regulation_id: int, comments: Iterable[Comment], shown_version_id: int | None
    ) -> dict[int, Lineage]:
        """The lineage of each frozen version (other than the one shown) that ``comments`` were
        made on: version id → its own lineage (see ``consultation.anchors.lineages_since``)."""
        wanted = {c.version_id for c in comments if c.version_id is not None}
        wanted.discard(shown_version_id)
        if not wanted:
            return {}
        versions = self.library.regulation(regulation_id).versions
        return {
            v.id: self.library.load_lineage(v.id) for v in versions if v.frozen and v.id in wanted
        }

    def on_version(
        self,
        regulation_id: int,
        version_id: int,
        *,
        round_id: int | None = None,
        draft: Draft | None = None,
    ) -> VersionComments:
        """The regulation's comments (of ``round_id``, else all) read against a version.

        ``draft`` is the version's text when the caller holds it (the window's, edits
        included); else it is loaded. Raises LibraryError when something cannot be read.
        """
        text = self.library.load_draft(version_id) if draft is None else draft
        comments = self.comments(regulation_id, round_id=round_id)
        frozen = self.frozen_lineages(regulation_id, comments, version_id)
        return VersionComments(version_id, text, comments, frozen)

    def summary(
        self,
        regulation_id: int,
        version_id: int,
        *,
        round_id: int | None = None,
        draft: Draft | None = None,
        assignee: str | None = None,
    ) -> StoredSummary:
        """The 征求意见汇总 of the regulation's comments (of ``round_id``, else all; of
        ``assignee``'s — 处室 or 承办人 — else everyone's) against a version (``draft`` as for
        ``on_version``), with the clusters as stored."""
        text = self.library.load_draft(version_id) if draft is None else draft
        comments = self.comments(regulation_id, round_id=round_id, assignee=assignee)
        title = self.library.regulation(regulation_id).title
        summary, rows = stored_summary(comments, text)
        return StoredSummary(title, summary, rows)

    # ---- import ------------------------------------------------------------------------------

    def version_for(self, regulation_id: int, round_id: int | None = None) -> int:
        """The version comments are read against: the round's, else the newest frozen one,
        else the newest."""
        if round_id is not None:
            round_ = self.round(round_id)
            if round_.regulation_id != regulation_id:
                raise LibraryError(f"征求意见轮次 {round_id} 不属于法规 {regulation_id}")
            if round_.version_id is not None:
                return round_.version_id
        with self._read() as conn:
            rows = conn.execute(
                select(version_table.c.id, version_table.c.frozen)
                .where(version_table.c.regulation_id == regulation_id)
                .order_by(version_table.c.id.desc())
            ).all()
        if not rows:
            raise LibraryError(f"找不到法规 {regulation_id}")
        frozen = [r.id for r in rows if r.frozen]
        return frozen[0] if frozen else rows[0].id

    def import_file(
        self,
        regulation_id: int,
        path: Path | str,
        *,
        round_id: int | None = None,
        version_id: int | None = None,
        mapping: Mapping[str, str] | None = None,
        source: Source | None = None,
        channel: Channel | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> StoredImport:
        """Import a .xlsx/.csv/.docx file into a regulation; nothing is stored if cancelled.

        The file is streamed into the database in batches inside one transaction (the report
        keeps no comments: ``report.imported`` counts them, ``ids`` names them). Raises
        CommentImportError for an unreadable file, LibraryError for storage failures.
        """
        return self._import(
            regulation_id, path, round_id, version_id, mapping, source, channel, progress, cancel,
            group=False,
        )  # fmt: skip

    def import_and_cluster(
        self,
        regulation_id: int,
        path: Path | str,
        *,
        round_id: int | None = None,
        version_id: int | None = None,
        mapping: Mapping[str, str] | None = None,
        source: Source | None = None,
        channel: Channel | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> StoredImport:
        """The comment import of both doors: ``import_file``, then, when comments were added,
        the regulation's near-duplicates grouped afresh against the version used (so the table,
        the decisions and the summary find them); ``clusters`` counts the groups either way.

        The comments and their grouping are one transaction: a program killed in between
        leaves neither. The grouping runs in a savepoint: one that fails is rolled back alone
        and reported in ``cluster_failure`` (details in the log), never as a failed import — a
        second import would skip every row as already there. Raises as ``import_file`` does.
        """
        return self._import(
            regulation_id, path, round_id, version_id, mapping, source, channel, progress, cancel,
            group=True,
        )  # fmt: skip

    def _import(
        self,
        regulation_id: int,
        path: Path | str,
        round_id: int | None,
        version_id: int | None,
        mapping: Mapping[str, str] | None,
        source: Source | None,
        channel: Channel | None,
        progress: Callable[[int, int], None] | None,
        cancel: Callable[[], bool] | None,
        *,
        group: bool,
    ) -> StoredImport:
        version = (
            version_id if version_id is not None else self.version_for(regulation_id, round_id)
        )
        draft = self.library.load_draft(version)
        ids: list[int] = []
        statement = insert(comment_table).returning(
            comment_table.c.id, sort_by_parameter_order=True
        )
        try:
            with self._write("保存意见") as conn:
                known = set(
                    conn.execute(
                        select(comment_table.c.fingerprint).where(
                            comment_table.c.regulation_id == regulation_id,
                            comment_table.c.fingerprint.is_not(None),
                        )
                    ).scalars()
                )

                def store(batch: list[Comment]) -> None:
                    rows = [
                        checked_values(comment_table, self._row(regulation_id, c)) for c in batch
                    ]
                    ids.extend(conn.execute(statement, rows).scalars())

                report = import_comments(
                    path,
                    draft,
                    mapping=mapping,
                    known_fingerprints=known,
                    source=source,
                    channel=channel,
                    round_id=round_id,
                    version_id=version,
                    progress=progress,
                    cancel=cancel,
                    sink=store,
                )
                del known
                if report.cancelled:
                    raise _Cancelled(report)
                stored = StoredImport(report, ids, version)
                if not group:
                    return stored
                if not ids:
                    # Nothing new (a file imported before): the groups stay as they are, numbers
                    # too — ``comments decide --cluster`` names them by number.
                    return replace(stored, clusters=_stored_groups(conn, regulation_id))
                failure = ""
                clusters = 0
                try:
                    with conn.begin_nested():
                        clusters = len(_regroup(conn, regulation_id, draft))
                except DBAPIError as exc:
                    log.warning("导入意见后聚类失败：%s：%s", path, exc)
                    failure = f"数据库拒绝保存分组（{exc.orig}）"
                except Exception:  # noqa: BLE001 - the import stands; the details go to the log
                    log.exception("导入意见后聚类失败：%s", path)
                    failure = "意外错误，详见日志文件"
                return replace(stored, clusters=clusters, cluster_failure=failure)
        except _Cancelled as cancelled:
            return StoredImport(cancelled.report, [], version)


class _Cancelled(Exception):
    """Raised inside the import transaction to roll it back when the user cancels."""

    def __init__(self, report: ImportReport) -> None:
        super().__init__("cancelled")
        self.report = report


def _stored_groups(conn: Connection, regulation_id: int) -> int:
    """How many groups of two or more the regulation's stored cluster_ids form."""
    c = comment_table.c
    grouped = (
        select(c.cluster_id)
        .where(c.regulation_id == regulation_id, c.cluster_id.is_not(None))
        .group_by(c.cluster_id)
        .having(func.count() > 1)
        .subquery()
    )
    return int(conn.execute(select(func.count()).select_from(grouped)).scalar_one())


def _regroup(conn: Connection, regulation_id: int, draft: Draft) -> list[Cluster[int]]:
    """Find the regulation's near-duplicates afresh inside ``conn``'s transaction and store
    each comment's cluster_id; members are comment ids, cluster ids their positions.

    Only what grouping needs is read (id, text, target, version): building full comments for
    100,000 rows would cost more than the grouping."""
    c = comment_table.c
    rows = conn.execute(
        select(
            c.id,
            c.content,
            c.target_uid,
            c.quote,
            c.quote_offset,
            c.missing_target,
            c.also_uids,
        )
        .where(c.regulation_id == regulation_id)
        .order_by(c.id)
    ).all()
    comments = [
        Comment(
            r.content,
            target=Target(r.target_uid, r.quote, r.quote_offset),
            id=r.id,
            missing_target=r.missing_target,
            # Grouping keeps apart comments on different target sets (第十二条 / 第十二、十三条).
            also=tuple(r.also_uids.split()) if r.also_uids else (),
        )
        for r in rows
    ]
    del rows
    clusters = cluster_comments(comments, draft)
    conn.execute(
        update(comment_table)
        .where(c.regulation_id == regulation_id, c.cluster_id.is_not(None))
        .values(cluster_id=None)
    )
    updates = [
        {"b_id": comments[m].id, "b_cluster": n}
        for n, cluster in enumerate(clusters)
        for m in cluster.member_ids
    ]
    if updates:
        conn.execute(
            update(comment_table)
            .where(c.id == bindparam("b_id"))
            .values(cluster_id=bindparam("b_cluster")),
            updates,
        )
    return [
        Cluster(k.representative, [comments[m].id or 0 for m in k.member_ids], k.key)
        for k in clusters
    ]


#: The columns ``comments`` reads, in the order ``_comments_from`` unpacks them.
_LOADED = (
    "id",
    "content",
    "source",
    "submitter_name",
    "submitter_org",
    "submitter_contact",
    "channel",
    "date",
    "target_uid",
    "quote",
    "quote_offset",
    "round_id",
    "version_id",
    "fingerprint",
    "cluster_id",
    "disposition",
    "reason",
    "decided_by",
    "decided_at",
    "origin",
    "notes",
    "target_text",
    "also_uids",
    "missing_target",
    "office",
    "handler",
    "meeting_id",
)


def _comments_from(rows: Sequence[Any]) -> list[Comment]:
    """Comments from stored rows. Columns are read by position, and the submitters and targets
    many comments share (anonymous people, one article) are made once: loading 100,000
    comments is what opening the 意见 table waits for."""
    submitters: dict[tuple[str, str, str], Submitter] = {}
    targets: dict[tuple[str | None, str, int | None], Target] = {}
    out: list[Comment] = []
    append = out.append
    for (
        id_,
        content,
        source,
        name,
        org,
        contact,
        channel,
        date,
        uid,
        quote,
        offset,
        round_id,
        version_id,
        fingerprint,
        cluster_id,
        disposition,
        reason,
        decided_by,
        decided_at,
        origin,
        notes,
        target_text,
        also,
        missing,
        office,
        handler,
        meeting_id,
    ) in rows:
        who = (name, org, contact)
        submitter = submitters.get(who)
        if submitter is None:
            submitter = submitters[who] = Submitter(*who)
        where = (uid, quote, offset)
        target = targets.get(where)
        if target is None:
            target = targets[where] = Target(*where)
        decision = None
        if disposition:
            decision = Decision(
                _DISPOSITIONS.get(disposition, Disposition.DEFERRED),
                reason,
                decided_by,
                _aware(decided_at),
            )
        append(
            Comment(
                content=content,
                source=_SOURCES.get(source, Source.OTHER),
                submitter=submitter,
                channel=_CHANNELS.get(channel, Channel.OTHER),
                date=date,
                target=target,
                round_id=round_id,
                version_id=version_id,
                fingerprint=fingerprint or "",
                cluster_id=cluster_id,
                decision=decision,
                origin=origin,
                notes=notes.splitlines() if notes else [],
                id=id_,
                target_text=target_text,
                also=tuple(also.split()) if also else (),
                missing_target=missing,
                office=office,
                handler=handler,
                meeting_id=meeting_id,
            )
        )
    return out


def _assignee_text(office: str, handler: str) -> str:
    """处室/承办人 as the history shows it; 未分派 for nobody."""
    return "/".join(p for p in (office, handler) if p) or "未分派"


def _entry(r: Any) -> AuditEntry:
    return AuditEntry(
        r.entity,
        r.entity_id,
        _ACTIONS.get(r.action, AuditAction.DECIDE),
        r.before,
        r.after,
        r.by,
        _aware(r.at) or dt.datetime.now(dt.UTC),
        r.batch,
    )


_ACTIONS = {m.value: m for m in AuditAction}
_UNDOABLE = (AuditAction.DECIDE.value, AuditAction.PENDING.value, AuditAction.MERGE.value,
             AuditAction.SPLIT.value)  # fmt: skip


def _last_batch(conn: Connection, regulation_id: int) -> tuple[str, AuditAction, int] | None:
    """The newest undoable batch that no undo names yet: (batch, action, rows)."""
    a = audit_table.c
    undone = select(a.undoes).where(a.regulation_id == regulation_id, a.undoes != "")
    row = conn.execute(
        select(a.batch, a.action)
        .where(
            a.regulation_id == regulation_id,
            a.action.in_(_UNDOABLE),
            a.batch.not_in(undone),
        )
        .order_by(a.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    count = conn.execute(
        select(func.count()).where(a.regulation_id == regulation_id, a.batch == row.batch)
    ).scalar_one()
    return row.batch, _ACTIONS[row.action], int(count)


def _decide_in(
    conn: Connection, ids: Sequence[int], decision: Decision | None, by: str = ""
) -> int:
    """Write one decision onto these comments inside the caller's transaction, with an audit
    row for each comment whose decision changes (one batch)."""
    c = comment_table.c
    values: dict[str, Any] = {
        "disposition": decision.disposition.value if decision else None,
        "reason": decision.reason if decision else "",
        "decided_by": decision.decided_by if decision else "",
        "decided_at": _naive_utc(decision.decided_at) if decision else None,
    }
    after = encode_state(
        decision.disposition if decision else None,
        values["reason"],
        values["decided_by"],
        _aware(values["decided_at"]),
    )
    action = (AuditAction.DECIDE if decision else AuditAction.PENDING).value
    batch = uuid.uuid4().hex
    now = utc_now()
    audit_rows: list[dict[str, Any]] = []
    encoded: dict[tuple[Any, ...], str] = {}
    changed = 0
    for at in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        chunk = list(ids[at : at + 900])
        for r in conn.execute(
            select(c.id, c.regulation_id, c.disposition, c.reason, c.decided_by, c.decided_at)
            .where(c.id.in_(chunk))
        ):  # fmt: skip
            # Most comments of a group were in the same state (待处理): encoded once each.
            state = (r.disposition, r.reason, r.decided_by, r.decided_at)
            before = encoded.get(state)
            if before is None:
                before = encoded[state] = encode_state(
                    _DISPOSITIONS.get(r.disposition) if r.disposition else None,
                    r.reason,
                    r.decided_by,
                    _aware(r.decided_at),
                )
            audit_rows.append(
                {
                    "regulation_id": r.regulation_id,
                    "entity": "comment",
                    "entity_id": r.id,
                    "action": action,
                    "before": before,
                    "after": after,
                    "by": by,
                    "at": now,
                    "batch": batch,
                    "undoes": "",
                }
            )
        result = conn.execute(update(comment_table).where(c.id.in_(chunk)).values(**values))
        changed += result.rowcount or 0
    if audit_rows:
        conn.execute(insert(audit_table), audit_rows)
    return changed

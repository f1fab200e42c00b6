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
import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from consultation.anchors import Lineage
from consultation.clustering import Cluster
from consultation.decisions import article_keys, cluster_comments, clusters_from_ids
from consultation.importing import ImportReport, import_comments
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
from storage.comment_tables import comment_table, round_table
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
    ) -> list[Comment]:
        """The comments of a regulation in the order they were added, filtered in SQL."""
        c = comment_table.c
        query = select(comment_table).where(c.regulation_id == regulation_id).order_by(c.id)
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
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [self._comment(r) for r in rows]

    @staticmethod
    def _comment(r: Any) -> Comment:
        decision = None
        if r.disposition:
            decision = Decision(
                _enum(Disposition, r.disposition, Disposition.DEFERRED),
                r.reason,
                r.decided_by,
                _aware(r.decided_at),
            )
        return Comment(
            content=r.content,
            source=_enum(Source, r.source, Source.OTHER),
            submitter=Submitter(r.submitter_name, r.submitter_org, r.submitter_contact),
            channel=_enum(Channel, r.channel, Channel.OTHER),
            date=r.date,
            target=Target(r.target_uid, r.quote, r.quote_offset),
            round_id=r.round_id,
            version_id=r.version_id,
            fingerprint=r.fingerprint or "",
            cluster_id=r.cluster_id,
            decision=decision,
            origin=r.origin,
            notes=r.notes.splitlines() if r.notes else [],
            id=r.id,
        )

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

    def decide(self, comment_ids: Iterable[int], decision: Decision | None) -> int:
        """Give the comments one decision (None clears it), all in one transaction; returns
        how many were changed.

        The window passes the ids of the comments it shows (a whole cluster included): cluster
        numbers change on every re-clustering, ids never do.
        """
        ids = sorted(set(comment_ids))
        with self._write("保存处理意见") as conn:
            return _decide_in(conn, ids, decision)

    def decide_cluster(self, regulation_id: int, cluster_id: int, decision: Decision) -> int:
        """Decide once for every comment of a cluster as stored now (the command line).

        The members are read and decided in one transaction, so a re-clustering in between
        cannot make it decide another group.
        """
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
            return _decide_in(conn, list(ids), decision)

    def recluster(self, regulation_id: int, draft: Draft) -> list[Cluster[int]]:
        """Find near-duplicates afresh and store each comment's cluster_id.

        Returns the clusters with comment ids as members; cluster ids are their positions.
        """
        with self._write("保存相近意见分组") as conn:
            return self._recluster_in(conn, regulation_id, draft)

    def _recluster_in(
        self, conn: Connection, regulation_id: int, draft: Draft
    ) -> list[Cluster[int]]:
        """``recluster`` inside the caller's transaction: reads the comments it holds too."""
        rows = conn.execute(
            select(comment_table)
            .where(comment_table.c.regulation_id == regulation_id)
            .order_by(comment_table.c.id)
        ).all()
        comments = [self._comment(r) for r in rows]
        clusters = cluster_comments(comments, draft)
        conn.execute(
            update(comment_table)
            .where(comment_table.c.regulation_id == regulation_id)
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
                .where(comment_table.c.id == bindparam("b_id"))
                .values(cluster_id=bindparam("b_cluster")),
                updates,
            )
        return [
            Cluster(c.representative, [comments[m].id or 0 for m in c.member_ids], c.key)
            for c in clusters
        ]

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
    ) -> StoredSummary:
        """The 征求意见汇总 of the regulation's comments (of ``round_id``, else all) against a
        version (``draft`` as for ``on_version``), with the clusters as stored."""
        text = self.library.load_draft(version_id) if draft is None else draft
        comments = self.comments(regulation_id, round_id=round_id)
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

        Raises CommentImportError for an unreadable file, LibraryError for storage failures.
        """
        version = (
            version_id if version_id is not None else self.version_for(regulation_id, round_id)
        )
        draft = self.library.load_draft(version)
        report = import_comments(
            path,
            draft,
            mapping=mapping,
            known_fingerprints=self.fingerprints(regulation_id),
            source=source,
            channel=channel,
            round_id=round_id,
            version_id=version,
            progress=progress,
            cancel=cancel,
        )
        ids = [] if report.cancelled else self.add_comments(regulation_id, report.comments)
        return StoredImport(report, ids, version)

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

        The comments and their grouping are written in one transaction: a kill or a failure
        in between leaves the library as it was, never comments without groups. A grouping
        that fails with an error is rolled back on its own (a savepoint) and reported in
        ``cluster_failure`` (details in the log), never as a failed import — the comments
        are stored either way. Raises as ``import_file`` does.
        """
        version = (
            version_id if version_id is not None else self.version_for(regulation_id, round_id)
        )
        draft = self.library.load_draft(version)
        report = import_comments(
            path,
            draft,
            mapping=mapping,
            known_fingerprints=self.fingerprints(regulation_id),
            source=source,
            channel=channel,
            round_id=round_id,
            version_id=version,
            progress=progress,
            cancel=cancel,
        )
        if report.cancelled:
            return StoredImport(report, [], version)
        if not report.comments:
            # Nothing new (a file imported before): the groups stay as they are, numbers too —
            # ``comments decide --cluster`` names them by number.
            groups = clusters_from_ids(self.comments(regulation_id))
            return StoredImport(report, [], version, clusters=len(groups))
        failure = ""
        clusters: list[Cluster[int]] = []
        with self._write("保存意见") as conn:
            ids = self._add_comments_in(conn, regulation_id, report.comments)
            grouping = conn.begin_nested()
            try:
                clusters = self._recluster_in(conn, regulation_id, draft)
            except Exception as exc:  # noqa: BLE001 - the import stands; details in the log
                grouping.rollback()
                if isinstance(exc, LibraryError):
                    log.warning("导入意见后聚类失败：%s：%s", path, exc)
                    failure = str(exc)
                else:
                    log.exception("导入意见后聚类失败：%s", path)
                    failure = "意外错误，详见日志文件"
            else:
                grouping.commit()
        return StoredImport(report, ids, version, clusters=len(clusters), cluster_failure=failure)


def _decide_in(conn: Connection, ids: Sequence[int], decision: Decision | None) -> int:
    """Write one decision onto these comments inside the caller's transaction."""
    values: dict[str, Any] = {
        "disposition": decision.disposition.value if decision else None,
        "reason": decision.reason if decision else "",
        "decided_by": decision.decided_by if decision else "",
        "decided_at": _naive_utc(decision.decided_at) if decision else None,
    }
    changed = 0
    for at in range(0, len(ids), 900):  # SQLite's bound-parameter limit
        result = conn.execute(
            update(comment_table)
            .where(comment_table.c.id.in_(list(ids[at : at + 900])))
            .values(**values)
        )
        changed += result.rowcount or 0
    return changed

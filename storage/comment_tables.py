"""The consultation tables: rounds and comments (schema revisions 0002, 0005_comment_targets).

Kept apart from ``storage.models`` (which imports this module at its end, so the tables are in
the one ``Base.metadata`` the migrations are checked against, ``storage.base``); Core tables
like the others. A
comment points at a unit by uid only — no foreign key — because the uid lives on in later
versions while unit rows are per version.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from storage.base import Base, utc_now

#: A consultation round (征求意见轮次): the version sent out, to whom, when.
round_table = Table(
    "consultation_round",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "regulation_id",
        ForeignKey("regulation.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("version_id", ForeignKey("version.id", ondelete="SET NULL"), nullable=True),
    Column("audience", String(32), nullable=False, default="public"),  # Audience value
    Column("title", Text, nullable=False, default=""),
    Column("start", Date, nullable=True),
    Column("end", Date, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("created", DateTime, nullable=False, default=utc_now),
)

#: One comment (意见) on a regulation, its target, cluster and decision.
comment_table = Table(
    "comment",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("regulation_id", ForeignKey("regulation.id", ondelete="CASCADE"), nullable=False),
    Column(
        "round_id",
        ForeignKey("consultation_round.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("version_id", ForeignKey("version.id", ondelete="SET NULL"), nullable=True),
    Column("source", String(32), nullable=False, default="public"),  # Source value
    Column("submitter_name", Text, nullable=False, default=""),
    Column("submitter_org", Text, nullable=False, default=""),
    Column("submitter_contact", Text, nullable=False, default=""),
    Column("channel", String(32), nullable=False, default="other"),  # Channel value
    Column("date", Date, nullable=True),
    Column("content", Text, nullable=False),
    Column("target_uid", String(32), nullable=True),  # None: whole draft
    Column("quote", Text, nullable=False, default=""),
    Column("quote_offset", Integer, nullable=True),
    Column("fingerprint", String(64), nullable=True),
    Column("cluster_id", Integer, nullable=True),
    Column("disposition", String(32), nullable=True),  # Disposition value
    Column("reason", Text, nullable=False, default=""),
    Column("decided_by", Text, nullable=False, default=""),
    Column("decided_at", DateTime, nullable=True),
    Column("origin", Text, nullable=False, default=""),  # file and row it was imported from
    Column("notes", Text, nullable=False, default=""),  # importer's notes, one a line
    # Issue 14 (revision 0006): the 条款 cell as written, further unit uids (space-separated),
    # and articles named that the draft lacks (第六十条).
    Column("target_text", Text, nullable=False, default="", server_default=text("''")),
    Column("also_uids", Text, nullable=False, default="", server_default=text("''")),
    Column("missing_target", Text, nullable=False, default="", server_default=text("''")),
    # Issue 14 (revision 0008): whom the comment is assigned to, a 处室 and a 承办人.
    Column("office", Text, nullable=False, default="", server_default=text("''")),
    Column("handler", Text, nullable=False, default="", server_default=text("''")),
    # The meeting a statement was made at (revision 0008); no foreign key, as for the uid.
    Column("meeting_id", Integer, nullable=True),
    Column("created", DateTime, nullable=False, default=utc_now),
    # Re-importing a file adds nothing: a fingerprint is unique within a regulation
    # (NULL for comments typed in by hand, which SQL lets repeat).
    UniqueConstraint("regulation_id", "fingerprint"),
    Index(None, "regulation_id", "target_uid"),
)

#: The audit trail (issue 14, revision 0008): every decision, group merge/split and undo, with
#: who and when. ``entity``/``entity_id`` name what changed (a comment); ``before``/``after``
#: hold its state (``consultation.audit.encode_state``); ``batch`` ties one operation's rows
#: together, ``undoes`` names the batch an undo reverted. No foreign key to the comment: the
#: trail outlives what it records.
audit_table = Table(
    "audit_entry",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("regulation_id", ForeignKey("regulation.id", ondelete="CASCADE"), nullable=False),
    Column("entity", String(16), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("action", String(16), nullable=False),  # AuditAction value
    Column("before", Text, nullable=False, default=""),
    Column("after", Text, nullable=False, default=""),
    Column("by", Text, nullable=False, default=""),
    Column("at", DateTime, nullable=False, default=utc_now),
    Column("batch", String(32), nullable=False, default=""),
    Column("undoes", String(32), nullable=False, default=""),
    Index(None, "regulation_id", "entity", "entity_id"),
    Index(None, "regulation_id", "batch"),
)

#: A meeting (issue 14, revision 0008): 座谈会, 论证会, 听证会, 基层立法联系点; its statements are
#: comments whose ``meeting_id`` is its id. ``fingerprint`` makes a second import of the same
#: minutes add nothing.
meeting_table = Table(
    "meeting",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("regulation_id", ForeignKey("regulation.id", ondelete="CASCADE"), nullable=False),
    Column(
        "round_id",
        ForeignKey("consultation_round.id", ondelete="SET NULL"),
        nullable=True,
    ),
    Column("kind", String(16), nullable=False),  # MeetingKind value
    Column("title", Text, nullable=False, default=""),
    Column("date", Date, nullable=True),
    Column("place", Text, nullable=False, default=""),
    Column("participants", Text, nullable=False, default=""),  # one a line
    Column("minutes", Text, nullable=False, default=""),
    Column("fingerprint", String(64), nullable=False, default=""),
    Column("created", DateTime, nullable=False, default=utc_now),
    Index(None, "regulation_id", "fingerprint"),
)

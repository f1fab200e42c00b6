"""The consultation tables: rounds and comments (schema revisions 0002, 0005_comment_targets).

Kept apart from ``storage.models`` (which imports this module at its end, so the tables are in
the one ``Base.metadata`` the migrations are checked against). A comment points at a unit by
uid only — no foreign key — because the uid lives on in later versions while unit rows are
per version.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
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
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, utc_now


class RoundRow(Base):
    """A consultation round (征求意见轮次): the version sent out, to whom, when."""

    __tablename__ = "consultation_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regulation_id: Mapped[int] = mapped_column(
        ForeignKey("regulation.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("version.id", ondelete="SET NULL"), nullable=True
    )
    audience: Mapped[str] = mapped_column(String(32), default="public")  # Audience value
    title: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class CommentRow(Base):
    """One comment (意见) on a regulation, its target, cluster and decision."""

    __tablename__ = "comment"
    __table_args__ = (
        # Re-importing a file adds nothing: a fingerprint is unique within a regulation
        # (NULL for comments typed in by hand, which SQL lets repeat).
        UniqueConstraint("regulation_id", "fingerprint"),
        Index(None, "regulation_id", "target_uid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regulation_id: Mapped[int] = mapped_column(ForeignKey("regulation.id", ondelete="CASCADE"))
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("consultation_round.id", ondelete="SET NULL"), nullable=True, index=True
    )
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("version.id", ondelete="SET NULL"), nullable=True
    )
    source: Mapped[str] = mapped_column(String(32), default="public")  # Source value
    submitter_name: Mapped[str] = mapped_column(Text, default="")
    submitter_org: Mapped[str] = mapped_column(Text, default="")
    submitter_contact: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(32), default="other")  # Channel value
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    content: Mapped[str] = mapped_column(Text)
    target_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)  # None: whole draft
    quote: Mapped[str] = mapped_column(Text, default="")
    quote_offset: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    cluster_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    disposition: Mapped[str | None] = mapped_column(String(32), nullable=True)  # Disposition value
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    origin: Mapped[str] = mapped_column(Text, default="")  # file and row it was imported from
    notes: Mapped[str] = mapped_column(Text, default="")  # importer's notes, one a line
    # Issue 14 (revision 0005_comment_targets): the 条款 cell as written, further unit uids
    # (space-separated), and articles named that the draft lacks (第六十条).
    target_text: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    also_uids: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    missing_target: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


round_table = cast(Table, RoundRow.__table__)
comment_table = cast(Table, CommentRow.__table__)

"""The library's tables as SQLAlchemy 2.x typed models.

A regulation (法规项目) has versions (稿次); a version holds the text tree as unit rows keyed by
(version, uid). Numbers are never stored: they follow from position. Units of a snapshot keep
the uids of the version they came from, so later tables (comments, references) can point at a
unit uid and find it again in every version.

The schema changes only through the alembic revisions in ``storage/migrations``; the revision
they end at is ``SCHEMA_REVISION`` (a test keeps the two in step).
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

# The declarative base and the clock live apart, so the comment tables need not import this
# module (which imports them); Base and utc_now are still found here.
from storage.base import Base, utc_now

#: The alembic revision this program's models match (the head of storage/migrations).
SCHEMA_REVISION = "0005_comment_targets"
#: Every revision this program knows, oldest first: a library at any of them can be upgraded.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005_comment_targets")


class RegulationRow(Base):
    """A regulation project (法规项目): what every version belongs to."""

    __tablename__ = "regulation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="制定")  # 制定 / 修订 / 修正
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    plan_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    committee: Mapped[str] = mapped_column(Text, default="")  # lead committee (牵头委员会)
    status: Mapped[str] = mapped_column(String(32), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class VersionRow(Base):
    """A version (稿次) of a regulation: a whole text, frozen once sent out."""

    __tablename__ = "version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regulation_id: Mapped[int] = mapped_column(
        ForeignKey("regulation.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(Text)  # 工作稿, 征求意见稿, 一审稿 …
    stage: Mapped[str] = mapped_column(String(32), default="")  # 起草, 征求意见, 一审 …
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    modified: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")  # file it was imported from
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("version.id", ondelete="SET NULL"), nullable=True
    )
    title: Mapped[str] = mapped_column(Text, default="")
    title_note: Mapped[str] = mapped_column(Text, default="")
    # Stored at save time, so listing versions needs no tree load.
    articles: Mapped[int] = mapped_column(Integer, default=0)
    # Raised by one on every save of the text (revision 0004): a save made from a text read
    # at an older revision is refused, so two windows or colleagues never overwrite each other.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class UnitRow(Base):
    """One node of a version's text tree; order is ``position`` among the siblings."""

    __tablename__ = "unit"
    __table_args__ = (Index(None, "version_id", "parent_uid", "position"),)

    version_id: Mapped[int] = mapped_column(
        ForeignKey("version.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    parent_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # drafting.model.units.UnitKind value
    numbering: Mapped[str] = mapped_column(String(16), default="regular")  # Numbering value
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")


class UnitLineageRow(Base):
    """Where a unit made by a split or merge came from (revision 0003): one row per origin.

    ``uid`` is the new article of a split (or the surviving one of a merge); ``origin_uid`` is
    a unit it came from. A version made from another copies these rows with its units.
    """

    __tablename__ = "unit_lineage"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("version.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    origin_uid: Mapped[str] = mapped_column(String(32), primary_key=True)


# Core tables, for bulk statements (a mapped class's __table__ is typed as a FromClause).
regulation_table = cast(Table, RegulationRow.__table__)
version_table = cast(Table, VersionRow.__table__)
unit_table = cast(Table, UnitRow.__table__)
lineage_table = cast(Table, UnitLineageRow.__table__)

# The consultation tables (revision 0002) live in their own module; importing it here puts them
# in Base.metadata whichever module is imported first.
import storage.comment_tables  # noqa: E402, F401

"""The library's tables, as SQLAlchemy Core tables in one MetaData.

Core, not ORM classes: the library writes and reads rows with Core statements only, and
leaving ``sqlalchemy.orm`` unimported takes a good part off the program's start-up time.

A regulation (法规项目) has versions (稿次); a version holds the text tree as unit rows keyed by
(version, uid). Numbers follow from position; only a label the source printed otherwise is
stored (``UnitRow.label``, a number lock). Units of a snapshot keep
the uids of the version they came from, so later tables (comments, references) can point at a
unit uid and find it again in every version.

The schema changes only through the alembic revisions in ``storage/migrations``; the revision
they end at is ``SCHEMA_REVISION`` (a test keeps the two in step).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

# The MetaData and the clock live apart, so the comment tables need not import this module
# (which imports them); Base, utc_now and NAMING_CONVENTION are still found here.
from storage.base import NAMING_CONVENTION, Base, utc_now

#: The alembic revision this program's models match (the head of storage/migrations).
SCHEMA_REVISION = "0010"
#: Every revision this program knows, oldest first: a library at any of them can be upgraded.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
)

metadata = Base.metadata

#: A regulation project (法规项目): what every version belongs to.
regulation_table = Table(
    "regulation",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("kind", String(16), nullable=False, default="制定"),  # 制定 / 修订 / 修正
    Column("created", DateTime, nullable=False, default=utc_now),
    Column("plan_year", Integer, nullable=True),
    Column("committee", Text, nullable=False, default=""),  # lead committee (牵头委员会)
    Column("status", String(32), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
)

#: A version (稿次) of a regulation: a whole text, frozen once sent out.
version_table = Table(
    "version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "regulation_id",
        ForeignKey("regulation.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("label", Text, nullable=False),  # 工作稿, 征求意见稿, 一审稿 …
    Column("stage", String(32), nullable=False, default=""),  # 起草, 征求意见, 一审 …
    Column("frozen", Boolean, nullable=False, default=False),
    Column("created", DateTime, nullable=False, default=utc_now),
    Column("modified", DateTime, nullable=False, default=utc_now),
    Column("date", Date, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),  # file it was imported from
    Column("parent_id", ForeignKey("version.id", ondelete="SET NULL"), nullable=True),
    Column("title", Text, nullable=False, default=""),
    Column("title_note", Text, nullable=False, default=""),
    # Stored at save time, so listing versions needs no tree load.
    Column("articles", Integer, nullable=False, default=0),
    # Raised by one on every save of the text (revision 0004): a save made from a text read
    # at an older revision is refused, so two windows or colleagues never overwrite each other.
    Column("revision", Integer, nullable=False, default=0, server_default="0"),
    # The preamble and appendices as JSON (drafting.model.matter.matter_to_json); "" if none
    # (revision 0005).
    Column("matter", Text, nullable=False, default="", server_default=""),
    # References kept marked as broken after their target was deleted, as JSON
    # [[unit uid, start, words, detail], …]; "" if none (revision 0010).
    Column("reference_marks", Text, nullable=False, default="", server_default=""),
)

#: One node of a version's text tree; order is ``position`` among the siblings.
unit_table = Table(
    "unit",
    metadata,
    Column("version_id", ForeignKey("version.id", ondelete="CASCADE"), primary_key=True),
    Column("uid", String(32), primary_key=True),
    Column("parent_uid", String(32), nullable=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # drafting.model.units.UnitKind value
    Column("numbering", String(16), nullable=False, default="regular"),  # Numbering value
    Column("heading", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),
    # The label as the source printed it where it differs from position (a number lock,
    # revision 0005); "" for a unit numbered by position.
    Column("label", Text, nullable=False, default="", server_default=""),
    # A 款's table as JSON (drafting.model.matter.table_to_json), "" for none (revision 0005).
    Column("table_json", Text, nullable=False, default="", server_default=""),
    Index(None, "version_id", "parent_uid", "position"),
)

#: Where a unit made by a split or merge came from (revision 0003): one row per origin.
#: ``uid`` is the new article of a split (or the surviving one of a merge); ``origin_uid`` is
#: a unit it came from. A version made from another copies these rows with its units.
lineage_table = Table(
    "unit_lineage",
    metadata,
    Column("version_id", ForeignKey("version.id", ondelete="CASCADE"), primary_key=True),
    Column("uid", String(32), primary_key=True),
    Column("origin_uid", String(32), primary_key=True),
)

#: The audit trail of texts (revision 0009): one row per unit changed by a save, and one per
#: version made, frozen, changed or deleted (``unit_uid`` NULL). ``by`` is the drafter's name
#: from the settings; ``at`` the first save, ``last_at`` the last of a run of saves of the same
#: unit by the same person (autosave every few seconds must not write a row per keystroke).
#: A version is named by its creation time and label too, so the record survives its deletion
#: and finds the version again in another library (packages).
unit_audit_table = Table(
    "unit_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("regulation_id", ForeignKey("regulation.id", ondelete="CASCADE"), nullable=False),
    Column("version_id", Integer, nullable=True),  # no foreign key: outlives the version
    Column("version_created", DateTime, nullable=False),
    Column("version_label", Text, nullable=False, default=""),
    Column("unit_uid", String(32), nullable=True),
    Column("action", String(16), nullable=False),  # storage.unit_audit.ACTIONS
    Column("detail", Text, nullable=False, default=""),
    Column("by", Text, nullable=False, default=""),
    Column("at", DateTime, nullable=False, default=utc_now),
    Column("last_at", DateTime, nullable=False, default=utc_now),
    Index(None, "regulation_id", "unit_uid"),
    Index(None, "version_id"),
)

# The consultation tables (revision 0002) live in their own module; importing it here puts them
# in the one MetaData whichever module is imported first.
import storage.comment_tables  # noqa: E402, F401
import storage.reference_tables  # noqa: E402, F401  (revision 0007: the reference library)

__all__ = [
    "KNOWN_REVISIONS",
    "NAMING_CONVENTION",
    "SCHEMA_REVISION",
    "Base",
    "lineage_table",
    "metadata",
    "regulation_table",
    "unit_audit_table",
    "unit_table",
    "utc_now",
    "version_table",
]

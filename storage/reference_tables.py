"""The reference library's table (schema revision 0007): which regulations are references.

A reference (参考法规) is another body's published regulation imported for reading and
comparison, kept apart from the office's own drafts: it is an ordinary regulation (one version,
its text in unit rows) with one row here saying so, with the facts read from its text —
issuing body, place, date, status — which the user may correct. Deleting the regulation
deletes the row (ON DELETE CASCADE).
"""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text

from drafting.search.reference_meta import REFERENCE_STATUSES
from storage.base import Base

__all__ = ["REFERENCE_STATUSES", "reference_table"]

#: One row per regulation that is a reference, not a draft of the office's own.
reference_table = Table(
    "reference_info",
    Base.metadata,
    Column(
        "regulation_id",
        ForeignKey("regulation.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("issuer", Text, nullable=False, default=""),  # 制定机关
    Column("place", Text, nullable=False, default=""),  # 宁波市, 浙江省 …
    Column("date", Date, nullable=True),  # adopted (or last amended)
    Column("status", String(16), nullable=False, default="现行有效"),
    # sha256 of the text without blanks: the same text imported twice is skipped.
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False, default=""),  # file it was imported from
)

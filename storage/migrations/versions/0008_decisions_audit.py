"""The audit trail of decisions, group merges/splits and undos, and comment assignment to a
处室/承办人, meetings whose statements are comments (issue 14 items 4, 5 and 6).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_COLUMNS = ("office", "handler")


def upgrade() -> None:
    # Plain ADD COLUMNs, not batch mode: a batch would copy the comment table (100,000 rows).
    for name in _COLUMNS:
        op.add_column(
            "comment", sa.Column(name, sa.Text(), nullable=False, server_default=sa.text("''"))
        )
    op.add_column("comment", sa.Column("meeting_id", sa.Integer(), nullable=True))
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "regulation_id",
            sa.Integer(),
            sa.ForeignKey("regulation.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "round_id",
            sa.Integer(),
            sa.ForeignKey("consultation_round.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_meeting_regulation_id_fingerprint", "meeting", ["regulation_id", "fingerprint"]
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "regulation_id",
            sa.Integer(),
            sa.ForeignKey("regulation.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("batch", sa.String(32), nullable=False),
        sa.Column("undoes", sa.String(32), nullable=False),
    )
    op.create_index(
        "ix_audit_entry_regulation_id_entity_entity_id",
        "audit_entry",
        ["regulation_id", "entity", "entity_id"],
    )
    op.create_index(
        "ix_audit_entry_regulation_id_batch", "audit_entry", ["regulation_id", "batch"]
    )


def downgrade() -> None:
    op.drop_index("ix_audit_entry_regulation_id_batch", "audit_entry")
    op.drop_index("ix_audit_entry_regulation_id_entity_entity_id", "audit_entry")
    op.drop_table("audit_entry")
    op.drop_index("ix_meeting_regulation_id_fingerprint", "meeting")
    op.drop_table("meeting")
    op.drop_column("comment", "meeting_id")
    for name in reversed(_COLUMNS):
        op.drop_column("comment", name)

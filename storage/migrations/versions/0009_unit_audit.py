"""The audit trail of units and versions: who changed which unit, made, froze, changed or
deleted which version, and when (issue 15 item 7).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unit_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "regulation_id",
            sa.Integer(),
            sa.ForeignKey("regulation.id", ondelete="CASCADE"),
            nullable=False,
        ),
        # No foreign key: the record of a deleted version outlives it.
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("version_created", sa.DateTime(), nullable=False),
        sa.Column("version_label", sa.Text(), nullable=False),
        sa.Column("unit_uid", sa.String(32), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ix_unit_audit_regulation_id_unit_uid", "unit_audit", ["regulation_id", "unit_uid"]
    )
    op.create_index("ix_unit_audit_version_id", "unit_audit", ["version_id"])


def downgrade() -> None:
    op.drop_index("ix_unit_audit_version_id", table_name="unit_audit")
    op.drop_index("ix_unit_audit_regulation_id_unit_uid", table_name="unit_audit")
    op.drop_table("unit_audit")

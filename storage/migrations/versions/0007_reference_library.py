"""The reference library: which regulations are references, with issuer, place, date, status.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reference_info",
        sa.Column("regulation_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["regulation_id"],
            ["regulation.id"],
            name=op.f("fk_reference_info_regulation_id_regulation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("regulation_id", name=op.f("pk_reference_info")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_reference_info_fingerprint")),
    )


def downgrade() -> None:
    op.drop_table("reference_info")

"""Version revision: a counter raised on every save, for optimistic concurrency.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every existing version starts at 0. A plain ADD COLUMN, not batch mode: on SQLite a
    # batch would copy the version table, and dropping the old one with foreign keys on would
    # cascade to every unit row.
    op.add_column(
        "version",
        sa.Column("revision", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    # Not batch mode either, for the reason above (SQLite 3.35+ drops a column in place).
    op.drop_column("version", "revision")

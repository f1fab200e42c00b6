"""The law as printed: each unit's printed label (number lock) and table (JSON), and the
version's preamble and appendices (JSON).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, not batch mode (see 0004: a batch copy of a table with foreign keys on
    # would cascade). Existing units are numbered by position: no lock.
    op.add_column(
        "unit", sa.Column("label", sa.Text(), nullable=False, server_default=sa.text("''"))
    )
    op.add_column(
        "unit", sa.Column("table_json", sa.Text(), nullable=False, server_default=sa.text("''"))
    )
    op.add_column(
        "version", sa.Column("matter", sa.Text(), nullable=False, server_default=sa.text("''"))
    )


def downgrade() -> None:
    op.drop_column("version", "matter")
    op.drop_column("unit", "table_json")
    op.drop_column("unit", "label")

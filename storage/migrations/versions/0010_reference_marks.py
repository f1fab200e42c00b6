"""References kept marked as broken: the version's reference_marks (JSON), so that a citation
of a deleted article is still broken after the text is saved and opened again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0004/0005): existing versions have no marks.
    op.add_column(
        "version",
        sa.Column("reference_marks", sa.Text(), nullable=False, server_default=sa.text("''")),
    )


def downgrade() -> None:
    op.drop_column("version", "reference_marks")

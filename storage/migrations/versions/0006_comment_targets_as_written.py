"""Comment targets as written (issue 14): the submitter's 条款 text, further units, missing ones.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

After 0005 (printed labels, tables, preamble and appendices).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("target_text", "also_uids", "missing_target")


def upgrade() -> None:
    # Plain ADD COLUMNs, not batch mode: a batch would copy the comment table (100,000 rows).
    for name in _COLUMNS:
        op.add_column(
            "comment", sa.Column(name, sa.Text(), nullable=False, server_default=sa.text("''"))
        )


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        op.drop_column("comment", name)

"""The first library schema: regulation, version, unit.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "regulation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("plan_year", sa.Integer(), nullable=True),
        sa.Column("committee", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regulation")),
    )
    op.create_table(
        "version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regulation_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("frozen", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.Column("modified", sa.DateTime(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_note", sa.Text(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["version.id"],
            name=op.f("fk_version_parent_id_version"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["regulation_id"],
            ["regulation.id"],
            name=op.f("fk_version_regulation_id_regulation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_version")),
    )
    op.create_index(op.f("ix_version_regulation_id"), "version", ["regulation_id"], unique=False)
    op.create_table(
        "unit",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("parent_uid", sa.String(length=32), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("numbering", sa.String(length=16), nullable=False),
        sa.Column("heading", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name=op.f("fk_unit_version_id_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "uid", name=op.f("pk_unit")),
    )
    op.create_index(
        op.f("ix_unit_version_id_parent_uid_position"),
        "unit",
        ["version_id", "parent_uid", "position"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_unit_version_id_parent_uid_position"), table_name="unit")
    op.drop_table("unit")
    op.drop_index(op.f("ix_version_regulation_id"), table_name="version")
    op.drop_table("version")
    op.drop_table("regulation")

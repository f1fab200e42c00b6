"""Consultation rounds and comments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consultation_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regulation_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["regulation_id"],
            ["regulation.id"],
            name=op.f("fk_consultation_round_regulation_id_regulation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name=op.f("fk_consultation_round_version_id_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultation_round")),
    )
    op.create_index(
        op.f("ix_consultation_round_regulation_id"),
        "consultation_round",
        ["regulation_id"],
        unique=False,
    )
    op.create_table(
        "comment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regulation_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("submitter_name", sa.Text(), nullable=False),
        sa.Column("submitter_org", sa.Text(), nullable=False),
        sa.Column("submitter_contact", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("target_uid", sa.String(length=32), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_offset", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=True),
        sa.Column("cluster_id", sa.Integer(), nullable=True),
        sa.Column("disposition", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["regulation_id"],
            ["regulation.id"],
            name=op.f("fk_comment_regulation_id_regulation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["consultation_round.id"],
            name=op.f("fk_comment_round_id_consultation_round"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name=op.f("fk_comment_version_id_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
        sa.UniqueConstraint(
            "regulation_id", "fingerprint", name=op.f("uq_comment_regulation_id_fingerprint")
        ),
    )
    op.create_index(
        op.f("ix_comment_regulation_id_target_uid"),
        "comment",
        ["regulation_id", "target_uid"],
        unique=False,
    )
    op.create_index(op.f("ix_comment_round_id"), "comment", ["round_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_comment_round_id"), table_name="comment")
    op.drop_index(op.f("ix_comment_regulation_id_target_uid"), table_name="comment")
    op.drop_table("comment")
    op.drop_index(op.f("ix_consultation_round_regulation_id"), table_name="consultation_round")
    op.drop_table("consultation_round")

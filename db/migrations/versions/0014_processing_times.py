"""processing times: each edition of IRCC's forward-looking processing times, and its
figures as published, a row per program and per program's month of application

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "times_editions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("published", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_times_editions")),
        sa.UniqueConstraint("digest", name=op.f("uq_times_editions_digest")),
    )
    op.create_table(
        "times_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("program", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=True),
        sa.Column("time", sa.String(length=160), nullable=True),
        sa.Column("people", sa.String(length=160), nullable=True),
        sa.ForeignKeyConstraint(
            ["edition_id"], ["times_editions.id"],
            name=op.f("fk_times_figures_edition_id_times_editions"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_times_figures")),
    )  # fmt: skip
    with op.batch_alter_table("times_figures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_times_figures_program_month"), ["program", "month"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_times_figures_edition_id"), ["edition_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("times_figures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_times_figures_edition_id"))
        batch_op.drop_index(batch_op.f("ix_times_figures_program_month"))
    op.drop_table("times_figures")
    op.drop_table("times_editions")

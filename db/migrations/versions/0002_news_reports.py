"""news reports

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feed_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed", sa.String(length=200), nullable=False),
        sa.Column("entry_key", sa.String(length=500), nullable=False),
        sa.Column("link", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("published", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_entries")),
        sa.UniqueConstraint("feed", "entry_key", name=op.f("uq_feed_entries_feed_entry_key")),
    )
    op.create_table(
        "draw_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("draw_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=16), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("invitations", sa.Integer(), nullable=True),
        sa.Column("crs", sa.Integer(), nullable=True),
        sa.Column("tie_break", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confidence", sa.String(length=8), nullable=False),
        sa.Column("from_table", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["draw_id"],
            ["draws.id"],
            name=op.f("fk_draw_reports_draw_id_draws"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["feed_entries.id"],
            name=op.f("fk_draw_reports_entry_id_feed_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draw_reports")),
    )
    with op.batch_alter_table("draw_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draw_reports_draw_id"), ["draw_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_draw_reports_entry_id"), ["entry_id"], unique=False)

    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail", sa.Text(), nullable=True))

    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confirmed", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_column("confirmed")

    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_column("detail")

    with op.batch_alter_table("draw_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draw_reports_entry_id"))
        batch_op.drop_index(batch_op.f("ix_draw_reports_draw_id"))

    op.drop_table("draw_reports")
    op.drop_table("feed_entries")

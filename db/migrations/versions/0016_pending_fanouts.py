"""pending fan-outs: a draw's first chats' alerts are queued with it, the rest right after

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pending_fanouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draw_id", sa.Integer(), nullable=False),
        sa.Column("unless_category", sa.String(length=64), nullable=True),
        sa.Column("unless_crs", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["draw_id"],
            ["draws.id"],
            name=op.f("fk_pending_fanouts_draw_id_draws"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_fanouts")),
        sa.UniqueConstraint("draw_id", name=op.f("uq_pending_fanouts_draw_id")),
    )


def downgrade() -> None:
    op.drop_table("pending_fanouts")

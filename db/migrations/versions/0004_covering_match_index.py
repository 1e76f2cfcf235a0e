"""covering match index: chat_id joins (category, max_crs), so matching reads no rows

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_subscriptions_category_max_crs")
        batch_op.create_index(
            "ix_subscriptions_category_max_crs_chat_id", ["category", "max_crs", "chat_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_subscriptions_category_max_crs_chat_id")
        batch_op.create_index("ix_subscriptions_category_max_crs", ["category", "max_crs"])

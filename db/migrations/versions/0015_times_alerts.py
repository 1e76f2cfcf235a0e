"""times alerts: an outbox row is owed about a draw or about an edition of the processing
times, one of the two

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edition_id", sa.Integer(), nullable=True))
        batch_op.alter_column("draw_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(
            batch_op.f("fk_deliveries_edition_id_times_editions"), "times_editions",
            ["edition_id"], ["id"], ondelete="CASCADE",
        )  # fmt: skip
        batch_op.create_unique_constraint(
            batch_op.f("uq_deliveries_edition_id_chat_id_kind"), ["edition_id", "chat_id", "kind"]
        )
        batch_op.create_check_constraint(
            "ck_deliveries_one_subject", "(draw_id IS NULL) <> (edition_id IS NULL)"
        )


def downgrade() -> None:
    op.execute("DELETE FROM deliveries WHERE draw_id IS NULL")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_constraint("ck_deliveries_one_subject", type_="check")
        batch_op.drop_constraint(
            batch_op.f("uq_deliveries_edition_id_chat_id_kind"), type_="unique"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_deliveries_edition_id_times_editions"), type_="foreignkey"
        )
        batch_op.alter_column("draw_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("edition_id")

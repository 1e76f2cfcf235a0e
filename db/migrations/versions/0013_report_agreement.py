"""news reports: how a report's date was placed ("stated", "today", "yesterday",
"weekday"), the other values the article stated for a figure it contradicted itself on,
and the earlier report of another publisher that it agreed with

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("draw_reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_basis", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("alternatives", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("agrees_with", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_draw_reports_agrees_with_draw_reports"),
            "draw_reports",
            ["agrees_with"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("draw_reports", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_draw_reports_agrees_with_draw_reports"), type_="foreignkey"
        )
        batch_op.drop_column("agrees_with")
        batch_op.drop_column("alternatives")
        batch_op.drop_column("date_basis")

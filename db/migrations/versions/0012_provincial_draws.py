"""provincial draws: a draw may be a province's (its stream in ``category``), with the
scale of its minimum score, a bound on its count, its sub-pool and its notes

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.add_column(sa.Column("province", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("scale", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("invitations_bound", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("selection", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("notes", sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f("ix_draws_province"), ["province"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_draws_province_category_date_selection"),
            ["province", "category", "date", "selection"],
        )


def downgrade() -> None:
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_draws_province_category_date_selection"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_draws_province"))
        batch_op.drop_column("notes")
        batch_op.drop_column("selection")
        batch_op.drop_column("invitations_bound")
        batch_op.drop_column("scale")
        batch_op.drop_column("province")

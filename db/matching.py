"""Which subscriptions a draw concerns: one rule, as a plain function and as SQL.

A category subscription matches draws of its category and all-program (``general``)
draws, since every candidate can be invited in those; ``all`` matches every category. A
score makes it match only draws whose cut-off is known and at or below the score.
"""

from sqlalchemy import ColumnElement, and_, or_, true

from db.models import Subscription
from jobs.categories import ALL, GENERAL


def matches(
    sub_category: str, max_crs: int | None, draw_category: str, draw_crs: int | None
) -> bool:
    """Whether a subscription (category, score) wants a draw (category, cut-off)."""
    category_ok = sub_category in (ALL, draw_category) or draw_category == GENERAL
    score_ok = max_crs is None or (draw_crs is not None and draw_crs <= max_crs)
    return category_ok and score_ok


def matching_clause(draw_category: str, draw_crs: int | None) -> ColumnElement[bool]:
    """The same rule as :func:`matches`, as a WHERE clause over ``subscriptions``."""
    if draw_category == GENERAL:
        category_ok: ColumnElement[bool] = true()
    else:
        category_ok = Subscription.category.in_((ALL, draw_category))
    if draw_crs is None:
        score_ok: ColumnElement[bool] = Subscription.max_crs.is_(None)
    else:
        score_ok = or_(Subscription.max_crs.is_(None), Subscription.max_crs >= draw_crs)
    return and_(category_ok, score_ok)

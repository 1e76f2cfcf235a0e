"""The matching rule of core.matching as a WHERE clause over ``subscriptions``, so that
one query finds every chat a draw concerns."""

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from core.categories import ALL, GENERAL
from core.provinces.values import PROVINCES
from core.times.follow import TIMES
from db.models import Subscription


def matching_clause(
    draw_category: str, draw_crs: int | None, draw_province: str | None = None
) -> ColumnElement[bool]:
    """The same rule as :func:`core.matching.matches`, as SQL."""
    category_ok: ColumnElement[bool]
    if draw_province is not None:
        category_ok = Subscription.category.in_((draw_province, draw_category))
    elif draw_category == GENERAL:
        category_ok = ~or_(_provincial(), times_subscriptions())
    else:
        category_ok = Subscription.category.in_((ALL, draw_category))
    if draw_crs is None:
        score_ok: ColumnElement[bool] = Subscription.max_crs.is_(None)
    else:
        score_ok = or_(Subscription.max_crs.is_(None), Subscription.max_crs >= draw_crs)
    return and_(category_ok, score_ok)


def _provincial() -> ColumnElement[bool]:
    """Subscriptions to a province or one of its streams (core.provinces.province_of_key)."""
    return or_(
        Subscription.category.in_(PROVINCES),
        func.substr(Subscription.category, 1, 3).in_([f"{code}-" for code in PROVINCES]),
    )


def times_subscriptions() -> ColumnElement[bool]:
    """Subscriptions to the processing times (core.times.follow), which follow no draw."""
    return or_(Subscription.category == TIMES, Subscription.category.startswith(f"{TIMES}-"))


def unmatched_clause(
    figures: tuple[str, int | None] | None, province: str | None = None
) -> ColumnElement[bool]:
    """The subscriptions of chats none of whose subscriptions matches a draw of this
    (category, cut-off) in that province (None: Express Entry): the chats a revised draw's
    old figures did not concern. All of them, when no figures are given."""
    if figures is None:
        return true()
    matched = (
        select(Subscription.chat_id).where(matching_clause(*figures, province)).correlate(None)
    )
    return Subscription.chat_id.not_in(matched)

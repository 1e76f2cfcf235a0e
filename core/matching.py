"""Which subscriptions a draw concerns: the rule, as a plain function.

A category subscription matches draws of its category and all-program (``general``)
draws, since every candidate can be invited in those; ``all`` matches every category. A
score makes it match only draws whose cut-off is known and at or below the score. The
same rule as SQL, for matching thousands of subscriptions at once, is in db.matching.
"""

from core.categories import ALL, GENERAL


def matches(
    sub_category: str, max_crs: int | None, draw_category: str, draw_crs: int | None
) -> bool:
    """Whether a subscription (category, score) wants a draw (category, cut-off)."""
    category_ok = sub_category in (ALL, draw_category) or draw_category == GENERAL
    score_ok = max_crs is None or (draw_crs is not None and draw_crs <= max_crs)
    return category_ok and score_ok

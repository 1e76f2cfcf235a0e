"""Which subscriptions a draw concerns: the rule, as a plain function.

A category subscription matches draws of its category and all-program (``general``)
draws, since every candidate can be invited in those; ``all`` matches every category. A
score makes it match only draws whose cut-off is known and at or below the score. The
same rule as SQL, for matching thousands of subscriptions at once, is in db.matching.

A subscription to the processing times (``times``, ``times-cec``: core.times.follow)
matches no draw.

Provincial draws are apart: a province's draw matches the subscriptions to that province
(``bc``) or to its stream (``bc-tech``), the score read on the stream's own scale; no
Express Entry subscription (``all``, a score alone, a category) matches it, and no
provincial subscription matches an Express Entry draw.
"""

from core.categories import ALL, GENERAL
from core.provinces.values import province_of_key
from core.times.follow import is_times_key


def matches(
    sub_category: str,
    max_crs: int | None,
    draw_category: str,
    draw_crs: int | None,
    draw_province: str | None = None,
) -> bool:
    """Whether a subscription (category, score) wants a draw (category, cut-off, and its
    province if it is a provincial draw)."""
    if draw_province is not None:
        category_ok = sub_category in (draw_province, draw_category)
    elif not of_express_entry(sub_category):
        category_ok = False
    else:
        category_ok = sub_category in (ALL, draw_category) or draw_category == GENERAL
    score_ok = max_crs is None or (draw_crs is not None and draw_crs <= max_crs)
    return category_ok and score_ok


def of_express_entry(key: str) -> bool:
    """Whether a subscription's key follows Express Entry's draws: not a province's (whose
    score is on its own scale) nor the processing times' (which have none)."""
    return province_of_key(key) is None and not is_times_key(key)

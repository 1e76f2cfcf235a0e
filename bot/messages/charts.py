"""The words of /chart: its usage, its answers without a picture, and the pictures' titles,
axes and captions."""

from html import escape

from bot.messages.templates import Plural, Text, label
from core.trends import Period

CHART_USAGE = Text("charts.chart_usage")
BAD_PERIOD = Text("charts.bad_period", "text")
NO_DRAWS = Text("charts.no_draws", "start")
NO_DRAWS_IN = Text("charts.no_draws_in", "category start key")
WIDENED = Text("charts.widened", "category period")
NO_DRAW_STORED = Text("charts.no_draw_stored")
NO_POOL = Text("charts.no_pool")

MONTHS = Plural("charts.months")
YEARS = Plural("charts.years")
EVER = Text("charts.ever")

# In the pictures: plain text, no HTML.
TITLE_ONE = Text("charts.title_one", "category period")
TITLE_ALL = Text("charts.title_all", "period")
DATA_TO = Text("charts.data_to", "date")
CUTOFF_AXIS = Text("charts.cutoff_axis")
MIN_SCORE_AXIS = Text("charts.min_score_axis")  # a province's stream
PROVINCIAL_DATA_TO = Text("charts.provincial_data_to", "scale date")
INVITATIONS_AXIS = Text("charts.invitations_axis")
CUTOFF_LINE = Text("charts.cutoff_line")
INVITATIONS_BARS = Text("charts.invitations_bars")
YOUR_SCORE = Text("charts.your_score", "score")
POOL_TITLE = Text("charts.pool_title")
POOL_AS_OF = Text("charts.pool_as_of", "date total")
POOL_AXIS = Text("charts.pool_axis")
RANGE_AXIS = Text("charts.range_axis")
YOUR_RANGE = Text("charts.your_range", "score range")

CAPTION_ONE = Text("charts.caption_one", "category period date")
CAPTION_PROVINCIAL = Text("charts.caption_provincial", "category period date")
CAPTION_ALL = Text("charts.caption_all", "period date")
CAPTION_POOL = Text("charts.caption_pool", "date total")


def period_words(period: Period) -> str:
    if period.months is None:
        return EVER()
    if period.months % 12 == 0 and period.months > 12:
        return YEARS(period.months // 12)
    return MONTHS(period.months)


def bad_period(text: str) -> str:
    return "\n".join([BAD_PERIOD(text=escape(text)), CHART_USAGE()])


def no_draws(category: str | None, start: str) -> str:
    if category is None:
        return NO_DRAWS(start=start)
    return NO_DRAWS_IN(category=escape(label(category)), start=start, key=escape(category))

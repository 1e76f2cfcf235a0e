"""The words of /chart: its usage, its answers without a picture, and the pictures' titles,
axes and captions."""

from html import escape

from bot.messages.templates import Plural, Text
from core.categories import label
from core.trends import Period

CHART_USAGE = (
    "Usage: <code>/chart [category] [period]</code>: the cut-offs over time, of one category "
    "or of every one, over <code>6m</code>, <code>1y</code> (if not given), <code>2y</code>, "
    "<code>all</code> or any number of months or years; <code>/chart pool</code>: the pool "
    "by CRS score.\nExamples: <code>/chart</code>, <code>/chart stem</code>, "
    "<code>/chart cec 2y</code>, <code>/chart pool</code>."
)
BAD_PERIOD = Text(
    "“{text}” is not a period: give a number of months or years (<code>6m</code>, "
    "<code>2y</code>) up to 20 years, or <code>all</code>.",
    "text",
)
NO_DRAWS = Text("No draw is stored from {start}. Try <code>/chart all</code>.", "start")
NO_DRAWS_IN = Text(
    "No {category} draw with a cut-off is stored from {start}. Try <code>/chart {key} all</code>.",
    "category start key",
)
WIDENED = Text("No {category} draw in {period}; here is every one on record.", "category period")
NO_DRAW_STORED = "No draw is stored yet."
NO_POOL = "No pool distribution is stored yet: IRCC publishes one with each round."

MONTHS = Plural("the last {count} month", "the last {count} months")
YEARS = Plural("the last {count} year", "the last {count} years")
EVER = "every draw on record"

# In the pictures: plain text, no HTML.
TITLE_ONE = Text("{category}: cut-offs, {period}", "category period")
TITLE_ALL = Text("CRS cut-offs by category, {period}", "period")
DATA_TO = Text("IRCC rounds of invitations to {date}", "date")
CUTOFF_AXIS = "CRS cut-off"
INVITATIONS_AXIS = "Invitations per draw"
CUTOFF_LINE = "Cut-off"
INVITATIONS_BARS = "Invitations"
YOUR_SCORE = Text("Your score: {score}", "score")
POOL_TITLE = "Express Entry pool by CRS score"
POOL_AS_OF = Text("As of {date}: {total} candidates", "date total")
POOL_AXIS = "Candidates"
RANGE_AXIS = "CRS score range"
YOUR_RANGE = Text("Your {score} is in {range}", "score range")

CAPTION_ONE = Text(
    "<b>{category}</b>: CRS cut-offs, {period} (draws to {date}).", "category period date"
)
CAPTION_ALL = Text("<b>CRS cut-offs by category</b>, {period} (draws to {date}).", "period date")
CAPTION_POOL = Text(
    "<b>The Express Entry pool by CRS score</b> as of {date}: {total} candidates. "
    "/rank tells where a score stands.",
    "date total",
)


def period_words(period: Period) -> str:
    if period.months is None:
        return EVER
    if period.months % 12 == 0 and period.months > 12:
        return YEARS(period.months // 12)
    return MONTHS(period.months)


def bad_period(text: str) -> str:
    return "\n".join([BAD_PERIOD(text=escape(text)), CHART_USAGE])


def no_draws(category: str | None, start: str) -> str:
    if category is None:
        return NO_DRAWS(start=start)
    return NO_DRAWS_IN(category=escape(label(category)), start=start, key=escape(category))

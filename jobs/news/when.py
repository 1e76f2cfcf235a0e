"""A draw's date from the words an article uses when it states none: "today's draw",
"yesterday", "on Wednesday", "last Wednesday's round", placed by the article's publication
date as it was in Ottawa (an evening post is dated the next day in UTC).

Only the words of sentences about the announced draw count, and only one placing: an
article saying both "today" and "Wednesday" of different days places nothing. A date that
cannot be placed stays unknown; of one the article calls "the latest draw", that much is
kept (``core.reports.LATEST``): the stored rounds may then tell which it is not.
"""

import calendar
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

OTTAWA = ZoneInfo("America/Toronto")  # where IRCC holds its draws, and dates them

_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_PLACING = re.compile(
    r"\b(?P<today>today|tonight|this (?:morning|afternoon|evening))\b"
    r"|\b(?P<yesterday>yesterday)\b"
    rf"|\b(?P<last>last\s+)?(?P<weekday>{'|'.join(calendar.day_name)})\b"
    rf"(?!,?\s+(?:{'|'.join(calendar.month_name[1:])})\.?\s+\d)",
    re.IGNORECASE,
)  # a weekday before a date ("Wednesday, July 5") is part of a stated date


_LATEST_DRAW = re.compile(
    r"\b(?:latest|newest|most recent)\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\b", re.IGNORECASE
)


def placed(sentences: Iterable[str], published: datetime | None) -> tuple[date, str] | None:
    """The draw's date and how it was placed ("today", "yesterday", "weekday"), or None."""
    if published is None:
        return None
    local = published.astimezone(OTTAWA).date()
    found = {
        placing
        for sentence in sentences
        for match in _PLACING.finditer(sentence)
        if (placing := _place(match, local)) is not None
    }
    days = {day for day, _basis in found}
    return found.pop() if len(days) == 1 and len(found) == 1 else None


def _place(match: re.Match[str], local: date) -> tuple[date, str] | None:
    if match["today"]:
        return local, "today"
    if match["yesterday"]:
        return local - timedelta(days=1), "yesterday"
    back = (local.weekday() - _WEEKDAYS[match["weekday"].lower()]) % 7
    if match["last"] and back == 0:
        back = 7
    return local - timedelta(days=back), "weekday"


def called_the_latest(sentences: Iterable[str]) -> bool:
    """Whether the sentences call the draw "the latest draw": undated, it is still the
    newest of its kind when the article came."""
    return any(_LATEST_DRAW.search(sentence) for sentence in sentences)

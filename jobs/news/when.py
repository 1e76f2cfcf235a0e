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

from jobs.news.lines import NEWS_DAYS

OTTAWA = ZoneInfo("America/Toronto")  # where IRCC holds its draws, and dates them

_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_PLACING = re.compile(
    r"\b(?P<today>today|tonight|this (?:morning|afternoon|evening))\b"
    r"|\b(?P<yesterday>yesterday)\b"
    rf"|\b(?P<last>last\s+)?(?P<weekday>{'|'.join(calendar.day_name)})\b"
    rf"(?!,?\s+(?:{'|'.join(calendar.month_name[1:])})\.?\s+\d)",
    re.IGNORECASE,
)  # a weekday before a date ("Wednesday, July 5") is part of a stated date


# A month named without a day: "in June", "last June", "mid-June", "June's draw", "in
# December 2025", "since June, when" (a date with its day is read as a date; "May" only
# capitalized) ...
_MONTHS = "|".join(calendar.month_name[1:])
_MONTH_ALONE = re.compile(
    rf"(?:\b(?i:in|during|until|through|from|last|early|late|mid)[\s-]+(?P<month>{_MONTHS})"
    rf"|\b(?P<owner>{_MONTHS})['\u2019]s"
    rf"|\b(?i:since)\s+(?P<since>{_MONTHS})(?=,?\s+(?i:when)\b))"
    r"\b(?!\.?\s*\d{1,2}\b)(?:,?\s+(?P<year>\d{4})\b)?"
)
# ... but not a time since which something is so: "for the first time since March", "the
# lowest since draws resumed in July"
_SINCE = re.compile(r"\bsince\b[^,;]*$", re.IGNORECASE)
_MONTH_NUMBER = {name: index for index, name in enumerate(calendar.month_name)}

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


def in_another_month(sentence: str, held: date | None, published: date | None) -> bool:
    """Whether a sentence names a month alone (with or without its year) that the draw was
    not held in: the month of ``held``, if known, else one the article's ``published`` day
    or the NEWS_DAYS before it fall in. "This is the first CEC draw since June, when 4,000
    were invited", in December, speaks of June's draw."""
    if held is not None:
        months = {(held.year, held.month)}
    elif published is not None:
        months = {(d.year, d.month) for d in (published - NEWS_DAYS, published)}
    else:
        return False
    for match in _MONTH_ALONE.finditer(sentence):
        if not match["since"] and _SINCE.search(sentence, 0, match.start()):
            continue
        month = _MONTH_NUMBER[match["month"] or match["owner"] or match["since"]]
        years = {int(match["year"])} if match["year"] else {year for year, _ in months}
        if not any((year, month) in months for year in years):
            return True
    return False


def called_the_latest(sentences: Iterable[str]) -> bool:
    """Whether the sentences call the draw "the latest draw": undated, it is still the
    newest of its kind when the article came."""
    return any(_LATEST_DRAW.search(sentence) for sentence in sentences)

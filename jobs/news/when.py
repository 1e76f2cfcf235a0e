"""When a draw was held, as an article writes it.

Dates as written ("July 5, 2023", "5 July", "16thApril 2020", "2023-07-05"), a year
supplied by the article's day; the dates that are no draw's (one bounding a time, "since
September 14"; the day a draw was made public; a tie-break's time). And a draw's date from
the words an article uses when it states none: "today's draw", "yesterday", "on Wednesday",
"last Wednesday's round", placed by the article's publication date as it was in Ottawa (an
evening post is dated the next day in UTC).

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

from core.dates import parse_date, parse_utc_datetime
from jobs.news.counts import MONTH

_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_TEXT = (
    rf"(?:\b(?:{MONTH})\.?\s+{_DAY}\b(?:,?\s+\d{{4}}\b)?"
    # the day first, its ordinal maybe glued to the month ("16thApril 2020")
    rf"|\b(?:\d{{1,2}}(?:st|nd|rd|th)\s*|\d{{1,2}}\s+)(?:{MONTH})\b\.?(?:,?\s+\d{{4}}\b)?"
    rf"|(?<!\d)\d{{4}}-\d{{2}}-\d{{2}}\b)"
)
DATE = re.compile(DATE_TEXT)
_DATE_TIME = re.compile(
    rf"{DATE_TEXT},?\s*(?:at\s*)?\d{{1,2}}:\d{{2}}:\d{{2}}(?:\s*[AP]M)?(?:\s*UTC)?"
)
_YEAR = re.compile(r"\b\d{4}\b")
NEWS_DAYS = timedelta(days=21)  # an article announcing a draw is out within three weeks
_BOUNDING_DATE = re.compile(  # "since September 14, 2021", "before ... on January 3, 2026"
    rf"\b(?:since|after|before|until|till|from|between|by)\b[^.;\d]{{0,60}}"
    # ("before 2:53 am Universal Coordinated Time (UTC) on 6 March 2025")
    rf"(?:\d{{1,2}}:\d{{2}}[^.;]{{0,45}}?)?{DATE_TEXT}",
    re.IGNORECASE,
)
TIE_BREAK = re.compile(r"\btie[- ]?break", re.IGNORECASE)
_NOT_THE_DRAW_DATE = re.compile(r"\b(?:announc\w*|unveil\w*|introduc\w*|launch\w*|deadline)\b")
# the day a draw was made public, beside its own: "the draw of November 14, announced on
# November 17", "This draw, made public on November 18, set the cut-off at 462"
_ANNOUNCED_ON = re.compile(rf"\b(?:announc\w*|made public)\s+(?:on\s+)?{DATE_TEXT}")
_ON = re.compile(r"\bon\s*(?:[A-Z][a-z]+day,?\s+)?$")  # "held on Monday, December 30"


def without_bounding_dates(text: str) -> str:
    """The text without the dates that bound a time ("since September 14", "profiles created
    before ... January 3"): they are no draw's date."""
    return _BOUNDING_DATE.sub(" ", text)


def without_announcement_day(text: str) -> str:
    """The text without the day its draw was made public ("announced on November 17"): a
    date beside the draw's own, not another draw's."""
    return _ANNOUNCED_ON.sub(" ", text)


def find_dates(text: str, published: date | None, *, after_on: bool = False) -> list[date]:
    """Every readable date (with ``after_on``, only those written "on July 5"); one without a
    year takes the year putting it on or before ``published`` ("July 5" read on 2023-07-06
    is 2023-07-05)."""
    found = (
        _read_date(match.group(0), published)
        for match in DATE.finditer(text)
        if not after_on or _ON.search(text, max(0, match.start() - 20), match.start())
    )
    return [day for day in found if day is not None]


_GLUED_ORDINAL = re.compile(r"(?<=\d(?:st|nd|rd|th))(?=[A-Z])")  # "16thApril"


def _read_date(text: str, published: date | None) -> date | None:
    text = _GLUED_ORDINAL.sub(" ", text)
    if _YEAR.search(text):
        return parse_date(text)
    if published is None:
        return None
    for year in (published.year, published.year - 1):
        day = parse_date(f"{text} {year}")
        if day is not None and day <= published:
            return day
    return None


def find_tie_break(text: str, not_after: datetime | None) -> datetime | None:
    """The UTC date and time of a tie-breaking rule; None without a time or a readable year."""
    match = _DATE_TIME.search(text)
    return parse_utc_datetime(match.group(0), not_after=not_after) if match else None


def _news_of(day: date, published: date | None) -> bool:
    """Whether a date can be that of the draw an article published then announces: not
    after it, nor weeks before (news of a draw is out within days)."""
    return published is None or published - NEWS_DAYS <= day <= published


def _draw_date(sentence: str, published: date | None) -> date | None:
    """The one date a sentence gives, or the one it writes "on ..." ("On April 24 ... held
    on April 23"); none after ``published``, nor one that bounds a time ("since September
    14", "profiles created before 3:25 am UTC on January 3")."""
    sentence = without_bounding_dates(sentence)
    for after_on in (False, True):
        dates = find_dates(sentence, published, after_on=after_on)
        distinct = {day for day in dates if _news_of(day, published)}
        if len(distinct) == 1:
            return distinct.pop()
    return None


def sentence_date(sentence: str, published: date | None) -> date | None:
    """The date of the draw a sentence speaks of, if it gives one: not the day it was made
    public ("announced on November 17"), nor a date it ties to an announcement, a launch or a
    deadline."""
    told = without_announcement_day(sentence)
    return None if _NOT_THE_DRAW_DATE.search(told) else _draw_date(told, published)


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

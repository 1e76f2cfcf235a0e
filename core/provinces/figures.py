"""A draw's figures as the provinces write them, read into plain values.

A count is exact ("1,204") or a bound ("<5", "Less than 10", "under 5" are fewer than; "up
to 10", "at most 10" at most). A minimum score is one number ("41 and above", "59+", "EOI 85
points") or the lowest of several ("Express Entry: 58, non-Express Entry: 52", "479 to 489").
Words such as "N/A", "Not applicable" or a dash say that a figure was not given. A date is
written "June 15, 2026", "Sept. 5, 2024", "20 November 2024", "08-Jan-21" or "2026-06-15",
and some pages leave out the year ("June 6"), which the page gives elsewhere.

Each function answers None for words it cannot read; whether that skips a row or is no
figure at all is the reader's call. They read the words a cell holds as a whole unless told
otherwise: a feed's line may carry words after its count ("97 (including 12 Express Entry
candidates)"), an update's cell words around it ("2 targeted invitations").
"""

import re
from datetime import date

from core.categories import fold
from core.provinces.values import Bound, Invitations

# Words that say a figure was not given (folded); a blank cell says so too.
NOT_GIVEN = frozenset({
    "", "-", "\u2013", "\u2014", "n/a", "na", "nil", "none",
    "not applicable", "not available", "not published", "not required",
})  # fmt: skip
HIGHEST_SCORE = 1200  # the CRS's highest; each province's own grid is smaller

# The wordings of a bound before a count, folded; "<=" is tried before "<".
BOUNDS: dict[str, Bound] = {
    "<": Bound.FEWER_THAN, "less than": Bound.FEWER_THAN, "fewer than": Bound.FEWER_THAN,
    "under": Bound.FEWER_THAN,
    "<=": Bound.AT_MOST, "\u2264": Bound.AT_MOST, "up to": Bound.AT_MOST,
    "at most": Bound.AT_MOST, "maximum of": Bound.AT_MOST,
}  # fmt: skip
_WORDING = "|".join(re.escape(words) for words in sorted(BOUNDS, key=len, reverse=True))
_BOUND = rf"(?<![a-z])(?:{_WORDING})(?![a-z])"
_ANY_BOUND = re.compile(_BOUND)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_COUNT = rf"(?:(?P<bound>{_BOUND})\s*)?(?P<count>{_NUMBER})"
_WHOLE_COUNT = re.compile(_COUNT)
_LEADING_COUNT = re.compile(rf"{_COUNT}(?![\d,])")
_SUFFIX = r"\+|and (?:above|higher|up)|or (?:above|higher|more)"
_ONE_SCORE = rf"(?:eoi\s*)?(?P<score>\d+)\s*(?:points?|pts)?\s*(?:{_SUFFIX})?"
_WHOLE_SCORE = re.compile(_ONE_SCORE)
_LEADING_SCORE = re.compile(rf"{_ONE_SCORE}(?![\d,])")
_ALONE = re.compile(r"(?<![\w.])(?<!\d,)\d+(?![\w.])(?!,\d)")  # not part of 1,204, 5.5 or 5l
_GLUED = re.compile(r"\d[^\W\d]|[^\W\d]\d")  # a digit and a letter side by side: "5O", "5l"

_MONTH_NAMES = (
    "jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
    "aug august", "sep sept september", "oct october", "nov november", "dec december",
)  # fmt: skip
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
_MONTH = rf"(?P<month>{'|'.join(sorted(MONTHS, key=len, reverse=True))})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Tried in this order, on words folded with their periods, commas and asterisks as spaces.
_DATES = tuple(
    re.compile(rf"\b{pattern}\b")
    for pattern in (
        r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})",  # 2026-06-15
        rf"(?P<day>\d{{1,2}})-{_MONTH}-(?P<year>\d{{4}}|\d{{2}})",  # 08-Jan-21
        rf"{_DAY} {_MONTH} (?P<year>\d{{4}})",  # 20 November 2024
        rf"{_MONTH} {_DAY}\b(?: (?P<year>\d{{4}}))?",  # June 15, 2026; June 6
    )
)


def words(text: str) -> str:
    """A figure's words, folded, one space apart, without the periods and footnote marks
    around them: " Less than 10* " is "less than 10"."""
    return " ".join(fold(text).split()).strip(" .*")


def not_given(text: str) -> bool:
    """Whether a figure's words say that it was not given: "N/A", "Not applicable", a dash,
    or nothing at all."""
    return words(text) in NOT_GIVEN


def count(text: str, *, leading: bool = False) -> Invitations | None:
    """A count as published: "1,204" is 1204, "<5" fewer than 5, "up to 10" at most 10.
    ``leading`` reads a count that starts the words, whatever follows it."""
    written = words(text)
    pattern = _LEADING_COUNT.match if leading else _WHOLE_COUNT.fullmatch
    if (match := pattern(written)) is None:
        return None
    bound = BOUNDS[match["bound"]] if match["bound"] else Bound.EXACT
    return Invitations(_number(match["count"]), bound)


def bound_in(text: str) -> Bound:
    """The bound a wording anywhere in the words sets ("Less than 10 (LAAs)"), else exact."""
    found = _ANY_BOUND.search(words(text))
    return BOUNDS[found.group()] if found else Bound.EXACT


def numbers(text: str) -> list[int]:
    """Every number in the words, as written: "1,204 of 2,000" gives 1204 and 2000."""
    return [_number(number) for number in re.findall(_NUMBER, text)]


def score(text: str, *, leading: bool = False) -> int | None:
    """A minimum score written alone: "50", "41 and above", "59+", "300 or higher", "EOI 85
    points". ``leading`` reads a score that starts the words, whatever follows it."""
    written = words(text)
    pattern = _LEADING_SCORE.match if leading else _WHOLE_SCORE.fullmatch
    if (match := pattern(written)) is None or int(match["score"]) > HIGHEST_SCORE:
        return None
    return int(match["score"])


def scores(text: str) -> list[int]:
    """The numbers a cell lists, each standing on its own ("Express Entry: 58, non-Express
    Entry: 52", "479 to 489"); none where a digit and a letter touch ("5O and 6O"): that is
    garbled, not a list of scores."""
    written = words(text)
    return [] if _GLUED.search(written) else [int(found) for found in _ALONE.findall(written)]


def lowest_score(text: str) -> int | None:
    """The lowest score a cell gives, written alone or among other numbers ("44 (NOC
    21231)" is 44); none if even the lowest is above any scale."""
    if (one := score(text)) is not None:
        return one
    lowest = min(scores(text), default=None)
    return lowest if lowest is not None and lowest <= HIGHEST_SCORE else None


def date_of(text: str, year: int | None = None) -> date | None:
    """The date the words are, whole: "June 15, 2026", "Jun. 15, 2026", "Sept. 5, 2024",
    "June 3rd, 2025", "20 November 2024", "08-Jan-21", "2026-06-15"; one written without its
    year ("June 6") only when ``year`` is given."""
    cleaned = _date_words(text)
    return next((_date(m, year) for p in _DATES if (m := p.fullmatch(cleaned))), None)


def date_in(text: str, year: int | None = None) -> date | None:
    """The date the words give somewhere ("Profiles created on March 1, 2023"), the
    patterns tried in turn: a date in digits first, then one with a month's name."""
    cleaned = _date_words(text)
    return next((_date(m, year) for p in _DATES if (m := p.search(cleaned))), None)


def _date_words(text: str) -> str:
    return " ".join(re.sub(r"[.,*]", " ", fold(text)).split())


def _date(match: re.Match[str], year: int | None) -> date | None:
    month, written = match["month"], match["year"]
    if written is not None:
        year = int(written)
        if len(written) == 2:  # as strptime reads "%y": 69 to 99 are the 1900s
            year += 1900 if year >= 69 else 2000
    if year is None:
        return None
    try:
        return date(year, int(month) if month.isdigit() else MONTHS[month], int(match["day"]))
    except ValueError:
        return None


def _number(written: str) -> int:
    return int(written.replace(",", ""))

"""What one line of a news article states: draw numbers, dates, counts, cut-offs, categories.

Each finder returns the exact figures a text states, in order. A hedged figure ("over 700",
"around 480") or one of another kind ("a rank of 500", "up by 10 points", a year) is not
returned. Which lines speak of the draw an article announces is decided in
:mod:`jobs.news.article`; this module only reads.
"""

import calendar
import re
from datetime import date, datetime

from core.dates import parse_date, parse_utc_datetime
from core.rounds import normalize_number
from jobs.news.categories import categories_in

MONTH = "|".join(
    sorted({*calendar.month_name[1:], *calendar.month_abbr[1:]}, key=len, reverse=True)
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_TEXT = (
    rf"(?:\b(?:{MONTH})\.?\s+{_DAY}\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b{_DAY}\s+(?:{MONTH})\b\.?(?:,?\s+\d{{4}}\b)?|(?<!\d)\d{{4}}-\d{{2}}-\d{{2}}\b)"
)
_DATE = re.compile(_DATE_TEXT)
_DATE_TIME = re.compile(
    rf"{_DATE_TEXT},?\s*(?:at\s*)?\d{{1,2}}:\d{{2}}:\d{{2}}(?:\s*[AP]M)?(?:\s*UTC)?"
)
_YEAR = re.compile(r"\b\d{4}\b")
TIE_BREAK = re.compile(r"\btie[- ]?break", re.IGNORECASE)
_DRAW_CONTEXT = re.compile(
    r"\b(?:draws?|rounds?|invit\w*|ITAs?|held|conducted|took place|issued)\b", re.I
)
_NOT_THE_DRAW_DATE = re.compile(r"\b(?:announc\w*|unveil\w*|introduc\w*|launch\w*|deadline)\b")
_ON = re.compile(r"\bon\s*(?:[A-Z][a-z]+day,?\s+)?$")  # "held on Monday, December 30"

# Counts: "6,000", "3600"; what is counted follows within four words ("500 STEM candidates").
COUNT = r"[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*"
_INVITEES = r"ITAs?|invitations?|candidates|applicants|individuals|workers|professionals"
_FILLER_WORD = r"(?!(?:or|and|to|of|than|in|from|at|with|who|were|was)\b)[A-Za-z()'\u2019-]+"
_INVITATION_COUNT = re.compile(
    rf"(?<![\d,.#])(?P<count>{COUNT})(?![\d,.]\d)(?P<plus>\+|-plus)?"
    rf"\s+(?:{_FILLER_WORD}\s+){{0,4}}(?:{_INVITEES})\b",
    re.IGNORECASE,
)
_LEADING_COUNT = re.compile(rf"(?P<count>{COUNT})(?![\d,.]\d|\s*\+|-plus)")
_HEDGE = (
    r"over|about|around|approximately|approx\.?|roughly|nearly|almost|some|more than|less than"
    r"|fewer than|up to|under|close to|upwards of|estimated"
)  # "at least" hedges a count ("at least 500 ITAs"), not a cut-off ("at least 486 points")
_HEDGED_BEFORE = re.compile(rf"(?:\b(?:{_HEDGE}|at least)|~)\s*$", re.IGNORECASE)
_NOT_A_COUNT_BEFORE = re.compile(r"\b(?:rank(?:ed)?(?: of)?|draw|round|no\.|bill)\s*#?\s*$", re.I)
_A_SCORE_BEFORE = re.compile(r"\b(?:CRS|cut-?\s?off|score|threshold)\s+(?:of\s+)?$", re.I)
_NUMBER_OF_INVITED = re.compile(  # "the number of candidates who received an ITA rose to 3,644"
    r"\bnumber of (?:ITAs|invitations(?: to apply)?(?: \(ITAs?\))?(?: issued)?"
    r"|candidates (?:invited|who (?:were invited|received)[^.\d]{0,40}?))"
    rf"\s+(?:was|were|rose to|increased to|grew to|reached|stood at|totall?ed)\s+(?P<count>{COUNT})"
    r"(?![\d,.]\d)",
    re.IGNORECASE,
)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")

# Cut-offs: three digits named as a CRS score by the words just before ("minimum CRS score
# of 486") or after ("486 CRS", "471 or more points", "needed at least 507 points"), and not
# a change, a range, a rank or a count; two digits only as "the cut-off ... was 75 points".
_CUTOFF_FIGURE = re.compile(r"(?<![\d,.])[1-9]\d{1,2}(?!\d|[,.]\d)")
_SYSTEM = r"(?:Comprehensive|Complete) (?:Ranking|Rating) System"  # and reworded synonyms
_CRS_BEFORE = re.compile(
    rf"(?:\bCRS|{_SYSTEM}|\bcut-?\s?off|\bthreshold|\bminim(?:um|al)|\blowest"
    r"|\bscores?)\b[^.\d;]{0,60}$",
    re.IGNORECASE,
)
_OR_MORE_POINTS = re.compile(
    rf"\s*(?:or|and) (?:more|above|higher)\s+(?:(?:CRS|{_SYSTEM}(?: \(CRS\))?)\s+)?points\b",
    re.IGNORECASE,
)
_POINTS = re.compile(r"\s*points\b", re.IGNORECASE)
_NEEDED_BEFORE = re.compile(r"\b(?:at least|needed|required|requiring)\s*$", re.IGNORECASE)
_TWO_DIGIT_BEFORE = re.compile(
    r"\b(?:cut-?\s?off|threshold)\b[^.\d;]{0,50}\b(?:was|of|at|is)\s*$", re.IGNORECASE
)
_CHANGE = re.compile(r"\b(?:by|of)\s+\d{1,3}\s+points?\b")  # "up by 10 points, reaching 486"
_CRS_AFTER = re.compile(r"\s*CRS\b")
_NOT_A_CUTOFF_BEFORE = re.compile(
    rf"(?:\b(?:{_HEDGE}|by|rank(?:ed)?(?: of)?|from|between|and|above|below|higher than"
    r"|lower than)|~)\s*$",
    re.IGNORECASE,
)
_NOT_A_CUTOFF_AFTER = re.compile(
    rf"\s*(?:points?\s+(?:lower|higher|less|more|above|below|up|down)|-\s*\d|to\s+\d|%"
    rf"|(?:{_INVITEES}|days?|weeks?|months?|years?|hours?)\b)",
    re.IGNORECASE,
)
LEADING_CUTOFF = re.compile(r"(?P<score>[1-9]\d\d)(?!\d|[,.]\d|\s*(?:-|to)\s*\d)")

# Draw numbers: "#254", "Draw 254", "Draw #254", "Round #371", "draw No. 254".
_DRAW_NUMBER = re.compile(
    r"(?:\b(?:draw|round)\s*(?:#\s*|no\.\s*|number\s*)?|(?<![\w#])#\s*(?=\d\d))"
    r"(?P<number>\d{1,3}[a-z]?)(?!\w|[,.]\d)"
    r"(?!\s*(?:days?|weeks?|months?|years?|hours?|times|points|per|%|candidates|invitations"
    r"|ITAs?)\b)",
    re.IGNORECASE,
)
# ... and "the 117th round overall", "the 41st in total", "380th draw" (not "18th of 2019"),
# "Number 397 held on".
_NUMBER_PHRASE = re.compile(
    r"\b(?P<ordinal>\d{1,3})(?:st|nd|rd|th)\s+(?:(?:(?:Express Entry\s+)?(?:draw|round)\s+)?"
    r"(?:overall|in total)\b|(?:Express Entry\s+)?(?:draw|round)\b"
    r"(?![^.]{0,25}\b(?:of|in|this|so far)\b))"
    r"|\bNumber\s+(?P<number>\d{1,3}[a-z]?)\s+(?=(?:was\s+)?(?:held|took place|invited|issued))",
    re.IGNORECASE,
)

# "Label: value" lines of key-facts lists, and the field each label (or table column) names.
_BULLET = r"(?:[\u2022\u2013\u00b7\u25aa\u25cf\u25e6*-]|[^\w\s\"'(#]{1,3})"  # or an emoji
_LABEL_LINE = re.compile(
    rf"^{_BULLET}?\s*(?P<label>[A-Za-z][A-Za-z ()/'\u2019#.&-]{{1,60}}?)\s*:\s*(?P<value>\S.*)$"
)
_FIELD_LABELS = (
    ("tie_break", re.compile(r"\btie", re.I)),
    ("crs", re.compile(r"crs|score|cut-?\s?off|ranking|lowest|threshold", re.I)),
    ("invitations", re.compile(r"invitations|\bitas?\b|invited|size|issued", re.I)),
    ("date", re.compile(r"\bdate\b|\bheld\b", re.I)),
    ("number", re.compile(r"^(?:(?:draw|round)\s*)?(?:#|no\.?|number)$|^(?:draw|round)$", re.I)),
    ("category", re.compile(r"program|category|stream|occupations?|targeted|type|name", re.I)),
)

Finding = tuple[str, object]  # (field, value): ("crs", 486)


def find_dates(text: str, published: date | None, *, after_on: bool = False) -> list[date]:
    """Every readable date (with ``after_on``, only those written "on July 5"); one without a
    year takes the year putting it on or before ``published`` ("July 5" read on 2023-07-06
    is 2023-07-05)."""
    found = (
        _read_date(match.group(0), published)
        for match in _DATE.finditer(text)
        if not after_on or _ON.search(text, max(0, match.start() - 20), match.start())
    )
    return [day for day in found if day is not None]


def _read_date(text: str, published: date | None) -> date | None:
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


def find_invitations(text: str) -> list[int]:
    """Exact invitation counts: "6,000 candidates", "500 ITAs"; not "over 700 invitations"."""
    counts = []
    for match in _INVITATION_COUNT.finditer(text):
        before = text[max(0, match.start() - 24) : match.start()]
        hedged = match["plus"] or _HEDGED_BEFORE.search(before)
        numbered = "," not in match["count"] and _NOT_A_COUNT_BEFORE.search(before)  # "Draw 254"
        a_score = _A_SCORE_BEFORE.search(before)  # "a cut-off of 475 gives applicants"
        if not (hedged or numbered or a_score or _is_year(match["count"])):
            counts.append(int(match["count"].replace(",", "")))
    counts += [int(match["count"].replace(",", "")) for match in _NUMBER_OF_INVITED.finditer(text)]
    return counts


def leading_count(value: str) -> int | None:
    """The exact count a value starts with: "6,000" or "500 ITAs", not "over 700"."""
    match = _LEADING_COUNT.match(value.strip())
    if not match or _is_year(match["count"]):
        return None
    return int(match["count"].replace(",", ""))


def _is_year(count: str) -> bool:
    return bool(_YEAR_LIKE.fullmatch(count))


def find_crs(text: str) -> list[int]:
    """CRS cut-offs: "minimum CRS score of 486", "486 CRS"; not "rank of 500", "by 100 points"."""
    scores = []
    for match in _CUTOFF_FIGURE.finditer(text):
        before = _CHANGE.sub("", text[max(0, match.start() - 80) : match.start()])
        after = text[match.end() : match.end() + 60]
        named = _names_a_cutoff(before, after, two_digits=len(match.group(0)) == 2)
        if named and not (_NOT_A_CUTOFF_BEFORE.search(before) or _NOT_A_CUTOFF_AFTER.match(after)):
            scores.append(int(match.group(0)))
    return scores


def _names_a_cutoff(before: str, after: str, *, two_digits: bool) -> bool:
    if two_digits:
        return bool(_TWO_DIGIT_BEFORE.search(before) and _POINTS.match(after))
    return bool(
        _CRS_BEFORE.search(before)
        or _CRS_AFTER.match(after)
        or _OR_MORE_POINTS.match(after)
        or (_POINTS.match(after) and _NEEDED_BEFORE.search(before))
    )


def leading_crs(value: str) -> int | None:
    """The cut-off a key-facts value gives: "486", "486 points", "CRS 486"."""
    match = LEADING_CUTOFF.match(value.strip())
    if match:
        return int(match["score"])
    scores = find_crs(value)
    return scores[0] if scores else None


def find_numbers(text: str) -> list[str]:
    """Draw numbers, normalized: "Draw #254" -> "254"; not "500 candidates" nor "#1 priority"."""
    matches = [*_DRAW_NUMBER.finditer(text), *_NUMBER_PHRASE.finditer(text)]
    found = (
        normalize_number(match["number"] or match["ordinal"])
        for match in sorted(matches, key=lambda match: match.start())
    )
    return [number for number in found if number is not None]


def read_label(line: str) -> tuple[str, str] | None:
    """The field a key-facts line gives, and its value: "• CRS score: 486" -> ("crs", "486")."""
    match = _LABEL_LINE.match(line)
    field = field_of_label(match["label"]) if match else None
    return (field, match["value"]) if match and field else None


def field_of_label(label: str) -> str | None:
    """The field a label or a table column names: "Invitations issued" -> "invitations"."""
    label = label.strip()
    return next((field for field, pattern in _FIELD_LABELS if pattern.search(label)), None)


def line_findings(line: str, published: date | None, not_after: datetime | None) -> list[Finding]:
    """What a line states: a key-facts line ("CRS cut-off: 486") by its label, or else (or if
    its value says nothing) as a sentence."""
    label = read_label(line)
    found = _label_findings(*label, published, not_after) if label else []
    return found or _sentence_findings(line, published, not_after)


def _label_findings(
    field: str, value: str, published: date | None, not_after: datetime | None
) -> list[Finding]:
    categories = categories_in(value)
    found = {
        "tie_break": lambda: find_tie_break(value, not_after),
        "crs": lambda: leading_crs(value),
        "invitations": lambda: leading_count(value),
        "date": lambda: next(iter(find_dates(value, published)), None),
        "number": lambda: next(iter(find_numbers(f"#{value.lstrip('#')}")), None),
        "category": lambda: next(iter(categories)) if len(categories) == 1 else None,
    }[field]()
    return [] if found is None else [(field, found)]


def _sentence_findings(
    sentence: str, published: date | None, not_after: datetime | None
) -> list[Finding]:
    """A tie-break sentence gives only its tie-break; others their numbers, counts and
    cut-offs, and if they speak of a draw, their one category and the draw's date."""
    if TIE_BREAK.search(sentence):
        moment = find_tie_break(sentence, not_after)
        return [] if moment is None else [("tie_break", moment)]
    found: list[Finding] = [("number", number) for number in find_numbers(sentence)]
    found += [("invitations", count) for count in find_invitations(sentence)]
    found += [("crs", score) for score in find_crs(sentence)]
    if _DRAW_CONTEXT.search(sentence):
        categories = categories_in(sentence)
        found += [("category", key) for key in categories if len(categories) == 1]
        on = None if _NOT_THE_DRAW_DATE.search(sentence) else _draw_date(sentence, published)
        found += [("date", on)] if on else []
    return found


def _draw_date(sentence: str, published: date | None) -> date | None:
    """The one date a sentence gives, or the one it writes "on ..." ("On April 24 ... held
    on April 23"); none after ``published``."""
    for after_on in (False, True):
        dates = find_dates(sentence, published, after_on=after_on)
        distinct = {day for day in dates if not published or day <= published}
        if len(distinct) == 1:
            return distinct.pop()
    return None

"""What one line of a news article states: draw numbers, dates, counts, cut-offs, categories.

Each finder returns the exact figures a text states, in order. A hedged figure ("over 700",
"around 480") or one of another kind ("a rank of 500", "up by 10 points", a year) is not
returned; counts are read by :mod:`jobs.news.counts`, cut-offs by :mod:`jobs.news.cutoffs`,
dates by :mod:`jobs.news.when`.
Which lines speak of the draw an article announces is decided in :mod:`jobs.news.article`;
this module only reads.
"""

import re
from collections.abc import Sequence
from datetime import date, datetime

from core.rounds import normalize_number
from jobs.news.categories import categories_in
from jobs.news.counts import find_invitations, leading_count
from jobs.news.cutoffs import find_crs, leading_crs
from jobs.news.when import DATE, DATE_TEXT, TIE_BREAK, find_dates, find_tie_break, sentence_date

_DATELINE = re.compile(  # "OTTAWA, May 3 -- ", "April 29, 2021 - ", "date 2026-02-18 "
    rf"^\s*(?:[A-Z][A-Za-z .]{{0,30}},\s*)?{DATE_TEXT}\s*(?:[-\u2013\u2014|:]+|\(\w+\))\s+"
    rf"|^\s*(?i:date|published|updated)\s*:?\s*{DATE_TEXT}\s+"
    # a section and the day it was posted: "Express Entry Education Draw / September 18, 2025"
    rf"|(?<=\S)\s+[/\u00b7]\s+{DATE_TEXT}\s*$"  # ("|" parts a table's cells)
)
ROUND_50 = date(2016, 12, 1)  # from then on, round numbers are 50 and over
# or what the invited needed: "needed a provincial nomination"; or who was eligible: "Only
# candidates in the Provincial Nominee Program (PNP) were eligible"
_DRAW_CONTEXT = re.compile(
    r"\b(?:draws?|rounds?|invit\w*|ITAs?|held|conducted|took place|issued|needed|required"
    r"|eligible)\b"
    # or whom: "all of these candidates had previously received provincial nominations"
    r"|\bcandidates\b(?=[^.]*\bprovincial nominations?\b)",
    re.I,
)
# "French-speaking candidates are eligible for more CRS points": points a category earns
_POINTS_EARNED = re.compile(
    r"\b(?:eligible for|get|gets|earn|earns|receive|receives|awarded)\s+(?:\d+\s+)?"
    r"(?:more|additional|extra|bonus)?\s*(?:CRS\s+)?points\b",
    re.IGNORECASE,
)

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
    r"(?![^.]{0,25}\b(?:of|in|this|so far)\b|\s+(?:19|20)\d\d\b))"
    r"|\bNumber\s+(?P<number>\d{1,3}[a-z]?)\s+(?=(?:was\s+)?(?:held|took place|invited|issued))",
    re.IGNORECASE,
)

# "Label: value" lines of key-facts lists, and the field each label (or table column) names.
_BULLET = r"(?:[\u2022\u2013\u00b7\u25aa\u25cf\u25e6*-]|[^\w\s\"'(#]{1,3})"  # or an emoji
_LABEL_LINE = re.compile(
    rf"^{_BULLET}?\s*(?P<label>[A-Za-z][A-Za-z ()/'\u2019#.&-]{{1,60}}?)"
    r"(?:\s*:|\s+[\u2013\u2014-])\s*(?P<value>\S.*)$"  # "CRS: 486", "No of ITAs \u2013 4800"
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


# what follows a date heading one draw of several: "December 5, 2026: Provincial Nominee
# Program (PNP) Draw"
_HEADED_DRAW = re.compile(r"^[^.!?\d]{0,60}\b(?:draw|round)\s*$", re.IGNORECASE)


def without_dateline(line: str) -> str:
    """A line without the dateline that may open it ("April 29, 2021 - ", "OTTAWA, May 3 --"):
    the article's date, not the draw's. A date heading a draw ("December 5, 2026: Provincial
    Nominee Program (PNP) Draw") or its figures ("Feb 16: 279 invitations, CRS cut-off 789")
    is the draw's, and stays."""
    found = _DATELINE.search(line)
    heading = found is not None and found.start() == 0 and found.group().rstrip().endswith(":")
    headed = line[found.end() :] if found is not None else ""
    if found is None or (heading and (_HEADED_DRAW.match(headed) or states_a_figure(headed, None))):
        return line
    return line[: found.start()] + line[found.end() :]


def first_mention_at(text: str) -> int:
    """Where the text first names a date or a draw number (its length if nowhere)."""
    found = [pattern.search(text) for pattern in (DATE, _DRAW_NUMBER, _NUMBER_PHRASE)]
    return min((match.start() for match in found if match), default=len(text))


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


def labelled_cells(row: str) -> str:
    """A table row of two cells whose first names a figure ("Invitations Issued | 574", or
    "| Minimum CRS Score | 711 |" in Markdown), as a key-facts line ("Invitations Issued:
    574"); a row whose cells say what their figures are ("Draw #421 | December 7, 2026 |
    Canadian Experience Class | 3,000 ITAs | CRS 515"), as a line of them; any other row, ""
    (a table of rounds is read as such, see jobs.news.tables)."""
    cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
    if len(cells) == 2 and all(cells) and field_of_label(cells[0]) is not None:
        return f"{cells[0]}: {cells[1]}"
    said = ", ".join(cell for cell in cells if cell)
    return said if states_a_figure(said, None) else ""


# a card's label alone on its line, over its value: "Invitation Issued" / "4,000"
_LONE_LABEL = re.compile(r"[A-Za-z][A-Za-z ()/'\u2019#.&-]{0,40}[A-Za-z)]")
_LONE_VALUE = re.compile(  # "4,000", "521 points", "#335", "February 5, 2025"
    rf"#?\d[\d,.]*(?:\s+[A-Za-z]+){{0,2}}|{DATE_TEXT}(?:,?\s*(?:at\s*)?[\d:]+(?:\s*UTC)?)?"
)
_FIGURE_FIELDS = ("crs", "invitations", "date", "number", "tie_break")


def with_values_labelled(lines: Sequence[str]) -> list[str]:
    """The lines, a figure's label alone on its line joined to the value under it, as a
    page of cards shows them ("Invitation Issued" over "4,000": "Invitation Issued: 4,000")."""
    joined: list[str] = []
    for line in lines:
        label, value = (joined[-1].strip() if joined else ""), line.strip()
        lone = _LONE_LABEL.fullmatch(label) and field_of_label(label) in _FIGURE_FIELDS
        if lone and _LONE_VALUE.fullmatch(value):
            joined[-1] = f"{label}: {value}"
        else:
            joined.append(line)
    return joined


def field_of_label(label: str) -> str | None:
    """The field a label or a table column names: "Invitations issued" -> "invitations"."""
    label = label.strip()
    return next((field for field, pattern in _FIELD_LABELS if pattern.search(label)), None)


# a value giving several draws' figures: "CRS cut-offs: 557 and 542", "ITAs: 1,500 / 1,750"
_SEVERAL_FIGURES = re.compile(
    r"\d(?:\s+(?:points?|ITAs?|invitations?))?\s*(?:\band\b|&|/|\bor\b)\s*\d", re.IGNORECASE
)


def line_findings(line: str, published: date | None, not_after: datetime | None) -> list[Finding]:
    """What a line states: a key-facts line ("CRS cut-off: 486") by its label, or else (or if
    its value says nothing) as a sentence; not the figure of a label valued for several
    draws ("CRS cut-offs: 557 and 542")."""
    label = read_label(line)
    found = _label_findings(*label, published, not_after) if label else []
    found = found or _sentence_findings(line, published, not_after)
    if label and label[0] in ("crs", "invitations") and _SEVERAL_FIGURES.search(label[1]):
        found = [(field, value) for field, value in found if field != label[0]]
    if published is not None and published >= ROUND_50:
        found = [(field, value) for field, value in found if not _small_ordinal(field, value, line)]
    return found


def states_a_figure(text: str, published: date | None) -> bool:
    """Whether a text states a cut-off or an invitation count."""
    return any(field in ("crs", "invitations") for field, _ in line_findings(text, published, None))


def _small_ordinal(field: str, value: object, line: str) -> bool:
    """ "the 2nd Express Entry draw" read as a number after round #50: a count of the
    year's or week's draws, not the round's number."""
    small = field == "number" and isinstance(value, str) and value.isdigit() and int(value) < 50
    return small and bool(re.search(rf"\b{value}(?:st|nd|rd|th)\b", line, re.IGNORECASE))


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
    """A sentence's numbers, counts and cut-offs, and if it speaks of a draw, its one category
    and the draw's date. One naming the tie-break gives its tie-break (a date alone is none)
    and what it states before it: "The cut-off was 515, with a tie-break date of April 14"."""
    tie_break = TIE_BREAK.search(sentence)
    if tie_break:
        moment = find_tie_break(sentence, not_after)
        before = sentence[: tie_break.start()]
        stated = _sentence_findings(before, published, not_after) if before.strip() else []
        return stated + ([] if moment is None else [("tie_break", moment)])
    found: list[Finding] = [("number", number) for number in find_numbers(sentence)]
    scores = find_crs(sentence)
    # a figure read as both is the cut-off: "a minimum score of 375 received an Invitation"
    found += [("invitations", count) for count in find_invitations(sentence) if count not in scores]
    found += [("crs", score) for score in scores]
    if _DRAW_CONTEXT.search(sentence):
        categories = frozenset() if _POINTS_EARNED.search(sentence) else categories_in(sentence)
        found += [("category", key) for key in categories if len(categories) == 1]
        on = sentence_date(sentence, published)
        found += [("date", on)] if on else []
    return found

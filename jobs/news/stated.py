"""The figures a sentence states of a province's draw: minimum scores and counts of
invitations, as written.

A count is exact ("1,204 ITAs", "123 were invited") or a bound ("fewer than 5"); a count
"more than", "about" or "up to" a number is no count, nor is a share ("Out of the 615
invited, 43 ...") nor a year. A score is a number the sentence calls a minimum or a score
("minimum score of 120", "a score of 88", "88 points", "41 and above"), never a
nomination's 600 points, a maximum, a pool's, a share, nor the day of a date ("the May 28
round"); a range ("from 68 to 91 points") gives its lower end, marked as a range.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from core.provinces import figures
from core.provinces.values import Bound, Invitations

SCORE_WORD = r"(?:scores?|points?|CRS|ranking|cut-?offs?|threshold)"
_SCORES = (
    re.compile(  # "minimum score of 120", "the lowest-ranked candidate had a score of 720"
        rf"\b(?:minimum|lowest|cut-?off|qualifying|threshold|min\.?)\b[^.;:\d]{{0,60}}?"
        rf"{SCORE_WORD}\b[^\d.;]{{0,40}}?(?P<score>\d{{2,4}})(?![\d,%])",
        re.IGNORECASE,
    ),
    re.compile(  # "a score of 88", "scores of at least 60", "CRS 463"
        rf"\b{SCORE_WORD}\s*(?:of|:|=|was|were|at|de)?\s*(?:at least\s+)?(?P<score>\d{{2,4}})"
        r"(?![\d,%])",
        re.IGNORECASE,
    ),
    re.compile(  # "88 points", "41 and above", "59+"
        r"(?<![\d,])(?P<score>\d{2,4})\s*(?:points?|pts\b|\+|and (?:above|higher|up)\b"
        r"|or (?:above|higher|more)\b)",
        re.IGNORECASE,
    ),
)
_COUNT_NOUN = (
    r"(?:invitations?|ITAs?|LAAs?|letters? of advice|NOIs?|notifications? of interest"
    r"|candidates|applicants|individuals|people|profiles|expressions? of interest|EOIs?"
    r"|nominations?)"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_COUNTS = (
    re.compile(  # "110 invitations", "fewer than 5 candidates", "1,204 ITAs"
        rf"(?P<bound>\b(?:fewer than|less than|under)\s+|<\s*)?(?<![\d,])(?P<count>{_NUMBER})"
        rf"\*?\s+(?:(?!(?:were|was|had|have|been|of|to|from|in|out)\b)[A-Za-z-]+\s+){{0,3}}?"
        rf"{_COUNT_NOUN}\b",
        re.IGNORECASE,
    ),
    re.compile(  # "123 were invited", "12 were selected"
        rf"(?<![\d,])(?P<count>{_NUMBER})\s+(?:were|was|have been|had been)\s+"
        r"(?:invited|issued|selected|sent)\b"
        r"(?P<bound>(?!))?",
        re.IGNORECASE,
    ),
    re.compile(  # "invited 110", "issued a total of 1,204"
        rf"\b(?:invited|issued|sent|extended)\s+(?:(?P<bound>fewer than|less than|under)\s+)?"
        rf"(?P<count>{_NUMBER})\b(?!\s*(?:points|per|%))",
        re.IGNORECASE,
    ),
)
_NOT_A_MINIMUM = re.compile(  # a nomination's 600 points, a pool, a share
    r"\b(?:adds?|added|additional|extra|worth|boost\w*|award\w*|out of|maximum|max\.?"
    r"|pool|percent)\b|%",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\b(?:total|in all|overall|combined|altogether|across)\b", re.IGNORECASE)
_SCORE_RANGE = re.compile(
    r"\b(?:from|between)\s+(?P<low>\d{2,4})\s+(?:to|and)\s+\d{2,4}\b|\b(?P<low2>\d{2,4})\s*"
    r"(?:-|\u2013|to)\s*\d{2,4}\s+points\b",
    re.IGNORECASE,
)
_MONTHS = "|".join(figures.MONTHS)
_DATE = re.compile(  # "May 28", "November 19, 2026", "19 November": no figure of the draw
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\b(?:\s+\d{{4}})?)",
    re.IGNORECASE,
)
_APPROXIMATE = re.compile(
    r"\b(?:more than|over|nearly|almost|about|around|approximately|roughly|some|up to)\s+$",
    re.IGNORECASE,
)
_RANGE_END = re.compile(r"\d\s*(?:to|and|-|\u2013)\s*$")
_SUBSET = re.compile(r"\s*(?:out of|of)\s+(?:the|these|those)\b", re.IGNORECASE)
_EVERYONE = re.compile(r"\b(?:all|every|each|both|regardless)\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r":\s*(?P<number>\d{1,3}(?:,\d{3})+|\d+)\s*$")
# A draw's own subject: a sentence naming one speaks of a draw, not of the streams just named.


@dataclass(frozen=True)
class Stated:
    """What one sentence, clause or key-facts line states."""

    scores: list[int]
    counts: list[Invitations]
    total: bool  # the count is a total ("a total of 437", "in all")
    everyone: bool  # the figures are said of every stream ("all invited candidates")
    ranged: bool = False  # the score is the lower end of a range ("from 68 to 91 points")


def figures_in(text: str, listing: str = "") -> Stated:
    """The figures a sentence or clause states; a list's line with a bare number
    ("Skilled Workers in Manitoba: 165") is read as what the list's heading counts."""
    scores, counts = _scores_in(text), _counts_in(text)
    ranged = _SCORE_RANGE.search(text) if re.search(SCORE_WORD, text, re.IGNORECASE) else None
    if ranged is not None and not _is_year(low := ranged["low"] or ranged["low2"]):
        scores = [int(low)]
    if not scores and not counts and listing:
        bare = _BARE_NUMBER.search(text)
        if bare is not None:
            number = int(bare["number"].replace(",", ""))
            scores, counts = ([number], []) if listing == "score" else ([], [Invitations(number)])
    total, everyone = bool(_TOTAL.search(text)), bool(_EVERYONE.search(text))
    return Stated(scores, counts, total, everyone, ranged is not None)


def list_of(heading: str) -> str:
    """What the numbers of a list under this heading are: "Invitations by stream:" counts."""
    if re.search(_COUNT_NOUN, heading, re.IGNORECASE):
        return "count"
    return "score" if re.search(SCORE_WORD, heading, re.IGNORECASE) else ""


LABELLED: dict[str, Callable[[str], Stated]] = {
    "crs": lambda value: Stated(
        [score] if (score := figures.lowest_score(value)) is not None else [], [], False, False
    ),
    "invitations": lambda value: Stated(
        [], [count] if (count := figures.count(value, leading=True)) else [], False, False
    ),
}


def _without_dates(sentence: str) -> str:
    """The sentence with its dates blanked out, so that "the May 28 round was 78" is 78."""
    return _DATE.sub(lambda date: "_" * len(date.group()), sentence)


def _scores_in(sentence: str) -> list[int]:
    """The minimum scores a sentence states, each once, in order."""
    if _NOT_A_MINIMUM.search(sentence):
        return []
    sentence = _without_dates(sentence)
    found: list[tuple[int, int]] = []
    for pattern in _SCORES:
        for match in pattern.finditer(sentence):
            at, value = match.start("score"), int(match["score"])
            taken = any(at == other for other, _value in found)
            if value <= figures.HIGHEST_SCORE and not _is_year(match["score"]) and not taken:
                found.append((at, value))
    return [value for _at, value in sorted(found)]


def _counts_in(sentence: str) -> list[Invitations]:
    """The counts of invitations a sentence states, in order ("fewer than 5" a bound)."""
    if _SUBSET.match(sentence):
        return []  # "Out of the 615 invited, 43 had an Express Entry profile"
    sentence = _without_dates(sentence)
    found: list[tuple[int, Invitations]] = []
    for pattern in _COUNTS:
        for match in pattern.finditer(sentence):
            written, at = match["count"], match.start("count")
            approximate = _APPROXIMATE.search(sentence, 0, at)
            in_a_range = _RANGE_END.search(sentence, 0, at)  # "scores of 440 to 446 were ..."
            taken = any(at == other for other, _c in found)
            if _is_year(written) or approximate or in_a_range or taken:
                continue
            bound = Bound.FEWER_THAN if match["bound"] else Bound.EXACT
            found.append((match.start("count"), Invitations(int(written.replace(",", "")), bound)))
    return [count for _at, count in sorted(found, key=lambda item: item[0])]


def _is_year(written: str) -> bool:
    return "," not in written and len(written) == 4 and 1990 <= int(written) <= 2100

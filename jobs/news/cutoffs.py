"""Cut-offs as articles write them: "a minimum CRS score of 486", "486 CRS", "471 or more CRS
points", "needed at least 507 points", "the cut-off ... was 75 points"; never a change ("up
by 10 points"), a range, a rank, a count, nor the points a nomination gives."""

import re

from jobs.news.counts import HEDGE, INVITEES, MONTH

# Cut-offs: three digits named as a CRS score by the words just before ("minimum CRS score
# of 486") or after ("486 CRS", "471 or more points", "needed at least 507 points"), and not
# a change, a range, a rank or a count; two digits only as "the cut-off ... was 75 points".
_CUTOFF_FIGURE = re.compile(  # not the start of a range: "scores in the 507\u2013511 range"
    r"(?<![\d,.])[1-9]\d{1,2}(?!\d|[,.]\d|\s?[-\u2013]\s?\d)"
)
_SYSTEM = r"(?:Comprehensive|Complete) (?:Ranking|Rating) System"  # and reworded synonyms
_CRS_BEFORE = re.compile(  # the words may stand apart from the figure by a year, a date or
    # the round's number ("the cut-off for this draw, round #298, was 663")
    rf"(?:\bCRS|{_SYSTEM}|\bcut-?\s?off|\bthreshold|\bminim(?:um|al)|\blowest"
    r"|\bscor(?:es?|ed|ing)|\brequirement"
    # the idiom: "the bar was set at 515", "the bar stood at 741"
    r"|\bthe\s+bar(?=\s+(?:was|is|has|had|stood|sat|set|fixed|landed)\b))\b"
    rf"(?:[^.\d;]|\b(?:19|20)\d\d\b|\b(?:{MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|(?:\b(?:draw|round)\s+(?:no\.?\s*)?#?|#)\d{1,4}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)\s+of\s+(?:{MONTH})\b){{0,100}}$"
    # "the minimum CRS score continued to drop for the 3rd consecutive draw to a low of 460"
    r"|\b(?:CRS|cut-?\s?off|scores?)\b[^.;]{0,100}\b(?:drop\w*|fell|fall\w*|decreas\w*"
    r"|rose|ris\w*|climb\w*|increas\w*|lower\w*)\b[^.;]{0,60}\bto\s+(?:a\s+(?:new\s+)?"
    r"(?:low|high)\s+of\s+|only\s+)?$",
    re.IGNORECASE,
)
_OR_MORE_POINTS = re.compile(  # "471 or more CRS points", "886 points or more", "457 and
    # above ranking scores"
    rf"\s*(?:(?:or|and) (?:more|above|higher)\s+(?:(?:CRS|ranking|{_SYSTEM}(?: \(CRS\))?)\s+)?"
    r"(?:points|scores?)\b"
    r"|(?:CRS\s+)?points?\s+or\s+(?:more|above|higher)\b)",
    re.IGNORECASE,
)
_POINTS = re.compile(r"\s*points\b", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(  # or "75 in the Comprehensive Ranking System"
    rf"\s*(?:[\u2013\u2014,;]|\.(?!\d)|$|(?:in|on|under) the (?:CRS|{_SYSTEM}))", re.IGNORECASE
)
_NEEDED_BEFORE = re.compile(r"\b(?:at least|needed|required|requiring)\s*$", re.IGNORECASE)
_TWO_DIGIT_BEFORE = re.compile(
    r"\b(?:cut-?\s?off|threshold)\b[^.\d;]{0,50}\b(?:was|of|at|is)(?: just| only)?\s*$"
    r"|\bscore of at least\s*$",
    re.IGNORECASE,
)
# "The number of CRS points required ... has remained at 470"
_REQUIRED_AT = re.compile(
    r"\b(?:CRS|points|score)\b[^.\d;]{0,40}\b(?:required|needed)\b[^.\d;]{0,100}"
    r"\b(?:remained|stayed|stood|held|was|is|sat)(?: steady| unchanged)?(?: at)?\s*$",
    re.IGNORECASE,
)
# A cut-off's change from the previous draw's to this one's: the figure after "to" is this
# draw's ("a drop in the CRS cut-off score from 466 to 428")
_CHANGED_TO = re.compile(
    r"\b(?:CRS|cut-?\s?off|score)\b[^.;]{0,60}\b(?:drop|fall|fell|decrease|decline|dip|rise"
    r"|rose|increase|climb|jump|change|down|up)\w*\b[^.;]{0,40}\bfrom\s+\d{2,4}\s*(?:points?\s+)?"
    r"to\s*$"
    r"|\b(?:drop|fall|fell|decrease|decline|dip|rise|rose|increase|climb|jump)\w*\s+in\s+the\s+"
    r"(?=[^.;\d]{0,60}\b(?:CRS|cut-?\s?off|score))[^.;\d]{0,80}\bfrom\s+\d{2,4}\s*"
    r"(?:points?\s+)?to\s*$",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"\b(?:by|of)\s+\d{1,3}\s+points?\b")  # "up by 10 points, reaching 486"
_CRS_AFTER = re.compile(  # "486 CRS", "461 Detailed Ranking System (CRS)", "771 scores in the CRS"
    r"\s*(?:CRS\b|(?:[\w-]+\s+){1,3}\(CRS\)|(?:scores?|points)\s+(?:in|on|under)\s+the\s+CRS\b"
    # "720 was set as the minimum cut-off for this draw", "486 was the lowest score"
    r"|(?:was|is|became)\s+(?:set\s+(?:as|at)\s+)?(?:the\s+)?(?:new\s+)?(?:minimum|lowest)\s+"
    r"(?:CRS\s+)?(?:cut-?\s?off|score|threshold)\b)",
    re.IGNORECASE,
)
_NOT_A_CUTOFF_BEFORE = re.compile(  # a hedge, but a floor is a cut-off: "not less than 471"
    rf"(?:\b(?<!not )(?<!no )(?:{HEDGE}|by|rank(?:ed)?(?: of)?|from|between|and|above|below"
    r"|higher than|lower than|additional|extra|bonus)|~)\s*$"
    r"|\b(?:average|median|mean)\b[^.\d;]{0,60}$"  # the invitees' average, not the cut-off
    r"|\bpossible\b[^.\d;]{0,60}$"  # "the lowest possible score ... was 172": a derived one
    r"|\d\s*(?:to|-|\u2013)\s*$"  # the end of a range: "from 400 to 450"
    r"|(?:\b(?:draw|round)\s+(?:no\.?\s*|number\s+)?#?|#)\s*$"  # a round's number: "round #298"
    r"|\b(?:gives?|giving|worth|adds?|adding|awards?|awarded|earns?|gets?|receives?|received"
    r"|receiving)\b(?:\s+(?:a|an|the"
    r"|them|candidates?|nominees?))*\s*$",  # points a nomination gives, not a cut-off
    re.IGNORECASE,
)
_NOT_A_CUTOFF_AFTER = re.compile(
    # "an automatic 600 points added", "600 CRS points automatically added", "received 600
    # extra points"
    r"\s*(?:-?\s*(?:CRS\s+)?points?\s+(?:\w+ly\s+)?(?:lower|higher|less|more|above|below|up|down"
    r"|bonus|boost|added"
    r"|awarded|given|granted)"
    r"|(?:extra|additional|bonus)\s+(?:CRS\s+)?points?\b"
    r"|-\s*\d|to\s+\d|%"
    rf"|(?:{INVITEES}|days?|weeks?|months?|years?|hours?)\b)",
    re.IGNORECASE,
)
_NAMES_THE_CUTOFF = re.compile(r"\b(?:cut-?\s?off|CRS score|minimum score|threshold)\b", re.I)
# "This time it was 481" after a sentence naming the cut-off: "it" is the cut-off
_IT_WAS = re.compile(
    r"^(?P<before>(?:[\w,]+\s+){0,3}?)(?:it|this)\s+(?=(?:was|is|stood at|sat at|came in at"
    r"|fell to|dropped to|rose to|settled at)\s+\d)",
    re.IGNORECASE,
)
LEADING_CUTOFF = re.compile(r"(?P<score>[1-9]\d\d)(?!\d|[,.]\d|\s*(?:-|to)\s*\d)")


def find_crs(text: str) -> list[int]:
    """CRS cut-offs: "minimum CRS score of 486", "486 CRS"; not "rank of 500", "by 100 points"."""
    scores = []
    for match in _CUTOFF_FIGURE.finditer(text):
        before = _CHANGE.sub("", text[max(0, match.start() - 160) : match.start()])
        after = text[match.end() : match.end() + 60]
        if _CHANGED_TO.search(before):  # "the cut-off dropped from 466 to 428": now 428
            if not _NOT_A_CUTOFF_AFTER.match(after):
                scores.append(int(match.group(0)))
            continue
        named = _names_a_cutoff(before, after, two_digits=len(match.group(0)) == 2)
        if named and not (_NOT_A_CUTOFF_BEFORE.search(before) or _NOT_A_CUTOFF_AFTER.match(after)):
            scores.append(int(match.group(0)))
    return scores


def _names_a_cutoff(before: str, after: str, *, two_digits: bool) -> bool:
    if two_digits:  # "the cut-off ... was 75 points", "the cut-off score was just 75."
        ends = _POINTS.match(after) or _CLAUSE_ENDS.match(after)
        return bool(_TWO_DIGIT_BEFORE.search(before) and ends)
    return bool(
        _CRS_BEFORE.search(before)
        or _REQUIRED_AT.search(before)
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


def with_its_subject(sentence: str, previous: str) -> str:
    """A sentence whose "it" is the cut-off the sentence before names without its figure
    ("The minimum CRS cut-off score has come down. This time it was 481") with the cut-off
    written for "it"."""
    if not _NAMES_THE_CUTOFF.search(previous) or find_crs(previous):
        return sentence
    return _IT_WAS.sub(r"\g<before>the cut-off ", sentence, count=1)

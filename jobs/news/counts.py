"""Invitation counts as articles write them: "6,000 invitations", "500 STEM candidates",
"the number of candidates invited rose to 3,644"; never a hedged count ("over 700") nor a
number of another kind (a year, a draw number, a day of the month, a cut-off)."""

import calendar
import re

MONTH = "|".join(  # month names and abbreviations ("Sept" too), longest first
    sorted({*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"}, key=len, reverse=True)
)

# Counts: "6,000", "3600"; what is counted follows within four words ("500 STEM candidates").
COUNT = r"[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*"
INVITEES = (
    r"ITAs?|invitations?|invites(?!\s+(?:\d|candidates|applicants|more|over|about|nearly))"
    r"|candidates|applicants|individuals|workers|professionals|profiles"
    r"|physicians|doctors|nurses|teachers|managers|tradespeople|people|persons|immigrants"
    r"|(?:foreign )?nationals|newcomers"
    # a machine-reworded copy's words: "3,000 solicitations to apply", "contenders"
    r"|solicitations?|contenders"
)
_FILLER_WORD = (  # "500 STEM candidates", "4,626 number of applicants"; "Number of" opens a label
    # and "18 rounds being offered ITAs" counts rounds; "and" only inside a name ("4,000
    # health care and social services workers"), not between counts ("500 STEM and 300 ...")
    r"(?:(?-i:number of)|(?!(?:or|and(?=\s+\d)|to|of|than|in|from|at|with|who|were|was|as"
    r"|rounds?|draws?)\b)"
    r"(?=\S*[A-Za-z])[A-Za-z()'\u2019-]+)"  # a word, not a dash alone
)
_INVITATION_COUNT = re.compile(
    # not a time's seconds: "at 04:16:27 UTC received invitations"
    rf"(?<![\d,.#])(?<!\d-)(?<!\d\u2013)(?<!\d:)(?P<count>{COUNT})(?![\d,.]\d)(?P<plus>\+|-plus)?"
    # "176 more candidates than ...", "250 more ... compared to", "500 fewer ITAs": a
    # difference; "1500 more ITAs in the 255th draw" without "than" is the draw's own
    r"(?!\s+(?:fewer|less)\b|\s+(?:more|additional|extra)\b[^.;]*\b(?:than|compared|over the)\b)"
    rf"\s+(?:{_FILLER_WORD}\s+){{0,5}}(?:{INVITEES})\b",
    re.IGNORECASE,
)
_LEADING_COUNT = re.compile(rf"(?P<count>{COUNT})(?![\d,.]\d|\s*\+|-plus)")
HEDGE = (
    r"over|about|around|approximately|approx\.?|roughly|nearly|near|almost|some|more than|less than"
    r"|fewer than|up to|under|close to|upwards of|estimated"
)  # "at least" hedges a count ("at least 500 ITAs"), not a cut-off ("at least 486 points")
_HEDGED_BEFORE = re.compile(rf"(?:\b(?:{HEDGE}|at least)|~)\s*$", re.IGNORECASE)
_NOT_A_COUNT_BEFORE = re.compile(  # "Draw 254 candidates", "March 31 draws ... candidates"
    rf"\b(?:rank(?:ed)?(?: of)?|draw|round|no\.|bill|{MONTH})\.?\s*#?\s*$"
    # a change, not a count: "an increase of 500 invitations", "up by 250 ITAs"
    r"|\b(?:increase|decrease|rise|drop|jump|fall|decline|up|down)\s+(?:of|by)\s*$",
    re.I,
)
_A_SCORE_BEFORE = re.compile(
    r"\b(?:CRS|cut-?\s?off|score|threshold)\s+(?:of\s+)?$"
    r"|lowest[- ]ranked candidate invited:?\s*$",  # IRCC's label for the cut-off
    re.I,
)
_NUMBER_OF_INVITED = re.compile(  # "the number of candidates who received an ITA rose to 3,644"
    r"\bnumber of (?:ITAs|invitations(?: to apply)?(?: \(ITAs?\))?(?: issued)?"
    r"|candidates (?:invited|who (?:were invited|received)[^.\d]{0,40}?))"
    r"(?:\s+(?:was|were|rose to|increased to|grew to|reached|stood at|totall?ed)|:)"
    rf"\s+(?P<count>{COUNT})"
    r"(?![\d,.]\d)",
    re.IGNORECASE,
)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
# a year-like count after a verb of inviting is a count: "inviting 2000 candidates"
_INVITING_BEFORE = re.compile(
    r"\b(?:invit(?:ing|ed|es?)|issu(?:ing|ed|es?)|sen(?:t|ds?|ding))\s+(?:a total of\s+)?$", re.I
)
# counts written in words, English or French (the French read once put in English):
# "three thousand candidates", "deux mille cinq cents invitations", "five hundred ITAs".
# "3K invitations" is no exact count: a headline's "1.5K" may round the body's 1,513.
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
}  # fmt: skip
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_IN_WORDS = re.compile(
    rf"\b(?:(?P<thousands>{_UNIT})[\s-]+(?:thousand|mille)"
    rf"(?:[\s-]+(?:and\s+|et\s+)?(?P<hundreds>{_UNIT})[\s-]+(?:hundred|cents?))?"
    rf"|(?P<only_hundreds>{_UNIT})[\s-]+(?:hundred|cents?))\b"
    rf"(?=\s+(?:{_FILLER_WORD}\s+){{0,4}}(?:{INVITEES})\b)",
    re.IGNORECASE,
)
_SPLIT_THOUSANDS = re.compile(
    rf"(?<![\d,.])(?P<thousands>[1-9]\d{{0,2}}),? (?P<rest>\d{{3}})"
    rf"(?=\s+(?:{_FILLER_WORD}\s+){{0,4}}(?:{INVITEES})\b)",  # "8 500 Express Entry invites"
    re.IGNORECASE,
)
# Several draws' total: "collectively issued 2,848", "eight PNP draws totalling 3,063 ITAs",
# "issued 55,771 ITAs through 14 draws"
_TOTAL_BEFORE = re.compile(
    r"\b(?:collectively|combined|cumulative(?:ly)?|altogether|totall?ing)\b[^.\d;]{0,30}$"
    r"|\b(?:entire|whole|full) (?:year|month)\b[^.\d;]{0,80}$"  # "during the entire year, 35,750"
    # "Over this two day period, Canada has issued 4,150 ITAs"
    r"|\b(?:over|during|across|in)\s+(?:this|the|these|those)\s+[\w -]{0,20}?"
    r"(?:period|week|days|month|months|year)\b[^.\d;]{0,40}$"
    # "including six PNP draws for 2,416 ITAs", "33 PNP draws in which 17,785 candidates"
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)\s+(?:[\w()-]+\s+){0,5}"
    r"(?:draws|rounds)\s+(?:for|with|of|in which|where)\s*$"
    # "Since all-program draws resumed, 7,500 candidates have received ITAs"; not "for the
    # first time since March, 3,000"
    r"|(?<!time )(?<!most )\bsince\b[^.;]{0,50},\s*(?:a total of\s+)?$",
    re.IGNORECASE,
)
# A target or a plan, not a draw's count: "on track to welcome 55,900 immigrants", "committed
# to bring in 401,000", "targeting the admission of 341,000", "plans to invite 55,900"; but
# "Canada welcomes 500 new applicants" is a draw's
_TARGET_BEFORE = re.compile(
    r"\b(?:to|of)\s+(?:welcom(?:e|ing)|admit(?:ting)?|accept(?:ing)?|bring(?:ing)? in)"
    r"\s+(?:[\w-]+\s+){0,2}$"
    r"|\b(?:target(?:s|ing)?|goal|objective)\s+(?:of\s+)?(?:the\s+admission\s+of\s+)?"
    r"(?:[\w-]+\s+){0,3}$"  # "The target for 2025 includes 82,890 new immigrants"
    r"|\b(?:plans?|plann(?:ed|ing)|intends?|aims?|set|expected|supposed|scheduled|projected)"
    r"\s+to\s+(?:invite|issue|admit|welcome|accept)\s+(?:[\w-]+\s+){0,2}$"
    r"|\b(?:year to date|so far this year)\b[^.\d;]{0,40}$",
    re.IGNORECASE,
)
# ... or after it: "3,250 (combined)", "3,250 ITAs combined", "5,000 invitations collectively"
_COMBINED_AFTER = r"\s*(?:[\w-]+\s+){0,2}?\(?(?:combined|collectively)\b"
_COMBINED = re.compile(_COMBINED_AFTER, re.IGNORECASE)
_TOTAL_AFTER = re.compile(
    _COMBINED_AFTER + "|"
    r"[^.\d;]{0,30}?\b(?:through|across|over|in|from)\s+(?:\d+|several|all|these|those|its)\s+"
    r"(?:\w+\s+)?(?:draws|rounds)\b"
    # "99,653 profiles already invited through CEC draws this year"
    r"|[^.\d;,]{0,30}?\b(?:through|across|in)\s+(?:[\w-]+\s+){0,2}(?:draws|rounds)\b"
    r"|(?:(?!\b(?:draw|round|first|most|largest|biggest|highest|lowest)\b)[^.\d;,]){0,40}?"
    r"\bthis year\b"
    # "45,115 invitations in 2022", "82850 ITAs until now for the year 2020"; not "7,000
    # invitations in a single draw in 2023"
    r"|(?:(?!\b(?:draw|round)\b)[^.\d;]){0,60}?\b(?:in|for)\s+(?:the\s+year\s+)?(?:19|20)\d\d\b"
    r"(?!\s*[-\u2013]|['\u2019]s)"  # not a range, nor "in 2026's first STEM draw"
    r"|[^.\d;,]{0,30}?\b(?:until now|so far|to date|year-to-date)\b"
    # "21,000 ITAs in a matter of three weeks", "12,000 invitations over the past two months"
    r"|[^.\d;,]{0,30}?\b(?:in|over|within)\s+"
    r"(?:a matter of\s+|just\s+|only\s+|the\s+(?:past|last)\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+(?:days|weeks|months)\b"
    # "25,044 invitations have been issued since the program was launched", but not "3,000
    # ITAs, the most since March" nor "500 ITAs for the first time since May"
    # ("7,445 PNP candidates have been invited for permanent residency since September")
    r"|(?:(?!\b(?:first|most|largest|biggest|highest|lowest|time)\b)[^.\d;,\u2014])"
    r"{0,60}?\bsince\b",
    re.IGNORECASE,
)


def find_invitations(text: str) -> list[int]:
    """Exact invitation counts: "6,000 candidates", "500 ITAs"; not "over 700 invitations"."""
    text = _SPLIT_THOUSANDS.sub(_joined, _IN_WORDS.sub(_in_figures, text))
    counts = []
    for match in _INVITATION_COUNT.finditer(text):
        before = text[max(0, match.start() - 24) : match.start()]
        hedged = match["plus"] or _HEDGED_BEFORE.search(before)
        numbered = "," not in match["count"] and _NOT_A_COUNT_BEFORE.search(before)  # "Draw 254"
        wider = text[max(0, match.start() - 80) : match.start()]
        a_score = _A_SCORE_BEFORE.search(wider)  # "a cut-off of 475 gives applicants"
        total = _TOTAL_BEFORE.search(wider) or _TOTAL_AFTER.match(text, match.end())
        target = _TARGET_BEFORE.search(wider)  # "on track to welcome 55,900 immigrants"
        a_year = _is_year(match["count"]) and not _INVITING_BEFORE.search(before)
        if not (hedged or numbered or a_score or total or target or a_year):
            counts.append(int(match["count"].replace(",", "")))
    counts += [int(match["count"].replace(",", "")) for match in _NUMBER_OF_INVITED.finditer(text)]
    return counts


_NUMBER_WORD_BEFORE = re.compile(  # "twenty-five hundred": a number this reader leaves alone
    rf"\b(?:{_UNIT}|\w+ty|trente|quarante|cinquante|soixante)[\s-]*$", re.IGNORECASE
)


def _in_figures(match: re.Match[str]) -> str:
    """A count written in words, in figures: "three thousand" is "3,000"."""
    if _NUMBER_WORD_BEFORE.search(match.string, max(0, match.start() - 12), match.start()):
        return match.group()
    words = {name: _UNITS[word.lower()] for name, word in match.groupdict().items() if word}
    count = (
        words.get("thousands", 0) * 1000
        + (words.get("hundreds", 0) or words.get("only_hundreds", 0)) * 100
    )
    return f"{count:,}"


def _joined(match: re.Match[str]) -> str:
    """ "3, 350 candidates" and "5 500 candidates" are 3,350 and 5,500 (a space typed
    after the comma, or for it); "June 5, 500 candidates" is a day and a count."""
    before = match.string[max(0, match.start() - 24) : match.start()]
    if _NOT_A_COUNT_BEFORE.search(before):
        return match.group()  # "June 5, 500 candidates", "Draw 254 500 candidates"
    return f"{match['thousands']},{match['rest']}"


def leading_count(value: str) -> int | None:
    """The exact count a value starts with: "6,000" or "500 ITAs", not "over 700" nor
    several draws' "3,250 (combined)"."""
    match = _LEADING_COUNT.match(value.strip())
    if not match or _is_year(match["count"]) or _COMBINED.match(value.strip(), match.end()):
        return None
    return int(match["count"].replace(",", ""))


def _is_year(count: str) -> bool:
    return bool(_YEAR_LIKE.fullmatch(count))

"""Whether a news article announces a round of Express Entry, and which line says so.

The headline is the entry's title when it names a draw; many titles do not (a breadcrumb,
"Posted on", a byline, a tracking pixel's text), and then the first sentence of the opening
that names a draw stands for it: the body alone is enough. An article counts when its
headline names a draw, not a forecast, a guide, a review nor a province's own draw, and when
it speaks of Express Entry.
"""

import re
from collections.abc import Sequence

from jobs.news.categories import categories_in
from jobs.news.counts import MONTH

# ... and the synonyms of reworded copies: "raffle", "lottery"
_DRAW = re.compile(
    r"\b(?:draws?|rounds?(?![- ]up\b)|invit\w*|ITAs?|raffles?|lotter(?:y|ies))\b", re.IGNORECASE
)
_NOT_A_DRAW = (  # guides, forecasts, plans, reviews, other programs' invitations
    r"how to|guide|tips|ways to|explained|forecast\w*|predict\w*|expect\w*|will|could"
    r"|would|should|next|upcoming|plans?|to hold|set to|levels? plan|parents|grandparents|PGP"
    r"|paus\w*|on hold|halt\w*|freez\w*"
    # "study permits", but not "what it means for work permit holders" (its readers)
    r"|sponsor\w*|caregivers?|students?|(?:study|work) permits?(?! holders?)|for example|illustrate"
)
_ROUND_UP = (  # of a month's or a year's draws
    r"review|recap|round[- ]?up|statistics|stats|trends|analysis|year-end|mid-year|half-year"
    r"|look(?:s|ing)? back|in review|so far|(?:one|two|three|\d+) years? of|anniversary"
    r"|the numbers"
)
_REVIEW = rf"{_ROUND_UP}|\d+ draws"  # of many draws, not one
_TITLE_NOT_A_DRAW = re.compile(
    rf"\b(?:{_NOT_A_DRAW}|{_REVIEW}|(?<!from the )(?<!Express Entry )pool|distribution)\b",
    re.IGNORECASE,
)
_WEEK = r"\bweek(?:ly)?\b"
# a week's news review ("Weekly News Review April 24 - 30, 2023") gives the week's draw; one
# naming draws ("STEM and healthcare draws this week") is no single draw's headline
_WEEKS_NEWS = re.compile(rf"{_WEEK}(?![^|]*\b(?:draws|rounds)\b)", re.IGNORECASE)
_LEAD_NOT_A_DRAW = re.compile(rf"\b(?:{_NOT_A_DRAW}|{_REVIEW})\b", re.IGNORECASE)
_EXPRESS_ENTRY = re.compile(
    r"\b(?i:express entry|canadian experience class|federal skilled (?:worker|trades)"
    r"|(?:comprehensive|complete) (?:ranking|rating) system)\b|\bIRCC\b|\bCRS\b"
)
# an opening whose subject is IRCC, drawing: "IRCC invited 955 PNP candidates, some
# nominated through Ontario's Human Capital Priorities stream" is no draw of Ontario's
FEDERAL_DRAW = re.compile(
    r"\s*(?:IRCC|Immigration,? Refugees and Citizenship Canada(?: \(IRCC\))?)"
    r"\s+(?:has\s+|have\s+)?(?:just\s+)?(?:invit|issu|held|hold|conduct|sent|send)\w*\b",
    re.IGNORECASE,
)
_PROVINCIAL = re.compile(
    r"\b(?:OINP|BC ?PNP|SINP|AAIP|MPNP|NSNP|NB ?PNP|PEI ?PNP|NLPNP|Ontario|British Columbia"
    r"|Saskatchewan|Alberta|Manitoba|Nova Scotia|New Brunswick|Newfoundland|Prince Edward Island"
    r"|Qu[eé]bec|Yukon|Northwest Territories|Human Capital Priorities)\b"
)


# A title's clauses: "Canada invites 636 PNP candidates | as minister offers date for next
# all-program draw", "2,985 candidates received ITAs | after a brief pause"; the first that
# names a draw is what the title announces.
_CLAUSE = re.compile(r"\s+(?:as|while|amid|but|after)\s+|;\s+|\s+[\u2013\u2014]\s+")
# A draw named by its date before a colon is the title's news, whatever follows ("Massive
# Express Entry Draw on December 17, 2025: Canada Issues 6,000 ITAs and Signals a Major
# Year-End Shift"); "Express Entry draws: the year in review" names none.
_DATED_BEFORE_COLON = re.compile(rf"^[^:]*\b(?:{MONTH})\.?\s+\d[^:]*(?=:\s)")


# A page's title often ends with its site's name: "... Express Entry Draw | Canada Immigration
# Guide". A last part after a bar, short, with no figure and no draw named, is that name.
_SITE_NAME = re.compile(r"\s+[|\u00b7]\s+(?P<name>[^|\u00b7\d]{1,60})$")
SITE_NAME_WORDS = 5


def names_a_draw(text: str) -> bool:
    """Whether a text speaks of a draw ("draw", "round", "invitations", "ITAs")."""
    return bool(_DRAW.search(text))


def without_site_name(title: str) -> str:
    """The title without the site's name it may end with."""
    found = _SITE_NAME.search(title)
    if found is None or len(found["name"].split()) > SITE_NAME_WORDS or _DRAW.search(found["name"]):
        return title
    return title[: found.start()]


def headline(title: str, sentences: Sequence[str]) -> str | None:
    """The title if it names a draw, else the opening's first sentence naming one (None if
    none); a title that speaks of a forecast, a guide or a review is the headline anyway."""
    a_review = _TITLE_NOT_A_DRAW.search(title) and not _WEEKS_NEWS.search(title)
    if _DRAW.search(title) or a_review:
        return title
    return next((sentence for sentence in sentences if _DRAW.search(sentence)), None)


# "two new Express Entry draws", "5,000 invited in two back to back draws"; not "the last two
# draws"
SEVERAL_DRAWS = re.compile(
    r"(?<!last )(?<!past )(?<!previous )(?<!recent )(?<!first )"
    r"\b(?:two|three|four|2|3|4|twin|double|back-to-back|consecutive)\s+(?:[\w-]+\s+){0,5}?"
    r"(?:draws|rounds)\b",
    re.IGNORECASE,
)
# a title announcing several draws: no forecast, guide, nor review of a month's or a year's
# ("Express Entry Draw and PNP Round Up May 2020"); "3 new draws this week" is news
_NOT_SEVERAL_DRAWS = re.compile(rf"\b(?:{_NOT_A_DRAW})\b", re.IGNORECASE)
_ROUND_UP_TITLE = re.compile(rf"\b(?:{_ROUND_UP})\b", re.IGNORECASE)
_OF_A_WEEK = re.compile(_WEEK, re.IGNORECASE)  # "Weekly Recap": the week's draws


def may_announce_several(title: str, first_sentence: str, lead: str) -> bool:
    """Whether an article may announce several draws of Express Entry: its title is no
    forecast, guide nor review (but a week's, "Weekly Recap"), it speaks of Express Entry,
    and no province opens it."""
    return (
        not _NOT_SEVERAL_DRAWS.search(title)
        and (not _ROUND_UP_TITLE.search(title) or bool(_OF_A_WEEK.search(title)))
        and _of_express_entry(title, title, first_sentence, lead)
    )


def announces_draw(title: str, first: str, first_sentence: str, lead: str) -> bool:
    """The headline ``first`` names a draw of Express Entry, not a forecast, a review or a
    PNP's own draw (nor does the article's first sentence name a province)."""
    not_a_draw = _TITLE_NOT_A_DRAW if first == title else _LEAD_NOT_A_DRAW
    dated = _DATED_BEFORE_COLON.match(first)
    clauses = [dated.group()] if dated and _DRAW.search(dated.group()) else _CLAUSE.split(first)
    announcing = [part for part in clauses if _DRAW.search(part)]
    return (
        bool(announcing)
        and not not_a_draw.search(announcing[0])
        and len(categories_in(announcing[0])) <= 1
        and _of_express_entry(title, first, first_sentence, lead)
    )


def _of_express_entry(title: str, first: str, first_sentence: str, lead: str) -> bool:
    """Whether an article speaks of Express Entry, and no province opens it (its headline
    ``first`` or first sentence, unless IRCC is that sentence's subject, drawing)."""
    opening = [text for text in (first, first_sentence) if not FEDERAL_DRAW.match(text)]
    return not _PROVINCIAL.search(" ".join(opening)) and bool(
        _EXPRESS_ENTRY.search(f"{title} {lead}")
    )

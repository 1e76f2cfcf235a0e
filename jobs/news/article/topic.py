"""Whether a sentence of a news article speaks of the draw it announces.

A sentence speaks of another draw when it names another date, category or number, or turns
to one ("previous", "the Oct. 23 draw", "expected", an example, the pool); it then counts
only up to the clause where it turns, and the rest of its paragraph only where it names the
announced draw again. What is known of the announced draw so far is an
:class:`AnnouncedDraw`.
"""

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Set
from dataclasses import dataclass

from jobs.news.article.turns import DESCRIBING, NEXT_ITEM, OTHER_DRAW, TURNS_TO_ANOTHER_DRAW
from jobs.news.categories import categories_in
from jobs.news.counts import find_invitations
from jobs.news.cutoffs import find_crs
from jobs.news.lines import Finding, find_numbers, states_a_figure
from jobs.news.naming import the_province
from jobs.news.when import TIE_BREAK, find_dates, in_another_month, without_announcement_day

_MONTH_ABBREVIATIONS = "|".join(calendar.month_abbr[1:])
_SENTENCE_END = re.compile(  # not after "No. 254", "Jul. 5" nor "Sept. 18"
    rf"(?<!\bNo\.)(?<!\b(?:{_MONTH_ABBREVIATIONS})\.)(?<!\bSept\.)(?<=[.!?])\s+(?=[A-Z0-9\"\u201c\u2018(#])"
)
# Said of the announced draw itself: where it stands in the year ("in its fifth draw this
# year", "marking the second round this year"; not "the first CEC draw this year had a
# cut-off of 540") ...
_NTH_THIS_YEAR = re.compile(
    r"\b(?:its|(?:is|was|marks?|marking|as) the)\s+(?:first|second|third|fourth|fifth|sixth"
    r"|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
    r"\s+(?:[\w-]+\s+){0,3}?(?:draw|round)\s+this year\b",
    re.IGNORECASE,
)
# a figure both draws share ("the same draw size of 4,500 as the previous draw"), in a
# sentence giving no date (the date of "the same as the previous draw, held on 30th
# September" is the other's)
_SAME_AS_BEFORE = re.compile(
    r"\bsame\b[^.;]{0,60}?\b(?:as|like)\b(?: that)?(?: in| of)? the"
    r" (?:previous|last|prior|preceding)\b",
    re.IGNORECASE,
)
_LAST_FIGURE = re.compile(r"\d[\d,]*")
WORDS_BEFORE_A_TURN = 4  # between a clause's figure and a turn that ends it without a comma
_IN_THE = re.compile(r"\b(?:in|during|at)\s+(?:the|its|their)\s+$", re.IGNORECASE)
_A_DIFFERENCE = re.compile(r"\s*(?:more|fewer|less|additional|extra)\b", re.IGNORECASE)
_OF_ANY = re.compile(r"\bof (?:any|all)\b", re.IGNORECASE)
_PROFILE_DATE = re.compile(  # "created their profile before ... on June 10, 2025", in English
    # or in French put in English ("avoir créé leur profil ... before on June 10, 2025")
    r"\b(?:profiles?|profil)\b[^.;]{0,80}?\b(?:before|by|until|after)\b[^.;]{0,40}?"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?(?:,?\s+\d{4})?)",  # or "6 March 2025"
)
_THIS_DRAW = re.compile(
    r"\b(?:this|today's|the latest|the same|the new) (?:\w+ ){0,2}(?:draw|round)\b",
    re.IGNORECASE,
)
_DRAW_NOUN = re.compile(r"\b(?:draw|round)s?\b", re.IGNORECASE)
# a comma, a semicolon, a spaced dash or an em dash ("717\u2014the lowest"); not "3,500"
CLAUSE_END = re.compile(r"[,;]\s|\s[\u2013\u2014-]\s|\u2014|\s(?=as (?:it|they) did\b)")
# invited from the pool, or in a draw: "2,878 candidates in the pool ... after a draw"
_INVITED = re.compile(r"\b(?:invit|issu|sen[dt]|receiv|draw|round)\w*", re.IGNORECASE)
_POOL = re.compile(
    r"\d\s+(?:\w+\s+){0,2}(?:candidates|profiles)\s+(?:\w+\s+)?in the (?:express entry )?pool\b"
    r"|\bpool\s+(?:had|has|holds|held|contains|contained|grew|shrank|stands|stood|size|now)\b",
    re.IGNORECASE,
)

# a province's own draw: its streams, its notifications of interest or letters of advice
_PROVINCIAL_DRAW = re.compile(
    r"\b(?:streams?|NOIs?|notifications? of interest|letters? of advice|LAAs?|EOIs?"
    r"|expressions? of interest)\b",
    re.IGNORECASE,
)

# a draw named by the program ("Skilled Trades") is named again by the trade occupations; one
# named as the trade occupations' is not the Federal Skilled Trades Program's of 2020
_SAME_DRAW = {"fst": {"fst", "trade"}}


@dataclass
class AnnouncedDraw:
    """What is known of the announced draw so far; a sentence that disagrees is about another."""

    category: str | None = None
    date: dt.date | None = None
    number: str | None = None

    def names(self) -> set[str]:
        """The categories that name the draw's: a draw the article first names by the Federal
        Skilled Trades Program ("Skilled Trades" in the title) is named again by the trade
        occupations ("the trades occupation category")."""
        if self.category is None:
            return set()
        return _SAME_DRAW.get(self.category, {self.category})

    def learn(self, findings: Iterable[Finding]) -> None:
        for field, value in findings:
            if field in ("category", "date", "number") and getattr(self, field) is None:
                setattr(self, field, value)


# a change from the previous draw's figure to this one's: "drop from a previous 466 to just
# 428" -> "drop to just 428"
_FROM_PREVIOUS = re.compile(
    r"\bfrom\s+(?:a|the|its)\s+(?:previous|prior|last)\s+(?:[\w-]+\s+){0,3}?\d[\d,]*"
    r"(?:\s+(?:points|ITAs|invitations))?\s+(?=to\s+(?:just\s+|only\s+)?\d)",
    re.IGNORECASE,
)


def without_previous_figure(sentence: str) -> str:
    """The sentence without the previous draw's figure it gives a change from."""
    return _FROM_PREVIOUS.sub("", sentence)


def sentences(line: str) -> list[str]:
    return _SENTENCE_END.split(line)


def off_topic(
    sentence: str, context: AnnouncedDraw, day: dt.date | None, *, speculation: bool = True
) -> bool:
    """Whether a sentence speaks of something other than the announced draw: another draw,
    the pool, or (``speculation``) what may be."""
    in_the_pool = _POOL.search(sentence) and not _INVITED.search(sentence)
    # the next item of the news, once the draw is known, unless it names the draw again: a
    # province's own draw ("Ontario issued 1,200 invitations through its Human Capital
    # Priorities stream"; not "955 PNP candidates, some nominated through Ontario's ...
    # stream"), or "Meanwhile, ..."
    next_item = context.names() and (NEXT_ITEM.search(sentence) or _provincial_draw(sentence))
    if next_item and not names_the_draw(sentence, context, day):
        return True
    words = OTHER_DRAW if speculation else TURNS_TO_ANOTHER_DRAW
    said_of_itself = _NTH_THIS_YEAR.sub("", sentence)
    if _SAME_AS_BEFORE.search(said_of_itself) and not find_dates(sentence, day):
        said_of_itself = _SAME_AS_BEFORE.sub("", said_of_itself)
    turns = {match.group().lower() for match in words.finditer(said_of_itself)}
    if in_the_pool or (turns and not _describes_its_figure(sentence, turns)):
        return True
    # another program is another draw's, unless the clause naming it says it is this
    # draw's and the sentence names no other: then the two programs are rivals ("This draw
    # was not program specific. Only candidates nominated under the Provincial Nominee
    # Program were invited to this draw."; not "This draw is the second in two days after
    # yesterday's PNP-only draw", nor "The cut-off for this round was 433, well below the
    # recent all-program cut-offs")
    others = categories_in(sentence) - context.names()
    if context.category and others:
        return not _names_for_this_draw(sentence, others) or len(_DRAW_NOUN.findall(sentence)) > 1
    if context.number and set(find_numbers(sentence)) - {context.number}:
        return True
    if in_another_month(sentence, context.date, day):
        return True
    return bool(context.date and set(draw_dates(sentence, day)) - {context.date})


def _names_for_this_draw(sentence: str, categories: Set[str]) -> bool:
    """Whether a clause of the sentence says "this draw" and names one of the categories."""
    clauses = CLAUSE_END.split(sentence)
    return any(says_this_draw(c) and categories & categories_in(c) for c in clauses)


def _provincial_draw(sentence: str) -> bool:
    """Whether a sentence speaks of one province's own draw: its stream, NOIs, letters."""
    return bool(_PROVINCIAL_DRAW.search(sentence)) and the_province(sentence) is not None


def draw_dates(sentence: str, day: dt.date | None) -> list[dt.date]:
    """The dates a sentence names that may be draws': not a tie-break's, the day the draw was
    made public, nor the time the invited created their profiles by ("profiles created
    before June 10")."""
    if TIE_BREAK.search(sentence):
        return []
    return find_dates(_PROFILE_DATE.sub(" ", without_announcement_day(sentence)), day)


def _describes_its_figure(sentence: str, turns: set[str]) -> bool:
    """Whether the only words that would turn a sentence to other draws describe the one
    cut-off it states ("a record-low CRS score requirement of 463", "the cut-off is
    currently 720"), a superlative or "now" said of this draw's figure, not another's; or
    describe the draw itself, in a sentence stating no figure ("the first trades draw this
    year took place on April 2")."""
    if not all(DESCRIBING.fullmatch(turn) for turn in turns) or _OF_ANY.search(sentence):
        return False  # "The lowest of any draw so far is 450" is another draw's
    if find_invitations(sentence):
        return False
    cutoffs = set(find_crs(sentence))
    if not cutoffs:  # the draw itself: "the first trades draw this year took place on ..."
        return True
    return len(cutoffs) == 1 and not find_dates(sentence, None)


def names_the_draw(
    sentence: str,
    context: AnnouncedDraw,
    day: dt.date | None,
    *,
    by_category: bool = True,
    this_draw: bool = True,
) -> bool:
    """Whether a sentence says whose figures it gives: the announced draw's category (if
    ``by_category``), number or date, or (if ``this_draw``) "this draw", "today's round"."""
    return bool(
        (this_draw and says_this_draw(sentence))
        or (by_category and bool(context.names() & categories_in(sentence)))
        or context.number in find_numbers(sentence)
        or context.date in find_dates(sentence, day)
    )


def says_this_draw(sentence: str) -> bool:
    """Whether a sentence speaks of "this draw", "today's round", "the latest draw"."""
    return bool(_THIS_DRAW.search(sentence))


def on_topic_start(sentence: str, context: AnnouncedDraw, day: dt.date | None) -> str:
    """The clauses a sentence opens with before it turns to another draw ("The cut-off was
    462, a drop of one point from the previous draw" -> "The cut-off was 462")."""
    start = ""
    for clause_end in CLAUSE_END.finditer(sentence):
        if off_topic(sentence[: clause_end.start()], context, day):
            break
        start = sentence[: clause_end.start()]
    turn = OTHER_DRAW.search(sentence)
    if turn is not None and turn.start() > len(start):
        # no comma before the turn, some words after the figure: "the minimum CRS score in
        # this round was 471 a increase of one point over the previous draw" -> up to "over
        # the"; not "45,000 ITAs this year" nor "candidates between 481 and 490", nor "924
        # PNP candidates were invited in the previous round" (the figure is that round's)
        # nor "250 more candidates were invited compared to the previous draw"
        before = sentence[: turn.start()]
        after_figure = _LAST_FIGURE.split(before)[-1]
        apart = len(after_figure.split()) >= WORDS_BEFORE_A_TURN
        # a time ("in the previous round") or a difference ("250 more ... compared to")
        apart = apart and not (_IN_THE.search(before) or _A_DIFFERENCE.match(after_figure))
        if apart and states_a_figure(before, day) and not off_topic(before, context, day):
            return before
    return start


def back_on_topic(
    sentence: str, context: AnnouncedDraw, day: dt.date | None, *, this_draw: bool = False
) -> bool:
    """Whether a sentence names the announced draw again: its category, number or date (or,
    with ``this_draw``, "the minimum CRS score for this draw was 511"), and speaks of no
    other."""
    named = names_the_draw(sentence, context, day, this_draw=this_draw)
    return named and not off_topic(sentence, context, day)

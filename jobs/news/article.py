"""Which parts of a news article speak of the draw it announces, and what they state of it.

An article counts only if its headline announces a draw of Express Entry, not a forecast
nor a province's own draw (:mod:`jobs.news.announcement`). Precision before recall: a figure
is taken only from the title, the headline, the opening paragraphs and key-facts lists
("Here are the details:"), and only from sentences about the draw the article announces;
the next paragraphs give only a figure the opening leaves unstated, from a sentence naming
the draw.
Once a sentence speaks of another draw (another date, category or number; "previous",
"expected", an example, the pool), the rest of its paragraph counts only where it names the
announced draw again; the sentence itself counts up to the clause where it turns to the
other draw. A key-facts list is taken whole, or not at all if any line disagrees. What one
line states is read by :mod:`jobs.news.lines`.
"""

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from core.categories import GENERAL
from jobs.news.announcement import announces_draw, headline
from jobs.news.categories import categories_in
from jobs.news.counts import find_invitations
from jobs.news.cutoffs import find_crs, with_its_subject
from jobs.news.lines import (
    TIE_BREAK,
    Finding,
    find_dates,
    find_numbers,
    line_findings,
    read_label,
)
from jobs.news.when import placed

OPENING_PARAGRAPHS = 4  # prose paragraphs read after the title
FURTHER_PARAGRAPHS = 4  # and after them, for a figure the opening leaves unstated
SPEAKS_OF_ITS_OWN = 6  # words before a turn that make a clause about the announced draw
OPENING_MAX_LINES = 40
PROSE_WORDS = 12  # a line this long is a paragraph, not a heading, a bullet or a menu
CATEGORY_ROUNDS_BEGAN = dt.date(2023, 6, 28)  # before, a round naming no program was for all
# The first official round of each program (IRCC's rounds): a program named for a draw held
# before it is whom the invited had to be ("a job offer or a provincial nomination" in
# 2015), not the draw's category. Category-based rounds began on CATEGORY_ROUNDS_BEGAN.
FIRST_PROGRAM_ROUNDS = {
    "cec": dt.date(2015, 2, 20), "pnp": dt.date(2016, 11, 30), "fst": dt.date(2017, 5, 26),
    "fsw": dt.date(2023, 2, 2), GENERAL: dt.date(2015, 1, 31),
}  # fmt: skip

_MONTH_ABBREVIATIONS = "|".join(calendar.month_abbr[1:])
_SENTENCE_END = re.compile(  # not after "No. 254", "Jul. 5" nor "Sept. 18"
    rf"(?<!\bNo\.)(?<!\b(?:{_MONTH_ABBREVIATIONS})\.)(?<!\bSept\.)(?<=[.!?])\s+(?=[A-Z0-9\"\u201c\u2018(#])"
)

# A sentence with one of these speaks of another draw, a forecast, an example or the pool.
#
# Words that turn a sentence to other draws, but may also describe the announced draw's own
# figure ("a record-low cut-off of 463", "the cut-off is currently 720")
_DESCRIBING_WORDS = r"currently|so far|this year|historic\w*|all-time|record[- ](?:low|high)\w*"
# A sentence with one of these speaks of another draw, or of the pool ...
_ANOTHER_DRAW = (
    r"previous|prior(?= (?:draws?|rounds?|to)\b)|preceding|earlier|day before"
    r"|last(?= (?:(?:[\w-]+ ){0,2}(?:draws?|rounds?|invitations)|week|month|year|time|\d+|two"
    r"|three|few|several)\b)|average|median|mean(?= (?:CRS|score|cut))"
    r"|before (?:that|this|then)"
    r"|(?<!as )follow(?:s|ed|ing)?(?! (?:criteria|requirements|conditions|details))"
    r"|compared|next|upcoming|between|distribution|trend\w*"
    # "not much of a change from the Oct. 23 draw", "the lowest since the December 23 draw"
    # (the turn starts after "the": "17 points less than the previous draw" keeps its words)
    r"|(?:(?<=from the )|(?<=than the )|(?<=since the ))(?:[\w.,-]+ ){0,4}?(?:draws?|rounds?)"
    # several draws: "a variety of draws were conducted", "all draws invited 16,110"
    r"|(?:various|several|many|multiple|different|all|a (?:variety|series|number) of)"
    r" (?:[\w-]+ ){0,2}(?:draws|rounds)"
    rf"|as of|year-to-date|another round|{_DESCRIBING_WORDS}"
    r"|(?:comes?|came|coming) (?:just )?after|each time|initially"
    r"|originally"
    # a figure the article says was corrected: "was incorrectly listed as 507 points"
    r"|incorrect\w*|erroneous\w*|mistaken\w*|wrongly|in error"
    r"|first (?:published|listed|reported|posted|announced)"
)
# ... or of what may be: a forecast, a hypothesis, an example, the reader's own score.
_SPECULATION = (
    r"expect\w*|forecast\w*|predict\w*|could|would|will|might|likely"
    r"|if(?![^.]*\b(?:were|was) (?:invited|asked|selected|issued)\b)|your|example\w*"
    r"|hypothetical|suppose"
)
OTHER_DRAW = re.compile(rf"\b(?:{_ANOTHER_DRAW}|{_SPECULATION})\b|(?-i:\bmay\b)", re.IGNORECASE)
_DESCRIBING = re.compile(_DESCRIBING_WORDS, re.IGNORECASE)
_LAST_FIGURE = re.compile(r"\d[\d,]*")
WORDS_BEFORE_A_TURN = 4  # between a clause's figure and a turn that ends it without a comma
_IN_THE = re.compile(r"\b(?:in|during|at)\s+(?:the|its|their)\s+$", re.IGNORECASE)
_A_DIFFERENCE = re.compile(r"\s*(?:more|fewer|less|additional|extra)\b", re.IGNORECASE)
_OF_ANY = re.compile(r"\bof (?:any|all)\b", re.IGNORECASE)
_TURNS_TO_ANOTHER_DRAW = re.compile(rf"\b(?:{_ANOTHER_DRAW})\b", re.IGNORECASE)
_PROFILE_DATE = re.compile(  # "created their profile before ... on June 10, 2025", in English
    # or in French put in English ("avoir créé leur profil ... before on June 10, 2025")
    r"\b(?:profiles?|profil)\b[^.;]{0,80}?\b(?:before|by|until|after)\b[^.;]{0,40}?"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{4}-\d{2}-\d{2})",
)
_BULLET = re.compile(r"^\s*(?:[-\u2022*\u25aa\u25cf\u2013]|\d{1,2}[.)])\s")  # "- ", "• ", "1. "
_THIS_DRAW = re.compile(
    r"\b(?:this|today's|the latest|the same|the new) (?:\w+ ){0,2}(?:draw|round)\b",
    re.IGNORECASE,
)
# a comma, a semicolon, a spaced dash or an em dash ("717\u2014the lowest"); not "3,500"
CLAUSE_END = re.compile(r"[,;]\s|\s[\u2013\u2014-]\s|\u2014|\s(?=as (?:it|they) did\b)")
# invited from the pool, or in a draw: "2,878 candidates in the pool ... after a draw"
_INVITED = re.compile(r"\b(?:invit|issu|sen[dt]|receiv|draw|round)\w*", re.IGNORECASE)
_POOL = re.compile(
    r"\d\s+(?:\w+\s+){0,2}(?:candidates|profiles)\s+(?:\w+\s+)?in the (?:express entry )?pool\b"
    r"|\bpool\s+(?:had|has|holds|held|contains|contained|grew|shrank|stands|stood|size|now)\b",
    re.IGNORECASE,
)
_DETAILS_HEADER = re.compile(
    r"\b(?:details|key facts|highlights|at a glance|summary|breakdown|as follows|criteria"
    r"|requirements)\b.*:$",
    re.IGNORECASE,
)


@dataclass
class _AnnouncedDraw:
    """What is known of the announced draw so far; a sentence that disagrees is about another."""

    category: str | None = None
    date: dt.date | None = None
    number: str | None = None

    def learn(self, findings: Iterable[Finding]) -> None:
        for field, value in findings:
            if field in ("category", "date", "number") and getattr(self, field) is None:
                setattr(self, field, value)


def draw_findings(
    title: str, lines: Sequence[str], day: dt.date | None, not_after: dt.datetime | None
) -> list[Finding] | None:
    """What the title, key-facts lists and opening say of the draw the article announces;
    None if it announces none, or states neither its cut-off nor its size."""
    units = _units(lines)
    opening = _opening(units, title)
    lead = [sentence for unit in opening for line in unit for sentence in sentences(line)]
    first = headline(title, lead)
    if first is None or not _announces_draw(title, first, opening):
        return None
    context = _AnnouncedDraw()
    findings = line_findings(title, day, not_after)  # a headline from the body is read there
    context.learn(findings)
    for unit in units:
        if _is_key_facts(unit):
            findings += _key_facts_findings(unit, context, day, not_after)
    lead_paragraph = _first_paragraph(opening)
    for unit in opening:
        if not _is_key_facts(unit):
            first_one = unit[0] == lead_paragraph
            found = _prose_findings(unit, context, day, not_after, lead=first_one)
            findings += (
                [finding for finding, _named in found] if first_one else _filling(findings, found)
            )
    findings += _further(units[len(opening) :], findings, context, day, not_after)
    if not any(field in ("crs", "invitations") for field, _ in findings):
        return None
    if not any(field == "date" for field, _ in findings):
        findings += _placed_date(first, opening, context, day, not_after)
    held = next((value for field, value in findings if field == "date"), day)
    findings = [
        (field, value)
        for field, value in findings
        if field != "category" or _held_then(str(value), held)
    ]
    return findings + _all_programs(findings, first, opening, day)


def _further(
    units: Sequence[list[str]],
    findings: Sequence[Finding],
    context: _AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
) -> list[Finding]:
    """The cut-off or the size the opening leaves unstated (it states the other), from the
    next few paragraphs: only from a sentence that says whose figure it gives (the announced
    draw's number or date, "this draw"), before its paragraph turns to another draw, and only
    when they give one value for it."""
    missing = {"crs", "invitations"} - {field for field, _ in findings}
    if len(missing) != 1:
        return []
    values, paragraphs = set(), 0
    for unit in units:
        if paragraphs >= FURTHER_PARAGRAPHS:
            break
        if not _is_key_facts(unit):
            paragraphs += not _is_short(unit[0])
            said = _said_of_it(unit, context, day, not_after)
            values |= {value for field, value in said if field in missing}
    return [(missing.pop(), values.pop())] if len(values) == 1 else []


def _said_of_it(
    unit: Sequence[str], context: _AnnouncedDraw, day: dt.date | None, not_after: dt.datetime | None
) -> Iterator[Finding]:
    """What a paragraph's sentences naming the announced draw by its number, its date or
    "this draw" state of it, up to the sentence where the paragraph turns to another draw."""
    for sentence in (sentence for line in unit for sentence in sentences(line)):
        if _off_topic(sentence, context, day):
            return
        if _names_the_draw(sentence, context, day, by_category=False):
            yield from line_findings(sentence, day, not_after)


def _held_then(category: str, held: object) -> bool:
    """Whether rounds of a category were held by then (unknown: assumed so)."""
    first = FIRST_PROGRAM_ROUNDS.get(category, CATEGORY_ROUNDS_BEGAN)
    return not isinstance(held, dt.date) or held >= first


def _filling(stated: Sequence[Finding], later: Sequence[tuple[Finding, bool]]) -> list[Finding]:
    """What a paragraph after the lead adds to what the headline, the key facts and the lead
    state: the figures they leave unstated, and a differing figure only from a sentence that
    names the announced draw (its category, number or date, or "this draw"). A differing
    figure in a sentence that does not is of another draw, a total or a recap, not a rival:
    the lead is where an article states its draw."""
    known: dict[str, set[object]] = {}
    for field, value in stated:
        known.setdefault(field, set()).add(value)
    return [
        (field, value)
        for (field, value), named in later
        if field not in known or value in known[field] or named
    ]


def _placed_date(
    first: str,
    opening: Sequence[list[str]],
    context: _AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
) -> list[Finding]:
    """The draw's date from "today", "yesterday" or a weekday in the headline and the first
    paragraph's sentences about the draw, with how it was placed; none if it cannot be."""
    about = []
    for sentence in sentences(_first_paragraph(opening)):
        if _off_topic(sentence, context, day):
            break
        about.append(sentence)
    found = placed([first, *about], not_after)
    return [] if found is None else [("date", found[0]), ("date_basis", found[1])]


def _units(lines: Sequence[str]) -> list[list[str]]:
    """Paragraphs: one line each, except a heading ending in ":", which takes the short lines
    and labelled lines that follow (a list under its heading), and a "Label: value" line,
    which takes the labelled lines that follow (a heading or a table after them is not the
    list's)."""
    units, start = [], 0
    while start < len(lines):
        end = start + 1
        headed = lines[start].endswith(":")
        if headed or read_label(lines[start]):
            while end < len(lines) and (
                (headed and _is_short(lines[end])) or read_label(lines[end])
            ):
                end += 1
        units.append(list(lines[start:end]))
        start = end
    return units


def _is_short(line: str) -> bool:
    return len(line.split()) < PROSE_WORDS


def _opening(units: Sequence[list[str]], title: str = "") -> list[list[str]]:
    """The units up to the fourth prose paragraph (and no more than a few dozen lines); the
    title repeated in the page, alone or ending a breadcrumb, is no paragraph."""
    opening, paragraphs, lines = [], 0, 0
    for unit in units:
        if paragraphs >= OPENING_PARAGRAPHS or lines >= OPENING_MAX_LINES:
            break
        opening.append(unit)
        prose = not _is_short(unit[0]) and not _BULLET.match(unit[0])  # not a list's items
        paragraphs += prose and not _repeats(unit[0], title)
        lines += len(unit)
    return opening


def _repeats(line: str, title: str) -> bool:
    """Whether a line is the title, or a breadcrumb ending with it."""
    words = title.split()
    return bool(words) and line.split()[-len(words) :] == words


def _is_key_facts(unit: Sequence[str]) -> bool:
    labelled = sum(read_label(line) is not None for line in unit)
    return labelled >= 2 or (len(unit) > 1 and bool(_DETAILS_HEADER.search(unit[0])))


def _announces_draw(title: str, first: str, opening: Sequence[list[str]]) -> bool:
    lead = " ".join(line for unit in opening for line in unit)
    paragraph = _first_paragraph(opening)
    return announces_draw(title, first, sentences(paragraph)[0], lead)


def _first_paragraph(opening: Sequence[list[str]]) -> str:
    return next((unit[0] for unit in opening if not _is_short(unit[0])), "")


def _all_programs(
    findings: Sequence[Finding], first: str, opening: Sequence[list[str]], day: dt.date | None
) -> list[Finding]:
    """An article that names no category for a draw held before category-based rounds began,
    and names no program in its headline and first paragraph, announces an all-program draw
    (articles then wrote "the latest draw" for one); otherwise nothing is assumed."""
    if any(field == "category" for field, _ in findings):
        return []
    held = next((value for field, value in findings if field == "date"), day)
    named = {
        category
        for category in categories_in(f"{first} {_first_paragraph(opening)}") - {GENERAL}
        if _held_then(category, held)
    }
    before = isinstance(held, dt.date) and held < CATEGORY_ROUNDS_BEGAN
    return [("category", GENERAL)] if before and not named else []


def sentences(line: str) -> list[str]:
    return _SENTENCE_END.split(line)


def _off_topic(
    sentence: str, context: _AnnouncedDraw, day: dt.date | None, *, speculation: bool = True
) -> bool:
    """Whether a sentence speaks of something other than the announced draw: another draw,
    the pool, or (``speculation``) what may be."""
    in_the_pool = _POOL.search(sentence) and not _INVITED.search(sentence)
    words = OTHER_DRAW if speculation else _TURNS_TO_ANOTHER_DRAW
    turns = {match.group().lower() for match in words.finditer(sentence)}
    if in_the_pool or (turns and not _describes_its_figure(sentence, turns)):
        return True
    if context.category and categories_in(sentence) - {context.category}:
        return True
    if context.number and set(find_numbers(sentence)) - {context.number}:
        return True
    dated = _PROFILE_DATE.sub(" ", sentence)  # "profiles created before June 10" is no draw's
    dates = [] if TIE_BREAK.search(sentence) else find_dates(dated, day)
    return bool(context.date and set(dates) - {context.date})


def _describes_its_figure(sentence: str, turns: set[str]) -> bool:
    """Whether the only words that would turn a sentence to other draws describe the one
    cut-off it states ("a record-low CRS score requirement of 463", "the cut-off is
    currently 720"), a superlative or "now" said of this draw's figure, not another's; or
    describe the draw itself, in a sentence stating no figure ("the first trades draw this
    year took place on April 2")."""
    if not all(_DESCRIBING.fullmatch(turn) for turn in turns) or _OF_ANY.search(sentence):
        return False  # "The lowest of any draw so far is 450" is another draw's
    if find_invitations(sentence):
        return False
    cutoffs = set(find_crs(sentence))
    if not cutoffs:  # the draw itself: "the first trades draw this year took place on ..."
        return True
    return len(cutoffs) == 1 and not find_dates(sentence, None)


def _prose_findings(
    unit: Sequence[str],
    context: _AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
    *,
    lead: bool = True,
) -> list[tuple[Finding, bool]]:
    """Findings of a paragraph's sentences, each with whether its sentence names the
    announced draw; once one speaks of another draw before it states anything of the
    announced one, the next ones count only if they name the announced draw again (its
    category, number or date)."""
    findings: list[tuple[Finding, bool]] = []
    drifted = False
    previous = ""
    for sentence in (sentence for line in unit for sentence in sentences(line)):
        sentence, previous = with_its_subject(sentence, previous), sentence
        original = sentence
        turned = not drifted and _off_topic(sentence, context, day)
        if turned:
            sentence = _on_topic_start(sentence, context, day)
        elif drifted and not _back_on_topic(sentence, context, day):
            continue
        found = line_findings(sentence, day, not_after) if sentence else []
        # a sentence that turns at once to another draw ("Furthermore, on July 4, ...")
        # carries the paragraph with it; one that first speaks of the announced draw (its
        # figures, or a clause of its own), or that only speculates, does not
        another = turned and _off_topic(original, context, day, speculation=False)
        at_once = not found and len(sentence.split()) < SPEAKS_OF_ITS_OWN
        drifted = drifted or (another and at_once)
        context.learn(found)
        named = not lead and sentence and _names_the_draw(sentence, context, day)
        findings += [(finding, bool(named)) for finding in found]
    return findings


def _names_the_draw(
    sentence: str, context: _AnnouncedDraw, day: dt.date | None, *, by_category: bool = True
) -> bool:
    """Whether a sentence says whose figures it gives: the announced draw's category (if
    ``by_category``), number or date, or "this draw", "today's round"."""
    return bool(
        _THIS_DRAW.search(sentence)
        or (by_category and context.category in categories_in(sentence))
        or context.number in find_numbers(sentence)
        or context.date in find_dates(sentence, day)
    )


def _on_topic_start(sentence: str, context: _AnnouncedDraw, day: dt.date | None) -> str:
    """The clauses a sentence opens with before it turns to another draw ("The cut-off was
    462, a drop of one point from the previous draw" -> "The cut-off was 462")."""
    start = ""
    for clause_end in CLAUSE_END.finditer(sentence):
        if _off_topic(sentence[: clause_end.start()], context, day):
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
        stated = {field for field, _value in line_findings(before, day, None)}
        if apart and stated & {"crs", "invitations"} and not _off_topic(before, context, day):
            return before
    return start


def _back_on_topic(sentence: str, context: _AnnouncedDraw, day: dt.date | None) -> bool:
    named = (
        context.category in categories_in(sentence)
        or context.number in find_numbers(sentence)
        or context.date in find_dates(sentence, day)
    )
    return named and not _off_topic(sentence, context, day)


def _key_facts_findings(
    unit: Sequence[str], context: _AnnouncedDraw, day: dt.date | None, not_after: dt.datetime | None
) -> list[Finding]:
    """A key-facts list describes one draw: all of it is taken, or none if any line disagrees."""
    if any(_off_topic(line, context, day) for line in unit):
        return []
    findings = [found for line in unit for found in line_findings(line, day, not_after)]
    known = {"category": context.category, "date": context.date, "number": context.number}
    if any(known.get(field) not in (None, value) for field, value in findings):
        return []
    context.learn(findings)
    return findings

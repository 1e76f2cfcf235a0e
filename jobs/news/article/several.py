"""Articles announcing several draws at once ("Canada holds two Express Entry draws"), each
draw read as its own.

The headline, the first paragraph (or, after a newsletter's word about itself, the first
about a draw) or a heading of the opening says the article is about several draws ("Two
New Express Entry Draws", "Back-to-Back Draws Target Specific Skills"); a review of a month
or a year does not, a recap of a week may. Each draw is then given in its own part, from
the sentence naming its date or number to the one naming the next's ("The first draw, held
on March 3 ...", "Just three days later, on March 6 ..."). A heading above a part
("November 13: Canadian Experience Class") is the part's. Each part is read as the opening
of an article about its draw (:mod:`.findings`). A sentence naming several draws gives a
figure to none, unless it lists them clause by clause ("beginning with 302 invitations for
PNP candidates at 761, followed by 1,000 ... CEC ..."): each clause is then its draw's. A
date after a turn ("compared to the previous draw on May 2") starts no part. Only parts
held within ``DRAWS_APART`` of the article count; with fewer than two of them, the
article is read as about one draw.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jobs.news.announcement import SEVERAL_DRAWS, may_announce_several, names_a_draw
from jobs.news.article.findings import as_held, prose_findings
from jobs.news.article.topic import AnnouncedDraw, draw_dates, sentences
from jobs.news.article.turns import OTHER_DRAW
from jobs.news.article.units import Layout, first_paragraph, is_heading
from jobs.news.categories import categories_in
from jobs.news.counts import MONTH
from jobs.news.lines import Finding, find_numbers, first_mention_at, states_a_figure
from jobs.news.when import placed, without_bounding_dates

DRAWS_APART = dt.timedelta(days=14)  # the draws of one article: a week's, or two weeks'
QUIET_PARAGRAPHS = 3  # paragraphs naming no draw of its own after which the article is done
# a sentence about all of them ("Both draws ...", "The three rounds invited 5,225 in all")
_ALL_OF_THEM = re.compile(
    r"\b(?:both|combined|collectively|altogether|in all|these (?:[\w-]+ ){0,2}(?:draws|rounds)"
    r"|the (?:[\w-]+ )?(?:draws|rounds))\b",
    re.IGNORECASE,
)
# where a sentence listing draws parts them: "..., followed by ...", "... and concluding
# with ...", ", while ...", "; ", "... Finally, ...", ", on December 7th, ...", "... and on
# December 6th", "... (3,000 ITAs, CRS 515) and a French-language draw ..."; not a date
# that follows its draw's name ("a CEC draw on December 7 (...)")
_LIST_CLAUSE = re.compile(
    rf",?\s+(?:and\s+)?(?:followed by|then|concluding with|finally)\s+|;\s+|\s+Finally,\s+"
    r"|,\s+while\s+"
    rf"|(?:,\s+(?:and\s+)?|\s+and\s+)(?=on\s+(?:{MONTH})\b)"
    r"|\s+and\s+(?=(?:a|an|the)\s+[^,;.()]{0,60}?\b(?:draw|round)\b)",
    re.IGNORECASE,
)
# where the list begins: "beginning with ...", or after the words announcing the draws
# ("IRCC held two draws this week: ...")
_LIST_START = re.compile(
    r"^.*?\b(?:beginning|starting) with\s+|^[^:]*\b(?:draws|rounds)\b[^:]*:\s+", re.IGNORECASE
)
_ABOUT_A_DRAW = re.compile(
    r"\b(?:draw|round|invit\w*|ITAs?|held|conducted|issued|took place)\b", re.IGNORECASE
)
_ORDINAL = re.compile(r"first|second|third|fourth|fifth|latter|former", re.IGNORECASE)
# a week's draws, however many ("Express Entry draws this week:", "This week's draws"): the
# parts that follow, each naming its draw's date and stating a figure, are the draws
_THE_WEEKS_DRAWS = re.compile(
    r"\b(?:draws|rounds)\s+(?:held\s+)?(?:this|last|past)\s+week\b"
    r"|\b(?:this|last|past)\s+week['\u2019]s\s+(?:[\w-]+\s+){0,2}(?:draws|rounds)\b",
    re.IGNORECASE,
)


@dataclass
class _Part:
    """One draw's part of the article: its sentences, by the paragraph they are in."""

    date: dt.date | None
    number: str | None
    paragraphs: dict[int, list[str]] = field(default_factory=dict)
    programs: set[str] = field(default_factory=set)  # those its headings (or clause) name

    def head(self, line: str, paragraph: int) -> None:
        """A heading above the part ("November 13: Canadian Experience Class (CEC)")."""
        self.add(line, paragraph)
        self.programs |= categories_in(line)

    def add(self, sentence: str, paragraph: int) -> None:
        self.paragraphs.setdefault(paragraph, []).append(sentence)

    def head_all(self, headings: Sequence[tuple[int, str]]) -> None:
        for paragraph, line in headings:
            self.head(line, paragraph)

    def is_of(self, date: dt.date | None, number: str | None) -> bool:
        return (date is not None and date == self.date) or (
            number is not None and number == self.number
        )


def several_draws(
    title: str, layout: Layout, day: dt.date | None, not_after: dt.datetime | None
) -> list[list[Finding]]:
    """What the article states of each draw it announces, in its order; none unless its
    title, first paragraph or a heading of its opening announces several ("Back-to-Back
    Draws Target Specific Skills"), and it states a cut-off or a size for at least two."""
    units, opening = layout.units, layout.opening
    first = first_paragraph(opening)
    lead = " ".join(line for unit in opening for line in unit)
    headings = [unit[0] for unit in opening if is_heading(unit)]
    # after a newsletter's word about itself, its first paragraph about a draw
    about_draws = [unit[0] for unit in opening if not is_heading(unit) and names_a_draw(unit[0])]
    said = " ".join([title, first, *about_draws[:1], *headings])
    announced = SEVERAL_DRAWS.search(said) or _THE_WEEKS_DRAWS.search(said)
    if not announced or not may_announce_several(title, sentences(first)[0], lead):
        return []
    parts = _parts(units, day, not_after)
    shared = _program_of_all(said)
    found = [
        _findings(part, day, not_after, shared) for part in parts if _held_near(part, day, parts)
    ]
    stating = [findings for findings in found if {"crs", "invitations"} & {f for f, _ in findings}]
    return stating if len(stating) >= 2 else []


def _parts(
    units: Sequence[list[str]], day: dt.date | None, not_after: dt.datetime | None
) -> list[_Part]:
    """Each draw's part: the sentences from the one naming its date or number (alone) to the
    one naming another draw's; a heading is the part's it heads, else the current one's."""
    parts: list[_Part] = []
    current: _Part | None = None
    headings: list[tuple[int, str]] = []  # short lines above the next paragraph, and where
    quiet = 0
    for index, unit in enumerate(units):
        heading = is_heading(unit)
        keys = _draw_keys(unit[0], day, not_after)
        if heading and _named_part(unit[0], keys, parts, heading) is None:
            headings.append((index, unit[0]))
            continue
        started = False
        for sentence in (sentence for line in unit for sentence in sentences(line)):
            keys = _draw_keys(sentence, day, not_after)
            of_all = _of_several(sentence)
            # each clause of a list may be one draw's ("beginning with 302 invitations for
            # PNP candidates at 761, followed by 1,000 ... CEC ... 533")
            several = of_all or len(keys[0]) > 1 or len(keys[1]) > 1
            listed = _listed_parts(sentence, parts, day, not_after) if several else []
            for part, clause in listed:
                _keep(parts, part).add(clause, index)
            if listed:
                current, started = None, True  # what follows names its draw again
                continue
            if of_all:
                continue  # "IRCC held three draws, issuing 3,574 in all": of none alone
            named = _named_part(sentence, keys, parts, heading)
            if named is not None:
                current, started = _keep(parts, named), True
                current.head_all(headings)
                headings = []
            if current is not None and heading:
                current.head(sentence, index)
            elif current is not None:
                current.add(sentence, index)
        if current is not None:
            current.head_all(headings)
        headings = []
        quiet = 0 if started else quiet + 1
        if parts and quiet >= QUIET_PARAGRAPHS:
            break
    return parts


def _keep(parts: list[_Part], part: _Part) -> _Part:
    """The part, among the article's parts from now on."""
    if part not in parts:
        parts.append(part)
    return part


def _part_of(parts: Sequence[_Part], date: dt.date | None, number: str | None) -> _Part | None:
    return next((part for part in parts if part.is_of(date, number)), None)


def _named_part(
    sentence: str, keys: tuple[list[dt.date], list[str]], parts: Sequence[_Part], heading: bool
) -> _Part | None:
    """The part a sentence begins: the draw whose date or number (``keys``) it alone names
    (a new one's if it speaks of a draw, or heads a paragraph), unless it names it after a
    turn to another draw; None if it begins none."""
    dates, numbers = keys
    if _of_several(sentence) or len(dates) > 1 or len(numbers) > 1 or not (dates or numbers):
        return None
    if _after_a_turn(sentence):
        return None
    date = dates[0] if dates else None
    number = numbers[0] if numbers else None
    known = _part_of(parts, date, number)
    # a dated heading names a draw or a program ("November 20 Draw - Focus on Healthcare"),
    # not the article's own date ("November 21, 2024 Amritpal Kaur")
    if known is None and (_ABOUT_A_DRAW.search(sentence) or (heading and categories_in(sentence))):
        return _Part(date, number)
    return known


def _listed_parts(
    sentence: str, parts: Sequence[_Part], day: dt.date | None, not_after: dt.datetime | None
) -> list[tuple[_Part, str]]:
    """The draws a sentence lists clause by clause, each with its clause: a clause naming one
    date or draw number, or one program with a figure ("followed by 1,000 invitations for
    Canadian Experience Class applicants"). A clause turning to an earlier draw ("followed
    by the previous CEC draw's 3,000") is read as any sentence is: its figures are not
    taken."""
    listed: list[tuple[_Part, str]] = []
    for clause in _LIST_CLAUSE.split(sentence):
        clause = _LIST_START.sub("", clause).strip()
        # up to what it says of them all: "..., #272, for a total of three draws"
        total = SEVERAL_DRAWS.search(clause) or _ALL_OF_THEM.search(clause)
        clause = clause[: total.start()] if total else clause
        dates, numbers = _draw_keys(clause, day, not_after)
        programs = categories_in(clause)
        if len(dates) > 1 or len(numbers) > 1 or len(programs) > 1:
            continue
        date = dates[0] if dates else None
        number = numbers[0] if numbers else None
        part = _part_of(parts, date, number)
        if part is None and (date or number or (programs and states_a_figure(clause, day))):
            part = _Part(date, number, programs=set(programs))
        if part is not None:
            listed.append((part, clause))
    return listed


def _of_several(sentence: str) -> bool:
    return bool(SEVERAL_DRAWS.search(sentence) or _ALL_OF_THEM.search(sentence))


def _draw_keys(
    sentence: str, day: dt.date | None, not_after: dt.datetime | None
) -> tuple[list[dt.date], list[str]]:
    """The distinct draw dates and numbers a sentence names (not a tie-break's date, nor one
    bounding a time: "the first draw since July 5"); with no date, the day its "on Monday",
    "yesterday" or "today" places by the article's publication."""
    dates = draw_dates(without_bounding_dates(sentence), day)
    if not dates and (found := placed([sentence], not_after)) is not None:
        dates = [found[0]]
    return list(dict.fromkeys(dates)), list(dict.fromkeys(find_numbers(sentence)))


def _after_a_turn(sentence: str) -> bool:
    """Whether the sentence turns to another draw before it names one ("an increase of 8
    points compared to the last CEC draw on October 22"); "The first one was on April 15"
    names one of the article's own."""
    key = first_mention_at(sentence)
    turns = (turn for turn in OTHER_DRAW.finditer(sentence) if turn.start() < key)
    return any(not _ORDINAL.fullmatch(turn.group()) for turn in turns)


def _held_near(part: _Part, day: dt.date | None, parts: Sequence[_Part]) -> bool:
    """Whether a part is one of the article's draws: held on or before its day, within
    ``DRAWS_APART`` of it (or, the article undated, of the other parts). A part naming its
    draw's number but no date counts in a dated article (it is placed as a draw reported
    that day is)."""
    if part.date is None:
        return (part.number is not None or bool(part.programs)) and day is not None
    if day is not None:
        return day - DRAWS_APART <= part.date <= day
    dates = [other.date for other in parts if other.date is not None]
    return max(dates) - min(dates) <= DRAWS_APART


def _program_of_all(said: str) -> str | None:
    """The one program all the article's draws were for, as it announces them ("Two PNP
    draws were held in February"); None if it names none, or more than one."""
    programs = {
        program
        for found in SEVERAL_DRAWS.finditer(said)
        for program in categories_in(found.group())
    }
    return programs.pop() if len(programs) == 1 else None


def _findings(
    part: _Part, day: dt.date | None, not_after: dt.datetime | None, shared: str | None = None
) -> list[Finding]:
    """What a part states of its draw, read as an article's opening about it; a part naming
    no program of its own is for the one all the draws were for (``shared``), if any."""
    context = AnnouncedDraw(date=part.date, number=part.number)
    findings: list[Finding] = []
    for _paragraph, said in sorted(part.paragraphs.items()):
        found = prose_findings(said, context, day, not_after)
        findings += [finding for finding, _named in found]
    keys: list[Finding] = [("date", part.date)] if part.date else []
    keys += [("number", part.number)] if part.number else []
    keys += [("category", program) for program in part.programs if len(part.programs) == 1]
    named = any(field == "category" for field, _ in [*keys, *findings])
    keys += [("category", shared)] if shared and not named else []
    return as_held([*keys, *findings], day)

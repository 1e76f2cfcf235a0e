"""An article's paragraphs, its opening and its key-facts lists.

A paragraph is a line, except a heading ending in ":" and the short or labelled lines under
it, or a run of "Label: value" lines: a key-facts list, taken whole or not at all. The
opening is what the title is followed by, up to the fourth prose paragraph.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from jobs.news.article.topic import AnnouncedDraw, off_topic, sentences
from jobs.news.categories import categories_in
from jobs.news.lines import Finding, line_findings, read_label

OPENING_PARAGRAPHS = 4  # prose paragraphs read after the title
OPENING_MAX_LINES = 40
PROSE_WORDS = 12  # a line this long is a paragraph, not a heading, a bullet or a menu
PROGRAM_WORDS = 8  # "Healthcare and social services occupations (Version 2)"
_DIGIT = re.compile(r"\d(?![^()]*\))")  # a figure, not a version's year in brackets
_BULLET = re.compile(r"^\s*(?:[-\u2022*\u25aa\u25cf\u2013]|\d{1,2}[.)])\s")  # "- ", "• ", "1. "
_DETAILS_HEADER = re.compile(
    r"\b(?:details|key facts|highlights|at a glance|summary|breakdown|as follows|criteria"
    r"|requirements)\b.*:$",
    re.IGNORECASE,
)
_OF_KINDS = re.compile(r"\b(?:draws|rounds)\b", re.IGNORECASE)  # a label naming kinds of draws
_CHANGE = re.compile(  # a key-facts line's label naming a change from another draw
    r"\b(?:increase|decrease|change|difference|drop|rise|jump|compar\w*|vs\.?|versus)\b", re.I
)


def units_of(lines: Sequence[str]) -> list[list[str]]:
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
                (headed and is_short(lines[end])) or read_label(lines[end])
            ):
                end += 1
        units.append(list(lines[start:end]))
        start = end
    return units


def is_short(line: str) -> bool:
    return len(line.split()) < PROSE_WORDS


def is_heading(unit: Sequence[str]) -> bool:
    """A short line alone, neither a list's item nor a sentence: "Second draw: French"."""
    line = unit[0]
    return len(unit) == 1 and is_short(line) and not _BULLET.match(line) and line[-1] not in ".!?"


@dataclass(frozen=True)
class Layout:
    """An article's units (see :func:`units_of`) and its opening, read once for all that
    reads the article."""

    units: list[list[str]]
    opening: list[list[str]]


def layout_of(lines: Sequence[str], title: str) -> Layout:
    units = units_of(lines)
    return Layout(units, opening_of(units, title))


def opening_of(units: Sequence[list[str]], title: str) -> list[list[str]]:
    """The units up to the fourth prose paragraph (and no more than a few dozen lines); the
    title repeated in the page, alone or ending a breadcrumb, is no paragraph."""
    opening, paragraphs, lines = [], 0, 0
    for unit in units:
        if paragraphs >= OPENING_PARAGRAPHS or lines >= OPENING_MAX_LINES:
            break
        opening.append(unit)
        prose = not is_short(unit[0]) and not _BULLET.match(unit[0])  # not a list's items
        paragraphs += prose and not _repeats(unit[0], title)
        lines += len(unit)
    return opening


def _repeats(line: str, title: str) -> bool:
    """Whether a line is the title, or a breadcrumb ending with it."""
    words = title.split()
    return bool(words) and line.split()[-len(words) :] == words


def is_key_facts(unit: Sequence[str]) -> bool:
    labelled = sum(read_label(line) is not None for line in unit)
    return labelled >= 2 or (len(unit) > 1 and bool(_DETAILS_HEADER.search(unit[0])))


def first_paragraph(opening: Sequence[list[str]]) -> str:
    return next((unit[0] for unit in opening if not is_short(unit[0])), "")


def _prose_heading(unit: Sequence[str]) -> str | None:
    """A paragraph heading a key-facts list ("On July 5, IRCC held ... Key details of the
    draw are:"): read as prose, as any paragraph is."""
    return unit[0] if len(unit) > 1 and not is_short(unit[0]) and not read_label(unit[0]) else None


def _a_change(line: str) -> bool:
    """A key-facts line giving a change from another draw ("Increase in Cut-off Score: 23
    points higher than the previous draw", "Change vs. last draw: -5")."""
    label = read_label(line)
    return label is not None and bool(_CHANGE.search(line[: -len(label[1])]))


def prose_of(unit: Sequence[str]) -> list[str]:
    """The lines of a unit read as prose: a paragraph's, or a key-facts list's heading when it
    is a paragraph."""
    if not is_key_facts(unit):
        return list(unit)
    heading = _prose_heading(unit)
    return [heading] if heading else []


def program_above(unit: Sequence[str]) -> Finding | None:
    """The category a line names alone above a key-facts list, as IRCC's own page heads a
    round's figures ("Provincial Nominee Program", then "Number of invitations issued: 521")."""
    line = unit[0]
    keys = categories_in(line)
    alone = len(unit) == 1 and len(line.split()) <= PROGRAM_WORDS and not _DIGIT.search(line)
    return ("category", next(iter(keys))) if alone and len(keys) == 1 else None


def key_facts_findings(
    unit: Sequence[str],
    context: AnnouncedDraw,
    day: dt.date | None,
    not_after: dt.datetime | None,
    program: Finding | None = None,
) -> list[Finding]:
    """A key-facts list describes one draw: all of it is taken, or none if any line (or the
    sentence introducing it) turns to another draw or disagrees. A line giving a change from
    another draw ("Increase: 23 points higher than the previous draw") is left out, and so
    are the sentences that comment on a line's figure ("Invitations: 3,300 were issued. We
    see a trend ...")."""
    heading, *items = unit
    if any(read_label(line) and _OF_KINDS.search(line.partition(":")[0]) for line in unit):
        return []  # a glossary of kinds of draws ("General rounds: invite ..."), no draw's facts
    paragraph = _prose_heading(unit)
    lines = [sentences(line)[0] for line in items if not _a_change(line)]
    introduced = sentences(paragraph)[-1] if paragraph else heading
    if any(off_topic(line, context, day) for line in [introduced, *lines]):
        return []
    lines = lines if paragraph else [heading, *lines]
    findings = [found for line in lines for found in line_findings(line, day, not_after)]
    findings = [program, *findings] if program else findings
    known = {"category": context.category, "date": context.date, "number": context.number}
    if any(known.get(field) not in (None, value) for field, value in findings):
        return []
    context.learn(findings)
    return findings

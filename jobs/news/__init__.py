"""Reading a news article about a round of invitations into a :class:`DrawReport`.

Precision before recall: figures are taken only from what the article says of the draw it
announces (:mod:`.article`); figures that disagree are reported as contradictions, never
chosen between (:mod:`.grade`); tables add other rounds only when they list them complete,
with their numbers (:mod:`.tables`). An article announcing several draws of one week gives a
report for each, read from its own part (:mod:`.article.several`). An article about a
province's own draw gives a report for each stream it gives figures for
(:mod:`.provincial`), never a federal draw. IRCC's Ministerial Instructions for a round,
quoted whole or reworded, are read by their own wording (:mod:`.instructions`). The page is
turned into lines by :mod:`.html`, and what each line states is read by :mod:`.lines`. An
article in French is read as English once :mod:`.french` has put its phrases, figures and
dates in English; other languages are not read.
"""

import datetime as dt
import re
from dataclasses import dataclass

from core.reports import DrawReport
from jobs.news.announcement import without_site_name
from jobs.news.article import draw_findings, layout_of, several_draws
from jobs.news.french import Language, language_of, to_english
from jobs.news.grade import reconcile, report_of, table_report
from jobs.news.html import CELL_SEPARATOR, html_to_text
from jobs.news.instructions import instructions_findings
from jobs.news.lines import labelled_cells, with_values_labelled, without_dateline
from jobs.news.provincial import ProvincialReport, provincial_reports
from jobs.news.tables import read_tables

__all__ = ["DrawReport", "Extraction", "ProvincialReport", "extract", "html_to_text"]

MAX_BODY = 500_000  # characters; an article's draw is in its first pages
OPENING_LINES = 40  # lines of the body that, with the title, tell the article's language
DATELINES = 3  # the first lines, where a dateline may open the article


@dataclass(frozen=True)
class Extraction:
    """What one article gives: the draw it announces, and complete rounds its tables list."""

    main: DrawReport | None  # None: the article announces no draw of Express Entry
    table: tuple[DrawReport, ...]  # the main draw's row included when the table lists it
    provincial: tuple[ProvincialReport, ...] = ()  # a province's draw, a report a stream
    others: tuple[DrawReport, ...] = ()  # the article's other draws, when it announces several


# "Immigration, Refugees and Citizenship Canada": its commas part no clauses
_DEPARTMENT = re.compile(
    r"Immigration,\s+R[eé]fugi\w+,?\s+(?:and|et)\s+Citi?\w+\s+Canada", re.IGNORECASE
)


def _without_commas(match: re.Match[str]) -> str:
    return match.group().replace(",", "")


# abbreviations written with dots: "S.T.E.M. occupations", "the minimum C.R.S. score"; the
# last dot may end a sentence ("invited by I.R.C.C. The cut-off ...")
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}(?![A-Za-z])(?P<end>(?=\s+[A-Z]))?")


def _without_dots(match: re.Match[str]) -> str:
    return match.group().replace(".", "") + ("." if match["end"] is not None else "")


def extract(title: str, body: str, published: dt.datetime | None) -> Extraction:
    """The draw an article announces (main=None if none), and the complete rounds it tables."""
    lines = [line for line in html_to_text(body[:MAX_BODY]).splitlines() if line]
    # none: the opening's first sentence naming a draw heads it
    title = without_site_name(" ".join(title.split()))
    language = language_of(" ".join([title, *lines[:OPENING_LINES]]))
    if language is Language.OTHER:
        return Extraction(main=None, table=())
    if language is Language.FRENCH:
        title, lines = to_english(title), [to_english(line) for line in lines]
    lines = [without_dateline(line) for line in lines[:DATELINES]] + lines[DATELINES:]
    lines = [_DOTTED.sub(_without_dots, _DEPARTMENT.sub(_without_commas, line)) for line in lines]
    title = _DOTTED.sub(_without_dots, title)
    instructed = instructions_findings(title, lines)
    if instructed:
        first, *others = (report_of(found) for found in instructed)
        return Extraction(main=first, table=(), others=tuple(others))
    day = published.date() if published else None
    not_after = published.replace(tzinfo=published.tzinfo or dt.UTC) if published else None
    rows, table_lines = read_tables(lines, day)
    # a table's other rows are no prose; a row of a label and its value is a key-facts line
    out_of_tables = (
        labelled_cells(line) if CELL_SEPARATOR in line else line
        for index, line in enumerate(lines)
        if index not in table_lines
    )
    prose = with_values_labelled([line for line in out_of_tables if line])
    table = tuple(table_report(row) for row in rows)
    layout = layout_of(prose, title)
    several = several_draws(title, layout, day, not_after)
    if several:
        first, *others = (reconcile(report_of(found), table) for found in several)
        return Extraction(main=first, table=table, others=tuple(others))
    findings = draw_findings(title, layout, day, not_after)
    if findings is None:
        provincial = provincial_reports(title, lines, day) or []
        return Extraction(main=None, table=(), provincial=tuple(provincial))
    return Extraction(main=reconcile(report_of(findings), table), table=table)

"""Reading a news article about a province's own draw into provincial reports.

An article counts when its headline (the title, or the opening's first sentence naming a
draw) names a draw and exactly one province, and is no forecast, guide, review nor pause.
Its figures are taken stream by stream, precision before recall: a sentence, a key-facts
line or a table row that names streams of that province gives them the minimum score and
the count it states; a line naming one stream and no figure makes the figures of the lines
under it that stream's. A sentence that turns to another draw (previous, next, this year's
totals) counts only up to that clause, and a heading about other draws ends the reading.
Two different figures for one stream are a contradiction, never chosen between. A stream
the article names in words the province's tables do not know is not reported. Which
province and streams the words name is :mod:`jobs.news.naming`'s part; what figures they
state, :mod:`jobs.news.stated`'s; how the lines are read, stream by stream, :mod:`.reading`'s.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.provinces.registry import STREAMS_OF
from core.provinces.values import ProvincialDraw
from jobs.news.announcement import FEDERAL_DRAW, headline
from jobs.news.article import sentences
from jobs.news.html import CELL_SEPARATOR
from jobs.news.naming import StreamFinder, the_province
from jobs.news.provincial.reading import Findings, Reading
from jobs.news.when import find_dates

MAX_LINES = 80  # an article's draw is in its first lines; further down are other draws

_DRAW = re.compile(
    r"\b(?:draws?|rounds?|invit\w*|ITAs?|LAAs?|letters? of advice|NOIs?|notifications? of"
    r" interest|selects?|selected)\b",
    re.IGNORECASE,
)
_NOT_A_DRAW = re.compile(
    r"\b(?:how to|guide|tips|explained|forecast\w*|predict\w*|expect\w*|will|could|would"
    r"|should|next|upcoming|set to|to hold|review|recap|round[- ]?up|so far|statistics|stats"
    r"|trends|analysis|allocations?|paus\w*|suspend\w*|clos\w*|quota|levels? plan|changes"
    r"|weekly|monthly|this week|this month|\d+ draws|bilan|summary|tally|year-to-date"
    r"|cumulative)\b",
    re.IGNORECASE,
)
_IN_A_MONTH = re.compile(
    r"\bin (?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b(?!\s+\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ProvincialReport:
    """What an article says of one stream's draw. ``dated``: the article states the draw's
    date (else its publication date stands for it)."""

    draw: ProvincialDraw
    dated: bool
    contradictions: tuple[str, ...] = ()

    @property
    def confident(self) -> bool:
        """A score or a count stated for the stream, and nothing contradicting it."""
        figures_given = self.draw.min_score is not None or self.draw.invitations is not None
        return figures_given and not self.contradictions


def provincial_reports(
    title: str, lines: Sequence[str], published: dt.date | None
) -> list[ProvincialReport] | None:
    """The reports of the province's draw an article announces, a stream each; None if the
    article announces no provincial draw."""
    lines = list(lines[:MAX_LINES])
    prose = [line for line in lines if CELL_SEPARATOR not in line]
    lead = [sentence for line in prose[:6] for sentence in sentences(line)]
    first = headline(title, lead)
    if first is None or not _DRAW.search(first) or _NOT_A_DRAW.search(first):
        return None
    opening = lead[0] if lead else ""
    if FEDERAL_DRAW.match(first) or FEDERAL_DRAW.match(opening):
        return None  # IRCC's draw, whose nominees a province named in passing had chosen
    province = the_province(first) or the_province(opening)
    day = _article_date(first, lead, published)
    if province is None or (day is None and _IN_A_MONTH.search(first)):
        return None  # no province, or a month's draws told together ("issued in March")
    reading = Reading(StreamFinder(STREAMS_OF.get(province, ())), published)
    reading.sentence(title)
    reading.body(lines)
    if not reading.found:
        return None
    return [_report(province, findings, day, published) for findings in reading.streams_read()]


def _article_date(first: str, lead: Sequence[str], published: dt.date | None) -> dt.date | None:
    """The draw's date as the headline or the opening states it (on or before publication)."""
    for text in (first, *lead[:4]):
        dates = [day for day in find_dates(text, published) if not published or day <= published]
        if dates:
            return dates[0]
    return None


def _report(
    province: str, findings: Findings, day: dt.date | None, published: dt.date | None
) -> ProvincialReport:
    scores = list(dict.fromkeys(findings.scores))
    counts = list(dict.fromkeys(findings.counts))
    dates = list(dict.fromkeys(findings.dates))
    contradictions = tuple(
        f"{label}: {' and '.join(map(str, values))}"
        for label, values in (("min_score", scores), ("invitations", counts), ("date", dates))
        if len(values) > 1
    )
    when = dates[0] if dates else day
    draw = ProvincialDraw(
        province=province,
        stream=findings.stream.key,
        stream_name=findings.stream.names[0],
        date=when or published or dt.date.min,
        invitations=counts[0] if counts else None,
        min_score=scores[0] if scores else None,
        scale=findings.stream.scale,
    )
    undated = when is None and published is None
    return ProvincialReport(
        draw,
        dated=when is not None,
        contradictions=contradictions + (("date: unknown",) if undated else ()),
    )

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
province and streams the words name is :mod:`.naming`'s part; what figures they state,
:mod:`.stated`'s.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.provinces import figures
from core.provinces.registry import STREAMS_OF
from core.provinces.values import Invitations, ProvincialDraw, Scale, Stream
from jobs.news.announcement import headline
from jobs.news.article import CLAUSE_END, OTHER_DRAW, sentences
from jobs.news.html import CELL_SEPARATOR
from jobs.news.lines import find_dates, read_label
from jobs.news.naming import StreamFinder, the_province
from jobs.news.stated import LABELLED, Stated, figures_in, list_of

MAX_LINES = 80  # an article's draw is in its first lines; further down are other draws

_DRAW = re.compile(
    r"\b(?:draws?|rounds?|invit\w*|ITAs?|LAAs?|letters? of advice|NOIs?|notifications? of"
    r" interest|selects?|selected)\b",
    re.IGNORECASE,
)
_NOT_A_DRAW = re.compile(
    r"\b(?:how to|guide|tips|explained|forecast\w*|predict\w*|expect\w*|will|could|would"
    r"|should|next|upcoming|set to|to hold|review|recap|round-?up|so far|statistics|stats"
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
_OTHER_DRAWS_HEADING = re.compile(
    r"\b(?:previous|earlier|past|recent|other|more|related|history|also read|see also"
    r"|read more|last|archive)\b",
    re.IGNORECASE,
)
_CRS = re.compile(r"\bCRS\b|comprehensive ranking", re.IGNORECASE)
_EACH = re.compile(r"\beach\b", re.IGNORECASE)
_CLAUSE = re.compile(r",\s+(?:and|while|whereas)\s+|[,;]\s|\s[\u2013\u2014-]\s|\s+while\s+")
_ANOTHER_SUBJECT = re.compile(  # not "this draw", "the same stream"
    r"(?<!\bthis )(?<!\bthat )(?<!\bsame )"
    r"\b(?:draws?|streams?|categor(?:y|ies)|targeted|sectors?|pathways?|sub-?categor\w*"
    r"|volets?|filières?|catégories?|voies?)\b",
    re.IGNORECASE,
)
# Before a stream's one-word name: the word for a stream ("the stream Tech", "volet Tech").
_PROFILE_DATES = re.compile(
    r"\b(?:between|from)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?"
    r"\s+(?:and|to)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?"
)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


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


@dataclass
class _Findings:
    """What the article states of one stream so far."""

    stream: Stream
    scores: list[int] = field(default_factory=list)
    counts: list[Invitations] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)


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
    province = the_province(first) or the_province(lead[0] if lead else "")
    day = _article_date(first, lead, published)
    if province is None or (day is None and _IN_A_MONTH.search(first)):
        return None  # no province, or a month's draws told together ("issued in March")
    reading = _Reading(StreamFinder(STREAMS_OF.get(province, ())), published)
    reading.sentence(title)
    reading.body(lines)
    if not reading.found:
        return None
    return [_report(province, findings, day, published) for findings in reading.streams_read()]


class _Reading:
    """One article's findings, stream by stream, as its lines are read in order."""

    def __init__(self, streams: "StreamFinder", published: dt.date | None) -> None:
        self.streams, self.published = streams, published
        self.found: dict[str, _Findings] = {}
        self.general: list[Stated] = []  # figures said of no stream in particular
        self.current: list[Stream] = []  # the streams the next lines speak of
        self.list_of = ""  # what a list's bare numbers are: "count", "score" or ""

    def body(self, lines: Sequence[str]) -> None:
        rows = [line for line in lines if CELL_SEPARATOR in line]
        for line in lines:
            if _is_heading(line) and _OTHER_DRAWS_HEADING.search(line):
                break
            if CELL_SEPARATOR in line:
                continue  # rows are read by _read_table
            named = self.streams.find(line)
            stated = figures_in(line, self.list_of)
            if len(named) == 1 and _is_heading(line) and not (stated.scores or stated.counts):
                self.current = named  # a stream's heading: the lines under it are its
                continue
            if line.rstrip().endswith(":"):
                self.list_of = list_of(line)
            if not _is_heading(line) and named:
                self.current = []
            for sentence in sentences(line):
                self.sentence(sentence)
        _read_table(rows, self.streams, self.found, self.published)

    def sentence(self, sentence: str) -> None:
        """File what one sentence (or key-facts line) states."""
        labelled = read_label(sentence)
        if labelled is not None and not self.streams.find(sentence.partition(":")[0]):
            self._labelled(*labelled)
            return
        sentence = _on_topic(_PROFILE_DATES.sub("", sentence))
        named = self.streams.find(sentence)
        if not named:
            stated = figures_in(sentence, self.list_of)
            if not (stated.scores or stated.counts):
                return
            if self._continues(sentence) or (stated.everyone and self.current):
                self._file(self.current, stated, sentence, carried=True)
            else:
                self.general.append(stated)
            return
        per_clause = [
            (streams, stated)
            for clause in _clauses(sentence)
            if len(streams := self.streams.find(clause)) == 1
            and ((stated := figures_in(clause)).scores or stated.counts)
            and not stated.total
        ]
        if len(named) > 1 and len(per_clause) == len(named):
            for streams, stated in per_clause:  # "136 under Express Entry, and 123 under ..."
                self._file(streams, stated, sentence)
        else:
            self._file(named, figures_in(sentence, self.list_of), sentence)
        self.current = named

    def _continues(self, sentence: str) -> bool:
        """Whether a sentence naming no stream goes on about the streams just named ("The
        minimum score was 76."), rather than about a draw of its own."""
        return bool(self.current) and not _ANOTHER_SUBJECT.search(sentence)

    def _labelled(self, field: str, value: str) -> None:
        """A key-facts line: "Stream: Human Capital Priorities", "Minimum score: 88"."""
        if field == "category":
            self.current = self.streams.find(value) or self.current
            return
        reading = LABELLED.get(field)
        if reading is not None:
            self._file(self.current, reading(value), value)

    def _file(
        self, streams: Sequence[Stream], stated: Stated, sentence: str, carried: bool = False
    ) -> None:
        """File figures said of these streams (``carried``: named in an earlier sentence,
        so that a total there is not theirs)."""
        if not streams:
            if stated.scores or stated.counts:
                self.general.append(stated)
            return
        scores = stated.scores if len(streams) == 1 or not stated.ranged else []
        if _CRS.search(sentence) and any(stream.scale is not Scale.CRS for stream in streams):
            scores = []  # a CRS cut-off, on another scale than the streams' own
        dates = [
            day
            for day in find_dates(sentence, self.published)
            if not self.published or day <= self.published
        ]
        entries = [self.found.setdefault(stream.key, _Findings(stream)) for stream in streams]
        if len(entries) == 1:
            entries[0].scores += scores
            entries[0].counts += [] if stated.total and carried else stated.counts
        elif _RESPECTIVELY.search(sentence):
            _pair(entries, scores, stated.counts)
        else:  # one score said of them all; a count only if said of each
            for entry in entries:
                entry.scores += scores if len(set(scores)) == 1 else []
                each = len(stated.counts) == 1 and _EACH.search(sentence)
                entry.counts += stated.counts if each else []
        for entry in entries:
            entry.dates += dates

    def streams_read(self) -> list[_Findings]:
        """Each stream's findings, with the figures said of no stream in particular: those
        said of every stream go to each, the others to the article's only stream."""
        found = list(self.found.values())
        for stated in self.general:
            if len(found) == 1 or stated.everyone:
                for entry in found:
                    entry.scores += stated.scores
                    entry.counts += stated.counts if len(found) == 1 and not stated.total else []
        return found


def _pair(entries: Sequence[_Findings], scores: list[int], counts: list[Invitations]) -> None:
    """ "... minimum scores of 97 and 76 respectively": the figures, stream by stream."""
    if len(scores) == len(entries):
        for entry, score in zip(entries, scores, strict=True):
            entry.scores.append(score)
    if len(counts) == len(entries):
        for entry, count in zip(entries, counts, strict=True):
            entry.counts.append(count)


def _clauses(sentence: str) -> list[str]:
    """A sentence's clauses: parted by commas, semicolons, dashes and ", and"."""
    return [part for part in _CLAUSE.split(sentence) if part.strip()]


def _is_heading(line: str) -> bool:
    return len(line.split()) <= 8 and not line.rstrip().endswith(".")


def _on_topic(sentence: str) -> str:
    """The sentence up to the clause where it turns to another draw (all of it if it never does)."""
    if not OTHER_DRAW.search(sentence):
        return sentence
    start = ""
    for clause_end in CLAUSE_END.finditer(sentence):
        if OTHER_DRAW.search(sentence[: clause_end.start()]):
            break
        start = sentence[: clause_end.start()]
    return start


# A key-facts line's value, by the field its label names ("Minimum score: 88").


_COLUMNS = (
    ("score", re.compile(r"score|points|crs|minimum|cut-?off|ranking", re.I)),
    ("count", re.compile(r"invitations|itas?\b|laas?\b|number|issued|invited|letters", re.I)),
    ("date", re.compile(r"\bdate\b", re.I)),
)


def _read_table(
    rows: Sequence[str],
    streams: StreamFinder,
    found: dict[str, _Findings],
    published: dt.date | None,
) -> None:
    """Rows of a table whose header names a score or a count column: each row naming one
    stream gives it the figures in those columns."""
    columns: dict[str, int] = {}
    for row in rows:
        cells = [cell.strip() for cell in row.split(CELL_SEPARATOR)]
        named = streams.find(row)
        if not named and not any(char.isdigit() for char in row):
            columns = _header(cells)
            continue
        if len(named) != 1 or not columns:
            continue
        entry = found.setdefault(named[0].key, _Findings(named[0]))
        cell = {role: cells[index] for role, index in columns.items() if index < len(cells)}
        if (score := figures.lowest_score(cell.get("score", ""))) is not None:
            entry.scores.append(score)
        if (count := figures.count(cell.get("count", ""))) is not None:
            entry.counts.append(count)
        entry.dates += find_dates(cell.get("date", ""), published)


def _header(cells: Sequence[str]) -> dict[str, int]:
    """Which column holds the score, the count and the date (the first that names each)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        for role, pattern in _COLUMNS:
            if role not in columns and pattern.search(cell):
                columns[role] = index
                break
    return columns


def _article_date(first: str, lead: Sequence[str], published: dt.date | None) -> dt.date | None:
    """The draw's date as the headline or the opening states it (on or before publication)."""
    for text in (first, *lead[:4]):
        dates = [day for day in find_dates(text, published) if not published or day <= published]
        if dates:
            return dates[0]
    return None


def _report(
    province: str, findings: _Findings, day: dt.date | None, published: dt.date | None
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

"""How a provincial draw article is read, line by line: which stream each sentence, key-facts
line or table row speaks of, and the figures it states for it."""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.provinces import figures
from core.provinces.values import Invitations, Scale, Stream
from jobs.news.article import CLAUSE_END, OTHER_DRAW, sentences
from jobs.news.html import CELL_SEPARATOR
from jobs.news.lines import read_label
from jobs.news.naming import StreamFinder
from jobs.news.stated import LABELLED, Stated, figures_in, list_of
from jobs.news.when import find_dates

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
# "profiles created between July 2 and September 2, 2025": not the draw's date, nor another draw.
_PROFILE_DATES = re.compile(
    r"\b(?:between|from)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?"
    r"\s+(?:and|to)\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?"
)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


@dataclass
class Findings:
    """What the article states of one stream so far."""

    stream: Stream
    scores: list[int] = field(default_factory=list)
    counts: list[Invitations] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)


class Reading:
    """One article's findings, stream by stream, as its lines are read in order."""

    def __init__(self, streams: "StreamFinder", published: dt.date | None) -> None:
        self.streams, self.published = streams, published
        self.found: dict[str, Findings] = {}
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
        entries = [self.found.setdefault(stream.key, Findings(stream)) for stream in streams]
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

    def streams_read(self) -> list[Findings]:
        """Each stream's findings, with the figures said of no stream in particular: those
        said of every stream go to each, the others to the article's only stream."""
        found = list(self.found.values())
        for stated in self.general:
            if len(found) == 1 or stated.everyone:
                for entry in found:
                    entry.scores += stated.scores
                    entry.counts += stated.counts if len(found) == 1 and not stated.total else []
        return found


def _pair(entries: Sequence[Findings], scores: list[int], counts: list[Invitations]) -> None:
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


# A table's columns, by what their header names.
_COLUMNS = (
    ("score", re.compile(r"score|points|crs|minimum|cut-?off|ranking", re.I)),
    ("count", re.compile(r"invitations|itas?\b|laas?\b|number|issued|invited|letters", re.I)),
    ("date", re.compile(r"\bdate\b", re.I)),
)


def _read_table(
    rows: Sequence[str],
    streams: StreamFinder,
    found: dict[str, Findings],
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
        entry = found.setdefault(named[0].key, Findings(named[0]))
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

"""Reading MPNP's news feed (immigratemanitoba.com, RSS) into Manitoba's draws.

Each draw is a post ("EOI Draw No. 14", "Expression of Interest Draw #171", "Special
Immigration Measure - Ukraine Draw #11") giving, for each stream (a heading) and sub-pool (a
sub-heading), the Letters of Advice to Apply issued and the ranking score of the
lowest-ranked candidate invited. Other posts are program news: they yield nothing. Layouts:

- 2015-2017: "EOI Draw #14 - March 9, 2016" in the body (the draw's date), two streams in
  bold capitals, each figure a bold list item.
- 2018: Skilled Workers Overseas split by pathway (Manitoba Express Entry Pathway, Strategic
  Recruitment Initiative), each with its count and score.
- 2019-2022: three stream headings (the International Education Stream without a score),
  "Of the N Letters of Advice to Apply issued in this draw, M were issued to candidates who
  declared a valid Express Entry ...", then Notes, never read for figures.
- 2023-2025: sub-selections under a stream (occupation-specific, all occupations, close
  relative, completed post-secondary study, region-specific), each with its figures.
- 2025-2026: one Skilled Worker Stream listing its recruitment initiatives' counts, at times
  with no count but the draw's total; a number split across tags is read whole.

A sub-pool is a draw of its own (its stream's key and heading, its own count and score), its
name the note after the draw's number ("Draw #171", "Occupation-specific selection"): draws
of one stream on one day differ by it. The draw's total and Express Entry share stay the
sentence the province wrote, a note on each of the post's draws, never split nor added up; a
stream takes the total as its count only as the post's only stream. An initiative's count
("Employer Services: 10") is a note; a bound ("<5", "fewer than 10") stays one. The date is
the one the post writes, else the day it was published, in Manitoba. A sub-pool whose figures
cannot be read is skipped and named in ``problems``; draw posts none of which gives a figure
(a feed of summaries only, a new layout) are Unreadable.
"""

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import feedparser

from core.provinces import figures
from core.provinces.manitoba import PROVINCE, known_stream, stream_of
from core.provinces.values import ProvincialDraw
from jobs.provinces import ProvincePage
from jobs.provinces.blocks import Block, blocks_of
from jobs.source import Unreadable

MANITOBA_TIME = ZoneInfo("America/Winnipeg")

_DASHES = "\u2013\u2014-"  # en dash, em dash, hyphen
_NUMBERED = r"\bDraw\s*(?:#|No\.?)\s*(?P<number>\d+)"
_DRAW_POST = re.compile(_NUMBERED, re.IGNORECASE)
_DAY = r"(?P<day>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
_WRITTEN_DATES = (
    re.compile(rf"{_NUMBERED}\s*[{_DASHES}]+\s*{_DAY}", re.IGNORECASE),
    re.compile(rf"\b(?:date of (?:the )?draw|draw date)\s*[:{_DASHES}]?\s*{_DAY}", re.I),
)
_COUNT_LINE = re.compile(
    r"^(?:total\s+)?(?:number of\s+)?(?:letters of advice to apply|LAAs)(?:\s*\(LAAs?\))?"
    rf"\s+issued\s*[:{_DASHES}]+\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SCORE_LINE = re.compile(
    r"^(?:ranking\s+)?score of (?:the\s+)?lowest[\s-]+ranked candidates?(?:\s+invited)?"
    rf"\s*[:{_DASHES}]+\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_TOTAL = re.compile(
    r"\bOf the\s+(?P<total>\d[\d,]*)\s+Letters of Advice to Apply issued in this draw", re.I
)
_LISTED = re.compile(r"^(?P<name>[^:]{2,160}):\s*(?P<count>\d[\d,]*)$")
_NOTES = re.compile(r"^notes?\b", re.IGNORECASE)
_LOWEST_RANKING = 10  # a ranking score has two digits at least: "5" alone is garbled


@dataclass
class _Pool:
    """A stream, or one sub-pool of it, as the post gives it: its figures as written."""

    stream: str | None  # the stream's heading, as published
    name: str | None = None  # the sub-pool's heading
    count: str | None = None
    score: str | None = None
    notes: list[str] = field(default_factory=list)
    initiatives: bool = False  # lists its strategic recruitment initiatives' counts

    @property
    def gave_figures(self) -> bool:
        return self.count is not None or self.score is not None or self.initiatives

    def own_notes(self) -> list[str]:
        """Its sub-pool's name first, then the words that came with its figures."""
        return ([self.name] if self.stream and self.name else []) + self.notes


def read(body: bytes) -> ProvincePage:
    """The draws MPNP's feed lists; Unreadable when the body is not a feed, or when its
    draw posts give no figures at all."""
    parsed = feedparser.parse(body)
    page = ProvincePage()
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise Unreadable(f"not an RSS or Atom feed ({parsed.get('bozo_exception')!r})")
    if parsed.bozo:
        page.problems.append(f"malformed feed ({parsed.get('bozo_exception')!r}); read anyway")
    posts = [entry for entry in parsed.entries if _DRAW_POST.search(_title(entry))]
    for entry in posts:
        _read_post(entry, page)
    if posts and not page.draws:
        raise Unreadable(f"no draw table found: no figures in any of the {len(posts)} draw "
                         f"posts, the first {_title(posts[0])!r}")  # fmt: skip
    return page


def _title(entry: Any) -> str:
    return " ".join(str(entry.get("title") or "").split())


def _read_post(entry: Any, page: ProvincePage) -> None:
    title = _title(entry)
    reader = _PostReader(title)
    for block in blocks_of(_markup(entry)):
        if not reader.read(block):
            break
    day, pools = reader.day or _published_day(entry), reader.pools()
    if day is None or not pools:
        page.problems.append(f"{title}: " + ("no date" if pools else "no figures in the post"))
        return
    number = _DRAW_POST.search(title)
    first_notes = [f"Draw #{number['number']}"] if number else []
    for pool in pools:
        draw = _draw(pool, title, day, [*first_notes, *pool.own_notes(), *reader.notes])
        if isinstance(draw, ProvincialDraw):
            page.draws.append(draw)
        else:
            page.problems.append(draw)


def _markup(entry: Any) -> str:
    """The post's full content; its summary only when the feed carries no content."""
    contents = [str(content.get("value") or "") for content in entry.get("content") or []]
    return "\n".join(contents) or str(entry.get("summary") or "")


def _published_day(entry: Any) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), UTC).astimezone(MANITOBA_TIME).date()


class _PostReader:
    """Reads a post's lines in order into its pools, its draw-wide notes and its date."""

    def __init__(self, title: str) -> None:
        self.day = _written_day(title)
        self.notes: list[str] = []  # sentences about the whole draw
        self.total: int | None = None
        self._pools = [_Pool(stream=None)]
        self._waiting: list[str] = []  # paragraphs not yet known to lead or close a pool

    def read(self, block: Block) -> bool:
        """Take one line; False once the figures are over (the Notes)."""
        text = block.text
        if block.heading and _NOTES.match(text):
            return False
        if (count := _COUNT_LINE.match(text)) is not None:
            self._figure("count", count["value"])
        elif (score := _SCORE_LINE.match(text)) is not None:
            self._figure("score", score["value"])
        elif (total := _TOTAL.search(text)) is not None:
            self.total = int(total["total"].replace(",", ""))
            self.notes.append(text)
        elif (day := _written_day(text)) is not None:
            self.day = self.day or day
        elif block.heading:
            self._heading(text)
        elif block.item and (listed := _LISTED.match(text)) is not None:
            self._listed(text, listed["name"], listed["count"])
        else:
            self._waiting.append(text)
        return True

    def pools(self) -> list[_Pool]:
        """The pools that gave figures; the only one takes the draw's total if it gave no
        count of its own."""
        self._settle()
        pools = [pool for pool in self._pools if pool.gave_figures]
        if len(pools) == 1 and pools[0].count is None and self.total is not None:
            pools[0].count = f"{self.total:,}"
            pools[0].notes.append("count: the draw's total")
        return pools

    def _figure(self, kind: str, value: str) -> None:
        pool = self._pools[-1]
        if getattr(pool, kind) is not None or (kind == "count" and pool.score is not None):
            pool = _Pool(pool.stream, pool.name)  # the next pool under the same heading
            self._pools.append(pool)
        pool.notes += self._waiting
        self._waiting = []
        setattr(pool, kind, value.strip())

    def _listed(self, text: str, name: str, count: str) -> None:
        """A list item "Name: N": a stream's count if it names a stream, else a recruitment
        initiative's, a note of the draw of the stream being read."""
        if known_stream(name) is not None:
            self._heading(name)
            self._figure("count", count)
            return
        self._settle()
        self._pools[-1].notes.append(text)
        self._pools[-1].initiatives = True

    def _heading(self, text: str) -> None:
        """A stream's heading opens it; any other heading opens a sub-pool of the stream
        being read, and so does a pathway's name under its stream's heading or beside
        another sub-pool of it (not beside a pathway of it that gave figures)."""
        self._settle()
        current, stream = self._pools[-1], known_stream(text)
        parent = current.stream
        under_it = parent is not None and known_stream(parent) is stream
        if stream is not None and not (under_it and (current.name or not current.gave_figures)):
            self._pools.append(_Pool(stream=text))
        else:
            self._pools.append(_Pool(stream=parent, name=text))

    def _settle(self) -> None:
        """Paragraphs read since the last figure belong to the pool they follow."""
        self._pools[-1].notes += self._waiting
        self._waiting = []


def _draw(pool: _Pool, title: str, day: date, notes: list[str]) -> ProvincialDraw | str:
    """The pool's draw, or the problem that keeps it from being one."""
    name = pool.stream or pool.name or _stream_in_title(title)
    row = f"{title}: {name} / {pool.name}: count {pool.count!r}, score {pool.score!r}"
    invitations = None if pool.count is None else figures.count(pool.count, leading=True)
    score = None if pool.score is None else figures.score(pool.score, leading=True)
    score = None if score is None or score < _LOWEST_RANKING else score
    if name is None:
        return f"figures under no stream: {row[:200]}"
    garbled_score = pool.score is not None and score is None and not figures.not_given(pool.score)
    if (pool.count is not None and invitations is None) or garbled_score:
        return f"unreadable figure, skipped: {row[:200]}"
    if invitations is None and score is None:
        return f"no count nor score, skipped: {row[:200]}"
    stream = stream_of(name)
    return ProvincialDraw(
        PROVINCE, stream.key, name, day, invitations, score, stream.scale,
        tuple(dict.fromkeys(notes)), selection=pool.name if pool.stream and pool.name else "",
    )  # fmt: skip


def _stream_in_title(title: str) -> str | None:
    """The stream a title names besides its draw ("Special Immigration Measure - Ukraine")."""
    name = re.sub(rf"{_NUMBERED}.*$|\b(?:EOI|Expression of Interest)\b", "", title, flags=re.I)
    return name.strip(f" :{_DASHES}") or None


def _written_day(text: str) -> date | None:
    """The draw's date where a line writes it ("EOI Draw #14 - March 9, 2016")."""
    found = (pattern.search(text) for pattern in _WRITTEN_DATES)
    days = (figures.date_of(match["day"]) for match in found if match is not None)
    return next((day for day in days if day is not None), None)

"""Reading BC PNP's "Invitations to apply" page (welcomebc.ca) into provincial draws.

Its Skills Immigration and Entrepreneur Immigration draws are HTML tables, found wherever
they are by what their headers mean (a date, a stream or draw type, a score or a count); a
table of anything else, like the registration pool by score range, is left alone. Known:

- 2025-2026: Date | ITA type | Selection factors | Minimum score | Number of invitations,
  the header in ordinary cells; a wage route's score is "N/A".
- 2024: Date | Draw type | Stream | Minimum Score | Number of invitations.
- 2022-2023: Date | Number of Invitations | Stream | Minimum Score | Description.
- 2020-2021: Date | Number of Invitations | Category | Minimum Score | Other Considerations,
  the latest draw repeated in the table of the year's draws.
- Entrepreneur Immigration: Date | Stream | (Minimum) Score | Number of Invitations, in any
  order ("Base", "Regional Pilot", "Entrepreneur Immigration - Base Category").

A cell spanning rows (rowspan) applies to each. A general draw's row is read by its stream,
a targeted draw's by its sector (``core.provinces.bc.row_stream``); the draw type, the
streams it was open to and the selection factors are kept as notes.

- "<5", "less than 5", "fewer than 5" is a count fewer than 5, never a number.
- A count shared by several streams (one cell over a general draw's rows) is kept once, on
  the first of them; each stream sharing it has the note "N invitations shared by ...".
- Rows of one stream on one day (a high economic impact draw's wage and points routes) are
  one draw: the lowest published score, the total of their counts (fewer than the most they
  could add up to, plus one, when one is "<5"), and a note per row with its own figures.

A row that does not read (no date, a score or count that is not one, no figures at all) is
skipped and named in ``problems``; a page with no draw table that reads is Unreadable.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bs4 import BeautifulSoup, Tag

from core.categories import fold
from core.provinces import bc, figures
from core.provinces.values import Bound, Invitations, ProvincialDraw, Scale, Stream
from jobs.provinces import ProvincePage
from jobs.provinces.tables import Cell, grid
from jobs.source import Unreadable


class _Role(Enum):
    """A column's meaning, by the words of its header: the first role whose words it holds
    ("Number of registrations", the pool's, is no role)."""

    DATE = ("date",)
    FACTORS = ("selection factor",)
    KIND = ("type", "description")
    NOTE = ("consideration",)
    SCORE = ("score",)
    COUNT = ("invitation", "number of", "itas")
    STREAM = ("stream", "category")


_NAMING = (_Role.KIND, _Role.STREAM, _Role.FACTORS, _Role.NOTE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6", "button", "summary")
_EMPTY = Cell(None)  # the cell of a column the table does not have


@dataclass(frozen=True)
class _Table:
    scale: Scale
    columns: dict[_Role, int]
    rows: list[list[Cell]]


@dataclass(frozen=True)
class _Row:
    """A row read; ``label`` tells it from the other rows of its draw."""

    day: date
    stream: Stream
    name: str  # the province's name the stream was found by
    score: int | None
    score_text: str
    count: Invitations | None
    count_cell: Cell
    label: str
    notes: tuple[str, ...]


def read(body: bytes) -> ProvincePage:
    """The draws the page lists; raises Unreadable when no draw table on it reads."""
    soup = BeautifulSoup(body, "html.parser")
    tables = list(_draw_tables(soup))
    if not tables:
        title = soup.title.get_text(" ") if soup.title else "no title"
        found = f"{len(soup.find_all('table'))} tables, none of draws ({title})"
        raise Unreadable(f"no draw table found: {_shorten(found)}")
    page = ProvincePage()
    for table in tables:
        _keep_new(page, _draws(_rows(table, page.problems)))
    if not page.draws:
        first = page.problems[0] if page.problems else "no rows"
        raise Unreadable(f"no draw read from {len(tables)} draw tables: {first}")
    return page


def _draw_tables(soup: BeautifulSoup) -> Iterator[_Table]:
    for table in soup.find_all("table"):
        cells = grid(table)
        for index, line in enumerate(cells[:3]):
            if (columns := _columns(line)) is not None:
                rows, at = cells[index + 1 :], columns.get(_Role.STREAM, len(line))
                streams = [row[at].text for row in rows if at < len(row)]
                yield _Table(_scale_of(table, streams), columns, rows)
                break


def _columns(line: list[Cell]) -> dict[_Role, int] | None:
    """Each role's column, if the line is a draw table's header."""
    columns: dict[_Role, int] = {}
    for index, cell in enumerate(line):
        if (role := _role(cell.text)) is not None:
            columns.setdefault(role, index)
    figures, names = {_Role.SCORE, _Role.COUNT}, {_Role.STREAM, _Role.KIND}
    has_all = _Role.DATE in columns and figures & columns.keys() and names & columns.keys()
    return columns if has_all else None


def _role(header: str) -> _Role | None:
    words = " ".join(fold(header).split())
    if "registration" in words or len(words) > 40:
        return None
    return next((role for role in _Role if any(key in words for key in role.value)), None)


def _scale_of(table: Tag, streams: list[str]) -> Scale:
    """Entrepreneur Immigration's scale under a heading naming it, or for a table under no
    heading whose streams are its ("Base"); else Skills Immigration's."""
    for heading in table.find_all_previous(_HEADINGS):
        words = fold(heading.get_text(" "))
        if "entrepreneur" in words or "skills" in words or "express entry" in words:
            return Scale.BC_ENTREPRENEUR if "entrepreneur" in words else Scale.BC_REGISTRATION
    found = (bc.known_stream(name) for name in streams)
    return next(
        (s.scale for s in found if s and s.scale is Scale.BC_ENTREPRENEUR), Scale.BC_REGISTRATION
    )


def _rows(table: _Table, problems: list[str]) -> Iterator[_Row]:
    last_day: date | None = None  # a date cell left blank is the row above's
    for line in table.rows:
        cells = {role: line[at] if at < len(line) else _EMPTY for role, at in table.columns.items()}
        texts = [cell.text for cell in dict.fromkeys(line)]
        if not any(texts) or len(texts) == 1 or _columns(line) is not None:
            continue  # blank, a note across the table, or the header again
        try:
            row = _row(cells, table.scale, last_day)
        except ValueError as error:
            problems.append(f"{error}: {_shorten(' | '.join(texts))}")
            continue
        last_day = row.day
        yield row


def _row(cells: dict[_Role, Cell], scale: Scale, last: date | None) -> _Row:
    """One row read, or ValueError saying what is wrong with it."""
    text = {role: cell.text for role, cell in cells.items()}
    day = _day(text[_Role.DATE]) if text[_Role.DATE] else last
    score_text, count_cell = text.get(_Role.SCORE, ""), cells.get(_Role.COUNT, _EMPTY)
    if day is None:
        raise ValueError("no date")
    if figures.not_given(score_text) and figures.not_given(count_cell.text):
        raise ValueError("no score nor count")
    kind, streams, factors, note = (text.get(role, "") for role in _NAMING)
    if not (found := bc.row_stream(kind, streams, scale, note)):
        raise ValueError("no stream")
    stream, name, by_kind = found
    notes = (kind if kind != name else "", note, streams) if by_kind else (kind, note)
    return _Row(
        day=day, stream=stream, name=name, score=bc.score_of(score_text), score_text=score_text,
        count=bc.count_of(count_cell.text), count_cell=count_cell,
        label=factors or (streams if by_kind else "") or name,
        notes=tuple(text for text in notes if text),
    )  # fmt: skip


def _day(text: str) -> date:
    if (day := figures.date_of(text)) is None:
        raise ValueError(f"unreadable date {text!r}")
    return day


def _draws(rows: Iterator[_Row]) -> list[ProvincialDraw]:
    """One draw per stream and day; a count's cell belongs to the first stream under it."""
    groups: dict[tuple[date, str], list[_Row]] = {}
    for row in rows:
        groups.setdefault((row.day, row.stream.key), []).append(row)
    sharing: dict[Cell, list[_Row]] = {}  # a count's cell: the first row of each draw under it
    for group in groups.values():
        for cell in dict.fromkeys(row.count_cell for row in group):
            sharing.setdefault(cell, []).append(group[0])
    return [_draw(group, sharing) for group in groups.values()]


def _draw(group: list[_Row], sharing: dict[Cell, list[_Row]]) -> ProvincialDraw:
    first, scores = group[0], [row.score for row in group if row.score is not None]
    counts = {row.count_cell: row.count for row in group}
    apart = len(counts) > 1 or len({row.score_text for row in group}) > 1
    notes = [note for row in group for note in row.notes if not (apart and note == row.label)]
    notes += [_figures(row, len(counts) > 1) if apart else row.label for row in group]
    notes += [f"{cell.text} invitations shared by {', '.join(row.name for row in sharing[cell])}"
              for cell in counts if cell.text and len(sharing[cell]) > 1]  # fmt: skip
    own = [count for cell, count in counts.items() if sharing[cell][0] is first]
    return ProvincialDraw(
        province=bc.PROVINCE, stream=first.stream.key, stream_name=first.name, date=first.day,
        invitations=_total(own), min_score=min(scores) if scores else None,
        scale=first.stream.scale,
        notes=tuple(note for note in dict.fromkeys(notes) if note and note != first.name),
    )  # fmt: skip


def _figures(row: _Row, with_count: bool) -> str:
    figures = f"{row.label}: minimum score {row.score_text or 'not given'}"
    return f"{figures}, {row.count_cell.text or 'no'} invitations" if with_count else figures


def _total(counts: list[Invitations | None]) -> Invitations | None:
    """What a draw's own count cells add up to: unknown if one is; fewer than the most they
    could add up to, plus one, if one is a bound ("<5" is at most 4)."""
    if not counts or None in counts:
        return None
    known = [count for count in counts if count is not None]
    if len(known) == 1 or all(count.bound is Bound.EXACT for count in known):
        return known[0] if len(known) == 1 else Invitations(sum(c.count for c in known))
    most = sum(c.count - (c.bound is Bound.FEWER_THAN) for c in known)
    return Invitations(most + 1, Bound.FEWER_THAN)


def _keep_new(page: ProvincePage, draws: list[ProvincialDraw]) -> None:
    """Adds the draws not listed yet (the latest draw is also in the year's table); one
    listed again with other figures is named in problems, the first kept."""
    listed = {(draw.stream, draw.date): draw for draw in page.draws}
    for draw in draws:
        earlier = listed.setdefault((draw.stream, draw.date), draw)
        if earlier is draw:
            page.draws.append(draw)
        elif earlier != draw:
            page.problems.append(f"{draw.stream} on {draw.date} listed again with other figures")


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}…"

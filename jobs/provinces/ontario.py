"""Reading Ontario's yearly "Ontario Immigrant Nominee Program updates" page into its draws.

The page has an entry per date: a heading with the date, then the day's draws. From 2021 to
2024 each stream has a heading ("Invitations to apply issued for the Masters Graduate
stream", "Notifications of interest issued for Ontario's Express Entry Human Capital
Priorities stream"), a targeted draw sometimes a sub-heading of its own, and each draw a
small table: date, invitations or notifications issued, score ("44 and above", or a CRS score
range "479 to 489") and, some years, the dates of the profiles invited. Since mid-2025 one
table holds the day's draws, a row per stream and draw ("Targeted draw for REDI"), the stream
and profile dates spanning rows. Tables are found by their headers' meaning; other tables
(nominations by stream, processing times) are passed over. A spanned cell applies to each row
it spans; a date without its year ("June 6") is in the page's year.

Figures are kept as published. A count is exact ("1,305") or a bound ("<5": fewer than 5).
One count for several streams (a count cell spanning their rows) stays on the first stream's
draw, with a note naming the others; the others have no count and a note naming the draw that
holds it, so that adding counts up never counts it twice. A score is the lowest published ("44 and
above" is 44); a range or several scores in a cell keep the lowest, the cell's words in the
notes; "Not applicable" is no score. Notes keep the draw's type (a "Draw" column or the
sub-heading), the profile dates, and the targeted occupations (NOC codes listed in the draw's
section when the section holds one draw). A row that cannot be read is skipped and named in
``problems``; a page with no draw table, or none read, raises ``Unreadable``.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum, auto

from bs4 import BeautifulSoup, Tag

from core.categories import fold
from core.provinces import figures
from core.provinces.ontario import PROVINCE, stream_named_in, stream_of
from core.provinces.values import Invitations, ProvincialDraw, Scale, Stream
from jobs.provinces import ProvincePage
from jobs.provinces.tables import Cell, grid, text_of
from jobs.source import Unreadable

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOC = re.compile(r"\bNOC\s*(\d{4,5})\b")


class Field(Enum):
    DATE = auto()
    STREAM = auto()
    LABEL = auto()
    COUNT = auto()
    SCORE = auto()
    PROFILES = auto()


class BadRow(ValueError):
    """A row that cannot be read, and why."""


@dataclass
class Context:
    """Where the walk down the page is: the entry's date, the stream and the draw a heading
    named, and the heading levels they came from."""

    year: int
    day: date | None = None
    day_level: int = 0
    stream: tuple[Stream, str] | None = None
    stream_level: int = 0
    label: str | None = None


@dataclass
class Section:
    """The draws read between two headings, and the occupations listed there."""

    draws: list[ProvincialDraw] = field(default_factory=list)
    occupations: list[str] = field(default_factory=list)


def read(body: bytes, year: int) -> ProvincePage:
    """The draws Ontario's updates page for ``year`` lists, and the rows it could not read."""
    soup = BeautifulSoup(body, "html.parser")
    page, context, section = ProvincePage(), Context(year), Section()
    tables = draw_tables = 0
    for element in soup.find_all([*HEADINGS, "table", "li"]):
        if element.name in HEADINGS:
            _close(section, page)
            section = Section()
            _enter(element, context)
        elif element.name == "table" and element.find_parent("table") is None:
            tables += 1
            cells = grid(element)
            if (found := _draw_columns(cells)) is not None:
                draw_tables += 1
                header, columns = found
                section.draws += _read_table(cells[header + 1 :], columns, context, page.problems)
        elif element.name == "li" and element.find_parent("table") is None:
            section.occupations += _NOC.findall(element.get_text(" "))
    _close(section, page)
    _check(page, tables, draw_tables)
    return page


def _check(page: ProvincePage, tables: int, draw_tables: int) -> None:
    if not draw_tables:
        found = f"{tables} tables, none with invitations and scores" if tables else "no table"
        raise Unreadable(f"no draw table found: {found}")
    if not page.draws:
        raise Unreadable(f"no draw read from {draw_tables} draw tables: {page.problems[:3]}")


def _close(section: Section, page: ProvincePage) -> None:
    """The section's draws onto the page, the occupations on its draw if it has one."""
    if len(section.draws) == 1 and section.occupations:
        codes = ", ".join(dict.fromkeys(section.occupations))
        only = section.draws[0]
        section.draws[0] = replace(only, notes=(*only.notes, f"occupations: NOC {codes}"))
    page.draws += section.draws


def _enter(heading: Tag, context: Context) -> None:
    """What a heading changes: a dated heading starts an entry, a heading naming a stream
    starts that stream's part, a heading under it (or beside it) names a draw, and other
    headings end them."""
    text, level = text_of(heading), int(heading.name[1])
    day = _heading_date(text, context.year)
    named = stream_named_in(text) if re.search(r"\b(stream|volet)\b", fold(text)) else None
    if day is not None:
        context.day, context.day_level, context.stream, context.label = day, level, None, None
    elif named is not None:
        context.stream, context.stream_level, context.label = named, level, None
    elif context.stream is not None and level >= context.stream_level:
        context.label = text  # 2023 wrote a targeted draw's heading at the stream's level
    elif level <= context.day_level or not context.day_level:
        context.day, context.stream, context.label = None, None, None
    else:
        context.stream, context.label = None, None


def _draw_columns(grid: list[list[Cell]]) -> tuple[int, dict[Field, int]] | None:
    """Which row is the header (one of the first three: a title row may come first) and
    which column holds what; None for a table that is not draws (one without a count of
    invitations and a score)."""
    for header, row in enumerate(grid[:3]):
        columns: dict[Field, int] = {}
        for index, cell in enumerate(row):
            meaning = _meaning(fold(cell.text))
            if meaning is not None and meaning not in columns:
                columns[meaning] = index
        if {Field.COUNT, Field.SCORE} <= columns.keys():
            return header, columns
    return None


def _meaning(header: str) -> Field | None:
    if "profile" in header:
        return Field.PROFILES
    if "date" in header:
        return Field.DATE
    if "nomination" not in header and re.search(r"invit|notif|\bnois?\b|\bitas?\b", header):
        return Field.COUNT
    if re.search(r"score|\bcrs\b|points|cut-?off", header):
        return Field.SCORE
    if re.search(r"stream|program|category", header):
        return Field.STREAM
    if re.search(r"draw|note|focus|target|occupation|region", header):
        return Field.LABEL
    return None


def _read_table(
    rows: list[list[Cell]], columns: dict[Field, int], context: Context, problems: list[str]
) -> list[ProvincialDraw]:
    """The draws of a draw table's body rows; a count shared by several rows is kept once."""
    draws: list[ProvincialDraw] = []
    sharing: list[int] = []  # the draws sharing the last count cell read, by index
    last_count: Cell | None = None
    for row in rows:
        cells = {meaning: row[index] for meaning, index in columns.items() if index < len(row)}
        if _skipped(row):
            continue
        try:
            draw = _draw(cells, context)
        except BadRow as error:
            problems.append(f"{error}: {' | '.join(cell.text for cell in row)[:120]}")
            continue
        count = cells.get(Field.COUNT)
        if count is not None and count is last_count:
            sharing.append(len(draws))
        else:
            _share(draws, sharing)
            sharing, last_count = [len(draws)], count
        draws.append(draw)
    _share(draws, sharing)
    return draws


def _skipped(row: list[Cell]) -> bool:
    """A row that is no draw: empty, a repeated header, a title across the table, a total."""
    texts = [fold(cell.text) for cell in row]
    across = len(row) > 1 and all(cell is row[0] for cell in row)
    headers = all(cell.header for cell in row)
    return not any(texts) or headers or across or texts[0].startswith(("total", "grand total"))


def _share(draws: list[ProvincialDraw], sharing: list[int]) -> None:
    """One count for several draws: kept on the first, the others pointing to it."""
    if len(sharing) < 2:
        return
    first = draws[sharing[0]]
    others = [draws[index].stream_name for index in sharing[1:]]
    note = "invitations shared with " + ", ".join(others)
    draws[sharing[0]] = replace(first, notes=(*first.notes, note))
    for index in sharing[1:]:
        draw, note = draws[index], f"invitations shared, counted with {first.stream_name}"
        draws[index] = replace(draw, invitations=None, notes=(*draw.notes, note))


def _draw(cells: dict[Field, Cell], context: Context) -> ProvincialDraw:
    stream, name = _stream(cells, context)
    label = cells[Field.LABEL].text if Field.LABEL in cells else ""
    profiles = cells[Field.PROFILES].text if Field.PROFILES in cells else ""
    score_text = cells[Field.SCORE].text
    score = _score(score_text)
    notes = (
        label or context.label or "",
        f"profiles created: {profiles}" if profiles else "",
        f"score: {score_text}" if len(figures.numbers(score_text)) > 1 else "",
    )
    return ProvincialDraw(
        province=PROVINCE, stream=stream.key, stream_name=name, date=_row_date(cells, context),
        invitations=_invitations(cells[Field.COUNT].text), min_score=score,
        scale=stream.scale, notes=tuple(note for note in notes if note),
    )  # fmt: skip


def _stream(cells: dict[Field, Cell], context: Context) -> tuple[Stream, str]:
    named = cells[Field.STREAM].text if Field.STREAM in cells else ""
    if named:
        return stream_of(named, Scale.ONTARIO_EOI), named
    if context.stream is None:
        raise BadRow("no stream named")
    return context.stream


def _row_date(cells: dict[Field, Cell], context: Context) -> date:
    written = cells[Field.DATE].text if Field.DATE in cells else ""
    if not written:
        if context.day is None:
            raise BadRow("no date")
        return context.day
    if (day := figures.date_in(written, context.year)) is None:
        raise BadRow(f"unreadable date {written!r}")
    return day


def _invitations(text: str) -> Invitations:
    """The one number a count's cell gives ("2 targeted invitations"), bound by a wording
    anywhere in it ("Less than 10")."""
    numbers = figures.numbers(text)
    if len(numbers) != 1:
        raise BadRow(f"unreadable count {text!r}" if text else "no count")
    return Invitations(numbers[0], figures.bound_in(text))


def _score(text: str) -> int | None:
    if figures.not_given(text):
        return None
    if (score := figures.lowest_score(text)) is None:
        raise BadRow(f"unreadable score {text!r}")
    return score


def _heading_date(text: str, year: int) -> date | None:
    """The date a heading is ("March 10, 2023", "June 6"), or None for any other heading;
    a date without its year is in ``year``."""
    return figures.date_of(text.strip(" .:"), year)

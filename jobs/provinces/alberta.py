"""Reading AAIP's processing-information page (alberta.ca/aaip-processing-information) into
Alberta's draws.

The page holds many tables; only one kind lists draws, and it is found by its headers'
meaning (a draw date, a count and a minimum score), never by its position. The others are
not draws and are passed over: nomination allocations and nominations issued (per stream,
with "Less than 10" and "Not applicable" in them), applications being processed, and the
expression-of-interest pool. The draw tables seen over the years:

- 2025 and 2026: "Draw date | Worker stream, pathway, initiative or other focus and
  selection parameters | Minimum score of invited candidates | Number of invitations", one
  row a draw, newest first, counts such as "Less than 10".
- late 2024, the first worker EOI draws: "Date of draw | Number of invitations | Stream |
  Selection parameters | Minimum EOI score of invited candidates", a date spanning the rows
  of a day's draws, the parameters a list (kept as notes), a count "Not available".
- 2019 to 2021, Alberta Express Entry Stream only: "Draw date | NOI letters sent | CRS score
  of lowest-ranked candidate", with no stream column.

A minimum score is on AAIP's expression-of-interest grid, unless the score column's header
names the CRS: then the draw is on ``Scale.CRS`` (the Express Entry draws before October
2024). A score written "41 and above" is 41; a cell with several scores gives the lowest,
with the cell's words in the notes. A count is read exactly: "1,204" is 1204, "Less than
10" fewer than 10, "up to 10" at most 10, "Not available" no count (said in the notes). A
count cell spanning the rows of several streams is shared: it is kept once, on the first
of them, noted as shared, and the others carry no count and a note naming that first
stream, so the invitations are never counted twice. A date or score spanning rows applies
to each. A row that cannot be read is skipped and named in ``problems``; a page with no
draw table, or whose draw rows all fail, raises ``Unreadable``.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup, Tag

from core.categories import fold
from core.provinces import alberta, figures
from core.provinces.values import ALBERTA, Invitations, ProvincialDraw, Scale
from jobs.provinces import ProvincePage
from jobs.provinces.tables import Cell, grid
from jobs.source import Unreadable

DATE, STREAM, COUNT, SCORE, PARAMETERS = "date", "stream", "count", "score", "parameters"
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DATE, re.compile(r"\bdate\b")),
    (SCORE, re.compile(r"\bscore\b|\bcrs\b|\bpoints\b")),
    (COUNT, re.compile(r"invitation|\bnois?\b|notifications? of interest|letters|number of"
                       r"|\bitas?\b")),
    (STREAM, re.compile(r"stream|pathway|initiative|focus|categor|draw type")),
    (PARAMETERS, re.compile(r"parameter|criteria")),
)  # fmt: skip
_CRS = re.compile(r"\bcrs\b|comprehensive ranking")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_YEAR = re.compile(r"\b20\d\d\b")


@dataclass(frozen=True)
class DrawTable:
    """A table that lists draws: where each field is, and what its scores are counted in."""

    rows: list[list[Cell]]
    columns: dict[str, int]
    scale: Scale
    year: int | None  # the year its caption or heading gives, for dates written without one


def read(body: bytes) -> ProvincePage:
    """The draws AAIP's processing-information page lists, and the rows it could not read."""
    soup = BeautifulSoup(body, "html.parser")
    tables = soup.find_all("table")
    draw_tables = [found for table in tables if (found := draw_table(table)) is not None]
    if not draw_tables:
        raise Unreadable(
            f"no draw table found: {len(tables)} table(s), none headed by a draw date, "
            "a count and a minimum score"
        )
    page = ProvincePage()
    for table in draw_tables:
        for draw in read_table(table, page.problems):
            if draw not in page.draws:
                page.draws.append(draw)
    if page.problems and not page.draws:
        raise Unreadable(f"no draw could be read: {page.problems[0]}")
    return page


def draw_table(table: Tag) -> DrawTable | None:
    """The table as a draw table, if its header row names a date, a count and a score."""
    rows = grid(table)
    for index, header in enumerate(rows[:2]):
        columns = header_columns(header)
        if {DATE, COUNT, SCORE} <= columns.keys():
            scale = Scale.CRS if _CRS.search(fold(_text(header[columns[SCORE]]))) else None
            body = rows[index + 1 :]
            return DrawTable(body, columns, scale or Scale.ALBERTA_EOI, table_year(table))
    return None


def header_columns(header: list[Cell]) -> dict[str, int]:
    """Each field's column, by what its header says ("Date of draw", "NOI letters sent")."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        words = fold(_text(cell))
        role = next((role for role, pattern in _ROLE_WORDS if pattern.search(words)), None)
        if role is not None:
            columns.setdefault(role, index)
    return columns


def table_year(table: Tag) -> int | None:
    """The one year the table's caption or nearest heading names, if it names one."""
    caption = table.find("caption")
    label = caption or table.find_previous(["h2", "h3", "h4", "p"])
    years = set(_YEAR.findall(label.get_text(" "))) if label else set()
    return int(years.pop()) if len(years) == 1 else None


def read_table(table: DrawTable, problems: list[str]) -> Iterator[ProvincialDraw]:
    """The table's draws; a row that cannot be read is named in ``problems``."""
    shared_by: dict[int, str] = {}  # id of a count cell spanning rows -> its first stream
    for row in table.rows:
        if _not_a_draw(row, table):
            continue
        try:
            yield read_row(row, table, shared_by)
        except ValueError as error:
            shown = " | ".join(dict.fromkeys(_text(cell) for cell in row))
            problems.append(f"row skipped ({error}): {shown[:160]}")


def _not_a_draw(row: list[Cell], table: DrawTable) -> bool:
    """A heading row across the table, a repeated header, a total, or an empty row."""
    texts = [fold(_text(cell)) for cell in row]
    heading = len(set(map(id, row))) <= 1 or not any(texts)
    total = any(text.rstrip(":") == "total" for text in texts)
    return heading or total or header_columns(row) == table.columns


def read_row(row: list[Cell], table: DrawTable, shared_by: dict[int, str]) -> ProvincialDraw:
    """One draw from one row; ValueError names what could not be read."""
    columns = table.columns
    day = read_date(_field(row, columns, DATE), table.year)
    name, notes = stream_name(row, table)
    stream = alberta.stream_of(name)
    invitations, count_notes = read_count(_field(row, columns, COUNT))
    if invitations is not None and row[columns[COUNT]].rows > 1:
        invitations, count_notes = _share(row[columns[COUNT]], name, invitations, shared_by)
    score, score_notes = read_score(_field(row, columns, SCORE))
    parameters = row[columns[PARAMETERS]].lines if PARAMETERS in columns else ()
    return ProvincialDraw(
        province=ALBERTA,
        stream=stream.key,
        stream_name=name,
        date=day,
        invitations=invitations,
        min_score=score,
        scale=table.scale,
        notes=(*notes, *focus_of(name, stream.names), *count_notes, *score_notes, *parameters),
    )


def _field(row: list[Cell], columns: dict[str, int], role: str) -> str:
    index = columns[role]
    return _text(row[index]) if index < len(row) else ""


def _text(cell: Cell) -> str:
    """A cell's lines on one line: inline tags joined as the page shows them."""
    return " ".join(cell.lines)


def stream_name(row: list[Cell], table: DrawTable) -> tuple[str, tuple[str, ...]]:
    """The stream as the row names it (its cell's first line; the other lines are notes). A
    table with no stream column is the Alberta Express Entry Stream's, when it is on CRS."""
    if STREAM in table.columns and table.columns[STREAM] < len(row):
        lines = row[table.columns[STREAM]].lines
        if lines:
            return lines[0], lines[1:]
        raise ValueError("no stream")
    if table.scale is Scale.CRS:
        return alberta.EXPRESS_ENTRY.names[0], ()
    raise ValueError("no stream column")


def focus_of(name: str, known_names: tuple[str, ...]) -> tuple[str, ...]:
    """The words in parentheses that narrow a draw ("Priority Sectors (Health Care)"), unless
    they are part of the stream's own name."""
    if alberta.name_key(name) in {alberta.name_key(known) for known in known_names}:
        return ()
    return tuple(f"focus: {words.strip()}" for words in _PARENTHESES.findall(name))


def read_date(text: str, year: int | None) -> date:
    """A date as AAIP writes it: "June 15, 2026", "Jun. 15, 2026", "08-Jan-21"; one with no
    year only when the table's caption or heading gives the year."""
    if (day := figures.date_of(text, year)) is None:
        raise ValueError(f"unreadable date {text!r}" if text else "no date")
    return day


def read_count(text: str) -> tuple[Invitations | None, tuple[str, ...]]:
    """A count as published: exact, a bound, or stated as not given (None, with a note); a
    blank cell is no count."""
    if figures.words(text) and figures.not_given(text):
        return None, (f"invitations: {text}",)
    if (invitations := figures.count(text)) is None:
        raise ValueError(f"unreadable count {text!r}" if text else "no count")
    return invitations, ()


def _share(
    cell: Cell, name: str, invitations: Invitations, shared_by: dict[int, str]
) -> tuple[Invitations | None, tuple[str, ...]]:
    """A count spanning several streams' rows: kept on the first, pointed to by the others."""
    if id(cell) not in shared_by:
        shared_by[id(cell)] = name
        return invitations, (f"invitations shared by the {cell.rows} streams of this draw",)
    return None, (f"invitations counted with {shared_by[id(cell)]}",)


def read_score(text: str) -> tuple[int | None, tuple[str, ...]]:
    """A minimum score: "50", "41 and above"; several scores give the lowest, the cell's
    words kept; a score stated as not given is None, with a note."""
    if figures.words(text) and figures.not_given(text):
        return None, (f"minimum score: {text}",)
    if (score := figures.score(text)) is not None:
        return score, ()
    if len(scores := figures.scores(text)) > 1:
        return min(scores), (f"minimum scores: {text}",)
    raise ValueError(f"unreadable score {text!r}" if text else "no score")

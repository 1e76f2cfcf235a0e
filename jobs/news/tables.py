"""Tables of rounds in news articles: the complete rows they list.

A table is a header line naming the columns and the lines of its rows: cells joined by
:data:`jobs.news.html.CELL_SEPARATOR`, or glued together as some sites print them. A row
missing any figure is dropped; what a cell states is read by :mod:`jobs.news.lines`.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from core.categories import category_key
from core.dates import parse_date
from core.rounds import normalize_number
from jobs.news.categories import categories_in
from jobs.news.counts import COUNT, MONTH, leading_count
from jobs.news.cutoffs import LEADING_CUTOFF, leading_crs
from jobs.news.html import CELL_SEPARATOR
from jobs.news.lines import field_of_label
from jobs.news.when import find_dates

# Tables: cells joined by " | ", or run together as on some sites:
# "#DateImmigration programInvitations issuedCRS score..." then "254July 5, 2023STEM...500486".
_TABLE_FIELDS = frozenset({"number", "date", "category", "invitations", "crs"})
_GLUED_HEADER = re.compile(r"^#\s*Date\s*\w*\s*(?:program|category|draw name|type)", re.I)
_GLUED_ROW = re.compile(
    rf"^(?P<number>\d{{1,4}}[a-z]?)\s*(?P<date>(?:{MONTH})\.?\s+\d{{1,2}},?\s+\d{{4}})"
    r"\s*(?P<program>\S.*?)(?P<figures>[\d,]+)$"
)
_NUMBER_BEFORE = re.compile(r"(?:version|no\.?|#|-|,)\s*$|\s$", re.IGNORECASE)  # may own digits
_EXACT_COUNT = re.compile(COUNT)
_YEAR_VERSION = re.compile(r"\s*\(\d{4}-\d+\)\s*$")  # "STEM occupations (2023-1)"


class Row(NamedTuple):
    """A complete round as a table lists it."""

    number: str
    date: date
    category: str
    invitations: int
    crs: int


def read_tables(lines: Sequence[str], published: date | None) -> tuple[list[Row], set[int]]:
    """Complete rounds listed in tables, and the indexes of every table line (rows read or not)."""
    rows: list[Row] = []
    used: set[int] = set()
    index = 0
    while index < len(lines):
        found, end = _read_table(lines, index, published)
        if end > index + 1:
            rows += found
            used.update(range(index, end))
        index = max(end, index + 1)
    return rows, used


def _read_table(lines: Sequence[str], start: int, published: date | None) -> tuple[list[Row], int]:
    header, lowered = lines[start], lines[start].lower()
    if CELL_SEPARATOR in header:
        columns = [field_of_label(cell) for cell in header.split(CELL_SEPARATOR)]
        if set(columns) >= _TABLE_FIELDS and len(columns) == len(set(columns)):
            return _rows(lines, start + 1, lambda line: _cells_row(line, columns, published))
    elif _GLUED_HEADER.match(header) and "invitations" in lowered and "crs" in lowered:
        invitations_first = lowered.index("invitations") < lowered.index("crs")
        return _rows(lines, start + 1, lambda line: _glued_row(line, invitations_first))
    return [], start


def _rows(
    lines: Sequence[str], start: int, read: Callable[[str], Row | None]
) -> tuple[list[Row], int]:
    """Rows from ``start`` while lines look like rows; a row with a missing figure is dropped."""
    rows, end = [], start
    while end < len(lines) and (CELL_SEPARATOR in lines[end] or _GLUED_ROW.match(lines[end])):
        row = read(lines[end])
        if row is not None:
            rows.append(row)
        end += 1
    return rows, end


def _cells_row(line: str, columns: list[str | None], published: date | None) -> Row | None:
    cells = line.split(CELL_SEPARATOR)
    if len(cells) != len(columns):
        return None
    values = {field: cell for field, cell in zip(columns, cells, strict=True) if field}
    dates = find_dates(values["date"], published)
    return _row(
        normalize_number(values["number"]),
        dates[0] if len(dates) == 1 else None,
        _category_of_name(values["category"]),
        leading_count(values["invitations"]),
        leading_crs(values["crs"]),
    )


def _glued_row(line: str, invitations_first: bool) -> Row | None:
    """ "254July 5, 2023STEM occupations (2023-1)500486": the cut-off is three of the digits."""
    match = _GLUED_ROW.match(line)
    if not match or _NUMBER_BEFORE.search(match["program"]):
        return None  # "...2026-Version 32,500470": where the name ends is a guess
    figures = match["figures"]
    count, score = (figures[:-3], figures[-3:]) if invitations_first else (figures[3:], figures[:3])
    if not _EXACT_COUNT.fullmatch(count) or not LEADING_CUTOFF.fullmatch(score):
        return None
    return _row(
        normalize_number(match["number"]),
        parse_date(match["date"]),
        _category_of_name(match["program"]),
        int(count.replace(",", "")),
        int(score),
    )


def _category_of_name(name: str) -> str | None:
    """The key of a program name as a table or key-facts list writes it."""
    named = categories_in(name)
    if len(named) == 1:
        return next(iter(named))
    stripped = _YEAR_VERSION.sub("", name).strip()
    return category_key(stripped) if re.search(r"[A-Za-z]", stripped) else None


def _row(
    number: str | None, day: date | None, category: str | None, count: int | None, crs: int | None
) -> Row | None:
    if number is None or day is None or category is None or count is None or crs is None:
        return None
    return Row(number, day, category, count, crs)

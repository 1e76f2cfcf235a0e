"""HTML tables as the provinces publish them, read as grids of cells.

A cell spanning rows or columns (rowspan, colspan) stands in each place it covers, the very
same Cell, so that a date or a count published once for several rows is read in each of them
and still known as one. A row that ends before a cell spanning down from above is filled
with blank cells up to it. The rows of a table nested in a cell are that table's, not this
one's.
"""

from dataclasses import dataclass
from functools import cached_property

from bs4 import Tag

from jobs.news.html import html_to_text

_MOST_SPANNED = 100  # a larger span is a typo, not a table that long


@dataclass(frozen=True, eq=False)
class Cell:
    """One published cell, compared by identity: each place its spans reach holds this one."""

    tag: Tag | None  # None for a blank filling a short row
    rows: int = 1  # how many rows it spans

    @cached_property
    def text(self) -> str:
        """Its words on one line, as the page shows them ("<5", "November 20 , 2024")."""
        return text_of(self.tag) if self.tag is not None else ""

    @cached_property
    def lines(self) -> tuple[str, ...]:
        """Its lines: list items, paragraphs and <br>-parted lines, each one line; inline tags
        joined as the page shows them, so a number split across tags reads whole."""
        if self.tag is None:
            return ()
        return tuple(line for line in html_to_text(str(self.tag)).splitlines() if line.strip())

    @property
    def header(self) -> bool:
        """Whether the page marks it a header cell (<th>)."""
        return self.tag is not None and self.tag.name == "th"


def grid(table: Tag) -> list[list[Cell]]:
    """The table's rows, each cell in every place its rowspan and colspan cover."""
    rows: list[list[Cell]] = []
    reaching: dict[int, tuple[Cell, int]] = {}  # column: the cell spanning down, rows left
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[Cell] = []
        for tag in tr.find_all(["td", "th"], recursive=False):
            _carry(row, reaching)
            cell = Cell(tag, span(tag, "rowspan"))
            for _ in range(span(tag, "colspan")):
                if cell.rows > 1:
                    reaching[len(row)] = (cell, cell.rows - 1)
                row.append(cell)
        _carry(row, reaching, to_end=True)
        rows.append(row)
    return rows


def _carry(row: list[Cell], reaching: dict[int, tuple[Cell, int]], *, to_end: bool = False) -> None:
    """Cells spanning down from above into the row's next places; ``to_end``, those further
    right too, the places between them filled with blanks."""
    while len(row) in reaching or (to_end and any(at > len(row) for at in reaching)):
        if len(row) not in reaching:
            row.append(Cell(None))
            continue
        cell, left = reaching.pop(len(row))
        if left > 1:
            reaching[len(row)] = (cell, left - 1)
        row.append(cell)


def span(tag: Tag, attribute: str) -> int:
    """How many rows or columns a cell spans: 1 unless its attribute says more."""
    value = str(tag.get(attribute) or "1").strip()
    return max(1, min(int(value), _MOST_SPANNED)) if value.isdigit() else 1


def text_of(element: Tag) -> str:
    """An element's words on one line, one space apart."""
    return " ".join(element.get_text(" ").split())

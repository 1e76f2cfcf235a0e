"""Draws seen together: /history, and the context line of alerts and /latest."""

from collections.abc import Sequence
from html import escape

from bot.messages.templates import Plural, Text, number
from core.categories import label
from core.trends import CutoffContext
from db.models import Draw

HISTORY_ROWS = 10  # when no n is given
MAX_HISTORY_ROWS = 50

HISTORY_USAGE = Text(
    "Usage: <code>/history [category] [n]</code>: the last n draws (1 to {max_rows}, "
    "{rows} if not given), of one category or of all.\nExamples: <code>/history</code>, "
    "<code>/history stem</code>, <code>/history cec 20</code>.",
    "max_rows rows",
)
BAD_COUNT = Text(
    "“{text}” is not a number of draws: give a whole number from 1 to {max_rows}.",
    "text max_rows",
)
HISTORY_ALL = Plural("<b>The last {count} draw</b>", "<b>The last {count} draws</b>")
HISTORY_OF = Plural(
    "<b>The last {count} {category} draw</b>",
    "<b>The last {count} {category} draws</b>",
    "category",
)
HISTORY_NONE = "No draw is stored yet."
HISTORY_NONE_IN = Text("No draw in {category} is stored yet.", "category")
# Column headings, then the key to the last column; the rows are aligned in a <pre> block.
COLUMNS = {
    "date": "Date",
    "number": "#",
    "category": "Category",
    "invitations": "Invited",
    "crs": "CRS",
    "change": "±",
}
HISTORY_KEY = "±: cut-off change against the previous draw of the same category."
TABLE = Text("<pre>{rows}</pre>", "rows")
NO_NUMBER = "-"
FIRST = "first"
UP = Text("▲{change}", "change")
DOWN = Text("▼{change}", "change")
SAME = "="

CONTEXT = Plural(
    "📊 Cut-off of the {count} {category} draw before this one: {average}. Days since it: {days}.",
    "📊 Average cut-off of the {count} {category} draws before this one: {average}. "
    "Days since the previous one: {days}.",
    "category average days",
)
DAYS_UNKNOWN = "unknown"

CATEGORY_WIDTH = 11  # "agriculture"; "senior-managers" is cut to "senior-man…"
CUT = "…"
_NUMERIC = frozenset({"number", "invitations", "crs", "change"})  # aligned right


def _change(draw: Draw, previous: Draw | None) -> str:
    if previous is None:
        return FIRST
    if draw.crs is None or previous.crs is None:
        return NO_NUMBER
    delta = draw.crs - previous.crs
    if delta == 0:
        return SAME
    return (UP if delta > 0 else DOWN)(change=abs(delta))


def _short(key: str) -> str:
    """A category key cut to fit the table's column on a phone."""
    return key if len(key) <= CATEGORY_WIDTH else key[: CATEGORY_WIDTH - 1] + CUT


def _row(draw: Draw, previous: Draw | None) -> dict[str, str]:
    return {
        "date": draw.date.isoformat() if draw.date else NO_NUMBER,
        "number": draw.number or NO_NUMBER,
        "category": _short(draw.category),
        "invitations": number(draw.invitations) if draw.invitations is not None else NO_NUMBER,
        "crs": str(draw.crs) if draw.crs is not None else NO_NUMBER,
        "change": _change(draw, previous),
    }


def _table(rows: list[dict[str, str]], columns: Sequence[str]) -> str:
    """Rows aligned in columns, numbers on the right, as a <pre> block."""
    everything = [{column: COLUMNS[column] for column in columns}, *rows]
    widths = {column: max(len(row[column]) for row in everything) for column in columns}
    lines = [
        " ".join(
            row[c].rjust(widths[c]) if c in _NUMERIC else row[c].ljust(widths[c]) for c in columns
        ).rstrip()
        for row in everything
    ]
    return TABLE(rows=escape("\n".join(lines)))


def history(rows: Sequence[tuple[Draw, Draw | None]], category: str | None) -> str:
    """The draws as a table, newest first; the category column only when mixed."""
    if not rows:
        return HISTORY_NONE_IN(category=escape(label(category))) if category else HISTORY_NONE
    columns = [c for c in COLUMNS if c != "category" or category is None]
    if category is None:
        title = HISTORY_ALL(len(rows))
    else:
        title = HISTORY_OF(len(rows), category=escape(label(category)))
    table = _table([_row(draw, previous) for draw, previous in rows], columns)
    return "\n".join([title, table, HISTORY_KEY])


def history_usage() -> str:
    return HISTORY_USAGE(max_rows=MAX_HISTORY_ROWS, rows=HISTORY_ROWS)


def bad_count(text: str) -> str:
    return "\n".join([BAD_COUNT(text=escape(text), max_rows=MAX_HISTORY_ROWS), history_usage()])


def context(draw: Draw, found: CutoffContext | None) -> list[str]:
    """The line that sets a draw against the earlier draws of its category, if any."""
    if found is None:
        return []
    days = str(found.days_since) if found.days_since is not None else DAYS_UNKNOWN
    category = escape(label(draw.category, draw.name))
    return [CONTEXT(found.count, category=category, average=found.average, days=days)]

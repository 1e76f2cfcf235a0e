"""Draws seen together: /history, and the context line of alerts and /latest."""

from collections.abc import Sequence
from html import escape

from bot.messages.templates import Plural, Text, label, number
from core.limits import HISTORY_ROWS, MAX_HISTORY_ROWS
from core.provinces.values import PROVINCES, Bound, province_of_key
from core.trends import CutoffContext
from db.models import Draw

HISTORY_USAGE = Text("insights.history_usage", "max_rows rows")
BAD_COUNT = Text("insights.bad_count", "text max_rows")
HISTORY_ALL = Plural("insights.history_all")
HISTORY_OF = Plural("insights.history_of", "category")
HISTORY_NONE = Text("insights.history_none")
HISTORY_NONE_IN = Text("insights.history_none_in", "category")
# Column headings, then the key to the last column; the rows are aligned in a <pre> block.
COLUMNS = {
    "date": Text("insights.columns.date"),
    "number": Text("insights.columns.number"),
    "category": Text("insights.columns.category"),
    "invitations": Text("insights.columns.invitations"),
    "crs": Text("insights.columns.crs"),
    "change": Text("insights.columns.change"),
}
MIN_SCORE_COLUMN = Text("insights.columns.min_score")  # a province's streams, not the CRS
HISTORY_KEY = Text("insights.history_key")
TABLE = "<pre>{rows}</pre>"  # markup, the same in every language
NO_NUMBER = "-"
FIRST = Text("insights.first")
UP = "▲{change}"
DOWN = "▼{change}"
SAME = "="

CONTEXT = Plural("insights.context", "category average days")
DAYS_UNKNOWN = Text("insights.days_unknown")

CATEGORY_WIDTH = 11  # "agriculture"; "senior-managers" is cut to "senior-man…"
CUT = "…"
_NUMERIC = frozenset({"number", "invitations", "crs", "change"})  # aligned right


def _change(draw: Draw, previous: Draw | None) -> str:
    if previous is None:
        return FIRST()
    if draw.crs is None or previous.crs is None:
        return NO_NUMBER
    delta = draw.crs - previous.crs
    if delta == 0:
        return SAME
    return (UP if delta > 0 else DOWN).format(change=abs(delta))


def _short(key: str) -> str:
    """A category key cut to fit the table's column on a phone."""
    return key if len(key) <= CATEGORY_WIDTH else key[: CATEGORY_WIDTH - 1] + CUT


def _row(draw: Draw, previous: Draw | None) -> dict[str, str]:
    return {
        "date": draw.date.isoformat() if draw.date else NO_NUMBER,
        "number": draw.number or NO_NUMBER,
        "category": _short(draw.category),
        "invitations": _invitations(draw),
        "crs": str(draw.crs) if draw.crs is not None else NO_NUMBER,
        "change": _change(draw, previous),
    }


def _invitations(draw: Draw) -> str:
    """The count, a province's bound written "<5" (fewer than 5)."""
    if draw.invitations is None:
        return NO_NUMBER
    fewer = draw.invitations_bound == Bound.FEWER_THAN
    return f"<{number(draw.invitations)}" if fewer else number(draw.invitations)


def _table(rows: list[dict[str, str]], columns: Sequence[str], provincial: bool) -> str:
    """Rows aligned in columns, numbers on the right, as a <pre> block."""
    headers = {column: COLUMNS[column]() for column in columns}
    if provincial:
        headers["crs"] = MIN_SCORE_COLUMN()
    everything = [headers, *rows]
    widths = {column: max(len(row[column]) for row in everything) for column in columns}
    lines = [
        " ".join(
            row[c].rjust(widths[c]) if c in _NUMERIC else row[c].ljust(widths[c]) for c in columns
        ).rstrip()
        for row in everything
    ]
    return TABLE.format(rows=escape("\n".join(lines)))


def history(rows: Sequence[tuple[Draw, Draw | None]], category: str | None) -> str:
    """The draws as a table, newest first; the category column only when mixed. A
    province's have no number, and their minimum score on each stream's own scale."""
    if not rows:
        return HISTORY_NONE_IN(category=escape(label(category))) if category else HISTORY_NONE()
    provincial = category is not None and province_of_key(category) is not None
    mixed = category is None or category in PROVINCES  # rows of several categories or streams
    shown = [c for c in COLUMNS if (c != "category" or mixed) and (c != "number" or not provincial)]
    if category is None:
        title = HISTORY_ALL(len(rows))
    else:
        title = HISTORY_OF(len(rows), category=escape(label(category)))
    table = _table([_row(draw, previous) for draw, previous in rows], shown, provincial)
    return "\n".join([title, table, HISTORY_KEY()])


def history_usage() -> str:
    return HISTORY_USAGE(max_rows=MAX_HISTORY_ROWS, rows=HISTORY_ROWS)


def bad_count(text: str) -> str:
    return "\n".join([BAD_COUNT(text=escape(text), max_rows=MAX_HISTORY_ROWS), history_usage()])


def context(draw: Draw, found: CutoffContext | None) -> list[str]:
    """The line that sets a draw against the earlier draws of its category, if any."""
    if found is None:
        return []
    days = str(found.days_since) if found.days_since is not None else DAYS_UNKNOWN()
    category = escape(label(draw.category, draw.name))
    return [CONTEXT(found.count, category=category, average=found.average, days=days)]

"""What a category's past draws say about a new one: plain values from plain values."""

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

CONTEXT_DRAWS = 5  # the average cut-off is over at most this many earlier draws


@dataclass(frozen=True)
class CutoffContext:
    """A draw against the earlier draws of its category."""

    count: int  # the earlier draws the average is over (those with a cut-off)
    average: int  # their average cut-off, rounded half up
    days_since: int | None  # days from the previous draw to this one, when both are dated


def average(values: Sequence[int]) -> int:
    """The mean, rounded half up (487.5 -> 488), in whole numbers."""
    return (2 * sum(values) + len(values)) // (2 * len(values))


def cutoff_context(
    day: date | None, earlier: Sequence[tuple[date | None, int | None]]
) -> CutoffContext | None:
    """The context of a draw on ``day`` from the (date, cut-off) of the earlier draws of its
    category, newest first; None when none of them has a cut-off."""
    scores = [crs for _day, crs in earlier[:CONTEXT_DRAWS] if crs is not None]
    if not scores:
        return None
    previous = earlier[0][0]
    days = (day - previous).days if day is not None and previous is not None else None
    return CutoffContext(len(scores), average(scores), days)


@dataclass(frozen=True)
class Period:
    """How far back a chart looks: a number of months, or everything (months None)."""

    text: str  # as the user may type it: "6m", "1y", "all"
    months: int | None


ALL_TIME = Period("all", None)
DEFAULT_PERIOD = Period("1y", 12)
MAX_PERIOD_MONTHS = 240


def parse_period(text: str) -> Period | None:
    """``6m``, ``18m``, ``1y``, ``2y``, ``all`` -> Period; None if it is not a period."""
    text = text.strip().lower()
    if text == ALL_TIME.text:
        return ALL_TIME
    if len(text) < 2 or text[-1] not in "my" or not text[:-1].isdecimal():
        return None
    months = int(text[:-1]) * (12 if text[-1] == "y" else 1)
    if not 1 <= months <= MAX_PERIOD_MONTHS:
        return None
    return Period(f"{int(text[:-1])}{text[-1]}", months)


def period_start(period: Period, end: date) -> date | None:
    """The first day a period ending on ``end`` covers; None for all time."""
    if period.months is None:
        return None
    year, month = divmod(end.year * 12 + end.month - 1 - period.months, 12)
    return date(year, month + 1, min(end.day, monthrange(year, month + 1)[1]))

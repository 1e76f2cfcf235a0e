"""What a category's past draws say about a new one: plain values from plain values."""

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

"""What a news article reports about a draw, and when that report deserves a draw of its own.

A plain value and plain rules: how sure the reader is of a report, whether it is good
enough to alert on, and whether it becomes a (not yet confirmed) draw.
"""

import datetime as dt
import enum
from dataclasses import dataclass

FIELDS = ("number", "date", "category", "invitations", "crs", "tie_break")  # a report's figures


class Confidence(enum.StrEnum):
    """How sure the reader is of a report; stored as its text ("high", "medium", "low")."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class DrawReport:
    """What one article says about one draw; None where it says nothing (or nothing exact)."""

    number: str | None  # as core.rounds.normalize_number writes it: "254", "91b"
    date: dt.date | None  # a date without a year takes the published date's (on or before it)
    category: str | None  # a key of core.categories; an all-program draw is "general"
    invitations: int | None  # exact counts only: "over 700" is None
    crs: int | None  # the cut-off: the score of the lowest-ranked candidate invited
    tie_break: dt.datetime | None  # UTC
    confidence: Confidence
    missing: tuple[str, ...]  # the fields above that were not found
    contradictions: tuple[str, ...]  # ("crs: 486 and 485",): the article disagrees with itself
    from_table: bool = False

    @property
    def alertable(self) -> bool:
        """Category and cut-off found and nothing contradicts: good enough to alert on."""
        return self.category is not None and self.crs is not None and not self.contradictions


def deserves_a_draw(report: DrawReport, *, main: bool) -> bool:
    """A confident main report, or a complete table row (which is never alerted)."""
    confident_main = main and report.confidence != Confidence.LOW
    return report.alertable and (report.from_table or confident_main)

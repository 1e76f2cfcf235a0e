"""Deciding when two accounts of a round are the same round, and what a correction says.

Plain functions over plain values: a news report and a stored draw, an official round
and a draw known only from news, or an official round and the figures IRCC first gave.
"""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

MATCH_WINDOW = timedelta(days=2)


@dataclass(frozen=True)
class Facts:
    """The figures by which accounts of a round are compared."""

    number: str | None
    date: date | None
    category: str | None
    invitations: int | None
    crs: int | None
    tie_break: datetime | None = None

    @classmethod
    def of(cls, account: "HasFacts") -> "Facts":
        """The figures of anything that carries them: a Round, a stored Draw."""
        return cls(
            account.number, account.date, account.category, account.invitations, account.crs,
            account.tie_break,
        )  # fmt: skip


class HasFacts(Protocol):
    @property
    def number(self) -> str | None: ...
    @property
    def date(self) -> date | None: ...
    @property
    def category(self) -> str | None: ...
    @property
    def invitations(self) -> int | None: ...
    @property
    def crs(self) -> int | None: ...
    @property
    def tie_break(self) -> datetime | None: ...


def _near(first: date | None, second: date | None) -> bool:
    return first is not None and second is not None and abs(first - second) <= MATCH_WINDOW


def report_matches(report: Facts, draw: Facts) -> bool:
    """A news report is about a stored draw: same number, or (when either number is
    unknown) the same category and cut-off, the same invitations where both are known,
    within two days."""
    if report.number and draw.number:
        return report.number == draw.number
    if report.category is None or report.category != draw.category:
        return False
    if report.crs is None or report.crs != draw.crs:
        return False
    return sizes_agree(report, draw) and _near(report.date, draw.date)


def sizes_agree(first: Facts, second: Facts) -> bool:
    """The same invitations, where both accounts know them."""
    sizes = first.invitations, second.invitations
    return None in sizes or sizes[0] == sizes[1]


def official_confirms(official: Facts, reported: Facts) -> bool:
    """An official round is the one a news-only draw stood for, even if the news got a
    figure wrong: same number, or the same category within two days with the same cut-off
    or the same invitations."""
    if official.number and reported.number:
        return official.number == reported.number
    if official.category != reported.category or not _near(official.date, reported.date):
        return False
    same_crs = official.crs is not None and official.crs == reported.crs
    same_size = official.invitations is not None and official.invitations == reported.invitations
    return same_crs or same_size


# The figures an alert shows, in the order a correction tells them (the cut-off first).
SHOWN = ("crs", "invitations", "category", "date", "tie_break")


@dataclass(frozen=True)
class Correction:
    """One figure an alert got wrong: what it said, and what IRCC says."""

    field: str  # one of SHOWN
    was: int | str | date  # a tie-break is a datetime
    now: int | str | date


def corrections(alerted: Facts, official: Facts) -> list[Correction]:
    """What an alert got wrong, figure by figure: an alert based on news against the
    official round, or an official round against what IRCC published before. A figure
    unknown on either side corrects nothing."""
    found = []
    for field in SHOWN:
        was, now = getattr(alerted, field), getattr(official, field)
        if was is not None and now is not None and was != now:
            found.append(Correction(field, was, now))
    return found


def shown_text(facts: Facts) -> str:
    """The figures an alert shows, as kept beside it: what a later correction starts from."""
    return json.dumps({field: plain(getattr(facts, field)) for field in SHOWN})


def shown_facts(text: str) -> Facts:
    """The figures kept by :func:`shown_text` (the round's number is not among them)."""
    kept = json.loads(text)
    return Facts(None, **{field: typed(field, kept.get(field)) for field in SHOWN})


def plain(value: int | str | date | None) -> int | str | None:
    """A figure as JSON holds it (dates and moments in ISO form)."""
    return value.isoformat() if isinstance(value, date) else value


def typed(field: str, value: int | str | None) -> Any:
    """A figure held by JSON (see :func:`plain`), as the field's own type."""
    if not isinstance(value, str):
        return value
    if field == "date":
        return date.fromisoformat(value)
    return datetime.fromisoformat(value) if field == "tie_break" else value


def combined(owed: Sequence[Correction], more: Sequence[Correction]) -> list[Correction]:
    """The one correction a chat is owed when the figures change again before it was sent
    the last one: from what the chat saw to the newest figures. A figure back to what the
    chat saw drops out; none left means the chat is owed nothing."""
    told = {change.field: change for change in owed}
    for change in more:
        earlier = told.get(change.field)
        told[change.field] = Correction(
            change.field, earlier.was if earlier else change.was, change.now
        )
    order = {field: place for place, field in enumerate(SHOWN)}
    kept = [change for change in told.values() if change.was != change.now]
    return sorted(kept, key=lambda change: order.get(change.field, -1))

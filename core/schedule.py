"""When to poll each source next: fast while draws are usually published, slowly otherwise,
and backing off from a source that fails. Plain functions; the clock is a parameter.

IRCC publishes rounds on a few weekdays, at a few UTC hours. The stored draws' times say
which: that is the draw window, with an hour's margin on each side.
"""

import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.health import SourceBack, SourceDown, SourceHealth, StoredHealth

MARGIN_HOURS = 1
HISTORY = timedelta(days=730)  # the window follows IRCC's recent habits
BACKOFF_CAP = timedelta(minutes=30)
JITTER = 0.1  # each delay shortens by up to a tenth, so that polls don't fall into lockstep


@dataclass(frozen=True)
class DrawWindow:
    """The (weekday, UTC hour) slots in which draws are published; empty means unknown."""

    slots: frozenset[tuple[int, int]]

    def contains(self, moment: datetime) -> bool:
        return not self.slots or (moment.weekday(), moment.hour) in self.slots

    @property
    def days(self) -> list[int]:
        """The weekdays of the slots (0 is Monday), in order."""
        return sorted({day for day, _hour in self.slots})

    @property
    def hours(self) -> tuple[int, int]:
        """The first hour of the slots and the hour after their last (UTC); (0, 0) if empty."""
        hours = sorted({hour for _day, hour in self.slots}) or [-1]
        return hours[0] if self.slots else 0, hours[-1] + 1


def learn_window(draw_times: Iterable[datetime], now: datetime) -> DrawWindow:
    """The slots of recent draws, each widened by MARGIN_HOURS before and after."""
    slots = set()
    for moment in draw_times:
        if now - moment > HISTORY:
            continue
        for shift in range(-MARGIN_HOURS, MARGIN_HOURS + 1):
            shifted = moment + timedelta(hours=shift)
            slots.add((shifted.weekday(), shifted.hour))
    return DrawWindow(frozenset(slots))


def next_poll(
    now: datetime,
    *,
    fast: timedelta,
    idle: timedelta,
    window: DrawWindow,
    failures: int = 0,
    jitter: Callable[[float, float], float] = random.uniform,
) -> datetime:
    """The next poll of one source: ``fast`` inside the window, ``idle`` outside it, and
    after failures an exponential backoff from ``fast``, capped at BACKOFF_CAP."""
    delay = fast if window.contains(now) else idle
    if failures:
        delay = max(delay, min(BACKOFF_CAP, fast * 2**failures))
    return now + delay * (1 - jitter(0, JITTER))


class Schedule:
    """Every source's health and next poll, and the draw window they follow."""

    def __init__(
        self,
        keys: Iterable[str],
        now: datetime,
        fast: float,
        idle: float,
        stored: Mapping[str, StoredHealth] | None = None,
        intervals: Mapping[str, float] | None = None,
    ) -> None:
        """Every source due now, its health as ``stored`` left it (if given). ``intervals``:
        the sources polled at an interval of their own (seconds), whatever the draw window."""
        self.fast, self.idle = timedelta(seconds=fast), timedelta(seconds=idle)
        self.intervals = {key: timedelta(seconds=every) for key, every in (intervals or {}).items()}
        self.window = DrawWindow(frozenset())
        stored = stored or {}
        self.health = {key: SourceHealth.resumed(key, stored.get(key), now) for key in keys}

    def due(self, now: datetime) -> set[str]:
        return {key for key, health in self.health.items() if health.next_due <= now}

    def answered_within_interval(self, key: str, now: datetime) -> bool:
        """Whether the source answered properly within the last fast interval."""
        health = self.health.get(key)
        return health is not None and not health.failures and now - health.last_success <= self.fast

    def polled(
        self,
        key: str,
        now: datetime,
        stale_after: timedelta,
        error: str | None,
        *,
        wrong_shape: bool = False,
    ) -> SourceDown | SourceBack | None:
        """Record a poll (``error`` None: it answered), plan the next one; returns what the
        operators must be told, if anything."""
        health = self.health[key]
        health.record(now, error, wrong_shape=wrong_shape)
        own = self.intervals.get(key)
        health.next_due = next_poll(
            now, fast=own or self.fast, idle=own or self.idle,
            window=DrawWindow(frozenset()) if own else self.window, failures=health.failures,
        )  # fmt: skip
        return health.notice(now, stale_after)

"""The clock: aware UTC time, a monotonic count of seconds, and sleeping.

Rules never read a clock: they take ``now`` as a parameter (the polls' schedule, the
command throttle). The sender reads time only through the :class:`Clock` it is given, and
hands the same clock to its claim lease and its marks, so that tests can run claims on a
clock of their own instead of waiting real seconds. Everything else reads the machine's
clock directly: :func:`utcnow` for the time of day (polls, handlers, stored rows'
defaults), ``time.monotonic`` for the pacer and other intervals.
"""

import asyncio
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """What the sender needs of a clock."""

    def now(self) -> datetime:
        """The time of day, aware, in UTC: what the database stores."""
        ...

    def monotonic(self) -> float:
        """Seconds from some fixed moment, never going back: for intervals."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return once ``seconds`` have passed."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        return utcnow()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


SYSTEM_CLOCK = SystemClock()


def utcnow() -> datetime:
    return datetime.now(UTC)

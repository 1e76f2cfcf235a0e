"""Each source's health between polls, and when the operators must hear about it.

A source is healthy while it answers (a 304 counts). The official source is the one users
depend on: when it has not answered for ``stale_after``, or answers with a document of the
wrong shape, the operators get one message, and one more when it recovers. The stored
state carries an outage over a restart: its timer keeps running from its first failure,
and its message is not told twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from db.models import SourceState
from jobs.source import PollReport

WRONG_SHAPE = "unexpected document"


@dataclass
class SourceHealth:
    key: str
    last_success: datetime  # the last poll that answered; at start, the start
    next_due: datetime
    failures: int = 0
    last_error: str | None = None
    outage_reported: bool = False

    @classmethod
    def resumed(cls, key: str, state: SourceState | None, now: datetime) -> "SourceHealth":
        """The source's health at start, as the stored state left it."""
        health = cls(key, last_success=now, next_due=now)
        if state is None:
            return health
        health.outage_reported = state.outage_told_at is not None
        if state.consecutive_failures:
            health.failures, health.last_error = state.consecutive_failures, state.last_error
            health.last_success = state.failing_since or state.last_error_at or now
        return health

    def record(self, report: PollReport, now: datetime) -> None:
        if report.healthy:
            self.last_success, self.failures, self.last_error = now, 0, None
        else:
            self.failures += 1
            self.last_error = report.error

    def notice(self, now: datetime, stale_after: timedelta) -> str | None:
        """The message the operators are owed now, if any (each outage is told once)."""
        down = self.failures > 0 and (
            now - self.last_success >= stale_after or WRONG_SHAPE in (self.last_error or "")
        )
        if down and not self.outage_reported:
            self.outage_reported = True
            return (
                f"⚠️ {self.key} has not answered properly since {_when(self.last_success)} "
                f"({self.failures} failed polls; last error: {self.last_error})."
            )
        if self.outage_reported and self.failures == 0:
            self.outage_reported = False
            return f"✅ {self.key} answers again (last error was cleared at {_when(now)})."
        return None


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"

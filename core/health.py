"""Each source's health between polls, and what the operators must hear about it: the
notices (plain values, worded by the bot) of a source down, back, moved or gone.

A source is healthy while it answers (a 304 counts). The official source is the one users
depend on: when it has not answered for ``stale_after``, or answers with a document of the
wrong shape, the operators get one message, and one more when it recovers. The stored
state carries an outage over a restart: its timer keeps running from its first failure,
and its message is not told twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class SourceDown:
    """The source has not answered properly since ``since`` (or answered nonsense)."""

    source: str
    since: datetime
    failures: int
    last_error: str | None


@dataclass(frozen=True)
class SourceBack:
    """The source answers again; its outage ended at ``at``."""

    source: str
    at: datetime


@dataclass(frozen=True)
class SourceMoved:
    """The source moved for good (301 or 308); it is polled at ``url`` from now on."""

    source: str
    url: str


@dataclass(frozen=True)
class SourceGone:
    """The source answered 410 Gone; it is not polled until its configured address changes."""

    source: str


SourceNotice = SourceDown | SourceBack | SourceMoved | SourceGone


@dataclass(frozen=True)
class StoredHealth:
    """A source's health as the database kept it across a restart."""

    failures: int = 0
    last_error: str | None = None
    failing_since: datetime | None = None
    last_error_at: datetime | None = None
    outage_told: bool = False


@dataclass
class SourceHealth:
    key: str
    last_success: datetime  # the last poll that answered; at start, the start
    next_due: datetime
    failures: int = 0
    last_error: str | None = None
    wrong_shape: bool = False  # the last failure was a document we cannot read
    outage_reported: bool = False

    @classmethod
    def resumed(cls, key: str, stored: StoredHealth | None, now: datetime) -> "SourceHealth":
        """The source's health at start, as the stored state left it."""
        health = cls(key, last_success=now, next_due=now)
        if stored is None:
            return health
        health.outage_reported = stored.outage_told
        if stored.failures:
            health.failures, health.last_error = stored.failures, stored.last_error
            health.last_success = stored.failing_since or stored.last_error_at or now
        return health

    def record(self, now: datetime, error: str | None, *, wrong_shape: bool = False) -> None:
        """A poll's result: answered (``error`` None) or failed with that reason."""
        if error is None:
            self.last_success, self.failures, self.last_error = now, 0, None
            self.wrong_shape = False
        else:
            self.failures += 1
            self.last_error, self.wrong_shape = error, wrong_shape

    def notice(self, now: datetime, stale_after: timedelta) -> SourceDown | SourceBack | None:
        """What the operators are owed now, if anything (each outage is told once)."""
        down = self.failures > 0 and (now - self.last_success >= stale_after or self.wrong_shape)
        if down and not self.outage_reported:
            self.outage_reported = True
            return SourceDown(self.key, self.last_success, self.failures, self.last_error)
        if self.outage_reported and self.failures == 0:
            self.outage_reported = False
            return SourceBack(self.key, now)
        return None

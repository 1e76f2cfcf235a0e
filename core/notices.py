"""What the operators must be told about a source: plain values, worded by the bot."""

from dataclasses import dataclass
from datetime import datetime


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

"""The clock: aware UTC time. Rules take ``now`` as a parameter; only callers read this."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)

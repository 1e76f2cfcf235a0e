"""One poll of one source, whatever it is: conditional fetch, reading, storing, and the
source's state kept up to date, written once for the official JSON and the news feeds.

A source says how to read its body (:meth:`Source.read`) and how to store what it read
(:meth:`Source.store`); :func:`poll_source` does the rest. The first successful poll of a
source stores what is already published silently: nobody is alerted about history. After
that, a draw that appears is stored together with its outbox rows in one transaction, so
an alert is never queued without its draw nor lost.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeVar

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.health import SourceGone, SourceMoved, SourceNotice
from db import sources
from db.models import Draw, SourceState
from jobs.fetch import Disabled, Fetched, FetchFailed, FetchResult, NotModified, fetch

log = logging.getLogger(__name__)
Read = TypeVar("Read")

GONE = 410


class PollOutcome(StrEnum):
    NEW_CONTENT = "new content"
    UNCHANGED = "unchanged"  # a body we read before, validators or not
    NOT_MODIFIED = "not modified"  # a 304
    FAILED = "failed"
    DISABLED = "disabled"  # not asked: the source answered 410 Gone earlier


@dataclass
class PollReport:
    """What one poll of one source found and did."""

    source: str
    outcome: PollOutcome
    new: list[Draw] = field(default_factory=list)
    updated: list[Draw] = field(default_factory=list)
    confirmed: list[Draw] = field(default_factory=list)
    queued: int = 0
    first_run: bool = False
    error: str | None = None
    wrong_shape: bool = False  # failed on a document that is not what the source serves
    problems: list[str] = field(default_factory=list)
    notice: SourceNotice | None = None  # what the operators must be told (a source moved or gone)

    @property
    def healthy(self) -> bool:
        return self.error is None


class Unreadable(Exception):
    """The body is not what the source serves (an HTML error page, not JSON, not a feed)."""

    def __init__(self, reason: str, *, wrong_shape: bool = True) -> None:
        super().__init__(reason)
        self.reason, self.wrong_shape = reason, wrong_shape


class Source(Protocol[Read]):
    """A source to poll: where it is, how to read it, how to store what it says."""

    @property
    def key(self) -> str: ...
    @property
    def url(self) -> str: ...

    def read(self, fetched: Fetched) -> Read:
        """What the body says; raises Unreadable when it cannot be read at all."""
        ...

    async def store(
        self, session: AsyncSession, read: Read, report: PollReport, now: datetime
    ) -> None:
        """Store what was read, queue the alerts it owes, and fill in the report."""
        ...


async def poll_source(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: Source[Read],
    *,
    max_bytes: int,
    now: datetime,
) -> PollReport:
    """One poll of one source; its state (validators, health, first poll) kept up to date."""
    result, moved = await fetch_source(client, sessions, source.key, source.url, max_bytes)
    report = await _settle(sessions, source, result, now)
    report.notice = report.notice or moved
    return report


async def _settle(
    sessions: async_sessionmaker[AsyncSession],
    source: Source[Read],
    result: FetchResult,
    now: datetime,
) -> PollReport:
    if isinstance(result, NotModified):
        return PollReport(source.key, PollOutcome.NOT_MODIFIED)
    if isinstance(result, Disabled):
        return PollReport(source.key, PollOutcome.DISABLED, error=f"disabled: {result.reason}")
    if isinstance(result, FetchFailed):
        return await record_failed(sessions, source, result.reason, now, status=result.status)
    try:
        read = source.read(result)
    except Unreadable as error:
        wrong_shape = error.wrong_shape
        return await record_failed(sessions, source, error.reason, now, wrong_shape=wrong_shape)
    try:
        report = await _store(sessions, source, result, read, now)
    except SQLAlchemyError as error:
        log.exception("source=%s storing failed, nothing was written", source.key)
        return PollReport(
            source.key, PollOutcome.FAILED, error=f"database: {error.__class__.__name__}"
        )
    log_report(report)
    return report


async def _store(
    sessions: async_sessionmaker[AsyncSession],
    source: Source[Read],
    fetched: Fetched,
    read: Read,
    now: datetime,
) -> PollReport:
    """Store what was read in one transaction; a body read before is not read again (only
    changed validators get written)."""
    digest = hashlib.sha256(fetched.body).hexdigest()
    async with sessions() as session, session.begin():
        state = await sources.source_state(session, source.key, source.url)
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        if state.content_hash == digest and state.first_polled_at is not None:
            return PollReport(source.key, PollOutcome.UNCHANGED)
        first_run = state.first_polled_at is None
        report = PollReport(source.key, PollOutcome.NEW_CONTENT, first_run=first_run)
        await source.store(session, read, report, now)
        sources.record_success(state, now)
        state.content_hash = digest
        if report.new:
            state.last_new_draw_at = now
    return report


async def fetch_source(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    key: str,
    url: str,
    max_bytes: int,
) -> tuple[FetchResult, SourceMoved | None]:
    """GET the source (at its new address, if it moved for good) with the validators its
    last answer gave. Returns the result, and the news that it moved, if it did: a
    permanent redirect is remembered, and a source that answered 410 Gone is not asked
    again until its configured address changes."""
    async with sessions() as session:
        state = await session.get(SourceState, key)
    known = state if state is not None and state.url == url else None
    if known and known.disabled_reason:
        return Disabled(known.disabled_reason), None
    etag, modified = (known.etag, known.last_modified) if known else (None, None)
    target = (known.moved_to if known else None) or url
    result = await fetch(client, target, max_bytes=max_bytes, etag=etag, last_modified=modified)
    if isinstance(result, Fetched) and result.moved_to and result.moved_to != target:
        async with sessions() as session, session.begin():
            (await sources.source_state(session, key, url)).moved_to = result.moved_to
        log.warning("source=%s moved permanently to %s", key, result.moved_to)
        return result, SourceMoved(key, result.moved_to)
    return result, None


async def record_failed(
    sessions: async_sessionmaker[AsyncSession],
    source: Source[Read],
    reason: str,
    now: datetime,
    *,
    status: int | None = None,
    wrong_shape: bool = False,
) -> PollReport:
    """A failed poll; a 410 Gone disables the source, once, with word to the operators."""
    log.warning("source=%s poll failed: %s; stored draws untouched", source.key, reason)
    async with sessions() as session, session.begin():
        state = await sources.source_state(session, source.key, source.url)
        sources.record_failure(state, reason, now)
        if status == GONE:
            state.disabled_reason = f"{reason} at {now:%Y-%m-%d %H:%M} UTC"
    report = PollReport(source.key, PollOutcome.FAILED, error=reason, wrong_shape=wrong_shape)
    if status == GONE:
        log.error("source=%s answered 410 Gone: disabled", source.key)
        report.notice = SourceGone(source.key)
    return report


def log_report(report: PollReport) -> None:
    for problem in report.problems:
        log.warning("source=%s %s", report.source, problem)
    log.info(
        "source=%s %s: new=%d updated=%d confirmed=%d queued=%d%s",
        report.source, report.outcome, len(report.new), len(report.updated),
        len(report.confirmed), report.queued,
        " (first poll: history stored silently)" if report.first_run else "",
    )  # fmt: skip

"""Polling the official rounds JSON: fetch, read, store, and queue the alerts it owes.

The first successful poll of a source stores what is already published silently: nobody
is alerted about history. After that, a draw that appears is stored together with its
outbox rows in one transaction, so an alert is never queued without its draw nor lost.
"""

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import draws, outbox, sources
from db.models import Draw, SourceState
from jobs.fetch import Fetched, FetchFailed, NotModified, fetch
from jobs.official import DocumentError, OfficialDocument, parse_document

log = logging.getLogger(__name__)

OFFICIAL = "official"
# A "new" round dated longer ago than this is history that reached us late (a restored
# database, a renumbered feed): it is stored but alerts nobody.
ALERT_MAX_AGE = timedelta(days=30)


@dataclass
class PollReport:
    """What one poll of one source found and did."""

    source: str
    outcome: str  # "new content", "unchanged", "not modified", "failed"
    new: list[Draw] = field(default_factory=list)
    updated: list[Draw] = field(default_factory=list)
    queued: int = 0
    first_run: bool = False
    error: str | None = None
    problems: list[str] = field(default_factory=list)


async def poll_sources(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    *,
    official_url: str,
    max_bytes: int,
    now: datetime,
) -> list[PollReport]:
    """Poll every configured source once; one source's failure never stops another."""
    reports = []
    if official_url:
        try:
            reports.append(
                await poll_official(client, sessions, official_url, max_bytes=max_bytes, now=now)
            )
        except Exception as error:  # a bug in one source must not stop the schedule
            log.exception("source=%s poll crashed", OFFICIAL)
            reports.append(PollReport(OFFICIAL, "failed", error=repr(error)))
    return reports


async def poll_official(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    url: str,
    *,
    max_bytes: int,
    now: datetime,
) -> PollReport:
    """One poll of the official rounds JSON."""
    async with sessions() as session:
        state = await session.get(SourceState, OFFICIAL)
        etag, modified = (state.etag, state.last_modified) if state else (None, None)
    result = await fetch(client, url, max_bytes=max_bytes, etag=etag, last_modified=modified)
    if isinstance(result, NotModified):
        return PollReport(OFFICIAL, "not modified")
    if isinstance(result, FetchFailed):
        return await _failed(sessions, url, result.reason, now)
    try:
        document = parse_document(result.body)
    except DocumentError as error:
        return await _failed(sessions, url, f"unexpected document: {error}", now)
    try:
        return await _store(sessions, url, result, document, now)
    except SQLAlchemyError as error:
        log.exception("source=%s storing failed, nothing was written", OFFICIAL)
        return PollReport(OFFICIAL, "failed", error=f"database: {error.__class__.__name__}")


async def _failed(
    sessions: async_sessionmaker[AsyncSession], url: str, reason: str, now: datetime
) -> PollReport:
    log.warning("source=%s poll failed: %s; stored draws untouched", OFFICIAL, reason)
    async with sessions() as session, session.begin():
        sources.record_failure(await sources.source_state(session, OFFICIAL, url), reason, now)
    return PollReport(OFFICIAL, "failed", error=reason)


async def _store(
    sessions: async_sessionmaker[AsyncSession],
    url: str,
    fetched: Fetched,
    document: OfficialDocument,
    now: datetime,
) -> PollReport:
    digest = hashlib.sha256(fetched.body).hexdigest()
    async with sessions() as session, session.begin():
        state = await sources.source_state(session, OFFICIAL, url)
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        if state.content_hash == digest and state.first_polled_at is not None:
            return PollReport(OFFICIAL, "unchanged")  # only changed validators get written
        report = PollReport(
            OFFICIAL, "new content", first_run=state.first_polled_at is None,
            problems=document.problems,
        )  # fmt: skip
        stored = await draws.store_rounds(session, document.rounds, OFFICIAL, now)
        report.new, report.updated = stored.new, stored.updated
        report.queued = await _queue_alerts(session, stored.new, report.first_run, now)
        sources.record_success(state, now)
        state.content_hash = digest
        if stored.new:
            state.last_new_draw_at = now
    _log_report(report)
    return report


async def _queue_alerts(
    session: AsyncSession, new: Sequence[Draw], first_run: bool, now: datetime
) -> int:
    if first_run:
        return 0
    queued = 0
    for draw in new:
        if draw.date is not None and now.date() - draw.date > ALERT_MAX_AGE:
            log.warning(
                "draw=#%s dated %s is too old to alert; stored only", draw.number, draw.date
            )
            continue
        count = await outbox.enqueue(session, draw, now)
        log.info(
            "draw=#%s category=%s crs=%s queued=%d", draw.number, draw.category, draw.crs, count
        )
        queued += count
    return queued


def _log_report(report: PollReport) -> None:
    for problem in report.problems:
        log.warning("source=%s %s", report.source, problem)
    log.info(
        "source=%s %s: new=%d updated=%d queued=%d%s",
        report.source, report.outcome, len(report.new), len(report.updated), report.queued,
        " (first poll: history stored silently)" if report.first_run else "",
    )  # fmt: skip


async def import_file(
    sessions: async_sessionmaker[AsyncSession], path: Path, now: datetime
) -> PollReport:
    """Load a rounds JSON file as history: its draws are stored and alert nobody."""
    document = parse_document(await asyncio.to_thread(path.read_bytes))
    async with sessions() as session, session.begin():
        stored = await draws.store_rounds(session, document.rounds, OFFICIAL, now)
    report = PollReport(
        f"file {path}", "new content", new=stored.new, updated=stored.updated,
        problems=document.problems,
    )  # fmt: skip
    _log_report(report)
    return report

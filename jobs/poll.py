"""Polling every source: IRCC's official rounds JSON first, then the news feeds.

The official poll fetches, reads and stores the rounds, and queues the alerts (and the
corrections of news-based alerts) they owe, all in one transaction per poll.
"""

import asyncio
import hashlib
import logging
from collections.abc import Awaitable, Collection
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import draws, sources
from jobs.feeds import feed_key, poll_feed
from jobs.fetch import Fetched, FetchFailed, FetchResult, NotModified
from jobs.official import DocumentError, OfficialDocument, parse_document
from jobs.source import (
    PollReport,
    fetch_source,
    log_report,
    queue_alerts,
    queue_confirmation,
    record_failed,
)

log = logging.getLogger(__name__)

OFFICIAL = "official"


async def poll_sources(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    *,
    official_url: str,
    feed_urls: list[str],
    max_bytes: int,
    now: datetime,
    only: Collection[str] | None = None,
    official_fresh: bool = False,
) -> list[PollReport]:
    """Poll the configured sources (those named in ``only``, if given) once each; one
    source's failure never stops another.

    The official source goes first, so that the feeds know whether it answered just now
    (``official_fresh`` says whether it did within the last interval, if it is not polled).
    """
    reports = []
    if official_url and (only is None or OFFICIAL in only):
        report = await _guarded(
            OFFICIAL, poll_official(client, sessions, official_url, max_bytes, now)
        )
        reports.append(report)
        official_fresh = report.healthy
    feeds = [
        _guarded(feed_key(url), poll_feed(client, sessions, url, max_bytes, now, official_fresh))
        for url in feed_urls
        if only is None or feed_key(url) in only
    ]
    reports += await asyncio.gather(*feeds)
    return reports


def source_keys(official_url: str, feed_urls: list[str]) -> list[str]:
    """The keys of the configured sources, as their poll reports name them."""
    return ([OFFICIAL] if official_url else []) + [feed_key(url) for url in feed_urls]


async def _guarded(source: str, poll: Awaitable[PollReport]) -> PollReport:
    try:
        return await poll
    except Exception as error:  # a bug in one source must not stop the others
        log.exception("source=%s poll crashed", source)
        return PollReport(source, "failed", error=repr(error))


async def poll_official(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    url: str,
    max_bytes: int,
    now: datetime,
) -> PollReport:
    """One poll of the official rounds JSON."""
    result, notice = await fetch_source(client, sessions, OFFICIAL, url, max_bytes)
    report = await _read(sessions, url, result, now)
    report.notice = report.notice or notice
    return report


async def _read(
    sessions: async_sessionmaker[AsyncSession], url: str, result: FetchResult, now: datetime
) -> PollReport:
    if isinstance(result, NotModified):
        return PollReport(OFFICIAL, "not modified")
    if isinstance(result, FetchFailed):
        return await record_failed(sessions, OFFICIAL, url, result.reason, now, result.status)
    try:
        document = parse_document(result.body)
    except DocumentError as error:
        return await record_failed(sessions, OFFICIAL, url, f"unexpected document: {error}", now)
    try:
        return await _store(sessions, url, result, document, now)
    except SQLAlchemyError as error:
        log.exception("source=%s storing failed, nothing was written", OFFICIAL)
        return PollReport(OFFICIAL, "failed", error=f"database: {error.__class__.__name__}")


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
        report.confirmed = [draw for draw, _reported in stored.confirmed]
        if not report.first_run:
            for draw in stored.new:
                report.queued += await queue_alerts(session, draw, now)
        for draw, reported in stored.confirmed:
            report.queued += await queue_confirmation(
                session, draw, reported, report.first_run, now
            )
        sources.record_success(state, now)
        state.content_hash = digest
        if stored.new:
            state.last_new_draw_at = now
    log_report(report)
    return report


async def import_file(
    sessions: async_sessionmaker[AsyncSession], path: Path, now: datetime
) -> PollReport:
    """Load a rounds JSON file as history: its draws are stored and alert nobody."""
    document = parse_document(await asyncio.to_thread(path.read_bytes))
    async with sessions() as session, session.begin():
        stored = await draws.store_rounds(session, document.rounds, OFFICIAL, now)
    report = PollReport(
        f"file {path}", "new content", new=stored.new, updated=stored.updated,
        confirmed=[draw for draw, _reported in stored.confirmed], problems=document.problems,
    )  # fmt: skip
    log_report(report)
    return report

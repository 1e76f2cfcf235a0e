"""Polling every source: IRCC's official rounds JSON first, then the news feeds.

The official poll fetches, reads and stores the rounds, and queues the alerts and the
corrections they owe (of news-based alerts, and of alerts about rounds IRCC has changed
since), all in one transaction per poll.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import utcnow
from core.rounds import rounds_to_read
from core.schedule import HISTORY, Schedule, learn_window
from db import draws, sources
from jobs.feeds import feed_key, poll_feed
from jobs.fetch import Fetched
from jobs.official import DocumentError, RoundsDocument, list_rounds
from jobs.provinces.sources import ProvinceSource, ProvinceUrls, province_keys
from jobs.queue import queue_alerts, queue_confirmation, queue_revision, queue_the_rest
from jobs.source import PollOutcome, PollReport, Source, Unreadable, log_report, poll_source
from jobs.times.source import TIMES, TimesSource

log = logging.getLogger(__name__)

OFFICIAL = "official"
NO_PROVINCES = ProvinceUrls()


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
    provinces: Sequence[ProvinceSource] = (),
    times_url: str = "",
    queued: Callable[[], None] = lambda: None,
) -> list[PollReport]:
    """Poll the configured sources (those named in ``only``, if given) once each; one
    source's failure never stops another. The provinces' pages and IRCC's processing times
    are polled beside the news feeds. ``queued`` is called as soon as a source's poll has
    committed alerts, so that they go out without waiting for the other sources.

    The official source goes first, so that the feeds know whether it answered just now
    (``official_fresh`` says whether it did within the last interval, if it is not polled).
    A source's alerts are committed for the first chats of each new draw; the rest are
    queued right after (``queued`` is called again), and any rest a crash left is queued
    first of all.
    """
    if await queue_the_rest(sessions, now):
        queued()

    def guarded(source: str, poll: Awaitable[PollReport]) -> Awaitable[PollReport]:
        return _guarded(source, poll, queued, lambda: queue_the_rest(sessions, now))

    reports = []
    if official_url and (only is None or OFFICIAL in only):
        report = await guarded(
            OFFICIAL, poll_official(client, sessions, official_url, max_bytes, now)
        )
        reports.append(report)
        official_fresh = report.healthy
    feeds = [
        guarded(feed_key(url), poll_feed(client, sessions, url, max_bytes, now, official_fresh))
        for url in feed_urls
        if only is None or feed_key(url) in only
    ]
    documents: list[Source[Any]] = [*provinces, *([TimesSource(times_url)] if times_url else [])]
    pages = [
        guarded(source.key, poll_source(client, sessions, source, max_bytes=max_bytes, now=now))
        for source in documents
        if only is None or source.key in only
    ]
    reports += await asyncio.gather(*feeds, *pages)
    return reports


def source_keys(
    official_url: str,
    feed_urls: list[str],
    provinces: ProvinceUrls = NO_PROVINCES,
    times_url: str = "",
) -> list[str]:
    """The keys of the configured sources, as their poll reports name them."""
    official = [OFFICIAL] if official_url else []
    times = [TIMES] if times_url else []
    return official + [feed_key(url) for url in feed_urls] + province_keys(provinces) + times


async def load_schedule(
    sessions: async_sessionmaker[AsyncSession],
    *,
    official_url: str,
    feed_urls: list[str],
    fast: float,
    idle: float,
    provinces: ProvinceUrls = NO_PROVINCES,
    times_url: str = "",
    times_every: float = 3600,
) -> Schedule:
    """Every configured source due now, with the health the stored state left it in, and
    the draw window learned from the stored draws; the processing times every
    ``times_every`` seconds, whatever the window."""
    now = utcnow()
    async with sessions() as session:
        stored = await sources.stored_health(session)
    keys = source_keys(official_url, feed_urls, provinces, times_url)
    schedule = Schedule(keys, now, fast, idle, stored, intervals={TIMES: times_every})
    await learn_draw_window(sessions, schedule)
    return schedule


async def learn_draw_window(sessions: async_sessionmaker[AsyncSession], schedule: Schedule) -> None:
    """The draw window, from the stored draws' times."""
    now = utcnow()
    async with sessions() as session:
        times = await draws.draw_times_since(session, now - HISTORY)
    schedule.window = learn_window(times, now)
    window = schedule.window
    log.info("draw window: weekdays %s, %02d-%02d UTC", window.days, *window.hours)


async def _guarded(
    source: str,
    poll: Awaitable[PollReport],
    queued: Callable[[], None],
    rest: Callable[[], Awaitable[int]],
) -> PollReport:
    """One source's poll, its crash logged; once its alerts are committed, the sender is
    woken (``queued``), the rest of its fan-outs queued (``rest``) and the sender woken
    again."""
    try:
        report = await poll
    except Exception as error:  # a bug in one source must not stop the others
        log.exception("source=%s poll crashed", source)
        return PollReport(source, PollOutcome.FAILED, error=repr(error))
    if report.queued:
        queued()
        if await rest():
            queued()
    return report


@dataclass(frozen=True)
class OfficialSource:
    """IRCC's rounds JSON: every round it lists is stored, new ones alerted, changed ones
    corrected to the chats that were told the old figures. The whole
    document's shape is checked at each poll, but only the rounds whose JSON is new or
    changed since they were stored are read (a round's problems are told when it is)."""

    url: str
    key: str = OFFICIAL

    def read(self, fetched: Fetched) -> RoundsDocument:
        try:
            return list_rounds(fetched.body)
        except DocumentError as error:
            raise Unreadable(f"unexpected document: {error}") from None

    async def store(
        self, session: AsyncSession, listed: RoundsDocument, report: PollReport, now: datetime
    ) -> None:
        digests = listed.digests()
        changed = rounds_to_read(digests, await draws.round_hashes(session))
        read = listed.read(changed)
        log.debug("source=%s %d of %d rounds new or changed", self.key, len(changed), len(digests))
        report.problems += read.problems
        stored = await draws.store_rounds(session, read.rounds, OFFICIAL, now, dict(digests))
        report.new, report.updated = stored.new, stored.updated
        report.confirmed = [draw for draw, _reported in stored.confirmed]
        if not report.first_run:
            for draw in stored.new:
                report.queued += await queue_alerts(session, draw, now)
        for draw, reported in stored.confirmed:
            report.queued += await queue_confirmation(
                session, draw, reported, report.first_run, now
            )
        for draw, before in stored.revised:
            report.queued += await queue_revision(session, draw, before, report.first_run, now)


async def poll_official(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    url: str,
    max_bytes: int,
    now: datetime,
) -> PollReport:
    """One poll of the official rounds JSON."""
    return await poll_source(client, sessions, OfficialSource(url), max_bytes=max_bytes, now=now)


async def import_file(
    sessions: async_sessionmaker[AsyncSession], path: Path, now: datetime
) -> PollReport:
    """Load a rounds JSON file as history: its draws are stored and alert nobody."""
    listed = list_rounds(await asyncio.to_thread(path.read_bytes))
    document = listed.read()
    async with sessions() as session, session.begin():
        stored = await draws.store_rounds(
            session, document.rounds, OFFICIAL, now, dict(listed.digests())
        )
    report = PollReport(
        f"file {path}", PollOutcome.NEW_CONTENT, new=stored.new, updated=stored.updated,
        confirmed=[draw for draw, _reported in stored.confirmed], problems=document.problems,
    )  # fmt: skip
    log_report(report)
    return report

"""Polling news feeds (RSS/Atom): read each entry once, file what it reports about draws.

A confident report of a draw nobody has reported yet becomes a draw of its own, marked
not confirmed, and is alerted at once, unless the official source answered in this very
poll and already lists rounds of that date: then the official rows are the ones to use.
Entries present at the first poll of a feed are history: filed, never alerted.
"""

import calendar
import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.categories import label
from core.merge import Facts
from db import reports, sources
from db.models import Draw, FeedEntry, Report
from jobs.fetch import Fetched, FetchFailed, FetchResult, NotModified
from jobs.news import DrawReport, extract
from jobs.source import PollReport, fetch_source, log_report, queue_alerts, record_failed

log = logging.getLogger(__name__)

NEWS = "news"


@dataclass(frozen=True)
class Entry:
    """A feed entry as the extractor needs it."""

    key: str
    link: str | None
    title: str
    body: str
    published: datetime | None

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.title}\n{self.body}".encode()).hexdigest()


@dataclass(frozen=True)
class FeedPoll:
    """What filing one feed's entries needs to know."""

    feed: str
    first_run: bool
    official_fresh: bool
    now: datetime


def feed_key(url: str) -> str:
    return f"feed:{url}"[:200]


async def poll_feed(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    url: str,
    max_bytes: int,
    now: datetime,
    official_fresh: bool,
) -> PollReport:
    """One poll of one news feed."""
    key = feed_key(url)
    result, notice = await fetch_source(client, sessions, key, url, max_bytes)
    report = await _read(sessions, key, url, result, now, official_fresh)
    report.notice = report.notice or notice
    return report


async def _read(
    sessions: async_sessionmaker[AsyncSession],
    key: str,
    url: str,
    result: FetchResult,
    now: datetime,
    official_fresh: bool,
) -> PollReport:
    if isinstance(result, NotModified):
        return PollReport(key, "not modified")
    if isinstance(result, FetchFailed):
        return await record_failed(sessions, key, url, result.reason, now, result.status)
    parsed = feedparser.parse(
        result.body,
        response_headers={"content-type": result.content_type or "", "content-location": url},
    )
    problems = []
    if parsed.bozo:
        problems.append(f"malformed feed ({parsed.get('bozo_exception')!r}); using what was read")
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = problems[0] if problems else "not an RSS or Atom feed"
        return await record_failed(sessions, key, url, f"unreadable feed: {reason}", now)
    entries = [entry for raw in parsed.entries if (entry := read_entry(raw)) is not None]
    return await _file_entries(sessions, key, url, result, entries, problems, now, official_fresh)


async def _file_entries(
    sessions: async_sessionmaker[AsyncSession],
    key: str,
    url: str,
    fetched: Fetched,
    entries: list[Entry],
    problems: list[str],
    now: datetime,
    official_fresh: bool,
) -> PollReport:
    async with sessions() as session, session.begin():
        state = await sources.source_state(session, key, url)
        state.etag, state.last_modified = fetched.etag, fetched.last_modified
        context = FeedPoll(key, state.first_polled_at is None, official_fresh, now)
        report = PollReport(key, "new content", first_run=context.first_run, problems=problems)
        for entry in entries:
            try:
                async with session.begin_nested():  # one bad entry never spoils the others
                    await _file_entry(session, context, entry, report)
            except Exception as error:
                log.exception("source=%s entry=%s could not be filed", key, entry.key)
                report.problems.append(f"entry {entry.key}: {error!r}")
        sources.record_success(state, now)
        if report.new:
            state.last_new_draw_at = now
    log_report(report)
    return report


def read_entry(raw: Any) -> Entry | None:
    """The parts of a feedparser entry that matter; None for an entry with nothing to read."""
    title = str(raw.get("title") or "")
    parts = [str(raw.get("summary") or "")]
    parts += [str(content.get("value") or "") for content in raw.get("content") or []]
    body = "\n".join(part for part in dict.fromkeys(parts) if part)
    link = raw.get("link") or None
    key = raw.get("id") or link or (hashlib.sha256(title.encode()).hexdigest() if title else None)
    if key is None or not (title or body):
        return None
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    return Entry(str(key)[:500], link, title, body, published)


async def _file_entry(
    session: AsyncSession, context: FeedPoll, entry: Entry, report: PollReport
) -> None:
    stored = await reports.entry(session, context.feed, entry.key)
    if stored is not None and stored.content_hash == entry.digest:
        return  # read before, unchanged
    if stored is None:
        stored = FeedEntry(feed=context.feed, entry_key=entry.key)
        session.add(stored)
    else:
        await reports.forget_reports(session, stored.id)
    stored.link, stored.title, stored.published = entry.link, entry.title, entry.published
    stored.content_hash, stored.seen_at = entry.digest, context.now
    await session.flush()
    extraction = extract(entry.title, entry.body, entry.published)
    if extraction.main is not None:
        await _file_report(session, context, stored, entry, extraction.main, report, main=True)
    for row in extraction.table:
        if extraction.main is None or row.number != extraction.main.number:
            await _file_report(session, context, stored, entry, row, report, main=False)


async def _file_report(
    session: AsyncSession,
    context: FeedPoll,
    stored: FeedEntry,
    entry: Entry,
    claim: DrawReport,
    report: PollReport,
    *,
    main: bool,
) -> None:
    """Attach a report to its draw, or make it a new (unconfirmed) draw if it deserves one."""
    day = claim.date or (entry.published.date() if entry.published else None)
    facts = Facts(claim.number, day, claim.category, claim.invitations, claim.crs)
    draw = await reports.draw_for(session, facts)
    if draw is not None and not draw.confirmed:
        await _enrich(session, draw, claim)
    elif draw is None and _deserves_a_draw(claim, main) and day is not None:
        if context.official_fresh and await reports.official_draws_on(session, day):
            log.info("source=%s entry=%s: the official data lists rounds of %s and none "
                     "matches this report; not alerted", context.feed, entry.key, day)  # fmt: skip
        else:
            draw = _news_draw(claim, day, context.now)
            session.add(draw)
            await session.flush()
            report.new.append(draw)
            if main and not context.first_run:
                report.queued += await queue_alerts(session, draw, context.now)
    session.add(_report_row(stored, draw, claim))


async def _enrich(session: AsyncSession, draw: Draw, claim: DrawReport) -> None:
    """A news-only draw takes what a later report adds: a number, the draw's own date
    (where earlier reports only had their publication date), a tie-break, invitations."""
    if draw.number is None and claim.number is not None:
        draw.number = claim.number
    if claim.date is not None and not await reports.has_dated_report(session, draw.id):
        draw.date = claim.date
    draw.tie_break = draw.tie_break or claim.tie_break
    draw.invitations = draw.invitations if draw.invitations is not None else claim.invitations


def _deserves_a_draw(claim: DrawReport, main: bool) -> bool:
    """A confident main report, or a complete table row (which is never alerted)."""
    return claim.alertable and (claim.from_table or (main and claim.confidence != "low"))


def _news_draw(claim: DrawReport, day: Any, now: datetime) -> Draw:
    assert claim.category is not None
    return Draw(
        number=claim.number, date=day, category=claim.category, name=label(claim.category),
        invitations=claim.invitations, crs=claim.crs, tie_break=claim.tie_break, source=NEWS,
        confirmed=False, created_at=now,
    )  # fmt: skip


def _report_row(stored: FeedEntry, draw: Draw | None, claim: DrawReport) -> Report:
    return Report(
        entry_id=stored.id, draw_id=draw.id if draw else None, number=claim.number,
        date=claim.date, category=claim.category, invitations=claim.invitations, crs=claim.crs,
        tie_break=claim.tie_break, confidence=claim.confidence, from_table=claim.from_table,
    )  # fmt: skip

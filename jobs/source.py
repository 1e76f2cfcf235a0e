"""What every source's poll shares: its report, conditional fetch, failures, queued alerts.

The first successful poll of a source stores what is already published silently: nobody
is alerted about history. After that, a draw that appears is stored together with its
outbox rows in one transaction, so an alert is never queued without its draw nor lost.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import outbox, sources
from db.models import Draw, SourceState
from jobs.fetch import FetchResult, fetch
from jobs.merge import Facts, corrections

log = logging.getLogger(__name__)

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
    confirmed: list[Draw] = field(default_factory=list)
    queued: int = 0
    first_run: bool = False
    error: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return self.error is None


async def fetch_source(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    key: str,
    url: str,
    max_bytes: int,
) -> FetchResult:
    """GET the source with the validators its last answer gave."""
    async with sessions() as session:
        state = await session.get(SourceState, key)
        etag, modified = (state.etag, state.last_modified) if state else (None, None)
    return await fetch(client, url, max_bytes=max_bytes, etag=etag, last_modified=modified)


async def record_failed(
    sessions: async_sessionmaker[AsyncSession], key: str, url: str, reason: str, now: datetime
) -> PollReport:
    log.warning("source=%s poll failed: %s; stored draws untouched", key, reason)
    async with sessions() as session, session.begin():
        sources.record_failure(await sources.source_state(session, key, url), reason, now)
    return PollReport(key, "failed", error=reason)


def too_old(draw: Draw, now: datetime) -> bool:
    return draw.date is not None and now.date() - draw.date > ALERT_MAX_AGE


async def queue_alerts(session: AsyncSession, draw: Draw, now: datetime) -> int:
    """Queue the alerts a new draw owes, unless it is history that reached us late."""
    if too_old(draw, now):
        log.warning("draw=#%s dated %s is too old to alert; stored only", draw.number, draw.date)
        return 0
    count = await outbox.enqueue(session, draw, now)
    log.info(
        "draw=#%s category=%s crs=%s confirmed=%s queued=%d",
        draw.number, draw.category, draw.crs, draw.confirmed, count,
    )  # fmt: skip
    return count


async def queue_confirmation(
    session: AsyncSession, draw: Draw, reported: Facts, first_run: bool, now: datetime
) -> int:
    """A news-only draw the official data now confirms: correct what its alerts got wrong,
    and alert the chats its official figures concern that the news figures did not."""
    changed = corrections(reported, facts_of(draw))
    queued = 0
    if changed:
        detail = "; ".join(changed)
        queued += await outbox.enqueue_corrections(session, draw, detail, now)
        log.info("draw=#%s confirmed with corrections (%s)", draw.number, detail)
    if not first_run:
        queued += await queue_alerts(session, draw, now)
    return queued


def facts_of(draw: Draw) -> Facts:
    return Facts(draw.number, draw.date, draw.category, draw.invitations, draw.crs)


def log_report(report: PollReport) -> None:
    for problem in report.problems:
        log.warning("source=%s %s", report.source, problem)
    log.info(
        "source=%s %s: new=%d updated=%d confirmed=%d queued=%d%s",
        report.source, report.outcome, len(report.new), len(report.updated),
        len(report.confirmed), report.queued,
        " (first poll: history stored silently)" if report.first_run else "",
    )  # fmt: skip

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

from core.merge import Facts, corrections
from db import outbox, sources
from db.models import Draw, SourceState
from jobs.fetch import Fetched, FetchFailed, FetchResult, fetch

log = logging.getLogger(__name__)

# A "new" round dated longer ago than this is history that reached us late (a restored
# database, a renumbered feed): it is stored but alerts nobody.
ALERT_MAX_AGE = timedelta(days=30)
GONE = 410


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
    notice: str | None = None  # what the operators must be told (a source moved or gone)

    @property
    def healthy(self) -> bool:
        return self.error is None


async def fetch_source(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    key: str,
    url: str,
    max_bytes: int,
) -> tuple[FetchResult, str | None]:
    """GET the source (at its new address, if it moved for good) with the validators its
    last answer gave. Returns the result, and what the operators must be told, if anything:
    a permanent redirect is remembered, and a source that answered 410 Gone is not asked
    again until its configured address changes."""
    async with sessions() as session:
        state = await session.get(SourceState, key)
    known = state is not None and state.url == url
    if known and state and state.disabled_reason:
        return FetchFailed(f"disabled: {state.disabled_reason}", GONE), None
    etag, modified = (state.etag, state.last_modified) if known and state else (None, None)
    target = (state.moved_to if known and state else None) or url
    result = await fetch(client, target, max_bytes=max_bytes, etag=etag, last_modified=modified)
    if isinstance(result, Fetched) and result.moved_to and result.moved_to != target:
        async with sessions() as session, session.begin():
            (await sources.source_state(session, key, url)).moved_to = result.moved_to
        log.warning("source=%s moved permanently to %s", key, result.moved_to)
        return result, f"➡️ {key} moved permanently to {result.moved_to}; polling it there now."
    return result, None


async def record_failed(
    sessions: async_sessionmaker[AsyncSession],
    key: str,
    url: str,
    reason: str,
    now: datetime,
    status: int | None = None,
) -> PollReport:
    """A failed poll; a 410 Gone disables the source, once, with word to the operators."""
    if reason.startswith("disabled: "):
        return PollReport(key, "disabled", error=reason)
    log.warning("source=%s poll failed: %s; stored draws untouched", key, reason)
    async with sessions() as session, session.begin():
        state = await sources.source_state(session, key, url)
        sources.record_failure(state, reason, now)
        if status == GONE:
            state.disabled_reason = f"{reason} at {now:%Y-%m-%d %H:%M} UTC"
    report = PollReport(key, "failed", error=reason)
    if status == GONE:
        log.error("source=%s answered 410 Gone: disabled", key)
        report.notice = (
            f"⛔ {key} answered 410 Gone and is no longer polled. Point its setting at a new "
            "address to poll it again."
        )
    return report


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
    changed = corrections(reported, Facts.of(draw))
    queued = 0
    if changed:
        detail = "; ".join(changed)
        queued += await outbox.enqueue_corrections(session, draw, detail, now)
        log.info("draw=#%s confirmed with corrections (%s)", draw.number, detail)
    if not first_run:
        queued += await queue_alerts(session, draw, now)
    return queued


def log_report(report: PollReport) -> None:
    for problem in report.problems:
        log.warning("source=%s %s", report.source, problem)
    log.info(
        "source=%s %s: new=%d updated=%d confirmed=%d queued=%d%s",
        report.source, report.outcome, len(report.new), len(report.updated),
        len(report.confirmed), report.queued,
        " (first poll: history stored silently)" if report.first_run else "",
    )  # fmt: skip

"""A source's health after each poll: its next poll planned, its turns stored for a restart
to resume from, and what the operators must hear of it (returned, for the bot to tell).

Only the outages of official sources are told, IRCC's rounds and processing times and the
provinces' pages: users depend on them (a news feed's outage is only logged). A source that
moved or went away is told whichever it is (the poll's own notice).
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.health import SourceNotice
from core.provinces.values import province_of_key
from core.schedule import Schedule
from db import sources
from jobs.poll import OFFICIAL
from jobs.source import PollReport
from jobs.times.source import TIMES


async def after_polls(
    sessions: async_sessionmaker[AsyncSession],
    schedule: Schedule,
    reports: Sequence[PollReport],
    now: datetime,
    stale_after: timedelta,
) -> list[SourceNotice]:
    """Settle each polled source's health; returns what the operators must be told."""
    notices = []
    for report in reports:
        notices += await _after_poll(sessions, schedule, report, now, stale_after)
    return notices


def tells_operators(source: str) -> bool:
    """Whether the operators hear of the source's outages: IRCC's or a province's."""
    return source in (OFFICIAL, TIMES) or province_of_key(source) is not None


async def _after_poll(
    sessions: async_sessionmaker[AsyncSession],
    schedule: Schedule,
    report: PollReport,
    now: datetime,
    stale_after: timedelta,
) -> list[SourceNotice]:
    failing = schedule.health[report.source].failures > 0
    outage = schedule.polled(
        report.source, now, stale_after, report.error, wrong_shape=report.wrong_shape
    )
    if not tells_operators(report.source):
        outage = None
    recovered = failing and report.healthy
    if recovered or outage is not None:  # the usual case, nothing turned, writes nothing
        told_down = schedule.health[report.source].outage_reported
        async with sessions() as session, session.begin():
            if recovered:
                await sources.record_recovery(session, report.source, now)
            if outage is not None:
                await sources.record_outage_told(session, report.source, now if told_down else None)
    return [notice for notice in (report.notice, outage) if notice is not None]

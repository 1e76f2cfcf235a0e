"""The scheduled jobs, wired on PTB's JobQueue: poll the sources that are due, send what is
pending, tell the operators when a source turns.

Polling never waits for sending: a poll that queues alerts wakes the sender, which runs as
a job of its own, and returns; every source keeps its schedule through a fan-out of any
size, and a round published meanwhile is fetched, stored and queued behind the first one's
alerts (each chat still hears them in order: the outbox is sent in the order it was
queued). The sender also runs every SEND_INTERVAL_SECONDS, for what is left pending.

Of the processes sharing a database only the leader (db.leader) runs them; on taking the
lead, a process resumes each source's health from where the stored state left it.
"""

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.ext import Application, JobQueue

from bot import messages
from bot.context import Services
from bot.messages.locale import ENGLISH, speaking
from core.clock import utcnow
from core.health import SourceNotice
from jobs.health import after_polls
from jobs.poll import OFFICIAL, PollReport, learn_draw_window, poll_sources
from jobs.provinces.sources import province_sources

log = logging.getLogger(__name__)

# How often the poll job looks for due sources: a check in memory, and a poll of those
# that are due. Every second, so that a poll is never more than a second late.
TICK_SECONDS = 1.0
# A job of a kind never runs twice at once; a tick missed while one runs is dropped.
SINGLE_RUN = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}


def start_jobs(application: Application[Any, Any, Any, Any, Any, Any], services: Services) -> None:
    """The poll job every tick, the send job every SEND_INTERVAL_SECONDS, both once at start
    (an interval job added before the scheduler starts skips its first run), and the send
    job again whenever a poll queues alerts."""
    jobs: JobQueue[Any] | None = application.job_queue
    assert jobs is not None  # installed with the job-queue extra
    bot = application.bot

    async def send_pending(_context: object) -> None:
        """Send what is pending (queued by a poll, left by a restart or a failed try)."""
        if await lead(services):
            await services.sender.deliver(bot)

    def wake_sender() -> None:
        jobs.run_once(send_pending, 0, name="send_pending after a poll", job_kwargs=SINGLE_RUN)

    async def poll_due(_context: object) -> None:
        """Poll the sources that are due (see :func:`poll_and_tell`)."""
        await poll_and_tell(services, bot, wake_sender)

    for job, interval in (
        (poll_due, TICK_SECONDS),
        (send_pending, services.settings.send_interval_seconds),
    ):
        jobs.run_once(job, 0, name=f"{job.__name__} at start", job_kwargs=SINGLE_RUN)
        jobs.run_repeating(job, interval, first=interval, name=job.__name__, job_kwargs=SINGLE_RUN)


async def lead(services: Services) -> bool:
    """Whether this process runs the jobs now (see db.leader)."""
    leader = services.leader
    was = leader.leading
    if not await leader.check():
        return False
    if not was and leader.stood_by:  # what start loaded is old news: another process led
        await services.load_schedule()
    return True


async def poll_and_tell(services: Services, bot: Bot, wake_sender: Callable[[], None]) -> None:
    """Poll the sources that are due, waking the sender as soon as a source's alerts are
    committed (not when every source has answered); then tell the operators what turned and
    relearn the draw window."""
    now = utcnow()
    due = services.schedule.due(now)
    if not due or services.polling.locked() or not await lead(services):
        return
    async with services.polling:
        fresh = services.schedule.answered_within_interval(OFFICIAL, now)
        reports = await poll_once(services, due, official_fresh=fresh, queued=wake_sender)
    stale_after = timedelta(seconds=services.settings.official_stale_seconds)
    for notice in await after_polls(
        services.sessions, services.schedule, reports, utcnow(), stale_after
    ):
        await tell_operators(services, bot, notice)
    if any(report.new for report in reports):
        await learn_draw_window(services.sessions, services.schedule)


async def poll_once(
    services: Services,
    due: set[str] | None = None,
    *,
    official_fresh: bool = False,
    queued: Callable[[], None] = lambda: None,
) -> list[PollReport]:
    """One poll of the due sources (all of them by default), as the service and
    `python -m bot poll` do it. ``official_fresh``: the official source answered within the
    last interval (it matters to the news feeds when it is not polled this time);
    ``queued``: called as soon as a source's alerts are committed."""
    settings = services.settings
    return await poll_sources(
        services.http,
        services.sessions,
        official_url=settings.ircc_rounds_url,
        feed_urls=settings.feed_urls,
        max_bytes=settings.http_max_bytes,
        now=utcnow(),
        only=due,
        official_fresh=official_fresh,
        provinces=province_sources(settings.provinces, utcnow().date()),
        times_url=settings.ircc_flpt_url,
        queued=queued,
    )


async def tell_operators(services: Services, bot: Bot, notice: SourceNotice) -> None:
    """Each operator chat is told in its language, its times in its zone."""
    with speaking(ENGLISH):
        log.warning("operators told: %s", messages.operator_notice(notice))
    await services.operators.tell(bot, lambda: messages.operator_notice(notice))

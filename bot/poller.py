"""The scheduled jobs on the bot's side: poll the sources that are due, tell the operators
when the official source goes quiet or wrong (and when it recovers), send what was queued.

Of the processes sharing a database only the leader (db.leader) runs them; on taking the
lead, a process resumes each source's health from where the stored state left it.
"""

import logging
from datetime import timedelta

from sqlalchemy import select
from telegram import Bot
from telegram.error import TelegramError

from bot.context import BotContext, Services
from bot.settings import Settings
from core.clock import utcnow
from db import sources
from db.models import Draw
from jobs.poll import OFFICIAL, PollReport, poll_sources, source_keys
from jobs.schedule import HISTORY, Schedule, learn_window

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0


def tick(settings: Settings) -> float:
    """How often the poll job looks for due sources: a check in memory, and a poll of
    those that are due. Every second, so that a poll is never more than a second late."""
    return TICK_SECONDS


async def start(services: Services) -> None:
    """Every source due now, with its stored health; the draw window from stored draws."""
    settings, now = services.settings, utcnow()
    keys = source_keys(settings.ircc_rounds_url, settings.feed_urls)
    async with services.sessions() as session:
        stored = {state.key: state for state in await sources.all_states(session)}
    services.schedule = Schedule(
        keys, now, settings.poll_interval_seconds, settings.idle_interval, stored
    )
    await learn(services)


async def lead(services: Services) -> bool:
    """Whether this process runs the jobs now (see db.leader)."""
    leader = services.leader
    was = leader.leading
    if not await leader.check():
        return False
    if not was and leader.stood_by:  # what start loaded is old news: another process led
        await start(services)
    return True


async def learn(services: Services) -> None:
    """The draw window, from the stored draws' times."""
    now = utcnow()
    async with services.sessions() as session:
        query = select(Draw.drawn_at).where(Draw.drawn_at >= now - HISTORY)
        times = [moment for moment in await session.scalars(query) if moment is not None]
    services.schedule.window = learn_window(times, now)
    log.info("draw window: %s", services.schedule.window.describe())


async def poll_job(context: BotContext) -> None:
    """Poll the sources that are due; send what they queued right away."""
    services = context.services
    now = utcnow()
    due = services.schedule.due(now)
    if not due or services.polling.locked() or not await lead(services):
        return
    async with services.polling:
        fresh = services.schedule.answered_within_interval(OFFICIAL, now)
        reports = await poll_once(services, due, official_fresh=fresh)
    stale_after = timedelta(seconds=services.settings.official_stale_seconds)
    for report in reports:
        failing = services.schedule.health[report.source].failures > 0
        notice = services.schedule.polled(report, utcnow(), stale_after)
        if report.source != OFFICIAL:
            notice = None  # the operators hear of the official source's outages only
        await remember_health(
            services, report.source, recovered=failing and report.healthy, told=notice is not None
        )
        for said in (report.notice, notice):
            if said:
                await tell_operators(context.bot, services, said)
    if any(report.new for report in reports):
        await learn(services)
    if any(report.queued for report in reports):
        await services.sender.deliver(context.bot)


async def poll_once(
    services: Services, due: set[str] | None = None, *, official_fresh: bool = False
) -> list[PollReport]:
    """One poll of the due sources (all of them by default), as the service and
    `python -m bot poll` do it. ``official_fresh``: the official source answered within the
    last interval (it matters to the news feeds when it is not polled this time)."""
    settings, now = services.settings, utcnow()
    return await poll_sources(
        services.http,
        services.sessions,
        official_url=settings.ircc_rounds_url,
        feed_urls=settings.feed_urls,
        max_bytes=settings.http_max_bytes,
        now=now,
        only=due,
        official_fresh=official_fresh,
    )


async def remember_health(services: Services, key: str, *, recovered: bool, told: bool) -> None:
    """Store a source's health when it turns, for a restart to resume from: it answers
    again, or its outage (or the end of it) was told."""
    if not (recovered or told):
        return  # the usual case: nothing turned, nothing written
    outage = services.schedule.health[key].outage_reported
    async with services.sessions() as session, session.begin():
        if recovered:
            await sources.record_recovery(session, key, utcnow())
        if told:
            await sources.record_outage_told(session, key, utcnow() if outage else None)


async def tell_operators(bot: Bot, services: Services, text: str) -> None:
    log.warning("operators told: %s", text)
    for chat_id in services.settings.admin_chat_ids:
        try:
            await bot.send_message(chat_id, text)
        except TelegramError as error:
            log.error("could not tell operator chat %s: %s", chat_id, error)


async def deliver_job(context: BotContext) -> None:
    """Send what is pending: left by a restart, a failed try, or `python -m bot poll`."""
    if await lead(context.services):
        await context.services.sender.deliver(context.bot)

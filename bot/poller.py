"""The scheduled jobs on the bot's side: poll the sources that are due, tell the operators
when the official source goes quiet or wrong (and when it recovers), send what was queued.
"""

import logging
from datetime import timedelta

from sqlalchemy import select
from telegram import Bot
from telegram.error import TelegramError

from bot.context import Context, Services
from bot.settings import Settings
from db.models import Draw, utcnow
from jobs.poll import OFFICIAL, PollReport, poll_sources, source_keys
from jobs.schedule import HISTORY, Schedule, learn_window

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0


def tick(settings: Settings) -> float:
    """How often the poll job looks for due sources: a check in memory, and a poll of
    those that are due. Every second, so that a poll is never more than a second late."""
    return TICK_SECONDS


async def start(services: Services) -> None:
    settings, now = services.settings, utcnow()
    keys = source_keys(settings.ircc_rounds_url, settings.feed_urls)
    services.schedule = Schedule(keys, now, settings.poll_interval_seconds, settings.idle_interval)
    await learn(services)


async def learn(services: Services) -> None:
    """The draw window, from the stored draws' times."""
    now = utcnow()
    async with services.sessions() as session:
        query = select(Draw.drawn_at).where(Draw.drawn_at >= now - HISTORY)
        times = [moment for moment in await session.scalars(query) if moment is not None]
    services.schedule.window = learn_window(times, now)
    log.info("draw window: %s", services.schedule.window.describe())


async def poll_job(context: Context) -> None:
    """Poll the sources that are due; send what they queued right away."""
    services = context.services
    now = utcnow()
    due = services.schedule.due(now)
    if not due or services.polling.locked():
        return
    async with services.polling:
        fresh = services.schedule.answered_within_interval(OFFICIAL, now)
        reports = await poll_once(services, due, official_fresh=fresh)
    stale_after = timedelta(seconds=services.settings.official_stale_seconds)
    for report in reports:
        notice = services.schedule.polled(report, utcnow(), stale_after)
        for said in (report.notice, notice if report.source == OFFICIAL else None):
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


async def tell_operators(bot: Bot, services: Services, text: str) -> None:
    log.warning("operators told: %s", text)
    for chat_id in services.settings.admin_chat_ids:
        try:
            await bot.send_message(chat_id, text)
        except TelegramError as error:
            log.error("could not tell operator chat %s: %s", chat_id, error)


async def deliver_job(context: Context) -> None:
    """Send what is pending: left by a restart, a failed try, or `python -m bot poll`."""
    await context.services.sender.deliver(context.bot)

"""The scheduled jobs on the bot's side: poll the sources that are due, tell the operators
when the official source goes quiet or wrong (and when it recovers), send what was queued.

Of the processes sharing a database only the leader (db.leader) runs them; on taking the
lead, a process resumes each source's health from where the stored state left it.
"""

import logging
from datetime import timedelta

from telegram import Bot
from telegram.error import TelegramError

from bot import messages
from bot.chat import operators
from bot.context import BotContext, Services
from bot.messages.locale import speaking
from core.clock import utcnow
from core.notices import SourceNotice
from db import sources
from jobs.poll import OFFICIAL, PollReport, learn_draw_window, poll_sources

log = logging.getLogger(__name__)

# How often the poll job looks for due sources: a check in memory, and a poll of those
# that are due. Every second, so that a poll is never more than a second late.
TICK_SECONDS = 1.0


async def lead(services: Services) -> bool:
    """Whether this process runs the jobs now (see db.leader)."""
    leader = services.leader
    was = leader.leading
    if not await leader.check():
        return False
    if not was and leader.stood_by:  # what start loaded is old news: another process led
        await services.load_schedule()
    return True


async def poll_job(context: BotContext) -> None:
    """Poll the sources that are due; send what they queued right away, and only then
    tell the operators and relearn the draw window, so that nothing waits between the
    commit of a new draw's alerts and their first message."""
    services = context.services
    now = utcnow()
    due = services.schedule.due(now)
    if not due or services.polling.locked() or not await lead(services):
        return
    async with services.polling:
        fresh = services.schedule.answered_within_interval(OFFICIAL, now)
        reports = await poll_once(services, due, official_fresh=fresh)
    notices = [notice for report in reports for notice in await _after_poll(services, report)]
    if any(report.queued for report in reports):
        await services.sender.deliver(context.bot)
    for notice in notices:
        await tell_operators(context.bot, services, notice)
    if any(report.new for report in reports):
        await learn_draw_window(services.sessions, services.schedule)


async def _after_poll(services: Services, report: PollReport) -> list[SourceNotice]:
    """Plan the source's next poll and store its health if it turned; returns what the
    operators must be told."""
    schedule = services.schedule
    failing = schedule.health[report.source].failures > 0
    stale_after = timedelta(seconds=services.settings.official_stale_seconds)
    health_notice = schedule.polled(
        report.source, utcnow(), stale_after, report.error, wrong_shape=report.wrong_shape
    )
    if report.source != OFFICIAL:
        health_notice = None  # the operators hear of the official source's outages only
    await remember_health(
        services,
        report.source,
        recovered=failing and report.healthy,
        told=health_notice is not None,
    )
    return [notice for notice in (report.notice, health_notice) if notice is not None]


async def poll_once(
    services: Services, due: set[str] | None = None, *, official_fresh: bool = False
) -> list[PollReport]:
    """One poll of the due sources (all of them by default), as the service and
    `python -m bot poll` do it. ``official_fresh``: the official source answered within the
    last interval (it matters to the news feeds when it is not polled this time)."""
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


async def tell_operators(bot: Bot, services: Services, notice: SourceNotice) -> None:
    """Each operator chat is told in its language, its times in its zone."""
    log.warning("operators told: %s", messages.operator_notice(notice))
    for chat_id, audience in (await operators.audiences(services)).items():
        with speaking(audience):
            text = messages.operator_notice(notice)
        try:
            await bot.send_message(chat_id, text)
        except TelegramError as error:
            log.error("could not tell operator chat %s: %s", chat_id, error)


async def deliver_job(context: BotContext) -> None:
    """Send what is pending: left by a restart, a failed try, or `python -m bot poll`."""
    if await lead(context.services):
        await context.services.sender.deliver(context.bot)

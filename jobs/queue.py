"""Queueing what a stored draw owes: its alerts; for a news-only draw that the official
data confirms, the corrections of what the news got wrong; for an official round IRCC
changed since, the corrections of what its alert said. And what a new edition of the
processing times owes: word of its changes to the chats that follow them. The caller owns
the transaction, so a draw (or an edition) and its outbox rows are written together; only
the rest of a big fan-out is queued after, in a transaction of its own (queue_the_rest)."""

import logging
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import merge
from core.merge import Facts
from core.rounds import too_old_to_alert
from core.times.follow import followed, told
from db import corrections, fanout, times
from db.models import Draw, TimesEdition

log = logging.getLogger(__name__)


def named(draw: Draw) -> str:
    """A draw in the log: its number, or a provincial draw's province, stream and date."""
    if draw.province is not None:
        return f"{draw.province}/{draw.category}/{draw.date}"
    return f"#{draw.number}"


async def queue_alerts(session: AsyncSession, draw: Draw, now: datetime) -> int:
    """Queue the alerts a new draw owes, unless it is history that reached us late."""
    return await queue_alerts_together(session, [draw], now)


async def queue_alerts_together(session: AsyncSession, draws: list[Draw], now: datetime) -> int:
    """Queue the alerts of new draws published together (a province's streams on one page)
    so that each chat gets one message about them (see db.fanout.enqueue_together); draws
    that are history reaching us late are stored only."""
    fresh = []
    for draw in draws:
        if too_old_to_alert(draw.date, now.date()):
            log.warning("draw=%s dated %s is too old to alert; stored only", named(draw), draw.date)
        else:
            fresh.append(draw)
    if len(fresh) == 1:  # a round alone: its first chats now, the rest right after
        count = await fanout.enqueue_first(session, fresh[0], now)
    else:  # each chat's rows side by side, all at once (a province's streams: few chats)
        count = await fanout.enqueue_together(session, fresh, now)
    for draw in fresh:
        log.info("draw=%s category=%s crs=%s confirmed=%s", named(draw), draw.category,
                 draw.crs, draw.confirmed)  # fmt: skip
    if fresh:
        log.info("draws=%d queued=%d", len(fresh), count)
    return count


async def queue_the_rest(sessions: async_sessionmaker[AsyncSession], now: datetime) -> int:
    """Queue the rest of the fan-outs whose first chats' alerts were queued with their
    draw (see db.fanout.enqueue_first), in a transaction of its own; returns how many rows
    that queued. A failure is logged and left for the next poll: the notes stay."""
    try:
        async with sessions() as session, session.begin():
            queued = await fanout.finish(session, now)
    except SQLAlchemyError:
        log.exception("queuing the rest of the fan-outs failed; the next poll tries again")
        return 0
    if queued:
        log.info("the rest of the fan-outs queued=%d", queued)
    return queued


async def queue_confirmation(
    session: AsyncSession, draw: Draw, reported: Facts, first_run: bool, now: datetime
) -> int:
    """A news-only draw the official data now confirms: correct what its alerts got wrong,
    and alert the chats its official figures concern that the news figures did not."""
    changed = merge.corrections(reported, Facts.of(draw))
    queued = 0
    if changed:
        queued += await corrections.enqueue_corrections(session, draw, changed, now)
        log.info("draw=%s confirmed with corrections %s", named(draw), changed)
    if not first_run:
        queued += await queue_alerts(session, draw, now)
    return queued


async def queue_revision(
    session: AsyncSession, draw: Draw, before: Facts, first_run: bool, now: datetime
) -> int:
    """An official round IRCC changed after it was stored: each chat sent its alert is
    told what changed, once, and the chats its new figures concern that the old ones did
    not get the alert. A change in nothing an alert shows owes nothing; neither does a
    change to a round too old to alert (it is stored, and logged)."""
    changed = merge.corrections(before, Facts.of(draw))
    if not changed:
        return 0
    if too_old_to_alert(draw.date, now.date()):
        log.warning("draw=%s dated %s revised %s; too old to tell", named(draw), draw.date, changed)
        return 0
    queued = await corrections.enqueue_corrections(session, draw, changed, now)
    if not first_run:
        queued += await fanout.enqueue_first(
            session, draw, now, unless_matched=(before.category or draw.category, before.crs)
        )
    log.info("draw=%s revised %s queued=%d", named(draw), changed, queued)
    return queued


async def queue_times_changes(session: AsyncSession, edition: TimesEdition, now: datetime) -> int:
    """Queue word of a new edition of the processing times to each chat that follows a
    figure it changed; nothing for the first edition (nothing to compare with) nor for an
    older one that reached us late."""
    newest = await times.newest_editions(session, 1)
    changed = await times.changes_since_before(session, edition.id)
    if changed is None or newest[0].id != edition.id:
        return 0
    keys = []
    for key in await times.followed_keys(session):
        follows = followed(key)
        if follows is not None and told([follows], changed):
            keys.append(key)
    queued = await fanout.enqueue_times(session, edition.id, sorted(keys), now)
    log.info("times edition of %s: %d figures changed, keys=%d queued=%d",
             edition.published, len(changed), len(keys), queued)  # fmt: skip
    return queued

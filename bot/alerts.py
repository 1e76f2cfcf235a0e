"""Sending the outbox: each pending alert to its chat, through PTB's rate limiter.

Rows are read in batches; a chat with several pending draws gets them in one message. A
row is marked sent right after Telegram accepts its message, so a restart resends nothing
that was marked, and delivers everything that was not.
"""

import asyncio
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot import messages
from db import outbox, reports
from db.draws import previous_draw
from db.matching import matches
from db.models import Delivery, Draw, Subscription, utcnow

log = logging.getLogger(__name__)

BATCH_SIZE = 200
CONCURRENT_SENDS = 8  # enough to keep the rate limiter's 30 messages a second busy


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass
class ChatAlert:
    """Pending rows of one chat, turned into one message."""

    chat_id: int
    delivery_ids: list[int]
    text: str


@dataclass
class Batch:
    alerts: list[ChatAlert]
    unwanted: list[int]  # rows whose chat no longer subscribes to their draw
    last_id: int


class Sender:
    """Delivers pending alerts; one delivery run at a time per process."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._lock = asyncio.Lock()
        self._again = False

    async def deliver(self, bot: Bot) -> DeliveryReport:
        """Send every pending alert; returns at once if a run is already under way."""
        report = DeliveryReport()
        self._again = True  # a run under way makes one more pass for what was just queued
        if self._lock.locked():
            return report
        async with self._lock:
            while self._again:
                self._again = False
                await self._deliver_pending(bot, report)
        if report.sent or report.failed:
            log.info(
                "delivered sent=%d failed=%d skipped=%d", report.sent, report.failed, report.skipped
            )
        return report

    async def _deliver_pending(self, bot: Bot, report: DeliveryReport) -> None:
        after_id = 0
        while batch := await self._next_batch(after_id):
            after_id = batch.last_id
            if batch.unwanted:
                await self._mark(batch.unwanted, outbox.SKIPPED, "no matching subscription")
                report.skipped += len(batch.unwanted)
            await self._send_batch(bot, batch.alerts, report)

    async def _next_batch(self, after_id: int) -> Batch | None:
        async with self._sessions() as session:
            rows = await outbox.pending(session, BATCH_SIZE, after_id)
            return await _compose(session, rows) if rows else None

    async def _send_batch(self, bot: Bot, batch: list[ChatAlert], report: DeliveryReport) -> None:
        slots = asyncio.Semaphore(CONCURRENT_SENDS)

        async def send(alert: ChatAlert) -> None:
            async with slots:
                await self._send_one(bot, alert, report)

        await asyncio.gather(*(send(alert) for alert in batch))

    async def _send_one(self, bot: Bot, alert: ChatAlert, report: DeliveryReport) -> None:
        try:
            await bot.send_message(
                alert.chat_id,
                alert.text,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except (Forbidden, BadRequest) as error:
            await self._give_up(alert, error, report)
            return
        except TelegramError as error:
            log.warning("chat=%s send failed, will retry: %s", alert.chat_id, error)
            async with self._sessions() as session, session.begin():
                await outbox.record_attempt(session, alert.delivery_ids, str(error))
            report.failed += len(alert.delivery_ids)
            return
        await self._mark(alert.delivery_ids, outbox.SENT)
        report.sent += len(alert.delivery_ids)

    async def _give_up(
        self, alert: ChatAlert, error: TelegramError, report: DeliveryReport
    ) -> None:
        reason = f"{error.__class__.__name__}: {error.message}"
        report.failed += len(alert.delivery_ids)
        if isinstance(error, Forbidden) or "chat not found" in error.message.lower():
            log.info("chat=%s deactivated: %s", alert.chat_id, reason)
            async with self._sessions() as session, session.begin():
                await outbox.deactivate_chat(session, alert.chat_id, reason, utcnow())
        else:
            log.error("chat=%s alert rejected: %s", alert.chat_id, reason)
            await self._mark(alert.delivery_ids, outbox.FAILED, reason)

    async def _mark(self, delivery_ids: list[int], status: str, reason: str | None = None) -> None:
        async with self._sessions() as session, session.begin():
            await outbox.mark(session, delivery_ids, status, utcnow(), reason)


async def _compose(session: AsyncSession, rows: Sequence[tuple[Delivery, Draw]]) -> Batch:
    """Group rows by chat and write each chat's message from its current subscriptions."""
    by_chat: dict[int, list[tuple[Delivery, Draw]]] = defaultdict(list)
    for delivery, draw in sorted(rows, key=lambda row: (row[1].date or date.min, row[1].id)):
        by_chat[delivery.chat_id].append((delivery, draw))
    subscriptions = await _subscriptions_of(session, list(by_chat))
    unconfirmed = [draw.id for _delivery, draw in rows if not draw.confirmed]
    sources = await reports.links(session, unconfirmed) if unconfirmed else {}
    previous: dict[int, Draw | None] = {}
    batch = Batch(alerts=[], unwanted=[], last_id=rows[-1][0].id)
    for chat_id, chat_rows in by_chat.items():
        notices, ids = [], []
        for delivery, draw in chat_rows:
            scores = _scores(subscriptions[chat_id], draw, delivery.kind)
            if scores is None:
                batch.unwanted.append(delivery.id)
                continue
            if draw.id not in previous:
                previous[draw.id] = await previous_draw(session, draw)
            notices.append(
                messages.Notice(
                    draw, previous[draw.id], scores, sources.get(draw.id, ()), delivery.detail
                )
            )
            ids.append(delivery.id)
        if notices:
            batch.alerts.append(ChatAlert(chat_id, ids, messages.alert(notices)))
    return batch


async def _subscriptions_of(
    session: AsyncSession, chat_ids: list[int]
) -> defaultdict[int, list[Subscription]]:
    subscriptions: defaultdict[int, list[Subscription]] = defaultdict(list)
    query = select(Subscription).where(Subscription.chat_id.in_(chat_ids))
    for sub in await session.scalars(query):
        subscriptions[sub.chat_id].append(sub)
    return subscriptions


def _scores(subscriptions: list[Subscription], draw: Draw, kind: str) -> list[int] | None:
    """The scores to compare with the draw's cut-off; None if the chat no longer wants it.

    An alert goes to subscriptions that match the draw; a correction goes to every chat
    that got the alert, with the scores of its subscriptions to the draw's category.
    """
    correction = kind == outbox.CORRECTION
    wanted = [
        sub for sub in subscriptions
        if matches(sub.category, None if correction else sub.max_crs, draw.category, draw.crs)
    ]  # fmt: skip
    if not wanted and not correction:
        return None
    return [sub.max_crs for sub in wanted if sub.max_crs is not None]

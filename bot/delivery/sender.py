"""Sending the outbox: each chat's pending alerts, several messages in flight, paced.

Over the internet a Bot API call takes 50 to 200 ms, so one message at a time could not
pass 5 to 20 a second. The sender keeps a window of up to MAX_IN_FLIGHT sends in flight;
the pacer (bot.delivery.pacing) holds them to Telegram's limits. Rows are taken in outbox order
(the order their alerts were queued, see db.outbox.enqueue), and two messages to one chat
are never in flight at once, so each chat gets its messages in order.

Each row is marked sent as soon as Telegram's answer to its own message arrives (marks
that arrive together go in one statement, bot.delivery.marking): killed at any moment, the next
start delivers every pending alert and repeats at most the messages that were in flight,
never more than MAX_IN_FLIGHT (and PAID_IN_FLIGHT more during a paid broadcast). Asked
to stop (SIGTERM), the sender finishes the messages in flight, sends no other, and leaves
the rest pending.

Processes sharing a database (a webhook server and a worker, say) share the outbox: each
claims a batch of rows before sending it and renews the claim while it works, so no row
is sent by two of them. A process that cannot renew its claim stops sending that batch;
one that dies leaves claims that lapse after ``claim_seconds``, and the rows go out then.

Paid broadcasts (bot.delivery.paid) have a window of their own, PAID_IN_FLIGHT sends; each row
records whether its message went paid, so that /status can tell what they cost.

Telegram's refusals are normal here: a blocked or vanished chat is deactivated, a group
that became a supergroup is followed to its new id, a message refused for its formatting
goes again as plain text (with no parse mode), one for a deleted forum topic goes to
the chat's general topic (as the topic's alerts do from then on), and network trouble is
retried later with exponential backoff. None of these stops delivery to anyone else.
"""

import asyncio
import contextlib
import dataclasses
import functools
import html
import logging
import os
import re
import secrets
import socket
import time
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.delivery.compose import Batch, ChatAlert, compose
from bot.delivery.marking import SentMarks
from bot.delivery.paid import PAID_IN_FLIGHT, PaidBroadcasts, PaidFanOuts, stars_short
from core.clock import utcnow
from core.sending import DeliveryReport
from db import chats, outbox

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# Free sends in flight at once. At Telegram's 30 messages a second the pacer keeps about
# 30 * rtt of them busy: 3 at 100 ms, 6 at 200 ms, 10 at 330 ms. More would not go faster
# at any real round trip, and would only raise how many messages a crash can repeat.
MAX_IN_FLIGHT = 10
CLAIM_SECONDS = 60.0
_TAG = re.compile(r"<[^>]*>")
TOPIC_GONE = "message thread not found"  # the forum topic was deleted
GONE = ("chat not found", "user is deactivated", "bot was kicked", "group chat was deleted")


class Sender:
    """Delivers pending alerts; one delivery run at a time per process."""

    def __init__(
        self,
        engine: AsyncEngine,
        sessions: async_sessionmaker[AsyncSession],
        claim_seconds: float = CLAIM_SECONDS,
        window: int = MAX_IN_FLIGHT,
        paid: PaidBroadcasts | None = None,
    ) -> None:
        self._engine, self._sessions = engine, sessions
        self._marker: AsyncConnection | None = None
        self._marking = asyncio.Lock()  # one statement at a time on the marker connection
        self._sent: SentMarks | None = None
        self.window = window  # sends in flight at most
        self.paid = PaidFanOuts(paid)
        self._last_send: dict[int, asyncio.Task[None]] = {}  # each chat's latest send
        # who claims rows in the shared outbox: this process, this start
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._claim = timedelta(seconds=claim_seconds)
        self._claim_held_until = 0.0  # time.monotonic(); sends stop before then
        self._lock = asyncio.Lock()
        self._again = False
        self._stopping = False
        self.last_run: DeliveryReport | None = None  # the last run that sent anything
        self.last_run_at: datetime | None = None

    def stop(self) -> None:
        """Finish the messages in flight, then send no more (the rest stays pending)."""
        self._stopping = True

    async def deliver(self, bot: Bot) -> DeliveryReport:
        """Send every pending alert that is due; returns at once if a run is under way.
        The alerts are HTML: ``bot`` has the application's Defaults (bot.app.bot_defaults)."""
        report = DeliveryReport()
        self._again = True  # a run under way makes one more pass for what was just queued
        if self._lock.locked():
            return report
        started = time.monotonic()
        self.paid.new_run()
        self._claim_held_until = 0.0
        async with self._lock, self._engine.connect() as connection:
            # Outcomes are marked once a message: one connection in autocommit mode for the
            # run makes each mark durable at once, at the least cost.
            self._marker = await connection.execution_options(isolation_level="AUTOCOMMIT")
            self._sent = SentMarks(self._marker, self._marking)
            renewing = asyncio.create_task(self._keep_claims())
            try:
                while self._again and not self._stopping:
                    self._again = False
                    await self._deliver_pending(bot, report)
            except ExceptionGroup as failed:  # a send's own error, as one send would raise it
                raise failed.exceptions[0] from None
            finally:
                renewing.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await renewing
                await self._release_claims()
                self._marker = self._sent = None
        report.seconds = time.monotonic() - started
        if report.messages or report.failed:
            self.last_run, self.last_run_at = report, utcnow()
            log.info(
                "delivered messages=%d (paid %d) rows sent=%d failed=%d retrying=%d skipped=%d "
                "in %.1fs", report.messages, report.paid, report.sent, report.failed,
                report.retrying, report.skipped, report.seconds,
            )  # fmt: skip
        return report

    async def _deliver_pending(self, bot: Bot, report: DeliveryReport) -> None:
        """Claim batch after batch and send them, up to ``window`` free messages and
        PAID_IN_FLIGHT paid ones in flight. The next batch is claimed and composed while
        one goes out, so that the window never runs dry between batches."""
        free, paid = asyncio.Semaphore(self.window), asyncio.Semaphore(PAID_IN_FLIGHT)
        upcoming = asyncio.create_task(self._next_batch(0))
        try:
            async with asyncio.TaskGroup() as sends:
                while not self._stopping and (batch := await upcoming):
                    upcoming = asyncio.create_task(self._next_batch(batch.last_id))
                    if batch.unwanted:
                        await self._mark(batch.unwanted, outbox.SKIPPED, "no matching subscription")
                        report.skipped += len(batch.unwanted)
                    for alert in batch.alerts:
                        slots = paid if self.paid.goes_paid(alert) else free
                        await slots.acquire()  # a send in flight answered: room for one more
                        if not self._may_send():
                            slots.release()
                            return  # the task group waits for the sends in flight
                        earlier = self._last_send.get(alert.chat_id)
                        send = sends.create_task(self._send_in_turn(bot, alert, report, earlier))
                        send.add_done_callback(functools.partial(_release, slots))
                        self._last_send[alert.chat_id] = send
        finally:
            upcoming.cancel()  # its rows, if it claimed any, are released with the others
            await asyncio.wait({upcoming})
            if not upcoming.cancelled():
                upcoming.exception()  # a failure of a batch no longer wanted is not raised

    def _may_send(self) -> bool:
        if self._stopping:
            return False
        if not self._claim_holds():
            log.error("could not renew the outbox claim; leaving the batch to others")
            return False
        return True

    async def _send_in_turn(
        self,
        bot: Bot,
        alert: ChatAlert,
        report: DeliveryReport,
        earlier: asyncio.Task[None] | None,
    ) -> None:
        """Send once the chat's earlier message, if still in flight, has its answer."""
        try:
            if earlier is not None:
                await asyncio.wait({earlier})
            if not self._stopping:
                await self._send_one(bot, alert, report)
        finally:
            if self._last_send.get(alert.chat_id) is asyncio.current_task():
                del self._last_send[alert.chat_id]

    async def _next_batch(self, after_id: int) -> Batch | None:
        """Claim the next rows and compose their messages."""
        started, now = time.monotonic(), utcnow()
        async with self._sessions() as session:
            async with session.begin():
                rows = await outbox.claim(
                    session, self.owner, BATCH_SIZE, now, now + self._claim, after_id
                )
            if not rows:
                return None
            if self._claim_held_until < started:  # else an earlier batch's claim, shorter
                self._claim_held_until = started + self._claim.total_seconds()
            await self.paid.note(session, rows)
            return await compose(session, rows)

    def _claim_holds(self) -> bool:
        """Whether the claim is sure to outlast a send: half of it left, at least. Renewed
        every quarter, it runs short only when the database has been out of reach."""
        return time.monotonic() < self._claim_held_until - self._claim.total_seconds() / 2

    async def _keep_claims(self) -> None:
        """Renew this process's claims every quarter of their length while the run lasts."""
        while True:
            await asyncio.sleep(self._claim.total_seconds() / 4)
            started = time.monotonic()
            try:
                async with self._engine.begin() as connection:
                    await outbox.renew(connection, self.owner, utcnow() + self._claim)
            except SQLAlchemyError as error:
                log.warning("could not renew the outbox claim: %s", error)
                continue
            self._claim_held_until = started + self._claim.total_seconds()

    async def _release_claims(self) -> None:
        """Unfinished rows (stopped, or waiting to retry) go back to whoever sends next."""
        assert self._marker is not None
        try:
            async with self._marking:
                await outbox.release(self._marker, self.owner)
        except SQLAlchemyError as error:  # they lapse on their own
            log.warning("could not release the outbox claim: %s", error)

    async def _send_one(
        self, bot: Bot, alert: ChatAlert, report: DeliveryReport, *, follow: bool = True
    ) -> None:
        rows = len(alert.delivery_ids)
        paid = self.paid.goes_paid(alert)
        try:
            await bot.send_message(
                alert.chat_id, alert.text, message_thread_id=alert.thread_id,
                allow_paid_broadcast=paid or None,
            )  # fmt: skip
        except ChatMigrated as error:
            if follow:
                await self._follow_migration(bot, alert, error.new_chat_id, report)
            else:
                await self._fail(alert, error, report)
            return
        except Forbidden as error:
            await self._deactivate(alert, error, report)
            return
        except BadRequest as error:
            if paid and stars_short(error):
                await self.paid.refused(bot, self._sessions, alert, error)
                await self._send_one(bot, alert, report, follow=follow)  # free, this time
            else:
                await self._refused(bot, alert, error, report)
            return
        except TelegramError as error:  # timeouts, network and server errors, flood waits
            await self._retry_later(alert, error, report)
            return
        await self._mark(alert.delivery_ids, outbox.SENT, paid=paid)
        report.sent += rows
        report.messages += 1
        report.paid += paid

    async def _follow_migration(
        self, bot: Bot, alert: ChatAlert, new_id: int, report: DeliveryReport
    ) -> None:
        log.info("chat=%s became supergroup %s; following it", alert.chat_id, new_id)
        async with self._sessions() as session, session.begin():
            await chats.migrate_chat(session, alert.chat_id, new_id)
            await outbox.move_pending(session, alert.chat_id, new_id, utcnow())
        moved = ChatAlert(new_id, alert.delivery_ids, alert.text)
        await self._send_one(bot, moved, report, follow=False)

    async def _deactivate(
        self, alert: ChatAlert, error: TelegramError, report: DeliveryReport
    ) -> None:
        reason = _reason(error)
        log.info("chat=%s deactivated: %s", alert.chat_id, reason)
        async with self._sessions() as session, session.begin():
            await outbox.deactivate_chat(session, alert.chat_id, reason, utcnow())
        report.failed += len(alert.delivery_ids)

    async def _refused(
        self, bot: Bot, alert: ChatAlert, error: BadRequest, report: DeliveryReport
    ) -> None:
        text = error.message.lower()
        if any(gone in text for gone in GONE):
            await self._deactivate(alert, error, report)
        elif alert.thread_id is not None and TOPIC_GONE in text:
            log.warning("chat=%s topic %s is gone; its alerts go to the general topic",
                        alert.chat_id, alert.thread_id)  # fmt: skip
            async with self._sessions() as session, session.begin():
                await chats.forget_topic(session, alert.chat_id, alert.thread_id)
            await self._send_one(bot, dataclasses.replace(alert, thread_id=None), report)
        elif "parse entities" in text or "can't parse" in text:
            log.error("chat=%s refused our HTML (%s); sending it as plain text", alert.chat_id,
                      error.message)  # fmt: skip
            try:
                await bot.send_message(
                    alert.chat_id, as_plain_text(alert.text), parse_mode=None,
                    message_thread_id=alert.thread_id,
                )  # fmt: skip
            except TelegramError as second:
                await self._fail(alert, second, report)
                return
            await self._mark(alert.delivery_ids, outbox.SENT)
            report.sent += len(alert.delivery_ids)
            report.messages += 1
        else:
            await self._fail(alert, error, report)

    async def _fail(self, alert: ChatAlert, error: TelegramError, report: DeliveryReport) -> None:
        log.error("chat=%s alert refused: %s", alert.chat_id, _reason(error))
        await self._mark(alert.delivery_ids, outbox.FAILED, _reason(error))
        report.failed += len(alert.delivery_ids)

    async def _retry_later(
        self, alert: ChatAlert, error: TelegramError, report: DeliveryReport
    ) -> None:
        async with self._sessions() as session, session.begin():
            again = await outbox.retry_later(session, alert.delivery_ids, _reason(error), utcnow())
        if again:
            log.warning("chat=%s send failed, will retry: %s", alert.chat_id, _reason(error))
            report.retrying += len(alert.delivery_ids)
        else:
            log.error("chat=%s send failed for good: %s", alert.chat_id, _reason(error))
            report.failed += len(alert.delivery_ids)

    async def _mark(
        self,
        delivery_ids: list[int],
        status: str,
        reason: str | None = None,
        *,
        paid: bool = False,
    ) -> None:
        """Record an outcome; durable when this returns. The sends in flight share the
        marker connection, which runs one statement at a time; rows sent go in groups
        (bot.delivery.marking)."""
        assert self._marker is not None and self._sent is not None  # set for the whole run
        if status == outbox.SENT:
            await self._sent.mark(delivery_ids, paid=paid)
            return
        async with self._marking:
            await outbox.mark(self._marker, delivery_ids, status, utcnow(), reason)


def _release(slots: asyncio.Semaphore, _send: "asyncio.Task[None]") -> None:
    slots.release()


def as_plain_text(text: str) -> str:
    """The same message without its markup, for a chat that refused the HTML. Our markup is
    a few simple tags around escaped text, so dropping the tags and decoding is exact."""
    return html.unescape(_TAG.sub("", text))


def _reason(error: TelegramError) -> str:
    return f"{error.__class__.__name__}: {error.message}"

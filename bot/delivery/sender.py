"""Sending the outbox: each chat's pending alerts, several messages in flight, paced.

Over the internet a Bot API call takes 50 to 200 ms, so one message at a time could not
pass 5 to 20 a second. The sender keeps a window of up to MAX_IN_FLIGHT sends in flight
(and PAID_IN_FLIGHT paid ones, bot.delivery.paid); the pacer (bot.delivery.pacing) holds
them to Telegram's limits. Rows are taken in outbox order (the order their alerts were
queued, see db.fanout.enqueue), and two messages to one chat are never in flight at once,
so each chat gets its messages in order.

Each row is marked sent as soon as Telegram's answer to its own message arrives
(bot.delivery.marking): killed at any moment, the next start delivers every pending alert
and repeats at most the messages that were in flight. Asked to stop (SIGTERM), the sender
finishes the messages in flight, sends no other, and leaves the rest pending.

Processes sharing a database (a webhook server and a worker, say) share the outbox: each
claims a batch of rows before sending it, as a lease renewed while it works
(bot.delivery.lease), so no row is sent by two of them. Every moment is read from the
clock the sender is given (core.clock), which its lease and its marks share.

Telegram's refusals are normal here; bot.delivery.outcomes says what each one calls for
(deactivate the chat, follow it to its supergroup, resend as plain text, to the general
topic or free, retry later with backoff), bot.delivery.refusals makes the change in the
store, and none stops delivery to anyone else.
"""

import asyncio
import dataclasses
import functools
import logging
import os
import secrets
import socket
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.delivery import outcomes
from bot.delivery.compose import Batch, ChatAlert, as_plain_text, compose
from bot.delivery.lease import ClaimLease
from bot.delivery.marking import Marks
from bot.delivery.notifier import OperatorNotifier
from bot.delivery.paid import PAID_IN_FLIGHT, PaidBroadcasts, PaidFanOuts
from bot.delivery.refusals import Refusals
from core.clock import SYSTEM_CLOCK, Clock
from core.sending import DeliveryReport
from db import claims, outbox

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# Free sends in flight at once. At Telegram's 30 messages a second the pacer keeps about
# 30 * rtt of them busy: 3 at 100 ms, 6 at 200 ms, 10 at 330 ms. More would not go faster
# at any real round trip, and would only raise how many messages a crash can repeat.
MAX_IN_FLIGHT = 10
CLAIM_SECONDS = 60.0
# A correction whose alert is still on its way is tried again after that long.
WAIT_FOR_ALERT = timedelta(seconds=10)


@dataclasses.dataclass
class _Run:
    """One delivery run: the bot it sends with, what it did, its claims, its marks, and
    each chat's latest send (which the chat's next one waits for)."""

    bot: Bot
    report: DeliveryReport
    lease: ClaimLease
    marks: Marks
    latest: dict[int, asyncio.Task[None]] = dataclasses.field(default_factory=dict)


class Sender:
    """Delivers pending alerts; one delivery run at a time per process."""

    def __init__(
        self,
        engine: AsyncEngine,
        sessions: async_sessionmaker[AsyncSession],
        claim_seconds: float = CLAIM_SECONDS,
        window: int = MAX_IN_FLIGHT,
        paid: PaidBroadcasts | None = None,
        operators: OperatorNotifier | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        self._engine, self._sessions, self._clock = engine, sessions, clock
        self._refusals = Refusals(sessions, clock)
        self._claim_seconds = claim_seconds
        self.window = window  # free sends in flight at most
        self.paid = PaidFanOuts(paid, operators or OperatorNotifier(sessions, ()))
        # who claims rows in the shared outbox: this process, this start
        self.owner = f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"
        self._lock = asyncio.Lock()  # held by the run under way
        self._again = False  # alerts may have been queued since the run's last pass began
        self._stopping = False
        self.last_run: DeliveryReport | None = None  # the last run that sent anything
        self.last_run_at: datetime | None = None

    def stop(self) -> None:
        """Finish the messages in flight, then send no more (the rest stays pending)."""
        self._stopping = True

    async def deliver(self, bot: Bot) -> DeliveryReport:
        """Send every pending alert that is due; returns at once if a run is under way.
        ``bot`` has the application's Defaults (no link previews: bot.app.bot_defaults)."""
        report = DeliveryReport()
        self._again = True  # a run under way makes one more pass for what was just queued
        if self._lock.locked():
            return report
        started = self._clock.monotonic()
        self.paid.new_run()
        lease = ClaimLease(self._claim_seconds, self._renew, self._clock)
        async with self._lock, Marks.opened(self._engine, self._clock) as marks:
            run = _Run(bot, report, lease, marks)
            try:
                async with lease.renewed():
                    while self._again and not self._stopping:
                        self._again = False
                        await self._deliver_pending(run)
            except ExceptionGroup as failed:  # a send's own error, as one send would raise it
                raise failed.exceptions[0] from None
            finally:  # unfinished rows (stopped, or waiting to retry) go back to the outbox
                await marks.release(self.owner)
        report.seconds = self._clock.monotonic() - started
        if report.messages or report.failed:
            self.last_run, self.last_run_at = report, self._clock.now()
            _log(report)
        return report

    async def _deliver_pending(self, run: _Run) -> None:
        """Claim batch after batch and send them, up to ``window`` free messages and
        PAID_IN_FLIGHT paid ones in flight. The next batch is claimed and composed while
        one goes out, so that the window never runs dry between batches."""
        windows = {False: asyncio.Semaphore(self.window), True: asyncio.Semaphore(PAID_IN_FLIGHT)}
        upcoming = asyncio.create_task(self._next_batch(run.lease, 0))
        try:
            async with asyncio.TaskGroup() as sends:
                while not self._stopping and (batch := await upcoming):
                    upcoming = asyncio.create_task(self._next_batch(run.lease, batch.last_id))
                    if not await self._send_batch(run, batch, sends, windows):
                        return  # the task group waits for the sends in flight
        finally:
            upcoming.cancel()  # its rows, if it claimed any, are released with the others
            await asyncio.wait({upcoming})
            if not upcoming.cancelled():
                upcoming.exception()  # a failure of a batch no longer wanted is not raised

    async def _send_batch(
        self,
        run: _Run,
        batch: Batch,
        sends: asyncio.TaskGroup,
        windows: dict[bool, asyncio.Semaphore],
    ) -> bool:
        """Start each alert's send once its window (paid or free) has room; False when
        the sender must send no more."""
        if batch.unwanted:
            await run.marks.settled(batch.unwanted, outbox.SKIPPED, "no matching subscription")
            run.report.skipped += len(batch.unwanted)
        if batch.unalerted:
            await run.marks.settled(batch.unalerted, outbox.SKIPPED, "its alert was not sent")
            run.report.skipped += len(batch.unalerted)
        if batch.waiting:
            await run.marks.wait(batch.waiting, WAIT_FOR_ALERT, "waiting for its alert")
            run.report.retrying += len(batch.waiting)
        for alert in batch.alerts:
            slots = windows[self.paid.goes_paid(alert)]
            await slots.acquire()  # a send in flight answered: room for one more
            if not self._may_send(run.lease):
                slots.release()
                return False
            earlier = run.latest.get(alert.chat_id)
            send = sends.create_task(self._send_in_turn(run, alert, earlier))
            send.add_done_callback(functools.partial(_release, slots))
            run.latest[alert.chat_id] = send
        return True

    def _may_send(self, lease: ClaimLease) -> bool:
        if self._stopping:
            return False
        if not lease.holds():
            log.error("could not renew the outbox claim; leaving the batch to others")
            return False
        return True

    async def _send_in_turn(
        self, run: _Run, alert: ChatAlert, earlier: asyncio.Task[None] | None
    ) -> None:
        """Send once the chat's earlier message, if still in flight, has its answer."""
        try:
            if earlier is not None:
                await asyncio.wait({earlier})
            if not self._stopping:
                await self._send_one(run, alert)
        finally:
            if run.latest.get(alert.chat_id) is asyncio.current_task():
                del run.latest[alert.chat_id]

    async def _next_batch(self, lease: ClaimLease, after_id: int) -> Batch | None:
        """Claim the next rows and compose their messages."""
        started, now = self._clock.monotonic(), self._clock.now()
        async with self._sessions() as session:
            async with session.begin():
                rows = await claims.claim(
                    session, self.owner, BATCH_SIZE, now, now + lease.length, after_id
                )
            if not rows:
                return None
            lease.taken(started)
            await self.paid.note(session, rows)
            return await compose(session, rows)

    async def _renew(self, until: datetime) -> None:
        async with self._engine.begin() as connection:
            await claims.renew(connection, self.owner, until)

    async def _send_one(
        self, run: _Run, alert: ChatAlert, *, follow: bool = True, plain: bool = False
    ) -> None:
        """Send the alert and mark its rows sent, or do what Telegram's refusal calls for.
        ``follow``: a migrated group may be followed (once); ``plain``: without markup."""
        paid = not plain and self.paid.goes_paid(alert)
        try:
            await _post(run.bot, alert, paid=paid, plain=plain)
        except TelegramError as error:
            outcome = outcomes.classify(error, paid=paid, in_topic=alert.thread_id is not None)
            await self._act_on(outcome, run, alert, follow=follow, plain=plain)
            return
        await run.marks.sent(alert.delivery_ids, paid=paid)
        run.report.sent += len(alert.delivery_ids)
        run.report.messages += 1
        run.report.paid += paid

    async def _act_on(
        self, outcome: outcomes.Outcome, run: _Run, alert: ChatAlert, *, follow: bool, plain: bool
    ) -> None:
        match outcome:
            case outcomes.FollowMigration(new_chat_id=new_chat_id) if follow:
                await self._follow_migration(run, alert, new_chat_id, plain=plain)
            case outcomes.Deactivate():
                await self._refusals.deactivate(alert.chat_id, outcome.reason)
                run.report.failed += len(alert.delivery_ids)
            case outcomes.ForgetTopic():
                assert alert.thread_id is not None  # refused for its topic: it had one
                await self._refusals.forget_topic(alert.chat_id, alert.thread_id)
                general = dataclasses.replace(alert, thread_id=None)
                await self._send_one(run, general, follow=follow, plain=plain)
            case outcomes.ResendPlain() if not plain:
                log.error("chat=%s refused our HTML (%s); sending it as plain text",
                          alert.chat_id, outcome.reason)  # fmt: skip
                await self._send_one(run, alert, follow=follow, plain=True)
            case outcomes.ResendFree(refusal=refusal):
                await self.paid.refused(run.bot, alert, refusal)
                await self._send_one(run, alert, follow=follow, plain=plain)  # free, this time
            case outcomes.RetryLater():
                await self._retry_later(run, alert, outcome.reason)
            case _:  # refused, or migrated or refused for its HTML a second time
                log.error("chat=%s alert refused: %s", alert.chat_id, outcome.reason)
                await run.marks.settled(alert.delivery_ids, outbox.FAILED, outcome.reason)
                run.report.failed += len(alert.delivery_ids)

    async def _follow_migration(
        self, run: _Run, alert: ChatAlert, new_id: int, *, plain: bool
    ) -> None:
        await self._refusals.follow_migration(alert.chat_id, new_id)
        moved = ChatAlert(new_id, alert.delivery_ids, alert.text)
        await self._send_one(run, moved, follow=False, plain=plain)

    async def _retry_later(self, run: _Run, alert: ChatAlert, reason: str) -> None:
        if await self._refusals.retry_later(alert.chat_id, alert.delivery_ids, reason):
            run.report.retrying += len(alert.delivery_ids)
        else:
            run.report.failed += len(alert.delivery_ids)


async def _post(bot: Bot, alert: ChatAlert, *, paid: bool, plain: bool) -> None:
    """Send the alert's message, as HTML or (``plain``) as plain text."""
    text, parse_mode = (as_plain_text(alert.text), None) if plain else (alert.text, ParseMode.HTML)
    await bot.send_message(
        alert.chat_id, text, parse_mode=parse_mode, message_thread_id=alert.thread_id,
        allow_paid_broadcast=paid or None,
    )  # fmt: skip


def _release(slots: asyncio.Semaphore, _send: "asyncio.Task[None]") -> None:
    slots.release()


def _log(report: DeliveryReport) -> None:
    log.info(
        "delivered messages=%d (paid %d) rows sent=%d failed=%d retrying=%d skipped=%d "
        "in %.1fs", report.messages, report.paid, report.sent, report.failed,
        report.retrying, report.skipped, report.seconds,
    )  # fmt: skip

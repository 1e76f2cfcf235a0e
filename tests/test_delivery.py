"""Delivery at scale against a fake Bot API that enforces Telegram's limits and fails at
random: a fan-out to thousands of chats, a kill -9 in the middle of one, and a SIGTERM."""

import asyncio
import signal
import threading
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import ExtBot

from bot.app import bot_defaults
from bot.delivery.pacing import RECENT_ROUND_TRIPS, Pacer, RoundTrips
from bot.delivery.sender import MAX_IN_FLIGHT
from core.rounds import Round
from db import claims, fanout
from db.draws import store_rounds
from db.engine import create_engine, session_factory
from db.models import Chat, Delivery, Subscription
from tests.conftest import BotProcess, eventually, free_port, process_env, sender_of
from tests.fakes.telegram import FakeTelegram, SentMessage
from tests.fakes.telegram_limits import Flakiness, FloodLimits
from tests.test_lease import FakeClock

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
DRAW = Round(number="421", date=NOW.date(), category="stem", name="STEM occupations",
             crs=486, invitations=1_500)  # fmt: skip


async def fan_out_to(sessions: async_sessionmaker[AsyncSession], chat_ids: list[int]) -> None:
    """Chats subscribed to STEM, and a new STEM draw queued for all of them."""
    async with sessions() as session, session.begin():
        session.add_all(
            Chat(id=chat_id, type="private" if chat_id > 0 else "supergroup", active=True)
            for chat_id in chat_ids
        )
        session.add_all(Subscription(chat_id=chat_id, category="stem") for chat_id in chat_ids)
        await session.flush()
        stored = await store_rounds(session, [DRAW], "official", NOW)
        assert await fanout.enqueue(session, stored.new[0], NOW) == len(chat_ids)


async def count(sessions: async_sessionmaker[AsyncSession], status: str) -> int:
    async with sessions() as session:
        query = select(func.count()).select_from(Delivery).where(Delivery.status == status)
        return int(await session.scalar(query) or 0)


@pytest.fixture
async def paced_bot(telegram: FakeTelegram) -> AsyncIterator[ExtBot[int]]:
    bot: ExtBot[int] = ExtBot(
        telegram.token, base_url=telegram.base_url, rate_limiter=Pacer(), defaults=bot_defaults()
    )
    async with bot:
        yield bot


@pytest.mark.slow  # 1,200 chats at Telegram's 30 messages a second
async def test_a_fan_out_to_thousands_reaches_every_reachable_chat_exactly_once(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, paced_bot: ExtBot[int]
) -> None:
    private, groups = list(range(1, 1101)), list(range(-1001, -1101, -1))
    telegram.blocked_chats.update(private[:25])
    telegram.missing_chats.update(groups[:5])
    telegram.migrated_chats.update({chat: chat - 10_000_000 for chat in groups[5:15]})
    telegram.limits = FloodLimits()
    telegram.flakiness = Flakiness(errors=0.03, drops=0.02, seed=7)
    await fan_out_to(sessions, private + groups)

    sender = sender_of(sessions)
    for _ in range(120):  # passes, as the delivery job runs them, until nothing is pending
        await sender.deliver(paced_bot)
        if await count(sessions, "pending") == 0:
            break
        await asyncio.sleep(1)

    received = Counter(message.chat_id for message in telegram.sent)
    reachable = set(private[25:]) | set(groups[15:]) | {chat - 10_000_000 for chat in groups[5:15]}
    assert set(received) == reachable
    assert set(received.values()) == {1}  # exactly once each
    assert telegram.limits.refused == 0  # no 429 caused by our own pacing
    assert await count(sessions, "failed") == 30  # blocked and missing chats
    async with sessions() as session:
        inactive = set(await session.scalars(select(Chat.id).where(Chat.active.is_(False))))
    assert inactive == set(private[:25]) | set(groups[:15])  # blocked, missing, migrated away


@pytest.mark.slow  # 1,000 chats at Telegram's 30 messages a second
async def test_a_fan_out_over_a_slow_network_keeps_a_window_in_flight_within_the_limits(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, paced_bot: ExtBot[int]
) -> None:
    """Each call takes 50 to 70 ms, as across the internet: the sender keeps several in
    flight, never more than its window, reaches every chat once and is never refused, though
    the fake counts each request as it arrives, early for one that travelled fast."""
    chats = list(range(1, 901)) + list(range(-1001, -1101, -1))
    telegram.limits = FloodLimits()
    telegram.round_trip_seconds = 0.05
    telegram.round_trip_jitter_seconds = 0.02
    await fan_out_to(sessions, chats)
    report = await sender_of(sessions).deliver(paced_bot)
    assert report.sent == len(chats)
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)
    assert telegram.limits.refused == 0  # no 429 caused by our own pacing
    assert 2 <= telegram.most_in_flight <= 10  # the free window, and no more
    assert await count(sessions, "sent") == len(chats)


@pytest.mark.slow  # waits the 2 s it is told to
async def test_a_flood_wait_pauses_every_send_for_the_time_asked(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, paced_bot: ExtBot[int]
) -> None:
    await fan_out_to(sessions, [1, 2, 3])
    telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    report = await sender_of(sessions, window=1).deliver(paced_bot)  # one in flight
    assert report.sent == 3
    [refused] = [answer for answer in telegram.answers if answer.status == 429]
    first_ok = telegram.sent[0].at
    assert first_ok - refused.at >= 2  # waited as told before anything else went out
    assert all(message.at - refused.at >= 2 for message in telegram.sent)
    assert len(telegram.sent) == 3


@pytest.mark.slow  # waits the 2 s it is told to
async def test_a_flood_wait_holds_every_send_not_yet_in_flight(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, paced_bot: ExtBot[int]
) -> None:
    """With a window of sends in flight, those already on their way when the 429 arrives
    are answered; the refused one and every later one wait the time asked."""
    chats = list(range(1, 3 * MAX_IN_FLIGHT + 1))
    await fan_out_to(sessions, chats)
    telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 2", retry_after=2)
    report = await sender_of(sessions).deliver(paced_bot)
    assert report.sent == len(chats)
    [refused] = [answer for answer in telegram.answers if answer.status == 429]
    [refused_chat, *_] = [
        params["chat_id"] for name, params in telegram.calls if name == "sendMessage"
    ]
    assert telegram.messages_to(refused_chat)[0].at - refused.at >= 2  # retried as told
    in_flight_then = [message for message in telegram.sent if message.at - refused.at < 2]
    assert len(in_flight_then) <= 9  # the refused one's companions in the window only
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)


async def test_outbox_claims_are_exclusive_renewable_and_lapse(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await fan_out_to(sessions, [1, 2, 3])
    later = NOW + timedelta(seconds=60)

    async def claim(owner: str, now: datetime, limit: int = 10) -> list[int]:
        async with sessions() as session, session.begin():
            rows = await claims.claim(session, owner, limit, now, now + timedelta(seconds=60))
        return [delivery.chat_id for delivery, _draw in rows]

    assert await claim("a", NOW, limit=2) == [1, 2]
    assert await claim("b", NOW) == [3]  # what "a" holds is not on offer
    assert await claim("b", NOW) == []
    engine = sessions.kw["bind"]
    async with engine.begin() as connection:
        await claims.renew(connection, "a", later + timedelta(seconds=60))
    assert await claim("c", later) == [3]  # "b"'s claim lapsed, "a"'s was renewed
    async with engine.begin() as connection:
        await claims.release(connection, "a")
    assert await claim("c", later) == [1, 2]  # released: free at once
    assert await claim("d", later + timedelta(seconds=61)) == [1, 2, 3]  # all lapsed


@pytest.mark.slow  # 450 chats
async def test_two_processes_sharing_the_outbox_send_each_alert_once(
    database: str, telegram: FakeTelegram
) -> None:
    """Two senders with their own connection pools, as a webhook server and a worker have,
    deliver one fan-out at the same time."""
    chats = list(range(1, 451))
    telegram.round_trip_seconds = 0.05  # each with a window of sends in flight
    engines = [create_engine(database) for _ in range(2)]
    try:
        first, second = (session_factory(engine) for engine in engines)
        await fan_out_to(first, chats)
        bots = [
            ExtBot(
                telegram.token,
                base_url=telegram.base_url,
                rate_limiter=Pacer(),
                defaults=bot_defaults(),
            )
            for _ in engines
        ]
        async with bots[0], bots[1]:
            reports = await asyncio.gather(
                sender_of(first).deliver(bots[0]), sender_of(second).deliver(bots[1])
            )
    finally:
        for engine in engines:
            await engine.dispose()
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)
    assert 2 <= telegram.most_in_flight <= 20  # a free window each
    assert all(report.sent for report in reports)  # both took a share
    assert sum(report.sent for report in reports) == len(chats)


@pytest.mark.parametrize("window", [1, MAX_IN_FLIGHT])
async def test_a_sender_that_cannot_renew_its_claim_stops_and_leaves_the_rest(
    sessions: async_sessionmaker[AsyncSession],
    telegram: FakeTelegram,
    paced_bot: ExtBot[int],
    monkeypatch: pytest.MonkeyPatch,
    window: int,
) -> None:
    """On a clock of the test's own: once the first message is on its way, the database
    takes no more renewals, and Telegram answers that message only when three quarters of
    the claim are gone."""
    chats = list(range(1, 3 * MAX_IN_FLIGHT + 1))
    await fan_out_to(sessions, chats)
    loop = asyncio.get_running_loop()
    first_sent, claim_ran_short = asyncio.Event(), threading.Event()
    failed_renewals = 0

    async def unreachable(*_args: object) -> None:
        nonlocal failed_renewals
        await first_sent.wait()
        failed_renewals += 1
        if failed_renewals > 3:  # a quarter of the claim passes between tries: 3/4 are gone
            claim_ran_short.set()
            await asyncio.Event().wait()  # and the next try hangs, until the run ends
        raise OperationalError("UPDATE deliveries", {}, ConnectionError("database gone"))

    def slow_first_send(message: SentMessage) -> None:  # a slow Telegram, in its thread
        if len(telegram.sent) == 1:
            loop.call_soon_threadsafe(first_sent.set)
            claim_ran_short.wait(timeout=60)

    renew = claims.renew
    monkeypatch.setattr(claims, "renew", unreachable)
    telegram.on_send = slow_first_send
    cut_short = await sender_of(sessions, window=window, clock=FakeClock()).deliver(paced_bot)
    assert 0 < cut_short.sent < len(chats)  # stopped once less than half the claim was left
    assert cut_short.sent <= window  # the ones in flight when it ran short, and no other
    assert await count(sessions, "pending") == len(chats) - cut_short.sent
    monkeypatch.setattr(claims, "renew", renew)
    telegram.on_send = None
    assert (await sender_of(sessions).deliver(paced_bot)).sent == len(chats) - cut_short.sent
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)


@pytest.fixture
def service(telegram: FakeTelegram, database: str, tmp_path: Path) -> Iterator[BotProcess]:
    env = process_env(database, telegram, SEND_INTERVAL_SECONDS="1", OUTBOX_CLAIM_SECONDS="4")
    with BotProcess(env, tmp_path / "service.log") as running:
        yield running


@pytest.mark.slow
@pytest.mark.parametrize("round_trip", [0.0, 0.1])
async def test_kill_9_in_a_fan_out_loses_nothing_and_repeats_at_most_a_window(
    sessions: async_sessionmaker[AsyncSession],
    telegram: FakeTelegram,
    service: BotProcess,
    round_trip: float,
) -> None:
    chats = list(range(1, 401))
    await fan_out_to(sessions, chats)
    telegram.limits = FloodLimits()
    telegram.round_trip_seconds = round_trip  # with 100 ms, several sends are in flight
    service.start()
    await telegram.await_messages(100, timeout=120)
    assert service.signal(signal.SIGKILL) == -signal.SIGKILL
    marked = await chats_marked_sent(sessions)
    service.start()
    await all_reached_repeating_at_most_a_window(sessions, telegram, chats)
    received = Counter(message.chat_id for message in telegram.sent)
    assert len(marked) >= 100 - 10  # all answered by the kill but those in flight
    assert all(received[chat] == 1 for chat in marked)  # nothing marked sent went again
    assert service.signal(signal.SIGTERM) == 0


async def test_kill_9_as_telegram_accepts_a_message_loses_nothing_and_repeats_at_most_a_window(
    sessions: async_sessionmaker[AsyncSession],
    telegram: FakeTelegram,
    database: str,
    tmp_path: Path,
) -> None:
    """The quick form of the test above: 30 chats owed one alert each, which the pacer
    sends at once, and the process killed the moment Telegram accepts the 15th, before
    its answer leaves; the sends in flight with it are accepted, their answers lost too.
    The next start delivers the rest, once the dead process's claims have lapsed."""
    chats = list(range(1, 21)) + list(range(-1001, -1011, -1))
    await fan_out_to(sessions, chats)
    telegram.limits = FloodLimits()
    telegram.round_trip_seconds = 0.05  # several sends in flight at the kill
    env = process_env(database, telegram, SEND_INTERVAL_SECONDS="1", OUTBOX_CLAIM_SECONDS="2")
    with BotProcess(env, tmp_path / "service.log") as service:
        telegram.on_send = killing_at(15, telegram, service)
        service.start()
        assert service.process is not None
        assert await asyncio.to_thread(service.process.wait, 30) == -signal.SIGKILL
        marked = await chats_marked_sent(sessions)
        assert len(marked) >= 15 - 10  # all answered by the kill but those in flight
        telegram.on_send = None
        service.start()
        await all_reached_repeating_at_most_a_window(sessions, telegram, chats)
        received = Counter(message.chat_id for message in telegram.sent)
        assert all(received[chat] == 1 for chat in marked)  # nothing marked sent went again
        assert sum(received.values()) > len(chats)  # the 15th at least went again
        assert service.signal(signal.SIGTERM) == 0


def killing_at(
    count: int, telegram: FakeTelegram, service: BotProcess
) -> Callable[[SentMessage], None]:
    """An on_send that kills the process (SIGKILL) as Telegram accepts its ``count``-th
    message: in the fake's thread, before that message's answer leaves."""

    def kill(_message: SentMessage) -> None:
        if len(telegram.sent) == count and service.process is not None:
            service.process.kill()

    return kill


@pytest.mark.slow
async def test_a_webhook_server_and_a_worker_share_the_work_and_survive_a_kill_9(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, database: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The Procfile's two processes on one database: the worker (first up) leads, and
    when it is killed in the middle of a fan-out, the webhook server takes over."""
    chats = list(range(1, 401))
    await fan_out_to(sessions, chats)
    telegram.limits = FloodLimits()
    env = process_env(
        database, telegram, SEND_INTERVAL_SECONDS="1", OUTBOX_CLAIM_SECONDS="4",
        WEBHOOK_URL="https://bot.example.org/", WEBHOOK_LISTEN="127.0.0.1", PORT=str(free_port()),
    )  # fmt: skip
    with (
        BotProcess(env, tmp_path / "worker.log", "worker") as worker,
        BotProcess(env, tmp_path / "web.log") as web,
    ):
        worker.start()
        await telegram.await_messages(50, timeout=120)
        web.start()
        await asyncio.to_thread(telegram.wait_for_call, "setWebhook", 30)
        await telegram.await_messages(150, timeout=120)
        assert worker.signal(signal.SIGKILL) == -signal.SIGKILL
        await all_reached_repeating_at_most_a_window(sessions, telegram, chats)
        assert web.signal(signal.SIGTERM) == 0
    assert not any(name == "getUpdates" for name, _params in telegram.calls)
    worker_log, web_log = ((tmp_path / name).read_text() for name in ("worker.log", "web.log"))
    assert "leads" in worker_log
    assert "stands by" not in worker_log
    assert web_log.index("stands by") < web_log.index("leads")


@pytest.mark.slow
async def test_sigterm_finishes_the_message_in_flight_and_leaves_the_rest_pending(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, service: BotProcess
) -> None:
    chats = list(range(1, 301))
    await fan_out_to(sessions, chats)
    telegram.limits = FloodLimits()
    service.start()
    await telegram.await_messages(60, timeout=120)
    assert service.signal(signal.SIGTERM) == 0
    delivered = len(telegram.sent)
    assert await count(sessions, "sent") == delivered  # the one in flight was marked
    assert await count(sessions, "pending") == len(chats) - delivered > 0
    service.start()
    await telegram.await_messages(len(chats), timeout=120)
    await settled(sessions)
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)
    assert service.signal(signal.SIGTERM) == 0


async def all_reached_repeating_at_most_a_window(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram, chats: list[int]
) -> None:
    """After a kill -9: every chat reached, nothing left pending, and no message sent
    twice but those that were in flight, at most the sender's window of them."""
    await telegram.await_messages(len(chats), timeout=120)
    await settled(sessions)
    received = Counter(message.chat_id for message in telegram.sent)
    assert set(received) == set(chats)
    assert set(received.values()) <= {1, 2}  # a message in flight at the kill, once more
    assert sum(received.values()) - len(chats) <= 10  # those in flight, at most


async def chats_marked_sent(sessions: async_sessionmaker[AsyncSession]) -> set[int]:
    async with sessions() as session:
        query = select(Delivery.chat_id).where(Delivery.status == "sent")
        return set(await session.scalars(query))


async def settled(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Wait until nothing is left pending (the last row is marked just after its send)."""

    async def nothing_pending() -> bool:
        return await count(sessions, "pending") == 0

    await eventually(nothing_pending, "no row left pending")


@pytest.mark.parametrize(
    ("round_trips", "lead"),
    [
        ([0.1, 0.1, 0.1, 0.1], 0.0),  # too few measured: the strict rule
        ([0.12, 0.1, 0.15, 0.11, 0.13], 0.1),  # the shortest
        ([0.09] + [0.1] * RECENT_ROUND_TRIPS, 0.1),  # forgotten once out of the recent ones
        ([0.2] * 10 + [0.05] + [0.3] * 10, 0.05),
    ],
)
def test_the_lead_is_the_shortest_recent_round_trip(round_trips: list[float], lead: float) -> None:
    measured = RoundTrips()
    for seconds in round_trips:
        measured.add(seconds)
    assert measured.lead == lead
    measured.forget()  # a 429: back to the strict rule
    assert measured.lead == 0.0

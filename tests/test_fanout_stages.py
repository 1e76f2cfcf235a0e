"""On PostgreSQL a new round's alerts are queued with it for the chats that subscribed
first, and for the rest right after, in a transaction of their own: the first alerts go out
while a big fan-out is still being written, and a crash in between loses nobody's alert.
On SQLite, whose one writer would hold the sender's claims, all are queued with the round."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import db.fanout
from db.models import Chat, Delivery, Draw, PendingFanOut
from jobs.poll import poll_official, poll_sources
from jobs.queue import queue_the_rest
from tests.conftest import MAX_BYTES, add_chat, encode, new_round
from tests.fakes.http import FakeSource

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
FIRST = 2  # the first chats' alerts queued with the round, here
SUBSCRIBERS = [11, 12, 13, 14, 15, 16]  # in the order they subscribed; 13 stops the bot
INACTIVE = 13


@pytest.fixture(autouse=True)
def few_first_chats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db.fanout, "FIRST_CHATS", FIRST)


@pytest.fixture
def staged(database: str) -> bool:
    """Whether the fan-out is queued in two steps: on PostgreSQL."""
    return database.startswith("postgresql")


OWED = [11, 12, 14, 15, 16]  # every active chat concerned, in the order they subscribed


@pytest.fixture
async def subscribers(sessions: async_sessionmaker[AsyncSession]) -> None:
    for chat_id in reversed(SUBSCRIBERS[3:]):  # chat ids out of order, subscriptions in it
        await add_chat(sessions, chat_id)
    for chat_id in SUBSCRIBERS:
        await add_chat(sessions, chat_id, ("all", None))
    await add_chat(sessions, 20, ("stem", 400))  # not concerned: below the cut-off
    async with sessions() as session, session.begin():
        await session.execute(update(Chat).where(Chat.id == INACTIVE).values(active=False))


async def rows(sessions: async_sessionmaker[AsyncSession]) -> list[int]:
    """The chats owed an alert, in the order the sender takes them."""
    async with sessions() as session:
        return list(await session.scalars(select(Delivery.chat_id).order_by(Delivery.id)))


async def notes(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return len((await session.scalars(select(PendingFanOut))).all())


@pytest.fixture
async def served(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    """The snapshot polled once (history), then a new round served."""
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)
    new_round(snapshot, "421", name="No program specified", crs="486", on=date(2026, 7, 2))
    source.set_body(encode(snapshot))


async def poll_every_source(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> int:
    """A poll as the service runs it; returns how many times it woke the sender."""
    woken: list[None] = []
    await poll_sources(client, sessions, official_url=source.url, feed_urls=[],
                       max_bytes=MAX_BYTES, now=NOW, queued=lambda: woken.append(None))  # fmt: skip
    return len(woken)


@pytest.mark.usefixtures("subscribers", "served")
async def test_the_first_chats_are_queued_with_the_round_and_the_rest_after_in_order(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    staged: bool,
) -> None:
    report = await poll_official(client, sessions, source.url, MAX_BYTES, NOW)
    first = OWED[:FIRST] if staged else OWED
    assert (report.queued, await rows(sessions), await notes(sessions)) == (
        len(first), first, int(staged),
    )  # fmt: skip
    assert await queue_the_rest(sessions, NOW) == len(OWED) - len(first)
    assert (await rows(sessions), await notes(sessions)) == (OWED, 0)
    assert await queue_the_rest(sessions, NOW) == 0  # nothing twice


@pytest.mark.usefixtures("subscribers", "served")
async def test_a_poll_queues_the_rest_and_wakes_the_sender_again(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    staged: bool,
) -> None:
    woken = await poll_every_source(client, sessions, source)
    assert woken == (2 if staged else 1)  # the first chats', then the rest's
    assert (await rows(sessions), await notes(sessions)) == (OWED, 0)


@pytest.mark.usefixtures("subscribers", "served")
async def test_the_rest_a_crash_left_is_queued_by_the_next_poll(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    staged: bool,
) -> None:
    """The round and its first chats' rows committed, then the process killed: the next
    poll (whose document has not changed) queues the rest before anything else."""
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)
    assert await rows(sessions) == (OWED[:FIRST] if staged else OWED)
    woken = await poll_every_source(client, sessions, source)
    assert (await rows(sessions), await notes(sessions), woken) == (OWED, 0, int(staged))


@pytest.mark.usefixtures("subscribers", "served")
async def test_a_chat_that_subscribes_in_between_is_owed_the_alert_once(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    staged: bool,
) -> None:
    """Owed by the rest when it subscribed before the rest was queued (on PostgreSQL)."""
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)
    await add_chat(sessions, 30, ("stem", 490), ("all", None))  # two matching subscriptions
    await queue_the_rest(sessions, NOW)
    assert await rows(sessions) == OWED + ([30] if staged else [])


async def test_a_round_noted_twice_keeps_one_note(
    sessions: async_sessionmaker[AsyncSession], history: None, staged: bool
) -> None:
    """A revision of a round whose rest is not queued yet: the rest, queued from the
    round's figures as they then are, already takes the revision in."""
    await add_chat(sessions, 11, ("all", None))
    async with sessions() as session, session.begin():
        draw = await session.scalar(select(Draw).where(Draw.number == "420"))
        assert draw is not None
        await db.fanout.enqueue_first(session, draw, NOW)
        await db.fanout.enqueue_first(session, draw, NOW, unless_matched=("stem", 486))
    assert await notes(sessions) == int(staged)
    assert await queue_the_rest(sessions, NOW) == 0  # chat 11 was queued with the round
    assert await rows(sessions) == [11]


@pytest.mark.usefixtures("served")
async def test_the_first_chats_are_found_however_many_subscriptions_each_has(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    staged: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each chat holds as many matching subscriptions as a chat may: the first two chats
    are still the two that subscribed first."""
    monkeypatch.setattr(db.fanout, "MAX_SUBSCRIPTIONS_PER_CHAT", 2)
    for chat_id in (11, 12, 14):
        await add_chat(sessions, chat_id, ("stem", 490), ("all", None))
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)
    assert await rows(sessions) == ([11, 12] if staged else [11, 12, 14])

"""Polling never waits for sending: while one round's alerts go out, every source keeps its
schedule, and a round published meanwhile is fetched, stored and queued behind them."""

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import scheduled
from core.clock import utcnow
from db.models import Delivery, Draw
from tests.conftest import (
    SNAPSHOT,
    add_chat,
    encode,
    eventually,
    new_round,
    polled,
    ready,
    running,
    settings_for,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram
from tests.fakes.telegram_limits import FloodLimits
from tests.feeds import rss

CHATS = 450  # 15 seconds of alerts at Telegram's 30 a second: three polls at 5 s


def tells(text: str, number: str) -> bool:
    """Whether an alert announces that draw (not merely names it as the previous one)."""
    return f"#{number} ·" in text


async def stored(sessions: async_sessionmaker[AsyncSession], number: str) -> bool:
    async with sessions() as session:
        return await session.scalar(select(Draw.id).where(Draw.number == number)) is not None


async def queued(sessions: async_sessionmaker[AsyncSession], number: str) -> int:
    async with sessions() as session:
        rows = await session.scalars(
            select(Delivery.id).join(Draw, Draw.id == Delivery.draw_id).where(Draw.number == number)
        )
        return len(rows.all())


@pytest.mark.slow  # a paced fan-out of 15 seconds
async def test_a_round_published_during_a_long_fan_out_is_fetched_and_queued_within_the_interval(
    telegram: FakeTelegram,
    database: str,
    source: FakeSource,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    telegram.limits = FloodLimits()
    telegram.round_trip_seconds = 0.05  # each call takes a real network's time
    snapshot: dict[str, Any] = json.loads(SNAPSHOT.read_bytes())
    chats = list(range(1, CHATS + 1))
    for chat_id in chats:
        await add_chat(sessions, chat_id, ("all", None))
    settings = settings_for(telegram, database, source.url, poll_interval_seconds=5)
    async with running(settings):
        await polled(source, 1)  # history: nobody alerted
        new_round(snapshot, "421", on=utcnow().date())
        source.set_body(encode(snapshot))
        await telegram.await_messages(1)  # the first round's fan-out has begun

        new_round(snapshot, "422", crs="479", on=utcnow().date())
        source.set_body(encode(snapshot))

        async def second_round_queued() -> bool:
            return await stored(sessions, "422") and await queued(sessions, "422") == CHATS

        await eventually(second_round_queued, "the second round stored and queued", seconds=8)
        assert len(telegram.sent) < CHATS // 2  # well before the first fan-out's end

        async def everyone_told() -> bool:
            return {m.chat_id for m in telegram.sent if tells(m.text, "422")} == set(chats)

        await eventually(everyone_told, "every chat told of both rounds", seconds=60)

    assert telegram.limits.refused == 0
    for chat_id in chats:
        texts = [message.text for message in telegram.messages_to(chat_id)]
        assert [tells(text, "421") for text in texts].count(True) == 1, texts
        assert [tells(text, "422") for text in texts].count(True) == 1, texts
        first, last = texts[0], texts[-1]
        assert tells(first, "421") and tells(last, "422")  # in the order they were published
        if len(texts) == 1:  # both still pending together: one message, oldest first
            assert first.index("#421 ·") < first.index("#422 ·")


async def test_the_sender_is_woken_by_the_official_poll_not_after_a_slow_feed(
    telegram: FakeTelegram,
    database: str,
    source: FakeSource,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """A feed polled in the same tick that takes its time does not hold up the alerts the
    official source has just queued."""
    snapshot: dict[str, Any] = json.loads(SNAPSHOT.read_bytes())
    await add_chat(sessions, 1, ("all", None))
    with FakeSource(rss(), content_type="application/rss+xml") as feed:
        settings = settings_for(telegram, database, source.url, feed_urls=[feed.url])
        async with ready(settings) as application:
            services, woken = application.bot_data, asyncio.Event()
            await scheduled.poll_and_tell(services, application.bot, woken.set)  # history
            assert not woken.is_set()
            new_round(snapshot, "421", on=utcnow().date())
            source.set_body(encode(snapshot))
            feed.hold()
            for health in services.schedule.health.values():  # both due again at once
                health.next_due = utcnow()
            polling = asyncio.create_task(
                scheduled.poll_and_tell(services, application.bot, woken.set)
            )
            try:
                await asyncio.wait_for(woken.wait(), timeout=10)
                assert not polling.done()  # the feed has not answered yet
            finally:
                feed.release()
                await polling

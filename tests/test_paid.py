"""Paid broadcasts: a big fan-out goes with allow_paid_broadcast, a small one and the
operators' messages stay free, a refusal falls back to free sending without losing or
repeating an alert, and /status tells what the paid sends cost."""

from collections import Counter

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import ExtBot

from bot.app import CONNECTIONS, bot_defaults
from bot.delivery.notifier import OperatorNotifier
from bot.delivery.pacing import Pacer
from bot.delivery.paid import PaidBroadcasts
from bot.delivery.request import AiohttpRequest
from db import outbox
from tests.conftest import Chat, ready, sender_of, settings_for
from tests.fakes.telegram import FakeTelegram, SentMessage
from tests.fakes.telegram_limits import FloodLimits
from tests.test_delivery import fan_out_to

OPERATOR = 777


def paid(message: SentMessage) -> bool:
    return message.params.get("allow_paid_broadcast") is True


async def paid_messages(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return await outbox.paid_messages(session)


async def test_a_fan_out_that_reaches_the_threshold_goes_paid(
    sessions: async_sessionmaker[AsyncSession], bot: Bot, telegram: FakeTelegram
) -> None:
    chats = [1, 2, 3, 4, 5, -1001]
    await fan_out_to(sessions, chats)
    report = await sender_of(sessions, paid=PaidBroadcasts(min_chats=6)).deliver(bot)
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)
    assert all(paid(message) for message in telegram.sent)
    assert (report.messages, report.paid) == (6, 6)
    assert await paid_messages(sessions) == 6


@pytest.mark.slow  # 1,200 chats
async def test_a_paid_fan_out_keeps_its_wider_window_within_the_paid_limits(
    sessions: async_sessionmaker[AsyncSession], telegram: FakeTelegram
) -> None:
    """Against a fake that enforces the paid limit (1,000 a second) and the per-chat ones,
    over a jittery 50 to 70 ms network: every chat once, more sends in flight than the
    free window holds, never more than the paid one, and no 429."""
    chats = list(range(1, 1101)) + list(range(-1001, -1101, -1))
    telegram.limits = FloodLimits()
    telegram.round_trip_seconds, telegram.round_trip_jitter_seconds = 0.05, 0.02
    await fan_out_to(sessions, chats)
    request = AiohttpRequest(connections=CONNECTIONS)
    bot: ExtBot[int] = ExtBot(
        telegram.token, base_url=telegram.base_url, rate_limiter=Pacer(),
        defaults=bot_defaults(), request=request,
    )  # fmt: skip
    async with bot:
        report = await sender_of(sessions, paid=PaidBroadcasts(min_chats=1000)).deliver(bot)
    assert Counter(message.chat_id for message in telegram.sent) == Counter(chats)
    assert all(paid(message) for message in telegram.sent)
    assert telegram.limits.refused == 0
    assert 10 < telegram.most_in_flight <= 150  # wider than the free window, within the paid
    assert report.paid == await paid_messages(sessions) == len(chats)


async def test_a_smaller_fan_out_stays_free(
    sessions: async_sessionmaker[AsyncSession], bot: Bot, telegram: FakeTelegram
) -> None:
    await fan_out_to(sessions, list(range(1, 6)))
    report = await sender_of(sessions, paid=PaidBroadcasts(min_chats=6)).deliver(bot)
    assert len(telegram.sent) == 5
    assert not any("allow_paid_broadcast" in message.params for message in telegram.sent)
    assert report.paid == 0
    assert await paid_messages(sessions) == 0


async def test_without_paid_broadcasts_a_big_fan_out_stays_free(
    sessions: async_sessionmaker[AsyncSession], bot: Bot, telegram: FakeTelegram
) -> None:
    await fan_out_to(sessions, list(range(1, 21)))
    await sender_of(sessions).deliver(bot)
    assert len(telegram.sent) == 20
    assert not any("allow_paid_broadcast" in message.params for message in telegram.sent)


async def test_a_refused_paid_broadcast_goes_on_free_and_the_operators_are_told_once(
    sessions: async_sessionmaker[AsyncSession], bot: Bot, telegram: FakeTelegram
) -> None:
    """The Stars run out after three paid sends: every chat still gets its alert once, the
    refused ones free, and the operators hear it once however many sends were refused."""
    chats = list(range(1, 41))
    await fan_out_to(sessions, chats)

    def stars_run_out(message: SentMessage) -> None:  # in the fake's thread
        if sum(paid(sent) for sent in telegram.sent) == 3:
            telegram.stars_short = True

    telegram.on_send = stars_run_out
    operators = OperatorNotifier(sessions, [OPERATOR])
    report = await sender_of(sessions, paid=PaidBroadcasts(40), operators=operators).deliver(bot)

    alerts = [message for message in telegram.sent if message.chat_id != OPERATOR]
    assert Counter(message.chat_id for message in alerts) == Counter(chats)
    assert sum(paid(message) for message in alerts) == 3
    assert (report.sent, report.paid, report.failed, report.retrying) == (40, 3, 0, 0)
    told = telegram.messages_to(OPERATOR)
    assert [message.text for message in told] == [
        "Telegram refused a paid broadcast (Balance_too_low: not enough stars for a paid "
        "broadcast): the rest of the fan-out to 40 chats goes on free, at up to 30 messages "
        "a second. Add Stars to the bot's balance for the next draw to go paid."
    ]
    assert not paid(told[0])
    assert await paid_messages(sessions) == 3


async def test_status_shows_paid_sends_and_their_cost_across_a_restart(
    telegram: FakeTelegram, database: str
) -> None:
    settings = settings_for(
        telegram, database, admin_chat_ids=[OPERATOR], allow_paid_broadcast=True,
        paid_broadcast_min_chats=3,
    )  # fmt: skip
    async with ready(settings) as application:
        services = application.bot_data
        operator = Chat(telegram, OPERATOR, application=application)
        before = await operator.ask("/status")
        assert "Paid broadcasts: 0 messages sent, 0.0 Stars spent" in before
        await fan_out_to(services.sessions, [1, 2, 3, -1001])
        await services.sender.deliver(application.bot)
    async with ready(settings) as application:  # a new start, on the same database
        operator = Chat(telegram, OPERATOR, application=application)
        text = await operator.ask("/status")
    assert "Paid broadcasts: 4 messages sent, 0.4 Stars spent" in text

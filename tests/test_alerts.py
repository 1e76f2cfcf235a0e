"""The sender: pending alerts reach their chats once, grouped, with right and escaped text."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from bot import scheduled
from bot.delivery import sender as sending
from bot.delivery.sender import MAX_IN_FLIGHT
from core.clock import utcnow
from core.merge import Correction
from core.rounds import Round
from db import corrections, fanout, outbox
from db.chats import unsubscribe
from db.draws import store_rounds
from db.engine import create_engine
from db.models import Chat, Delivery, Draw, FeedEntry, Report, Subscription
from jobs.poll import learn_draw_window, poll_official
from tests.conftest import (
    MAX_BYTES,
    add_chat,
    encode,
    eventually,
    new_round,
    ready,
    running,
    sender_of,
    settings_for,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
STEM_421 = Round(
    number="421", date=date(2026, 7, 2), category="stem", name="STEM occupations (Version 1)",
    crs=486, invitations=1_500, drawn_at=datetime(2026, 7, 2, 14, 5, 10, tzinfo=UTC),
    tie_break=datetime(2026, 4, 14, 0, 3, 10, tzinfo=UTC),
)  # fmt: skip


async def publish(sessions: async_sessionmaker[AsyncSession], *rounds: Round) -> None:
    """Store new rounds and queue their alerts, as a poll does."""
    async with sessions() as session, session.begin():
        stored = await store_rounds(session, rounds, "official", NOW)
        for draw in stored.new:
            await fanout.enqueue(session, draw, NOW)


async def make_due(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Let time pass: rows waiting for a retry become due."""
    async with sessions() as session, session.begin():
        await session.execute(update(Delivery).values(next_attempt_at=None))


async def statuses(sessions: async_sessionmaker[AsyncSession]) -> dict[int, list[str]]:
    async with sessions() as session:
        rows = (await session.execute(select(Delivery.chat_id, Delivery.status))).all()
    found: dict[int, list[str]] = {}
    for chat_id, status in rows:
        found.setdefault(chat_id, []).append(status)
    return found


async def test_an_alert_reaches_each_matching_chat_once_with_its_figures(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("stem", 490))
    await add_chat(sessions, 2, ("stem", 480))
    await add_chat(sessions, -100500, ("all", None))
    await publish(sessions, STEM_421)
    sender = sender_of(sessions)
    report = await sender.deliver(bot)
    assert (report.sent, report.failed) == (2, 0)
    assert sorted(message.chat_id for message in telegram.sent) == [-100500, 1]
    text = telegram.messages_to(1)[0].text
    assert text == (
        "🔔 <b>New Express Entry draw</b>\n\n"
        "<b>#421 · STEM occupations</b> · July 2, 2026\n"
        "Invitations: <b>1,500</b>\n"
        "CRS cut-off: <b>486</b> (▼ 5 from 491 in #293 on April 11, 2024)\n"
        "📊 Average cut-off of the 3 STEM occupations draws before this one: 486. "
        "Days since the previous one: 812.\n"
        "Tie-break: April 14, 2026 at 00:03:10 UTC\n"
        "✅ Your 490 is 4 above the cut-off.\n"
        '<a href="https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/'
        "policies-operational-instructions-agreements/ministerial-instructions/"
        'express-entry-rounds/invitations.html?q=421">Official round details</a>'
    )
    assert "Your" not in telegram.messages_to(-100500)[0].text  # no score, no margin
    sent = telegram.messages_to(1)[0]  # as the application's Defaults say
    assert sent.parse_mode == "HTML"
    assert sent.params["link_preview_options"] == {"is_disabled": True}
    assert (await sender.deliver(bot)).sent == 0  # sent rows are never sent again
    assert len(telegram.sent) == 2
    assert await statuses(sessions) == {1: ["sent"], -100500: ["sent"]}


async def test_pending_alerts_survive_a_restart(
    sessions: async_sessionmaker[AsyncSession],
    database: str,
    client: httpx.AsyncClient,
    source: FakeSource,
    snapshot: dict[str, Any],
    telegram: FakeTelegram,
) -> None:
    """The service's poll queues a new draw's alerts and the service stops before its
    sender runs; the next start of the service, on the same database, delivers each of
    them once."""
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)  # history, as before
    owed = {1: ("stem", 490), 2: ("all", None), -100500: ("stem", None)}
    for chat_id, subscription in owed.items():
        await add_chat(sessions, chat_id, subscription)
    await add_chat(sessions, 3, ("stem", 480))  # below the cut-off: owed nothing
    new_round(snapshot, "421", crs="486", on=utcnow().date())
    source.set_body(encode(snapshot))
    woken: list[str] = []
    async with ready(settings_for(telegram, database, source.url)) as first:
        await scheduled.poll_and_tell(first.bot_data, first.bot, lambda: woken.append("woken"))
    # stopped before its send job could run: the alerts wait in the outbox
    assert woken == ["woken"] and telegram.sent == []
    assert await statuses(sessions) == {chat_id: ["pending"] for chat_id in owed}

    async def delivered() -> bool:
        return await statuses(sessions) == {chat_id: ["sent"] for chat_id in owed}

    async with running(settings_for(telegram, database)):  # started again, no source to poll
        await eventually(delivered, "every pending alert marked sent")
    assert sorted(message.chat_id for message in telegram.sent) == sorted(owed)
    assert all("#421 · STEM occupations" in message.text for message in telegram.sent)


async def test_a_fan_out_serves_the_earliest_subscribers_first(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    subscribed = [5, -300, 9, 1, 7]  # in this order, whatever their ids
    for chat_id in subscribed:
        await add_chat(sessions, chat_id, ("stem", None))
    await add_chat(sessions, 5, ("all", None))  # a later subscription does not move chat 5
    await publish(sessions, STEM_421)
    async with sessions() as session:
        queued = (await session.scalars(select(Delivery.chat_id).order_by(Delivery.id))).all()
    assert queued == subscribed  # the outbox's order, which the sender follows
    await sender_of(sessions, window=1).deliver(bot)
    assert [message.chat_id for message in telegram.sent] == subscribed


async def test_a_chat_never_has_two_messages_in_flight_at_once(
    sessions: async_sessionmaker[AsyncSession],
    history: None,
    bot: Bot,
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The group's two alerts fall in consecutive batches, so both are due at once with
    room in the window; the second leaves only once the first is answered."""
    monkeypatch.setattr(sending, "BATCH_SIZE", 4)
    for chat_id in (1, 2, 3):
        await add_chat(sessions, chat_id, ("stem", None))
    await add_chat(sessions, 4, ("cec", None))
    await add_chat(sessions, -500, ("all", None))  # last of the first batch
    await publish(sessions, STEM_421)
    cec = Round(number="422", date=date(2026, 7, 3), category="cec",
                name="Canadian Experience Class", crs=520, invitations=3_000)  # fmt: skip
    await publish(sessions, cec)  # for chat 4, then the group: the second batch
    telegram.round_trip_seconds = 0.2
    assert (await sender_of(sessions).deliver(bot)).messages == 6
    first, second = telegram.messages_to(-500)
    assert "#421" in first.text and "#422" in second.text
    # the second was handled a whole round trip after the first: it left after the answer
    assert second.at - first.at >= telegram.round_trip_seconds
    assert telegram.most_in_flight >= 2  # while others were in flight together


async def test_several_new_draws_for_one_chat_arrive_as_one_message(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("all", None), ("stem", 490))
    general = Round(number="422", date=date(2026, 7, 3), category="general",
                    name="No Program Specified", crs=470, invitations=2_000)  # fmt: skip
    await publish(sessions, STEM_421, general)
    await sender_of(sessions).deliver(bot)
    [message] = telegram.messages_to(1)
    assert message.text.startswith("🔔 <b>2 new Express Entry draws</b>")
    assert message.text.index("#421") < message.text.index("#422")
    assert "Your 490 is 20 above the cut-off." in message.text
    assert "Tie-break: not published" in message.text


async def test_a_chat_that_unsubscribed_meanwhile_is_skipped(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("stem", 490))
    await publish(sessions, STEM_421)
    async with sessions() as session, session.begin():
        await unsubscribe(session, 1, None)
    report = await sender_of(sessions).deliver(bot)
    assert (report.sent, report.skipped) == (0, 1)
    assert telegram.sent == []


async def test_a_blocked_chat_is_deactivated_and_others_still_get_theirs(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    for chat_id in (1, 2, 3):
        await add_chat(sessions, chat_id, ("stem", None))
    telegram.blocked_chats.add(2)
    await publish(sessions, STEM_421)
    report = await sender_of(sessions).deliver(bot)
    assert (report.sent, report.failed) == (2, 1)
    async with sessions() as session:
        blocked = await session.get_one(Chat, 2)
        assert not blocked.active and "blocked" in (blocked.inactive_reason or "")
        assert len((await session.scalars(select(Chat).where(Chat.active))).all()) == 2
    assert await statuses(sessions) == {1: ["sent"], 2: ["failed"], 3: ["sent"]}


async def test_a_failed_send_is_retried_later_with_backoff(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("stem", None))
    await publish(sessions, STEM_421)
    telegram.fail_next("sendMessage", 500, "Internal Server Error")
    assert (await sender_of(sessions).deliver(bot)).retrying == 1
    async with sessions() as session:
        row = await session.get_one(Delivery, 1)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at is not None and row.next_attempt_at > utcnow()
    assert (await sender_of(sessions).deliver(bot)).messages == 0  # not due yet
    await make_due(sessions)
    assert (await sender_of(sessions).deliver(bot)).sent == 1
    assert len(telegram.messages_to(1)) == 1


async def test_a_send_that_keeps_failing_is_given_up_with_its_reason(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("stem", None))
    await add_chat(sessions, 2, ("stem", None))
    await publish(sessions, STEM_421)
    telegram.broken_chats.add(1)
    for _ in range(outbox.MAX_ATTEMPTS):
        await sender_of(sessions).deliver(bot)
        await make_due(sessions)
    async with sessions() as session:
        rows = {row.chat_id: row for row in await session.scalars(select(Delivery))}
    assert (rows[1].status, rows[1].attempts) == ("failed", outbox.MAX_ATTEMPTS)
    assert rows[1].last_error == "NetworkError: Bad Gateway"
    assert rows[2].status == "sent"  # the other chat was not held up


@pytest.mark.parametrize("attempts", range(1, 12))
def test_retry_delays_grow_exponentially_with_jitter_up_to_a_cap(attempts: int) -> None:
    ceiling = min(outbox.RETRY_CAP, outbox.RETRY_BASE * 2 ** (attempts - 1))
    assert outbox.retry_delay(attempts, lambda low, high: low) == ceiling / 2
    assert outbox.retry_delay(attempts, lambda low, high: high) == ceiling
    assert ceiling / 2 <= outbox.retry_delay(attempts) <= ceiling


async def test_a_migrated_group_is_followed_to_its_new_id(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, -500, ("stem", 490), ("cec", None))
    telegram.migrated_chats[-500] = -100500
    await publish(sessions, STEM_421)
    assert (await sender_of(sessions).deliver(bot)).sent == 1
    assert telegram.messages_to(-500) == []
    assert "#421" in telegram.messages_to(-100500)[0].text
    async with sessions() as session:
        old = await session.get_one(Chat, -500)
        new = await session.get_one(Chat, -100500)
        subs = (await session.scalars(select(Subscription).order_by(Subscription.category))).all()
    assert (old.active, new.active) == (False, True)
    assert [(sub.chat_id, sub.category, sub.max_crs) for sub in subs] == [
        (-100500, "cec", None), (-100500, "stem", 490),
    ]  # fmt: skip
    assert await statuses(sessions) == {-100500: ["sent"]}


async def test_html_refused_by_telegram_goes_again_as_plain_text(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("stem", 490))
    await publish(sessions, STEM_421)
    telegram.fail_next("sendMessage", 400, "Bad Request: can't parse entities: unexpected end")
    assert (await sender_of(sessions).deliver(bot)).sent == 1
    [message] = telegram.messages_to(1)
    assert message.parse_mode is None and "parse_mode" not in message.params
    assert message.params["link_preview_options"] == {"is_disabled": True}
    assert message.text.startswith("🔔 New Express Entry draw\n\n#421 · STEM occupations")
    assert "<" not in message.text


async def test_a_stopped_sender_finishes_the_message_in_flight_and_leaves_the_rest(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    for chat_id in range(1, 6):
        await add_chat(sessions, chat_id, ("stem", None))
    await publish(sessions, STEM_421)
    sender = sender_of(sessions, window=1)  # one message in flight at a time
    telegram.on_send = lambda message: sender.stop() if message.chat_id == 2 else None
    report = await sender.deliver(bot)
    assert report.sent == 2
    assert await statuses(sessions) == {
        1: ["sent"], 2: ["sent"], 3: ["pending"], 4: ["pending"], 5: ["pending"],
    }  # fmt: skip
    assert (await sender_of(sessions).deliver(bot)).sent == 3  # the next start sends the rest


async def test_a_stopped_sender_finishes_its_window_in_flight_and_sends_no_other(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    chats = range(1, 3 * MAX_IN_FLIGHT + 1)
    for chat_id in chats:
        await add_chat(sessions, chat_id, ("stem", None))
    await publish(sessions, STEM_421)
    sender = sender_of(sessions)
    telegram.on_send = lambda message: sender.stop() if len(telegram.sent) == 1 else None
    report = await sender.deliver(bot)
    # stopped as the first message arrived: the others in flight then, and no other
    assert 0 < report.sent <= 10  # the free window
    reached = {message.chat_id for message in telegram.sent}
    assert len(telegram.sent) == len(reached) == report.sent
    found = await statuses(sessions)
    assert {chat for chat, status in found.items() if status == ["sent"]} == reached
    assert {chat for chat, status in found.items() if status == ["pending"]} == set(chats) - reached
    assert (await sender_of(sessions).deliver(bot)).sent == len(chats) - report.sent
    assert sorted(message.chat_id for message in telegram.sent) == list(chats)


async def test_text_from_outside_is_escaped(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("all", None))
    odd = Round(
        number="423", date=date(2026, 7, 4), category="r-d",
        name="R&D <Research> occupations (Version 1)", crs=455, invitations=300,
    )  # fmt: skip
    await publish(sessions, odd)
    await sender_of(sessions).deliver(bot)  # the fake rejects malformed HTML with a 400
    [message] = telegram.messages_to(1)
    assert "R&amp;D &lt;Research&gt; occupations" in message.text
    assert "first R&amp;D &lt;Research&gt; occupations draw on record" in message.text


def committed_alerts(database: str, number: str) -> list[tuple[int, str]]:
    """What another connection sees committed at this moment: the outbox rows of draw
    `number`, as (chat, status). Runs on an event loop of its own, so that the fake Bot
    API can call it while it handles a request."""

    async def read() -> list[tuple[int, str]]:
        engine = create_engine(database)
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    select(Delivery.chat_id, Delivery.status)
                    .join(Draw, Draw.id == Delivery.draw_id)
                    .where(Draw.number == number)
                )
                return sorted((chat_id, status) for chat_id, status in rows)
        finally:
            await engine.dispose()

    return asyncio.run(read())


async def test_a_draw_is_stored_before_anyone_is_told(
    sessions: async_sessionmaker[AsyncSession],
    database: str,
    client: httpx.AsyncClient,
    source: FakeSource,
    snapshot: dict[str, Any],
    telegram: FakeTelegram,
) -> None:
    """The service's own poll finds a new draw and sends its alert: when the alert reaches
    Telegram, the draw and its outbox row are already committed, and not yet marked sent."""
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)  # history, as before
    await add_chat(sessions, 1, ("stem", None))
    new_round(snapshot, "421", crs="486", on=utcnow().date())
    source.set_body(encode(snapshot))
    seen_when_sent: list[list[tuple[int, str]]] = []
    telegram.on_send = lambda _message: seen_when_sent.append(committed_alerts(database, "421"))
    async with running(settings_for(telegram, database, source.url)):
        [alert] = await telegram.await_messages(1, chat_id=1)
    assert "#421 · STEM occupations" in alert.text
    assert seen_when_sent == [[(1, "pending")]]
    assert await asyncio.to_thread(committed_alerts, database, "421") == [(1, "sent")]


async def test_a_draw_known_only_from_news_is_marked_and_cites_its_source(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 1, ("stem", 490))
    async with sessions() as session, session.begin():
        draw = Draw(number=None, date=date(2026, 7, 2), category="stem", name="STEM occupations",
                    crs=485, invitations=6000, source="news", confirmed=False)  # fmt: skip
        session.add(draw)
        entry = FeedEntry(feed="feed:x", entry_key="a", link="https://news.example/a?x=1&y=2",
                          content_hash="0" * 64)  # fmt: skip
        session.add(entry)
        await session.flush()
        session.add(Report(entry_id=entry.id, draw_id=draw.id, category="stem", crs=485,
                           invitations=6000, confidence="medium"))  # fmt: skip
        await fanout.enqueue(session, draw, NOW)
    await sender_of(sessions).deliver(bot)
    [message] = telegram.messages_to(1)
    assert message.text.startswith("🔔 <b>Express Entry draw reported</b>")
    assert "<b>(no number yet) · STEM occupations</b> · July 2, 2026" in message.text
    assert "✅ Your 490 is 5 above the cut-off." in message.text
    assert message.text.endswith(
        "⚠️ Reported by the news, not yet confirmed by IRCC: "
        '<a href="https://news.example/a?x=1&amp;y=2">news.example</a>'
    )


@asynccontextmanager
async def alerted_stem_421(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[tuple[AsyncSession, Draw]]:
    """#421 alerted to chat 1 (STEM at 488), and a transaction to change what it owes."""
    await add_chat(sessions, 1, ("stem", 488))
    await publish(sessions, STEM_421)
    async with sessions() as session, session.begin():
        await session.execute(
            update(Delivery).where(Delivery.kind == "alert").values(status="sent")
        )
        draw = await session.scalar(select(Draw).where(Draw.number == "421"))
        assert draw is not None
        yield session, draw


async def test_a_correction_tells_what_was_wrong_and_where_the_score_stands(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    async with alerted_stem_421(sessions) as (session, draw):
        draw.crs = 490  # as if the official figures now say 490 where the alert said 486
        changed = [Correction("crs", 486, 490), Correction("date", date(2026, 7, 1), draw.date)]
        assert await corrections.enqueue_corrections(session, draw, changed, utcnow()) == 1
    await sender_of(sessions).deliver(bot)
    [message] = telegram.messages_to(1)
    assert message.text.startswith(
        "✏️ <b>Correction</b>: IRCC's official figures differ from those we sent you: "
        "cut-off 490, not 486; date July 2, 2026, not July 1, 2026."
    )
    assert "CRS cut-off: <b>490</b>" in message.text
    assert "❌ Your 488 is 2 below the cut-off." in message.text


async def test_a_correction_stored_in_words_is_sent_as_it_was_written(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    async with alerted_stem_421(sessions) as (session, draw):
        session.add(Delivery(draw_id=draw.id, chat_id=1, kind="correction",
                             detail="cut-off 486, not <480>"))  # fmt: skip
    await sender_of(sessions).deliver(bot)
    [message] = telegram.messages_to(1)
    assert message.text.startswith(
        "✏️ <b>Correction</b>: IRCC's official figures differ from those we sent you: "
        "cut-off 486, not &lt;480&gt;."
    )


async def test_the_poll_job_wakes_the_sender_once_its_alerts_are_committed_and_sends_nothing(
    sessions: async_sessionmaker[AsyncSession],
    database: str,
    client: httpx.AsyncClient,
    source: FakeSource,
    snapshot: dict[str, Any],
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The poll wakes the sender as soon as the new draw's alerts are committed, before it
    does anything it can do after, and returns without waiting for a single send."""
    await poll_official(client, sessions, source.url, MAX_BYTES, NOW)  # history, as before
    await add_chat(sessions, 1, ("stem", None))
    new_round(snapshot, "421", crs="486", on=utcnow().date())
    source.set_body(encode(snapshot))
    steps: list[str] = []

    async def learn(*args: Any) -> None:
        steps.append("draw window relearned")
        await learn_draw_window(*args)

    async def pending() -> list[tuple[int, str]]:
        async with sessions() as session:
            rows = await session.scalars(select(Delivery))
            return [(row.chat_id, row.status) for row in rows]

    def woken() -> None:
        steps.append("sender woken")

    monkeypatch.setattr(scheduled, "learn_draw_window", learn)
    async with ready(settings_for(telegram, database, source.url)) as application:
        await scheduled.poll_and_tell(application.bot_data, application.bot, woken)
    assert steps == ["sender woken", "draw window relearned"]
    assert telegram.sent == []  # the sender's own job sends
    assert await pending() == [(1, "pending")]

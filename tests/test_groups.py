"""Groups and operators: who may change subscriptions, joining and leaving, floods, /status;
updates handed to the real Application's process_update."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram.ext import Application

from core.limits import COMMANDS_PER_WINDOW
from db.models import Chat
from tests.conftest import Chat as Talker
from tests.conftest import hand_over, ready, settings_for
from tests.fakes.telegram import FakeTelegram

GROUP = -100777
ADMIN, MEMBER = 4242, 5151
OPERATOR = 9001


@pytest.fixture
async def app(telegram: FakeTelegram, database: str) -> AsyncIterator[Application]:
    settings = settings_for(telegram, database, admin_chat_ids=[OPERATOR])
    async with ready(settings) as application:
        yield application


def in_group(app: Application, telegram: FakeTelegram, user_id: int) -> Talker:
    return Talker(telegram, GROUP, "supergroup", application=app, user_id=user_id)


async def chat_row(app: Application, chat_id: int) -> Chat | None:
    async with app.bot_data.sessions() as session:
        return await session.get(Chat, chat_id)


async def test_only_group_administrators_change_its_subscriptions(
    app: Application, telegram: FakeTelegram
) -> None:
    telegram.non_admins.add(MEMBER)
    member, admin = in_group(app, telegram, MEMBER), in_group(app, telegram, ADMIN)
    refused = await member.ask("/subscribe stem 490")
    assert refused.startswith("Only this group's administrators can change its subscriptions.")
    assert "no subscriptions" in await member.ask("/subscriptions")
    assert (await admin.ask("/subscribe stem 490")).startswith("Subscribed")
    assert "Only" in await member.ask("/unsubscribe all")
    assert "stem 490" in await member.ask("/subscriptions")
    assert "No draw" in await member.ask("/latest")  # anyone may read


async def test_an_anonymous_administrator_may_subscribe(
    app: Application, telegram: FakeTelegram
) -> None:
    await hand_over(telegram, app, {"message": {
        "message_id": 1, "date": 0, "text": "/subscribe all",
        "chat": {"id": GROUP, "type": "supergroup", "title": "G"},
        "sender_chat": {"id": GROUP, "type": "supergroup", "title": "G"},
        "from": {"id": 1087968824, "is_bot": True, "first_name": "Group",
                 "username": "GroupAnonymousBot"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 10}],
    }})  # fmt: skip
    [reply] = await telegram.await_messages(1, chat_id=GROUP)
    assert reply.text.startswith("Subscribed")


async def test_joining_and_leaving_groups_and_being_blocked(
    app: Application, telegram: FakeTelegram
) -> None:
    await hand_over(telegram, app, telegram.membership(GROUP, "left", "member"))
    [welcome] = await telegram.await_messages(1, chat_id=GROUP)
    assert "A group administrator can choose" in welcome.text
    row = await chat_row(app, GROUP)
    assert row is not None and row.active

    await hand_over(telegram, app, telegram.membership(GROUP, "member", "kicked"))
    row = await chat_row(app, GROUP)
    assert row is not None and not row.active  # the chat is marked inactive

    user = Talker(telegram, 31, application=app)
    await user.ask("/subscribe stem")
    blocked = telegram.membership(31, "member", "kicked", chat_type="private", user_id=31)
    await hand_over(telegram, app, blocked)
    row = await chat_row(app, 31)
    assert row is not None and not row.active and row.inactive_reason == "blocked the bot"
    await user.ask("/start")  # comes back: the subscription was kept
    row = await chat_row(app, 31)
    assert row is not None and row.active
    assert "stem" in await user.ask("/subscriptions")


async def test_a_user_who_floods_commands_is_slowed_down_and_others_are_not(
    app: Application, telegram: FakeTelegram
) -> None:
    flooder = Talker(telegram, 77, application=app)
    for _ in range(COMMANDS_PER_WINDOW + 10):
        await flooder.send("/categories")
    other = Talker(telegram, 78, application=app)
    assert "Categories" in await other.ask("/categories")
    answers = await telegram.await_messages(COMMANDS_PER_WINDOW + 1, chat_id=77)
    warnings = [m for m in answers if "too fast" in m.text]
    assert len(warnings) == 1
    assert len(telegram.messages_to(77)) == COMMANDS_PER_WINDOW + 1  # the rest were dropped
    assert answers[-1] is warnings[0]  # answered up to the limit, then warned once


async def test_status_is_for_operators(app: Application, telegram: FakeTelegram) -> None:
    assert await app.bot_data.leader.check()  # leads, as its jobs' first tick would find
    stranger = Talker(telegram, 1, application=app)
    assert (await stranger.ask("/status")) == "/status is for the bot's operators."
    await Talker(telegram, 2, application=app).ask("/subscribe stem 490")
    text = await Talker(telegram, OPERATOR, application=app).ask("/status")
    assert "Chats: 1 active, 0 inactive; 1 subscribed (1 subscription)" in text
    assert "Outbox: 0 pending (0 being sent), 0 failed, 0 sent" in text
    assert "Last delivery: none since start\n" in text
    assert "Last flood wait: none since start" in text


async def test_chat_rows_are_not_created_by_reading(
    app: Application, telegram: FakeTelegram
) -> None:
    await Talker(telegram, 5, application=app).ask("/latest")
    async with app.bot_data.sessions() as session:
        assert (await session.scalars(select(Chat))).all() == []


async def test_in_a_group_an_unknown_command_is_answered_only_when_it_names_the_bot(
    app: Application, telegram: FakeTelegram
) -> None:
    member = in_group(app, telegram, MEMBER)
    await member.send("/lates")  # may be another bot's command: no answer
    await member.send("/lates@other_bot")
    assert telegram.messages_to(GROUP) == []
    reply = await member.ask(f"/lates@{telegram.bot_username}")
    assert reply.startswith("I don't know the command /lates. Did you mean /latest?")

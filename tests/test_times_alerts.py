"""Following IRCC's processing times: /subscribe times [program [month]], and the one message
a chat gets when a new edition changes what it follows. Editions are served on 127.0.0.1
and polled as the service polls them; messages go through the fake Bot API."""

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import Application

from core.matching import matches
from db.chats import deactivate, subscriptions_of
from db.matching import matching_clause
from db.models import Delivery, Subscription
from tests.conftest import Chat, sender_of
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram
from tests.test_times import TIMES_FIXTURES, flpt, poll, stored_times

# the fixtures of the editions served and stored, shared with tests/test_times.py
__all__ = ["flpt", "stored_times"]

DECEMBER = (TIMES_FIXTURES / "edition-2025-12.json").read_bytes()


@pytest.fixture
async def november(stored_times: None, flpt: FakeSource) -> FakeSource:
    """October and November stored (the first poll silently), as /times' tests store them:
    the chats follow from here."""
    return flpt


def texts_to(telegram: FakeTelegram, chat_id: int) -> list[str]:
    return [message.text for message in telegram.messages_to(chat_id)]


async def test_subscribing_to_the_times_says_what_it_follows(
    app: Application, telegram: FakeTelegram, november: FakeSource
) -> None:
    user = Chat(telegram, 1001, application=app)
    said = await user.ask("/subscribe times")
    assert "told when IRCC's processing times change for the Express Entry programs" in said
    said = await user.ask("/subscribe times cec June 2025")
    assert "for Canadian Experience Class, and applications made in June 2025" in said
    listed = await user.ask("/subscriptions")
    assert "• processing times: Canadian Experience Class, and applications made in June 2025 " \
        "(<code>times cec 2025-06</code>)" in listed  # fmt: skip
    assert "• processing times: the Express Entry programs" in listed
    assert telegram.messages_to(1001)[-1].buttons == [
        ("Remove processing times: the Express Entry programs (CEC, FSW, PNP through Express "
         "Entry)", "rm:times"),
        ("Remove processing times: Canadian Experience Class, and applications made in June 2025",
         "rm:times-cec-2025-06"),
    ]  # fmt: skip
    async with app.bot_data.sessions() as session:
        held = sorted(sub.category for sub in await subscriptions_of(session, 1001))
    assert held == ["times", "times-cec-2025-06"]


@pytest.mark.usefixtures("november")
@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/subscribe times xyz", "There is no program <code>xyz</code>"),
        ("/subscribe times cec someday", "<code>someday</code> is not a month of application."),
        ("/subscribe times cec 2031-01", "IRCC gives no figures for Canadian Experience Class "
                                         "applications made in January 2031"),
        ("/subscribe times cec 490", "<code>490</code> is not a month of application."),
        ("/subscribe times a b c d", "Usage: <code>/subscribe times</code>"),
    ],
)  # fmt: skip
async def test_bad_times_subscriptions_get_a_clear_answer_and_store_nothing(
    app: Application, telegram: FakeTelegram, command: str, answer: str
) -> None:
    assert answer in await Chat(telegram, 1001, application=app).ask(command)
    async with app.bot_data.sessions() as session:
        assert await subscriptions_of(session, 1001) == []


async def test_a_new_edition_reaches_each_chat_that_follows_what_changed_once(
    app: Application,
    telegram: FakeTelegram,
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    bot: Bot,
    november: FakeSource,
) -> None:
    """December changes CEC only: its followers hear of it once; FSW's, AIP's and those
    who follow draws hear nothing, nor does an inactive chat."""
    follows = {
        1: "/subscribe times cec", 2: "/subscribe times", 3: "/subscribe times cec 2025-06",
        4: "/subscribe times fsw", 5: "/subscribe stem 490", 6: "/subscribe times aip",
        7: "/subscribe times cec",
    }  # fmt: skip
    for chat_id, command in follows.items():
        await Chat(telegram, chat_id, application=app).ask(command)
    async with sessions() as session, session.begin():
        await deactivate(session, 7, "blocked the bot")
    before = {chat_id: len(telegram.messages_to(chat_id)) for chat_id in follows}
    november.set_body(DECEMBER)
    report = await poll(client, sessions, november)
    assert report.queued == 3
    assert (await sender_of(sessions).deliver(bot)).messages == 3
    told = {chat_id: texts_to(telegram, chat_id)[before[chat_id] :] for chat_id in follows}
    assert {chat_id for chat_id, texts in told.items() if texts} == {1, 2, 3}
    assert all(len(texts) == 1 for texts in told.values() if texts)
    [cec] = told[1]
    assert cec.startswith("⏱ <b>IRCC's processing times changed</b> · IRCC, December 4, 2025")
    assert (
        "• <b>Canadian Experience Class</b>: about 5 months (was 6 months); "
        "people waiting: about 16,200 (was about 17,900)"
    ) in cec
    assert "Federal Skilled Worker" not in cec and "applied in" not in cec
    assert "not a promise" in cec and "<code>/unsubscribe times</code>" in cec
    assert told[2] == told[1]  # CEC is the Express Entry programs' only change
    [month] = told[3]
    assert (
        "• <b>Canadian Experience Class</b>, applied in June 2025: people ahead of you: "
        "about 3,900 (was about 4,700); time left: about 1 month (was 2 months)"
    ) in month
    assert "September 2025" not in month  # a month it does not follow

    november.set_body(DECEMBER + b"\n")  # the same edition polled again
    assert (await poll(client, sessions, november)).queued == 0
    assert (await sender_of(sessions).deliver(bot)).messages == 0


async def test_the_message_speaks_the_chat_s_language_and_follows_its_subscriptions_now(
    app: Application,
    telegram: FakeTelegram,
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    bot: Bot,
    november: FakeSource,
) -> None:
    """Written when sent: in French for a French chat; skipped for a chat that stopped
    following before it went."""
    french = Chat(telegram, 1, application=app)
    await french.ask("/language fr")
    await french.ask("/subscribe times cec")
    gone = Chat(telegram, 2, application=app)
    await gone.ask("/subscribe times cec 2025-06")
    november.set_body(DECEMBER)
    assert (await poll(client, sessions, november)).queued == 2
    stopped = await gone.ask("/unsubscribe times")
    assert stopped == "Unsubscribed from 1 processing-times subscription."
    report = await sender_of(sessions).deliver(bot)
    assert (report.messages, report.skipped) == (1, 1)
    told = texts_to(telegram, 1)[-1]
    assert told.startswith("⏱ <b>Les délais de traitement d'IRCC ont changé</b> · IRCC, 4 décembre")
    assert "<b>Catégorie de l'expérience canadienne</b> : environ 5 mois (avant : 6 mois)" in told
    async with sessions() as session:
        statuses = sorted((await session.scalars(select(Delivery.status))).all())
    assert statuses == ["sent", "skipped"]


async def test_times_buttons_and_deep_links_subscribe_as_the_command_does(
    app: Application, telegram: FakeTelegram, november: FakeSource
) -> None:
    user = Chat(telegram, 1001, application=app)
    await user.ask("/times fsw 2025-06")
    shown = user.last_message()
    assert shown.buttons == [("🔔 Tell me when these change", "tf:times-fsw-2025-06")]
    answer = await user.press(shown, "tf:times-fsw-2025-06")
    assert answer["text"] == "Done: you will be told when they change."
    assert "Federal Skilled Worker, and applications made in June 2025" in user.last_message().text
    forged = await user.press(shown, "tf:stem")
    assert forged["text"] == "I can't read this button. Send /subscribe to start again."
    times_gone = "The processing times no longer list this. Send /times to see what they list now."
    gone = await user.press(shown, "tf:times-nope")
    assert gone["text"] == times_gone
    month_gone = await user.press(shown, "tf:times-fsw-2019-01")  # a month no longer listed
    assert month_gone["text"] == times_gone
    linked = Chat(telegram, 1002, application=app)
    said = await linked.ask("/start times-pnp-ee")
    assert "Provincial nominees (Express Entry)" in said
    unknown = await Chat(telegram, 1003, application=app).ask("/start times-nope")
    assert "Subscribed" not in unknown and "nope" in unknown
    stale = await Chat(telegram, 1004, application=app).ask("/start times-fsw-2019-01")
    assert stale.startswith(
        "IRCC gives no figures for Federal Skilled Worker applications made in January 2019"
    )
    shared = await linked.ask("/share")
    assert "?start=times-pnp-ee" in shared
    async with app.bot_data.sessions() as session:
        held = {
            chat_id: [sub.category for sub in await subscriptions_of(session, chat_id)]
            for chat_id in (1001, 1002, 1003)
        }
    assert held == {1001: ["times-fsw-2025-06"], 1002: ["times-pnp-ee"], 1003: []}


async def test_the_set_up_offers_the_times_without_a_score(
    app: Application, telegram: FakeTelegram, november: FakeSource
) -> None:
    user = Chat(telegram, 1001, application=app)
    await user.send("/subscribe")
    keyboard = user.last_message()
    [times] = [data for _text, data in keyboard.buttons if data.endswith(":c:times")]
    await user.press(keyboard, times)
    confirm = user.last_message()
    assert confirm.text.startswith("Be told when IRCC's processing times change for the Express")
    [ok] = [data for _text, data in confirm.buttons if data.endswith(":ok")]
    await user.press(confirm, ok)
    assert "Subscribed: you will be told" in user.last_message().text
    async with app.bot_data.sessions() as session:
        assert [sub.category for sub in await subscriptions_of(session, 1001)] == ["times"]


async def test_times_subscriptions_match_no_draw(app: Application, telegram: FakeTelegram) -> None:
    """A chat that follows only the processing times is not alerted of an all-program draw."""
    await Chat(telegram, 1001, application=app).ask("/subscribe times cec")
    assert not matches("times-cec", None, "general", 480)
    async with app.bot_data.sessions() as session:
        found = await session.scalars(
            select(Subscription.chat_id).where(matching_clause("general", 480))
        )
        assert list(found) == []

"""Forum supergroups: replies stay in the topic they were asked in, and a subscription's
alerts go to the topic it was made in (one alert a chat, however many topics match)."""

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot import messages
from db import draws
from db.models import Delivery, Subscription
from tests.conftest import Chat, add_chat
from tests.fakes.telegram import FakeTelegram
from tests.test_alerts import STEM_421, publish

FORUM, OTHER_FORUM = -100900, -100901
ADMIN = 4242
STEM_TOPIC, NEWS_TOPIC = 7, 9


def in_topic(app: Application, telegram: FakeTelegram, thread_id: int, chat: int = FORUM) -> Chat:
    return Chat(telegram, chat, "supergroup", application=app, user_id=ADMIN, thread_id=thread_id)


async def topics(app: Application, chat_id: int) -> dict[str, int | None]:
    async with app.bot_data.sessions() as session:
        query = select(Subscription).where(Subscription.chat_id == chat_id)
        return {sub.category: sub.thread_id for sub in await session.scalars(query)}


@pytest.mark.usefixtures("in_english")  # renders expected texts itself
async def test_replies_stay_in_the_topic_they_were_asked_in(
    app: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    stem = in_topic(app, telegram, STEM_TOPIC)
    for command in (
        "/subscribe stem 490",
        "/subscribe nowhere",
        "/latest",
        "/lates@ee_drawbot_test",
        "/share",
    ):
        await stem.ask(command)
        assert stem.last_message().thread_id == STEM_TOPIC, command

    async def broken(*_args: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(draws, "category_overview", broken)
    assert await stem.ask("/categories") == messages.FAILED()  # the error's answer too
    assert stem.last_message().thread_id == STEM_TOPIC
    assert await topics(app, FORUM) == {"stem": STEM_TOPIC}


async def test_the_keyboard_flow_stays_in_its_topic_and_keeps_it(
    app: Application, telegram: FakeTelegram
) -> None:
    news = in_topic(app, telegram, NEWS_TOPIC)
    await news.send("/start")
    welcome = news.last_message()
    assert welcome.thread_id == NEWS_TOPIC
    await news.press(welcome, "su:new")
    picker = news.last_message()
    assert picker.thread_id == NEWS_TOPIC
    for label in ("All draws", "Type my score"):
        current = telegram.current(picker)
        await news.press(current, next(data for text, data in current.buttons if text == label))
    assert news.last_message().thread_id == NEWS_TOPIC  # the ForceReply asking for a score
    await news.send("520")
    confirm = telegram.current(picker)
    await news.press(confirm, next(data for text, data in confirm.buttons if text == "Confirm"))
    assert await topics(app, FORUM) == {"all": NEWS_TOPIC}

    await in_topic(app, telegram, STEM_TOPIC).ask("/subscribe all 500")  # asked again there
    assert await topics(app, FORUM) == {"all": STEM_TOPIC}


async def test_an_alert_goes_to_the_topic_of_the_subscription_it_answers(
    app: Application, telegram: FakeTelegram
) -> None:
    await in_topic(app, telegram, STEM_TOPIC).ask("/subscribe stem 490")
    await in_topic(app, telegram, NEWS_TOPIC).ask("/subscribe all")
    await in_topic(app, telegram, NEWS_TOPIC, OTHER_FORUM).ask("/subscribe all")
    await add_chat(app.bot_data.sessions, -100902, ("stem", None))  # not a forum
    before = {chat: len(telegram.messages_to(chat)) for chat in (FORUM, OTHER_FORUM)}

    await publish(app.bot_data.sessions, STEM_421)
    report = await app.bot_data.sender.deliver(app.bot)
    assert report.messages == 3
    # both of the forum's subscriptions match: one alert, in the earliest one's topic
    [alert] = telegram.messages_to(FORUM)[before[FORUM] :]
    assert alert.text.startswith("🔔") and alert.thread_id == STEM_TOPIC
    [other] = telegram.messages_to(OTHER_FORUM)[before[OTHER_FORUM] :]
    assert other.thread_id == NEWS_TOPIC
    [plain] = telegram.messages_to(-100902)
    assert plain.thread_id is None and "message_thread_id" not in plain.params


async def test_an_alert_for_a_deleted_topic_goes_to_the_general_topic(
    app: Application, telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    await in_topic(app, telegram, STEM_TOPIC).ask("/subscribe stem")
    telegram.missing_threads.add((FORUM, STEM_TOPIC))
    before = len(telegram.messages_to(FORUM))

    await publish(app.bot_data.sessions, STEM_421)
    report = await app.bot_data.sender.deliver(app.bot)
    assert (report.sent, report.failed) == (1, 0)
    [alert] = telegram.messages_to(FORUM)[before:]
    assert alert.text.startswith("🔔") and alert.thread_id is None
    assert "topic 7 is gone" in caplog.text
    assert await topics(app, FORUM) == {"stem": None}  # its next alerts go there directly
    async with app.bot_data.sessions() as session:
        assert (await session.scalars(select(Delivery.status))).all() == ["sent"]

"""Commands as users send them: the real Application over HTTP to the fake Bot API."""

from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from db.chats import MAX_SUBSCRIPTIONS_PER_CHAT
from db.draws import latest_draws
from tests.conftest import Chat, eventually, running, settings_for
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram


@pytest.fixture
async def app(
    telegram: FakeTelegram, database: str, source: FakeSource
) -> AsyncIterator[Application]:
    """The bot, after its first poll stored the official snapshot."""
    async with running(settings_for(telegram, database, source.url)) as application:
        yield application


@pytest.fixture
async def user(app: Application, telegram: FakeTelegram) -> Chat:
    async def stored() -> bool:
        async with app.bot_data.sessions() as session:
            return bool(await latest_draws(session))

    await eventually(stored, "the first poll, run as the bot starts")
    return Chat(telegram, 1001)


async def test_commands_are_registered(app: Application, telegram: FakeTelegram) -> None:
    telegram.wait_for_call("setMyCommands", timeout=5)
    assert telegram.commands is not None
    assert {command["command"] for command in telegram.commands} == {
        "start", "help", "subscribe", "unsubscribe", "subscriptions", "latest", "categories",
    }  # fmt: skip


async def test_start_and_help_explain_with_examples(user: Chat) -> None:
    for command in ("/start", "/help"):
        text = await user.ask(command)
        assert "/subscribe stem 490" in text
        assert "/latest" in text


async def test_subscribe_says_in_words_what_it_will_deliver(user: Chat) -> None:
    assert await user.ask("/subscribe stem 490") == (
        "Subscribed: you will get STEM occupations draws and all-program draws "
        "with a cut-off of 490 or lower."
    )
    replaced = await user.ask("/subscribe STEM 500")
    assert "with a cut-off of 500 or lower" in replaced
    assert (
        "replaces your earlier STEM occupations draws and all-program draws with a cut-off of 490"
        in replaced
    )
    assert await user.ask("/subscribe 480") == (
        "Subscribed: you will get every draw with a cut-off of 480 or lower."
    )
    assert "every draw, whatever the cut-off" in await user.ask("/subscribe all")
    listing = await user.ask("/subscriptions")
    assert "<code>stem 500</code>" in listing
    assert "<code>all</code>" in listing
    assert "480" not in listing  # "all" was replaced as well


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("/subscribe", "Usage: <code>/subscribe &lt;category&gt; [score]</code>"),
        ("/subscribe stemm 490", "Did you mean <code>stem</code>?"),
        ("/subscribe stem 2000", "“2000” is not a CRS score: give a whole number from 0 to 1200."),
        ("/subscribe stem abc", "I don't know the category “stem abc”"),
        ("/unsubscribe", "Usage: <code>/unsubscribe"),
        ("/latest nowhere", "I don't know the category “nowhere”"),
    ],
)
async def test_bad_input_gets_a_clear_answer_and_changes_nothing(
    user: Chat, command: str, reply: str
) -> None:
    assert reply in await user.ask(command)
    assert "no subscriptions" in await user.ask("/subscriptions")


async def test_a_chat_cannot_hold_more_than_the_cap(user: Chat) -> None:
    keys = ["stem", "cec", "fsw", "fst", "pnp", "french", "healthcare", "trade", "transport",
            "agriculture", "education", "physicians"]  # fmt: skip
    for key in keys[:MAX_SUBSCRIPTIONS_PER_CHAT]:
        assert (await user.ask(f"/subscribe {key}")).startswith("Subscribed")
    refused = await user.ask(f"/subscribe {keys[MAX_SUBSCRIPTIONS_PER_CHAT]}")
    assert f"already has {MAX_SUBSCRIPTIONS_PER_CHAT} subscriptions" in refused
    assert (await user.ask("/subscribe stem 470")).startswith("Subscribed")  # replacing is fine


async def test_unsubscribe(user: Chat) -> None:
    await user.ask("/subscribe stem 490")
    await user.ask("/subscribe healthcare")
    assert await user.ask("/unsubscribe health") == "Unsubscribed from <code>healthcare</code>."
    assert "not subscribed to <code>cec</code>" in await user.ask("/unsubscribe cec")
    assert await user.ask("/unsubscribe all") == "Removed 1 subscription."
    assert "no subscriptions" in await user.ask("/subscriptions")


async def test_latest_shows_the_change_against_the_previous_draw_of_its_category(
    user: Chat,
) -> None:
    newest = await user.ask("/latest")
    assert "#420 · Canadian Experience Class</b> · June 23, 2026" in newest
    assert "Invitations: <b>4,000</b>" in newest
    assert "CRS cut-off: <b>516</b> (▼ 2 from 518 in #417 on May 27, 2026)" in newest
    assert "Tie-break: April 14, 2026 at 00:03:10 UTC" in newest
    stem = await user.ask("/latest stem")
    assert "#293 · STEM occupations</b> · April 11, 2024" in stem
    assert "(▲ 10 from 481 in #274 on December 8, 2023)" in stem


async def test_categories_list_keys_names_and_latest_draws(user: Chat) -> None:
    text = await user.ask("/categories")
    assert (
        "<code>stem</code>: STEM occupations\n    latest #293 on April 11, 2024, cut-off 491"
        in text
    )
    assert "<code>healthcare</code>: Healthcare and Social Services Occupations" in text
    assert "<code>general</code>: All programs (IRCC: “General”)" in text
    assert "<code>all</code>: every draw" in text
    assert "No draws stored yet" not in text


async def test_groups_address_the_bot_by_name(user: Chat, telegram: FakeTelegram) -> None:
    group = Chat(telegram, -100123, "supergroup")
    assert "#420" in await group.ask("/latest@ee_drawbot_test")
    assert (await group.ask("/subscribe@ee_drawbot_test all")).startswith("Subscribed")
    telegram.send_command(-100123, "/latest@some_other_bot", chat_type="supergroup")
    assert "#420" in await group.ask("/latest")  # the other bot's command got no answer
    assert len(telegram.messages_to(-100123)) == 3

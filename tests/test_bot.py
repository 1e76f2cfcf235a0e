"""Commands as users send them, handed to the real Application's process_update; its
replies go over HTTP to the fake Bot API."""

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from db.chats import MAX_SUBSCRIPTIONS_PER_CHAT
from tests.conftest import Chat, table_rows
from tests.fakes.telegram import FakeTelegram


async def test_commands_are_registered(app: Application, telegram: FakeTelegram) -> None:
    telegram.wait_for_call("setMyCommands", timeout=5)
    assert telegram.commands is not None
    assert {command["command"] for command in telegram.commands} == {
        "start", "help", "subscribe", "unsubscribe", "subscriptions", "latest", "categories",
        "history", "rank", "chart", "share", "language", "timezone", "provinces", "times",
    }  # fmt: skip  # and "app" where the Mini App is served (tests/test_webapp_chat.py)


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
        ("/subscribe a b c d e f g h i", "Usage: <code>/subscribe &lt;category&gt; [score]</code>"),
        ("/subscribe stemm 490", "Did you mean <code>stem</code>?"),
        ("/subscribe stem 2000", "“2000” is not a CRS score: give a whole number from 0 to 1200."),
        ("/subscribe stem abc", "I don't know the category “stem abc”"),
        ("/unsubscribe", "Usage: <code>/unsubscribe"),
        ("/latest nowhere", "I don't know the category “nowhere”"),
    ],
)
async def test_bad_input_gets_a_clear_answer_and_changes_nothing(
    user: Chat, sessions: async_sessionmaker[AsyncSession], command: str, reply: str
) -> None:
    before = await table_rows(sessions)
    assert reply in await user.ask(command)
    assert "no subscriptions" in await user.ask("/subscriptions")
    assert await table_rows(sessions) == before


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
    assert (
        "<code>healthcare</code>: Healthcare and social services "
        "(IRCC: “Healthcare and Social Services Occupations”)"
    ) in text
    assert "<code>cec</code>: Canadian Experience Class\n" in text  # IRCC's name is ours
    assert "<code>general</code>: All programs (IRCC: “General”)" in text
    assert "<code>all</code>: every draw" in text
    assert "No draws stored yet" not in text


async def test_groups_address_the_bot_by_name(app: Application, telegram: FakeTelegram) -> None:
    group = Chat(telegram, -100123, "supergroup", application=app)
    assert "#420" in await group.ask("/latest@ee_drawbot_test")
    assert (await group.ask("/subscribe@ee_drawbot_test all")).startswith("Subscribed")
    await group.send("/latest@some_other_bot")
    assert len(telegram.messages_to(-100123)) == 2  # handled: the other bot's, not answered
    assert "#420" in await group.ask("/latest")
    assert len(telegram.messages_to(-100123)) == 3


async def test_a_command_that_fails_gets_an_apology_and_the_bot_carries_on(
    user: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(text("DROP TABLE subscriptions"))
    assert await user.ask("/subscriptions") == (
        "Sorry, something went wrong on my side. Please try again later."
    )
    assert "/subscribe stem 490" in await user.ask("/help")


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (
            "/lates",
            "I don't know the command /lates. Did you mean /latest? /help lists what I can do.",
        ),
        ("/subscibe stem 490", "I don't know the command /subscibe. Did you mean /subscribe?"),
        ("/xyzzy", "I don't know the command /xyzzy. /help lists what I can do."),
        ("/<b>x</b>", "I don't know the command /&lt;b&gt;x&lt;/b&gt;."),
    ],
)
async def test_an_unknown_command_is_answered_with_the_closest_one(
    user: Chat, command: str, says: str
) -> None:
    assert says in await user.ask(command)

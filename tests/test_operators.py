"""What only the operators get: /status in their chats' menu, and unexpected errors told
to them at most once a minute (with how many more there were)."""

from collections.abc import AsyncIterator

import pytest
from telegram.error import NetworkError
from telegram.ext import Application

from bot import messages
from bot.chat.errors import ErrorReports
from db import draws
from db.chats import choose
from tests.conftest import Chat, eventually, ready, running, settings_for
from tests.fakes.telegram import FakeTelegram

OPERATOR, UNREACHABLE = 9001, 9002


@pytest.fixture
async def app(telegram: FakeTelegram, database: str) -> AsyncIterator[Application]:
    telegram.missing_chats.add(UNREACHABLE)
    settings = settings_for(telegram, database, admin_chat_ids=[OPERATOR, UNREACHABLE])
    async with ready(settings) as application:
        yield application


def commands(menu: list[dict[str, str]] | None) -> set[str]:
    return {command["command"] for command in menu or []}


async def test_status_is_in_the_menu_of_operators_chats_only(
    app: Application, telegram: FakeTelegram
) -> None:
    everyone = commands(telegram.commands)
    assert "status" not in everyone and "subscribe" in everyone
    assert commands(telegram.chat_commands[OPERATOR, ""]) == everyone | {"status"}
    in_french = commands(telegram.chat_commands[OPERATOR, "fr"])
    assert in_french == commands(telegram.menus["fr", "default"]) | {"status"}
    assert telegram.chat_commands[OPERATOR, "fr"] != telegram.chat_commands[OPERATOR, ""]
    reached = {chat for chat, _language in telegram.chat_commands}
    assert UNREACHABLE not in reached  # logged; the bot started all the same


@pytest.mark.usefixtures("in_english")  # renders expected texts itself
async def test_an_unexpected_error_is_told_to_the_operators_once_a_minute(
    app: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_args: object) -> None:
        raise RuntimeError("disk <full>")

    monkeypatch.setattr(draws, "category_overview", broken)
    user = Chat(telegram, 1001, application=app)
    assert await user.ask("/categories") == messages.FAILED()  # the user hears of it too
    [told] = telegram.messages_to(OPERATOR)
    assert told.text == "⚠️ Unexpected error in /categories: RuntimeError: disk &lt;full&gt;"

    for _ in range(2):  # within the minute: counted, not told
        await user.ask("/categories")
    assert len(telegram.messages_to(OPERATOR)) == 1

    errors = app.bot_data.errors
    later = errors.clock() + 61
    errors.clock = lambda: later
    await user.send("/categories@ee_drawbot_test")
    told_again = telegram.messages_to(OPERATOR)[1:]
    assert [message.text for message in told_again] == [
        "⚠️ Unexpected error in /categories: RuntimeError: disk &lt;full&gt;\n"
        "(2 more errors since the last report.)"
    ]


async def test_expected_errors_are_only_logged(
    app: Application,
    telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def unreachable(*_args: object) -> None:
        raise NetworkError("connection reset")

    monkeypatch.setattr(draws, "category_overview", unreachable)
    await Chat(telegram, 1001, application=app).ask("/categories")
    telegram.blocked_chats.add(1002)  # blocked the bot while it answered: Forbidden
    await Chat(telegram, 1002, application=app).send("/help")
    assert telegram.messages_to(OPERATOR) == []
    failures = [r for r in caplog.records if r.getMessage() == "handling update failed"]
    assert [type(r.exc_info[1]).__name__ for r in failures if r.exc_info] == [
        "NetworkError", "Forbidden",
    ]  # fmt: skip


async def test_a_failing_job_is_told_with_its_name(telegram: FakeTelegram, database: str) -> None:
    async def failing(context: object) -> None:
        raise ValueError("no rounds in the answer")

    settings = settings_for(telegram, database, admin_chat_ids=[OPERATOR])
    async with running(settings) as application:
        assert application.job_queue is not None
        application.job_queue.run_once(failing, 0, name="nightly_check")

        async def told() -> bool:
            return bool(telegram.messages_to(OPERATOR))

        await eventually(told, "the operators told of the failing job")
    [message] = telegram.messages_to(OPERATOR)
    assert message.text == (
        "⚠️ Unexpected error in the job nightly_check: ValueError: no rounds in the answer"
    )


@pytest.mark.parametrize(
    ("times", "told"),
    [
        ([0], [0]),
        ([0, 10, 59.9], [0, None, None]),  # within the minute: held back
        ([0, 10, 20, 60], [0, None, None, 2]),  # the next report counts them
        ([0, 60, 120], [0, 0, 0]),  # one a minute: nothing held
        ([0, 30, 61, 90, 200], [0, None, 1, None, 1]),
    ],
)
def test_one_report_a_minute_with_how_many_were_held_back(
    times: list[float], told: list[int | None]
) -> None:
    now = iter(times)
    reports = ErrorReports(clock=lambda: next(now))
    assert [reports.tell() for _ in times] == told


@pytest.mark.usefixtures("in_english")  # renders expected texts itself
async def test_an_error_is_told_in_each_operator_chat_s_language_not_the_user_s(
    app: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.bot_data.sessions() as session, session.begin():
        await choose(session, OPERATOR, "private", language="fr")

    async def broken(*_args: object) -> None:
        raise RuntimeError("disk <full>")

    monkeypatch.setattr(draws, "category_overview", broken)
    english_user = Chat(telegram, 1001, application=app, language_code="en")
    assert await english_user.ask("/categories") == messages.FAILED()
    [told] = telegram.messages_to(OPERATOR)
    assert told.text == (
        "⚠️ Erreur inattendue dans /categories\u00a0: RuntimeError: disk &lt;full&gt;"
    )

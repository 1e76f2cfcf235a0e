"""How chats reach the Mini App: the menu button set at start, a button under /start's and
/latest's answers in private chats, and /app; none of it when WEB_APP_URL is not set."""

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram.ext import Application

from tests.conftest import Chat, free_port, ready, settings_for
from tests.fakes.telegram import FakeTelegram, SentMessage
from tests.webapp import APP_URL


@pytest.fixture
async def with_app(
    telegram: FakeTelegram, database: str, history: None
) -> AsyncIterator[Application]:
    settings = settings_for(
        telegram, database, web_app_url=APP_URL, web_app_listen="127.0.0.1",
        web_app_port=free_port(),
    )  # fmt: skip
    async with ready(settings) as application:
        yield application


def web_apps(message: SentMessage) -> list[dict[str, Any]]:
    markup = message.params.get("reply_markup") or {}
    rows = markup.get("inline_keyboard", [])
    return [button["web_app"] for row in rows for button in row if "web_app" in button]


async def test_the_menu_button_opens_the_app(with_app: Application, telegram: FakeTelegram) -> None:
    [(_method, params)] = [call for call in telegram.calls if call[0] == "setChatMenuButton"]
    assert params["menu_button"]["type"] == "web_app"
    assert params["menu_button"]["web_app"] == {"url": APP_URL}


async def test_start_latest_and_app_carry_a_button_that_opens_it(
    with_app: Application, telegram: FakeTelegram
) -> None:
    user = Chat(telegram, 1001, application=with_app)
    for command in ("/start", "/latest", "/app"):
        await user.ask(command)
        assert web_apps(user.last_message()) == [{"url": APP_URL}], command
    assert "/app" in await user.ask("/help")
    assert "app" in {command["command"] for command in telegram.menus["", "default"]}


async def test_in_a_group_app_says_to_open_it_in_private(
    with_app: Application, telegram: FakeTelegram
) -> None:
    group = Chat(telegram, -100500, "supergroup", application=with_app)
    said = await group.ask("/app")
    assert "@ee_drawbot_test" in said
    assert web_apps(group.last_message()) == []
    await group.ask("/latest")
    assert web_apps(group.last_message()) == []


async def test_without_web_app_url_nothing_opens_it(
    app: Application, user: Chat, telegram: FakeTelegram
) -> None:
    for menu in telegram.menus.values():  # not offered in the menu; still answered
        assert "app" not in {command["command"] for command in menu}
    assert "not turned on" in await user.ask("/app")
    await user.ask("/start")
    assert web_apps(user.last_message()) == []

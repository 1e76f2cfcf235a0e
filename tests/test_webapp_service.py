"""`python -m bot` serving the Mini App: on its own port beside long polling, and with
webhooks on one aiohttp server that takes Telegram's updates at /telegram beside the app."""

import json
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import BotProcess, free_port, process_env
from tests.fakes.telegram import FakeTelegram
from tests.webapp import APP_URL, launch_fields, signed

pytestmark = pytest.mark.slow  # each starts `python -m bot`


def _get(url: str, **headers: str) -> httpx.Response:
    """GET, once the server listens (a moment after the process starts)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(url, headers=headers)
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing listened at {url}") from None
            time.sleep(0.1)


def _post(url: str, update: dict[str, object], secret: str) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"}
    return httpx.post(url, content=json.dumps(update), headers=headers).status_code


def test_with_long_polling_the_app_has_its_own_port(
    telegram: FakeTelegram, database: str, tmp_path: Path
) -> None:
    port = free_port()
    env = process_env(
        database, telegram, WEB_APP_URL=APP_URL, WEB_APP_LISTEN="127.0.0.1",
        WEB_APP_PORT=str(port),
    )  # fmt: skip
    with BotProcess(env, tmp_path / "bot.log") as bot:
        bot.start()
        page = _get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "static/app.js" in page.text
        auth = f"tma {signed(launch_fields(), telegram.token)}"
        assert _get(f"http://127.0.0.1:{port}/api/session", Authorization=auth).status_code == 200
        assert _get(f"http://127.0.0.1:{port}/api/session").status_code == 401
        telegram.wait_for_call("getUpdates")  # and it polls for updates as before
        menu = telegram.wait_for_call("setChatMenuButton")
        assert menu["menu_button"]["web_app"]["url"] == APP_URL
        assert bot.signal(signal.SIGTERM) == 0, bot.output()
    assert telegram.token not in bot.output()


def test_with_webhooks_one_server_takes_updates_and_serves_the_app(
    telegram: FakeTelegram, database: str, tmp_path: Path
) -> None:
    port = free_port()
    env = process_env(
        database, telegram, WEBHOOK_URL="https://bot.example.org/", WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port), WEBHOOK_SECRET="s3cret-value", WEB_APP_URL=APP_URL,
        WEB_APP_PORT=str(free_port()),
    )  # fmt: skip
    with BotProcess(env, tmp_path / "web.log") as web:
        web.start()
        hook = telegram.wait_for_call("setWebhook")
        assert hook["url"] == "https://bot.example.org/telegram"
        assert hook["secret_token"] == "s3cret-value"
        base = f"http://127.0.0.1:{port}"
        assert "static/app.js" in _get(f"{base}/").text
        update = {"update_id": 1, "message": {
            "message_id": 1, "date": int(time.time()), "text": "/app",
            "chat": {"id": 77, "type": "private", "first_name": "U"},
            "from": {"id": 77, "is_bot": False, "first_name": "U"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 4}],
        }}  # fmt: skip
        assert _post(f"{base}/telegram", update, "wrong") == 403
        right = _post(f"{base}/telegram", update, "s3cret-value")
        assert right == 200
        [reply] = telegram.wait_for_messages(1, chat_id=77)
        assert reply.params["reply_markup"]["inline_keyboard"][0][0]["web_app"]["url"] == APP_URL
        assert "getUpdates" not in {name for name, _params in telegram.calls}
        assert web.signal(signal.SIGTERM) == 0, web.output()
    output = web.output()
    assert "s3cret-value" not in output and telegram.token not in output

"""The service as a process: a second instance on the same token, and webhook mode."""

import json
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import BotProcess, free_port, process_env, run_bot
from tests.fakes.telegram import FakeTelegram

pytestmark = pytest.mark.slow  # each starts `python -m bot`


def test_a_second_instance_on_the_same_token_says_so_and_exits_non_zero(
    telegram: FakeTelegram, database: str
) -> None:
    telegram.fail_next(
        "getUpdates", 409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running",
    )  # fmt: skip
    result = run_bot(process_env(database, telegram))
    assert result.returncode == 3
    assert "another process is getting this bot's updates" in result.stderr
    assert telegram.token not in result.stderr


def test_webhook_mode_checks_the_secret_and_answers_commands(
    telegram: FakeTelegram, database: str, tmp_path: Path
) -> None:
    port = free_port()
    env = process_env(
        database, telegram, WEBHOOK_URL="https://bot.example.org/", WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port), WEBHOOK_SECRET="s3cret-value",
    )  # fmt: skip
    with BotProcess(env, tmp_path / "web.log") as web:
        web.start()
        hook = telegram.wait_for_call("setWebhook")
        assert hook["url"] == "https://bot.example.org/telegram"
        assert hook["secret_token"] == "s3cret-value"
        update = {"update_id": 1, "message": {
            "message_id": 1, "date": int(time.time()), "text": "/help",
            "chat": {"id": 77, "type": "private", "first_name": "U"},
            "from": {"id": 77, "is_bot": False, "first_name": "U"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        }}  # fmt: skip
        url = f"http://127.0.0.1:{port}/telegram"
        refused = _post(url, update, "wrong")
        assert refused == 403
        assert _post(url, update, "s3cret-value") == 200
        [reply] = telegram.wait_for_messages(1, chat_id=77)
        assert "/subscribe stem 490" in reply.text
        assert web.signal(signal.SIGTERM) == 0
    output = web.output()
    assert "s3cret-value" not in output and telegram.token not in output


def _post(url: str, update: dict[str, object], secret: str) -> int:
    deadline = time.monotonic() + 30
    while True:  # the server starts listening a moment after setWebhook
        try:
            response = httpx.post(
                url, content=json.dumps(update),
                headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                         "Content-Type": "application/json"},
            )  # fmt: skip
        except httpx.ConnectError:
            if time.monotonic() > deadline:
                raise AssertionError("the webhook server never listened") from None
            time.sleep(0.1)
            continue
        return response.status_code


async def test_a_worker_beside_a_webhook_server_takes_no_updates_and_stops_cleanly(
    telegram: FakeTelegram, database: str, tmp_path: Path
) -> None:
    env = process_env(database, telegram, WEBHOOK_URL="https://bot.example.org/")
    with BotProcess(env, tmp_path / "worker.log", "worker") as worker:
        worker.start()
        await worker.says("leads")  # started, and its jobs have run
        assert worker.signal(signal.SIGTERM) == 0, worker.output()
    output = worker.output()
    assert "the jobs only" in output and "leads" in output
    called = {name for name, _params in telegram.calls}  # all it called in its life
    assert "setMyCommands" in called
    assert not called & {"getUpdates", "setWebhook", "deleteWebhook"}

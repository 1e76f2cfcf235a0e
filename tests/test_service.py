"""The service as a process: a second instance on the same token, and webhook mode."""

import json
import signal
import subprocess
import sys
import time

import httpx

from tests.conftest import free_port, process_env
from tests.fakes.telegram import FakeTelegram


def test_a_second_instance_on_the_same_token_says_so_and_exits_non_zero(
    telegram: FakeTelegram, database: str
) -> None:
    telegram.fail_next(
        "getUpdates", 409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot "
        "instance is running",
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "bot"], env=process_env(database, telegram),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 3
    assert "another process is getting this bot's updates" in result.stderr
    assert telegram.token not in result.stderr


def test_webhook_mode_checks_the_secret_and_answers_commands(
    telegram: FakeTelegram, database: str
) -> None:
    port = free_port()
    env = process_env(
        database, telegram, WEBHOOK_URL="https://bot.example.org/", WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(port), WEBHOOK_SECRET="s3cret-value",
    )  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "bot"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        hook = telegram.wait_for_call("setWebhook", timeout=30)
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
        [reply] = telegram.wait_for_messages(1, chat_id=77, timeout=20)
        assert "/subscribe stem 490" in reply.text
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert process.returncode == 0
    assert "s3cret-value" not in output and telegram.token not in output


def _post(url: str, update: dict[str, object], secret: str) -> int:
    for _ in range(100):  # the server starts listening a moment after setWebhook
        try:
            response = httpx.post(
                url, content=json.dumps(update),
                headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                         "Content-Type": "application/json"},
            )  # fmt: skip
        except httpx.ConnectError:
            time.sleep(0.1)
            continue
        return response.status_code
    raise AssertionError("the webhook server never listened")


def test_a_worker_beside_a_webhook_server_takes_no_updates_and_stops_cleanly(
    telegram: FakeTelegram, database: str
) -> None:
    env = process_env(database, telegram, WEBHOOK_URL="https://bot.example.org/")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "worker"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        telegram.wait_for_call("setMyCommands", timeout=30)  # started: its jobs are scheduled
        time.sleep(2)
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
    assert process.returncode == 0, output
    assert "the jobs only" in output and "leads" in output
    called = {name for name, _params in telegram.calls}
    assert not called & {"getUpdates", "setWebhook", "deleteWebhook"}

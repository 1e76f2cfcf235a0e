"""End to end: the real `python -m bot` process, a loopback rounds feed, a fake Bot API.

Users subscribe, a round appears in the feed, the matching chats get exactly one alert
each and the others none; the process restarts and nothing is sent twice.
"""

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import encode, new_round, process_env
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

POLL_SECONDS = 5


class BotProcess:
    """`python -m bot` with its environment pointing at the fakes; its log kept."""

    def __init__(self, telegram: FakeTelegram, source: FakeSource, workdir: Path) -> None:
        self.log = workdir / "bot.log"
        self.env = process_env(
            f"sqlite+aiosqlite:///{workdir / 'bot.sqlite3'}",
            telegram,
            IRCC_ROUNDS_URL=source.url,
            POLL_INTERVAL_SECONDS=str(POLL_SECONDS),
            POLL_IDLE_INTERVAL_SECONDS=str(POLL_SECONDS),
            SEND_INTERVAL_SECONDS="1",
        )
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot"], cwd=self.workdir, env=self.env,
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def stop(self) -> int:
        """SIGTERM, as Heroku sends; returns the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def output(self) -> str:
        return self.log.read_text()


@pytest.fixture
def bot_process(telegram: FakeTelegram, source: FakeSource, tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(telegram, source, tmp_path)
    yield process
    if process.process and process.process.poll() is None:
        process.process.kill()
        process.process.wait()


def ask(telegram: FakeTelegram, chat_id: int, text: str, chat_type: str = "private") -> str:
    before = len(telegram.messages_to(chat_id))
    telegram.send_command(chat_id, text, chat_type=chat_type)
    return telegram.wait_for_messages(before + 1, chat_id=chat_id, timeout=20)[before].text


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_a_new_round_reaches_exactly_the_matching_chats_once_across_a_restart(
    telegram: FakeTelegram, source: FakeSource, bot_process: BotProcess, snapshot: dict
) -> None:
    bot_process.start()
    wait_until(lambda: "#420" in ask(telegram, 1, "/latest"), 30, "the first poll")
    chats = {
        1: ("/subscribe stem 490", "private"),  # STEM at 486: alerted, 4 above
        2: ("/subscribe stem 480", "private"),  # too low
        3: ("/subscribe healthcare", "private"),  # another category
        -1001: ("/subscribe@ee_drawbot_test all", "supergroup"),  # everything
        5: ("/start", "private"),  # no subscription
    }
    for chat_id, (command, chat_type) in chats.items():
        assert ask(telegram, chat_id, command, chat_type)
    replies = {chat_id: len(telegram.messages_to(chat_id)) for chat_id in chats}

    new_round(snapshot, "421", crs="486", size="1,500", on=datetime.now(UTC).date())
    source.set_body(encode(snapshot))
    telegram.wait_for_messages(replies[1] + 1, chat_id=1, timeout=POLL_SECONDS * 4)
    telegram.wait_for_messages(replies[-1001] + 1, chat_id=-1001, timeout=10)
    requests = len(source.requests)
    wait_until(lambda: len(source.requests) >= requests + 2, POLL_SECONDS * 4, "two more polls")

    def alerts() -> dict[int, list[str]]:
        return {
            chat_id: [m.text for m in telegram.messages_to(chat_id)[replies[chat_id] :]]
            for chat_id in chats
        }

    after_first_run = alerts()
    assert [len(after_first_run[chat_id]) for chat_id in chats] == [1, 0, 0, 1, 0]
    assert "#421 · STEM occupations" in after_first_run[1][0]
    assert "Your 490 is 4 above the cut-off." in after_first_run[1][0]

    assert bot_process.stop() == 0
    requests = len(source.requests)
    bot_process.start()
    wait_until(
        lambda: len(source.requests) >= requests + 2, POLL_SECONDS * 4, "polls after restart"
    )
    assert "#421" in ask(telegram, 6, "/latest")  # a chat outside the ones counted
    assert alerts() == after_first_run  # nothing sent twice
    assert bot_process.stop() == 0
    assert telegram.token not in bot_process.output()
    assert telegram.token.split(":")[1] not in bot_process.output()

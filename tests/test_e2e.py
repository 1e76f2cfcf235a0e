"""End to end: the real `python -m bot` process, a loopback rounds feed, a fake Bot API.

Users subscribe, a round appears in the feed, the matching chats get exactly one alert
each and the others none; the process restarts and nothing is sent twice.
"""

import signal
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BotProcess, Chat, encode, eventually, new_round, polled, process_env
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

POLL_SECONDS = 5


@pytest.fixture
def bot_process(telegram: FakeTelegram, source: FakeSource, tmp_path: Path) -> Iterator[BotProcess]:
    """The service on a database of its own, polling the source every POLL_SECONDS."""
    env = process_env(
        f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        telegram,
        IRCC_ROUNDS_URL=source.url,
        POLL_INTERVAL_SECONDS=str(POLL_SECONDS),
        POLL_IDLE_INTERVAL_SECONDS=str(POLL_SECONDS),
        SEND_INTERVAL_SECONDS="1",
    )
    with BotProcess(env, tmp_path / "bot.log") as process:
        yield process


@pytest.mark.slow
async def test_a_new_round_reaches_exactly_the_matching_chats_once_across_a_restart(
    telegram: FakeTelegram, source: FakeSource, bot_process: BotProcess, snapshot: dict[str, Any]
) -> None:
    bot_process.start()

    async def first_poll() -> bool:
        return "#420" in await Chat(telegram, 1).ask("/latest")

    await eventually(first_poll, "the first poll")
    chats = {
        1: ("/subscribe stem 490", "private"),  # STEM at 486: alerted, 4 above
        2: ("/subscribe stem 480", "private"),  # too low
        3: ("/subscribe healthcare", "private"),  # another category
        -1001: ("/subscribe@ee_drawbot_test all", "supergroup"),  # everything
        5: ("/start", "private"),  # no subscription
    }
    for chat_id, (command, chat_type) in chats.items():
        assert await Chat(telegram, chat_id, chat_type).ask(command)
    replies = {chat_id: len(telegram.messages_to(chat_id)) for chat_id in chats}

    new_round(snapshot, "421", crs="486", size="1,500", on=datetime.now(UTC).date())
    source.set_body(encode(snapshot))
    await telegram.await_messages(replies[1] + 1, chat_id=1, timeout=POLL_SECONDS * 4)
    await telegram.await_messages(replies[-1001] + 1, chat_id=-1001)
    await polled(source, len(source.requests) + 2, POLL_SECONDS * 4)  # two more polls

    def alerts() -> dict[int, list[str]]:
        return {
            chat_id: [m.text for m in telegram.messages_to(chat_id)[replies[chat_id] :]]
            for chat_id in chats
        }

    after_first_run = alerts()
    assert [len(after_first_run[chat_id]) for chat_id in chats] == [1, 0, 0, 1, 0]
    assert "#421 · STEM occupations" in after_first_run[1][0]
    assert "Your 490 is 4 above the cut-off." in after_first_run[1][0]

    assert bot_process.signal(signal.SIGTERM) == 0
    requests = len(source.requests)
    bot_process.start()
    await polled(source, requests + 2, POLL_SECONDS * 4)  # polls after the restart
    assert "#421" in await Chat(telegram, 6).ask("/latest")  # a chat outside the ones counted
    assert alerts() == after_first_run  # nothing sent twice
    assert bot_process.signal(signal.SIGTERM) == 0
    assert telegram.token not in bot_process.output()
    assert telegram.token.split(":")[1] not in bot_process.output()

"""Tests of the fake Telegram Bot API and the fake feed source."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from email.utils import formatdate

import httpx
import pytest
from telegram import Bot, ChatMemberAdministrator, ChatMemberMember, ChatMemberOwner, MessageEntity
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter

from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods; otherwise building RetryAfter warns (an error here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url) as client:
        yield client


@pytest.fixture
def feed() -> Iterator[FakeSource]:
    with FakeSource(b'{"rounds": []}') as server:
        yield server


def api_url(fake: FakeTelegram, method: str) -> str:
    """The URL of a Bot API method on the fake."""
    return f"{fake.base_url}{fake.token}/{method}"


async def test_get_me_reports_configured_bot(fake: FakeTelegram, bot: Bot) -> None:
    assert bot.username == "ee_drawbot_test"
    assert bot.id == 123456
    assert fake.calls[0][0] == "getMe"


async def test_send_message_records_html(fake: FakeTelegram, bot: Bot) -> None:
    message = await bot.send_message(42, "<b>Round</b> &amp; CRS 491", parse_mode=ParseMode.HTML)
    assert message.chat.id == 42
    assert message.text == "Round & CRS 491"
    [sent] = fake.messages_to(42)
    assert (sent.text, sent.parse_mode) == ("<b>Round</b> &amp; CRS 491", "HTML")
    assert sent.params["chat_id"] == 42


async def test_string_values_stay_strings(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "42")
    assert fake.sent[0].text == "42"


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed",
        "a < b",
        "AT&T",
        "&nbsp;",
        "<b><i>x</b></i>",
        "<div>x</div>",
        "<span>x</span>",
        "<a>no href</a>",
        "</b>",
    ],
)
async def test_broken_html_is_rejected(fake: FakeTelegram, bot: Bot, text: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(1, text, parse_mode=ParseMode.HTML)
    assert fake.sent == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('<a href="https://x.test/?a=1&amp;b=2">link</a>', "link"),
        ('<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>', "st"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("5 &gt; 3 &#8212; &#x41;&quot;", '5 > 3 \u2014 A"'),
        ("<blockquote expandable>q</blockquote><STRONG>w</STRONG>", "qw"),
    ],
)
async def test_valid_html_is_accepted(bot: Bot, text: str, shown: str) -> None:
    message = await bot.send_message(1, text, parse_mode=ParseMode.HTML)
    assert message.text == shown


async def test_plain_text_is_not_parsed(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "a < b & <c>")
    assert fake.sent[0].parse_mode is None


async def test_length_and_emptiness_limits(fake: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(1, "<b></b>", parse_mode=ParseMode.HTML)
    assert len(fake.sent) == 1


async def test_unreachable_chats_raise(fake: FakeTelegram, bot: Bot) -> None:
    fake.blocked_chats.add(1)
    fake.migrated_chats[-2] = -1002
    fake.missing_chats.add(3)
    with pytest.raises(Forbidden, match=r"(?i)blocked by the user"):
        await bot.send_message(1, "hi")
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-2, "hi")
    assert migrated.value.new_chat_id == -1002
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(3, "hi")
    assert fake.sent == []
    assert [name for name, _ in fake.calls[1:]] == ["sendMessage"] * 3


async def test_fail_next_retry_after(fake: FakeTelegram, bot: Bot) -> None:
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 5", retry_after=5)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(1, "hi")
    assert raised.value.retry_after == timedelta(seconds=5)
    await bot.send_message(1, "hi")
    assert len(fake.sent) == 1


async def test_rate_limit_answers_429(fake: FakeTelegram, bot: Bot) -> None:
    fake.rate_limit_per_second = 2
    await bot.send_message(1, "one")
    await bot.send_message(2, "two")
    with pytest.raises(RetryAfter):
        await bot.send_message(3, "three")
    assert fake.too_many_requests == 1
    assert [message.text for message in fake.sent] == ["one", "two"]


async def test_get_updates_returns_queued_command(fake: FakeTelegram, bot: Bot) -> None:
    update_id = fake.send_command(7, "/subscribe@ee_drawbot_test express_entry")
    [update] = await bot.get_updates(timeout=0)
    assert update.update_id == update_id
    assert update.message is not None and update.message.from_user is not None
    assert update.message.text == "/subscribe@ee_drawbot_test express_entry"
    assert (update.message.chat.type, update.message.from_user.id) == ("private", 7)
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == (MessageEntity.BOT_COMMAND, 0, 26)
    assert await bot.get_updates(offset=update_id + 1, timeout=0) == ()


async def test_group_command_has_title_and_sender(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_command(-100, "/start", chat_type="supergroup", user_id=9, title="Draw watchers")
    [update] = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.from_user is not None
    assert (update.message.chat.type, update.message.chat.title) == ("supergroup", "Draw watchers")
    assert update.message.from_user.id == 9
    [owner] = await bot.get_chat_administrators(-100)
    assert isinstance(owner, ChatMemberOwner) and owner.user.id == 9


async def test_long_poll_wakes_on_new_update(fake: FakeTelegram, bot: Bot) -> None:
    asyncio.get_running_loop().call_later(0.1, fake.send_command, 5, "/help")
    started = time.monotonic()
    updates = await bot.get_updates(timeout=5)
    assert len(updates) == 1
    assert time.monotonic() - started < 1.5


def test_stop_ends_a_pending_long_poll() -> None:
    fake = FakeTelegram()
    fake.start()
    results: list[httpx.Response] = []
    url = api_url(fake, "getUpdates")
    poller = threading.Thread(target=lambda: results.append(httpx.post(url, data={"timeout": 2})))
    poller.start()
    fake.wait_for_call("getUpdates", timeout=2)
    started = time.monotonic()
    fake.stop()
    poller.join(timeout=2)
    assert time.monotonic() - started < 0.5
    assert results[0].json() == {"ok": True, "result": []}


async def test_drop_pending_updates(fake: FakeTelegram, bot: Bot) -> None:
    fake.send_command(1, "/start")
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == ()


async def test_commands_and_chat_members(fake: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([("start", "Subscribe to draw alerts")])
    assert fake.wait_for_call("setMyCommands")["commands"] == fake.commands
    assert fake.commands == [{"command": "start", "description": "Subscribe to draw alerts"}]
    assert [command.command for command in await bot.get_my_commands()] == ["start"]
    fake.non_admins.add(8)
    assert isinstance(await bot.get_chat_member(-100, 7), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(-100, 8), ChatMemberMember)


async def test_wrong_token_is_rejected(fake: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=fake.base_url):
            pass


def test_raw_http_variants(fake: FakeTelegram) -> None:
    sent = httpx.post(api_url(fake, "SENDMESSAGE"), json={"chat_id": 3, "text": "hi"})
    assert sent.json()["result"]["chat"] == {"id": 3, "type": "private", "first_name": "User3"}
    assert httpx.get(api_url(fake, "getme")).json()["result"]["username"] == "ee_drawbot_test"
    missing = httpx.post(api_url(fake, "sendSticker"), data={"chat_id": 3})
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert [name for name, _ in fake.calls] == ["sendMessage", "getMe", "sendSticker"]


def test_wait_for_messages(fake: FakeTelegram) -> None:
    url = api_url(fake, "sendMessage")
    threading.Timer(0.05, lambda: httpx.post(url, data={"chat_id": 4, "text": "late"})).start()
    [message] = fake.wait_for_messages(1, chat_id=4, timeout=5)
    assert message.text == "late"
    with pytest.raises(AssertionError, match="late"):
        fake.wait_for_messages(2, timeout=0.05)


async def test_await_messages(fake: FakeTelegram, bot: Bot) -> None:
    waiting = asyncio.create_task(fake.await_messages(2, chat_id=6, timeout=5))
    await bot.send_message(6, "first")
    await bot.send_message(6, "second")
    assert [message.text for message in await waiting] == ["first", "second"]
    with pytest.raises(AssertionError, match="expected 1 message"):
        await fake.await_messages(1, chat_id=99, timeout=0.05)


def test_source_revalidates_with_etag(feed: FakeSource) -> None:
    first = httpx.get(feed.url)
    assert (first.status_code, first.content) == (200, b'{"rounds": []}')
    assert first.headers["content-type"] == "application/json"
    second = httpx.get(feed.url, headers={"If-None-Match": first.headers["etag"]})
    assert (second.status_code, second.content) == (304, b"")
    assert [record.status for record in feed.requests] == [200, 304]
    assert feed.requests[1].headers["if-none-match"] == first.headers["etag"]


def test_source_set_body_changes_validators(feed: FakeSource) -> None:
    first = httpx.get(feed.url)
    feed.set_body(b"<rss/>", "application/rss+xml")
    second = httpx.get(feed.url, headers={"If-None-Match": first.headers["etag"]})
    assert (second.status_code, second.content) == (200, b"<rss/>")
    assert second.headers["etag"] != first.headers["etag"]
    assert second.headers["last-modified"] != first.headers["last-modified"]
    assert second.headers["content-type"] == "application/rss+xml"


def test_source_revalidates_with_last_modified(feed: FakeSource) -> None:
    feed.etag_enabled = False
    stamp = httpx.get(feed.url).headers["last-modified"]
    assert httpx.get(feed.url, headers={"If-Modified-Since": stamp}).status_code == 304
    older = formatdate(time.time() - 3600, usegmt=True)
    assert httpx.get(feed.url, headers={"If-Modified-Since": older}).status_code == 200


def test_source_failures_404_and_delay(feed: FakeSource) -> None:
    feed.fail_next(500, b"boom")
    failed = httpx.get(feed.url)
    assert (failed.status_code, failed.content) == (500, b"boom")
    assert httpx.get(feed.url).status_code == 200
    assert httpx.get(feed.url.replace("/feed", "/other")).status_code == 404
    feed.delay_seconds = 0.3
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(feed.url, timeout=0.05)

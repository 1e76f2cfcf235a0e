"""Tests of the fake Telegram Bot API and the fake feed source."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email.utils import formatdate

import httpx
import pytest
from telegram import Bot, ChatMemberAdministrator, ChatMemberMember, ChatMemberOwner, MessageEntity
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter

from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram


@pytest.fixture
def rounds_source() -> Iterator[FakeSource]:
    """The fake source serving an empty rounds document (not conftest's news feed)."""
    with FakeSource(b'{"rounds": []}') as server:
        yield server


def api_url(telegram: FakeTelegram, method: str) -> str:
    """The URL of a Bot API method on the fake."""
    return f"{telegram.base_url}{telegram.token}/{method}"


async def test_get_me_reports_configured_bot(telegram: FakeTelegram, bot: Bot) -> None:
    assert bot.username == "ee_drawbot_test"
    assert bot.id == 123456
    assert telegram.calls[0][0] == "getMe"


async def test_send_message_records_html(telegram: FakeTelegram, bot: Bot) -> None:
    message = await bot.send_message(42, "<b>Round</b> &amp; CRS 491", parse_mode=ParseMode.HTML)
    assert message.chat.id == 42
    assert message.text == "Round & CRS 491"
    [sent] = telegram.messages_to(42)
    assert (sent.text, sent.parse_mode) == ("<b>Round</b> &amp; CRS 491", "HTML")
    assert sent.params["chat_id"] == 42


async def test_string_values_stay_strings(telegram: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "42")
    assert telegram.sent[0].text == "42"


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
async def test_broken_html_is_rejected(telegram: FakeTelegram, bot: Bot, text: str) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(1, text, parse_mode=ParseMode.HTML)
    assert telegram.sent == []


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


async def test_plain_text_is_not_parsed(telegram: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "a < b & <c>", parse_mode=None)
    assert telegram.sent[0].parse_mode is None


async def test_length_and_emptiness_limits(telegram: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(1, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(1, "<b></b>", parse_mode=ParseMode.HTML)
    assert len(telegram.sent) == 1


async def test_unreachable_chats_raise(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.blocked_chats.add(1)
    telegram.migrated_chats[-2] = -1002
    telegram.missing_chats.add(3)
    with pytest.raises(Forbidden, match=r"(?i)blocked by the user"):
        await bot.send_message(1, "hi")
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-2, "hi")
    assert migrated.value.new_chat_id == -1002
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(3, "hi")
    assert telegram.sent == []
    assert [name for name, _ in telegram.calls[1:]] == ["sendMessage"] * 3


async def test_fail_next_retry_after(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 5", retry_after=5)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(1, "hi")
    assert raised.value.retry_after == timedelta(seconds=5)
    await bot.send_message(1, "hi")
    assert len(telegram.sent) == 1


async def test_answers_are_recorded_in_order_with_their_status_and_time(
    telegram: FakeTelegram, bot: Bot
) -> None:
    telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    with pytest.raises(RetryAfter):
        await bot.send_message(1, "refused")
    await bot.send_message(1, "sent")
    assert [(a.method, a.status) for a in telegram.answers] == [
        ("getMe", 200), ("sendMessage", 429), ("sendMessage", 200),
    ]  # fmt: skip
    times = [answer.at for answer in telegram.answers]
    assert times == sorted(times)
    assert telegram.answers[1].at <= telegram.sent[0].at <= telegram.answers[2].at


async def test_calls_delayed_by_the_round_trip_are_answered_concurrently(
    telegram: FakeTelegram, bot: Bot
) -> None:
    telegram.round_trip_seconds = 0.4
    await asyncio.gather(*(bot.send_message(chat_id, "hi") for chat_id in range(1, 6)))
    answers = [answer for answer in telegram.answers if answer.method == "sendMessage"]
    assert len(telegram.sent) == len(answers) == 5
    assert (telegram.most_in_flight, telegram.in_flight) == (5, 0)
    # every request was handled before the first answer left: they were in flight together
    assert max(message.at for message in telegram.sent) < min(answer.at for answer in answers)
    # and each answer left half a round trip after its request was handled
    for message, answer in zip(telegram.sent, sorted(answers, key=lambda a: a.at), strict=True):
        assert answer.at - message.at >= 0.2


async def test_an_update_handed_over_directly_is_numbered_and_its_chat_remembered(
    telegram: FakeTelegram, bot: Bot
) -> None:
    first = telegram.received(telegram.command(-100, "/start", chat_type="supergroup", title="T"))
    second = telegram.received(telegram.membership(-100, "member", "left"))
    assert (first["update_id"], second["update_id"]) == (1, 2)
    assert second["my_chat_member"]["new_chat_member"]["status"] == "left"
    assert await bot.get_updates(timeout=0) == ()  # not queued for getUpdates
    message = await bot.send_message(-100, "hi")
    assert (message.chat.type, message.chat.title) == ("supergroup", "T")


async def test_rate_limit_answers_429(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.rate_limit_per_second = 2
    await bot.send_message(1, "one")
    await bot.send_message(2, "two")
    with pytest.raises(RetryAfter):
        await bot.send_message(3, "three")
    assert telegram.too_many_requests == 1
    assert [message.text for message in telegram.sent] == ["one", "two"]


async def test_get_updates_returns_queued_command(telegram: FakeTelegram, bot: Bot) -> None:
    update_id = telegram.send_command(7, "/subscribe@ee_drawbot_test express_entry")
    [update] = await bot.get_updates(timeout=0)
    assert update.update_id == update_id
    assert update.message is not None and update.message.from_user is not None
    assert update.message.text == "/subscribe@ee_drawbot_test express_entry"
    assert (update.message.chat.type, update.message.from_user.id) == ("private", 7)
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == (MessageEntity.BOT_COMMAND, 0, 26)
    assert await bot.get_updates(offset=update_id + 1, timeout=0) == ()


async def test_group_command_has_title_and_sender(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.send_command(-100, "/start", chat_type="supergroup", user_id=9, title="Draw watchers")
    [update] = await bot.get_updates(timeout=0)
    assert update.message is not None and update.message.from_user is not None
    assert (update.message.chat.type, update.message.chat.title) == ("supergroup", "Draw watchers")
    assert update.message.from_user.id == 9
    [owner] = await bot.get_chat_administrators(-100)
    assert isinstance(owner, ChatMemberOwner) and owner.user.id == 9


async def test_long_poll_wakes_on_new_update(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.max_poll_seconds = 60  # long enough that only an update can end the poll
    polling = asyncio.create_task(bot.get_updates(timeout=60))
    await asyncio.to_thread(telegram.wait_for_call, "getUpdates")
    telegram.send_command(5, "/help")
    updates = await polling
    assert len(updates) == 1
    assert telegram.long_polls == ["update"]  # ended by the update, not by its timeout


def test_stop_ends_a_pending_long_poll() -> None:
    telegram = FakeTelegram()
    telegram.max_poll_seconds = 60
    telegram.start()
    results: list[httpx.Response] = []
    url = api_url(telegram, "getUpdates")
    poller = threading.Thread(
        target=lambda: results.append(httpx.post(url, data={"timeout": 60}, timeout=90))
    )
    poller.start()
    telegram.wait_for_call("getUpdates")
    telegram.stop()
    poller.join()
    assert telegram.long_polls == ["stop"]  # ended by stop, not by its timeout
    assert results[0].json() == {"ok": True, "result": []}


async def test_drop_pending_updates(telegram: FakeTelegram, bot: Bot) -> None:
    telegram.send_command(1, "/start")
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == ()


async def test_commands_and_chat_members(telegram: FakeTelegram, bot: Bot) -> None:
    await bot.set_my_commands([("start", "Subscribe to draw alerts")])
    assert telegram.wait_for_call("setMyCommands")["commands"] == telegram.commands
    assert telegram.commands == [{"command": "start", "description": "Subscribe to draw alerts"}]
    assert [command.command for command in await bot.get_my_commands()] == ["start"]
    telegram.non_admins.add(8)
    assert isinstance(await bot.get_chat_member(-100, 7), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(-100, 8), ChatMemberMember)


async def test_wrong_token_is_rejected(telegram: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=telegram.base_url):
            pass


def test_raw_http_variants(telegram: FakeTelegram) -> None:
    sent = httpx.post(api_url(telegram, "SENDMESSAGE"), json={"chat_id": 3, "text": "hi"})
    assert sent.json()["result"]["chat"] == {"id": 3, "type": "private", "first_name": "User3"}
    assert httpx.get(api_url(telegram, "getme")).json()["result"]["username"] == "ee_drawbot_test"
    missing = httpx.post(api_url(telegram, "sendSticker"), data={"chat_id": 3})
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert [name for name, _ in telegram.calls] == ["sendMessage", "getMe", "sendSticker"]


def test_wait_for_messages(telegram: FakeTelegram) -> None:
    url = api_url(telegram, "sendMessage")
    threading.Timer(0.05, lambda: httpx.post(url, data={"chat_id": 4, "text": "late"})).start()
    [message] = telegram.wait_for_messages(1, chat_id=4, timeout=5)
    assert message.text == "late"
    with pytest.raises(AssertionError, match="late"):
        telegram.wait_for_messages(2, timeout=0.05)


async def test_await_messages(telegram: FakeTelegram, bot: Bot) -> None:
    waiting = asyncio.create_task(telegram.await_messages(2, chat_id=6, timeout=5))
    await bot.send_message(6, "first")
    await bot.send_message(6, "second")
    assert [message.text for message in await waiting] == ["first", "second"]
    with pytest.raises(AssertionError, match="expected 1 message"):
        await telegram.await_messages(1, chat_id=99, timeout=0.05)


def test_source_revalidates_with_etag(rounds_source: FakeSource) -> None:
    first = httpx.get(rounds_source.url)
    assert (first.status_code, first.content) == (200, b'{"rounds": []}')
    assert first.headers["content-type"] == "application/json"
    second = httpx.get(rounds_source.url, headers={"If-None-Match": first.headers["etag"]})
    assert (second.status_code, second.content) == (304, b"")
    assert [record.status for record in rounds_source.requests] == [200, 304]
    assert rounds_source.requests[1].headers["if-none-match"] == first.headers["etag"]


def test_source_set_body_changes_validators(rounds_source: FakeSource) -> None:
    first = httpx.get(rounds_source.url)
    rounds_source.set_body(b"<rss/>", "application/rss+xml")
    second = httpx.get(rounds_source.url, headers={"If-None-Match": first.headers["etag"]})
    assert (second.status_code, second.content) == (200, b"<rss/>")
    assert second.headers["etag"] != first.headers["etag"]
    assert second.headers["last-modified"] != first.headers["last-modified"]
    assert second.headers["content-type"] == "application/rss+xml"


def test_source_revalidates_with_last_modified(rounds_source: FakeSource) -> None:
    rounds_source.etag_enabled = False
    stamp = httpx.get(rounds_source.url).headers["last-modified"]
    assert httpx.get(rounds_source.url, headers={"If-Modified-Since": stamp}).status_code == 304
    older = formatdate(time.time() - 3600, usegmt=True)
    assert httpx.get(rounds_source.url, headers={"If-Modified-Since": older}).status_code == 200


def test_source_failures_404_and_holding(rounds_source: FakeSource) -> None:
    rounds_source.fail_next(500, b"boom")
    failed = httpx.get(rounds_source.url)
    assert (failed.status_code, failed.content) == (500, b"boom")
    assert httpx.get(rounds_source.url).status_code == 200
    assert httpx.get(rounds_source.url.replace("/feed", "/other")).status_code == 404
    rounds_source.hold()
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(rounds_source.url, timeout=0.05)
    rounds_source.release()
    assert httpx.get(rounds_source.url).status_code == 200
    assert [record.status for record in rounds_source.requests] == [500, 200, 404, 200, 200]

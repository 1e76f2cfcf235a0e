"""Polling the official JSON from a loopback server: history, new rounds, 304s, bad documents."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import jobs.poll
from core.notices import SourceGone, SourceMoved
from db.models import Delivery, Draw, SourceState
from jobs.poll import PollReport, poll_official
from jobs.queue import queue_alerts
from jobs.source import PollOutcome
from tests.conftest import MAX_BYTES, add_chat, encode, new_round, table_rows
from tests.fakes.http import FakeSource

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)


async def poll(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    now: datetime = NOW,
) -> PollReport:
    return await poll_official(client, sessions, source.url, max_bytes=MAX_BYTES, now=now)


async def count(sessions: async_sessionmaker[AsyncSession], model: Any) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def subscribe_chats(sessions: async_sessionmaker[AsyncSession]) -> None:
    for chat_id, category, score in [
        (1, "stem", 490),  # STEM at or below 490
        (2, "stem", 480),  # too low for a 486 cut-off
        (3, "healthcare", None),  # another category
        (4, "all", None),  # everything
        (5, "all", 500),  # a score alone
    ]:
        await add_chat(sessions, chat_id, (category, score))


async def test_the_first_poll_stores_history_silently(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> None:
    await subscribe_chats(sessions)
    report = await poll(client, sessions, source)
    assert (report.outcome, report.first_run, len(report.new), report.queued) == (
        PollOutcome.NEW_CONTENT, True, 421, 0,
    )  # fmt: skip
    assert await count(sessions, Delivery) == 0
    async with sessions() as session:
        state = await session.get_one(SourceState, "official")
    assert state.etag == source.etag and state.first_polled_at == NOW


async def test_a_new_round_is_stored_with_one_alert_per_matching_chat(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    await subscribe_chats(sessions)
    await poll(client, sessions, source)
    new_round(snapshot, "421", crs="486", on=date(2026, 7, 2))
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source)
    assert [draw.number for draw in report.new] == ["421"]
    assert report.queued == 3
    async with sessions() as session:
        rows = (await session.execute(select(Delivery.chat_id, Delivery.status))).all()
    assert sorted(rows) == [(1, "pending"), (4, "pending"), (5, "pending")]


async def test_a_new_draw_and_its_alerts_are_stored_together_or_not_at_all(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await subscribe_chats(sessions)
    await poll(client, sessions, source)
    new_round(snapshot, "421", crs="486", on=date(2026, 7, 2))
    source.set_body(encode(snapshot))
    before = await table_rows(sessions)

    async def queue_then_fail(session: AsyncSession, draw: Draw, now: datetime) -> int:
        await queue_alerts(session, draw, now)  # the draw and its outbox rows are written...
        raise OperationalError("INSERT INTO deliveries", {}, ConnectionError("database gone"))

    monkeypatch.setattr(jobs.poll, "queue_alerts", queue_then_fail)
    failed = await poll(client, sessions, source)
    assert (failed.outcome, failed.error) == (PollOutcome.FAILED, "database: OperationalError")
    assert await table_rows(sessions) == before  # ...and rolled back together
    monkeypatch.setattr(jobs.poll, "queue_alerts", queue_alerts)
    report = await poll(client, sessions, source)  # not lost: the next poll finds it new
    assert ([draw.number for draw in report.new], report.queued) == (["421"], 3)


async def test_an_unchanged_document_costs_a_304_and_writes_nothing(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> None:
    await poll(client, sessions, source)
    before = await table_rows(sessions)
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert report.outcome == PollOutcome.NOT_MODIFIED
    assert source.requests[-1].headers["if-none-match"] == source.etag
    assert source.requests[-1].status == 304
    assert await table_rows(sessions) == before


async def test_the_same_document_without_validators_changes_nothing(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> None:
    source.etag_enabled = source.last_modified_enabled = False
    await poll(client, sessions, source)
    async with sessions() as session:
        stamps = (await session.execute(select(Draw.number, Draw.updated_at))).all()
    before = await table_rows(sessions)
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert (report.outcome, report.new, report.updated) == (PollOutcome.UNCHANGED, [], [])
    async with sessions() as session:
        assert (await session.execute(select(Draw.number, Draw.updated_at))).all() == stamps
    assert await table_rows(sessions) == before


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [
        (200, b"<html><body>Service unavailable</body></html>", "unexpected document: not JSON"),
        (200, b'{"data": []}', "unexpected document: no 'rounds'"),
        (500, b"oops", "HTTP 500"),
        (404, b"", "HTTP 404"),
    ],
)
async def test_a_bad_answer_is_a_failed_poll_and_stored_draws_stay(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    status: int,
    body: bytes,
    reason: str,
) -> None:
    await poll(client, sessions, source)
    if status == 200:
        source.set_body(body, "text/html")
    else:
        source.fail_next(status, body)
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert report.outcome == PollOutcome.FAILED
    assert report.error is not None and report.error.startswith(reason)
    assert report.wrong_shape == (status == 200)  # a document we cannot read is told at once
    assert await count(sessions, Draw) == 421
    async with sessions() as session:
        state = await session.get_one(SourceState, "official")
    assert state.consecutive_failures == 1
    assert state.last_error is not None and state.last_error.startswith(reason)


async def test_a_response_over_the_size_cap_is_refused(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> None:
    report = await poll_official(client, sessions, source.url, max_bytes=1000, now=NOW)
    assert report.error == "response larger than 1000 bytes"
    assert await count(sessions, Draw) == 0


async def test_an_unreachable_source_is_a_failed_poll(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    report = await poll_official(
        client, sessions, "http://127.0.0.1:9/rounds.json", max_bytes=MAX_BYTES, now=NOW
    )
    assert report.outcome == PollOutcome.FAILED and report.error is not None
    assert "ConnectError" in report.error


async def test_corrected_figures_update_the_stored_draw_without_new_alerts(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    await subscribe_chats(sessions)
    await poll(client, sessions, source)
    snapshot["rounds"][0]["drawSize"] = "4,100"
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert ([d.number for d in report.updated], report.new, report.queued) == (["420"], [], 0)
    async with sessions() as session:
        draw = await session.scalar(select(Draw).where(Draw.number == "420"))
    assert draw is not None and draw.invitations == 4_100


async def test_a_late_round_dated_long_ago_is_stored_but_alerts_nobody(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    await subscribe_chats(sessions)
    await poll(client, sessions, source)
    new_round(snapshot, "421", on=date(2026, 5, 1))
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source)
    assert [draw.number for draw in report.new] == ["421"]
    assert report.queued == 0


async def test_a_permanent_redirect_is_remembered_and_the_operators_told(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> None:
    source.old_paths.add("/old/rounds.json")
    old_url = source.url.replace("/ee_rounds_123_en.json", "/old/rounds.json")
    first = await poll_official(client, sessions, old_url, max_bytes=MAX_BYTES, now=NOW)
    assert first.notice == SourceMoved("official", source.url)
    assert len(first.new) == 421
    second = await poll_official(client, sessions, old_url, max_bytes=MAX_BYTES, now=NOW)
    assert (second.outcome, second.notice) == (PollOutcome.NOT_MODIFIED, None)
    assert [request.path for request in source.requests] == [
        "/old/rounds.json", "/ee_rounds_123_en.json", "/ee_rounds_123_en.json",
    ]  # fmt: skip


async def test_a_410_disables_the_source_until_its_address_changes(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], source: FakeSource
) -> None:
    source.fail_next(410, b"Gone")
    gone = await poll(client, sessions, source)
    assert (gone.error, gone.notice) == ("HTTP 410", SourceGone("official"))
    again = await poll(client, sessions, source)
    assert (again.outcome, again.notice) == (PollOutcome.DISABLED, None)
    assert len(source.requests) == 1  # not asked again
    elsewhere = source.url + "?v=2"
    moved = await poll_official(client, sessions, elsewhere, max_bytes=MAX_BYTES, now=NOW)
    assert len(moved.new) == 421

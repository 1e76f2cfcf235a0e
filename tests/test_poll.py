"""Polling the official JSON from a loopback server: history, new rounds, 304s, bad documents."""

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import jobs.official
import jobs.poll
from core.health import SourceGone, SourceMoved
from core.rounds import Round
from db.models import Delivery, Draw, SourceState
from jobs.official import round_digest
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


class ReadCounter:
    """Stands in for jobs.official.parse_round, noting the number of each round read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.numbers: list[str] = []
        self._parse = jobs.official.parse_round
        monkeypatch.setattr(jobs.official, "parse_round", self)

    def __call__(self, raw: Mapping[str, Any], problems: list[str]) -> Round | None:
        self.numbers.append(str(raw["drawNumber"]))
        return self._parse(raw, problems)


async def stored_hashes(sessions: async_sessionmaker[AsyncSession]) -> dict[str, str | None]:
    async with sessions() as session:
        rows = await session.execute(select(Draw.number, Draw.raw_hash))
        return {number: digest for number, digest in rows if number is not None}


async def test_a_poll_reads_only_the_round_that_is_new(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await subscribe_chats(sessions)
    reads = ReadCounter(monkeypatch)
    await poll(client, sessions, source)
    assert len(reads.numbers) == 421  # the first poll reads every round
    draws_before = (await table_rows(sessions))["draws"]
    reads.numbers.clear()
    item = new_round(snapshot, "421", crs="486", on=date(2026, 7, 2))
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source)
    assert reads.numbers == ["421"]
    assert ([draw.number for draw in report.new], report.queued) == (["421"], 3)
    hashes = await stored_hashes(sessions)
    assert hashes["421"] == round_digest(item)
    assert hashes["420"] == round_digest(snapshot["rounds"][1])
    draws_after = (await table_rows(sessions))["draws"]
    assert draws_after[:-1] == draws_before  # not one stored round written, its hash included
    assert draws_after[-1][1] == "421"


async def test_a_round_whose_json_is_unchanged_is_neither_read_nor_written(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await poll(client, sessions, source)
    reads = ReadCounter(monkeypatch)
    before = await table_rows(sessions)
    snapshot["rounds"][5] = dict(reversed(snapshot["rounds"][5].items()))  # same JSON object
    snapshot["rounds"].reverse()  # rounds in another order
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert (report.outcome, reads.numbers, report.new, report.updated) == (
        PollOutcome.NEW_CONTENT, [], [], [],
    )  # fmt: skip
    after = await table_rows(sessions)
    assert {name: rows for name, rows in after.items() if name != "sources"} == {
        name: rows for name, rows in before.items() if name != "sources"
    }  # only the source's validators and body hash moved


async def test_a_corrected_round_is_read_again_and_updated(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await subscribe_chats(sessions)
    await poll(client, sessions, source)
    reads = ReadCounter(monkeypatch)
    snapshot["rounds"][3]["drawCRS"] = "999"
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    number = snapshot["rounds"][3]["drawNumber"]
    assert reads.numbers == [number]
    assert ([d.number for d in report.updated], report.new, report.queued) == ([number], [], 0)
    async with sessions() as session:
        draw = await session.scalar(select(Draw).where(Draw.number == number))
    assert draw is not None and (draw.crs, draw.updated_at) == (999, NOW + timedelta(minutes=1))
    assert draw.raw_hash == round_digest(snapshot["rounds"][3])


async def test_a_round_whose_json_changed_but_not_its_figures_only_gets_its_new_hash(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    await poll(client, sessions, source)
    before = {row[1]: row for row in (await table_rows(sessions))["draws"]}
    snapshot["rounds"][0]["drawName"] = "  Canadian  Experience Class "  # read the same
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert (report.new, report.updated) == ([], [])
    after = {row[1]: row for row in (await table_rows(sessions))["draws"]}
    changed = {number for number in before if after[number] != before[number]}
    assert changed == {"420"}
    assert (await stored_hashes(sessions))["420"] == round_digest(snapshot["rounds"][0])


async def test_after_an_upgrade_every_round_is_read_once_and_history_alerts_nobody(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await subscribe_chats(sessions)
    await poll(client, sessions, source)
    async with sessions() as session, session.begin():  # as migration 0008 leaves them
        await session.execute(update(Draw).values(raw_hash=None))
    reads = ReadCounter(monkeypatch)
    new_round(snapshot, "421", crs="486", on=date(2026, 7, 2))
    source.set_body(encode(snapshot))
    report = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert len(reads.numbers) == 422  # every round, once
    assert ([d.number for d in report.new], report.updated, report.queued) == (["421"], [], 3)
    assert await count(sessions, Delivery) == 3  # the new round's alerts, none for history
    hashes = await stored_hashes(sessions)
    assert None not in hashes.values() and len(hashes) == 422
    reads.numbers.clear()
    new_round(snapshot, "422", crs="486", on=date(2026, 7, 2))
    source.set_body(encode(snapshot))
    again = await poll(client, sessions, source, NOW + timedelta(minutes=2))
    assert (reads.numbers, [d.number for d in again.new]) == (["422"], ["422"])


async def test_a_rounds_problems_are_told_when_it_is_read_not_at_every_poll(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    first = await poll(client, sessions, source)
    assert [problem[:5] for problem in first.problems] == ["#357:"]
    del snapshot["rounds"][7]["drawCRS"]  # a round of the wrong shape: told at every poll
    source.set_body(encode(snapshot))
    second = await poll(client, sessions, source, NOW + timedelta(minutes=1))
    assert second.problems == ["round at index 7 skipped: missing ['drawCRS']"]
    item = next(item for item in snapshot["rounds"] if item["drawNumber"] == "357")
    item["drawSize"] = "3,001"  # #357 changed: read, and its problem told, again
    source.set_body(encode(snapshot))
    third = await poll(client, sessions, source, NOW + timedelta(minutes=2))
    assert [problem[:5] for problem in third.problems] == ["round", "#357:"]
    assert [draw.number for draw in third.updated] == ["357"]

"""IRCC correcting a round it already published: the chats that got its alert are told
what changed, once; a change they could not have seen tells nobody."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

import jobs.poll
from core.merge import Correction, Facts
from db import corrections, fanout
from db.models import Delivery, Draw
from jobs.poll import PollReport, poll_official
from jobs.queue import queue_revision
from jobs.source import PollOutcome
from tests.conftest import (
    MAX_BYTES,
    Chat,
    add_chat,
    encode,
    eventually,
    new_round,
    polled,
    running,
    sender_of,
    settings_for,
    table_rows,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
TODAY = NOW.date()
HEALTHCARE = "Healthcare and social services occupations (Version 1)"
STEM = "STEM occupations (Version 1)"


async def poll(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    now: datetime = NOW,
) -> PollReport:
    return await poll_official(client, sessions, source.url, max_bytes=MAX_BYTES, now=now)


async def owed(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[int, str, str]]:
    """(chat, kind, status) of every outbox row, in the order they were queued."""
    async with sessions() as session:
        rows = await session.execute(
            select(Delivery.chat_id, Delivery.kind, Delivery.status).order_by(Delivery.id)
        )
        return [(chat_id, kind, status) for chat_id, kind, status in rows]


async def said(sessions: async_sessionmaker[AsyncSession], chat_id: int) -> list[Correction]:
    """What the correction owed to the chat says."""
    async with sessions() as session:
        row = await session.scalar(
            select(Delivery).where(Delivery.chat_id == chat_id, Delivery.kind == "correction")
        )
    assert row is not None
    return corrections.corrections_of(row)


async def mark_sent(sessions: async_sessionmaker[AsyncSession], *chat_ids: int) -> None:
    async with sessions() as session, session.begin():
        await session.execute(
            update(Delivery).where(Delivery.chat_id.in_(chat_ids)).values(status="sent")
        )


async def alerted_421(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    on: date = TODAY,
) -> dict[str, Any]:
    """#421 (STEM, 486) polled after the history; chats 1 (STEM at 490) and 2 (every draw)
    were sent its alert, chat 3 (STEM at 480) and chat 4 (healthcare) were not concerned.
    Returns the round's JSON, for a test to change."""
    await poll(client, sessions, source)
    await add_chat(sessions, 1, ("stem", 490))
    await add_chat(sessions, 2, ("all", None))
    await add_chat(sessions, 3, ("stem", 480))
    await add_chat(sessions, 4, ("healthcare", None))
    item = new_round(snapshot, "421", crs="486", size="1,500", on=on)
    source.set_body(encode(snapshot))
    assert (await poll(client, sessions, source)).queued == (0 if on < date(2026, 6, 1) else 2)
    await mark_sent(sessions, 1, 2)
    return item


async def republish(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> PollReport:
    source.set_body(encode(snapshot))
    return await poll(client, sessions, source)


async def test_a_corrected_cutoff_is_told_once_to_each_chat_that_got_the_alert(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    item["drawCRS"] = "488"
    report = await republish(client, sessions, source, snapshot)
    assert ([d.number for d in report.updated], report.queued) == (["421"], 2)
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"),
        (1, "correction", "pending"), (2, "correction", "pending"),
    ]  # fmt: skip
    assert await said(sessions, 1) == [Correction("crs", 486, 488)]
    queued = await owed(sessions)
    source.set_body(encode(snapshot) + b"\n")  # the same rounds again, not a 304
    again = await poll(client, sessions, source)
    assert (again.outcome, again.updated, again.queued) == (PollOutcome.NEW_CONTENT, [], 0)
    assert await owed(sessions) == queued


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda item: item.update(drawSize="1,505"), "invitations"),
        (lambda item: item.update(drawDate="2026-07-01", drawDateFull="July 1, 2026",
                                  drawDateTime="July 1, 2026 at 14:05:10 UTC"), "date"),
        (lambda item: item.update(drawCutOff="April 14, 2026 at 00:05:00 UTC"), "tie_break"),
    ],
)  # fmt: skip
async def test_each_figure_an_alert_shows_is_corrected(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    change: Callable[[dict[str, Any]], None],
    field: str,
) -> None:
    change(await alerted_421(client, sessions, source, snapshot))
    assert (await republish(client, sessions, source, snapshot)).queued == 2
    [correction] = await said(sessions, 2)
    assert correction.field == field


@pytest.mark.parametrize(
    "change",
    [
        lambda item: item.update(drawCRS=" 486 ", drawSize="1500"),  # written another way
        lambda item: item.update(mitext="Invitations to apply #421", dd1="942"),  # not shown
        lambda item: item.update(drawDateTime="July 2, 2026 at 14:06:00 UTC"),  # not shown
    ],
)
async def test_a_change_no_chat_could_see_tells_nobody(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    change: Callable[[dict[str, Any]], None],
) -> None:
    change(await alerted_421(client, sessions, source, snapshot))
    report = await republish(client, sessions, source, snapshot)
    assert (report.outcome, report.queued) == (PollOutcome.NEW_CONTENT, 0)
    assert [kind for _chat, kind, _status in await owed(sessions)] == ["alert", "alert"]


async def test_a_new_category_corrects_those_alerted_and_alerts_those_it_now_concerns(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    """Chat 1 subscribed to STEM saw a STEM draw: it is told, though the draw is no longer
    its category. Chat 4 (healthcare) now gets the alert; chat 3 still nothing."""
    item = await alerted_421(client, sessions, source, snapshot)
    item.update(drawName=HEALTHCARE, drawText2=HEALTHCARE)
    assert (await republish(client, sessions, source, snapshot)).queued == 3
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"),
        (1, "correction", "pending"), (2, "correction", "pending"), (4, "alert", "pending"),
    ]  # fmt: skip
    assert await said(sessions, 1) == [Correction("category", "stem", "healthcare")]


async def test_a_lower_cutoff_alerts_the_scores_it_now_reaches(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    await add_chat(sessions, 5, ("stem", None))  # subscribed after the alert: not a new match
    item["drawCRS"] = "479"
    assert (await republish(client, sessions, source, snapshot)).queued == 3
    assert (3, "alert", "pending") in await owed(sessions)
    await mark_sent(sessions, 1)  # chat 1 was told 479; chat 2 not yet
    item["drawCRS"] = "486"  # back up: chat 3's alert, not sent yet, will not be sent
    assert (await republish(client, sessions, source, snapshot)).queued == 1
    assert await said(sessions, 1) == [Correction("crs", 479, 486)]
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"), (1, "correction", "pending"),
        (3, "alert", "pending"),
    ]  # fmt: skip


async def test_a_chat_not_yet_sent_its_alert_gets_the_new_figures_in_it(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    async with sessions() as session, session.begin():
        await session.execute(
            update(Delivery).where(Delivery.chat_id == 2).values(status="pending")
        )
    item["drawCRS"] = "488"
    assert (await republish(client, sessions, source, snapshot)).queued == 1  # chat 1 only
    await sender_of(sessions).deliver(bot)
    [alert] = telegram.messages_to(2)
    assert alert.text.startswith("🔔") and "CRS cut-off: <b>488</b>" in alert.text
    [correction] = telegram.messages_to(1)
    assert correction.text.startswith(
        "✏️ <b>Correction</b>: IRCC's official figures differ from those we sent you: "
        "cut-off 488, not 486.\n\n<b>#421 · STEM occupations</b>"
    )
    assert "✅ Your 490 is 2 above the cut-off." in correction.text


async def test_a_tie_break_correction_reads_as_a_moment(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    item["drawCutOff"] = "April 14, 2026 at 00:05:00 UTC"
    await republish(client, sessions, source, snapshot)
    await sender_of(sessions).deliver(bot)
    [correction] = telegram.messages_to(1)
    assert (
        "tie-break April 14, 2026 at 00:05:00 UTC, not April 14, 2026 at 00:03:10 UTC."
        in correction.text
    )


async def test_changes_before_the_correction_is_sent_make_one_from_what_the_chat_saw(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    item["drawCRS"] = "488"
    await republish(client, sessions, source, snapshot)
    item.update(drawCRS="489", drawSize="1,600")
    assert (await republish(client, sessions, source, snapshot)).queued == 0  # owed already
    assert await said(sessions, 1) == [
        Correction("crs", 486, 489), Correction("invitations", 1500, 1600),
    ]  # fmt: skip
    item.update(drawCRS="486", drawSize="1,500")  # back to what the chats saw
    await republish(client, sessions, source, snapshot)
    assert await owed(sessions) == [(1, "alert", "sent"), (2, "alert", "sent")]
    item["drawCRS"] = "487"  # and changed once more: owed anew
    assert (await republish(client, sessions, source, snapshot)).queued == 2
    assert await said(sessions, 2) == [Correction("crs", 486, 487)]


async def test_a_chat_sent_a_correction_is_told_of_the_next_change(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    item["drawCRS"] = "488"
    await republish(client, sessions, source, snapshot)
    await mark_sent(sessions, 1)  # chat 2's correction is still on its way
    item["drawCRS"] = "490"
    assert (await republish(client, sessions, source, snapshot)).queued == 1
    assert await said(sessions, 1) == [Correction("crs", 488, 490)]
    assert await said(sessions, 2) == [Correction("crs", 486, 490)]
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"),
        (1, "correction", "pending"), (2, "correction", "pending"),
    ]  # fmt: skip


async def test_corrections_owed_from_two_earlier_figures_are_merged_each_from_its_own(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    """Chat 1 was told 486 then 488, chat 2 only 486: back to 486, chat 2 is owed nothing
    and chat 1 the change from 488; the rows are merged by what they say, group by group."""
    item = await alerted_421(client, sessions, source, snapshot)
    item["drawCRS"] = "488"
    await republish(client, sessions, source, snapshot)
    await mark_sent(sessions, 1)
    item["drawCRS"] = "490"
    await republish(client, sessions, source, snapshot)
    item["drawCRS"] = "486"
    assert (await republish(client, sessions, source, snapshot)).queued == 0
    assert await said(sessions, 1) == [Correction("crs", 488, 486)]
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"), (1, "correction", "pending"),
    ]  # fmt: skip


async def test_a_round_too_old_to_alert_is_corrected_in_store_only(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    item = await alerted_421(client, sessions, source, snapshot, on=date(2026, 5, 1))
    async with sessions() as session, session.begin():
        draw = await session.scalar(select(Draw).where(Draw.number == "421"))
        assert draw is not None
        await fanout.enqueue(session, draw, NOW)  # as if alerted when it was new
    await mark_sent(sessions, 1, 2)
    item["drawCRS"] = "488"
    report = await republish(client, sessions, source, snapshot)
    assert ([d.crs for d in report.updated], report.queued) == ([488], 0)
    assert [kind for _chat, kind, _status in await owed(sessions)] == ["alert", "alert"]


async def test_a_revision_and_its_corrections_are_stored_together_or_not_at_all(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = await alerted_421(client, sessions, source, snapshot)
    item["drawCRS"] = "488"
    source.set_body(encode(snapshot))
    before = await table_rows(sessions)

    async def queue_then_fail(
        session: AsyncSession, draw: Draw, was: Facts, first_run: bool, now: datetime
    ) -> int:
        await queue_revision(session, draw, was, first_run, now)
        raise OperationalError("INSERT INTO deliveries", {}, ConnectionError("database gone"))

    monkeypatch.setattr(jobs.poll, "queue_revision", queue_then_fail)
    assert (await poll(client, sessions, source)).error == "database: OperationalError"
    assert await table_rows(sessions) == before
    monkeypatch.setattr(jobs.poll, "queue_revision", queue_revision)
    assert (await poll(client, sessions, source)).queued == 2  # not lost: read again


@pytest.mark.slow  # waits for the service's scheduled polls
async def test_the_service_tells_a_corrected_round_once_and_a_cosmetic_change_never(
    telegram: FakeTelegram, database: str, source: FakeSource, snapshot: dict[str, Any]
) -> None:
    """The real Application polls the served JSON: #421 is alerted, IRCC corrects its
    cut-off, then rewrites it without changing a figure."""
    settings = settings_for(
        telegram, database, source.url, poll_interval_seconds=5, send_interval_seconds=1
    )
    today = datetime.now(UTC).date()
    async with running(settings):
        chat = Chat(telegram, 1)

        async def history_stored() -> bool:
            return "#420 ·" in await chat.ask("/latest")

        await eventually(history_stored, "the first poll, which stores history")
        await chat.ask("/subscribe stem 490")
        replies = len(telegram.messages_to(1))
        item = new_round(snapshot, "421", crs="486", on=today)
        source.set_body(encode(snapshot))
        alert = (await telegram.await_messages(replies + 1, chat_id=1, timeout=30))[replies]
        assert alert.text.startswith("🔔") and "CRS cut-off: <b>486</b>" in alert.text

        item["drawCRS"] = "484"
        source.set_body(encode(snapshot))
        fix = (await telegram.await_messages(replies + 2, chat_id=1, timeout=30))[replies + 1]
        assert "cut-off 484, not 486." in fix.text
        source.set_body(encode(snapshot) + b" ")  # the same figures again
        await polled(source, len(source.requests) + 2)
        item.update(drawCRS="484 ", drawSize="1500")  # written another way
        source.set_body(encode(snapshot))
        await polled(source, len(source.requests) + 2)
    told = [m.text for m in telegram.messages_to(1)[replies:]]
    assert told == [alert.text, fix.text]

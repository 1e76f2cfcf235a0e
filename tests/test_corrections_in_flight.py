"""A round that changes while its alerts are on their way. An alert already written goes
out with the figures it was written with, and its correction follows it, once; an alert
written again after the change carries the new figures and needs none; an alert never
sent owes none. The outbox keeps, beside each alert, the figures it was written with."""

import asyncio
import threading
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from core.clock import SystemClock
from core.merge import Correction, shown_facts
from db import claims, corrections, outbox
from db.models import Chat, Delivery, Draw
from tests.conftest import (
    SQLITE,
    add_chat,
    encode,
    eventually,
    new_round,
    sender_of,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram, SentMessage
from tests.test_official_corrections import NOW, owed, poll


class ShiftedClock(SystemClock):
    """The machine's clock, moved by ``offset``: a later run of the sender, or an earlier."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return super().now() + self.offset


async def round_421_queued(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
) -> dict[str, Any]:
    """#421 (STEM, 486) queued for chat 1 (STEM at 490) and chat 2 (every draw), not sent
    yet. Returns the round's JSON, for a test to change."""
    await poll(client, sessions, source)
    await add_chat(sessions, 1, ("stem", 490))
    await add_chat(sessions, 2, ("all", None))
    item = new_round(snapshot, "421", crs="486", size="1,500", on=NOW.date())
    source.set_body(encode(snapshot))
    assert (await poll(client, sessions, source)).queued == 2
    return item


async def test_an_alert_on_its_way_when_the_round_changes_is_followed_by_its_correction(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    """The alerts are written with 486 and reach Telegram; IRCC changes the cut-off to 488
    before Telegram answers, so they are marked sent after the change. Each chat still
    gets one correction."""
    item = await round_421_queued(client, sessions, source, snapshot)
    loop = asyncio.get_running_loop()
    arrived, answer = asyncio.Event(), threading.Event()

    def held(_message: SentMessage) -> None:  # Telegram, slow to answer, in its thread
        loop.call_soon_threadsafe(arrived.set)
        answer.wait(timeout=60)

    telegram.on_send = held
    sending = asyncio.create_task(sender_of(sessions).deliver(bot))
    try:
        await arrived.wait()
        item["drawCRS"] = "488"
        source.set_body(encode(snapshot))
        assert (await poll(client, sessions, source)).queued == 2
    finally:
        answer.set()
    assert (await sending).sent == 2
    telegram.on_send = None
    assert (await sender_of(sessions).deliver(bot)).sent == 2
    assert (await sender_of(sessions).deliver(bot)).sent == 0
    for chat_id in (1, 2):
        alert, correction = telegram.messages_to(chat_id)
        assert "CRS cut-off: <b>486</b>" in alert.text
        assert "cut-off 488, not 486." in correction.text
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"),
        (1, "correction", "sent"), (2, "correction", "sent"),
    ]  # fmt: skip


async def test_an_alert_written_again_after_the_change_carries_it_and_no_correction(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    """Chat 1's alert, written with 486, fails and waits to be tried again; chat 2's is
    sent. The cut-off becomes 488: chat 2 is sent its correction; chat 1's waits for its
    alert, which, written again, says 488: that correction is dropped."""
    item = await round_421_queued(client, sessions, source, snapshot)
    telegram.broken_chats.add(1)  # 502 Bad Gateway: tried again later
    report = await sender_of(sessions).deliver(bot)
    assert (report.sent, report.retrying) == (1, 1)
    telegram.broken_chats.clear()
    item["drawCRS"] = "488"
    source.set_body(encode(snapshot))
    assert (await poll(client, sessions, source)).queued == 2
    async with sessions() as session:
        shown = await session.scalar(
            select(Delivery.shown).where(Delivery.chat_id == 1, Delivery.kind == outbox.ALERT)
        )
    assert shown is not None and shown_facts(shown).crs == 486
    before_the_retry = sender_of(sessions, clock=ShiftedClock(timedelta(minutes=-1)))
    report = await before_the_retry.deliver(bot)  # chat 1's correction is due, its alert not
    assert (report.sent, report.retrying) == (1, 1)
    assert await owed(sessions) == [
        (1, "alert", "pending"), (2, "alert", "sent"),
        (1, "correction", "pending"), (2, "correction", "sent"),
    ]  # fmt: skip
    later = sender_of(sessions, clock=ShiftedClock(timedelta(minutes=10)))
    assert (await later.deliver(bot)).sent == 1
    [alert] = telegram.messages_to(1)
    assert "CRS cut-off: <b>488</b>" in alert.text
    alert_of_2, correction_of_2 = telegram.messages_to(2)
    assert "CRS cut-off: <b>486</b>" in alert_of_2.text
    assert "cut-off 488, not 486." in correction_of_2.text
    assert await owed(sessions) == [
        (1, "alert", "sent"), (2, "alert", "sent"), (2, "correction", "sent"),
    ]  # fmt: skip
    assert (await later.deliver(bot)).sent == 0


async def test_an_alert_never_sent_owes_no_correction(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    item = await round_421_queued(client, sessions, source, snapshot)
    telegram.broken_chats.add(1)
    await sender_of(sessions).deliver(bot)
    item["drawCRS"] = "488"
    source.set_body(encode(snapshot))
    assert (await poll(client, sessions, source)).queued == 2
    async with sessions() as session, session.begin():  # tried to the last, in vain
        await session.execute(
            update(Delivery)
            .where(Delivery.chat_id == 1, Delivery.kind == outbox.ALERT)
            .values(status=outbox.FAILED)
        )
    report = await sender_of(sessions, clock=ShiftedClock(timedelta(minutes=10))).deliver(bot)
    assert (report.sent, report.skipped) == (1, 1)  # chat 2's correction; chat 1's not
    assert telegram.messages_to(1) == []
    assert await owed(sessions) == [
        (1, "alert", "failed"), (2, "alert", "sent"),
        (1, "correction", "skipped"), (2, "correction", "sent"),
    ]  # fmt: skip


async def test_a_claim_under_way_is_waited_for_and_its_figures_corrected(
    sessions: async_sessionmaker[AsyncSession], database: str
) -> None:
    """On PostgreSQL a claim reads the draw while a change to it is not committed, so it
    writes the alert with the old figures: the change's corrections wait for the claim to
    commit, and then see the alert it claimed."""
    if database.startswith(SQLITE):
        pytest.skip("SQLite has one writer at a time: a claim and a change never overlap")
    async with sessions() as session, session.begin():
        draw = Draw(number="421", date=NOW.date(), category="stem", name="STEM occupations",
                    invitations=1500, crs=486, source="official")  # fmt: skip
        session.add_all([draw, Chat(id=1, type="private")])
        await session.flush()
        session.add(Delivery(draw_id=draw.id, chat_id=1, kind=outbox.ALERT))
    async with sessions() as changing, sessions() as claiming:
        await changing.begin()
        changed = await changing.get(Draw, draw.id)
        assert changed is not None
        changed.crs = 488
        await changing.flush()
        await claiming.begin()
        [(_alert, seen)] = await claims.claim(
            claiming, "sender", 10, NOW, NOW + timedelta(minutes=1)
        )
        assert seen is not None and seen.crs == 486  # the change is not committed yet
        correcting = asyncio.create_task(
            corrections.enqueue_corrections(changing, changed, [Correction("crs", 486, 488)], NOW)
        )
        await eventually(lambda: waiting_for_a_claim(sessions), "the corrections to wait")
        await claiming.commit()
        assert await correcting == 1
        await changing.commit()
    async with sessions() as session:
        [correction] = await session.scalars(
            select(Delivery).where(Delivery.kind == outbox.CORRECTION)
        )
    assert corrections.corrections_of(correction) == [Correction("crs", 486, 488)]


async def waiting_for_a_claim(sessions: async_sessionmaker[AsyncSession]) -> bool:
    """Whether a transaction waits for the lock that claims hold (db.claims)."""
    async with sessions() as session:
        waiting = await session.scalar(
            text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        )
    return bool(waiting)

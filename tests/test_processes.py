"""Processes sharing a database: one leads (polls and sends), another stands by and takes
over when it ends; a restart resumes each source's health where it was left."""

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack

import pytest
from telegram.ext import Application

from bot import messages
from db.engine import create_engine
from db.leader import Leader
from tests.conftest import SNAPSHOT, eventually, polled, running, settings_for
from tests.conftest import Chat as Talker
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

OPERATOR = 9001
BROKEN = b"<html><body>Down for maintenance</body></html>"


def leads(application: Application) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return bool(application.bot_data.leader.leading)

    return check


def refused_the_lead(application: Application) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return bool(application.bot_data.leader.stood_by)  # asked, and another process led

    return check


async def test_the_lead_is_one_process_s_until_it_lets_go(database: str) -> None:
    engines = [create_engine(database) for _ in range(2)]
    first, second = (Leader(engine) for engine in engines)
    try:
        assert await asyncio.gather(*(first.check() for _ in range(5))) == [True] * 5
        assert not first.stood_by  # led from its first check: what it loaded at start holds
        assert not await second.check()
        assert await first.check()  # still its own
        await first.close()
        assert await second.check() and second.stood_by  # took over: reloads what is stored
        assert not await first.check()
    finally:
        for leader in (first, second):
            await leader.close()
        for engine in engines:
            await engine.dispose()


@pytest.mark.usefixtures("in_english")  # renders expected texts itself
async def test_one_process_polls_and_another_takes_over_when_it_ends(
    telegram: FakeTelegram, database: str, source: FakeSource
) -> None:
    settings = settings_for(telegram, database, source.url, poll_interval_seconds=5)
    async with AsyncExitStack() as first_running:
        first = await first_running.enter_async_context(running(settings))
        await eventually(leads(first), "the first process to lead")
        await polled(source, 1)  # the first poll
        async with running(settings) as second:
            await eventually(refused_the_lead(second), "the second process to ask for the lead")
            assert not second.bot_data.leader.leading
            standby = await status_of(second)
            assert "polled by another process" in standby
            assert "none since start (another process sends the alerts)" in standby
            await first_running.aclose()
            seen = len(source.requests)
            await eventually(leads(second), "the second process to take over", seconds=15)
            await polled(source, seen + 1)  # a poll by the second process
            assert "draw window" in await status_of(second)


@pytest.mark.slow  # a failing source is polled again only after its backoff
async def test_operators_hear_of_an_outage_once_and_of_its_end_across_a_restart(
    telegram: FakeTelegram, database: str, source: FakeSource
) -> None:
    settings = settings_for(
        telegram, database, source.url, admin_chat_ids=[OPERATOR], poll_interval_seconds=5
    )
    async with running(settings):
        await polled(source, 1)  # the first poll
        source.set_body(BROKEN, "text/html")
        [alarm] = await telegram.await_messages(1, chat_id=OPERATOR, timeout=30)
        assert alarm.text.startswith("⚠️ official has not answered properly since")
        assert "unexpected document: not JSON" in alarm.text  # the wrong shape: told at once
    async with running(settings) as restarted:
        health = restarted.bot_data.schedule.health["official"]
        assert health.outage_reported and health.failures == 1  # as the stored state says

        async def failed_again() -> bool:
            return restarted.bot_data.schedule.health["official"].failures >= 2

        await eventually(failed_again, "a failed poll after the restart")
        source.set_body(SNAPSHOT.read_bytes())
        messages = await telegram.await_messages(2, chat_id=OPERATOR, timeout=60)
        assert messages[1].text.startswith("✅ official answers again")
        # Polls never overlap: had the failed poll told the operators again, that would
        # have come before the recovery. Still down after the restart: not told twice.
        assert messages[0] is alarm and len(telegram.messages_to(OPERATOR)) == 2
        assert "• official: ok, last answered" in await Talker(telegram, OPERATOR).ask("/status")
    async with running(settings) as again:
        health = again.bot_data.schedule.health["official"]
        assert not health.outage_reported and not health.failures  # the recovery was stored


async def status_of(application: Application) -> str:
    return messages.status_view(await application.bot_data.status_figures())

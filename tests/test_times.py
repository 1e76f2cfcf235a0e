"""IRCC's processing times end to end: editions served on 127.0.0.1 are polled, each stored
once with its figures as published, and /times reads them back in the chat's language,
with what changed since the edition before."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.chat import charts
from core.health import SourceDown
from core.schedule import Schedule
from db.models import TimesEdition, TimesFigure
from jobs.health import after_polls
from jobs.poll import poll_sources
from jobs.source import PollOutcome, PollReport
from jobs.times.source import TIMES
from tests.conftest import MAX_BYTES, Chat
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram
from tests.test_charts import photos, pixels

TIMES_FIXTURES = Path(__file__).parent / "fixtures" / "times"
OCTOBER = (TIMES_FIXTURES / "edition-2025-10.json").read_bytes()
NOVEMBER = (TIMES_FIXTURES / "edition-2025-11.json").read_bytes()
NOW = datetime(2025, 11, 7, 12, tzinfo=UTC)
STALE = timedelta(minutes=30)  # the operators hear of an official source this long down


@pytest.fixture
def flpt() -> Iterator[FakeSource]:
    with FakeSource(OCTOBER, content_type="application/json", path="/flpt-en.json") as fake:
        yield fake


async def poll(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], flpt: FakeSource
) -> PollReport:
    [report] = await poll_sources(
        client, sessions, official_url="", feed_urls=[], max_bytes=MAX_BYTES, now=NOW,
        times_url=flpt.url,
    )  # fmt: skip
    return report


async def editions(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, date | None]]:
    async with sessions() as session:
        rows = await session.execute(
            select(TimesEdition.published, TimesEdition.date).order_by(TimesEdition.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def test_each_edition_is_stored_once_with_its_figures_as_published(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], flpt: FakeSource
) -> None:
    first = await poll(client, sessions, flpt)
    assert (first.source, first.error) == (TIMES, None)
    assert await editions(sessions) == [("October 9, 2025", date(2025, 10, 9))]
    flpt.set_body(OCTOBER + b" ")  # the same edition served again, changed by a byte
    await poll(client, sessions, flpt)
    assert len(await editions(sessions)) == 1
    flpt.set_body(NOVEMBER)
    await poll(client, sessions, flpt)
    assert [published for published, _day in await editions(sessions)] == [
        "October 9, 2025", "November 6, 2025",
    ]  # fmt: skip
    async with sessions() as session:
        fsw = await session.scalar(
            select(TimesFigure.time).join(TimesEdition).where(
                TimesEdition.published == "November 6, 2025", TimesFigure.program == "fsw",
                TimesFigure.month.is_(None),
            )
        )  # fmt: skip
        months = await session.scalar(
            select(func.count()).select_from(TimesFigure).where(TimesFigure.month.is_not(None))
        )
    assert fsw == "5 months" and months


async def test_a_page_that_is_not_the_document_keeps_the_stored_editions(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], flpt: FakeSource
) -> None:
    await poll(client, sessions, flpt)
    flpt.set_body(b"<html><body>Service unavailable</body></html>")
    report = await poll(client, sessions, flpt)
    assert report.error is not None and report.wrong_shape
    assert len(await editions(sessions)) == 1


@pytest.fixture
async def stored_times(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], flpt: FakeSource
) -> None:
    await poll(client, sessions, flpt)
    flpt.set_body(NOVEMBER)
    await poll(client, sessions, flpt)


@pytest.mark.usefixtures("stored_times")
async def test_times_shows_express_entry_programs_and_what_changed(
    app: Application, telegram: FakeTelegram
) -> None:
    user = Chat(telegram, 1001, application=app)
    shown = await user.ask("/times")
    assert shown.startswith("⏱ <b>Processing times</b> · IRCC, November 6, 2025")
    assert "• <b>Canadian Experience Class</b>: 6 months; people waiting: about 17,900" in shown
    assert (
        "• <b>Federal Skilled Worker</b>: 5 months (was about 6 months); "
        "people waiting: about 19,800 (was about 21,400)"
    ) in shown
    assert "Provincial nominees (Express Entry)</b>: about 8 months (was about 7 months)" in shown
    assert "Atlantic" not in shown and "not a promise" in shown
    every = await user.ask("/times all")
    assert "Atlantic Immigration Program" in every
    assert "<b>Quebec skilled workers</b>: 11 months" in every


@pytest.mark.usefixtures("stored_times")
async def test_times_of_a_program_and_of_a_month_of_application(
    app: Application, telegram: FakeTelegram
) -> None:
    user = Chat(telegram, 1001, application=app)
    history = await user.ask("/times fsw")
    assert "November 6, 2025: 5 months; people waiting: about 19,800" in history
    assert "October 9, 2025: about 6 months; people waiting: about 21,400" in history
    month = await user.ask("/times fsw June 2025")
    assert "<b>Federal Skilled Worker</b>, applied in June 2025 · IRCC, November 6, 2025" in month
    assert "People ahead of you: about 5,500 (was about 6,100)" in month
    assert "Time left: 3 months" in month
    waiting = await user.ask("/times fsw 09/2024")
    assert "People ahead of you: fewer than 100" in waiting
    assert "Time left: IRCC needs more time to estimate" in waiting
    estimated = await user.ask("/times pnp-ee 2025-09")
    assert "Time left: 7 months (was not enough data for an estimate)" in estimated


@pytest.mark.usefixtures("stored_times")
@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/times xyz", "There is no program <code>xyz</code> in IRCC's processing times."),
        ("/times fsw 2031-01", "IRCC gives no figures for Federal Skilled Worker applications "
                               "made in January 2031; its latest edition covers September "
                               "2024 \u2013 October 2025."),
        ("/times fsw someday", "<code>someday</code> is not a month of application."),
        ("/times fsw 13/2025", "<code>13/2025</code> is not a month of application."),
        ("/times a b c d e", "Too many words"),
    ],
)  # fmt: skip
async def test_bad_times_requests_get_a_clear_answer(
    app: Application, telegram: FakeTelegram, command: str, answer: str
) -> None:
    assert answer in await Chat(telegram, 1001, application=app).ask(command)


@pytest.mark.usefixtures("stored_times")
async def test_times_speak_the_chat_s_language(app: Application, telegram: FakeTelegram) -> None:
    user = Chat(telegram, 1001, application=app)
    await user.ask("/language fr")
    shown = await user.ask("/times")
    assert "Délais de traitement" in shown and "6 novembre 2025" in shown
    assert "<b>Travailleurs qualifiés (fédéral)</b> : 5 mois (avant : environ 6 mois)" in shown


async def test_times_before_any_edition(app: Application, telegram: FakeTelegram) -> None:
    shown = await Chat(telegram, 1001, application=app).ask("/times")
    assert "No processing times stored yet" in shown


@pytest.mark.usefixtures("stored_times")
async def test_chart_times_draws_a_program_s_time_over_the_editions(
    app: Application, telegram: FakeTelegram, tmp_path: Path
) -> None:
    user = Chat(telegram, 1001, application=app)
    caption = await user.ask("/chart times fsw")
    assert caption.startswith("⏱ Federal Skilled Worker: IRCC's processing time in each")
    (sent,) = photos(telegram, 1001)
    assert pixels(sent["photo"]) == charts.PIXELS
    (tmp_path / "times.png").write_bytes(sent["photo"])
    assert "no program <code>nope</code>" in await user.ask("/chart times nope")


async def test_the_operators_hear_when_the_times_document_stops_reading(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The processing times are IRCC's: an outage is told, as the rounds' is (a news feed's
    is only logged); they are polled at their own interval, whatever the draw window."""
    earlier = NOW - timedelta(hours=2)
    schedule = Schedule([TIMES], earlier, 60, 300, intervals={TIMES: 3600})
    answered = PollReport(TIMES, PollOutcome.NEW_CONTENT)
    assert await after_polls(sessions, schedule, [answered], earlier, STALE) == []
    assert schedule.health[TIMES].next_due >= earlier + timedelta(seconds=3600 * 0.9)
    failed = PollReport(TIMES, PollOutcome.FAILED, error="unreadable: not JSON", wrong_shape=True)
    [notice] = await after_polls(sessions, schedule, [failed], NOW, STALE)
    assert isinstance(notice, SourceDown) and notice.source == TIMES

"""Provincial draws end to end: a province's page served on 127.0.0.1 is polled by the real
Application; its history is stored silently, a new draw reaches each chat subscribed to
that province or stream once (one message however many of its streams match), and no chat
subscribed to Express Entry alone hears of it; a page that no longer reads leaves stored
draws as they are and tells the operators."""

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import Application

from bot.chat.charts import describe
from bot.messages.locale import ENGLISH, speaking
from core.clock import utcnow
from core.provinces.values import Bound, Invitations, ProvincialDraw, Scale
from core.trends import DEFAULT_PERIOD
from db import claims
from db.chats import subscriptions_of
from db.models import Draw
from db.provinces import store_provincial
from jobs.provinces import ProvincePage
from jobs.provinces.bc import read as bc_read
from jobs.provinces.sources import ProvinceSource
from jobs.queue import queue_alerts_together
from jobs.source import PollOutcome, PollReport
from tests.conftest import (
    Chat,
    add_chat,
    eventually,
    polled,
    running,
    sender_of,
    settings_for,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram
from tests.test_charts import photos
from tests.test_setup import button

OPERATOR = 9001
HEADER = (
    "<tr><td>Date</td><td>ITA type</td><td>Selection factors</td><td>Minimum score</td>"
    "<td>Number of invitations</td></tr>"
)
# (ITA type, selection factors, minimum score, invitations) of each draw of a day
EARLIER = [("Care: Health", "All priority health care occupations", "80", "120")]
TODAY = [
    ("Care: Health", "All priority health care occupations", "76", "143"),
    ("Care: Childcare", "Early childhood educators only", "99", "&lt;5"),
]


def bc_page(days: list[tuple[date, list[tuple[str, str, str, str]]]]) -> bytes:
    """A BC PNP "Invitations to apply" page in its 2026 layout: a date spanning its rows."""
    rows = []
    for day, draws in days:
        for index, (kind, factors, score, count) in enumerate(draws):
            when = (
                f'<td rowspan="{len(draws)}">{day:%B} {day.day}, {day.year}</td>'
                if not index
                else ""
            )
            rows.append(
                f"<tr>{when}<td>{kind}</td><td>{factors}</td><td>{score}</td><td>{count}</td></tr>"
            )
    table = "\n".join([HEADER, *rows])
    return (
        "<html><body><h1>Invitations to apply</h1><h2>Skills Immigration invitations</h2>"
        f"<table>{table}</table></body></html>"
    ).encode()


@pytest.fixture
def bc_source() -> Iterator[FakeSource]:
    earlier = utcnow().date() - timedelta(days=14)
    with FakeSource(bc_page([(earlier, EARLIER)]), content_type="text/html", path="/itas") as fake:
        yield fake


async def stored(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str, int | None]]:
    async with sessions() as session:
        rows = await session.execute(
            select(Draw.category, Draw.crs).where(Draw.province == "bc").order_by(Draw.id)
        )
        return [(category, crs) for category, crs in rows]


@pytest.mark.slow  # polls on the scheduler's own time
async def test_a_new_bc_draw_reaches_its_subscribers_once_and_no_one_else(
    telegram: FakeTelegram,
    database: str,
    sessions: async_sessionmaker[AsyncSession],
    bc_source: FakeSource,
) -> None:
    subscribers = {
        1: ("bc", None),  # the whole province: both streams, in one message
        2: ("bc-healthcare", 100),
        3: ("bc-healthcare", 50),  # below the minimum score
        4: ("all", None),  # Express Entry only
        5: ("all", 480),
        6: ("pnp", None),  # Express Entry's PNP draws, not a province's
        7: ("bc-childcare", None),
    }
    for chat_id, subscription in subscribers.items():
        await add_chat(sessions, chat_id, subscription)
    settings = settings_for(telegram, database, bc_pnp_url=bc_source.url, poll_interval_seconds=5)
    async with running(settings):
        await polled(bc_source, 1)

        async def history_stored() -> bool:
            return await stored(sessions) == [("bc-healthcare", 80)]

        await eventually(history_stored, "the page's history stored")
        today = utcnow().date()
        bc_source.set_body(bc_page([(today, TODAY), (today - timedelta(days=14), EARLIER)]))
        await telegram.await_messages(3)
        async with sessions() as session:
            assert (
                len((await session.scalars(select(Draw).where(Draw.province == "bc"))).all()) == 3
            )

        [whole] = telegram.messages_to(1)
        assert whole.text.startswith("🔔 <b>2 new provincial draws</b>")
        assert "<b>British Columbia · Care: Health</b>" in whole.text
        assert "<b>British Columbia · Care: Childcare</b>" in whole.text
        assert "Minimum score: <b>76</b> (BC PNP registration score; ▼ 4 from 80 on" in whole.text
        assert "Invitations: <b>fewer than 5</b>" in whole.text
        [health] = telegram.messages_to(2)
        assert "Care: Health" in health.text and "Childcare" not in health.text
        assert "✅ Your 100 is 24 above the minimum score." in health.text
        [childcare] = telegram.messages_to(7)
        assert "Care: Childcare" in childcare.text
        for chat_id in (3, 4, 5, 6):
            assert telegram.messages_to(chat_id) == []

        latest = await Chat(telegram, 8).ask("/latest bc")
        assert "British Columbia" in latest and "Care: " in latest


@pytest.mark.slow  # polls on the scheduler's own time
async def test_a_page_that_no_longer_reads_keeps_the_draws_and_tells_the_operators(
    telegram: FakeTelegram,
    database: str,
    sessions: async_sessionmaker[AsyncSession],
    bc_source: FakeSource,
) -> None:
    settings = settings_for(
        telegram, database, bc_pnp_url=bc_source.url, poll_interval_seconds=5,
        admin_chat_ids=[OPERATOR],
    )  # fmt: skip
    async with running(settings):
        await polled(bc_source, 1)

        async def history_stored() -> bool:
            return await stored(sessions) == [("bc-healthcare", 80)]

        await eventually(history_stored, "the page's history stored")
        bc_source.set_body(b"<html><body><p>Invitations are now listed in a PDF.</p></body></html>")
        [told] = await telegram.await_messages(1, chat_id=OPERATOR)
    assert "bc" in told.text and "no draw table found" in told.text
    assert await stored(sessions) == [("bc-healthcare", 80)]


@pytest.mark.parametrize(
    ("typed", "key", "answer"),
    [
        ("bc", "bc", "you will get every British Columbia nominee draw"),
        ("BCPNP", "bc", "you will get every British Columbia nominee draw"),
        ("Colombie-Britannique 120", "bc", "minimum score is 120 or lower"),
        ("bc-tech 130", "bc-tech", "whose minimum score is 130 or lower. That score is the BC PNP"),
        ("ontario", "on", "every Ontario nominee draw"),
        ("on-hcp 460", "on-hcp", "That score is the CRS."),
        ("aaip", "ab", "every Alberta nominee draw"),
        ("mpnp", "mb", "every Manitoba nominee draw"),
        ("saskatchewan", "sk", "every Saskatchewan nominee draw"),
    ],
)
async def test_a_province_or_a_stream_is_subscribed_to_as_people_name_it(
    app: Application, telegram: FakeTelegram, typed: str, key: str, answer: str
) -> None:
    user = Chat(telegram, 1001, application=app)
    assert answer in await user.ask(f"/subscribe {typed}")
    async with app.bot_data.sessions() as session:
        [held] = await subscriptions_of(session, 1001)
    assert held.category == key
    listed = await user.ask("/subscriptions")
    assert f"<code>{key}" in listed


async def test_a_mistyped_province_gets_the_closest_key(
    app: Application, telegram: FakeTelegram
) -> None:
    user = Chat(telegram, 1001, application=app)
    assert "Did you mean <code>on</code>?" in await user.ask("/subscribe ontaro")


async def test_provinces_latest_and_history_show_the_stored_provincial_draws(
    app: Application, telegram: FakeTelegram
) -> None:
    tech = ProvincialDraw(
        "bc", "bc-tech", "Tech", date(2026, 11, 24), Invitations(5, Bound.FEWER_THAN), 120,
        Scale.BC_REGISTRATION, ("Tech occupations",),
    )  # fmt: skip
    hcp = ProvincialDraw(
        "on", "on-hcp", "Human Capital Priorities", date(2026, 11, 20), Invitations(1204), 462,
        Scale.CRS,
    )  # fmt: skip
    async with app.bot_data.sessions() as session, session.begin():
        await store_provincial(session, [tech, hcp], "test", utcnow())
    user = Chat(telegram, 1001, application=app)
    listed = await user.ask("/provinces")
    assert (
        "<code>bc-tech</code> Tech: November 24, 2026, minimum 120 (BC PNP registration" in listed
    )
    assert "<code>on-hcp</code> Human Capital Priorities: November 20, 2026, minimum 462 (CRS)" in (
        listed
    )
    assert "Manitoba</b>: <code>mb</code> for all its streams\n  no draw stored yet" in listed
    latest = await user.ask("/latest bc")
    assert "<b>British Columbia · Tech</b> · November 24, 2026" in latest
    assert "Invitations: <b>fewer than 5</b>" in latest
    assert "• Tech occupations" in latest
    assert "Human Capital" in await user.ask("/latest oinp")
    assert "British Columbia" not in await user.ask("/latest")  # Express Entry's latest


async def test_the_set_up_keyboard_offers_the_provinces_after_the_categories(
    app: Application, telegram: FakeTelegram
) -> None:
    tech = ProvincialDraw(
        "bc", "bc-tech", "Tech", date(2026, 11, 24), Invitations(80), 120, Scale.BC_REGISTRATION
    )
    async with app.bot_data.sessions() as session, session.begin():
        await store_provincial(session, [tech], "test", utcnow())
    user = Chat(telegram, 1001, application=app)
    await user.send("/subscribe")
    picker = user.last_message()
    labels = [label for label, _data in picker.buttons]
    assert labels.index("British Columbia") > labels.index("STEM occupations")
    assert labels[-3:] == ["British Columbia", "⏱ Processing times", "Cancel"]  # no stream of it
    await user.press(picker, button(picker, "British Columbia"))
    scores = telegram.current(picker)
    assert scores.text.startswith("British Columbia's nominee draws. Up to which minimum score")
    assert [label for label, _data in scores.buttons][:5] == [
        "100 or lower", "110 or lower", "120 or lower", "130 or lower", "140 or lower",
    ]  # fmt: skip
    await user.press(scores, button(scores, "130 or lower"))
    confirm = telegram.current(picker)
    assert (
        confirm.text == "Get British Columbia nominee draws with a minimum score of 130 or lower?"
    )
    await user.press(confirm, button(confirm, "Confirm"))
    assert (
        "British Columbia nominee draws whose minimum score is 130" in telegram.current(picker).text
    )
    async with app.bot_data.sessions() as session:
        [held] = await subscriptions_of(session, 1001)
    assert (held.category, held.max_crs) == ("bc", 130)


async def test_a_draw_the_page_corrects_is_updated_and_its_chats_are_told(
    sessions: async_sessionmaker[AsyncSession], bot: Bot, telegram: FakeTelegram
) -> None:
    day = utcnow().date() - timedelta(days=1)
    first = ProvincialDraw(
        "bc", "bc-tech", "Tech", day, Invitations(80), 115, Scale.BC_REGISTRATION
    )
    await add_chat(sessions, 1, ("bc-tech", None))
    source = ProvinceSource("bc", "http://127.0.0.1/unused", bc_read)
    report = PollReport("bc", PollOutcome.NEW_CONTENT)
    async with sessions() as session, session.begin():
        await source.store(session, ProvincePage([first]), report, utcnow())
    assert report.queued == 1
    assert (await sender_of(sessions).deliver(bot)).sent == 1

    corrected = dataclasses.replace(first, min_score=120)
    again = PollReport("bc", PollOutcome.NEW_CONTENT)
    async with sessions() as session, session.begin():
        await source.store(session, ProvincePage([corrected]), again, utcnow())
    assert (again.new, len(again.updated), again.queued) == ([], 1, 1)
    assert (await sender_of(sessions).deliver(bot)).sent == 1
    told = telegram.messages_to(1)[-1].text
    assert told.startswith("✏️ <b>Correction</b>")
    assert "minimum score 120, not 115" in told
    assert "Minimum score: <b>120</b> (BC PNP registration score)" in told

    same = PollReport("bc", PollOutcome.NEW_CONTENT)
    async with sessions() as session, session.begin():
        await source.store(session, ProvincePage([corrected]), same, utcnow())
    assert (same.updated, same.queued) == ([], 0)  # read again: nothing owed


async def test_sub_pools_of_one_stream_on_one_day_are_stored_apart_and_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Manitoba draws a stream's recruitment initiatives apart on one day; a page that lists
    two draws of one stream and day without a sub-pool keeps them apart by their notes."""
    day = date(2026, 11, 20)
    draws = [
        ProvincialDraw(
            "mb", "mb-swm", "Skilled Worker in Manitoba", day, Invitations(45), 820,
            Scale.MANITOBA_RANKING, ("Draw #270",), selection="Occupation-specific selection",
        ),
        ProvincialDraw(
            "mb", "mb-swm", "Skilled Worker in Manitoba", day, Invitations(12), 612,
            Scale.MANITOBA_RANKING, ("Draw #270",), selection="Employer Services",
        ),
        ProvincialDraw(
            "on", "on-fw", "Foreign Worker", day, Invitations(60), 51, Scale.ONTARIO_EOI,
            ("General",),
        ),
        ProvincialDraw(
            "on", "on-fw", "Foreign Worker", day, Invitations(30), 34, Scale.ONTARIO_EOI,
            ("Targeted: health care",),
        ),
    ]  # fmt: skip
    async with sessions() as session, session.begin():
        first = await store_provincial(session, draws, "test", utcnow())
    assert len(first.new) == 4
    async with sessions() as session, session.begin():
        again = await store_provincial(session, draws, "test", utcnow())
    assert (again.new, again.updated, again.unchanged) == ([], [], 4)
    async with sessions() as session:
        stored = await session.execute(
            select(Draw.category, Draw.selection, Draw.crs).order_by(Draw.crs)
        )
        assert [tuple(row) for row in stored] == [
            ("on-fw", "Targeted: health care", 34),
            ("on-fw", "General", 51),
            ("mb-swm", "Employer Services", 612),
            ("mb-swm", "Occupation-specific selection", 820),
        ]


async def test_a_province_s_streams_drawn_together_reach_each_chat_in_one_batch(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """BC draws five streams at once: the sender claims rows in batches, and a chat's five
    rows are never split between two batches (two messages), wherever a batch ends."""
    day = utcnow().date()
    draws = [
        ProvincialDraw("bc", f"bc-{stream}", stream, day, Invitations(20 + index), 90 + index,
                       Scale.BC_REGISTRATION)
        for index, stream in enumerate(["tech", "healthcare", "childcare", "construction", "vet"])
    ]  # fmt: skip
    subscribed = {chat_id: ("bc", None) for chat_id in range(1, 8)}
    subscribed[8] = ("bc-healthcare", None)
    for chat_id, subscription in subscribed.items():
        await add_chat(sessions, chat_id, subscription)
    async with sessions() as session, session.begin():
        stored = await store_provincial(session, draws, "bc", utcnow())
        assert await queue_alerts_together(session, stored.new, utcnow()) == 7 * 5 + 1
    batches: list[list[int]] = []
    after = 0
    while True:
        async with sessions() as session, session.begin():
            now = utcnow()
            rows = await claims.claim(session, "sender", 3, now, now + timedelta(minutes=1), after)
        if not rows:
            break
        batches.append([delivery.chat_id for delivery, _draw in rows])
        after = rows[-1][0].id
    for chat_id in subscribed:
        holding = [batch for batch in batches if chat_id in batch]
        assert len(holding) == 1, (chat_id, batches)
        assert holding[0].count(chat_id) == (1 if chat_id == 8 else 5)


async def test_history_of_a_province_shows_its_streams_minimum_scores_and_bounds(
    app: Application, telegram: FakeTelegram
) -> None:
    draws = [
        ProvincialDraw(
            "bc", "bc-tech", "Tech", date(2026, 11, 24), Invitations(5, Bound.FEWER_THAN), 120,
            Scale.BC_REGISTRATION,
        ),
        ProvincialDraw(
            "bc", "bc-tech", "Tech", date(2026, 11, 10), Invitations(80), 115,
            Scale.BC_REGISTRATION,
        ),
        ProvincialDraw(
            "bc", "bc-childcare", "Care: Childcare", date(2026, 11, 17), Invitations(182), 99,
            Scale.BC_REGISTRATION,
        ),
    ]  # fmt: skip
    async with app.bot_data.sessions() as session, session.begin():
        await store_provincial(session, draws, "test", utcnow())
    table = await Chat(telegram, 1001, application=app).ask("/history bc")
    assert table.startswith("<b>The last 3 British Columbia draws</b>")
    assert "<pre>Date       Category    Invited Min.     ±\n" in table  # no number column
    assert "\n2026-11-24 bc-tech          &lt;5  120    ▲5\n" in table  # "fewer than 5"
    assert "\n2026-11-17 bc-childca…     182   99 first\n" in table


async def test_a_stream_s_chart_names_its_minimum_score_and_the_chat_s_score_for_it(
    app: Application, telegram: FakeTelegram
) -> None:
    draws = [
        ProvincialDraw(
            "bc", "bc-tech", "Tech", date(2026, 11, day), Invitations(80 + day), 100 + day,
            Scale.BC_REGISTRATION,
        )
        for day in (3, 10, 17, 24)
    ]  # fmt: skip
    async with app.bot_data.sessions() as session, session.begin():
        await store_provincial(session, draws, "test", utcnow())
    user = Chat(telegram, 1001, application=app)
    await user.ask("/subscribe stem 490")
    await user.ask("/subscribe bc-tech 130")
    await user.send("/chart bc-tech")
    [photo] = photos(telegram, 1001)
    assert photo["caption"].startswith("<b>British Columbia · Tech</b>: minimum scores, ")
    async with app.bot_data.sessions() as session:
        with speaking(ENGLISH):
            picture = await describe(session, "bc-tech", DEFAULT_PERIOD, 130)
            assert not isinstance(picture, str)
            figure = picture.draw()
    assert figure.axes[0].get_ylabel() == "Minimum score"
    assert figure.axes[0].get_title().startswith("BC PNP registration score; draws to")
    labels = [str(line.get_label()) for line in figure.axes[0].get_lines()]
    assert "Your score: 130" in labels

"""News feeds: the real articles about #254, merging with official rounds, corrections,
and the feeds' own troubles (malformed, empty, 304, an entry seen twice)."""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.merge import Correction
from db import corrections
from db.draws import previous_and_context
from db.models import Delivery, Draw, FeedEntry, Report
from jobs.feeds import poll_feed
from jobs.poll import poll_official
from jobs.source import PollOutcome, PollReport
from tests.conftest import (
    MAX_BYTES,
    Chat,
    add_chat,
    encode,
    eventually,
    new_round,
    polled,
    running,
    settings_for,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram
from tests.feeds import OLD_NEWS, Item, article, rss

JULY_6 = datetime(2023, 7, 6, 18, tzinfo=UTC)
ARTICLES = [  # (file, title, published)
    ("000", "First STEM Occupations Targeted Express Entry Draw: 500 ITAs Issued", 5),
    ("001", "Express Entry Draws: STEM Occupations Invited for Permanent Residence", 6),
    ("002", "Express Entry Draw: 6,000 STEM Candidates Invited", 7),
    ("003", "Express Entry Draw 254: 500 Candidates Invited in STEM Category-Specific Draw", 6),
    ("004", "IRCC Conducts its First STEM Occupations Draw", 6),
]


def real_articles() -> list[Item]:
    return [
        article(name, title, datetime(2023, 7, day, 16, tzinfo=UTC))
        for name, title, day in ARTICLES
    ]


async def poll(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    now: datetime = JULY_6,
    official_fresh: bool = False,
) -> PollReport:
    return await poll_feed(client, sessions, feed.url, MAX_BYTES, now, official_fresh)


async def subscribers(sessions: async_sessionmaker[AsyncSession]) -> None:
    for chat_id, category, score in [(1, "stem", None), (2, "stem", 480), (3, "cec", None)]:
        await add_chat(sessions, chat_id, (category, score))


async def all_draws(sessions: async_sessionmaker[AsyncSession]) -> list[Draw]:
    async with sessions() as session:
        return list(await session.scalars(select(Draw).order_by(Draw.date, Draw.id)))


async def queued(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[str | None, int, str]]:
    async with sessions() as session:
        rows = await session.execute(
            select(Draw.number, Delivery.chat_id, Delivery.kind)
            .join(Draw, Draw.id == Delivery.draw_id)
            .order_by(Delivery.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def reports_of(sessions: async_sessionmaker[AsyncSession], draw: Draw) -> list[str]:
    async with sessions() as session:
        query = (
            select(FeedEntry.entry_key)
            .join(Report, Report.entry_id == FeedEntry.id)
            .where(Report.draw_id == draw.id)
        )
        return sorted(await session.scalars(query))


async def test_the_real_articles_make_one_draw_and_one_alert_each(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await subscribers(sessions)
    assert (await poll(client, sessions, feed)).first_run  # the old entry is history
    feed.set_body(rss(OLD_NEWS, *real_articles()))
    report = await poll(client, sessions, feed)
    assert report.error is None
    [stem] = [d for d in await all_draws(sessions) if d.category == "stem"]
    assert (stem.number, stem.date, stem.invitations, stem.crs, stem.confirmed) == (
        "254", date(2023, 7, 5), 500, 486, False,
    )  # fmt: skip
    assert stem.tie_break == datetime(2022, 11, 23, 0, 1, 29, tzinfo=UTC)
    assert await reports_of(sessions, stem) == [
        "urn:news:000", "urn:news:001", "urn:news:003", "urn:news:004",
    ]  # fmt: skip
    # 002's 6,000 at 485 disagrees with the STEM draw reported two days before: it is kept,
    # never merged into #254, and waits for the official round instead of being alerted
    async with sessions() as session:
        waiting = (await session.execute(
            select(Report.draw_id, Report.invitations, Report.crs)
            .join(FeedEntry, FeedEntry.id == Report.entry_id)
            .where(FeedEntry.entry_key == "urn:news:002")
        )).all()  # fmt: skip
    assert [tuple(row) for row in waiting] == [(None, 6000, 485)]
    # the table of 004 adds #253 and #252 with their real figures, and nothing else
    others = {d.number: (d.date, d.category, d.invitations, d.crs)
              for d in await all_draws(sessions) if d.category != "stem"}  # fmt: skip
    assert others == {
        "253": (date(2023, 7, 4), "general", 700, 511),
        "252": (date(2023, 6, 28), "healthcare", 500, 476),
    }
    # one alert per matching chat for #254; the table's past rounds alert nobody
    assert await queued(sessions) == [("254", 1, "alert")]


async def test_articles_about_stored_official_rounds_add_reports_and_no_alert(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    history: None,
) -> None:
    await subscribers(sessions)
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, *[item for item in real_articles() if item.guid != "urn:news:002"]))
    report = await poll(client, sessions, feed)
    assert report.new == []
    assert await queued(sessions) == []
    official = {d.number: d for d in await all_draws(sessions)}
    assert len(official) == 421
    assert await reports_of(sessions, official["254"]) == [
        "urn:news:000", "urn:news:001", "urn:news:003", "urn:news:004",
    ]  # fmt: skip
    assert await reports_of(sessions, official["253"]) == ["urn:news:004"]


async def _news_alerted(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    source: FakeSource,
    news: Item,
    scores: Sequence[int],
) -> None:
    """The official rounds stored, a chat for each STEM score, then the article read."""
    await poll_official(client, sessions, source.url, MAX_BYTES, news.published)
    for chat_id, score in enumerate(scores, start=1):
        await add_chat(sessions, chat_id, ("stem", score))
    await poll(client, sessions, feed, news.published)
    feed.set_body(rss(OLD_NEWS, news))
    await poll(client, sessions, feed, news.published)


async def _alert_sent(sessions: async_sessionmaker[AsyncSession]) -> None:
    """The one alert queued, as the sender leaves it."""
    async with sessions() as session, session.begin():
        alert = await session.scalar(select(Delivery))
        assert alert is not None
        alert.status = "sent"


async def _round_421(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    source: FakeSource,
    snapshot: dict[str, Any],
    on: date,
    now: datetime,
) -> Draw:
    """IRCC publishes #421 (held ``on``), 1,500 STEM candidates at 486, confirming the news
    draw."""
    new_round(snapshot, "421", crs="486", size="1,500", on=on)
    source.set_body(encode(snapshot))
    official = await poll_official(client, sessions, source.url, MAX_BYTES, now)
    assert ([d.number for d in official.confirmed], official.new) == (["421"], [])
    return next(d for d in await all_draws(sessions) if d.number == "421")


async def _correction(sessions: async_sessionmaker[AsyncSession]) -> list[Correction]:
    """What the one correction queued tells."""
    async with sessions() as session:
        fix = await session.scalar(select(Delivery).where(Delivery.kind == "correction"))
    assert fix is not None
    return corrections.corrections_of(fix)


async def test_an_official_round_confirms_a_news_draw_and_corrects_its_alerts(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    today = datetime(2026, 7, 2, 15, tzinfo=UTC)
    news = Item(
        "urn:421", "Express Entry draw #421: 1,500 STEM candidates invited",
        "<p>IRCC held Express Entry draw #421 on July 2, 2026, inviting 1,500 candidates "
        "in STEM occupations. The minimum CRS score was 490.</p>", today,
    )  # fmt: skip
    await _news_alerted(client, sessions, feed, source, news, [495, 488])
    assert await queued(sessions) == [("421", 1, "alert")]  # 488 is below 490
    await _alert_sent(sessions)

    draw = await _round_421(client, sessions, source, snapshot, today.date(), today)
    assert (draw.confirmed, draw.crs, draw.source) == (True, 486, "official")
    assert await queued(sessions) == [
        ("421", 1, "alert"), ("421", 1, "correction"), ("421", 2, "alert"),
    ]  # fmt: skip
    assert await _correction(sessions) == [Correction("crs", 490, 486)]


async def test_a_news_draw_that_never_dated_itself_owes_no_date_correction(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    source: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    """An article read the day after the round, without its date: the draw is dated the
    day it was reported, and says so; IRCC's own date corrects nothing it claimed, while
    its cut-off still does."""
    today = datetime(2026, 7, 3, 15, tzinfo=UTC)
    news = Item(
        "urn:421", "Express Entry: 1,500 STEM candidates invited",
        "<p>In the latest Express Entry draw, IRCC invited 1,500 candidates in STEM "
        "occupations. The minimum CRS score was 490.</p>", today,
    )  # fmt: skip
    await _news_alerted(client, sessions, feed, source, news, [495])
    [reported] = [d for d in await all_draws(sessions) if not d.confirmed]
    assert (reported.date, reported.undated) == (today.date(), True)
    async with sessions() as session:  # no days counted from the day it was reported
        _previous, context = await previous_and_context(session, reported)
    assert context is not None and context.days_since is None
    await _alert_sent(sessions)

    draw = await _round_421(client, sessions, source, snapshot, date(2026, 7, 2), today)
    assert (draw.date, draw.undated) == (date(2026, 7, 2), False)
    assert await _correction(sessions) == [Correction("crs", 490, 486)]


async def test_a_report_is_not_a_new_draw_when_the_official_data_lists_that_day(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    history: None,
) -> None:
    await subscribers(sessions)
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, article("002", ARTICLES[2][1], JULY_6)))
    report = await poll(client, sessions, feed, official_fresh=True)
    assert report.new == [] and await queued(sessions) == []
    report = await poll(client, sessions, feed, official_fresh=False)  # nothing new to read
    assert report.new == []


async def test_entries_of_the_first_poll_are_history(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await subscribers(sessions)
    feed.set_body(rss(*real_articles()))
    report = await poll(client, sessions, feed)
    assert report.first_run and len(report.new) == 3  # #254, #253, #252
    assert await queued(sessions) == []


async def test_an_entry_is_read_once_and_again_when_it_changes(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await subscribers(sessions)
    await poll(client, sessions, feed)
    first = article("003", ARTICLES[3][1], JULY_6)
    feed.set_body(rss(OLD_NEWS, first))
    assert len((await poll(client, sessions, feed)).new) == 1
    feed.etag_enabled = feed.last_modified_enabled = False  # a 200 with the same entries
    again = await poll(client, sessions, feed, JULY_6 + timedelta(minutes=1))
    assert (again.new, again.queued) == ([], 0)
    changed = Item(first.guid, first.title, first.body + "<p>Updated.</p>", JULY_6, first.link)
    feed.set_body(rss(OLD_NEWS, changed))
    await poll(client, sessions, feed, JULY_6 + timedelta(minutes=2))
    async with sessions() as session:
        rows = (await session.scalars(select(Report).where(Report.number == "254"))).all()
    assert len(rows) == 1  # re-read, not reported twice
    assert len(await queued(sessions)) == 1


async def test_a_feed_that_answers_304_is_not_read(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await poll(client, sessions, feed)
    assert (await poll(client, sessions, feed)).outcome == PollOutcome.NOT_MODIFIED
    assert feed.requests[-1].status == 304


@pytest.mark.parametrize(
    ("body", "outcome", "new"),
    [
        (b"<rss><channel><title>x</title></channel></rss>", PollOutcome.NEW_CONTENT, 0),
        (b"", PollOutcome.FAILED, 0),
        (b"<html><body>Not a feed</body></html>", PollOutcome.FAILED, 0),
    ],
)
async def test_empty_and_unreadable_feeds(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    body: bytes,
    outcome: PollOutcome,
    new: int,
) -> None:
    feed.set_body(body)
    report = await poll(client, sessions, feed)
    assert (report.outcome, len(report.new)) == (outcome, new)


async def test_a_malformed_feed_still_yields_what_it_could_read(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await poll(client, sessions, feed)
    broken = rss(OLD_NEWS, article("003", ARTICLES[3][1], JULY_6)).replace(
        b"</channel></rss>", b"<item><title>cut off"
    )
    feed.set_body(broken)
    report = await poll(client, sessions, feed)
    assert report.problems and "malformed feed" in report.problems[0]
    assert [draw.number for draw in report.new] == ["254"]


@pytest.mark.slow  # waits for the service's scheduled polls
async def test_the_service_alerts_once_from_news_then_confirms_from_the_official_data(
    telegram: FakeTelegram,
    database: str,
    source: FakeSource,
    feed: FakeSource,
    snapshot: dict[str, Any],
) -> None:
    """The real Application: a draw is alerted from the news, the official data confirms it,
    and nobody is told twice."""
    settings = settings_for(
        telegram, database, source.url, feed_urls=[feed.url], poll_interval_seconds=5,
        send_interval_seconds=1,
    )  # fmt: skip
    today = datetime.now(UTC)
    async with running(settings):
        stem, cec = Chat(telegram, 1), Chat(telegram, 2)

        async def latest_is(number: str, category: str = "") -> bool:
            text = await stem.ask(f"/latest {category}")
            return f"{number} ·" in text and "Official round details" in text

        await eventually(lambda: latest_is("#420"), "the first polls, which store history")
        await stem.ask("/subscribe stem 490")
        await cec.ask("/subscribe cec")
        replies = len(telegram.messages_to(1))
        news = Item(
            "urn:421", "Express Entry Draw #421: 1,500 STEM candidates invited",
            f"<p>IRCC held Express Entry draw #421 on {today:%B} {today.day}, {today.year}, "
            "inviting 1,500 candidates in STEM occupations with a minimum CRS score of 486."
            "</p>", today, "https://news.example/421",
        )  # fmt: skip
        feed.set_body(rss(OLD_NEWS, news))
        alert = (await telegram.await_messages(replies + 1, chat_id=1, timeout=30))[replies]
        assert alert.text.startswith("🔔 <b>Express Entry draw reported</b>")
        assert "#421 · STEM occupations" in alert.text and "486" in alert.text

        new_round(snapshot, "421", crs="486", size="1,500", on=today.date())
        source.set_body(encode(snapshot))
        await eventually(lambda: latest_is("#421", "stem"), "the official data to confirm #421")
        second = Item("urn:421b", "STEM draw: 1,500 invited at 486",
                      news.body, today, "https://other.example/421")  # fmt: skip
        feed.set_body(rss(OLD_NEWS, news, second))
        await polled(feed, len(feed.requests) + 2)  # two more polls of the feed
    alerts = [m for m in telegram.messages_to(1) if m.text.startswith(("🔔", "✏️"))]
    assert len(alerts) == 1
    assert [m for m in telegram.messages_to(2) if m.text.startswith(("🔔", "✏️"))] == []

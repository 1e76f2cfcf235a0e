"""News about provincial draws: an article announcing a province's draw gives a report a
stream, never a federal draw; a confident one is stored as a provincial draw known from the
news only and alerted as reported, not confirmed; the province's own page later replaces its
figures, and the chats it reached are told what the news got wrong.

The articles here are our own, each written after a pattern seen in real ones (prose
naming each stream's figures, key-facts lines under a stream's name, a table, French).
"""

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from core.clock import utcnow
from core.provinces.values import Bound, Invitations, ProvincialDraw, Scale
from db.models import Delivery, Draw
from jobs.feeds import poll_feed
from jobs.news import extract
from jobs.provinces import ProvincePage
from jobs.provinces.bc import read as bc_read
from jobs.provinces.sources import ProvinceSource
from jobs.source import PollOutcome, PollReport
from tests.conftest import MAX_BYTES, add_chat, eventually, polled, running, sender_of, settings_for
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram
from tests.feeds import Item, paragraphs, rss

PUBLISHED = datetime(2026, 11, 20, 15, tzinfo=UTC)
Expected = tuple[str, str, date, int | None, Bound | None, int | None]  # the figures compared

BC_PROSE = """\
The British Columbia Provincial Nominee Program (BC PNP) held a targeted draw on November 18, 2026.
The province invited 143 candidates in the Healthcare draw with a minimum score of 76.
A childcare draw invited fewer than 5 candidates, with a minimum score of 99.
In the previous draw, on November 4, the minimum score for healthcare was 80.
"""
SK_KEY_FACTS = """\
The Saskatchewan Immigrant Nominee Program (SINP) held an Expression of Interest draw on
November 19.
Express Entry: 500 invitations, minimum score 88
Occupations In-Demand: 420 invitations, minimum score 78
Candidates with a nomination receive 600 additional points under Express Entry.
"""
MB_HEADINGS = """\
Manitoba held Expression of Interest Draw #262 on November 13, 2026.
Skilled Workers in Manitoba
Number of Letters of Advice to Apply issued: 250
Ranking score of lowest-ranked candidate: 620
International Education Stream
Number of Letters of Advice to Apply issued: 48
Ranking score of lowest-ranked candidate: 520
Previous draws
Skilled Workers in Manitoba: 300 letters, lowest score 640 on October 30
"""
ON_TABLE = """\
<p>The Ontario Immigrant Nominee Program (OINP) issued invitations on November 17, 2026.</p>
<table><tr><th>Stream</th><th>Invitations issued</th><th>Score</th></tr>
<tr><td>Employer Job Offer: Foreign Worker</td><td>612</td><td>41 and above</td></tr>
<tr><td>Masters Graduate</td><td>102</td><td>52 and above</td></tr></table>
"""
FR_TECH = """\
Le 18 novembre 2026, le PCP de la C.-B. a tenu un tirage du volet Tech.
La province a invité 112 candidats avec une note minimale de 110.
"""
AB_CONTRADICTS = """\
The Alberta Advantage Immigration Program (AAIP) held a draw on November 12, 2026.
The Alberta Opportunity Stream draw invited 75 candidates with a minimum score of 65.
The Alberta Opportunity Stream minimum score was 62 in this draw.
"""


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "BC PNP invites 143 healthcare workers in latest draw", BC_PROSE,
            [("bc", "bc-healthcare", date(2026, 11, 18), 143, Bound.EXACT, 76),
             ("bc", "bc-childcare", date(2026, 11, 18), 5, Bound.FEWER_THAN, 99)],
            id="prose, a bound, the previous draw left out",
        ),
        pytest.param(
            "SINP draw: 920 invitations issued", SK_KEY_FACTS,
            [("sk", "sk-express-entry", date(2026, 11, 19), 500, Bound.EXACT, 88),
             ("sk", "sk-occupations-in-demand", date(2026, 11, 19), 420, Bound.EXACT, 78)],
            id="a stream a line, a nomination's 600 points left out",
        ),
        pytest.param(
            "MPNP draw #262: 298 LAAs issued", MB_HEADINGS,
            [("mb", "mb-swm", date(2026, 11, 13), 250, Bound.EXACT, 620),
             ("mb", "mb-ies", date(2026, 11, 13), 48, Bound.EXACT, 520)],
            id="key facts under each stream's name, earlier draws after their heading",
        ),
        pytest.param(
            "Ontario PNP draw: 714 invitations", ON_TABLE,
            [("on", "on-fw", date(2026, 11, 17), 612, Bound.EXACT, 41),
             ("on", "on-masters", date(2026, 11, 17), 102, Bound.EXACT, 52)],
            id="a table",
        ),
        pytest.param(
            "Tirage de la Colombie-Britannique : 112 invitations", FR_TECH,
            [("bc", "bc-tech", date(2026, 11, 18), 112, Bound.EXACT, 110)],
            id="French",
        ),
    ],
)  # fmt: skip
def test_an_article_about_a_provincial_draw_gives_a_report_a_stream(
    title: str, body: str, expected: list[Expected]
) -> None:
    markup = body if body.startswith("<") else paragraphs(body)
    extraction = extract(title, markup, PUBLISHED)
    assert extraction.main is None and extraction.table == ()
    assert all(report.confident for report in extraction.provincial)
    assert [figures(report.draw) for report in extraction.provincial] == expected


def figures(draw: ProvincialDraw) -> Expected:
    count = draw.invitations
    return (
        draw.province, draw.stream, draw.date, count.count if count else None,
        count.bound if count else None, draw.min_score,
    )  # fmt: skip


def test_two_scores_for_one_stream_are_a_contradiction_never_a_choice() -> None:
    [report] = extract("AAIP draw: 75 invited", paragraphs(AB_CONTRADICTS), PUBLISHED).provincial
    assert report.draw.stream == "ab-opportunity"
    assert report.contradictions == ("min_score: 65 and 62",) and not report.confident


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("BC PNP draws expected to resume next month", "BC will hold draws for Tech candidates."),
        ("PNP draws this week: BC, Ontario and Manitoba invite 1,500", "BC invited 500 Tech."),
        (
            "Express Entry draw: 1,000 PNP candidates invited",
            "IRCC invited 1,000 candidates "
            "from the Provincial Nominee Program with a CRS cut-off of 720.",
        ),
        ("Saskatchewan pauses its Expression of Interest draws", "No draw was held this month."),
        (
            "How to get an invitation from Ontario's Human Capital Priorities stream",
            "Candidates with CRS scores of 460 or more may be invited.",
        ),
        ("SINP draw: 500 invitations", "Saskatchewan invited 500 candidates in a draw."),
    ],
)
def test_articles_that_announce_no_stream_s_draw_give_no_report(title: str, body: str) -> None:
    """(Express Entry's own PNP draw is a federal draw, read as such.)"""
    assert extract(title, paragraphs(body), PUBLISHED).provincial == ()


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        pytest.param(
            "SINP draw: 259 invited",
            "Saskatchewan held a draw on November 19: 136 candidates were invited under the "
            "Express Entry sub-category, and 123 candidates under the Occupations In-Demand "
            "sub-category.\n"
            "Regardless of the sub-category, candidates needed at least 70 points.",
            [("sk-express-entry", 136, 70), ("sk-occupations-in-demand", 123, 70)],
            id="figures paired clause by clause; one score said of every stream",
        ),
        pytest.param(
            "MPNP draw: 221 LAAs",
            "Manitoba held a draw on November 13, 2026.\n"
            "The letters of advice to apply were distributed as follows:\n"
            "Skilled Workers in Manitoba: 165\nInternational Education Stream: 33",
            [("mb-swm", 165, None), ("mb-ies", 33, None)],
            id="a list's bare numbers are what its heading counts",
        ),
        pytest.param(
            "BC PNP Tech draw: 92 invited",
            "On November 18, 2026, BC invited 92 candidates in the Tech draw. The minimum "
            "score for this draw was 94 points. Out of the 92 invited, 12 held a job offer "
            "in Training, Education, Experience and Responsibilities category 0.",
            [("bc-tech", 92, 94)],
            id="this draw goes on; a share is no count; 'Education' alone is no stream",
        ),
        pytest.param(
            "SINP draw: 500 invitations",
            "Saskatchewan's November 19 draw invited 500 Express Entry candidates. The minimum "
            "required score for the November 19 round was 78. The province has invited more "
            "than 7,700 candidates this year.",
            [("sk-express-entry", 500, 78)],
            id="a day is no score; 'more than' is no count",
        ),
        pytest.param(
            "BC PNP general draw: 306 invited",
            "On November 18, 2026, BC invited candidates in the Skilled Worker, International "
            "Graduate and Entry Level and Semi-Skilled streams. The minimum scores for that "
            "draw ranged from 68 to 91 points. A total of 306 candidates were invited.",
            [],
            id="a range over several streams and a total are no stream's figures",
        ),
    ],
)
def test_figures_are_given_to_the_streams_they_are_said_of(
    title: str, body: str, expected: list[tuple[str, int | None, int | None]]
) -> None:
    found = extract(title, paragraphs(body), PUBLISHED).provincial
    confident = [
        (report.draw.stream, report.draw.invitations and report.draw.invitations.count,
         report.draw.min_score)
        for report in found
        if report.confident
    ]  # fmt: skip
    assert confident == expected


@pytest.mark.parametrize(
    "body",
    [
        "IRCC invited 955 PNP candidates on November 19, some nominated through Ontario's "
        "Human Capital Priorities stream. The cut-off was 730.",
        "IRCC invited 955 PNP candidates nominated through Ontario's Human Capital Priorities "
        "stream on November 19. The cut-off was 730.",
    ],
)
def test_ircc_s_pnp_draw_naming_a_province_s_stream_is_federal(body: str) -> None:
    """IRCC's draw, whose nominees one province's stream had chosen, is no draw of that
    province's: it is the federal PNP draw."""
    extraction = extract("Express Entry PNP draw", paragraphs(body), PUBLISHED)
    assert extraction.provincial == ()
    assert extract("Posted by the editors", paragraphs(body), PUBLISHED).provincial == ()
    assert extraction.main is not None and extraction.main.alertable
    main = extraction.main
    assert (main.category, main.invitations, main.crs) == ("pnp", 955, 730)


def test_a_month_s_tally_is_no_draw() -> None:
    body = "The 186 invitations issued by New Brunswick in March went to Express Entry candidates."
    assert extract("New Brunswick issued 186 invitations in March", paragraphs(body), PUBLISHED
                   ).provincial == ()  # fmt: skip


def test_a_crs_cut_off_is_not_a_score_on_a_province_s_own_scale() -> None:
    body = "Saskatchewan invited 500 Express Entry candidates with a minimum CRS score of 486."
    [report] = extract("SINP Express Entry draw", paragraphs(body), PUBLISHED).provincial
    assert (report.draw.stream, report.draw.min_score) == ("sk-express-entry", None)


# From the feed to the chats.


def news_item(guid: str, title: str, body: str, published: datetime) -> Item:
    return Item(guid, title, paragraphs(body), published, f"https://pnp.example/{guid}")


async def poll(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> PollReport:
    return await poll_feed(client, sessions, feed.url, MAX_BYTES, utcnow(), False)


async def provincial_draws(sessions: async_sessionmaker[AsyncSession]) -> list[Draw]:
    async with sessions() as session:
        query = select(Draw).where(Draw.province.is_not(None)).order_by(Draw.category)
        return list(await session.scalars(query))


async def test_a_confident_report_is_alerted_as_reported_to_the_province_s_chats_only(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    subscribed = {
        1: ("sk", None), 2: ("sk-express-entry", 90), 3: ("sk-express-entry", 80),
        4: ("all", None), 5: ("pnp", None), 6: ("bc", None),
    }  # fmt: skip
    for chat_id, subscription in subscribed.items():
        await add_chat(sessions, chat_id, subscription)
    assert (await poll(client, sessions, feed)).first_run
    today = utcnow()
    body = SK_KEY_FACTS.replace("November 19", f"{today:%B} {today.day}")
    feed.set_body(rss(news_item("urn:sk", "SINP draw: 920 invitations issued", body, today)))
    report = await poll(client, sessions, feed)
    assert report.outcome is PollOutcome.NEW_CONTENT
    draws = await provincial_draws(sessions)
    assert [(draw.category, draw.crs, draw.confirmed, draw.source) for draw in draws] == [
        ("sk-express-entry", 88, False, "news"),
        ("sk-occupations-in-demand", 78, False, "news"),
    ]
    async with sessions() as session:
        assert await session.scalar(select(Draw).where(Draw.province.is_(None))) is None
    await sender_of(sessions).deliver(bot)
    [both] = telegram.messages_to(1)
    assert both.text.startswith("🔔 <b>2 new provincial draws reported</b>")
    assert (
        "<b>Saskatchewan · International Skilled Worker - Saskatchewan Express Entry" in both.text
    )
    assert "Minimum score: <b>88</b> (SINP expression-of-interest points)" in both.text
    assert "not confirmed by the province's own page" in both.text
    assert '<a href="https://pnp.example/urn:sk">pnp.example</a>' in both.text
    [one] = telegram.messages_to(2)
    assert "Occupations In-Demand" not in one.text and "✅ Your 90 is 2 above" in one.text
    for chat_id in (3, 4, 5, 6):
        assert telegram.messages_to(chat_id) == []

    again = await poll(client, sessions, feed)  # the same entry: read once
    assert (again.new, again.queued) == ([], 0)


async def test_the_province_s_page_replaces_a_reported_draw_and_corrects_its_alerts(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    bot: Bot,
    telegram: FakeTelegram,
) -> None:
    await add_chat(sessions, 1, ("bc-tech", None))
    await poll(client, sessions, feed)
    day = utcnow().date() - timedelta(days=1)
    body = (
        f"On {day:%B} {day.day}, {day.year}, the BC PNP held a Tech draw.\n"
        "The province invited 112 candidates with a minimum score of 110."
    )
    feed.set_body(rss(news_item("urn:bc", "BC PNP Tech draw: 112 invited", body, utcnow())))
    assert (await poll(client, sessions, feed)).queued == 1
    await sender_of(sessions).deliver(bot)
    assert "Provincial draw reported" in telegram.messages_to(1)[0].text

    page = ProvincialDraw(
        "bc", "bc-tech", "Tech", day, Invitations(112), 111, Scale.BC_REGISTRATION
    )
    source = ProvinceSource("bc", "http://127.0.0.1/unused", bc_read)
    report = PollReport("bc", PollOutcome.NEW_CONTENT)
    async with sessions() as session, session.begin():
        await source.store(session, ProvincePage([page]), report, utcnow())
    assert (report.new, len(report.updated), report.queued) == ([], 1, 1)
    [draw] = await provincial_draws(sessions)
    assert (draw.crs, draw.confirmed, draw.source) == (111, True, "bc")
    await sender_of(sessions).deliver(bot)
    correction = telegram.messages_to(1)[-1].text
    assert correction.startswith("✏️ <b>Correction</b>")
    assert "minimum score 111, not 110" in correction
    assert "not confirmed" not in correction
    async with sessions() as session:
        kinds = (await session.scalars(select(Delivery.kind).order_by(Delivery.id))).all()
    assert kinds == ["alert", "correction"]  # no second alert


@pytest.mark.slow  # polls on the scheduler's own time
async def test_the_running_bot_alerts_a_provincial_draw_from_a_feed(
    telegram: FakeTelegram, database: str, sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
) -> None:  # fmt: skip
    await add_chat(sessions, 1, ("mb", None))
    await add_chat(sessions, 2, ("all", None))
    settings = settings_for(
        telegram, database, feed_urls=[feed.url], poll_interval_seconds=5,
        send_interval_seconds=1,
    )  # fmt: skip
    async with running(settings):
        await polled(feed, 1)
        today = utcnow()
        body = MB_HEADINGS.replace("November 13, 2026", f"{today:%B} {today.day}, {today.year}")
        feed.set_body(rss(news_item("urn:mb", "MPNP draw #262: 298 LAAs issued", body, today)))
        await telegram.await_messages(1)

        async def stored() -> bool:
            return len(await provincial_draws(sessions)) == 2

        await eventually(stored, "both streams stored")
    [alert] = telegram.messages_to(1)
    assert alert.text.startswith("🔔 <b>2 new provincial draws reported</b>")
    assert "Skilled Worker in Manitoba" in alert.text and "International Education" in alert.text
    assert telegram.messages_to(2) == []

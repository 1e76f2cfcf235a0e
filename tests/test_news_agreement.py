"""Reports that are not confident alone: two independent publishers stating the same draw,
and the stored rounds choosing between the figures an article states. The articles are our
own, each with the kind of slip real ones make."""

from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Delivery, Draw, FeedEntry, Report
from jobs.feeds import poll_feed
from jobs.source import PollReport
from tests.conftest import MAX_BYTES, add_chat
from tests.fakes.http import FakeSource
from tests.feeds import OLD_NEWS, Item, paragraphs, rss

JULY_8 = datetime(2026, 7, 8, 19, tzinfo=UTC)  # after the snapshot's newest round, #420
# Alone, each contradicts itself: 3,000 or 2,000 invitations; a cut-off of 512 or 515.
FIRST = (
    "Express Entry: 3,000 CEC candidates invited",
    "Key facts:\nCategory: Canadian Experience Class\nInvitations: 3,000\nCRS cut-off: 512\n"
    "On July 8, IRCC invited 2,000 Canadian Experience Class candidates in the draw.",
)
SECOND = (
    "IRCC holds a CEC draw",
    "On July 8, IRCC invited 3,000 Canadian Experience Class candidates with a minimum CRS "
    "score of 512. Candidates needed a CRS score of 515 to be invited in the draw.",
)


def item(guid: str, site: str, article: tuple[str, str], published: datetime = JULY_8) -> Item:
    title, body = article
    return Item(guid, title, paragraphs(body), published, f"https://{site}/{guid}")


async def poll(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> PollReport:
    return await poll_feed(client, sessions, feed.url, MAX_BYTES, JULY_8, False)


async def news_draws(sessions: async_sessionmaker[AsyncSession]) -> list[Draw]:
    async with sessions() as session:
        return list(await session.scalars(select(Draw).where(Draw.source == "news")))


async def filed(sessions: async_sessionmaker[AsyncSession]) -> dict[str, Report]:
    async with sessions() as session:
        rows = await session.execute(
            select(FeedEntry.entry_key, Report).join(Report, Report.entry_id == FeedEntry.id)
        )
        return {key: report for key, report in rows}


async def test_two_publishers_stating_the_same_draw_make_it_confident_and_it_is_alerted_once(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await add_chat(sessions, 1, ("cec", None))
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", FIRST)))
    assert (await poll(client, sessions, feed)).new == []  # not confident alone
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", FIRST),
                      item("urn:b", "www.two.example", SECOND)))  # fmt: skip
    report = await poll(client, sessions, feed)
    [draw] = await news_draws(sessions)
    assert [new.id for new in report.new] == [draw.id] and report.queued == 1
    assert (draw.category, draw.date, draw.invitations, draw.crs, draw.confirmed) == (
        "cec", date(2026, 7, 8), 3000, 512, False,
    )  # fmt: skip
    reports = await filed(sessions)
    assert reports["urn:a"].draw_id == reports["urn:b"].draw_id == draw.id
    assert reports["urn:b"].agrees_with == reports["urn:a"].id  # which sources agreed
    assert reports["urn:a"].alternatives == {"invitations": [3000, 2000]}
    again = await poll(client, sessions, feed)
    assert (again.new, again.queued) == ([], 0)
    async with sessions() as session:
        assert len((await session.scalars(select(Delivery))).all()) == 1


async def test_two_articles_of_one_publisher_are_not_two_sources(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", FIRST),
                      item("urn:b", "www.one.example", SECOND)))  # fmt: skip
    assert (await poll(client, sessions, feed)).new == []
    assert await news_draws(sessions) == []


async def test_a_report_that_disagrees_with_a_reported_draw_waits_for_the_official_round(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    await add_chat(sessions, 1, ("cec", None))
    await poll(client, sessions, feed)
    confident = ("CEC draw: 3,000 invited", "On July 8, IRCC invited 3,000 CEC candidates "
                 "with a minimum CRS score of 512.")  # fmt: skip
    other = ("CEC draw: 3,500 invited", "On July 8, IRCC invited 3,500 CEC candidates with "
             "a minimum CRS score of 509.")  # fmt: skip
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", confident)))
    assert (await poll(client, sessions, feed)).queued == 1
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", confident),
                      item("urn:b", "two.example", other)))  # fmt: skip
    report = await poll(client, sessions, feed)
    assert (report.new, report.queued) == ([], 0)
    reports = await filed(sessions)
    assert (reports["urn:b"].draw_id, reports["urn:b"].crs) == (None, 509)


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    ("article", "expected"),
    [
        pytest.param(
            ("Express Entry: 3,000 CEC candidates invited",
             "On July 8, IRCC invited 3,000 Canadian Experience Class candidates with a "
             "minimum CRS score of 512. The draw's cut-off was 612 points."),
            (None, 3000, 512),
            id="the one cut-off within the category's run",
        ),
        pytest.param(
            ("Express Entry: 3,000 CEC candidates invited",
             "Key facts:\nDate: July 8, 2026\nCategory: Canadian Experience Class\n"
             "Invitations: 3,000\nCRS cut-off: 512\n"
             "The cut-off for the CEC was 516 and 4,000 candidates received invitations."),
            (None, 3000, 512),
            id="the last round's 516 and 4,000 (#420, June 23), left in the prose",
        ),
    ],
)  # fmt: skip
async def test_the_stored_rounds_choose_between_the_figures_an_article_states(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    article: tuple[str, str],
    expected: tuple[str | None, int, int],
) -> None:
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", article)))
    await poll(client, sessions, feed)
    [draw] = await news_draws(sessions)
    assert (draw.number, draw.invitations, draw.crs) == expected


@pytest.mark.usefixtures("history")
async def test_the_stored_rounds_never_supply_a_figure_the_article_does_not_state(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    """Neither cut-off is within CEC's run (about 516): the report stays contradicted."""
    article = ("Express Entry: 3,000 CEC candidates invited", "On July 8, IRCC invited 3,000 "
               "Canadian Experience Class candidates with a minimum CRS score of 612. The "
               "draw's cut-off was 412 points.")  # fmt: skip
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", article)))
    await poll(client, sessions, feed)
    assert await news_draws(sessions) == []


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    ("body", "figures"),
    [
        pytest.param(
            "On July 8, IRCC invited 3,000 Canadian Experience Class candidates. The draw's "
            "cut-off was 75 points.",
            (3000, 75),
            id="CEC's latest cut-offs are about 516, not 75",
        ),
        pytest.param(
            "On July 8, IRCC invited 60,000 Canadian Experience Class candidates with a "
            "minimum CRS score of 512.",
            (60000, 512),
            id="no round has had half as many invitations (27,332 at the most)",
        ),
        pytest.param(
            "On July 8, IRCC invited 3,000 Canadian Experience Class candidates with a "
            "minimum CRS score of 516. In all, 4,000 candidates were invited.",
            (3000, 516),
            id="the 4,000 and the 516 both #420's: the report mixes two rounds",
        ),
    ],
)  # fmt: skip
async def test_what_the_stored_rounds_contradict_waits_for_the_official_round(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    body: str,
    figures: tuple[int, int],
) -> None:
    """A report the official history makes unlikely, however many publishers state it, is
    filed and alerts nobody until the official round says so."""
    article = ("Express Entry: CEC candidates invited", body)
    await add_chat(sessions, 1, ("cec", None))
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", article),
                      item("urn:b", "two.example", article)))  # fmt: skip
    report = await poll(client, sessions, feed)
    assert (report.new, report.queued, await news_draws(sessions)) == ([], 0, [])
    reports = await filed(sessions)
    filed_figures = [(r.category, r.invitations, r.crs, r.draw_id) for r in reports.values()]
    assert filed_figures == [("cec", *figures, None)] * 2


async def test_a_report_says_how_its_date_was_placed(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    article = ("CEC draw today", "IRCC held an Express Entry draw today, inviting 3,000 "
               "Canadian Experience Class candidates with a minimum CRS score of 512.")  # fmt: skip
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, item("urn:a", "one.example", article)))
    await poll(client, sessions, feed)
    reports = await filed(sessions)
    assert (reports["urn:a"].date, reports["urn:a"].date_basis) == (date(2026, 7, 8), "today")


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(
    ("published", "body", "expected"),
    [
        pytest.param(
            datetime(2026, 7, 1, 12, tzinfo=UTC),
            "What does the latest CEC draw tell candidates? IRCC invited 4,000 Canadian "
            "Experience Class candidates with a minimum CRS score of 516.",
            "420",
            id="#420's figures, eight days on, undated: that round",
        ),
        pytest.param(
            datetime(2026, 7, 1, 12, tzinfo=UTC),
            "IRCC invited Canadian Experience Class candidates with a minimum CRS score of "
            "516 in the latest draw.",
            "420",
            id="its cut-off alone",
        ),
        pytest.param(
            datetime(2026, 7, 1, 12, tzinfo=UTC),
            "IRCC invited 3,000 Canadian Experience Class candidates with a minimum CRS "
            "score of 509.",
            (3000, 509),
            id="other figures: a new round",
        ),
        pytest.param(
            datetime(2026, 11, 20, 12, tzinfo=UTC),
            "Looking back at the summer: IRCC invited 4,000 Canadian Experience Class "
            "candidates with a minimum CRS score of 516.",
            "420",
            id="all three of #420's figures, five months on: that round",
        ),
        pytest.param(
            datetime(2026, 11, 20, 12, tzinfo=UTC),
            "IRCC invited Canadian Experience Class candidates with a minimum CRS score of "
            "516 in the latest draw.",
            (None, 516),
            id="its cut-off alone, five months on: a new round",
        ),
        pytest.param(
            datetime(2026, 7, 1, 12, tzinfo=UTC),
            "Looking back at May: IRCC invited 3,000 Canadian Experience Class candidates "
            "with a minimum CRS score of 518.",
            "417",
            id="#417's figures, five weeks on: that round",
        ),
        # the latest draw cannot be one its category held again since (#417, then #420)
        pytest.param(
            datetime(2026, 7, 1, 12, tzinfo=UTC),
            "In the latest Express Entry draw, IRCC invited 3,000 Canadian Experience Class "
            "candidates with a minimum CRS score of 518.",
            (3000, 518),
            id="#417's figures in 'the latest draw', after #420: a new round",
        ),
    ],
)  # fmt: skip
async def test_an_undated_article_restating_a_recent_round_makes_no_new_draw(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    published: datetime,
    body: str,
    expected: str | tuple[int | None, int],
) -> None:
    """An article that never dates its draw is read as of its publication day: one that
    quotes a round IRCC published days before (or all of its figures, months before) is
    filed against that round (``expected``, its number), not alerted as a new one; unless
    it calls its draw the latest and the round's category held another since. A new draw's
    ``expected``: its invitations and cut-off."""
    article = Item("urn:a", "Express Entry: what the CEC draw means", paragraphs(body),
                   published, "https://one.example/urn:a")  # fmt: skip
    await poll(client, sessions, feed)
    feed.set_body(rss(OLD_NEWS, article))
    report = await poll(client, sessions, feed)
    async with sessions() as session:
        number = await session.scalar(select(Draw.number).join(Report, Report.draw_id == Draw.id))
    if isinstance(expected, str):
        assert (report.new, report.queued, number) == ([], 0, expected)
    else:
        [draw] = report.new
        assert (draw.date, draw.invitations, draw.crs, number) == (
            published.date(),
            *expected,
            None,
        )

"""IRCC's Ministerial Instructions for a round, read by their own wording: the figures of
the round they set, one report for each Instructions, and nothing from what they only cite.
The texts are our own, in the form the Instructions took from 2015 to 2020 and with real
rounds' figures."""

from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.reports import Confidence
from db.models import Delivery, Draw
from jobs.feeds import poll_feed
from jobs.news import extract
from jobs.news.instructions import instructions_findings
from tests.conftest import MAX_BYTES, add_chat
from tests.fakes.http import FakeSource
from tests.feeds import OLD_NEWS, Item, paragraphs, rss

DASH = "\u2013"  # the dash of the Instructions' headings
TITLE = (
    "Ministerial Instructions respecting invitations to apply for permanent residence under "
    "the Express Entry system"
)
GAZETTE = (
    "the Ministerial Instructions Respecting the Express Entry System, as published in the "
    "Canada Gazette, Part I, on December 1, 2014, and as amended from time to time"
)


def instructions(heading: str, given: str, period: str, size: str, moment: str, points: int) -> str:
    return (
        f"{TITLE} {heading}\n"
        "The Minister of Citizenship and Immigration, pursuant to section 10.3 of the "
        "_Immigration and Refugee Protection Act_, gives the annexed Instructions.\n"
        f"Ottawa, {given}\n"
        "Determination — number of invitations\n"
        "**1.** (1) For the purposes of paragraph 10.2(1)(_b_) of the Act, the number of "
        f"invitations that may be issued during the period {period}, is{size}\n"
        "Required rank\n"
        f"(2) Foreign nationals who, on **{moment} UTC**, have been assigned a total of "
        f"**{points}** points or more under the Comprehensive Ranking System that is set out in "
        f"{GAZETTE}, occupy the rank required to be invited to make an application."
    )


def share(paragraph: str, count: str) -> str:
    return (
        ":\n1. in the case of foreign nationals who are members of the class referred to in "
        f"paragraph 2({paragraph}) of {GAZETTE}, **{count}**; and\n2. in any other case, zero."
    )


ROUND_50 = instructions(
    f"#50 {DASH} December 22, 2016", "December 22, 2016",
    "beginning on December 22, 2016 and ending on December 23, 2016", " **2,878**.",
    "December 22, 2016 at 13:39:04", 475,
)  # fmt: skip
ROUND_91A = instructions(
    f"#91a {DASH} May 30, 2018", "May 30, 2018",
    "beginning on May 29, 2018, and ending on May 30, 2018", share("c", "500"),
    "May 30, 2018, at 14:52:06", 288,
)  # fmt: skip
ROUND_91B = instructions(
    f"#91b {DASH} May 30, 2018", "May 30, 2018",
    "beginning on May 29, 2018, and ending on May 30, 2018", share("d", "200"),
    "May 30, 2018, at 14:52:06", 902,
)  # fmt: skip
# a page quoting them reworded, with no heading of theirs and a program of its own below
REWORDED = (
    "Ministerial Instructions regarding ITAs under the 105th Express Entry round",
    "The Minister furnished the annexed Instructions on 28th November 2018, pursuant to "
    "section 10.3 of the Act.\n"
    "1. (1) The number of invitations that might be issued for the duration that begins on "
    "November 28th 2018 and ends on November 29th 2018 is 3,900.\n"
    "(2) Foreign nationals who, on 28th November, 2018 at 12:14:58 UTC, have been assigned a "
    "total of 445 points or further, under the Comprehensive Ranking System, hold the rank "
    "needed to be invited.\n"
    "Our firm helps Canadian Experience Class candidates with 450 points and more.",
)

Figures = tuple[str | None, date | None, str | None, int | None, int | None]


def figures(report: object) -> Figures:
    names = ("number", "date", "category", "invitations", "crs")
    return tuple(getattr(report, name) for name in names)  # type: ignore[return-value]


def read(title: str, body: str, published: datetime) -> list[Figures]:
    extraction = extract(title, paragraphs(body), published)
    assert extraction.table == ()
    if extraction.main is None:
        return []
    return [figures(report) for report in (extraction.main, *extraction.others)]


@pytest.mark.parametrize(
    ("title", "body", "published", "expected"),
    [
        pytest.param(
            f"{TITLE} #50 {DASH} December 22, 2016", ROUND_50, datetime(2016, 12, 23, tzinfo=UTC),
            [("50", date(2016, 12, 22), "general", 2878, 475)], id="every-class",
        ),
        pytest.param(
            "Express Entry: the Instructions of May 30", f"{ROUND_91A}\n{ROUND_91B}",
            datetime(2018, 5, 31, tzinfo=UTC),
            [("91a", date(2018, 5, 30), "fst", 500, 288),
             ("91b", date(2018, 5, 30), "pnp", 200, 902)],
            id="two-rounds-one-page",
        ),
        pytest.param(
            *REWORDED, datetime(2018, 11, 29, tzinfo=UTC),
            [(None, date(2018, 11, 28), "general", 3900, 445)], id="reworded",
        ),
    ],
)  # fmt: skip
def test_instructions_give_the_round_they_set(
    title: str, body: str, published: datetime, expected: list[Figures]
) -> None:
    assert read(title, body, published) == expected


def test_a_round_of_the_instructions_is_confident_and_alertable() -> None:
    extraction = extract(TITLE, paragraphs(ROUND_50), datetime(2016, 12, 23, tzinfo=UTC))
    assert extraction.main is not None
    assert extraction.main.confidence == Confidence.HIGH
    assert extraction.main.alertable
    assert extraction.main.contradictions == ()


@pytest.mark.parametrize(
    ("heading", "number", "held"),
    [
        ("#November 13, 2015", None, date(2015, 11, 13)),  # the number left out
        (f" {DASH} January 6, 2016", None, date(2016, 1, 6)),
        (f"#23 {DASH} December 18, 2015", "23", date(2015, 12, 18)),
    ],
)
def test_a_heading_missing_its_number_still_dates_the_round(
    heading: str, number: str | None, held: date
) -> None:
    given = f"{held:%B} {held.day}, {held.year}"
    text = instructions(
        heading, given, f"beginning on {given} and ending on the next day", " 1,503.",
        f"{given} at 15:56:10", 460,
    )  # fmt: skip
    assert read(TITLE, text, datetime(2016, 1, 7, tzinfo=UTC)) == [
        (number, held, "general", 1503, 460)
    ]


@pytest.mark.parametrize(
    ("size", "category", "invitations"),
    [
        # a paragraph letter this reader does not know: the category stays unknown
        (share("a", "750"), None, 750),
        # a class named in words
        (
            ":\n(a) in the case of foreign nationals who are members of the Canadian experience "
            "class, 3,000; and\n(b) in any other case, zero.",
            "cec",
            3000,
        ),
        # a size for one category, named apart: the category is not the size's to tell
        (
            " 3,000.\n(1.1) The invitations are issued to eligible foreign nationals who are "
            "members of the Healthcare occupations category.",
            None,
            3000,
        ),
        # two classes at once: no total is stated, so neither size nor category is taken
        (
            ":\n(a) in the case of foreign nationals who are members of the class referred to in "
            f"paragraph 2(c) of {GAZETTE}, 300; and\n(b) in the case of foreign nationals who "
            f"are members of the class referred to in paragraph 2(d) of {GAZETTE}, 200.",
            None,
            None,
        ),
    ],
)
def test_only_what_a_class_s_share_states_is_taken(
    size: str, category: str | None, invitations: int | None
) -> None:
    text = instructions(
        f"#81 {DASH} March 26, 2018", "March 26, 2018",
        "beginning on March 26, 2018, and ending on March 27, 2018", size,
        "March 26, 2018, at 12:00:00", 400,
    )  # fmt: skip
    [(_number, _held, found_category, found_invitations, crs)] = read(
        TITLE, text, datetime(2018, 3, 27, tzinfo=UTC)
    )
    assert (found_category, found_invitations, crs) == (category, invitations, 400)


def test_the_gazette_s_date_is_no_size() -> None:
    """ "on December 1, 2014, and as amended": the 2014 ends no share of the round."""
    text = share("d", "143")
    determination = (
        "the number of invitations that may be issued during the period beginning on May 25, "
        f"2017 and ending on May 26, 2017 is{text}"
    )
    assert instructions_findings(TITLE, [determination]) == [
        [("invitations", 143), ("category", "pnp")]
    ]


def test_instructions_without_points_give_no_alertable_round() -> None:
    """Since December 2020 they state no points: the size alone alerts no one."""
    text = ROUND_50.split("Required rank")[0]
    extraction = extract(TITLE, paragraphs(text), datetime(2016, 12, 23, tzinfo=UTC))
    assert extraction.main is not None
    assert (extraction.main.invitations, extraction.main.crs) == (2878, None)
    assert not extraction.main.alertable


@pytest.mark.parametrize(
    "body",
    [
        # an article naming the Instructions without quoting their determination
        "IRCC invited 3,900 candidates on November 28, 2018, under Ministerial Instructions "
        "issued the same day. The minimum CRS score was 445.",
        # the Express Entry System's own Instructions: no round's figures
        f"{GAZETTE} set out the Comprehensive Ranking System, with up to 1,200 points.",
    ],
)
def test_text_quoting_no_determination_is_read_as_an_article(body: str) -> None:
    assert instructions_findings("Express Entry", [body]) == []


async def test_paired_instructions_are_filed_and_alerted_as_two_rounds(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    """Through the real feed poll: a trades and a PNP subscriber each get their round, once."""
    now = datetime(2018, 5, 30, 16, tzinfo=UTC)
    await add_chat(sessions, 1, ("fst", None))
    await add_chat(sessions, 2, ("pnp", None))
    await poll_feed(client, sessions, feed.url, MAX_BYTES, now, False)
    notice = Item(
        "urn:mi-91", TITLE, paragraphs(f"{ROUND_91A}\n{ROUND_91B}"), now, "https://x.example/91"
    )
    feed.set_body(rss(OLD_NEWS, notice))
    report = await poll_feed(client, sessions, feed.url, MAX_BYTES, now, False)
    assert report.queued == 2
    async with sessions() as session:
        draws = (await session.scalars(select(Draw).where(Draw.source == "news"))).all()
        assert sorted((d.number, d.category, d.invitations, d.crs) for d in draws) == [
            ("91a", "fst", 500, 288),
            ("91b", "pnp", 200, 902),
        ]
        by_draw = {d.id: d.category for d in draws}
        deliveries = (await session.scalars(select(Delivery))).all()
        assert sorted((d.chat_id, by_draw[d.draw_id]) for d in deliveries) == [
            (1, "fst"), (2, "pnp"),
        ]  # fmt: skip

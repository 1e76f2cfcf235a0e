"""Articles announcing several draws of one week: each draw read from its own part, and each
filed and alerted as its own. The articles are our own, written the way real ones give two
or three draws at once."""

from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Delivery, Draw, FeedEntry, Report
from jobs.feeds import poll_feed
from jobs.news import extract
from tests.conftest import MAX_BYTES, add_chat
from tests.fakes.http import FakeSource
from tests.feeds import OLD_NEWS, Item, paragraphs, rss

MARCH_7 = datetime(2025, 3, 7, 15, tzinfo=UTC)

TWO_SECTIONS = (
    "Canada holds two new Express Entry draws, inviting 5,225 candidates",
    "Immigration, Refugees and Citizenship Canada (IRCC) opened March with two Express Entry "
    "draws, issuing a total of 5,225 invitations to apply for permanent residence.\n"
    "First draw: provincial nominees\n"
    "The first draw, held on March 3, 2025, invited candidates with a provincial nomination. "
    "IRCC issued 725 invitations. The minimum CRS score was 667, down from the previous PNP "
    "draw in February, which had a cut-off of 750 and issued 646 invitations.\n"
    "Second draw: French-speaking candidates\n"
    "Three days later, on March 6, 2025, IRCC held a round for candidates with strong French "
    "language proficiency. This draw issued 4,500 invitations with a CRS cut-off of 410. The "
    "previous French draw in February invited 6,500 candidates with a cut-off of 428.\n"
    "What is Express Entry?\n"
    "Express Entry manages applications for Canada's three federal economic programs.",
)


def figures(report: object) -> tuple[object, ...]:
    return tuple(getattr(report, name) for name in ("date", "category", "invitations", "crs"))


def read(article: tuple[str, str], published: datetime = MARCH_7) -> list[tuple[object, ...]]:
    extraction = extract(article[0], paragraphs(article[1]), published)
    if extraction.main is None:
        return []
    return [figures(report) for report in (extraction.main, *extraction.others)]


def test_each_draw_of_an_article_is_read_from_its_own_part() -> None:
    """The total of both, and each previous draw recalled beside them, are no draw's."""
    assert read(TWO_SECTIONS) == [
        (date(2025, 3, 3), "pnp", 725, 667),
        (date(2025, 3, 6), "french", 4500, 410),
    ]


@pytest.mark.parametrize(
    ("article", "published", "expected"),
    [
        # "The first one was on 15th April" names one of the article's own draws, not one
        # recalled; a date glued to its ordinal ("16thApril 2020") is read, and the Provincial
        # Nominee "Programs" name the PNP
        pytest.param(
            (
                "Draws held on two consecutive days by IRCC",
                "IRCC came up with two different draws on consecutive days. The first one was on "
                "15th April 2020, when IRCC held a program-specific invitation round.\n"
                "For the first draw, a total of 118 invitations were issued to candidates in the "
                "Express Entry streams of the Provincial Nominee Programs. For this draw, the "
                "lowest cut-off score was 808.\n"
                "For the draw which took place on 16thApril 2020, 3,782 Canadian Experience Class "
                "candidates were invited, with a CRS score as low as 455.",
            ),
            datetime(2020, 4, 17, tzinfo=UTC),
            [(date(2020, 4, 15), "pnp", 118, 808), (date(2020, 4, 16), "cec", 3782, 455)],
            id="the first one of two days' draws begins its part",
        ),
        pytest.param(
            (
                "3 new Express Entry draws this week",
                "IRCC held three draws this week, issuing 1,933 invitations in all.\n"
                "Each targeted a different group of candidates. Here is what each of them "
                "asked of the candidates it invited.\n"
                "Who was invited\n"
                "November 15: French language proficiency\n"
                "- 800 candidates were invited.\n"
                "- The CRS cut-off was 478.\n"
                "November 13: Canadian Experience Class (CEC)\n"
                "- ITAs were issued to 400 candidates.\n"
                "- The cut-off of 547 is 8 points higher than the last CEC draw on October 22.\n"
                "November 12: Provincial Nominee Program\n"
                "- 733 candidates with a provincial nomination were invited, with a minimum "
                "score of 812.",
            ),
            datetime(2024, 11, 16, 9, tzinfo=UTC),
            [
                (date(2024, 11, 15), "french", 800, 478),
                (date(2024, 11, 13), "cec", 400, 547),
                (date(2024, 11, 12), "pnp", 733, 812),
            ],
            id="a dated heading naming the program above each draw's lines",
        ),
        pytest.param(
            (
                "IRCC holds two targeted Express Entry draws",
                "IRCC held two targeted Express Entry draws on April 9, 2020.\n"
                "Draw #141 invited 606 candidates with a provincial nomination and a minimum "
                "Comprehensive Ranking System (CRS) score of 698.\n"
                "The second, draw #142, invited 3,294 candidates from the Canadian Experience "
                "Class with a CRS cut-off of 464.",
            ),
            datetime(2020, 4, 10, 9, tzinfo=UTC),
            [(None, "pnp", 606, 698), (None, "cec", 3294, 464)],
            id="each draw named by its number",
        ),
        pytest.param(
            (
                "IRCC holds three Express Entry draws",
                "IRCC conducted three consecutive Express Entry draws this week. The rounds "
                "targeted specific streams, beginning with 302 invitations for Provincial Nominee "
                "Program candidates at a minimum score of 761 points, followed by 1,000 "
                "invitations for Canadian Experience Class applicants with a minimum score of 533, "
                "and concluding with 6,000 invitations to French-speaking candidates with a "
                "minimum score of 416.",
            ),
            datetime(2025, 10, 30, tzinfo=UTC),
            [(None, "pnp", 302, 761), (None, "cec", 1000, 533), (None, "french", 6000, 416)],
            id="a sentence listing draws, a program a clause",
        ),
        pytest.param(
            (
                "IRCC holds three Express Entry draws in one week",
                "During the week of December 4th, Canada held three Express Entry draws. On "
                "December 8th, IRCC held draw #274, on December 7th, IRCC held draw #273 and on "
                "December 6th, IRCC held its first round since October, with 4,750 invitations in "
                "an all-program draw, #272, for a total of three draws. For draw #272, the minimum "
                "CRS score was 561. The CRS for draw #273 was 470 and 1,000 ITAs were issued for "
                "French speakers Finally, draw #274 invited 5,900 STEM candidates.",
            ),
            datetime(2023, 12, 9, tzinfo=UTC),
            [
                (date(2023, 12, 8), "stem", 5900, None),
                (date(2023, 12, 7), "french", 1000, 470),
                (date(2023, 12, 6), "general", 4750, 561),
            ],
            id="a sentence listing draws, a date and a draw number a clause",
        ),
        # "December 5, 2026: Provincial Nominee Program (PNP) Draw" in the first lines heads a
        # draw; read as the article's dateline, its date would be lost
        pytest.param(
            (
                "Canada Immigration Weekly Recap",
                "It was a busy week for Express Entry, and here is what it means for you if you "
                "are in the pool or thinking of joining it this year.\n"
                "Express Entry: Back-to-Back Draws Target Specific Skills\n"
                "December 5, 2026: Provincial Nominee Program (PNP) Draw\n"
                "Invitations Issued: 192\nCRS Score Cut-Off: 800\n"
                "December 6, 2026: Canadian Experience Class Draw\n"
                "Invitations Issued: 3,000\nCRS Score Cut-Off: 521",
            ),
            datetime(2026, 12, 7, tzinfo=UTC),
            [(date(2026, 12, 5), "pnp", 192, 800), (date(2026, 12, 6), "cec", 3000, 521)],
            id="a date heading a draw at the top is no dateline",
        ),
        # a list of the draws from the second line: "Jul 30: 964 invitations, CRS cut-off 686"
        # gives a draw's date, not the article's
        pytest.param(
            (
                "Two PNP draws this July: where the cut-offs stand",
                "IRCC held two Provincial Nominee Program draws in late July 2024:\n"
                "Jul 30: 964 invitations, CRS cut-off 686 (86 before the PNP's 600 points)\n"
                "Jul 16: 1,391 invitations, CRS cut-off 670 (70 before the PNP's 600 points)\n"
                "A provincial nomination adds 600 points to a candidate's score.",
            ),
            datetime(2024, 7, 30, 22, tzinfo=UTC),
            [(date(2024, 7, 30), "pnp", 964, 686), (date(2024, 7, 16), "pnp", 1391, 670)],
            id="a date heading a draw's figures at the top is no dateline",
        ),
        # "Two French-language proficiency draws": a part that names no program of its own is
        # for that one; one naming its own keeps it
        pytest.param(
            (
                "Canada holds two French-language Express Entry draws in one week",
                "IRCC has held two French-language proficiency draws in a week, the first ever.\n"
                "July 7: 2,300 invitations, minimum CRS score 439\n"
                "July 12: 3,800 invitations, minimum CRS score 375\n"
                "Candidates need strong French skills to be chosen in these rounds.",
            ),
            datetime(2023, 7, 12, 22, tzinfo=UTC),
            [(date(2023, 7, 7), "french", 2300, 439), (date(2023, 7, 12), "french", 3800, 375)],
            id="the one program all the draws were for is each's",
        ),
        pytest.param(
            (
                "Two Express Entry draws in two days: PNP and CEC",
                "IRCC held two draws in two days.\n"
                "November 12: 733 Provincial Nominee Program candidates invited, CRS cut-off 812\n"
                "November 13: 400 Canadian Experience Class candidates invited, CRS cut-off 547",
            ),
            datetime(2024, 11, 13, 22, tzinfo=UTC),
            [(date(2024, 11, 12), "pnp", 733, 812), (date(2024, 11, 13), "cec", 400, 547)],
            id="each draw naming its own program keeps it",
        ),
        # a newsletter opens with a word about itself; its first paragraph naming a draw is
        # where it says it gives two
        pytest.param(
            (
                "Canada Immigration Newsletter",
                "Our team presents its news review of the first two weeks of October. Follow us "
                "on social media to receive the latest updates and professional insights.\n"
                "IRCC conducted two Express Entry draws in early October 2025, distributing a "
                "total of 5,500 Invitations to Apply.\n"
                "On October 1, IRCC invited 1,000 Canadian Experience Class candidates with a "
                "minimum score of 534 points.\n"
                "On October 6, IRCC issued 4,500 invitations to French-proficient candidates at a "
                "threshold of 432 points.",
            ),
            datetime(2025, 10, 8, tzinfo=UTC),
            [(date(2025, 10, 1), "cec", 1000, 534), (date(2025, 10, 6), "french", 4500, 432)],
            id="a newsletter's first paragraph about draws announces them",
        ),
        # a recap of the week is the week's draws, announced under a heading ("Back-to-Back
        # Draws"), each under its date with its figures as labelled lines
        pytest.param(
            (
                "Canada Immigration Weekly Recap: Healthcare and PNP Draws Dominate a Busy Week",
                "This past week in Canadian immigration has been eventful, with developments in "
                "Express Entry, provincial nominee programs and language testing.\n"
                "Express Entry: Back-to-Back Draws Target Specific Skills\n"
                "It was a busy week for Express Entry, with IRCC issuing a total of 2,692 "
                "invitations.\n"
                "August 19, 2025: Healthcare and Social Services Occupations Draw\n"
                "Invitations Issued: 2,500\nCRS Score Cut-Off: 470\n"
                "August 18, 2025: Provincial Nominee Program (PNP) Draw\n"
                "Invitations Issued: 192\nCRS Score Cut-Off: 800",
            ),
            datetime(2025, 8, 24, tzinfo=UTC),
            [(date(2025, 8, 19), "healthcare", 2500, 470), (date(2025, 8, 18), "pnp", 192, 800)],
            id="a weekly recap gives the week's draws",
        ),
        pytest.param(
            (
                "Canada holds two Express Entry draws",
                "IRCC held two Express Entry draws this week.\n"
                "On March 3, IRCC held a draw for provincial nominees, with a cut-off of 667.\n"
                "On March 6, it held a French language proficiency draw with a cut-off of 410. "
                "Both draws together invited 5,225 candidates.",
            ),
            MARCH_7,
            [(date(2025, 3, 3), "pnp", None, 667), (date(2025, 3, 6), "french", None, 410)],
            id="a sentence about both draws gives no figure to either",
        ),
        pytest.param(
            (
                "Entrée express : deux tirages cette semaine",
                "IRCC a effectué deux tirages cette semaine. Le 3 mars, 725 candidats du PCP "
                "ont été invités avec une note minimale de 667. Le 6 mars, 4 500 candidats "
                "francophones ont été invités avec une note minimale de 410.",
            ),
            MARCH_7,
            [(date(2025, 3, 3), "pnp", 725, 667), (date(2025, 3, 6), "french", 4500, 410)],
            id="two draws in French",
        ),
        pytest.param(
            (
                "Your weekly immigration newsletter",
                "Hello readers!\nExpress Entry draws this week:\n"
                "- March 3: Provincial Nominee Program, 725 ITAs, CRS 667\n"
                "- March 6: French-language proficiency, 4,500 ITAs, CRS 410\n"
                "Provincial news: Ontario held two draws.",
            ),
            MARCH_7,
            [(date(2025, 3, 3), "pnp", 725, 667), (date(2025, 3, 6), "french", 4500, 410)],
            id="a newsletter's list of the week's draws, however many",
        ),
        # published on Friday, March 7: Monday is March 3, Thursday March 6
        pytest.param(
            (
                "Back-to-back Express Entry draws",
                "IRCC has held back-to-back Express Entry draws. On Monday, 725 PNP candidates "
                "were invited with a minimum CRS of 667. On Thursday, 4,500 French-proficient "
                "candidates were invited with a minimum CRS of 410.",
            ),
            MARCH_7,
            [(date(2025, 3, 3), "pnp", 725, 667), (date(2025, 3, 6), "french", 4500, 410)],
            id="each draw's part begins at the weekday it was held",
        ),
        pytest.param(
            (
                "IRCC holds two Express Entry draws",
                "IRCC held two draws this week: a Provincial Nominee Program draw on March 3 "
                "(725 ITAs, CRS 667) and a French-language proficiency draw on March 6 (4,500 "
                "ITAs, CRS 410).",
            ),
            MARCH_7,
            [(date(2025, 3, 3), "pnp", 725, 667), (date(2025, 3, 6), "french", 4500, 410)],
            id="each draw named before its date, its figures in brackets",
        ),
        pytest.param(
            (
                "IRCC holds two Express Entry draws",
                "IRCC invited 725 Provincial Nominee Program candidates with a minimum CRS of "
                "667 on March 3, while 4,500 French-speaking candidates were invited with a "
                "cut-off of 410 on March 6.",
            ),
            MARCH_7,
            [(date(2025, 3, 3), "pnp", 725, 667), (date(2025, 3, 6), "french", 4500, 410)],
            id="two draws in one sentence joined by while",
        ),
    ],
)
def test_each_draw_s_part_begins_where_the_article_names_it(
    article: tuple[str, str], published: datetime, expected: list[tuple[object, ...]]
) -> None:
    assert read(article, published) == expected


@pytest.mark.parametrize(
    ("article", "published"),
    [
        pytest.param(
            (
                "IRCC holds two Express Entry draws",
                "IRCC held two Express Entry draws this week, beginning with 500 invitations for "
                "Provincial Nominee Program candidates at a minimum score of 750, followed by the "
                "previous Canadian Experience Class draw's 3,000 invitations at a minimum score "
                "of 516.",
            ),
            datetime(2025, 10, 30, tzinfo=UTC),
            id="a listed clause about an earlier draw is no part",
        ),
        pytest.param(
            (
                "IRCC holds a new CEC draw",
                "IRCC invited 3,000 Canadian Experience Class candidates with a minimum CRS of "
                "518 on March 5, while the previous CEC draw on February 19 invited 1,500 "
                "candidates with a cut-off of 521.",
            ),
            MARCH_7,
            id="a clause after while about the previous draw is no part",
        ),
        pytest.param(
            (
                "Express Entry round-up for May: four draws",
                "There were four Express Entry draws this month.\n"
                "On May 13, 2025, IRCC invited 500 candidates with a provincial nomination, with "
                "a CRS cut-off of 752.\n"
                "On May 14, 2025, IRCC invited 2,500 candidates in healthcare occupations with a "
                "cut-off of 510.",
            ),
            datetime(2025, 5, 16, tzinfo=UTC),
            id="a month's round-up announces no draw",
        ),
        # "two draws" counted with a draw of January: only March's is announced, and read as
        # an article about one draw
        pytest.param(
            (
                "Express Entry: IRCC holds a CEC draw, its two draws this year",
                "On January 8, 2025, IRCC invited 1,350 candidates in the Canadian Experience "
                "Class round, with a cut-off of 542.\n"
                "On March 5, 2025, IRCC held a Canadian Experience Class draw, inviting 3,000 "
                "candidates with a minimum CRS score of 518.",
            ),
            MARCH_7,
            id="a draw recalled from weeks before is no part of the week",
        ),
    ],
)
def test_no_second_draw_is_read(article: tuple[str, str], published: datetime) -> None:
    extraction = extract(article[0], paragraphs(article[1]), published)
    assert extraction.others == ()


JULY_8 = datetime(2026, 7, 8, 19, tzinfo=UTC)  # after the snapshot's newest round, #420
WEEK = (
    "IRCC holds two Express Entry draws in two days",
    "IRCC held two Express Entry draws this week.\n"
    "On July 6, 2026, IRCC invited 3,000 Canadian Experience Class candidates. The minimum CRS "
    "score was 509, down from 516 in the previous CEC draw.\n"
    "On July 7, 2026, IRCC held a French language proficiency draw, inviting 4,000 candidates "
    "with a CRS cut-off of 400.",
)


async def test_each_draw_of_one_article_is_filed_and_alerted_once(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], feed: FakeSource
) -> None:
    """Through the real feed poll: a CEC and a French subscriber each get their draw, once."""
    await add_chat(sessions, 1, ("cec", None))
    await add_chat(sessions, 2, ("french", None))
    await poll_feed(client, sessions, feed.url, MAX_BYTES, JULY_8, False)
    article = Item("urn:week", WEEK[0], paragraphs(WEEK[1]), JULY_8, "https://one.example/w")
    feed.set_body(rss(OLD_NEWS, article))
    report = await poll_feed(client, sessions, feed.url, MAX_BYTES, JULY_8, False)
    assert report.queued == 2
    async with sessions() as session:
        draws = (await session.scalars(select(Draw).where(Draw.source == "news"))).all()
        assert sorted((d.date, d.category, d.invitations, d.crs) for d in draws) == [
            (date(2026, 7, 6), "cec", 3000, 509),
            (date(2026, 7, 7), "french", 4000, 400),
        ]
        by_draw = {d.id: d.category for d in draws}
        deliveries = (await session.scalars(select(Delivery))).all()
        assert sorted((d.chat_id, by_draw[d.draw_id]) for d in deliveries) == [
            (1, "cec"), (2, "french"),
        ]  # fmt: skip
        filed = (await session.scalars(select(Report).join(FeedEntry))).all()
        assert sorted(r.draw_id for r in filed) == sorted(by_draw)
    again = await poll_feed(client, sessions, feed.url, MAX_BYTES, JULY_8, False)
    assert (again.new, again.queued) == ([], 0)

"""News recall over the labelled set of tests/recall_set.py: the announced draws found, right,
and no draw invented or made from an article that announces none; a subset end to end, each
article served alone as an RSS item through the feed poll."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Delivery, Draw
from jobs.feeds import poll_feed
from tests.conftest import MAX_BYTES, add_chat
from tests.fakes.http import FakeSource
from tests.feeds import Item, fixture_item, rss
from tests.recall_set import BY_FILE, CASES, HELD_OUT, RECALL, Case, score

END_TO_END = (  # weak titles, older articles without a category, French, non-announcements
    "en_byline_title.txt",
    "en_tracking_pixel.html",
    "en_2016_ordinal_in_total.txt",
    "en_2019_year_ordinal.txt",
    "en_machine_reworded.txt",
    "en_previous_same_paragraph.txt",
    "fr_cec_ipd.txt",
    "fr_soins_sante.html",
    "fr_aucun_programme.txt",
    "no_mid_year_report.txt",
    "no_year_in_review.txt",
    "fr_previsions.txt",
)


def test_every_fixture_is_labelled() -> None:
    assert sorted(path.name for path in RECALL.iterdir()) == sorted(BY_FILE)


def test_recall_on_the_labelled_set(capsys: pytest.CaptureFixture[str]) -> None:
    scores = score()
    held_out = score(tuple(case for case in CASES if case in HELD_OUT))
    with capsys.disabled():
        print(f"\n{scores.summary()}\nheld-out part, {held_out.summary()}")
    assert scores.invented == (), scores.summary()
    assert scores.from_non_announcements == (), scores.summary()
    # every announcement of the set is read: a new rule may not lose one
    assert scores.missed == (), scores.summary()
    assert scores.announcements >= 40 and len(CASES) - scores.announcements >= 10


@pytest.mark.parametrize("name", END_TO_END)
async def test_an_article_served_alone_makes_its_draw_and_one_alert(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], name: str
) -> None:
    case = BY_FILE[name]
    category = case.expected.category if case.expected else "cec"
    await add_chat(sessions, 1, (category, None))
    await add_chat(sessions, 2, (category, 1))  # a score of 1: below every cut-off
    history = Item("urn:old", "Canada's immigration levels plan", "<p>No draw.</p>", case.published)
    with FakeSource(rss(history), content_type="application/rss+xml") as feed:
        await _poll(client, sessions, feed, case)  # the first poll's entries are history
        feed.set_body(rss(fixture_item(RECALL / case.file, case.title, case.published)))
        assert (await _poll(client, sessions, feed, case)).error is None
    async with sessions() as session:
        draws = list(await session.scalars(select(Draw)))
        alerts = list(await session.scalars(select(Delivery.chat_id)))
    if case.expected is None:
        assert (draws, alerts) == ([], [])
        return
    [draw] = draws
    expected = case.expected
    assert (draw.category, draw.invitations, draw.crs) == (
        expected.category, expected.invitations, expected.crs,
    )  # fmt: skip
    assert draw.number in (None, expected.number)
    assert draw.date in (expected.date, case.published.date())  # undated: the day it was read
    assert alerts == [1]


async def _poll(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    feed: FakeSource,
    case: Case,
) -> object:
    now = case.published + timedelta(hours=1)
    return await poll_feed(client, sessions, feed.url, MAX_BYTES, now, False)

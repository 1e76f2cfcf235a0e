"""/history: the last draws as an aligned table, newest first, through the real Application."""

import html
import re

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import messages
from bot.chat.arguments import ArgumentError, History, parse_history
from db.draws import latest_draws, previous_draw
from jobs.official import list_rounds
from tests.conftest import SNAPSHOT, Chat

pytestmark = pytest.mark.usefixtures("in_english")  # the tests render expected texts themselves


def number_order(number: str | None) -> tuple[int, str]:
    """Orders "91a" < "91b" < "92" < "100", as IRCC numbers its rounds."""
    digits = "".join(c for c in (number or "") if c.isdigit())
    return (int(digits), number or "") if digits else (-1, number or "")


def table(reply: str) -> list[list[str]]:
    """The rows of the reply's table (headings first), split into columns."""
    block = re.search(r"<pre>(.*)</pre>", reply, re.DOTALL)
    assert block is not None, reply
    return [line.split() for line in html.unescape(block[1]).split("\n")]


def snapshot_rounds(category: str | None) -> list[tuple[str, str]]:
    """(number, date) of the snapshot's rounds of that category, newest first, as IRCC
    lists them."""
    rounds = list_rounds(SNAPSHOT.read_bytes()).read().rounds
    chosen = [r for r in rounds if category is None or r.category == category]
    chosen.sort(key=lambda r: (r.date, number_order(r.number)), reverse=True)
    return [(r.number, r.date.isoformat()) for r in chosen if r.date]


@pytest.mark.parametrize(
    ("command", "category", "count"),
    [
        ("/history", None, 10),
        ("/history 25", None, 25),
        ("/history stem", "stem", 3),  # every STEM draw there is
        ("/history health 4", "healthcare", 4),
        ("/history cec 50", "cec", 50),
        ("/history all 1", None, 1),
    ],
)
async def test_the_right_draws_newest_first(
    user: Chat, command: str, category: str | None, count: int
) -> None:
    reply = await user.ask(command)
    rows = table(reply)
    assert rows[0][:2] == ["Date", "#"]
    shown = [(row[1], row[0]) for row in rows[1:]]
    assert shown == snapshot_rounds(category)[:count]
    if category is not None:
        assert "Category" not in rows[0]  # said once, in the title
    else:
        assert rows[0][2] == "Category"
    assert "±: cut-off change against the previous draw of the same category." in reply


async def test_each_change_is_against_the_previous_draw_of_the_same_category(
    user: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    rows = table(await user.ask("/history 30"))[1:]
    async with sessions() as session:
        for row, draw in zip(rows, await latest_draws(session, None, 30), strict=True):
            previous = await previous_draw(session, draw)
            assert (row[1], row[4]) == (draw.number, str(draw.crs))
            assert draw.category.startswith(row[2].removesuffix("…"))  # cut when long
            if previous is None:
                assert row[5] == "first"
            elif previous.crs == draw.crs:
                assert row[5] == "="
            else:
                arrow = "▲" if draw.crs > previous.crs else "▼"
                assert row[5] == f"{arrow}{abs(draw.crs - previous.crs)}"


async def test_the_table_is_aligned_and_titled(user: Chat) -> None:
    reply = await user.ask("/history stem")
    assert reply.startswith("<b>The last 3 STEM occupations draws</b>\n<pre>")
    lines = html.unescape(re.search(r"<pre>(.*)</pre>", reply, re.DOTALL)[1]).split("\n")
    # numbers are right-aligned: every row's cut-off ends in the same column
    cutoffs = ["CRS", "491", "481", "486"]  # the heading, then the draws' cut-offs
    ends = {line.index(crs) + len(crs) for line, crs in zip(lines, cutoffs, strict=True)}
    assert len(ends) == 1
    assert max(len(line) for line in lines) <= 40  # fits a phone's width in monospace


async def test_every_row_of_the_mixed_table_fits_a_phone(user: Chat) -> None:
    rows = html.unescape(re.search(r"<pre>(.*)</pre>", await user.ask("/history 50"), re.DOTALL)[1])
    assert "senior-man…" in rows  # senior-managers, cut to the column
    assert max(len(line) for line in rows.split("\n")) <= 44


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("/history 0", "“0” is not a number of draws: give a whole number from 1 to 50."),
        ("/history 51", "“51” is not a number of draws"),
        ("/history stem -3", "“-3” is not a number of draws"),
        ("/history nowhere", "I don't know the category “nowhere”"),
        ("/history a b c d e f g h i", "longer than any category"),
    ],
)
async def test_bad_input_is_answered_with_the_usage(user: Chat, command: str, reply: str) -> None:
    text = await user.ask(command)
    assert reply in text
    assert "Usage: <code>/history [category] [n]</code>" in text


def test_no_draws_are_said_in_words() -> None:
    assert messages.history([], "fsw") == "No draw in Federal Skilled Worker is stored yet."
    assert messages.history([], None) == "No draw is stored yet."


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], History(None, 10)),
        (["20"], History(None, 20)),
        (["all"], History(None, 10)),
        (["STEM"], History("stem", 10)),
        (["senior", "managers", "50"], History("senior-managers", 50)),
        (["trades", "1"], History("trade", 1)),
    ],
)
def test_history_requests(args: list[str], expected: History) -> None:
    assert parse_history(args, frozenset()) == expected


@pytest.mark.parametrize("count", ["0", "51", "1.5", "-1"])
def test_the_number_of_draws_is_bounded(count: str) -> None:
    with pytest.raises(ArgumentError):
        parse_history(["stem", count], frozenset())


@pytest.mark.parametrize("category", [None, "stem", "cec", "healthcare", "fsw"])
async def test_latest_sets_the_draw_against_the_five_before_it(
    user: Chat, sessions: async_sessionmaker[AsyncSession], category: str | None
) -> None:
    reply = await user.ask(f"/latest {category}" if category else "/latest")
    async with sessions() as session:
        newest = (await latest_draws(session, category, 1))[0]
        same = await latest_draws(session, newest.category, None)
    earlier = [draw for draw in same if draw.id != newest.id][:5]  # no same-day draws here
    context = [line for line in reply.split("\n") if line.startswith("📊")]
    if not earlier:
        assert context == []
        return
    crs = [draw.crs for draw in earlier if draw.crs is not None]
    mean = round(sum(crs) / len(crs) + 1e-9)
    days = (newest.date - earlier[0].date).days
    assert len(context) == 1
    assert f" {len(crs)} " in context[0]
    assert f": {mean}. " in context[0]
    assert context[0].endswith(f": {days}.")

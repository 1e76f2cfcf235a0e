"""/rank: where a score stands in the pool's distribution by CRS range."""

import itertools
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from core.pool import (
    Band,
    RecentDraws,
    about,
    at_or_above,
    bands,
    categories_to_compare,
    on_an_edge,
    own_score,
    recent,
    standing,
)
from core.rounds import DISTRIBUTION_RANGES
from jobs.official import list_rounds
from tests.conftest import SNAPSHOT, Chat, ready, settings_for
from tests.fakes.telegram import FakeTelegram

SUBTOTALS = ("451-500", "401-450", "total")
LEAVES = [label for label in DISTRIBUTION_RANGES if label not in SUBTOTALS]


def distributions() -> list[tuple[date, dict[str, Any]]]:
    """The snapshot's distributions, one per date, newest first."""
    found: dict[date, dict[str, Any]] = {}
    for r in list_rounds(SNAPSHOT.read_bytes()).read().rounds:
        if r.distribution and r.distribution_as_of:
            found.setdefault(r.distribution_as_of, r.distribution)
    return sorted(found.items(), reverse=True)


NEWEST_DAY, NEWEST = distributions()[0]
PREVIOUS_DAY, PREVIOUS = distributions()[1]


def counted_from(distribution: dict[str, Any], score: int) -> int:
    """Candidates in the ranges that start at or above the score, straight from IRCC's
    labels: the exact figure at a range's edge."""
    return sum(distribution[label] for label in LEAVES if int(label.split("-")[0]) >= score)


EDGES = sorted({int(label.split("-")[0]) for label in LEAVES})


@pytest.mark.parametrize("score", EDGES)
def test_exact_on_every_range_edge(score: int) -> None:
    pool = bands(NEWEST)
    assert pool is not None
    assert at_or_above(pool, score) == counted_from(NEWEST, score)
    assert on_an_edge(pool, score)


def test_every_range_of_the_official_data_is_read() -> None:
    pool = bands(NEWEST)
    split = bands({**NEWEST, "481-490": None, "421-430": None})
    assert pool is not None and split is not None
    named = {f"{band.low}-{band.high}" for band in [*pool, *split]}
    assert named | {"total"} == set(DISTRIBUTION_RANGES)


def test_monotonic_in_the_score_from_the_whole_pool_to_nobody() -> None:
    pool = bands(NEWEST)
    assert pool is not None
    counts = [at_or_above(pool, score) for score in range(0, 1202)]
    assert all(a >= b for a, b in itertools.pairwise(counts))
    assert counts[0] == sum(NEWEST[label] for label in LEAVES)
    assert counts[1201] == 0


SMALL = {label: 0 for label in DISTRIBUTION_RANGES} | {
    "601-1200": 600, "501-600": 100, "491-500": 50, "481-490": 10, "351-400": 500,
}  # fmt: skip


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (1200, 1),  # one of the 600 scores from 601 to 1200
        (601, 600),
        (600, 600 + 1),  # the top score of 501-600
        (551, 600 + 50),
        (495, 700 + 30),  # 495..500: six of the ten scores of 491-500
        (491, 750),
        (490, 750 + 1),
        (401, 760),
        (376, 760 + 250),  # 376..400: half of 351-400
        (0, 1260),
    ],
)
def test_interpolation_inside_a_range(score: int, expected: int) -> None:
    pool = bands(SMALL)
    assert pool is not None
    assert at_or_above(pool, score) == pytest.approx(expected)
    assert on_an_edge(pool, score) == (score in EDGES)


def test_a_subtotal_stands_in_for_its_ranges_when_they_are_not_given() -> None:
    partial = {**NEWEST, "481-490": None}
    pool = bands(partial)
    assert pool is not None
    assert Band(451, 500, NEWEST["451-500"]) in pool
    assert Band(481, 490, NEWEST["481-490"]) not in pool
    assert Band(441, 450, NEWEST["441-450"]) in pool  # the other group is still split
    assert bands({**NEWEST, "0-300": None}) is None


def test_the_standing_names_both_distributions_dates() -> None:
    found = standing(481, distributions())
    assert found is not None
    assert (found.as_of, found.previous_as_of) == (NEWEST_DAY, PREVIOUS_DAY)
    assert (found.at_or_above, found.previous_at_or_above) == (
        counted_from(NEWEST, 481),
        counted_from(PREVIOUS, 481),
    )
    assert found.total == NEWEST["total"]
    assert standing(481, []) is None


@pytest.mark.parametrize(
    ("value", "said"), [(0.4, 0), (7, 10), (994, 990), (1_049.9, 1_000), (48_088.2, 48_100)]
)
def test_estimates_are_said_to_the_ten_or_the_hundred(value: float, said: int) -> None:
    assert about(value) == said


@pytest.mark.parametrize(
    ("subscriptions", "score", "categories"),
    [
        ([], None, ["general"]),
        ([("stem", 490)], 490, ["stem"]),
        ([("stem", 490), ("cec", 470), ("all", None)], 490, ["stem", "cec", "general"]),
        ([("general", None), ("all", 480)], 480, ["general"]),
        ([("a", 1), ("b", 2), ("c", 3), ("d", 4)], 4, ["a", "b", "c"]),
        # a province's score is on its own scale; the processing times have none
        ([("bc", 120), ("on-hcp", 900), ("times-cec", None)], None, ["general"]),
        ([("mb", 880), ("stem", 490), ("times", None)], 490, ["stem"]),
    ],
)
def test_a_chat_s_own_score_and_categories(
    subscriptions: list[tuple[str, int | None]], score: int | None, categories: list[str]
) -> None:
    assert own_score(subscriptions) == score
    assert categories_to_compare(subscriptions) == categories


@pytest.mark.parametrize(
    ("draws", "expected"),
    [
        ([], RecentDraws(0, None, None, 0)),
        ([(4500, 491), (5900, 481), (500, 486)], RecentDraws(3, (500, 5900), (481, 491), 2)),
        ([(None, 480), (1000, None)], RecentDraws(2, (1000, 1000), (480, 480), 1)),
    ],
)
def test_the_last_draws_against_a_score(
    draws: list[tuple[int | None, int | None]], expected: RecentDraws
) -> None:
    assert recent(486, draws) == expected


@pytest.fixture
async def user(telegram: FakeTelegram, database: str, history: None) -> AsyncIterator[Chat]:
    async with ready(settings_for(telegram, database)) as application:
        yield Chat(telegram, 1001, application=application)


def day(value: date) -> str:
    return f"{value:%B} {value.day}, {value.year}"


async def test_rank_on_an_edge_is_exact_and_dated(user: Chat) -> None:
    reply = await user.ask("/rank 481")
    assert f"in the pool as of {day(NEWEST_DAY)}" in reply
    assert f"<b>{counted_from(NEWEST, 481):,}</b> of the {NEWEST['total']:,} candidates" in reply
    change = counted_from(NEWEST, 481) - counted_from(PREVIOUS, 481)
    arrow = "▲" if change > 0 else "▼"
    assert f"On {day(PREVIOUS_DAY)}: {counted_from(PREVIOUS, 481):,} ({arrow} {abs(change):,})" in (
        reply
    )
    assert "estimate" not in reply


async def test_rank_inside_a_range_is_said_to_be_an_estimate(user: Chat) -> None:
    reply = await user.ask("/rank 485")
    inside = counted_from(NEWEST, 491) + NEWEST["481-490"] * 6 / 10
    assert f"About <b>{about(inside):,}</b> of the" in reply
    assert "This is an estimate" in reply
    assert "The last 5 all-program draws invited" in reply  # no subscription: all-program


async def test_rank_uses_the_chat_s_own_score_and_categories(user: Chat) -> None:
    assert "Which score?" in await user.ask("/rank")
    await user.ask("/subscribe bc 120")  # British Columbia's scale, not the CRS
    assert "Which score?" in await user.ask("/rank")
    await user.ask("/subscribe stem 490")
    reply = await user.ask("/rank")
    assert reply.startswith("<b>Where 490 stands</b>")
    assert (
        "The last 3 STEM occupations draws invited 500 to 5,900 each, with cut-offs 481 to 491."
        in reply
    )
    assert "Your 490 is at or above the cut-off of 2 of them." in reply
    assert "Your 480 is below the cut-off of every one of them." in await user.ask("/rank 480")
    assert "Your 495 is at or above the cut-off of every one of them." in await user.ask(
        "/rank 495"
    )


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("/rank 1201", "“1201” is not a CRS score"),
        ("/rank -5", "“-5” is not a CRS score"),
        ("/rank stem", "“stem” is not a CRS score"),
        ("/rank 480 500", ""),
    ],
)
async def test_bad_input_is_answered_with_the_usage(user: Chat, command: str, says: str) -> None:
    reply = await user.ask(command)
    assert says in reply
    assert "Usage: <code>/rank [score]</code>" in reply

"""Where a score stands in the pool: IRCC's count of candidates by CRS range, read as plain
values. Inside a range the candidates are taken as spread evenly over its scores, so a
count for a score inside a range is an estimate; on a range's edge it is exact."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from core.categories import ALL, GENERAL
from core.matching import of_express_entry

TOTAL = "total"
# The ranges of core.rounds.DISTRIBUTION_RANGES that do not overlap, highest first; the two
# subtotals are used only when their 10-point ranges are not all given.
_TOP = ("601-1200", "501-600", "451-500", "401-450", "351-400", "301-350", "0-300")
_SPLIT = {
    "451-500": ("491-500", "481-490", "471-480", "461-470", "451-460"),
    "401-450": ("441-450", "431-440", "421-430", "411-420", "401-410"),
}


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    count: int


def bands(distribution: Mapping[str, int | None]) -> list[Band] | None:
    """The pool's ranges, highest first, none overlapping; None if one is missing."""
    found = []
    for label in _TOP:
        parts = _SPLIT.get(label, ())
        chosen = parts if parts and all(distribution.get(p) is not None for p in parts) else ()
        for each in chosen or (label,):
            count = distribution.get(each)
            if count is None:
                return None
            low, high = (int(edge) for edge in each.split("-"))
            found.append(Band(low, high, count))
    return found


def at_or_above(pool: Sequence[Band], score: int) -> float:
    """How many candidates score ``score`` or more: whole ranges above it, and the share of
    the range that holds it from ``score`` up."""
    count = 0.0
    for band in pool:
        if score <= band.low:
            count += band.count
        elif score <= band.high:
            count += band.count * (band.high - score + 1) / (band.high - band.low + 1)
    return count


def on_an_edge(pool: Sequence[Band], score: int) -> bool:
    """Whether the count for this score is exact: no range is cut by it."""
    return not any(band.low < score <= band.high for band in pool)


def about(value: float) -> int:
    """An estimate as it should be said: to the hundred from a thousand up, else to the ten."""
    return int(round(value, -2 if abs(value) >= 1000 else -1))


@dataclass(frozen=True)
class Standing:
    """A score against the newest pool distribution, and against the one before it."""

    score: int
    as_of: date
    at_or_above: float
    total: int
    exact: bool  # the score is on a range's edge: the count is IRCC's own
    previous_as_of: date | None = None
    previous_at_or_above: float | None = None

    @property
    def share(self) -> float:
        return self.at_or_above / self.total if self.total else 0.0


def standing(score: int, pools: Sequence[tuple[date, Mapping[str, int | None]]]) -> Standing | None:
    """The score against the distributions (newest first) whose ranges are all given."""
    readable = [(day, pool, found) for day, pool in pools if (found := bands(pool)) is not None]
    if not readable:
        return None
    day, pool, newest = readable[0]
    total = pool.get(TOTAL) or sum(band.count for band in newest)
    current = Standing(
        score, day, at_or_above(newest, score), total, on_an_edge(newest, score)
    )  # fmt: skip
    if len(readable) == 1:
        return current
    previous_day, _pool, previous = readable[1]
    return replace(
        current, previous_as_of=previous_day, previous_at_or_above=at_or_above(previous, score)
    )


@dataclass(frozen=True)
class RecentDraws:
    """What the last few draws of a category asked for."""

    count: int
    invitations: tuple[int, int] | None  # the fewest and the most, of those that say
    cutoffs: tuple[int, int] | None  # the lowest and the highest
    met: int  # how many of the cut-offs the score is at or above


def recent(score: int, draws: Sequence[tuple[int | None, int | None]]) -> RecentDraws:
    """From the (invitations, cut-off) of the last draws."""
    invited = [n for n, _crs in draws if n is not None]
    cutoffs = [crs for _n, crs in draws if crs is not None]
    return RecentDraws(
        len(draws),
        (min(invited), max(invited)) if invited else None,
        (min(cutoffs), max(cutoffs)) if cutoffs else None,
        sum(1 for crs in cutoffs if score >= crs),
    )


RECENT_DRAWS = 5  # the draws of each category /rank sets a score against
MAX_RECENT_CATEGORIES = 3


def own_score(subscriptions: Sequence[tuple[str, int | None]]) -> int | None:
    """A chat's CRS score, from its subscriptions (category, score): the highest one given
    for Express Entry's draws."""
    scores = (score for _category, score in _of_draws(subscriptions) if score is not None)
    return max(scores, default=None)


def categories_to_compare(subscriptions: Sequence[tuple[str, int | None]]) -> list[str]:
    """The categories whose last draws /rank reads a score against: the chat's, in order
    (every draw counting as all-program ones, since those invite anyone); all-program draws
    when it has none."""
    found: list[str] = []
    for category, _score in _of_draws(subscriptions):
        key = GENERAL if category == ALL else category
        if key not in found:
            found.append(key)
    return found[:MAX_RECENT_CATEGORIES] or [GENERAL]


def _of_draws(subscriptions: Sequence[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """The subscriptions to Express Entry's draws (core.matching.of_express_entry)."""
    return [(category, score) for category, score in subscriptions if of_express_entry(category)]

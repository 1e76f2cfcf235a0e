"""Where a score stands in the pool: /rank."""

from collections.abc import Sequence
from html import escape

from bot.messages.commands import bad_score
from bot.messages.locale import percent
from bot.messages.templates import Plural, Text, day, label, number
from core.categories import GENERAL
from core.pool import RecentDraws, Standing, about
from core.scores import MAX_SCORE

RANK_USAGE = Text("pool.rank_usage", "max_score")
NO_SCORE = Text("pool.no_score")
NO_POOL = Text("pool.no_pool")

TITLE = Text("pool.title", "score date")
AT_OR_ABOVE = Text("pool.at_or_above", "count total share score")
EXACTLY = Text("pool.exactly", "count total share score")
ESTIMATE = Text("pool.estimate")
BEFORE_UP = Text("pool.before_up", "date count change")
BEFORE_DOWN = Text("pool.before_down", "date count change")
BEFORE_SAME = Text("pool.before_same", "date count")

RECENT = Plural("pool.recent", "category invited cutoffs")
RANGE = Text("pool.range", "low high")
MET = Text("pool.met", "score met")
MET_NONE = Text("pool.met_none", "score")
MET_ALL = Text("pool.met_all", "score")
NOT_PUBLISHED = Text("pool.not_published")
ALL_PROGRAMS = Text("pool.all_programs")  # the category of all-program draws, in RECENT


def rank_usage() -> str:
    return RANK_USAGE(max_score=MAX_SCORE)


def bad_rank_score(text: str) -> str:
    return "\n".join([bad_score(text), rank_usage()])


def _span(values: tuple[int, int] | None) -> str:
    if values is None:
        return NOT_PUBLISHED()
    low, high = values
    return number(low) if low == high else RANGE(low=number(low), high=number(high))


def _count(found: Standing, value: float) -> int:
    return round(value) if found.exact else about(value)


def before(found: Standing) -> list[str]:
    """The count for the score in the distribution before, and its change (none: [])."""
    if found.previous_as_of is None or found.previous_at_or_above is None:
        return []
    now, then = _count(found, found.at_or_above), _count(found, found.previous_at_or_above)
    values = {"date": day(found.previous_as_of), "count": number(then)}
    if now == then:
        return [BEFORE_SAME(**values)]
    return [(BEFORE_UP if now > then else BEFORE_DOWN)(change=number(abs(now - then)), **values)]


def _recent(score: int, category: str, draws: RecentDraws) -> list[str]:
    if not draws.count:
        return []
    name = escape(label(category)) if category != GENERAL else ALL_PROGRAMS()
    lines = [
        RECENT(
            draws.count,
            category=name,
            invited=_span(draws.invitations),
            cutoffs=_span(draws.cutoffs),
        )
    ]
    if draws.cutoffs is not None:
        lines.append(_met(score, draws))
    return lines


def _met(score: int, draws: RecentDraws) -> str:
    if draws.met == 0:
        return MET_NONE(score=score)
    if draws.met == draws.count:
        return MET_ALL(score=score)
    return MET(score=score, met=draws.met)


def rank(found: Standing | None, recent: Sequence[tuple[str, RecentDraws]]) -> str:
    """The estimate, its date and basis, the change since the distribution before, and
    the last draws of the chat's categories."""
    if found is None:
        return NO_POOL()
    lines = [
        TITLE(score=found.score, date=day(found.as_of)),
        (EXACTLY if found.exact else AT_OR_ABOVE)(
            count=number(_count(found, found.at_or_above)),
            total=number(found.total),
            share=percent(found.share),
            score=found.score,
        ),
        *before(found),
    ]
    if not found.exact:
        lines.append(ESTIMATE())
    for category, draws in recent:
        lines.extend(_recent(found.score, category, draws))
    return "\n".join(lines)

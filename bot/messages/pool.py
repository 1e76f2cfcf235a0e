"""Where a score stands in the pool: /rank."""

from collections.abc import Sequence
from html import escape

from bot.messages.commands import MAX_SCORE, bad_score
from bot.messages.templates import Plural, Text, day, number
from core.categories import GENERAL, label
from core.pool import RecentDraws, Standing, about

RANK_USAGE = Text(
    "Usage: <code>/rank [score]</code>: about how many candidates in the pool have that CRS "
    "score or more (0 to {max_score}). Without a score, the score of this chat's "
    "subscription.\nExample: <code>/rank 480</code>.",
    "max_score",
)
NO_SCORE = (
    "Which score? Give one, as in <code>/rank 480</code>, or subscribe with one "
    "(<code>/subscribe stem 490</code>) and /rank will use it."
)
NO_POOL = "No pool distribution is stored yet: IRCC publishes one with each round."

TITLE = Text("<b>Where {score} stands</b> in the pool as of {date}", "score date")
AT_OR_ABOVE = Text(
    "About <b>{count}</b> of the {total} candidates ({share}) have a CRS score of {score} or more.",
    "count total share score",
)
EXACTLY = Text(
    "<b>{count}</b> of the {total} candidates ({share}) have a CRS score of {score} or more.",
    "count total share score",
)
ESTIMATE = (
    "This is an estimate: IRCC counts candidates by score range (10 points wide from "
    "401 to 500, wider elsewhere), and inside a range they are taken as spread evenly."
)
BEFORE_UP = Text("On {date}: {count} (▲ {change}).", "date count change")
BEFORE_DOWN = Text("On {date}: {count} (▼ {change}).", "date count change")
BEFORE_SAME = Text("On {date}: {count} (no change).", "date count")

RECENT = Plural(
    "The last {count} {category} draw invited {invited}, with a cut-off of {cutoffs}.",
    "The last {count} {category} draws invited {invited} each, with cut-offs {cutoffs}.",
    "category invited cutoffs",
)
RANGE = Text("{low} to {high}", "low high")
MET = Text("Your {score} is at or above the cut-off of {met} of them.", "score met")
MET_NONE = Text("Your {score} is below the cut-off of every one of them.", "score")
MET_ALL = Text("Your {score} is at or above the cut-off of every one of them.", "score")
NOT_PUBLISHED = "not published"


def rank_usage() -> str:
    return RANK_USAGE(max_score=MAX_SCORE)


def bad_rank_score(text: str) -> str:
    return "\n".join([bad_score(text), rank_usage()])


def _span(values: tuple[int, int] | None) -> str:
    if values is None:
        return NOT_PUBLISHED
    low, high = values
    return number(low) if low == high else RANGE(low=number(low), high=number(high))


def _count(found: Standing, value: float) -> int:
    return round(value) if found.exact else about(value)


def _before(found: Standing) -> list[str]:
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
    name = escape(label(category)) if category != GENERAL else "all-program"
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
        return NO_POOL
    lines = [
        TITLE(score=found.score, date=day(found.as_of)),
        (EXACTLY if found.exact else AT_OR_ABOVE)(
            count=number(_count(found, found.at_or_above)),
            total=number(found.total),
            share=f"{found.share:.1%}",
            score=found.score,
        ),
        *_before(found),
    ]
    if not found.exact:
        lines.append(ESTIMATE)
    for category, draws in recent:
        lines.extend(_recent(found.score, category, draws))
    return "\n".join(lines)

"""Storing draws and reading them back. The caller owns the transaction."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.merge import Facts, official_confirms
from core.provinces.values import PROVINCES
from core.rounds import Round
from core.trends import CONTEXT_DRAWS, CutoffContext, cutoff_context
from db.models import Draw

ROUND_FIELDS = tuple(f.name for f in fields(Round))


@dataclass
class StoreResult:
    new: list[Draw] = field(default_factory=list)
    updated: list[Draw] = field(default_factory=list)
    # news-only draws that these rounds confirm, with the figures the news had given
    confirmed: list[tuple[Draw, Facts]] = field(default_factory=list)
    # official draws whose figures the rounds changed, with the figures they had before
    revised: list[tuple[Draw, Facts]] = field(default_factory=list)
    unchanged: int = 0


async def round_hashes(session: AsyncSession) -> dict[str, str | None]:
    """The hash of its round's JSON that each numbered draw was stored with (None: none).
    Plain rows through the session's connection: the ORM's row handling would cost more
    than the query, on every poll."""
    table = Draw.__table__
    query = select(table.c.number, table.c.raw_hash).where(table.c.number.is_not(None))
    rows = await (await session.connection()).execute(query)
    return {number: digest for number, digest in rows}


async def store_rounds(
    session: AsyncSession,
    rounds: Iterable[Round],
    source: str,
    now: datetime,
    hashes: Mapping[str, str] | None = None,
) -> StoreResult:
    """Insert rounds not stored yet and update those whose figures changed; each draw
    keeps its round's hash from ``hashes`` (by number), when given.

    Idempotent: storing the same rounds again writes nothing. Rounds are matched to
    stored draws by number, or else to a draw known only from news that they confirm;
    the official figures then replace the reported ones.
    """
    hashes = hashes or {}
    rounds = list(rounds)
    numbers = [r.number for r in rounds]
    stored = {
        draw.number: draw
        for draw in await session.scalars(select(Draw).where(Draw.number.in_(numbers)))
    }
    reported = list(await session.scalars(select(Draw).where(Draw.confirmed.is_(False))))
    result = StoreResult()
    for parsed in rounds:
        draw = stored.get(parsed.number) or _confirmed_by(parsed, reported)
        if draw is None:
            draw = Draw(**_values(parsed), source=source, confirmed=True, created_at=now)
            session.add(draw)
            stored[parsed.number] = draw
            result.new.append(draw)
        elif not draw.confirmed:
            result.confirmed.append((draw, as_alerted(draw)))
            reported.remove(draw)
            _apply(draw, parsed)
            draw.source, draw.confirmed, draw.undated, draw.updated_at = source, True, False, now
        else:
            _revise(draw, parsed, now, result)
        digest = hashes.get(parsed.number)
        if digest is not None and draw.raw_hash != digest:
            draw.raw_hash = digest
    await session.flush()
    return result


def as_alerted(draw: Draw) -> Facts:
    """The figures an alert of the draw shows as its own: not a date no source stated (the
    alert gives it as the day the draw was reported; IRCC's own date corrects nothing)."""
    return replace(Facts.of(draw), date=_held(draw))


def _confirmed_by(parsed: Round, reported: list[Draw]) -> Draw | None:
    """The news-only draw this official round stands for, if any."""
    return next((d for d in reported if official_confirms(Facts.of(parsed), Facts.of(d))), None)


def _revise(draw: Draw, parsed: Round, now: datetime, result: StoreResult) -> None:
    """A stored official draw read again: the round's figures replace its own, and the
    figures it had are kept in the result for the corrections they may owe."""
    before = Facts.of(draw)
    if _apply(draw, parsed):
        draw.updated_at = now
        result.updated.append(draw)
        result.revised.append((draw, before))
    else:
        result.unchanged += 1


def _values(parsed: Round) -> dict[str, object]:
    return {name: getattr(parsed, name) for name in ROUND_FIELDS}


def _apply(draw: Draw, parsed: Round) -> bool:
    """Copy the round's figures onto the stored draw; True if anything changed."""
    changed = False
    for name, value in _values(parsed).items():
        if getattr(draw, name) != value:
            setattr(draw, name, value)
            changed = True
    return changed


NEWEST_FIRST = (Draw.date.desc().nulls_last(), Draw.drawn_at.desc().nulls_last(), Draw.id.desc())
EXPRESS_ENTRY = Draw.province.is_(None)


def of_kind(category: str | None) -> ColumnElement[bool]:
    """The draws a key asks for: Express Entry's (None), one category's or one provincial
    stream's (its key), or every stream of a province (``bc``)."""
    if category is None:
        return EXPRESS_ENTRY
    if category in PROVINCES:
        return Draw.province == category
    return Draw.category == category


async def latest_draws(
    session: AsyncSession, category: str | None = None, limit: int | None = 1
) -> Sequence[Draw]:
    """The newest draws (all of them when limit is None): Express Entry's, or those of the
    category, stream or province given (see :func:`of_kind`)."""
    query = select(Draw).where(of_kind(category)).order_by(*NEWEST_FIRST)
    if limit is not None:
        query = query.limit(limit)
    return (await session.scalars(query)).all()


async def previous_draw(session: AsyncSession, draw: Draw) -> Draw | None:
    """The draw of the same category that came just before this one."""
    earlier = await earlier_draws(session, draw, 1)
    return earlier[0] if earlier else None


async def earlier_draws(session: AsyncSession, draw: Draw, limit: int) -> list[Draw]:
    """Up to ``limit`` draws of the same category that came before this one, newest first
    (a same-day draw counts only if it came earlier)."""
    if draw.date is None:
        return []
    query = select(Draw).where(
        Draw.category == draw.category, Draw.id != draw.id, Draw.date <= draw.date
    )
    candidates = (await session.scalars(query.order_by(*NEWEST_FIRST).limit(limit + 4))).all()
    earlier = [c for c in candidates if c.date != draw.date or _earlier_same_day(c, draw)]
    return earlier[:limit]


def _earlier_same_day(candidate: Draw, draw: Draw) -> bool:
    if candidate.drawn_at and draw.drawn_at:
        return candidate.drawn_at < draw.drawn_at
    return candidate.id < draw.id


async def category_overview(session: AsyncSession) -> list[tuple[Draw, int]]:
    """The newest draw of each stored Express Entry category, with the category's draw
    count."""
    newest = (
        select(Draw.category, func.max(Draw.date).label("newest"), func.count().label("count"))
        .where(EXPRESS_ENTRY)
        .group_by(Draw.category)
        .subquery()
    )
    query = select(Draw, newest.c.count).join(
        newest, (Draw.category == newest.c.category) & (Draw.date == newest.c.newest)
    )
    overview: dict[str, tuple[Draw, int]] = {}
    for draw, count in await session.execute(query.order_by(*NEWEST_FIRST)):
        overview.setdefault(draw.category, (draw, count))
    return list(overview.values())


async def draw_times_since(session: AsyncSession, since: datetime) -> list[datetime]:
    """When the draws since then were held (those whose time is known)."""
    query = select(Draw.drawn_at).where(EXPRESS_ENTRY, Draw.drawn_at >= since)
    return [moment for moment in await session.scalars(query) if moment is not None]


async def stored_categories(session: AsyncSession) -> frozenset[str]:
    """Every key a stored draw answers to: its category (a province's stream for a provincial
    draw), and its province."""
    categories = await session.scalars(select(Draw.category).distinct())
    provinces = await session.scalars(
        select(Draw.province).where(Draw.province.is_not(None)).distinct()
    )
    return frozenset([*categories, *(province for province in provinces if province)])


async def history(
    session: AsyncSession, category: str | None, limit: int
) -> list[tuple[Draw, Draw | None]]:
    """The newest draws (of one category if given), newest first, each with the draw of
    its category that came just before it."""
    newest = await latest_draws(session, category, limit)
    return [(draw, await previous_draw(session, draw)) for draw in newest]


async def previous_and_context(
    session: AsyncSession, draw: Draw
) -> tuple[Draw | None, CutoffContext | None]:
    """The draw of its category that came just before this one, and this draw set against
    the earlier draws of its category. A draw no source dated counts no days from or to it:
    its date is the day the news reported it."""
    earlier = await earlier_draws(session, draw, CONTEXT_DRAWS)
    found = cutoff_context(_held(draw), [(_held(each), each.crs) for each in earlier])
    return (earlier[0] if earlier else None), found


def _held(draw: Draw) -> date | None:
    """The day a draw was held, if a source said so."""
    return None if draw.undated else draw.date


async def pool_distributions(
    session: AsyncSession, limit: int = 2
) -> list[tuple[date, dict[str, Any]]]:
    """The newest pool distributions by CRS range, one per date, newest first."""
    query = (
        select(Draw.distribution_as_of, Draw.distribution)
        .where(Draw.distribution_as_of.is_not(None))
        .order_by(Draw.distribution_as_of.desc(), Draw.id.desc())
        .limit(limit * 20)  # a few draws share each distribution
    )
    found: dict[date, dict[str, Any]] = {}
    for day, distribution in await session.execute(query):
        if distribution and day not in found:  # a draw without figures may hold JSON null
            found[day] = distribution
            if len(found) == limit:
                break
    return list(found.items())


async def recent_figures(
    session: AsyncSession, categories: Sequence[str], count: int
) -> list[tuple[str, list[tuple[int | None, int | None]]]]:
    """The (invitations, cut-off) of the last draws of each category, newest first."""
    return [
        (category, [(d.invitations, d.crs) for d in await latest_draws(session, category, count)])
        for category in categories
    ]


async def draws_since(
    session: AsyncSession, category: str | None, since: date | None
) -> list[Draw]:
    """The draws (Express Entry's, or of the category, stream or province given) from that
    day on, or all of them, oldest first."""
    query = select(Draw).where(Draw.date.is_not(None), of_kind(category))
    if since is not None:
        query = query.where(Draw.date >= since)
    return list(await session.scalars(query.order_by(Draw.date, Draw.drawn_at, Draw.id)))


async def stored_version(session: AsyncSession) -> tuple[int | None, date | None, datetime | None]:
    """What tells stored draws apart from those of an earlier moment: the newest draw's id,
    the newest date, and the last update of a stored draw's figures."""
    query = select(func.max(Draw.id), func.max(Draw.date), func.max(Draw.updated_at))
    newest, day, updated = (await session.execute(query)).one()
    return newest, day, updated


async def every_draw(session: AsyncSession) -> list[Draw]:
    """Every stored draw, Express Entry's and the provinces', oldest first (undated last)."""
    order = (Draw.date.is_(None), Draw.date, Draw.drawn_at, Draw.id)
    return list(await session.scalars(select(Draw).order_by(*order)))

"""Storing IRCC's forward-looking processing times: each edition once, with its figures as
published, and reading back the newest editions for a program or a month of application.
The caller owns the transaction."""

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import UnaryExpression, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.times.follow import EXPRESS_ENTRY, Changes, Published, changes
from db.matching import times_subscriptions
from db.models import Subscription, TimesEdition, TimesFigure


class Figures(NamedTuple):
    """A program's figures (``month`` None) or a month of application's, as published."""

    program: str
    month: str | None  # "2025-06"
    time: str | None  # the current time, or the time left
    people: str | None  # the people waiting, or the people ahead


async def store_edition(
    session: AsyncSession,
    published: str,
    day: date | None,
    figures: Sequence[Figures],
    now: datetime,
) -> TimesEdition | None:
    """Store an edition unless the same one (same date and figures) is stored; returns the
    new edition, or None when it was stored before."""
    digest = _digest(published, figures)
    if await session.scalar(select(TimesEdition.id).where(TimesEdition.digest == digest)):
        return None
    edition = TimesEdition(published=published, date=day, digest=digest, fetched_at=now)
    session.add(edition)
    await session.flush()
    session.add_all(
        TimesFigure(edition_id=edition.id, program=row.program, month=row.month,
                    time=row.time, people=row.people)
        for row in figures
    )  # fmt: skip
    await session.flush()
    return edition


def _digest(published: str, figures: Sequence[Figures]) -> str:
    rows = sorted(
        (row.program, row.month or "", row.time or "", row.people or "") for row in figures
    )
    return hashlib.sha256(json.dumps([published, rows]).encode()).hexdigest()


async def newest_editions(session: AsyncSession, count: int) -> list[TimesEdition]:
    """The newest editions, newest first (by their date, then by when they came)."""
    query = select(TimesEdition).order_by(*_newest_first())
    return list(await session.scalars(query.limit(count)))


def _newest_first() -> tuple[UnaryExpression[date | None], UnaryExpression[int]]:
    return (TimesEdition.date.desc().nulls_last(), TimesEdition.id.desc())


async def edition_before(session: AsyncSession, edition_id: int) -> TimesEdition | None:
    """The edition before this one (in the editions' order, newest first); None for the
    first. Monthly editions: the ids of all of them are a few hundred at most."""
    ids = list(await session.scalars(select(TimesEdition.id).order_by(*_newest_first())))
    if edition_id not in ids or ids.index(edition_id) + 1 == len(ids):
        return None
    return await session.get(TimesEdition, ids[ids.index(edition_id) + 1])


async def changes_since_before(session: AsyncSession, edition_id: int) -> Changes | None:
    """What an edition changed since the edition before it; None for the first."""
    before = await edition_before(session, edition_id)
    if before is None:
        return None
    return changes(await published_of(session, before.id), await published_of(session, edition_id))


async def published_of(session: AsyncSession, edition_id: int) -> Published:
    """Every figure pair of an edition as published, by (program, month)."""
    rows = await session.execute(
        select(TimesFigure.program, TimesFigure.month, TimesFigure.time, TimesFigure.people)
        .where(TimesFigure.edition_id == edition_id)
    )  # fmt: skip
    return {(program, month): (time, people) for program, month, time, people in rows}


async def followed_keys(session: AsyncSession) -> list[str]:
    """Every ``times`` key some chat subscribes to (a few hundred at most: programs and
    their months), for deciding which of them an edition's changes concern."""
    query = select(Subscription.category).distinct().where(times_subscriptions())
    return list(await session.scalars(query))


async def figures_of(
    session: AsyncSession,
    edition_ids: Sequence[int],
    program: str | None = None,
    month: str | None = None,
) -> dict[int, list[TimesFigure]]:
    """Each edition's figures: its programs' (``month`` None), or one program's month of
    application; one program's only when ``program`` is given."""
    query = select(TimesFigure).where(
        TimesFigure.edition_id.in_(edition_ids),
        TimesFigure.month.is_(None) if month is None else TimesFigure.month == month,
    )
    if program is not None:
        query = query.where(TimesFigure.program == program)
    found: dict[int, list[TimesFigure]] = {edition_id: [] for edition_id in edition_ids}
    for row in await session.scalars(query.order_by(TimesFigure.program)):
        found[row.edition_id].append(row)
    return found


async def programs_of(session: AsyncSession, edition_id: int) -> list[str]:
    """The programs an edition gives, in the order /times lists them."""
    query = select(TimesFigure.program).where(
        TimesFigure.edition_id == edition_id, TimesFigure.month.is_(None)
    )
    return list(await session.scalars(query.order_by(TimesFigure.program)))


async def months_of(session: AsyncSession, edition_id: int, program: str) -> list[str]:
    """The months of application an edition gives for a program, oldest first."""
    query = select(TimesFigure.month).where(
        TimesFigure.edition_id == edition_id, TimesFigure.program == program,
        TimesFigure.month.is_not(None),
    )  # fmt: skip
    return sorted(month for month in await session.scalars(query) if month)


async def known_programs(session: AsyncSession) -> list[str]:
    """The programs one may follow: the newest edition's, and the Express Entry ones
    before any edition is stored."""
    newest = await newest_editions(session, 1)
    stored = await programs_of(session, newest[0].id) if newest else []
    return stored or list(EXPRESS_ENTRY)

"""Storing provincial draws: each stream's draw on each day, as the province's page lists it.

A provincial draw is a row of ``draws`` with its ``province`` set (see db.models.Draw), so
that it is queued, sent, corrected and shown by the same code as Express Entry's. A draw
is known again by its province, stream, date and sub-pool; a page that shows other
figures for it updates the row, and the figures it had are returned for the corrections
they may owe. A draw known from the news only (not confirmed) is the page's draw of the same
stream within two days: the page's figures replace the news' and confirm it. The caller
owns the transaction.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.merge import MATCH_WINDOW, Facts
from core.provinces.values import Bound, ProvincialDraw
from db.draws import StoreResult
from db.models import Draw

Identity = tuple[str, str, object, str]  # province, stream, date, sub-pool
SELECTION_LENGTH = 200  # the column's width


async def store_provincial(
    session: AsyncSession, found: Iterable[ProvincialDraw], source: str, now: datetime
) -> StoreResult:
    """Insert the draws not stored yet and update those whose figures changed. Idempotent:
    storing the same draws again writes nothing. A draw listed twice is stored once."""
    listed = _identified(found)
    provinces = {province for province, *_rest in listed}
    rows = (await session.scalars(select(Draw).where(Draw.province.in_(provinces)))).all()
    stored = {_stored_identity(draw): draw for draw in rows}
    reported = [row for row in rows if not row.confirmed]
    result = StoreResult()
    for identity, draw in listed.items():
        row = stored.get(identity) or _reported(reported, draw)
        if row is None:
            row = Draw(**_columns(draw), source=source, confirmed=True, created_at=now)
            session.add(row)
            result.new.append(row)
            continue
        before = Facts.of(row)
        if not row.confirmed:  # known from the news until now: the page's figures replace it
            reported.remove(row)
            _apply(row, _columns(draw))
            row.confirmed, row.source, row.updated_at = True, source, now
            result.confirmed.append((row, before))
            continue
        if _apply(row, _columns(draw)):
            row.updated_at = now
            result.updated.append(row)
            result.revised.append((row, before))
        else:
            result.unchanged += 1
    await session.flush()
    return result


def _reported(reported: list[Draw], draw: ProvincialDraw) -> Draw | None:
    """The draw known from the news only that the page's draw is: same province and stream,
    within two days, the same sub-pool or none named."""
    return next(
        (
            row
            for row in reported
            if (row.province, row.category) == (draw.province, draw.stream)
            and _apart(row, draw) <= MATCH_WINDOW
            and (row.selection or "") in ("", draw.selection)
        ),
        None,
    )


async def draw_near(session: AsyncSession, draw: ProvincialDraw) -> Draw | None:
    """The stored draw a news report of a provincial draw is about: the same province and
    stream within two days (the province's own figures first, then the nearest date)."""
    query = select(Draw).where(
        Draw.province == draw.province,
        Draw.category == draw.stream,
        Draw.date.between(draw.date - MATCH_WINDOW, draw.date + MATCH_WINDOW),
    )
    found = (await session.scalars(query)).all()
    return min(found, key=lambda row: (not row.confirmed, _apart(row, draw), row.id), default=None)


def _apart(row: Draw, draw: ProvincialDraw) -> timedelta:
    return abs(row.date - draw.date) if row.date is not None else timedelta.max


def reported_draw(draw: ProvincialDraw, source: str, now: datetime) -> Draw:
    """A provincial draw known from the news only: stored as not confirmed until the
    province's page shows it."""
    return Draw(**_columns(draw), source=source, confirmed=False, created_at=now)


def _identified(found: Iterable[ProvincialDraw]) -> dict[Identity, ProvincialDraw]:
    """Each draw by its identity. Draws of one stream on one day that the page does not tell
    apart by a sub-pool are told apart by their notes (a draw listed twice is one)."""
    groups: defaultdict[Identity, list[ProvincialDraw]] = defaultdict(list)
    for draw in found:
        groups[(draw.province, draw.stream, draw.date, draw.selection)].append(draw)
    listed = {}
    for identity, draws in groups.items():
        if len(draws) == 1:
            listed[identity] = draws[0]
            continue
        for draw in draws:
            told = " / ".join([draw.selection, *draw.notes] if draw.selection else draw.notes)
            told = told[:SELECTION_LENGTH]
            listed[(*identity[:3], told)] = replace(draw, selection=told)
    return listed


def _stored_identity(row: Draw) -> Identity:
    return row.province or "", row.category, row.date, row.selection or ""


def _columns(draw: ProvincialDraw) -> dict[str, object]:
    """The row's columns for a provincial draw (Express Entry's own columns left empty)."""
    invitations = draw.invitations
    return {
        "province": draw.province,
        "category": draw.stream,
        "name": draw.stream_name,
        "date": draw.date,
        "invitations": invitations.count if invitations else None,
        "invitations_bound": (
            invitations.bound.value
            if invitations is not None and invitations.bound is not Bound.EXACT
            else None
        ),
        "crs": draw.min_score,
        "scale": draw.scale.value,
        "selection": draw.selection,
        "notes": list(draw.notes),
    }


def _apply(row: Draw, columns: dict[str, object]) -> bool:
    """Copy the page's figures onto the stored row; True if anything changed."""
    changed = False
    for name, value in columns.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


async def stream_overview(session: AsyncSession) -> list[Draw]:
    """The newest stored draw of each province's stream, province by province."""
    newest = (
        select(Draw.category, func.max(Draw.date).label("newest"))
        .where(Draw.province.is_not(None))
        .group_by(Draw.category)
        .subquery()
    )
    query = select(Draw).join(
        newest, (Draw.category == newest.c.category) & (Draw.date == newest.c.newest)
    )
    found: dict[str, Draw] = {}
    for draw in await session.scalars(query.order_by(Draw.province, Draw.category, Draw.id)):
        found.setdefault(draw.category, draw)
    return list(found.values())

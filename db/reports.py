"""News feed entries already read, the reports they made about draws, and what the stored
draws tell of a new report: a draw of its category it disagrees with, another publisher's
report it agrees with, the newest official round, the category's run of cut-offs."""

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.merge import MATCH_WINDOW, Facts, report_matches, sizes_agree
from core.reports import Recent
from db.models import Draw, FeedEntry, Report

AGREEMENT_DAYS = timedelta(days=1)  # two reports of one draw: within a day of each other
# An article that never dates its draw and restates a round IRCC published up to this long
# before it is about that round (see restated_round).
RESTATED_WITHIN = timedelta(days=14)
RESTATED_IN_FULL_WITHIN = timedelta(days=365)  # its category, cut-off and count all stated


async def entry(session: AsyncSession, feed: str, entry_key: str) -> FeedEntry | None:
    query = select(FeedEntry).where(FeedEntry.feed == feed, FeedEntry.entry_key == entry_key)
    return await session.scalar(query)


async def forget_reports(session: AsyncSession, entry_id: int) -> None:
    """Drop what an entry reported, before reading its changed content again."""
    await session.execute(delete(Report).where(Report.entry_id == entry_id))


async def draw_for(session: AsyncSession, report: Facts) -> Draw | None:
    """The stored draw a report is about: by number, or by its figures near its date."""
    if report.number:
        by_number = await session.scalar(select(Draw).where(Draw.number == report.number))
        if by_number is not None:
            return by_number
    if report.date is None or report.category is None or report.crs is None:
        return None
    window = Draw.date.between(report.date - MATCH_WINDOW, report.date + MATCH_WINDOW)
    query = select(Draw).where(
        Draw.province.is_(None), Draw.category == report.category, Draw.crs == report.crs, window
    )
    for draw in await session.scalars(query.order_by(Draw.confirmed.desc(), Draw.id)):
        if report_matches(report, Facts.of(draw)):
            return draw
    return None


async def restated_round(
    session: AsyncSession, report: Facts, *, latest: bool = False
) -> Draw | None:
    """The stored round an undated report restates, an official one first: one of its
    category and cut-off (and its invitations, where both are known) dated up to
    RESTATED_WITHIN before the article (``report.date``, its publication day), or one of
    its category, cut-off and invitations up to RESTATED_IN_FULL_WITHIN before. Explainers,
    reviews and monthly recaps quote a round's figures without a date the reader takes as
    the draw's; read as of their publication, they would make it a new draw. The price: a
    new round, announced by an article that never dates it, is left to the official round
    when its figures repeat a recent round's (24 of 421 rounds: 13 repeated their
    category's cut-off within two weeks, 11 more all three figures within a year). An
    article that calls its draw the latest (``latest``) restates only its category's newest
    round: one a later round of the category followed is no latest draw when it came."""
    if report.date is None or report.category is None or report.crs is None:
        return None
    within = RESTATED_WITHIN if report.invitations is None else RESTATED_IN_FULL_WITHIN
    recently = report.date - RESTATED_WITHIN
    query = select(Draw).where(
        Draw.province.is_(None),
        Draw.category == report.category,
        Draw.crs == report.crs,
        Draw.date.between(report.date - within, report.date),
    )
    order = (Draw.confirmed.desc(), Draw.date.desc(), Draw.id)
    for draw in await session.scalars(query.order_by(*order)):
        in_full = draw.invitations is not None and draw.invitations == report.invitations
        recent = draw.date is not None and draw.date >= recently
        if in_full or (recent and sizes_agree(report, Facts.of(draw))):
            return None if latest and await _followed(session, draw, report.date) else draw
    return None


async def _followed(session: AsyncSession, draw: Draw, until: date) -> bool:
    """Whether a later round of the draw's category was held by ``until``."""
    query = select(Draw.id).where(
        Draw.province.is_(None),
        Draw.category == draw.category,
        Draw.date > draw.date,
        Draw.date <= until,
    )
    return await session.scalar(query.limit(1)) is not None


async def has_dated_report(session: AsyncSession, draw_id: int) -> bool:
    """Whether some report gave the draw's own date (not just its publication date)."""
    query = select(Report.id).where(Report.draw_id == draw_id, Report.date.is_not(None))
    return await session.scalar(query.limit(1)) is not None


async def official_draws_on(session: AsyncSession, day: date) -> bool:
    """Whether the official data lists rounds of that day (or the next, in UTC)."""
    query = select(func.count()).where(
        Draw.confirmed, Draw.date.between(day - timedelta(days=1), day + timedelta(days=1))
    )
    return bool(await session.scalar(query))


async def counts(session: AsyncSession, draw_ids: Sequence[int]) -> dict[int, int]:
    """How many news reports each draw has."""
    query = (
        select(Report.draw_id, func.count())
        .where(Report.draw_id.in_(draw_ids))
        .group_by(Report.draw_id)
    )
    return {draw_id: count for draw_id, count in await session.execute(query) if draw_id}


async def links(session: AsyncSession, draw_ids: Sequence[int]) -> dict[int, list[str]]:
    """The articles that reported each draw, oldest first."""
    query = (
        select(Report.draw_id, FeedEntry.link)
        .join(FeedEntry, FeedEntry.id == Report.entry_id)
        .where(Report.draw_id.in_(draw_ids), FeedEntry.link.is_not(None))
        .order_by(Report.id)
    )
    found: dict[int, list[str]] = {}
    for draw_id, link in await session.execute(query):
        if draw_id is not None and link and link not in found.setdefault(draw_id, []):
            found[draw_id].append(link)
    return found


async def rival(session: AsyncSession, category: str, day: date) -> Draw | None:
    """A stored Express Entry draw of the category within two days of ``day`` (one a report
    found no match in, so one whose figures it disagrees with)."""
    window = Draw.date.between(day - MATCH_WINDOW, day + MATCH_WINDOW)
    query = select(Draw).where(Draw.province.is_(None), Draw.category == category, window)
    return await session.scalar(query.order_by(Draw.confirmed.desc(), Draw.id).limit(1))


async def unmatched_reports(
    session: AsyncSession, category: str, day: date
) -> list[tuple[Report, FeedEntry]]:
    """The articles' own reports of the category, for a day within a day of ``day`` (their
    date, else their article's), that made no draw: not confident alone. Oldest first."""
    query = (
        select(Report, FeedEntry)
        .join(FeedEntry, FeedEntry.id == Report.entry_id)
        .where(Report.draw_id.is_(None), Report.from_table.is_(False), Report.category == category)
        .order_by(Report.id)
    )
    found = []
    for report, entry in await session.execute(query):
        when = report.date or (entry.published.date() if entry.published else None)
        if when is not None and abs(when - day) <= AGREEMENT_DAYS:
            found.append((report, entry))
    return found


async def newest_number(session: AsyncSession) -> str | None:
    """The number of the newest official round."""
    query = select(Draw.number).where(
        Draw.confirmed, Draw.province.is_(None), Draw.number.is_not(None)
    )
    return await session.scalar(query.order_by(Draw.date.desc(), Draw.id.desc()).limit(1))


async def largest_invitations(session: AsyncSession) -> int | None:
    """The most invitations an official round of Express Entry has had."""
    query = select(func.max(Draw.invitations)).where(Draw.confirmed, Draw.province.is_(None))
    return await session.scalar(query)


async def cutoff_run(session: AsyncSession, category: str, before: date, count: int) -> list[int]:
    """The category's latest official cut-offs before a day, newest first."""
    query = (
        select(Draw.crs)
        .where(
            Draw.confirmed, Draw.province.is_(None), Draw.category == category,
            Draw.date < before, Draw.crs.is_not(None),
        )
        .order_by(Draw.date.desc())
        .limit(count)
    )  # fmt: skip
    return [crs for crs in await session.scalars(query) if crs is not None]


async def recent_rounds(
    session: AsyncSession, before: date, categories: Sequence[str], count: int
) -> list[Recent]:
    """The latest ``count`` official rounds before a day, and each category's latest,
    newest first: the rounds an article may recall beside a new one."""
    earlier = select(Draw).where(Draw.confirmed, Draw.province.is_(None), Draw.date < before)
    newest = earlier.order_by(Draw.date.desc(), Draw.id.desc())
    found = list(await session.scalars(newest.limit(count)))
    for category in categories:
        found += await session.scalars(newest.where(Draw.category == category).limit(1))
    found.sort(key=lambda draw: (draw.date, draw.id), reverse=True)
    rounds = {draw.id: Recent(draw.number or "", draw.category, draw.crs, draw.invitations)
              for draw in found}  # fmt: skip
    return list(rounds.values())

"""What a news article's reports become: a draw of its own (alerted, or history at a feed's
first poll), a report kept beside a stored draw, or one that waits for the official round.

A confident report of a draw nobody has reported yet becomes a draw of its own, marked
not confirmed, and is alerted at once, unless the official source answered in this very
poll and already lists rounds of that date: then the official rows are the ones to use.
A report not confident alone is made so by another publisher's that states the same
figures (core.reports.agreed); the stored rounds choose between the figures an article
states, and doubt what they contradict (core.reports.by_history). The provinces' draws an
article reports are filed by jobs.provinces.reported.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from core.merge import Facts
from core.reports import (
    AGREED,
    LATEST,
    RECENT,
    RUN,
    DrawReport,
    History,
    agreed,
    by_history,
    deserves_a_draw,
    stated,
)
from db import reports
from db.models import Draw, FeedEntry, Report
from jobs.news import extract
from jobs.provinces import reported
from jobs.queue import named, queue_alerts
from jobs.source import PollReport

log = logging.getLogger(__name__)

NEWS = "news"


@dataclass(frozen=True)
class Entry:
    """A feed entry as the extractor needs it."""

    key: str
    link: str | None
    title: str
    body: str
    published: datetime | None

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.title}\n{self.body}".encode()).hexdigest()


@dataclass(frozen=True)
class FeedPoll:
    """What filing one feed's entries needs to know."""

    feed: str
    first_run: bool
    official_fresh: bool
    now: datetime


async def file_entry(
    session: AsyncSession, context: FeedPoll, entry: Entry, report: PollReport
) -> None:
    """Read an entry not read before (or changed since) and file each report it gives."""
    stored = await reports.entry(session, context.feed, entry.key)
    if stored is not None and stored.content_hash == entry.digest:
        return  # read before, unchanged
    if stored is None:
        stored = FeedEntry(feed=context.feed, entry_key=entry.key)
        session.add(stored)
    else:
        await reports.forget_reports(session, stored.id)
    stored.link, stored.title, stored.published = entry.link, entry.title, entry.published
    stored.content_hash, stored.seen_at = entry.digest, context.now
    await session.flush()
    extraction = extract(entry.title, entry.body, entry.published)
    announced = [] if extraction.main is None else [extraction.main, *extraction.others]
    for claim in announced:
        await _file_report(session, context, stored, entry, claim, report, main=True)
    numbers = {claim.number for claim in announced}
    for row in extraction.table:
        if row.number not in numbers:
            await _file_report(session, context, stored, entry, row, report, main=False)
    if extraction.provincial:
        await reported.file_reports(
            session, stored, extraction.provincial, report,
            source=NEWS, now=context.now, first_run=context.first_run,
        )  # fmt: skip


async def _file_report(
    session: AsyncSession,
    context: FeedPoll,
    stored: FeedEntry,
    entry: Entry,
    claim: DrawReport,
    report: PollReport,
    *,
    main: bool,
) -> None:
    """Attach a report to its draw, or make it a new (unconfirmed) draw if it deserves one:
    alone, or with another publisher's report that states the same figures."""
    day = claim.date or (entry.published.date() if entry.published else None)
    read = claim
    if main and day is not None:
        claim = await _by_history(session, claim, day)
    facts = Facts(claim.number, day, claim.category, claim.invitations, claim.crs)
    draw = await reports.draw_for(session, facts)
    if draw is None and main and claim.date is None:
        draw = await reports.restated_round(session, facts, latest=claim.date_basis == LATEST)
    agreed_with: Report | None = None
    if draw is not None and not draw.confirmed:
        await _enrich(session, draw, claim)
    elif draw is None and day is not None and main:
        news, agreed_with = await _deserving(session, context, stored, claim, day)
        if news is not None:
            claim = news
            draw = await _new_draw(session, context, claim, day, report, alert=True)
            if agreed_with is not None:
                agreed_with.draw_id = draw.id
    elif draw is None and day is not None and deserves_a_draw(claim, main=False):
        draw = await _new_draw(session, context, claim, day, report, alert=False)
    session.add(_report_row(stored, draw, claim, read, agreed_with))


async def _by_history(session: AsyncSession, claim: DrawReport, day: date) -> DrawReport:
    """Choose between the figures an article states by what the stored rounds tell (the
    previous rounds' figures it recalls among them), and doubt a cut-off far from its
    category's or a count larger than any round's."""
    categories = [str(category) for category in stated(claim, "category")]
    runs = {
        category: await reports.cutoff_run(session, category, day, RUN) for category in categories
    }
    newest, largest = (
        await reports.newest_number(session),
        await reports.largest_invitations(session),
    )
    recent = await reports.recent_rounds(session, day, categories, RECENT)
    chosen = by_history(claim, History(newest, runs, largest, recent))
    if chosen.contradictions != claim.contradictions:
        log.info("report %s read by history as %s", claim.contradictions or "", chosen)
    return chosen


async def _deserving(
    session: AsyncSession, context: FeedPoll, stored: FeedEntry, claim: DrawReport, day: date
) -> tuple[DrawReport | None, Report | None]:
    """The report as it deserves a draw of its own (None if it does not), and the earlier
    report of another publisher that it agreed with to deserve it. A report that disagrees
    with a draw of its category stored within two days waits for the official round; one
    the official data contradicts in this very poll is not alerted."""
    if claim.category is None:
        return None, None
    rival = await reports.rival(session, claim.category, day)
    if rival is not None:
        log.info("source=%s entry=%s: %s %s disagrees with the stored draw %s of %s; not "
                 "alerted, it waits for the official round", context.feed, stored.entry_key,
                 claim.category, day, named(rival), rival.date)  # fmt: skip
        return None, None
    agreed_with = None
    if not deserves_a_draw(claim, main=True):
        claim, agreed_with = await _agreed(session, stored, claim, day)
        if agreed_with is None:
            return None, None
    if context.official_fresh and await reports.official_draws_on(session, day):
        log.info("source=%s entry=%s: the official data lists rounds of %s and none "
                 "matches this report; not alerted",
                 context.feed, stored.entry_key, day)  # fmt: skip
        return None, None
    return claim, agreed_with


async def _agreed(
    session: AsyncSession, stored: FeedEntry, claim: DrawReport, day: date
) -> tuple[DrawReport, Report | None]:
    """The report as another publisher's earlier report confirms it: the same category,
    cut-off and invitations, stated by both, for the same day (within one)."""
    assert claim.category is not None
    publisher = _publisher(stored)
    for other, entry in await reports.unmatched_reports(session, claim.category, day):
        if _publisher(entry) == publisher:
            continue
        found = agreed(claim, _stated_by(other))
        if found is not None and found.alertable:
            log.info("entry=%s agrees with entry=%s (%s): %s %s crs=%s invitations=%s",
                     stored.entry_key, entry.entry_key, _publisher(entry), found.category,
                     day, found.crs, found.invitations)  # fmt: skip
            return found, other
    return claim, None


def _publisher(entry: FeedEntry) -> str:
    """Who published an entry: its link's site, else its feed."""
    host = urlsplit(entry.link).hostname if entry.link else None
    return host.removeprefix("www.") if host else entry.feed


def _stated_by(report: Report) -> dict[str, list[object]]:
    """Each figure's values an earlier report's article stated."""
    values: dict[str, list[object]] = dict(report.alternatives or {})
    for field in AGREED:
        value = getattr(report, field)
        values.setdefault(field, [] if value is None else [value])
    return values


async def _new_draw(
    session: AsyncSession,
    context: FeedPoll,
    claim: DrawReport,
    day: date,
    report: PollReport,
    *,
    alert: bool,
) -> Draw:
    """A draw known from the news only; alerted unless it is history or a table's row."""
    draw = _news_draw(claim, day, context.now)
    session.add(draw)
    await session.flush()
    report.new.append(draw)
    if alert and not context.first_run:
        report.queued += await queue_alerts(session, draw, context.now)
    return draw


async def _enrich(session: AsyncSession, draw: Draw, claim: DrawReport) -> None:
    """A news-only draw takes what a later report adds: a number, the draw's own date
    (where earlier reports only had their publication date), a tie-break, invitations."""
    if draw.number is None and claim.number is not None:
        draw.number = claim.number
    if claim.date is not None and not await reports.has_dated_report(session, draw.id):
        draw.date, draw.undated = claim.date, False
    draw.tie_break = draw.tie_break or claim.tie_break
    draw.invitations = draw.invitations if draw.invitations is not None else claim.invitations


def _news_draw(claim: DrawReport, day: Any, now: datetime) -> Draw:
    assert claim.category is not None
    return Draw(
        number=claim.number, date=day, category=claim.category, name=claim.category,
        invitations=claim.invitations, crs=claim.crs, tie_break=claim.tie_break, source=NEWS,
        confirmed=False, undated=claim.date is None, created_at=now,
    )  # fmt: skip


def _report_row(
    stored: FeedEntry,
    draw: Draw | None,
    claim: DrawReport,
    read: DrawReport,
    agreed_with: Report | None,
) -> Report:
    """The report as filed (``claim``), with every value the article stated (``read``)."""
    return Report(
        entry_id=stored.id, draw_id=draw.id if draw else None, number=claim.number,
        date=claim.date, category=claim.category, invitations=claim.invitations, crs=claim.crs,
        tie_break=claim.tie_break, confidence=claim.confidence, from_table=claim.from_table,
        date_basis=claim.date_basis,
        alternatives={field: [_plain(v) for v in values] for field, values in read.alternatives}
        or None,
        agrees_with=agreed_with.id if agreed_with else None,
    )  # fmt: skip


def _plain(value: object) -> object:
    """A figure as JSON keeps it: a date as its ISO text."""
    return value.isoformat() if isinstance(value, date) else value

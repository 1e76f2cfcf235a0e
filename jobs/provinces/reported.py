"""Provincial draws a news article reports: each stream's report is kept beside the stored
draw it is about; a confident report of a draw not stored yet makes a provincial draw known
from the news (not confirmed until the province's page shows it), and the new draws of one
article are alerted together (one message a chat)."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.reports import Confidence
from db import provinces
from db.models import Draw, FeedEntry, Report
from jobs.news import ProvincialReport
from jobs.queue import queue_alerts_together
from jobs.source import PollReport


async def file_reports(
    session: AsyncSession,
    stored: FeedEntry,
    claims: Sequence[ProvincialReport],
    report: PollReport,
    *,
    source: str,
    now: datetime,
    first_run: bool,
) -> None:
    """File an article's reports (``stored``: its entry); new draws are stored as from
    ``source``, and alerted unless this is the feed's first poll."""
    new = []
    for claim in claims:
        draw = await provinces.draw_near(session, claim.draw)
        if draw is None and claim.confident:
            draw = provinces.reported_draw(claim.draw, source, now)
            session.add(draw)
            await session.flush()
            report.new.append(draw)
            new.append(draw)
        elif draw is not None and not draw.confirmed:
            draw.crs = draw.crs if draw.crs is not None else claim.draw.min_score
        session.add(_report_row(stored, draw, claim))
    if new and not first_run:
        report.queued += await queue_alerts_together(session, new, now)


def _report_row(stored: FeedEntry, draw: Draw | None, claim: ProvincialReport) -> Report:
    found = claim.draw
    return Report(
        entry_id=stored.id, draw_id=draw.id if draw else None,
        date=found.date if claim.dated else None, category=found.stream,
        invitations=found.invitations.count if found.invitations else None,
        crs=found.min_score, confidence=Confidence.HIGH if claim.confident else Confidence.LOW,
        from_table=False,
    )  # fmt: skip

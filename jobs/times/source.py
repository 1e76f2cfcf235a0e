"""IRCC's forward-looking processing times as a source: polled through jobs.source like the
others (conditional GET, backoff, health), read by :mod:`.read`, and each new edition
stored with its figures as published (the same edition polled again stores nothing); a
new edition queues word of what it changed to the chats that follow it (jobs.queue)."""

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.times import Figures, store_edition
from jobs.fetch import Fetched
from jobs.queue import queue_times_changes
from jobs.source import PollReport
from jobs.times.read import Edition, read_edition

log = logging.getLogger(__name__)

TIMES = "times"  # the source's key


@dataclass(frozen=True)
class TimesSource:
    """The processing-times document (flpt-en.json)."""

    url: str
    key: str = TIMES

    def read(self, fetched: Fetched) -> Edition:
        return read_edition(fetched.body)

    async def store(
        self, session: AsyncSession, edition: Edition, report: PollReport, now: datetime
    ) -> None:
        report.problems += edition.problems
        figures = [
            Figures(program, None, times.time_text, times.waiting_text)
            for program, times in edition.programs.items()
        ] + [
            Figures(times.program, times.month, times.left_text, times.ahead_text)
            for times in edition.months.values()
        ]
        stored = await store_edition(session, edition.published, edition.date, figures, now)
        if stored is None:
            log.info("source=%s edition of %s already stored", self.key, edition.published)
            return
        log.info("source=%s new edition of %s: %d programs, %d months", self.key,
                 edition.published, len(edition.programs), len(edition.months))  # fmt: skip
        if not report.first_run:
            report.queued += await queue_times_changes(session, stored, now)

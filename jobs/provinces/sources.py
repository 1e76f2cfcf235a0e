"""The provinces' pages as sources: each polled through jobs.source like the official JSON
(conditional GET, backoff, health, history stored silently at the first poll), read by its
province's reader, stored as provincial draws, and the alerts and corrections they owe
queued in the same transaction.

Ontario publishes a page a year: ``{year}`` in ONTARIO_OINP_URL is this year's, and in
January last year's page is read too (source ``on-last-year``), for the draws of late
December that the new page does not list.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from core.provinces.values import ALBERTA, BC, MANITOBA, ONTARIO
from db.provinces import store_provincial
from jobs.fetch import Fetched
from jobs.provinces import ProvincePage, alberta, bc, manitoba, ontario
from jobs.queue import queue_alerts_together, queue_confirmation, queue_revision
from jobs.source import PollReport

log = logging.getLogger(__name__)

ONTARIO_LAST_YEAR = f"{ONTARIO}-last-year"
A_JANUARY_DAY = date(2000, 1, 1)  # a day every source is polled on, last year's page too


@dataclass(frozen=True)
class ProvinceSource:
    """One province's page (or feed), and the reader of its body."""

    key: str
    url: str
    reader: Callable[[bytes], ProvincePage]

    def read(self, fetched: Fetched) -> ProvincePage:
        return self.reader(fetched.body)

    async def store(
        self, session: AsyncSession, page: ProvincePage, report: PollReport, now: datetime
    ) -> None:
        report.problems += page.problems
        stored = await store_provincial(session, page.draws, self.key, now)
        report.new = stored.new
        report.updated = [*stored.updated, *(draw for draw, _before in stored.confirmed)]
        if not report.first_run:
            report.queued += await queue_alerts_together(session, stored.new, now)
        for draw, before in stored.revised:
            report.queued += await queue_revision(session, draw, before, report.first_run, now)
        for draw, before in stored.confirmed:
            report.queued += await queue_confirmation(session, draw, before, report.first_run, now)


@dataclass(frozen=True)
class ProvinceUrls:
    """Where each province's source is (empty: not polled)."""

    bc: str = ""
    alberta: str = ""
    ontario: str = ""  # "{year}" stands for the page's year
    manitoba: str = ""


def province_sources(urls: ProvinceUrls, today: date) -> list[ProvinceSource]:
    """The provincial sources configured, as they are to be polled today."""
    found = [
        ProvinceSource(BC, urls.bc, bc.read),
        ProvinceSource(ALBERTA, urls.alberta, alberta.read),
        ProvinceSource(MANITOBA, urls.manitoba, manitoba.read),
    ]
    if urls.ontario:
        found.append(_ontario(ONTARIO, urls.ontario, today.year))
        if today.month == 1:
            found.append(_ontario(ONTARIO_LAST_YEAR, urls.ontario, today.year - 1))
    return [source for source in found if source.url]


def province_keys(urls: ProvinceUrls) -> list[str]:
    """The keys of every provincial source that may be polled (Ontario's last year's page
    included: it is due in January only)."""
    return [source.key for source in province_sources(urls, A_JANUARY_DAY)]


def _ontario(key: str, template: str, year: int) -> ProvinceSource:
    return ProvinceSource(
        key, template.replace("{year}", str(year)), partial(ontario.read, year=year)
    )

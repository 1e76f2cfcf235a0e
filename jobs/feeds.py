"""Polling news feeds (RSS/Atom): each entry read once, and what it reports about draws
filed by :mod:`jobs.filing`. Entries present at the first poll of a feed are history:
filed, never alerted.
"""

import calendar
import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from jobs.fetch import Fetched
from jobs.filing import Entry, FeedPoll, file_entry
from jobs.source import PollReport, Unreadable, poll_source

log = logging.getLogger(__name__)


def feed_key(url: str) -> str:
    return f"feed:{url}"[:200]


@dataclass(frozen=True)
class ParsedFeed:
    entries: list[Entry]
    problems: list[str]


@dataclass(frozen=True)
class FeedSource:
    """A news feed; ``official_fresh``: the official source answered within the interval."""

    url: str
    official_fresh: bool

    @property
    def key(self) -> str:
        return feed_key(self.url)

    def read(self, fetched: Fetched) -> ParsedFeed:
        parsed = feedparser.parse(
            fetched.body,
            response_headers={
                "content-type": fetched.content_type or "", "content-location": self.url
            },
        )  # fmt: skip
        problems = []
        if parsed.bozo:
            problems.append(
                f"malformed feed ({parsed.get('bozo_exception')!r}); using what was read"
            )
        if not parsed.entries and (parsed.bozo or not parsed.get("version")):
            reason = problems[0] if problems else "not an RSS or Atom feed"
            raise Unreadable(f"unreadable feed: {reason}")
        entries = [entry for raw in parsed.entries if (entry := read_entry(raw)) is not None]
        return ParsedFeed(entries, problems)

    async def store(
        self, session: AsyncSession, read: ParsedFeed, report: PollReport, now: datetime
    ) -> None:
        """File every entry; one bad entry never spoils the others."""
        report.problems += read.problems
        context = FeedPoll(self.key, report.first_run, self.official_fresh, now)
        for entry in read.entries:
            try:
                async with session.begin_nested():
                    await file_entry(session, context, entry, report)
            except Exception as error:
                log.exception("source=%s entry=%s could not be filed", self.key, entry.key)
                report.problems.append(f"entry {entry.key}: {error!r}")


async def poll_feed(
    client: httpx.AsyncClient,
    sessions: async_sessionmaker[AsyncSession],
    url: str,
    max_bytes: int,
    now: datetime,
    official_fresh: bool,
) -> PollReport:
    """One poll of one news feed."""
    source = FeedSource(url, official_fresh)
    return await poll_source(client, sessions, source, max_bytes=max_bytes, now=now)


def read_entry(raw: Any) -> Entry | None:
    """The parts of a feedparser entry that matter; None for an entry with nothing to read."""
    title = str(raw.get("title") or "")
    parts = [str(raw.get("summary") or "")]
    parts += [str(content.get("value") or "") for content in raw.get("content") or []]
    body = "\n".join(part for part in dict.fromkeys(parts) if part)
    link = raw.get("link") or None
    key = raw.get("id") or link or (hashlib.sha256(title.encode()).hexdigest() if title else None)
    if key is None or not (title or body):
        return None
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    return Entry(str(key)[:500], link, title, body, published)

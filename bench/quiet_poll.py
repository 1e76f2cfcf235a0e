"""The cost of a poll that finds nothing new (run: python -m bench.quiet_poll).

The official snapshot is served by FakeSource in another process, behind a proxy that
counts bytes on the wire. One first poll stores the history; then QUIET polls run with
nothing changed, through the product's client (jobs.fetch.make_client) and
jobs.poll.poll_official. Per quiet poll: HTTP bytes each way (headers included; TCP and
TLS overhead not), the statuses answered, database writes (write statements SQLAlchemy
sent, and whether a dump of every table changed), and this process's CPU seconds,
extrapolated to an idle hour at one poll a minute. Targets: a 304 and zero writes.
"""

import argparse
import asyncio
import hashlib
import sqlite3
import tempfile
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench import silence_job_logs
from bench.source import RemoteSource, remote_source
from db.engine import create_engine, migrate, session_factory
from jobs.fetch import make_client
from jobs.poll import poll_official
from tests.conftest import SNAPSHOT

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
MAX_BYTES = 5_000_000
POLLS_AN_HOUR = 60
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class WriteCounter:
    """Counts the write statements an engine sends, on any of its connections."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.statements = 0
        event.listen(engine.sync_engine, "after_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(WRITES):
            self.statements += 1


def content_digest(path: Path) -> str:
    """A hash of every table's rows (read by a connection of its own)."""
    with closing(sqlite3.connect(path)) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()


async def first_poll(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], url: str
) -> str:
    started = time.perf_counter()
    report = await poll_official(client, sessions, url, MAX_BYTES, NOW)
    return (f"first poll: {report.outcome}, {len(report.new)} draws stored, "
            f"{time.perf_counter() - started:.3f} s")  # fmt: skip


async def quiet_polls(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], url: str, polls: int
) -> tuple[float, float, set[str]]:
    """Wall and CPU seconds of `polls` polls in a row, and the outcomes they reported."""
    outcomes = set()
    wall, cpu = time.perf_counter(), time.process_time()
    for poll in range(polls):
        now = NOW + timedelta(minutes=poll + 1)
        outcomes.add((await poll_official(client, sessions, url, MAX_BYTES, now)).outcome)
    return time.perf_counter() - wall, time.process_time() - cpu, outcomes


async def measure(source: RemoteSource, database: Path, polls: int) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await migrate(engine)
    sessions = session_factory(engine)
    async with make_client(20) as client:
        print(await first_poll(client, sessions, source.url))
        writes, before, digest = WriteCounter(engine), source.traffic(), content_digest(database)
        wall, cpu, outcomes = await quiet_polls(client, sessions, source.url, polls)
        after, changed = source.traffic(), content_digest(database) != digest
    await engine.dispose()
    statuses = sorted(set(after.statuses[len(before.statuses) :]))
    sent, received = after.sent - before.sent, after.received - before.received
    print(f"quiet polls: {polls}, outcome {', '.join(sorted(outcomes))}, "
          f"HTTP status {', '.join(map(str, statuses))}")  # fmt: skip
    print(f"  bytes a poll: {(sent + received) / polls:.0f} ({sent / polls:.0f} request, "
          f"{received / polls:.0f} response), first poll's response was "
          f"{before.received:,}")  # fmt: skip
    print(f"  writes a poll: {writes.statements / polls:g} write statements; "
          f"tables {'CHANGED' if changed else 'unchanged'} after all {polls}")  # fmt: skip
    print(f"  CPU a poll: {cpu / polls * 1000:.2f} ms ({wall / polls * 1000:.2f} ms wall); "
          f"idle hour at 1 poll a minute: {cpu / polls * POLLS_AN_HOUR:.2f} CPU s")  # fmt: skip


async def main(polls: int) -> None:
    snapshot = SNAPSHOT.read_bytes()
    with (
        remote_source(snapshot, "/ee_rounds_123_en.json") as source,
        tempfile.TemporaryDirectory() as folder,
    ):
        await measure(source, Path(folder) / "bench.sqlite3", polls)


if __name__ == "__main__":
    silence_job_logs()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--polls", type=int, default=50)
    asyncio.run(main(parser.parse_args().polls))

"""Matching a new draw to subscriptions on SQLite (run: python -m bench.matching).

For N chats with one subscription each (bench.population.realistic: every category key and
"all", 70% with a score), a new STEM draw with cut-off 486:

1. selecting the chats to alert, with the product's clause; median of 3 runs
   (target: under 1 s among 1,000,000);
2. fanout.enqueue of the draw, the INSERT ... SELECT a poll runs; median of 3 runs, each in
   a transaction rolled back afterwards, so every run and every N starts from the same rows.
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.population import insert_subscribers, realistic
from db import fanout
from db.engine import create_engine, migrate, session_factory
from db.matching import matching_clause
from db.models import Chat, Draw, Subscription

RUNS = 3
NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)


def chats_to_alert() -> Select[int]:
    """The chats a STEM draw with cut-off 486 concerns, as fanout.enqueue selects them."""
    return (
        select(Subscription.chat_id)
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(Chat.active, matching_clause("stem", 486))
        .distinct()
    )


def stem_draw() -> Draw:
    return Draw(
        number="421", date=date(2026, 7, 2), category="stem", name="STEM occupations",
        invitations=1500, crs=486, source="official", confirmed=True, created_at=NOW,
    )  # fmt: skip


Timed = tuple[float, int]  # seconds, and the rows selected or queued


async def median_of_runs(run: Callable[[], Awaitable[Timed]]) -> Timed:
    """The median time of RUNS runs, and the count the last run returned."""
    results = [await run() for _run in range(RUNS)]
    return statistics.median(seconds for seconds, _count in results), results[-1][1]


async def select_once(sessions: async_sessionmaker[AsyncSession]) -> Timed:
    async with sessions() as session:
        started = time.perf_counter()
        matched = len((await session.scalars(chats_to_alert())).all())
        return time.perf_counter() - started, matched


async def enqueue_once(sessions: async_sessionmaker[AsyncSession]) -> Timed:
    """Store the draw and queue its alerts, timing the enqueue alone, then roll back."""
    async with sessions() as session, session.begin():
        draw = stem_draw()
        session.add(draw)
        await session.flush()
        started = time.perf_counter()
        queued = await fanout.enqueue(session, draw, NOW)
        elapsed = time.perf_counter() - started
        await session.rollback()
    return elapsed, queued


async def query_plan(engine: AsyncEngine) -> str:
    statement = chats_to_alert().compile(engine, compile_kwargs={"literal_binds": True})
    async with engine.connect() as connection:
        rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}")
        return "; ".join(row[-1] for row in rows)


async def measure(chats: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await migrate(engine)
        started = time.perf_counter()
        await insert_subscribers(engine, realistic(chats))
        setup = time.perf_counter() - started
        sessions = session_factory(engine)
        selecting, matched = await median_of_runs(lambda: select_once(sessions))
        enqueueing, queued = await median_of_runs(lambda: enqueue_once(sessions))
        print(f"N={chats:,} (setup {setup:.1f} s): select {selecting:.3f} s, {matched:,} chats "
              f"matched; enqueue {enqueueing:.3f} s, {queued:,} rows queued "
              f"(medians of {RUNS})")  # fmt: skip
        print(f"  plan: {await query_plan(engine)}")
        await engine.dispose()


async def main(sizes: list[int]) -> None:
    for chats in sizes:
        await measure(chats)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    asyncio.run(main(parser.parse_args().sizes))

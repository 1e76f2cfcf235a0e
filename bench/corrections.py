"""A correction owed to many chats (run: python -m bench.corrections).

A draw alerted to ``--chats`` chats is corrected twice: after the first correction, half of
the chats have been sent theirs and half still owe it, so the second correction merges the
owed rows from two earlier figures and owes the sent ones afresh. Measured: the time the
second correction's queueing takes, and the Python memory it allocates at its peak
(``tracemalloc``), on SQLite or, with ``--database-url``, on PostgreSQL.

Target: the memory does not grow with the chats (the owed rows are merged by what they
say, in the database, never loaded one by one).
"""

import argparse
import asyncio
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, update

from core.merge import Correction
from db import corrections
from db.draws import store_rounds
from db.engine import create_engine, migrate, session_factory
from db.models import Chat, Delivery
from tests.test_delivery import DRAW

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
BATCH = 10_000


async def measure(url: str, chats: int) -> tuple[float, float]:
    """Seconds and peak MiB of the second correction of a draw alerted to ``chats`` chats."""
    engine = create_engine(url)
    await migrate(engine)
    sessions = session_factory(engine)
    async with sessions() as session, session.begin():
        draw = (await store_rounds(session, [DRAW], "official", NOW)).new[0]
        for start in range(1, chats + 1, BATCH):
            ids = range(start, min(start + BATCH, chats + 1))
            await session.execute(insert(Chat), [{"id": i, "type": "private"} for i in ids])
            await session.execute(
                insert(Delivery),
                [{"draw_id": draw.id, "chat_id": i, "kind": "alert", "status": "sent"}
                 for i in ids],
            )  # fmt: skip
    async with sessions() as session, session.begin():
        await corrections.enqueue_corrections(session, draw, [Correction("crs", 486, 488)], NOW)
        await session.execute(
            update(Delivery)
            .where(Delivery.kind == "correction", Delivery.chat_id <= chats // 2)
            .values(status="sent")
        )
    async with sessions() as session, session.begin():
        tracemalloc.start()
        started = time.perf_counter()
        queued = await corrections.enqueue_corrections(
            session, draw, [Correction("crs", 488, 490)], NOW
        )
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    assert queued == chats // 2, queued  # the sent ones, owed afresh
    await engine.dispose()
    return seconds, peak


async def main(options: argparse.Namespace) -> None:
    if options.database_url and len(options.chats) > 1:
        raise SystemExit("one --chats a run on PostgreSQL: each needs an empty database")
    for chats in options.chats:
        with tempfile.TemporaryDirectory() as folder:
            url = options.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            seconds, peak = await measure(url, chats)
        print(f"{chats:>9,} chats: second correction queued in {seconds:.2f} s, "
              f"peak Python memory {peak:.1f} MiB")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--database-url", help="an empty PostgreSQL database, written to (one --chats a run)"
    )
    asyncio.run(main(parser.parse_args()))

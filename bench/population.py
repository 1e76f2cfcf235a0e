"""Subscribed chats in bulk, for the benchmarks that need many of them.

On SQLite, rows go in through the driver's executemany, one chat and one subscription
each, so that a million take seconds rather than minutes; the timestamps are written in
the format SQLAlchemy stores on SQLite. On PostgreSQL they go in by COPY.
"""

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from core.categories import ALL, KNOWN_KEYS

CATEGORIES = (*KNOWN_KEYS, ALL)
CREATED = datetime(2026, 7, 1, tzinfo=UTC)
STORED_AT = f"{CREATED:%Y-%m-%d %H:%M:%S.%f}"
BATCH = 100_000
INSERT_CHAT = "INSERT INTO chats (id, type, active, created_at) VALUES (?, 'private', ?, ?)"
INSERT_SUBSCRIPTION = (
    "INSERT INTO subscriptions (chat_id, category, max_crs, created_at) VALUES (?, ?, ?, ?)"
)
CHAT_COLUMNS = ["id", "type", "active", "created_at"]
SUBSCRIPTION_COLUMNS = ["chat_id", "category", "max_crs", "created_at"]


@dataclass(frozen=True)
class Subscriber:
    chat_id: int
    active: bool
    category: str
    max_crs: int | None


def realistic(count: int, seed: int = 421) -> Iterator[Subscriber]:
    """Categories spread evenly over every key and "all"; 70% give a score of 350 to 600
    (the rest none); 5% of chats are inactive (blocked the bot, left the group)."""
    rng = random.Random(seed)
    for chat_id in range(1, count + 1):
        score = rng.randint(350, 600) if rng.random() < 0.7 else None
        yield Subscriber(chat_id, rng.random() >= 0.05, rng.choice(CATEGORIES), score)


Chooser = Callable[[random.Random, int], tuple[str, int | None]]


def chosen(count: int, choose: Chooser, seed: int = 421) -> Iterator[Subscriber]:
    """Active chats whose category and score `choose(rng, chat_id)` decides."""
    rng = random.Random(seed)
    for chat_id in range(1, count + 1):
        yield Subscriber(chat_id, True, *choose(rng, chat_id))


async def insert_subscribers(engine: AsyncEngine, subscribers: Iterable[Subscriber]) -> int:
    """Insert each subscriber's chat and subscription, in batches; returns how many."""
    total = 0
    rows = iter(subscribers)
    insert = _copy if engine.dialect.name == "postgresql" else _executemany
    async with engine.begin() as connection:
        while batch := list(islice(rows, BATCH)):
            await insert(connection, batch)
            total += len(batch)
    return total


async def _executemany(connection: AsyncConnection, batch: list[Subscriber]) -> None:
    chats = [(s.chat_id, s.active, STORED_AT) for s in batch]
    subs = [(s.chat_id, s.category, s.max_crs, STORED_AT) for s in batch]
    await connection.exec_driver_sql(INSERT_CHAT, chats)
    await connection.exec_driver_sql(INSERT_SUBSCRIPTION, subs)


async def _copy(connection: AsyncConnection, batch: list[Subscriber]) -> None:
    """COPY on the transaction's own asyncpg connection."""
    raw = (await connection.get_raw_connection()).driver_connection
    assert raw is not None
    chats = [(s.chat_id, "private", s.active, CREATED) for s in batch]
    subs = [(s.chat_id, s.category, s.max_crs, CREATED) for s in batch]
    await raw.copy_records_to_table("chats", records=chats, columns=CHAT_COLUMNS)
    await raw.copy_records_to_table("subscriptions", records=subs, columns=SUBSCRIPTION_COLUMNS)

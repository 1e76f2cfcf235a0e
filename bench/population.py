"""Subscribed chats in bulk, for the benchmarks that need many of them.

Rows go in through the driver's executemany, one chat and one subscription each, so that
a million take seconds rather than minutes; the timestamps are written in the format
SQLAlchemy stores on SQLite.
"""

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

from sqlalchemy.ext.asyncio import AsyncEngine

from core.categories import ALL, KNOWN_KEYS

CATEGORIES = (*KNOWN_KEYS, ALL)
STORED_AT = f"{datetime(2026, 7, 1, tzinfo=UTC):%Y-%m-%d %H:%M:%S.%f}"
BATCH = 100_000
INSERT_CHAT = "INSERT INTO chats (id, type, active, created_at) VALUES (?, 'private', ?, ?)"
INSERT_SUBSCRIPTION = (
    "INSERT INTO subscriptions (chat_id, category, max_crs, created_at) VALUES (?, ?, ?, ?)"
)


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
    async with engine.begin() as connection:
        while batch := list(islice(rows, BATCH)):
            chats = [(s.chat_id, s.active, STORED_AT) for s in batch]
            subs = [(s.chat_id, s.category, s.max_crs, STORED_AT) for s in batch]
            await connection.exec_driver_sql(INSERT_CHAT, chats)
            await connection.exec_driver_sql(INSERT_SUBSCRIPTION, subs)
            total += len(batch)
    return total

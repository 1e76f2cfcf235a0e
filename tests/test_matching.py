"""Which chats a draw concerns: the rule as a table, and the SQL that must agree with it."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.matching import matches
from db import outbox
from db.chats import ensure_chat, subscribe
from db.models import Delivery, Draw

NOW = datetime(2026, 7, 1, 12, tzinfo=UTC)

# (subscription category, its score, draw category, draw cut-off, matches?)
CASES = [
    ("stem", 490, "stem", 486, True),
    ("stem", 490, "stem", 490, True),  # at the score counts
    ("stem", 490, "stem", 491, False),
    ("stem", 490, "general", 480, True),  # everyone can be invited in all-program draws
    ("stem", 490, "general", 520, False),
    ("stem", 490, "healthcare", 450, False),
    ("stem", None, "stem", 900, True),
    ("stem", None, "general", 900, True),
    ("stem", None, "cec", 300, False),
    ("stem", 490, "stem", None, False),  # unknown cut-off: not known to be at or below
    ("stem", None, "stem", None, True),
    ("all", None, "pnp", 800, True),
    ("all", None, "researchers", 470, True),  # a category IRCC adds later
    ("all", 480, "pnp", 800, False),  # "/subscribe 480": a score alone
    ("all", 480, "french", 410, True),
    ("all", 480, "researchers", 470, True),
    ("general", None, "general", 500, True),
    ("general", None, "stem", 400, False),
    ("researchers", 500, "researchers", 470, True),
    ("pnp", 0, "pnp", 0, True),
    ("pnp", 1200, "pnp", 1200, True),
]


@pytest.mark.parametrize(("sub_category", "score", "draw_category", "crs", "expected"), CASES)
def test_matching_rule(
    sub_category: str, score: int | None, draw_category: str, crs: int | None, expected: bool
) -> None:
    assert matches(sub_category, score, draw_category, crs) is expected


async def test_the_outbox_query_agrees_with_the_rule(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Every case at once: one chat per row, each draw queued for exactly the expected chats."""
    async with sessions() as session, session.begin():
        for chat_id, (category, score, *_draw) in enumerate(CASES, start=1):
            await ensure_chat(session, chat_id, "private")
            await subscribe(session, chat_id, category, score)
        draws = {}
        for draw_category, crs in {(case[2], case[3]) for case in CASES}:
            draw = Draw(
                number=f"{len(draws) + 1}", date=date(2026, 7, 1), category=draw_category,
                name=draw_category, crs=crs, source="test",
            )  # fmt: skip
            session.add(draw)
            await session.flush()
            await outbox.enqueue(session, draw, NOW)
            draws[draw.id] = (draw_category, crs)
    async with sessions() as session:
        queued = set((await session.execute(select(Delivery.draw_id, Delivery.chat_id))).all())
    for chat_id, (category, score, *_draw) in enumerate(CASES, start=1):
        for draw_id, (draw_category, crs) in draws.items():
            expected = matches(category, score, draw_category, crs)
            assert ((draw_id, chat_id) in queued) is expected, (category, score, draw_category, crs)


async def test_one_row_per_chat_however_many_subscriptions_match(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await ensure_chat(session, 7, "private")
        for category, score in [("stem", 490), ("all", None), ("healthcare", 500)]:
            await subscribe(session, 7, category, score)
        await ensure_chat(session, 8, "group")
        await subscribe(session, 8, "stem", 480)
        blocked = await ensure_chat(session, 9, "private")
        await subscribe(session, 9, "stem", 490)
        blocked.active = False
        draw = Draw(number="500", date=date(2026, 7, 1), category="general", name="General",
                    crs=470, source="test")  # fmt: skip
        session.add(draw)
        await session.flush()
        assert await outbox.enqueue(session, draw, NOW) == 2  # chat 9 is inactive
        assert await outbox.enqueue(session, draw, NOW) == 0  # never twice
    async with sessions() as session:
        rows = (await session.scalars(select(Delivery).order_by(Delivery.chat_id))).all()
    assert [(row.chat_id, row.status) for row in rows] == [(7, "pending"), (8, "pending")]

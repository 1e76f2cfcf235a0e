"""Which chats a draw concerns: the rule as a table, and the SQL that must agree with it."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.matching import matches
from db import fanout
from db.chats import ensure_chat, subscribe
from db.models import Delivery, Draw

NOW = datetime(2026, 7, 1, 12, tzinfo=UTC)

# (subscription category, its score, draw category, draw cut-off, draw's province, matches?)
CASES = [
    ("stem", 490, "stem", 486, None, True),
    ("stem", 490, "stem", 490, None, True),  # at the score counts
    ("stem", 490, "stem", 491, None, False),
    ("stem", 490, "general", 480, None, True),  # everyone can be invited in all-program draws
    ("stem", 490, "general", 520, None, False),
    ("stem", 490, "healthcare", 450, None, False),
    ("stem", None, "stem", 900, None, True),
    ("stem", None, "general", 900, None, True),
    ("stem", None, "cec", 300, None, False),
    ("stem", 490, "stem", None, None, False),  # unknown cut-off: not known to be at or below
    ("stem", None, "stem", None, None, True),
    ("all", None, "pnp", 800, None, True),
    ("all", None, "researchers", 470, None, True),  # a category IRCC adds later
    ("all", 480, "pnp", 800, None, False),  # "/subscribe 480": a score alone
    ("all", 480, "french", 410, None, True),
    ("all", 480, "researchers", 470, None, True),
    ("general", None, "general", 500, None, True),
    ("general", None, "stem", 400, None, False),
    ("researchers", 500, "researchers", 470, None, True),
    ("pnp", 0, "pnp", 0, None, True),
    ("pnp", 1200, "pnp", 1200, None, True),
    # a province's draws reach its subscribers alone, each stream's score on its own scale
    ("bc", None, "bc-tech", 120, "bc", True),
    ("bc", 110, "bc-tech", 120, "bc", False),
    ("bc-tech", 130, "bc-tech", 120, "bc", True),
    ("bc-tech", None, "bc-healthcare", 90, "bc", False),
    ("on", None, "bc-tech", 100, "bc", False),
    ("all", None, "bc-tech", 120, "bc", False),  # "/subscribe all": Express Entry draws
    ("all", 480, "on-hcp", 470, "on", False),
    ("stem", 490, "on-hcp", 470, "on", False),
    ("pnp", None, "on-hcp", 470, "on", False),
    ("bc", None, "general", 480, None, False),  # nor Express Entry draws to provinces'
    ("on-hcp", 500, "general", 480, None, False),
    ("mb-swm", None, "stem", 480, None, False),
]


@pytest.mark.parametrize(
    ("sub_category", "score", "draw_category", "crs", "province", "expected"), CASES
)
def test_matching_rule(
    sub_category: str,
    score: int | None,
    draw_category: str,
    crs: int | None,
    province: str | None,
    expected: bool,
) -> None:
    assert matches(sub_category, score, draw_category, crs, province) is expected


async def test_the_outbox_query_agrees_with_the_rule(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Every case at once: one chat per row, each draw queued for exactly the expected chats."""
    async with sessions() as session, session.begin():
        for chat_id, (category, score, *_draw) in enumerate(CASES, start=1):
            await ensure_chat(session, chat_id, "private")
            await subscribe(session, chat_id, category, score)
        draws = {}
        for draw_category, crs, province in {(case[2], case[3], case[4]) for case in CASES}:
            draw = Draw(
                number=None if province else f"{len(draws) + 1}",
                date=date(2026, 7, 1) + timedelta(days=len(draws)), category=draw_category,
                name=draw_category, crs=crs, source="test", province=province,
                selection="" if province else None,
            )  # fmt: skip
            session.add(draw)
            await session.flush()
            await fanout.enqueue(session, draw, NOW)
            draws[draw.id] = (draw_category, crs, province)
    async with sessions() as session:
        queued = set((await session.execute(select(Delivery.draw_id, Delivery.chat_id))).all())
    for chat_id, (category, score, *_draw) in enumerate(CASES, start=1):
        for draw_id, figures in draws.items():
            expected = matches(category, score, *figures)
            assert ((draw_id, chat_id) in queued) is expected, (category, score, *figures)


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
        assert await fanout.enqueue(session, draw, NOW) == 2  # chat 9 is inactive
        assert await fanout.enqueue(session, draw, NOW) == 0  # never twice
    async with sessions() as session:
        rows = (await session.scalars(select(Delivery).order_by(Delivery.chat_id))).all()
    assert [(row.chat_id, row.status) for row in rows] == [(7, "pending"), (8, "pending")]

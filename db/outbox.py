"""The outbox: alerts owed to chats, written with their draw, delivered later.

A row per draw and chat (however many of the chat's subscriptions match), so a chat gets
each draw once. Rows stay ``pending`` until the sender marks them ``sent`` (or ``failed``,
or ``skipped`` when the chat no longer wants the draw), which is what lets delivery
survive restarts. The caller owns the transaction.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Insert, func, literal, select, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.matching import matching_clause
from db.models import Chat, Delivery, Draw, Subscription, UTCDateTime

PENDING, SENT, FAILED, SKIPPED = "pending", "sent", "failed", "skipped"
ALERT, CORRECTION = "alert", "correction"
MAX_ATTEMPTS = 5


def _insert_ignoring_duplicates(session: AsyncSession) -> Insert:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(Delivery)


async def enqueue(session: AsyncSession, draw: Draw, now: datetime, kind: str = ALERT) -> int:
    """Queue one message about the draw for every active chat with a matching subscription.

    Returns how many rows were queued; a chat already owed this message is left as it is.
    """
    chats = (
        select(Subscription.chat_id)
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(Chat.active, matching_clause(draw.category, draw.crs))
        .distinct()
        .subquery()
    )
    rows = select(
        literal(draw.id),
        chats.c.chat_id,
        literal(kind),
        literal(PENDING),
        literal(0),
        literal(now, UTCDateTime()),
    ).where(true())  # SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
    insert = _insert_ignoring_duplicates(session).from_select(
        ["draw_id", "chat_id", "kind", "status", "attempts", "created_at"], rows
    )
    result = await session.execute(insert.on_conflict_do_nothing())  # type: ignore[attr-defined]
    return int(result.rowcount)  # type: ignore[attr-defined]


async def enqueue_corrections(session: AsyncSession, draw: Draw, detail: str, now: datetime) -> int:
    """Queue one correction for every chat that was sent an alert about the draw."""
    alerted = select(
        literal(draw.id), Delivery.chat_id, literal(CORRECTION), literal(PENDING), literal(0),
        literal(detail), literal(now, UTCDateTime()),
    ).where(
        Delivery.draw_id == draw.id, Delivery.kind == ALERT, Delivery.status == SENT
    )  # fmt: skip
    insert = _insert_ignoring_duplicates(session).from_select(
        ["draw_id", "chat_id", "kind", "status", "attempts", "detail", "created_at"], alerted
    )
    result = await session.execute(insert.on_conflict_do_nothing())  # type: ignore[attr-defined]
    return int(result.rowcount)  # type: ignore[attr-defined]


async def pending(
    session: AsyncSession, limit: int, after_id: int = 0
) -> Sequence[tuple[Delivery, Draw]]:
    """The oldest pending rows after ``after_id``, with their draws."""
    query = (
        select(Delivery, Draw)
        .join(Draw, Draw.id == Delivery.draw_id)
        .where(Delivery.status == PENDING, Delivery.id > after_id)
        .order_by(Delivery.id)
        .limit(limit)
    )
    return (await session.execute(query)).all()


async def count_pending(session: AsyncSession) -> int:
    query = select(func.count()).select_from(Delivery).where(Delivery.status == PENDING)
    return int(await session.scalar(query) or 0)


async def mark(
    session: AsyncSession,
    delivery_ids: Sequence[int],
    status: str,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Set the outcome of delivered (or abandoned) rows."""
    values: dict[str, object] = {"status": status, "last_error": reason}
    if status == SENT:
        values["sent_at"] = now
    await session.execute(update(Delivery).where(Delivery.id.in_(delivery_ids)).values(values))


async def record_attempt(session: AsyncSession, delivery_ids: Sequence[int], reason: str) -> None:
    """Count a failed try; rows that have used up their tries are marked failed."""
    await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(delivery_ids))
        .values(attempts=Delivery.attempts + 1, last_error=reason[:500])
    )
    await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(delivery_ids), Delivery.attempts >= MAX_ATTEMPTS)
        .values(status=FAILED)
    )


async def deactivate_chat(session: AsyncSession, chat_id: int, reason: str, now: datetime) -> None:
    """Stop alerting a chat (its subscriptions stay for when it comes back)."""
    await session.execute(
        update(Chat).where(Chat.id == chat_id).values(active=False, inactive_reason=reason[:200])
    )
    pending_ids = select(Delivery.id).where(Delivery.chat_id == chat_id, Delivery.status == PENDING)
    await mark(session, (await session.scalars(pending_ids)).all(), FAILED, now, reason)

"""The outbox: alerts owed to chats, written with their draw, delivered later.

A row per draw and chat (however many of the chat's subscriptions match), so a chat gets
each draw once; likewise a row per edition of the processing times and chat that follows
what the edition changed (``kind`` TIMES). :mod:`db.fanout` queues them; this module
delivers them. Rows stay ``pending`` until the sender marks
them ``sent`` (or ``failed``, or ``skipped`` when the chat no longer wants the draw), which
is what lets delivery survive restarts. A process claims the rows it is about to send for
a while (:mod:`db.claims`). The caller owns the transaction.
"""

import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import (
    Boolean,
    bindparam,
    func,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from db import chats
from db.models import Delivery, UTCDateTime

PENDING, SENT, FAILED, SKIPPED = "pending", "sent", "failed", "skipped"
ALERT, CORRECTION, TIMES = "alert", "correction", "times"
MAX_ATTEMPTS = 6  # tries before a row is given up (about 1 minute of backoff in all)
RETRY_BASE, RETRY_CAP = 2.0, 300.0  # seconds


async def alert_outcomes(
    session: AsyncSession, corrections: Sequence[Delivery]
) -> dict[tuple[int | None, int], str]:
    """What became of the alert each correction corrects (its status), by draw and chat."""
    pairs = [(row.draw_id, row.chat_id) for row in corrections]
    if not pairs:
        return {}
    query = select(Delivery.draw_id, Delivery.chat_id, Delivery.status).where(
        Delivery.kind == ALERT, tuple_(Delivery.draw_id, Delivery.chat_id).in_(pairs)
    )
    return {(draw_id, chat_id): status for draw_id, chat_id, status in await session.execute(query)}


async def wait(
    connection: AsyncConnection, delivery_ids: Sequence[int], until: datetime, reason: str
) -> None:
    """Give the rows back, not to be tried before ``until``; no try is counted."""
    await connection.execute(
        update(Delivery).where(Delivery.id.in_(delivery_ids))
        .values(claimed_by=None, claimed_until=None, next_attempt_at=until, last_error=reason)
    )  # fmt: skip


async def counts(session: AsyncSession, now: datetime) -> dict[str, int]:
    """How many rows the outbox holds in each status, and how many pending rows a process
    is sending now (``claimed``)."""
    query = select(Delivery.status, func.count()).group_by(Delivery.status)
    found = {status: count for status, count in await session.execute(query)}
    claimed = select(func.count()).where(Delivery.status == PENDING, Delivery.claimed_until > now)
    found["claimed"] = int(await session.scalar(claimed) or 0)
    return found


async def mark(
    session: AsyncSession | AsyncConnection,
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


# The hot path of delivery, once a message: a plain statement, compiled once.
_MARK_SENT = text(
    "UPDATE deliveries SET status = 'sent', sent_at = :now, last_error = NULL, paid = :paid "
    "WHERE id IN :ids"
).bindparams(
    bindparam("ids", expanding=True), bindparam("now", type_=UTCDateTime()),
    bindparam("paid", type_=Boolean()),
)  # fmt: skip


async def mark_sent(
    connection: AsyncConnection, delivery_ids: Sequence[int], now: datetime, *, paid: bool = False
) -> None:
    """The rows' message was sent (``paid``: as a paid broadcast)."""
    await connection.execute(_MARK_SENT, {"ids": list(delivery_ids), "now": now, "paid": paid})


async def fan_out_sizes(
    session: AsyncSession, draw_ids: Sequence[int]
) -> dict[tuple[int, str], int]:
    """How many chats each draw's messages of each kind go to, sent or not."""
    query = (
        select(Delivery.draw_id, Delivery.kind, func.count())
        .where(Delivery.draw_id.in_(draw_ids))
        .group_by(Delivery.draw_id, Delivery.kind)
    )
    found = await session.execute(query)
    return {(draw_id, kind): size for draw_id, kind, size in found if draw_id is not None}


async def paid_messages(session: AsyncSession) -> int:
    """Messages sent as paid broadcasts, ever. The rows of one message (several draws for
    one chat) share their chat and the moment they were marked sent."""
    one_each = select(Delivery.chat_id, Delivery.sent_at).where(Delivery.paid).distinct().subquery()
    return int(await session.scalar(select(func.count()).select_from(one_each)) or 0)


async def retry_later(
    session: AsyncSession, delivery_ids: Sequence[int], reason: str, now: datetime
) -> bool:
    """Count a failed try and set when to try again; rows out of tries are marked failed.

    Returns False when the rows were given up.
    """
    rows = (await session.scalars(select(Delivery).where(Delivery.id.in_(delivery_ids)))).all()
    attempts = max((row.attempts for row in rows), default=0) + 1
    given_up = attempts >= MAX_ATTEMPTS
    values: dict[str, object] = {"attempts": attempts, "last_error": reason[:500]}
    if given_up:
        values["status"] = FAILED
    else:
        values["next_attempt_at"] = now + timedelta(seconds=retry_delay(attempts))
    await session.execute(update(Delivery).where(Delivery.id.in_(delivery_ids)).values(values))
    return not given_up


def retry_delay(attempts: int, jitter: Callable[[float, float], float] = random.uniform) -> float:
    """Exponential backoff with jitter: about 2, 4, 8... seconds, at most RETRY_CAP."""
    ceiling = min(RETRY_CAP, RETRY_BASE * 2 ** (attempts - 1))
    return jitter(ceiling / 2, ceiling)


async def deactivate_chat(session: AsyncSession, chat_id: int, reason: str, now: datetime) -> None:
    """Stop alerting a chat (its subscriptions stay for when it comes back)."""
    await chats.deactivate(session, chat_id, reason)
    pending_ids = select(Delivery.id).where(Delivery.chat_id == chat_id, Delivery.status == PENDING)
    await mark(session, (await session.scalars(pending_ids)).all(), FAILED, now, reason)


async def move_pending(session: AsyncSession, old_chat: int, new_chat: int, now: datetime) -> None:
    """A migrated group's pending rows move to its new id (unless it is owed them already)."""
    query = select(Delivery.draw_id, Delivery.edition_id, Delivery.kind).where(
        Delivery.chat_id == new_chat
    )
    owed = {tuple(row) for row in await session.execute(query)}
    rows = await session.scalars(
        select(Delivery).where(Delivery.chat_id == old_chat, Delivery.status == PENDING)
    )
    moving: list[int] = []
    staying: list[int] = []
    for row in rows:
        owes = (row.draw_id, row.edition_id, row.kind) in owed
        (staying if owes else moving).append(row.id)
    await session.execute(update(Delivery).where(Delivery.id.in_(moving)).values(chat_id=new_chat))
    reason = f"group moved to {new_chat}, which is owed the same message"
    await mark(session, staying, SKIPPED, now, reason)

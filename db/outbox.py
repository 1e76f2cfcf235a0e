"""The outbox: alerts owed to chats, written with their draw, delivered later.

A row per draw and chat (however many of the chat's subscriptions match), so a chat gets
each draw once; likewise a row per edition of the processing times and chat that follows
what the edition changed (``kind`` TIMES). :mod:`db.fanout` queues them; this module
delivers them. Rows stay ``pending`` until the sender marks
them ``sent`` (or ``failed``, or ``skipped`` when the chat no longer wants the draw), which
is what lets delivery survive restarts. A process claims the rows it is about to send for
a while, renewing the claim as it works, so that processes sharing the database never send
a row twice; a crashed process's claims lapse. The caller owns the transaction.
"""

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import (
    CTE,
    Boolean,
    ColumnElement,
    Update,
    any_,
    bindparam,
    delete,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from core.merge import Facts, shown_text
from db import chats
from db.models import Delivery, Draw, UTCDateTime

PENDING, SENT, FAILED, SKIPPED = "pending", "sent", "failed", "skipped"
ALERT, CORRECTION, TIMES = "alert", "correction", "times"
MAX_ATTEMPTS = 6  # tries before a row is given up (about 1 minute of backoff in all)
RETRY_BASE, RETRY_CAP = 2.0, 300.0  # seconds
# On PostgreSQL a claim holds this lock shared, and queueing a draw's corrections holds it
# alone (db.fanout.enqueue_corrections): so the figures a claim reads for its alerts are
# either those the corrections start from or those they bring, never between.
FIGURES_LOCK_KEY = 0x65652D66696773  # "ee-figs"
_SHARE_FIGURES = text("SELECT pg_advisory_xact_lock_shared(:key)").bindparams(key=FIGURES_LOCK_KEY)


async def claim(
    session: AsyncSession, owner: str, limit: int, now: datetime, until: datetime, after_id: int = 0
) -> Sequence[tuple[Delivery, Draw | None]]:
    """Claim for ``owner``, until ``until``, the oldest due pending rows after ``after_id``
    that nobody else holds; returns them with their draws (None for a row about the
    processing times). The caller commits.

    Two processes never hold the same row: on PostgreSQL the rows another claim is taking
    are skipped (FOR UPDATE SKIP LOCKED), and the UPDATE itself takes only free rows.
    A full batch whose last chat has more rows right after it takes them too, so that
    draws queued together reach a chat as one message.

    Each alert claimed keeps beside it the figures it is about to be written with, as the
    claim reads its draw; an alert claimed again is written anew, and a correction queued
    from its earlier figures is dropped (see db.fanout.enqueue_corrections).
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(_SHARE_FIGURES)
    due = or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now)
    free = or_(Delivery.claimed_until.is_(None), Delivery.claimed_until <= now)
    available = (
        select(Delivery.id)
        .where(Delivery.status == PENDING, Delivery.id > after_id, due, free)
        .order_by(Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        # evaluated once: a subquery rescanned for each row would take more than ``limit``
        .cte("available")
        .prefix_with("MATERIALIZED")
    )
    taken = (
        update(Delivery)
        .add_cte(available)
        .where(_among(session, available), Delivery.status == PENDING, free)
        .values(claimed_by=owner, claimed_until=until)
        .returning(Delivery.id, Delivery.chat_id)
        .execution_options(synchronize_session=False)
    )
    claimed = (await session.execute(taken)).all()
    if not claimed:
        return []
    ids = [row_id for row_id, _chat in claimed]
    if len(ids) >= limit:  # the batch may have cut its last chat's rows in two
        last_id, last_chat = max(claimed)
        ids += await _claim_rest_of_chat(session, last_id, last_chat, owner, until, due, free)
    rows = await _with_draws(session, ids)
    dropped = await _drop_outdone_corrections(session, rows)
    rows = [(delivery, draw) for delivery, draw in rows if delivery.id not in dropped]
    await _keep_shown(session, rows)
    return rows


async def _with_draws(
    session: AsyncSession, ids: Sequence[int]
) -> list[tuple[Delivery, Draw | None]]:
    query = (
        select(Delivery, Draw)
        .outerjoin(Draw, Draw.id == Delivery.draw_id)
        .where(Delivery.id.in_(ids))
        .order_by(Delivery.id)
    )
    return [(delivery, draw) for delivery, draw in await session.execute(query)]


async def _keep_shown(session: AsyncSession, rows: Sequence[tuple[Delivery, Draw | None]]) -> None:
    """Keep beside each claimed alert the figures its message is about to be written with
    (see db.fanout.enqueue_corrections)."""
    alerts: dict[str, list[int]] = defaultdict(list)
    for delivery, draw in rows:
        if draw is not None and delivery.kind == ALERT:
            alerts[shown_text(Facts.of(draw))].append(delivery.id)
    for shown, ids in alerts.items():
        await session.execute(
            update(Delivery).where(Delivery.id.in_(ids)).values(shown=shown)
            .execution_options(synchronize_session=False)
        )  # fmt: skip


async def _drop_outdone_corrections(
    session: AsyncSession, rows: Sequence[tuple[Delivery, Draw | None]]
) -> set[int]:
    """An alert claimed again (its send failed, or its sender stopped) is written anew with
    the draw's figures as they are now: a correction queued from the figures its first
    writing showed would correct what the chat is never sent. Those corrections are
    dropped; returns their ids."""
    again = [(d.draw_id, d.chat_id) for d, _draw in rows if d.kind == ALERT and d.shown is not None]
    if not again:
        return set()
    outdone = (
        delete(Delivery)
        .where(
            Delivery.kind == CORRECTION,
            Delivery.status == PENDING,
            tuple_(Delivery.draw_id, Delivery.chat_id).in_(again),
        )
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return set((await session.scalars(outdone)).all())


def _among(session: AsyncSession, available: CTE) -> ColumnElement[bool]:
    """The rows of ``available``. On PostgreSQL as an array: right after a big fan-out is
    committed, before autovacuum analyzes the table, the planner runs ``IN (SELECT ...)``
    as a nested loop over every pending row (22.7 s for a million, against 0.8 s this way;
    BENCHMARKS.md, "From fetch to send")."""
    if session.get_bind().dialect.name == "postgresql":
        return Delivery.id == any_(literal_column(f"ARRAY(SELECT id FROM {available.name})"))
    return Delivery.id.in_(select(available.c.id))


async def _claim_rest_of_chat(
    session: AsyncSession,
    last_id: int,
    chat_id: int,
    owner: str,
    until: datetime,
    due: ColumnElement[bool],
    free: ColumnElement[bool],
) -> list[int]:
    """The chat's rows that follow the batch's last one, up to another chat's row: queued
    together (see :func:`enqueue_together`), they make one message with the batch's."""
    other = (
        select(func.min(Delivery.id))
        .where(Delivery.id > last_id, Delivery.chat_id != chat_id)
        .scalar_subquery()
    )
    rest = (
        update(Delivery)
        .where(
            Delivery.id > last_id,
            Delivery.chat_id == chat_id,
            Delivery.status == PENDING,
            due,
            free,
            or_(other.is_(None), Delivery.id < other),
        )
        .values(claimed_by=owner, claimed_until=until)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return list((await session.scalars(rest)).all())


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


def _held_by(owner: str) -> Update:
    return update(Delivery).where(Delivery.claimed_by == owner, Delivery.status == PENDING)


async def renew(connection: AsyncConnection, owner: str, until: datetime) -> None:
    """Extend the owner's claims on the rows it has not finished."""
    await connection.execute(_held_by(owner).values(claimed_until=until))


async def release(connection: AsyncConnection, owner: str) -> None:
    """Give up the owner's claims on the rows it has not finished (they stay pending)."""
    await connection.execute(_held_by(owner).values(claimed_by=None, claimed_until=None))


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

"""Claiming outbox rows to send: each process takes a batch of due rows for a while,
renewing the claim as it works, so that processes sharing the database never send a row
twice; a crashed process's claims lapse. A claim also keeps beside each alert the figures
it is about to be written with, so that a change made while it is on its way is corrected
from what it said (db.corrections.enqueue_corrections). The caller commits.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    CTE,
    ColumnElement,
    Update,
    any_,
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

from core.merge import shown_text
from db.draws import as_alerted
from db.models import Delivery, Draw
from db.outbox import ALERT, CORRECTION, PENDING

# On PostgreSQL a claim holds this lock shared, and queueing a draw's corrections holds it
# alone (db.corrections.enqueue_corrections): so the figures a claim reads for its alerts are
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
    from its earlier figures is dropped (see db.corrections.enqueue_corrections).
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
    (see db.corrections.enqueue_corrections)."""
    alerts: dict[str, list[int]] = defaultdict(list)
    for delivery, draw in rows:
        if draw is not None and delivery.kind == ALERT:
            alerts[shown_text(as_alerted(draw))].append(delivery.id)
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


def _held_by(owner: str) -> Update:
    return update(Delivery).where(Delivery.claimed_by == owner, Delivery.status == PENDING)


async def renew(connection: AsyncConnection, owner: str, until: datetime) -> None:
    """Extend the owner's claims on the rows it has not finished."""
    await connection.execute(_held_by(owner).values(claimed_until=until))


async def release(connection: AsyncConnection, owner: str) -> None:
    """Give up the owner's claims on the rows it has not finished (they stay pending)."""
    await connection.execute(_held_by(owner).values(claimed_by=None, claimed_until=None))

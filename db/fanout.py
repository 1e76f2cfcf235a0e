"""What a draw or an edition owes: the outbox rows queued for it.

One row per draw and chat however many of the chat's subscriptions match (see
:mod:`db.matching`), in the order the chats first subscribed; one per edition of the
processing times and chat that follows what it changed (a changed draw's corrections:
:mod:`db.corrections`). A chat already owed a message is left as it is. The caller owns
the transaction, so a draw and its rows are written together; :mod:`db.outbox` delivers
them.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    Insert,
    Select,
    func,
    literal,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.chats import MAX_SUBSCRIPTIONS_PER_CHAT
from db.matching import matching_clause, unmatched_clause
from db.models import Chat, Delivery, Draw, PendingFanOut, Subscription, UTCDateTime
from db.outbox import ALERT, PENDING, TIMES

# chats whose alert is queued with a draw on PostgreSQL; the rest are queued right after
# (enqueue_first)
FIRST_CHATS = 1000


def insert_ignoring_duplicates(session: AsyncSession) -> Insert:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return insert(Delivery)


async def enqueue(
    session: AsyncSession,
    draw: Draw,
    now: datetime,
    kind: str = ALERT,
    *,
    unless_matched: tuple[str, int | None] | None = None,
) -> int:
    """Queue one message about the draw for every active chat with a matching subscription
    (and none matching a draw of ``unless_matched``'s category and cut-off, when given).

    Rows are inserted, and so numbered, in the order the chats first subscribed (their
    oldest matching subscription first): the sender takes rows in id order, so in a long
    fan-out the earliest subscribers are served first, in the same order after a restart.
    Returns how many rows were queued; a chat already owed this message is left as it is.
    """
    return await _insert_owed(session, [_chats_owed(draw, unless_matched)], now, kind)


async def enqueue_times(
    session: AsyncSession, edition_id: int, keys: Sequence[str], now: datetime
) -> int:
    """Queue one message about an edition of the processing times for every active chat
    subscribed to one of ``keys`` (those the edition's changes concern), in the order the
    chats first subscribed. Returns how many rows were queued."""
    if not keys:
        return 0
    owed = _owed(edition_id, "edition_id", Subscription.category.in_(keys))
    return await _insert_owed(session, [owed], now, TIMES, subject="edition_id")


async def enqueue_together(session: AsyncSession, draws: Sequence[Draw], now: datetime) -> int:
    """Queue the alerts of draws published together (a province's streams drawn on one
    day), each chat's rows side by side: the sender claims a chat's adjacent rows in one
    batch (see :func:`claim`), so each chat gets one message however many draws match."""
    if not draws:
        return 0
    return await _insert_owed(session, [_chats_owed(draw, None) for draw in draws], now, ALERT)


async def enqueue_first(
    session: AsyncSession,
    draw: Draw,
    now: datetime,
    *,
    unless_matched: tuple[str, int | None] | None = None,
) -> int:
    """Queue the draw's alerts (as :func:`enqueue`) for the ``FIRST_CHATS`` chats that
    subscribed first, and note the rest as owed (a :class:`PendingFanOut`, in the draw's
    transaction). The first alerts go out as soon as this commits, while :func:`finish`
    queues the rest in a transaction of its own: a million rows take seconds to write, and
    a crash in between leaves the note to finish from. A draw already noted keeps its note
    (its rest, queued from the draw's figures as they then are, takes in any revision).

    On SQLite the whole fan-out is queued at once: the database has one writer, so the
    rest's INSERT would hold the sender's first claim until it ends."""
    if session.get_bind().dialect.name != "postgresql":
        return await enqueue(session, draw, now, unless_matched=unless_matched)
    owed = [_first_chats_owed(draw, unless_matched, FIRST_CHATS)]
    queued = await _insert_owed(session, owed, now, ALERT, first=FIRST_CHATS)
    noted = select(PendingFanOut.id).where(PendingFanOut.draw_id == draw.id)
    if await session.scalar(noted) is None:
        unless_category, unless_crs = unless_matched or (None, None)
        session.add(PendingFanOut(draw_id=draw.id, unless_category=unless_category,
                                  unless_crs=unless_crs, created_at=now))  # fmt: skip
    return queued


async def finish(session: AsyncSession, now: datetime) -> int:
    """Queue the rest of every fan-out :func:`enqueue_first` began, oldest first, and drop
    their notes; returns how many rows that queued. A fan-out another transaction is
    finishing (on PostgreSQL) is left to it."""
    noted = select(PendingFanOut).order_by(PendingFanOut.id).with_for_update(skip_locked=True)
    queued = 0
    for pending in (await session.scalars(noted)).all():
        draw = await session.get(Draw, pending.draw_id)
        if draw is not None:
            unless = None
            if pending.unless_category is not None:
                unless = (pending.unless_category, pending.unless_crs)
            queued += await enqueue(session, draw, now, unless_matched=unless)
        await session.delete(pending)
    return queued


def _first_chats_owed(
    draw: Draw, unless_matched: tuple[str, int | None] | None, first: int
) -> Select:
    """What :func:`_chats_owed` selects, for the ``first`` chats to subscribe only, without
    grouping every matching subscription: walking them in id order, a chat's first one is
    where it first appears, and ``first`` chats appear within as many times a chat's most
    subscriptions."""
    subscriptions = select(Subscription.id, Subscription.chat_id)
    walked = (
        _of_active_chats(subscriptions, *_wanting(draw, unless_matched))
        .order_by(Subscription.id)
        .limit(first * MAX_SUBSCRIPTIONS_PER_CHAT)
        .subquery()
    )
    return select(
        literal(draw.id).label("draw_id"), walked.c.chat_id, func.min(walked.c.id).label("first")
    ).group_by(walked.c.chat_id)


def _chats_owed(draw: Draw, unless_matched: tuple[str, int | None] | None) -> Select:
    """(draw, chat, the chat's oldest matching subscription) for each chat the draw concerns."""
    return _owed(draw.id, "draw_id", *_wanting(draw, unless_matched))


def _wanting(
    draw: Draw, unless_matched: tuple[str, int | None] | None
) -> tuple[ColumnElement[bool], ...]:
    """The subscriptions that want the draw (and, with ``unless_matched``, that did not want
    a draw of that category and cut-off)."""
    return (
        matching_clause(draw.category, draw.crs, draw.province),
        unmatched_clause(unless_matched, draw.province),
    )


def _owed(subject_id: int, subject: str, *wanted: ColumnElement[bool]) -> Select:
    """(subject, chat, the chat's oldest subscription among ``wanted``) for each active chat
    holding one."""
    chats = select(
        literal(subject_id).label(subject),
        Subscription.chat_id,
        func.min(Subscription.id).label("first"),
    )
    return _of_active_chats(chats, *wanted).group_by(Subscription.chat_id)


def _of_active_chats(query: Select, *wanted: ColumnElement[bool]) -> Select:
    """The query over the subscriptions ``wanted`` of the chats still active."""
    return query.join(Chat, Chat.id == Subscription.chat_id).where(Chat.active, *wanted)


async def _insert_owed(
    session: AsyncSession,
    owed: Sequence[Select],
    now: datetime,
    kind: str,
    subject: str = "draw_id",
    first: int | None = None,
) -> int:
    """Insert the rows ``owed`` selects: (subject, chat, the chat's first subscription);
    only the ``first`` of them in that order, if given."""
    chats = (owed[0] if len(owed) == 1 else union_all(*owed)).subquery()
    rows = (
        select(
            chats.c[subject],
            chats.c.chat_id,
            literal(kind),
            literal(PENDING),
            literal(0),
            literal(now, UTCDateTime()),
        )
        .where(true())  # SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT
        .order_by(chats.c.first, chats.c.chat_id, chats.c[subject])
        .limit(first)
    )
    insert = insert_ignoring_duplicates(session).from_select(
        [subject, "chat_id", "kind", "status", "attempts", "created_at"], rows
    )
    result = await session.execute(insert.on_conflict_do_nothing())  # type: ignore[attr-defined]
    return int(result.rowcount)  # type: ignore[attr-defined]

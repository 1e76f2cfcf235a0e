"""The corrections a changed draw owes: one to each chat told its figures, saying what
changed since the figures that chat was last told, in the same transaction as the change
(see jobs.queue). A chat still owed one gets one message from what it saw to the newest
figures; an alert written and not yet sent is corrected from the figures it was written
with (db.claims), once it is sent.
"""

import json
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, delete, func, literal, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.merge import Correction, Facts, combined, corrections, plain, shown_facts, typed
from db.claims import FIGURES_LOCK_KEY
from db.fanout import insert_ignoring_duplicates
from db.models import Delivery, Draw, UTCDateTime
from db.outbox import ALERT, CORRECTION, PENDING, SENT

SAID = "said"  # a correction stored in words (see corrections_of)
NOTHING_TO_SAY = "[]"  # a correction whose chat's figures are back to what it was told
_SHOWN = func.coalesce(Delivery.shown, "")  # the figures an alert was written with, or ""
_SAID = func.coalesce(Delivery.detail, "")  # what a correction says
_HOLD_FIGURES = text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=FIGURES_LOCK_KEY)


async def enqueue_corrections(
    session: AsyncSession, draw: Draw, changes: Sequence[Correction], now: datetime
) -> int:
    """Queue one correction for every chat told the draw's figures, saying what changed
    since the figures the chat was last told (``changes``, from what the draw held before,
    or from the figures its alert was written with where they were kept). Told: sent the
    alert, or about to be: an alert already written is sent as it is, and its correction
    waits for it (bot.delivery.compose). Still one message a chat: one owed a correction
    not sent yet gets it from what it saw to the newest figures (none if they are back to
    what it saw); one sent a correction before is owed that row again, with the new changes.
    Returns how many rows are owed afresh."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(_HOLD_FIGURES)  # until committed: no claim reads the draw
    await _combine_pending(session, draw, changes)
    detail = _detail(changes)
    again = await session.execute(
        update(Delivery)
        .where(Delivery.draw_id == draw.id, Delivery.kind == CORRECTION, Delivery.status == SENT)
        .values(status=PENDING, detail=detail, attempts=0, last_error=None, next_attempt_at=None,
                sent_at=None, claimed_by=None, claimed_until=None, created_at=now)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    told = (
        Delivery.draw_id == draw.id,
        Delivery.kind == ALERT,
        or_(Delivery.status == SENT, and_(Delivery.status == PENDING, Delivery.shown.is_not(None))),
    )
    figures = Facts.of(draw)  # as they are now
    owed = await _what_each_says(
        session, _SHOWN, told,
        lambda shown: _detail(corrections(shown_facts(shown), figures) if shown else changes),
    )  # fmt: skip
    queued = await _insert_owed_corrections(session, draw, told, owed, now) if owed else 0
    # deleted only now, so that the insert above skips their chats
    await session.execute(
        delete(Delivery)
        .where(*_pending_corrections(draw), Delivery.detail == NOTHING_TO_SAY)
        .execution_options(synchronize_session=False)
    )
    return int(again.rowcount) + queued  # type: ignore[attr-defined]


async def _insert_owed_corrections(
    session: AsyncSession,
    draw: Draw,
    told: tuple[ColumnElement[bool], ...],
    owed: dict[str, str],
    now: datetime,
) -> int:
    """A correction for each chat told the draw and owed none yet, saying what ``owed``
    gives for the figures its alert showed ("" where they were not kept)."""
    untold = [group for group, said in owed.items() if said == NOTHING_TO_SAY]
    alerted = select(
        literal(draw.id), Delivery.chat_id, literal(CORRECTION), literal(PENDING), literal(0),
        case(owed, value=_SHOWN), literal(now, UTCDateTime()),
    ).where(*told, _SHOWN.not_in(untold))  # fmt: skip
    insert = insert_ignoring_duplicates(session).from_select(
        ["draw_id", "chat_id", "kind", "status", "attempts", "detail", "created_at"], alerted
    )
    result = await session.execute(insert.on_conflict_do_nothing())  # type: ignore[attr-defined]
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _combine_pending(
    session: AsyncSession, draw: Draw, changes: Sequence[Correction]
) -> None:
    """Each correction of the draw not sent yet now goes from what its chat saw to the
    newest figures, or says ``NOTHING_TO_SAY`` (the figures are back to what it saw), in one
    statement."""
    pending = _pending_corrections(draw)
    merged = await _what_each_says(
        session, _SAID, pending, lambda old: _detail(combined(_changes_in(old), changes))
    )
    if merged:
        await session.execute(
            update(Delivery)
            .where(*pending)
            .values(detail=case(merged, value=_SAID))
            .execution_options(synchronize_session=False)
        )


async def _what_each_says(
    session: AsyncSession,
    group: ColumnElement[str],
    rows: tuple[ColumnElement[bool], ...],
    says: Callable[[str], str],
) -> dict[str, str]:
    """Each value of ``group`` among the rows, with what its rows are to say (a detail):
    rows are worked on by group, a few values, so that a million are never loaded one by
    one."""
    groups = await session.scalars(select(group).where(*rows).distinct())
    return {value: says(value) for value in groups.all()}


def _pending_corrections(draw: Draw) -> tuple[ColumnElement[bool], ...]:
    return (Delivery.draw_id == draw.id, Delivery.kind == CORRECTION, Delivery.status == PENDING)


def _detail(changes: Sequence[Correction]) -> str:
    return json.dumps([[c.field, plain(c.was), plain(c.now)] for c in changes])


def corrections_of(delivery: Delivery) -> list[Correction]:
    """What a queued correction says was wrong."""
    return _changes_in(delivery.detail)


def _changes_in(detail: str | None) -> list[Correction]:
    """The changes a correction's detail holds. A row queued before corrections were kept
    as figures holds them in words: that text is kept whole, as a single "said" change."""
    try:
        changes = json.loads(detail or "[]")
    except json.JSONDecodeError:
        return [Correction(SAID, "", detail or "")]
    return [Correction(field, typed(field, was), typed(field, now)) for field, was, now in changes]

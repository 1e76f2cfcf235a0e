"""What the poller remembers of each source: validators, first poll, health.

A quiet poll (a 304) writes nothing, so the stored health changes only when it turns:
a failure, the first success after failures, the operators told of an outage or not.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.health import StoredHealth
from db.models import SourceState


async def source_state(session: AsyncSession, key: str, url: str) -> SourceState:
    """The stored state of a source, or a fresh (never polled) one added to the session."""
    state = await session.get(SourceState, key)
    if state is None:
        state = SourceState(key=key, url=url, consecutive_failures=0)
        session.add(state)
    elif state.url != url:  # pointed elsewhere: what was learned of the old address goes
        state.url, state.etag, state.last_modified, state.content_hash = url, None, None, None
        state.moved_to, state.disabled_reason = None, None
    return state


def record_failure(state: SourceState, reason: str, now: datetime) -> None:
    if not state.consecutive_failures:
        state.failing_since = now
    state.consecutive_failures += 1
    state.last_error = reason[:500]
    state.last_error_at = now


def record_success(state: SourceState, now: datetime) -> None:
    if state.first_polled_at is None:
        state.first_polled_at = now
    state.last_success_at = now
    state.consecutive_failures, state.failing_since = 0, None


async def record_recovery(session: AsyncSession, key: str, now: datetime) -> None:
    """A source that was failing answered (a 304 included, which stores nothing else)."""
    await session.execute(
        update(SourceState)
        .where(SourceState.key == key)
        .values(consecutive_failures=0, failing_since=None, last_success_at=now)
    )


async def record_outage_told(session: AsyncSession, key: str, at: datetime | None) -> None:
    """The operators were told the source is down (``at``), or that it is back (None)."""
    await session.execute(
        update(SourceState).where(SourceState.key == key).values(outage_told_at=at)
    )


async def all_states(session: AsyncSession) -> Sequence[SourceState]:
    return (await session.scalars(select(SourceState).order_by(SourceState.key))).all()


async def stored_health(session: AsyncSession) -> dict[str, StoredHealth]:
    """Each source's health as the last process left it, for a restart to resume from."""
    return {
        state.key: StoredHealth(
            failures=state.consecutive_failures,
            last_error=state.last_error,
            failing_since=state.failing_since,
            last_error_at=state.last_error_at,
            outage_told=state.outage_told_at is not None,
        )
        for state in await all_states(session)
    }

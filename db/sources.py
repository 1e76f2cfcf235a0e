"""What the poller remembers of each source: validators, first poll, health."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

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
    state.consecutive_failures += 1
    state.last_error = reason[:500]
    state.last_error_at = now


def record_success(state: SourceState, now: datetime) -> None:
    if state.first_polled_at is None:
        state.first_polled_at = now
    state.last_success_at = now
    state.consecutive_failures = 0


async def all_states(session: AsyncSession) -> Sequence[SourceState]:
    return (await session.scalars(select(SourceState).order_by(SourceState.key))).all()

"""Marking rows sent, durably, at a thousand messages a second.

Each send waits until its rows are marked sent, so that a crash repeats no more than the
messages in flight. One statement (and commit) a message caps the rate at one message per
commit, well under what paid broadcasts allow; so the marks that arrive while a statement
runs wait and go together in the next one (a group commit). A send still returns only once
its own rows are durable.
"""

import asyncio
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncConnection

from core.clock import utcnow
from db import outbox


@dataclass
class _Waiting:
    delivery_ids: list[int]
    paid: bool
    done: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class SentMarks:
    """Marks sent rows on one connection, in groups; ``lock`` is held for each statement
    (the connection runs one at a time, and other outcomes are written on it too)."""

    def __init__(self, connection: AsyncConnection, lock: asyncio.Lock) -> None:
        self._connection, self._lock = connection, lock
        self._waiting: list[_Waiting] = []
        self._writer: asyncio.Task[None] | None = None

    async def mark(self, delivery_ids: list[int], *, paid: bool) -> None:
        """Durable when this returns; raises what the database raised."""
        waiting = _Waiting(delivery_ids, paid)
        self._waiting.append(waiting)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        await waiting.done

    async def _write(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                async with self._lock:
                    for paid in (False, True):
                        ids = [row for w in group if w.paid is paid for row in w.delivery_ids]
                        if ids:
                            await outbox.mark_sent(self._connection, ids, utcnow(), paid=paid)
            except Exception as error:
                for waiting in group:
                    waiting.done.set_exception(error)
            else:
                for waiting in group:
                    waiting.done.set_result(None)

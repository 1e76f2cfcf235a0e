"""Marking what became of each row, durably, at a thousand messages a second.

A delivery run writes its outcomes on a connection of its own in autocommit mode, so that
each is durable as soon as its statement returns, at the least cost. Each send waits until
its rows are marked sent, so that a crash repeats no more than the messages in flight. One
statement (and commit) a message caps the rate at one message per commit, well under what
paid broadcasts allow; so the marks that arrive while a statement runs wait and go together
in the next one (a group commit). A send still returns only once its own rows are durable.
The moment each row is marked is read from the clock given (core.clock).
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from core.clock import Clock
from db import claims, outbox

log = logging.getLogger(__name__)


@dataclass
class _Waiting:
    delivery_ids: Sequence[int]
    paid: bool
    done: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class Marks:
    """The outcomes of one delivery run, written on ``connection`` one statement at a time
    (the sends in flight share it)."""

    def __init__(self, connection: AsyncConnection, clock: Clock) -> None:
        self._connection, self._clock = connection, clock
        self._statement = asyncio.Lock()  # held while a statement runs on the connection
        self._waiting: list[_Waiting] = []
        self._writer: asyncio.Task[None] | None = None

    @classmethod
    @asynccontextmanager
    async def opened(cls, engine: AsyncEngine, clock: Clock) -> AsyncIterator["Marks"]:
        """Marks on a connection of their own, open while the block runs."""
        async with engine.connect() as connection:
            yield cls(await connection.execution_options(isolation_level="AUTOCOMMIT"), clock)

    async def sent(self, delivery_ids: Sequence[int], *, paid: bool) -> None:
        """The rows' message was sent (``paid``: as a paid broadcast). Durable when this
        returns; raises what the database raised."""
        waiting = _Waiting(delivery_ids, paid)
        self._waiting.append(waiting)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_sent())
        await waiting.done

    async def settled(self, delivery_ids: Sequence[int], status: str, reason: str) -> None:
        """The rows are done with, unsent (failed, or skipped), for ``reason``."""
        async with self._statement:
            now = self._clock.now()
            await outbox.mark(self._connection, delivery_ids, status, now, reason)

    async def wait(self, delivery_ids: Sequence[int], delay: timedelta, reason: str) -> None:
        """The rows go back to the outbox, to be tried again after ``delay``."""
        async with self._statement:
            until = self._clock.now() + delay
            await outbox.wait(self._connection, delivery_ids, until, reason)

    async def release(self, owner: str) -> None:
        """Give back the rows ``owner`` claimed and did not finish: they stay pending, for
        whoever sends next. If the database cannot be reached, the claims lapse instead."""
        try:
            async with self._statement:
                await claims.release(self._connection, owner)
        except SQLAlchemyError as error:
            log.warning("could not release the outbox claim: %s", error)

    async def _write_sent(self) -> None:
        while self._waiting:
            group, self._waiting = self._waiting, []
            try:
                async with self._statement:
                    now = self._clock.now()
                    for paid in (False, True):
                        ids = [row for w in group if w.paid is paid for row in w.delivery_ids]
                        if ids:
                            await outbox.mark_sent(self._connection, ids, now, paid=paid)
            except Exception as error:
                for waiting in group:
                    waiting.done.set_exception(error)
            else:
                for waiting in group:
                    waiting.done.set_result(None)

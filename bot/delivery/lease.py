"""The sender's claim on its outbox rows, seen as a lease: until when it surely holds.

Processes sharing a database share the outbox: each claims a batch of rows before sending
it (db.claims.claim, until ``length`` from then) and renews its claims while it works, so
that no row is sent by two of them. The lease is this process's side of it. It is taken
when a batch is claimed and timed, as the claim's end in the database is, from the moment
the claim started; it is renewed every quarter of its length by the function it is given
(the database UPDATE of db.claims.renew). It holds only while at least half of it is
left, so that a send started while it holds is answered long before the claim could
lapse. A renewal that fails (the database out of reach) is logged and tried again a
quarter later; with none succeeding, the lease stops holding half a length after the last
good one started, and the sender leaves the rest of its batch to others.

Every moment is read from the clock given (core.clock), so tests drive leases on a clock
of their own.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta

from sqlalchemy.exc import SQLAlchemyError

from core.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger(__name__)

# Extends this process's claims to the moment given (the database UPDATE).
Renewal = Callable[[datetime], Awaitable[None]]


class ClaimLease:
    """A lease of ``seconds``, renewed by ``renew`` while :meth:`renewed` runs."""

    def __init__(self, seconds: float, renew: Renewal, clock: Clock = SYSTEM_CLOCK) -> None:
        self.length = timedelta(seconds=seconds)
        self._renew, self._clock = renew, clock
        self._ends = float("-inf")  # the clock's monotonic time at which the claims lapse

    def taken(self, started: float) -> None:
        """A batch was claimed by a claim that started at ``started`` (the clock's
        monotonic time). While the lease lasts, the earlier claims end first, and the
        renewals extend them all, so the lease keeps its end until it has run out."""
        if self._ends < started:
            self._ends = started + self.length.total_seconds()

    def holds(self) -> bool:
        """Whether the claims surely outlast a send started now: half of them left, at
        least. Renewed every quarter, they run short only when renewals have failed."""
        half = self.length.total_seconds() / 2
        return self._clock.monotonic() < self._ends - half

    @contextlib.asynccontextmanager
    async def renewed(self) -> AsyncIterator[None]:
        """Renew the claims every quarter of the lease while the block runs; a renewal
        under way when the block ends is cancelled."""
        renewing = asyncio.create_task(self._keep())
        try:
            yield
        finally:
            renewing.cancel()
            await asyncio.wait({renewing})  # our own cancellation goes on, not the task's
            if not renewing.cancelled():
                renewing.result()  # what the renewals raised beyond the database's errors

    async def _keep(self) -> None:
        while True:
            await self._clock.sleep(self.length.total_seconds() / 4)
            started = self._clock.monotonic()
            try:
                await self._renew(self._clock.now() + self.length)
            except (SQLAlchemyError, OSError) as error:
                log.warning("could not renew the outbox claim: %s", error)
                continue
            self._ends = started + self.length.total_seconds()

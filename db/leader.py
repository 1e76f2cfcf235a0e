"""Which of the processes sharing a database runs the jobs (polling, delivery): the leader.

Two bot processes on one database (a webhook server and a worker, say) would otherwise
poll every source twice and race each other to Telegram's rate limits. The first process
to ask becomes the leader and stays it while it lives; the others stand by and ask again
at their next tick, so one takes over within seconds of the leader's end.

On PostgreSQL the leader holds a session advisory lock on a connection of its own: the
server releases it when that connection ends, with the process or by a network failure
(the leader learns of the latter at its next check, and competes again). TCP keepalives
on that connection let the server notice a leader whose host fell silent within about a
minute, not the system's default two hours. On SQLite it holds an exclusive lock on a
file beside the database, which the system releases when the process ends. Neither
writes anything to the database.
"""

import asyncio
import contextlib
import fcntl
import logging
from pathlib import Path
from typing import IO

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

LOCK_KEY = 0x65652D64726177  # "ee-draw": the advisory lock's number, the same in every process
_TRY_LOCK = text("SELECT pg_try_advisory_lock(:key)").bindparams(key=LOCK_KEY)
_ALIVE = text("SELECT 1")
# seconds: probe after 30 idle, every 10, give up after 3 unanswered (ignored over a socket)
_KEEPALIVES = {"tcp_keepalives_idle": 30, "tcp_keepalives_interval": 10, "tcp_keepalives_count": 3}


class Leader:
    """Asks, and keeps asking, to be the one process that runs the jobs."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None  # PostgreSQL: holds the lock
        self._file: IO[bytes] | None = None  # SQLite: holds the lock
        self.leading = False
        self.stood_by = False  # another process led at some check since this one started
        self._said: bool | None = None  # what the log last said of it
        self._checking = asyncio.Lock()  # jobs ask at the same time; one connection answers

    async def check(self) -> bool:
        """Whether this process is the leader now: taking the lead if it is free."""
        async with self._checking:
            if self._engine.dialect.name == "postgresql":
                self.leading = await self._check_postgresql()
            else:
                self.leading = self._check_file()
        self.stood_by = self.stood_by or not self.leading
        if self.leading != self._said:
            self._said = self.leading
            log.info("this process %s", "leads: it polls and sends" if self.leading
                     else "stands by: another process polls and sends")  # fmt: skip
        return self.leading

    async def _check_postgresql(self) -> bool:
        try:
            if self._connection is None:
                self._connection = await self._engine.connect()
                await self._connection.execution_options(isolation_level="AUTOCOMMIT")
                for name, seconds in _KEEPALIVES.items():
                    await self._connection.execute(text(f"SET {name} = {seconds}"))
            if self.leading:  # the lock lasts as long as its connection answers
                await self._connection.execute(_ALIVE)
                return True
            return bool(await self._connection.scalar(_TRY_LOCK))
        except (SQLAlchemyError, OSError) as error:
            log.warning("leader check failed: %s", error)
            await self._drop_connection()
            return False

    def _check_file(self) -> bool:
        if self._file is not None:
            return True
        database = self._engine.url.database
        if not database or database == ":memory:":
            return True  # nobody else can open it
        handle = Path(f"{database}.leader").open("ab")  # noqa: SIM115 (held until close)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    async def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError, OSError):
                await self._connection.invalidate()
            self._connection = None

    async def close(self) -> None:
        """Give up the lead (the process is stopping)."""
        await self._drop_connection()
        if self._file is not None:
            self._file.close()
            self._file = None
        self.leading = False

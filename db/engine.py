"""Opening the database: the engine, its SQLite settings, sessions, and migrations.

Processes started together on one database (a web process and a worker, or a new release
of both) migrate one at a time. On PostgreSQL the migrating transaction holds an advisory
lock until it commits; on SQLite the migrating process holds an exclusive lock on the
file `<database>.migrate`, beside the database. The first process brings the schema to
the newest revision; the others wait for it, then find the schema there and go on.
"""

import asyncio
import fcntl
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, event, text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 10_000
MIGRATION_LOCK_KEY = 0x65652D6D696772  # "ee-migr": not db.leader's LOCK_KEY
_TRY_MIGRATION_LOCK = text("SELECT pg_try_advisory_xact_lock(:key)").bindparams(
    key=MIGRATION_LOCK_KEY
)
_MIGRATION_LOCK = text("SELECT pg_advisory_xact_lock(:key)").bindparams(key=MIGRATION_LOCK_KEY)
LOCK_RETRY_SECONDS = 0.05  # how often a process waiting to migrate SQLite asks again


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    engine = create_async_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in (  # the busy timeout first: switching to WAL may wait for another process
        f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
        "journal_mode=WAL",
        "foreign_keys=ON",
        "synchronous=NORMAL",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@dataclass(frozen=True)
class SchemaRevision:
    """Where a database's schema stands against the newest migration this code has."""

    current: str | None  # None: never migrated
    head: str
    known: bool  # False: a revision this code lacks (a newer version migrated the database)

    @property
    def at_head(self) -> bool:
        return self.current == self.head


async def schema_revision(engine: AsyncEngine) -> SchemaRevision:
    """The database's revision against the code's newest; reads, never writes."""
    async with engine.connect() as connection:
        return await connection.run_sync(_revision_of)


def _revision_of(connection: Connection) -> SchemaRevision:
    current = MigrationContext.configure(connection).get_current_revision()
    scripts = ScriptDirectory.from_config(alembic_config())
    revisions = [script.revision for script in scripts.walk_revisions()]  # newest first
    return SchemaRevision(current, revisions[0], current is None or current in revisions)


async def migrate(engine: AsyncEngine) -> SchemaRevision:
    """Bring the schema up to the newest migration (a no-op when it is there already),
    while no other process migrates it; returns where it stood before."""
    async with _migrating(engine) as connection:
        return await connection.run_sync(_upgrade)


def _upgrade(connection: Connection) -> SchemaRevision:
    before = _revision_of(connection)
    command.upgrade(alembic_config(connection), "head")
    return before


@asynccontextmanager
async def _migrating(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A transaction to migrate in, begun once no other process migrates this database."""
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            if not await connection.scalar(_TRY_MIGRATION_LOCK):
                log.info("another process is migrating the database: waiting for it")
                await connection.execute(_MIGRATION_LOCK)  # held until this transaction ends
            yield connection
    else:
        async with _file_locked(_lock_file(engine)), engine.begin() as connection:
            yield connection


def _lock_file(engine: AsyncEngine) -> Path | None:
    """`<database>.migrate`; None for an in-memory database, which no one else opens."""
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(f"{database}.migrate")


@asynccontextmanager
async def _file_locked(path: Path | None) -> AsyncIterator[None]:
    """An exclusive lock on the file, asked for again every LOCK_RETRY_SECONDS while another
    process holds it, so the event loop never blocks; closing the file releases it."""
    if path is None:
        yield
        return
    with path.open("ab") as handle:
        if not _try_lock(handle):
            log.info("another process is migrating the database: waiting for it")
            while not _try_lock(handle):  # noqa: ASYNC110 (no event says another process let go)
                await asyncio.sleep(LOCK_RETRY_SECONDS)
        yield


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True

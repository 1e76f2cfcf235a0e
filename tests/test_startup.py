"""Starting: processes started together on a fresh database all come up (one migrates, the
others wait for it); a start that fails says why in one line; `draws` never migrates."""

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, make_url, text

from bot.context import Services
from bot.delivery.pacing import Pacer
from db.engine import SchemaRevision, alembic_config, create_engine, migrate, schema_revision
from db.models import Base
from tests.conftest import (
    POSTGRESQL,
    SQLITE,
    TEST_DATABASE_URL,
    BotProcess,
    database_url,
    eventually,
    free_port,
    process_env,
    run_bot,
    settings_for,
)
from tests.fakes.telegram import FakeTelegram

LEADS, STANDS_BY = "this process leads", "this process stands by"
OLDER = "0009"  # a revision before the newest, for a database left behind
WEBS, WORKERS = 2, 3  # webhook servers (each on its own port) and workers, started together


@pytest.fixture(params=[SQLITE, POSTGRESQL])
async def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a database nothing has migrated: an SQLite file not yet created, or
    PostgreSQL at TEST_DATABASE_URL with its schema emptied."""
    yield await database_url(request.param, tmp_path)


async def revision_of(url: str) -> SchemaRevision:
    engine = create_engine(url)
    try:
        return await schema_revision(engine)
    finally:
        await engine.dispose()


async def migrate_to(url: str, revision: str) -> None:
    """Migrate a database up to an older revision than the newest, as an older version did."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(lambda sync: command.upgrade(alembic_config(sync), revision))
    await engine.dispose()


async def migrated_once(url: str) -> None:
    """The schema is the newest, whole, and stamped with one revision."""
    engine = create_engine(url)

    def differences(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    try:
        async with engine.connect() as connection:
            stamps = await connection.execute(text("SELECT version_num FROM alembic_version"))
            assert [stamp for (stamp,) in stamps] == [(await schema_revision(engine)).head]
            assert await connection.run_sync(differences) == []
    finally:
        await engine.dispose()


async def test_processes_migrating_one_fresh_database_at_once_all_succeed(
    fresh_database: str,
) -> None:
    engines = [create_engine(fresh_database) for _ in range(3)]
    try:
        found = await asyncio.gather(*(migrate(engine) for engine in engines))
    finally:
        for engine in engines:
            await engine.dispose()
    assert sorted(revision.at_head for revision in found) == [False, True, True]
    assert sum(revision.current is None for revision in found) == 1  # one migrated it
    await migrated_once(fresh_database)


async def test_an_older_database_is_behind_until_migrated(fresh_database: str) -> None:
    await migrate_to(fresh_database, OLDER)
    behind = await revision_of(fresh_database)
    assert (behind.current, behind.known, behind.at_head) == (OLDER, True, False)
    engine = create_engine(fresh_database)
    assert await migrate(engine) == behind  # where it stood before
    await engine.dispose()
    assert (await revision_of(fresh_database)).at_head
    await migrated_once(fresh_database)


def deployment(telegram: FakeTelegram, database: str, folder: Path) -> list[BotProcess]:
    """The processes of a deployment scaled out: webhook servers and workers on one
    database, each with its log in ``folder``, not yet started."""
    folder.mkdir()
    env = process_env(
        database, telegram, WEBHOOK_URL="https://bot.example.org/", WEBHOOK_LISTEN="127.0.0.1"
    )
    webs = [
        BotProcess(env | {"PORT": str(free_port())}, folder / f"web{n}.log") for n in range(WEBS)
    ]
    workers = [BotProcess(env, folder / f"worker{n}.log", "worker") for n in range(WORKERS)]
    return webs + workers


async def all_come_up(processes: list[BotProcess]) -> None:
    """Wait until each process leads or stands by; fail at once if one of them ends."""

    async def up() -> bool:
        for process in processes:
            assert process.process is not None
            code = process.process.poll()
            assert code is None, f"{process.path.name} exited with {code}:\n{process.output()}"
        return all(LEADS in p.output() or STANDS_BY in p.output() for p in processes)

    await eventually(up, "every process to lead or stand by", seconds=90)


async def start_all_at_once(telegram: FakeTelegram, database: str, folder: Path) -> None:
    """Start the deployment's processes together on a fresh database; each comes up, one
    leads, all stop cleanly on SIGTERM, and the database was migrated once."""
    with ExitStack() as started:
        processes = [started.enter_context(p) for p in deployment(telegram, database, folder)]
        for process in processes:
            process.start()
        await all_come_up(processes)
        assert sum(LEADS in process.output() for process in processes) == 1
        for process in processes:
            assert process.signal(signal.SIGTERM) == 0, process.output()
    for process in processes:
        assert "Traceback" not in process.output(), process.output()
    await migrated_once(database)


@pytest.mark.slow
async def test_web_and_workers_started_together_on_a_fresh_database_all_come_up(
    telegram: FakeTelegram, fresh_database: str, tmp_path: Path
) -> None:
    await start_all_at_once(telegram, fresh_database, tmp_path / "deployment")


@pytest.mark.slow
async def test_starting_together_never_races_round_after_round(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    for round_number in range(3):
        folder = tmp_path / f"round{round_number}"
        database = f"sqlite+aiosqlite:///{tmp_path / f'round{round_number}.sqlite3'}"
        await start_all_at_once(telegram, database, folder)


async def test_closing_services_closes_only_what_opened(
    telegram: FakeTelegram, tmp_path: Path
) -> None:
    services = Services()
    await services.close()  # never opened: nothing to close
    unopenable = f"sqlite+aiosqlite:///{tmp_path}/missing/bot.sqlite3"  # in no folder
    with pytest.raises(FileNotFoundError):
        await services.open(settings_for(telegram, unopenable), Pacer())
    await services.close()  # the engine alone was made
    await services.close()  # and closing twice is harmless


@pytest.fixture(params=[SQLITE, POSTGRESQL])
def unopenable(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """The URL of a database that cannot be opened, and what the failure says: an SQLite
    file in a folder that does not exist, or PostgreSQL with the wrong password."""
    if request.param == SQLITE:
        return f"sqlite+aiosqlite:///{tmp_path}/missing/bot.sqlite3", "No such file or directory"
    if not TEST_DATABASE_URL:
        pytest.skip("PostgreSQL tests skipped: TEST_DATABASE_URL is not set")
    wrong = make_url(TEST_DATABASE_URL).set(password="not-the-password")
    return wrong.render_as_string(hide_password=False), "password authentication failed"


@pytest.mark.slow
@pytest.mark.parametrize("args", [[], ["worker"]], ids=["web", "worker"])
def test_a_start_that_fails_says_why_in_one_line_and_exits_1(
    telegram: FakeTelegram, unopenable: tuple[str, str], args: list[str]
) -> None:
    database, reason = unopenable
    env = process_env(
        database, telegram, WEBHOOK_URL="https://bot.example.org/", WEBHOOK_LISTEN="127.0.0.1",
        PORT=str(free_port()),
    )  # fmt: skip
    result = run_bot(env, *args)
    assert result.returncode == 1, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "could not start" in line]
    assert reason in line
    assert "Traceback" not in result.stderr, result.stderr  # a failure of the world outside
    assert "AttributeError" not in result.stderr, result.stderr  # nothing half-open closed


@pytest.mark.slow
async def test_draws_never_migrates_and_says_what_to_run(fresh_database: str) -> None:
    env = process_env(fresh_database)
    head = (await revision_of(fresh_database)).head
    empty = run_bot(env, "draws")
    assert empty.returncode == 1
    assert (
        f"The database is empty (no revision) and this version needs {head}: run `python -m "
        "bot migrate` (the service also migrates when it starts)."
    ) in empty.stderr
    assert (await revision_of(fresh_database)).current is None

    await migrate_to(fresh_database, OLDER)
    behind = run_bot(env, "draws")
    assert behind.returncode == 1
    assert f"The database is at revision {OLDER} and this version needs {head}" in behind.stderr
    assert (await revision_of(fresh_database)).current == OLDER

    migrated = run_bot(env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert f"Migrated the database from revision {OLDER} to {head}." in migrated.stdout
    again = run_bot(env, "migrate")
    assert f"The database is at revision {head} already: nothing to do." in again.stdout
    listed = run_bot(env, "draws")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split()[:2] == ["number", "date"]

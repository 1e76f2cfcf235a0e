"""Shared fixtures: a migrated SQLite database per test, the official snapshot, fakes."""

import asyncio
import copy
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, Update
from telegram.ext import Application, ExtBot

from bot.app import bot_defaults, build_application
from bot.delivery.sender import Sender
from bot.messages.locale import ENGLISH, speaking
from bot.settings import Settings
from db.chats import ensure_chat, subscribe
from db.draws import store_rounds
from db.engine import create_engine, migrate, session_factory
from db.models import Base
from jobs.fetch import make_client
from jobs.official import list_rounds
from tests.fakes.http import FakeSource
from tests.fakes.telegram import DEFAULT_GROUP_USER_ID, FakeTelegram, SentMessage
from tests.feeds import OLD_NEWS, rss

FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOT = FIXTURES / "ee_rounds_123_en.json"
SQLITE, POSTGRESQL = "sqlite", "postgresql"
# e.g. postgresql+asyncpg://ee:ee@127.0.0.1:5432/ee_test (.ci/run sets it); emptied per test
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
BOTH_DATABASES = {
    "test_poll", "test_matching", "test_alerts", "test_news", "test_migrations", "test_delivery",
    "test_processes", "test_official_corrections", "test_topics", "test_paid",
    "test_times_alerts", "test_webapp_api", "test_fanout_stages", "test_corrections_in_flight",
}  # fmt: skip
POLL_STEP = 0.2
MAX_BYTES = 5_000_000  # the size cap the polls are given


@pytest.fixture
def snapshot() -> dict[str, Any]:
    """The official rounds JSON (421 rounds up to #420), parsed, for a test to change."""
    return json.loads(SNAPSHOT.read_bytes())


def new_round(
    snapshot: dict[str, Any],
    number: str,
    *,
    name: str = "STEM occupations (Version 1)",
    crs: str = "486",
    size: str = "1,500",
    on: date,
) -> dict[str, Any]:
    """A round shaped like the real ones, put at the top of the snapshot's list."""
    item = copy.deepcopy(snapshot["rounds"][0])
    stamp = f"{on:%B} {on.day:02d}, {on.year}"
    item.update(
        drawNumber=number,
        drawDate=on.isoformat(),
        drawDateFull=f"{on:%B} {on.day}, {on.year}",
        drawName=name,
        drawText2=name,
        drawSize=size,
        drawCRS=crs,
        drawDateTime=f"{stamp} at 14:05:10 UTC",
        drawCutOff="April 14, 2026 at 00:03:10 UTC",
    )
    snapshot["rounds"].insert(0, item)
    return item


def encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file the migrations were run on, once per session, for tests to copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.sqlite3"
    asyncio.run(_migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture
async def database(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path
) -> AsyncIterator[str]:
    """The URL of a fresh, migrated database: an SQLite file (a copy of one migrated for
    the session), or for the modules in BOTH_DATABASES also PostgreSQL at
    TEST_DATABASE_URL, emptied and migrated."""
    yield await database_url(getattr(request, "param", SQLITE), tmp_path, migrated_sqlite)


async def database_url(kind: str, tmp_path: Path, template: Path | None = None) -> str:
    """A fresh database of that kind: an SQLite file (a copy of ``template``, else not yet
    created), or PostgreSQL at TEST_DATABASE_URL with its schema emptied (and migrated, with
    a template); the test is skipped when PostgreSQL is asked for and not configured."""
    if kind == SQLITE:
        path = tmp_path / "test.sqlite3"
        if template is not None:
            shutil.copyfile(template, path)
        return f"sqlite+aiosqlite:///{path}"
    if not TEST_DATABASE_URL:
        pytest.skip("PostgreSQL tests skipped: TEST_DATABASE_URL is not set")
    await _empty_postgresql(TEST_DATABASE_URL)
    if template is not None:
        await _migrate(TEST_DATABASE_URL)
    return TEST_DATABASE_URL


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    await migrate(engine)
    await engine.dispose()


async def _empty_postgresql(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Database tests of the modules in BOTH_DATABASES run on SQLite and on PostgreSQL."""
    if "database" in metafunc.fixturenames:
        both = metafunc.module.__name__.rsplit(".", 1)[-1] in BOTH_DATABASES
        metafunc.parametrize("database", [SQLITE, POSTGRESQL] if both else [SQLITE], indirect=True)


@pytest.fixture
async def sessions(database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database)
    yield session_factory(engine)
    await engine.dispose()


def sender_of(sessions: async_sessionmaker[AsyncSession], **options: Any) -> Sender:
    """The sender, on the engine behind a test's sessions."""
    return Sender(sessions.kw["bind"], sessions, **options)


async def table_rows(
    sessions: async_sessionmaker[AsyncSession],
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the models define, as values, in primary-key order: the
    same before and after means nothing was written, an UPDATE of one field included."""
    tables = {}
    async with sessions() as session:
        for table in Base.metadata.sorted_tables:
            result = await session.execute(select(table).order_by(*table.primary_key.columns))
            tables[table.name] = [tuple(row) for row in result]
    return tables


async def add_chat(
    sessions: async_sessionmaker[AsyncSession], chat_id: int, *subs: tuple[str, int | None]
) -> None:
    """An active chat (private if its id is positive, else a supergroup) with these
    (category, score) subscriptions, as its commands would have left it."""
    async with sessions() as session, session.begin():
        await ensure_chat(session, chat_id, "private" if chat_id > 0 else "supergroup")
        for category, score in subs:
            await subscribe(session, chat_id, category, score)


@pytest.fixture
async def history(sessions: async_sessionmaker[AsyncSession]) -> None:
    """The official snapshot stored, as an earlier poll would have left it."""
    async with sessions() as session, session.begin():
        rounds = list_rounds(SNAPSHOT.read_bytes()).read().rounds
        await store_rounds(session, rounds, "official", datetime(2026, 7, 1, tzinfo=UTC))


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """The HTTP client the polls use, as the bot makes it."""
    async with make_client(5) as http:
        yield http


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def bot(telegram: FakeTelegram) -> AsyncIterator[Bot]:
    """A bot (no rate limiter) on the fake Bot API, with the application's Defaults: HTML,
    no link previews."""
    async with ExtBot(telegram.token, base_url=telegram.base_url, defaults=bot_defaults()) as ext:
        yield ext


@pytest.fixture
def source() -> Iterator[FakeSource]:
    with FakeSource(SNAPSHOT.read_bytes(), path="/ee_rounds_123_en.json") as fake:
        yield fake


@pytest.fixture
def feed() -> Iterator[FakeSource]:
    """A news feed holding one entry that announces no draw, until a test serves others."""
    with FakeSource(rss(OLD_NEWS), content_type="application/rss+xml") as fake:
        yield fake


# Tests poll no province's page unless they serve one.
NO_PROVINCES = {  # and no processing times: each is served on 127.0.0.1 when a test wants it
    "bc_pnp_url": "", "alberta_aaip_url": "", "ontario_oinp_url": "", "manitoba_mpnp_feed_url": "",
    "ircc_flpt_url": "",
}  # fmt: skip
# A 429 from the fake Bot API makes PTB warn unless it may use timedelta for retry_after.
os.environ.setdefault("PTB_TIMEDELTA", "true")


def settings_for(
    telegram: FakeTelegram, database: str, source_url: str = "", **extra: Any
) -> Settings:
    """Settings that point every outside service at the loopback fakes."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token=telegram.token,  # type: ignore[arg-type]
        telegram_api_base_url=telegram.base_url,
        database_url=database,
        ircc_rounds_url=source_url,
        # the same interval at all hours: tests must not wait for a draw window
        **{"feed_urls": [], "poll_idle_interval_seconds": extra.get("poll_interval_seconds", 60)}
        | NO_PROVINCES
        | extra,
    )


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Application]:
    """The real Application, started as run_polling starts it: it takes updates by long
    polling the fake Bot API and runs its jobs; stopped cleanly after."""
    application = build_application(settings)
    async with application:
        assert application.post_init is not None and application.updater is not None
        await application.post_init(application)
        await application.updater.start_polling(poll_interval=0, timeout=1)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
    assert application.post_shutdown is not None
    await application.post_shutdown(application)


@asynccontextmanager
async def ready(settings: Settings) -> AsyncIterator[Application]:
    """The real Application, built, initialized and through post_init as run_polling leaves
    it, but neither taking updates nor running its jobs: a test hands it updates (a Chat
    given the application), each handled by the time process_update returns.

    Its handlers, guards, command throttle and error handler run as in the service; its
    replies go over HTTP to the fake Bot API. Pacing alone is off: it would hold replies
    to one chat to one a second, which tests/test_delivery.py covers."""
    application = build_application(settings)
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        application.bot_data.pacer.paces = False
        yield application
    assert application.post_shutdown is not None
    await application.post_shutdown(application)


async def hand_over(
    telegram: FakeTelegram, application: Application | None, update: dict[str, Any]
) -> None:
    """Give the bot an update: to the Application's process_update when one is given (the
    update is handled when this returns), else queued for getUpdates."""
    if application is None:
        telegram.queue_update(update)
    else:
        received = Update.de_json(telegram.received(update), application.bot)
        await application.process_update(received)


class Chat:
    """A chat talking to the bot. With an Application (see `ready`) its commands are handed
    to process_update; without, they go through the fake Bot API's getUpdates to whatever
    polls it (the updater of `running`, a `python -m bot` process)."""

    def __init__(
        self,
        telegram: FakeTelegram,
        chat_id: int,
        chat_type: str = "private",
        *,
        application: Application | None = None,
        user_id: int | None = None,
        language_code: str | None = None,
        thread_id: int | None = None,
    ) -> None:
        self.telegram, self.id, self.type = telegram, chat_id, chat_type
        self.application, self.user_id, self.thread_id = application, user_id, thread_id
        self.language_code = language_code  # what the sender's Telegram speaks, if it says

    async def send(self, text: str) -> None:
        """Send a message (from `user_id`, if given; in a group the fake picks a member),
        in the forum topic `thread_id` if given."""
        update = self.telegram.command(
            self.id, text, chat_type=self.type, user_id=self.user_id,
            language_code=self.language_code, thread_id=self.thread_id,
        )  # fmt: skip
        await hand_over(self.telegram, self.application, update)

    async def press(self, message: SentMessage, data: str) -> dict[str, Any]:
        """Press the button with ``data`` under the bot's message (as `user_id`, else the
        chat's user, or the fake's group member); returns the callback query's answer."""
        user_id = self.user_id or (self.id if self.type == "private" else DEFAULT_GROUP_USER_ID)
        update = self.telegram.callback_query(message, data, user_id)
        answered = len(self.telegram.callback_answers)
        await hand_over(self.telegram, self.application, update)
        if self.application is None:  # queued for getUpdates: handled in its own time

            async def handled() -> bool:
                return len(self.telegram.callback_answers) > answered

            await eventually(handled, f"an answer to the press of {data!r}")
        assert len(self.telegram.callback_answers) == answered + 1, "the query was not answered"
        [answer] = self.telegram.callback_answers[answered:]
        assert answer["callback_query_id"] == update["callback_query"]["id"]
        return answer

    def last_message(self) -> SentMessage:
        """The bot's newest message to this chat, as it is now (edits included)."""
        newest = self.telegram.messages_to(self.id)[-1]
        return self.telegram.current(newest)

    async def ask(self, text: str) -> str:
        """Send a command and return the bot's reply (HTML as sent)."""
        before = len(self.telegram.messages_to(self.id))
        await self.send(text)
        replies = await self.telegram.await_messages(before + 1, chat_id=self.id)
        if self.application is not None:  # handled already: its one reply is all there is
            assert len(replies) == before + 1, [reply.text for reply in replies[before:]]
        return replies[before].text


async def eventually(check: Callable[[], Awaitable[bool]], what: str, seconds: float = 30) -> None:
    """Wait until an async check passes (polls and jobs run on their own schedule); fail
    after `seconds`, a bound only a failing test reaches."""
    deadline = time.monotonic() + seconds
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(POLL_STEP)


async def polled(source: FakeSource, count: int, seconds: float = 30) -> None:
    """Wait until the source has answered `count` requests in all."""

    async def asked() -> bool:
        return len(source.requests) >= count

    await eventually(asked, f"{count} requests to {source.url}", seconds)


ROOT = Path(__file__).parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BotProcess:
    """`python -m bot` (with ``args``) in the environment given, run in the log file's
    folder, its output in that log file; killed at the end if it is still running."""

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.env, self.args, self.path = env, args, log
        self.log = log.open("ab")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", *self.args], env=self.env, cwd=self.path.parent,
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def signal(self, number: int) -> int:
        """Send a signal; returns the exit code once the process has ended."""
        assert self.process is not None
        self.process.send_signal(number)
        return self.process.wait(timeout=30)

    def output(self) -> str:
        """What every start has written so far."""
        return self.path.read_text()

    async def says(self, text: str, seconds: float = 30) -> None:
        """Wait until the output holds `text`."""

        async def written() -> bool:
            return text in self.output()

        await eventually(written, f"{text!r} in {self.path.name}", seconds)

    def __enter__(self) -> "BotProcess":
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


def run_bot(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bot` (with ``args``) run to its end in the environment given, its output
    captured."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True,
        timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip


def process_env(
    database: str, telegram: FakeTelegram | None = None, **settings: str
) -> dict[str, str]:
    """The whole environment of a `python -m bot` process started by a test: the fakes'
    addresses, no source unless given, nothing inherited that could reach the network."""
    env = {
        "PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "PTB_TIMEDELTA": "true",
        "DATABASE_URL": database, "IRCC_ROUNDS_URL": "", "FEED_URLS": "",
        "BC_PNP_URL": "", "ALBERTA_AAIP_URL": "", "ONTARIO_OINP_URL": "",
        "MANITOBA_MPNP_FEED_URL": "", "IRCC_FLPT_URL": "",
    }  # fmt: skip
    if telegram is not None:
        env |= {"TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url}
    return env | settings


@pytest.fixture
async def app(telegram: FakeTelegram, database: str, history: None) -> AsyncIterator[Application]:
    """The bot, with the official snapshot stored as its first poll would have left it,
    taking updates through process_update."""
    async with ready(settings_for(telegram, database)) as application:
        yield application


@pytest.fixture
def user(app: Application, telegram: FakeTelegram) -> Chat:
    """A private chat talking to that bot."""
    return Chat(telegram, 1001, application=app)


@pytest.fixture
def in_english() -> Iterator[None]:
    """Texts rendered by the test itself are English, UTC: a test of texts says whom they are
    for, as every path of the bot must (outside speaking(), rendering raises)."""
    with speaking(ENGLISH):
        yield

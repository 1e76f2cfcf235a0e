"""From fetch to send (run: python -m bench.fast_path): the time from the HTTP answer that
carries a new round to its first alert reaching the fake Bot API.

The real Application is built and opened as `python -m bot` opens it (its services, the
pacer, the sender; its JobQueue not started), and its poll, bot.scheduled.poll_and_tell,
is run by hand, the official source made due each time instead of waiting for the
schedule. The poll wakes the sender as the service's JobQueue does: a delivery run starts
at once as a task of its own, and the poll goes on without waiting for it. The official
snapshot is served by FakeSource in a process of its own, FakeTelegram in another, so
that neither shares the bot's interpreter; both stamp their answers with the machine's
monotonic clock.

``--subscribers N`` chats, all active, are each concerned by every new round: the odd
ones subscribe to everything, the even ones to STEM with a score at or above the round's
cut-off. After a first poll that stores the history, ROUNDS new STEM rounds are published
one at a time, each polled and its fan-out started. Once a round's first alert has
arrived, the sender is stopped (it finishes the sends in flight), the round's other rows
are marked sent as if its fan-out had ended, and a new sender takes over, as after a
restart: each round starts from an outbox with nothing pending, the earlier rounds' rows
kept, sent, as the service keeps them. Target, with one chat: under 100 ms, median and
worst. ``--database-url`` runs it on PostgreSQL, in a database it empties first; by
default it runs on SQLite, in a temporary file. ``--rtt SECONDS`` delays each of the
fake Bot API's answers by that round trip (half before it takes the message, half after),
as the internet does.

``--steps`` times each step of the way, the moment each one ends: the fetch, the
reading of the document, its storing, the INSERT ... SELECT of the alerts of the round's
first chats (the rest are queued after the commit, see db.fanout.enqueue_first), the
commit, the sender's first claim and the composing of its first batch. The product's
functions are wrapped where its modules look them up, for this run only.
"""

import argparse
import asyncio
import contextlib
import inspect
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram.ext import Application

from bench import silence_job_logs
from bench.population import chosen, insert_subscribers
from bench.remote import Remote, remote_telegram
from bench.source import RemoteSource, remote_source
from bot.app import build_application
from bot.context import Services
from bot.delivery import compose
from bot.delivery.sender import Sender
from bot.scheduled import poll_and_tell
from bot.settings import Settings
from core.categories import ALL
from core.clock import utcnow
from db import fanout, outbox
from db.engine import create_engine, migrate
from db.models import Delivery
from jobs import source as polling
from jobs.poll import OFFICIAL, OfficialSource
from tests.conftest import NO_PROVINCES, SNAPSHOT, encode, new_round

CUT_OFF = 480  # each new round's
PACER_GAP = 1.1  # seconds between rounds: the pacer allows one message a second to a chat
FIRST_ALERT_SECONDS = 120.0  # a round whose first alert takes longer has failed
WATCH_SECONDS = 0.005  # how often the fake Bot API is asked whether it has the alert
# The steps of a round, in order: the name of the moment each one ends, and the step.
STEPS = (
    ("fetched", "fetch: GET, the body read"),
    ("listed", "read: the document's shape checked, rounds hashed"),
    ("storing", "store: the source's state read"),
    ("enqueueing", "store: stored hashes compared, the new round stored"),
    ("queued", "fanout.enqueue_first: INSERT ... SELECT of its first chats' alerts"),
    ("committed", "the poll's transaction committed"),
    ("woken", "the sender woken"),
    ("claiming", "the sender's run begun, up to its first claim"),
    ("claimed", "first claim: rows taken and read with their draw"),
    ("composed", "first batch composed (its messages written)"),
    ("alerted", "first sendMessage at the fake Bot API"),
)
PROJECT = ("bot", "jobs", "db", "core")


class Steps:
    """The moment (time.monotonic()) each step of a round first ended, when watched."""

    def __init__(self, watched: bool) -> None:
        self.watched = watched
        self.at: dict[str, float] = {}

    def clear(self) -> None:
        self.at.clear()

    def mark(self, name: str | None) -> None:
        if self.watched and name is not None:
            self.at.setdefault(name, time.monotonic())

    def since(self, answered_at: float, alerted_at: float) -> dict[str, float]:
        """Each step's end, in seconds after the source's answer."""
        if not self.watched:
            return {}
        moments = self.at | {"alerted": alerted_at}
        return {name: at - answered_at for name, at in moments.items()}


def timed(function: Any, steps: Steps, begun: str | None, ended: str | None) -> Any:
    """The function (a coroutine function or not), marking its start and end."""
    if inspect.iscoroutinefunction(function):

        async def waited(*args: Any, **kwargs: Any) -> Any:
            steps.mark(begun)
            result = await function(*args, **kwargs)
            steps.mark(ended)
            return result

        return waited

    def called(*args: Any, **kwargs: Any) -> Any:
        steps.mark(begun)
        result = function(*args, **kwargs)
        steps.mark(ended)
        return result

    return called


# Where the steps are timed: (module or class, function, moment it begins, moment it ends).
TIMED = (
    (polling, "fetch_source", None, "fetched"),
    (OfficialSource, "read", None, "listed"),
    (OfficialSource, "store", "storing", None),
    (fanout, "enqueue_first", "enqueueing", "queued"),
    (polling, "_store", None, "committed"),
    (outbox, "claim", "claiming", "claimed"),
    (compose, "compose", None, "composed"),
)


def holders(owner: object, name: str) -> list[object]:
    """A class, or every module of the project that holds the function under that name
    (its own and those that imported it by name)."""
    if isinstance(owner, type):
        return [owner]
    original = getattr(owner, name)
    return [
        module
        for key, module in list(sys.modules.items())
        if key.split(".")[0] in PROJECT and getattr(module, name, None) is original
    ]


@contextlib.contextmanager
def timing_steps(steps: Steps) -> Iterator[None]:
    """The functions of TIMED wrapped, while the block runs."""
    replaced = []
    for owner, name, begun, ended in TIMED:
        original = getattr(owner, name)
        for holder in holders(owner, name):
            replaced.append((holder, name, original))
            setattr(holder, name, timed(original, steps, begun, ended))
    try:
        yield
    finally:
        for holder, name, original in replaced:
            setattr(holder, name, original)


def subscription(rng: random.Random, chat_id: int) -> tuple[str, int | None]:
    """Odd chats want every draw; even ones STEM, their score at or above the cut-off."""
    return (ALL, None) if chat_id % 2 else ("stem", rng.randint(CUT_OFF, 600))


async def prepared(url: str, subscribers: int) -> None:
    """The database emptied (PostgreSQL), migrated, and the chats subscribed."""
    engine = create_engine(url)
    try:
        if engine.dialect.name == "postgresql":
            await emptied(engine)
        await migrate(engine)
        await insert_subscribers(engine, chosen(subscribers, subscription))
    finally:
        await engine.dispose()


async def emptied(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))


@dataclass
class Fanning:
    """The delivery runs the polls started, as the send job would run them."""

    services: Services
    application: Application
    steps: Steps
    runs: list["asyncio.Task[Any]"] = field(default_factory=list)

    def wake(self) -> None:
        """What poll_and_tell calls once the new alerts are committed."""
        self.steps.mark("woken")
        bot = self.application.bot
        self.runs.append(asyncio.create_task(self.services.sender.deliver(bot)))

    async def poll_now(self) -> None:
        """The poll, with the official source due, as the JobQueue runs it when it is."""
        self.services.schedule.health[OFFICIAL].next_due = utcnow()
        await poll_and_tell(self.services, self.application.bot, self.wake)

    async def end_fan_out(self) -> None:
        """Stop the sender, mark what it had left as sent, and start a new one."""
        services = self.services
        services.sender.stop()
        await asyncio.gather(*self.runs)
        self.runs.clear()
        async with services.sessions() as session, session.begin():
            await session.execute(
                update(Delivery).where(Delivery.status == outbox.PENDING).values(status=outbox.SENT)
            )
        services.sender = Sender(
            services.engine, services.sessions, services.settings.outbox_claim_seconds
        )


async def first_alert(telegram: Remote, before: int) -> float:
    """When the first message after the ``before`` first ones reached the fake."""
    deadline = time.monotonic() + FIRST_ALERT_SECONDS
    while time.monotonic() < deadline:
        stats = await asyncio.to_thread(telegram.stats)
        if stats["sent"] > before:
            return float(stats["times"][before])
        await asyncio.sleep(WATCH_SECONDS)
    raise RuntimeError(f"no alert within {FIRST_ALERT_SECONDS:.0f} s")


@dataclass(frozen=True)
class Round:
    latency: float  # seconds from the source's answer to the first alert at the fake
    answered_at: float  # the source's answer, time.monotonic()
    alerted_at: float


async def one_round(
    fanning: Fanning, source: RemoteSource, telegram: Remote, snapshot: dict, number: int
) -> Round:
    """Publish round `number`, poll, and time its first alert; then end its fan-out."""
    day = (datetime.now(UTC) - timedelta(days=1)).date()
    new_round(snapshot, str(number), crs=str(CUT_OFF), on=day)
    source.set_body(encode(snapshot))
    before = (await asyncio.to_thread(telegram.stats))["sent"]
    await fanning.poll_now()
    if not fanning.services.leader.leading:
        raise RuntimeError("another process leads on this database: nothing was polled")
    if not fanning.runs:
        raise RuntimeError(f"round #{number}: the poll queued nothing")
    alerted_at = await first_alert(telegram, before)
    traffic = source.traffic()
    if traffic.statuses[-1] != 200:
        raise RuntimeError(f"round #{number}: the source answered {traffic.statuses[-1]}")
    await fanning.end_fan_out()
    answered_at = traffic.answered_at[-1]
    return Round(alerted_at - answered_at, answered_at, alerted_at)


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[Application]:
    """The Application through post_init, as `python -m bot` leaves it; closed after."""
    application = build_application(settings)
    async with application:
        assert application.post_init is not None
        await application.post_init(application)  # opens the services; jobs not started
        yield application
    assert application.post_shutdown is not None
    await application.post_shutdown(application)


@dataclass
class Results:
    rounds: list[Round]
    history: float  # seconds of the first poll
    steps: list[dict[str, float]]  # each round's steps, seconds after the source's answer


async def measure(
    rounds: int, subscribers: int, database_url: str | None, watch_steps: bool, rtt: float = 0.0
) -> Results:
    """The first alert of each new round, and the seconds of the first poll (history)."""
    snapshot = json.loads(SNAPSHOT.read_bytes())
    steps = Steps(watch_steps)
    with (
        tempfile.TemporaryDirectory() as folder,
        remote_telegram(enforce_limits=False, round_trip_seconds=rtt) as telegram,
        remote_source(SNAPSHOT.read_bytes(), "/ee_rounds_123_en.json") as source,
        timing_steps(steps) if watch_steps else contextlib.nullcontext(),
    ):
        database = database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        await prepared(database, subscribers)
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=telegram.token,  # type: ignore[arg-type]
            telegram_api_base_url=telegram.base_url, database_url=database,
            ircc_rounds_url=source.url, feed_urls=[], log_level="WARNING",
            **NO_PROVINCES,  # the official source alone is polled
        )  # fmt: skip
        async with opened(settings) as application:
            fanning = Fanning(application.bot_data, application, steps)
            started = time.perf_counter()
            await fanning.poll_now()
            history = time.perf_counter() - started
            results = Results([], history, [])
            for run in range(rounds):
                await asyncio.sleep(PACER_GAP)
                steps.clear()
                measured = await one_round(fanning, source, telegram, snapshot, 421 + run)
                results.rounds.append(measured)
                results.steps.append(steps.since(measured.answered_at, measured.alerted_at))
    return results


def milliseconds(values: list[float]) -> str:
    return ", ".join(f"{value * 1000:.0f}" for value in values)


def report(results: Results, subscribers: int, database: str) -> None:
    latencies = [measured.latency for measured in results.rounds]
    print(f"subscribed chats: {subscribers:,}, on {database}")
    print(f"first poll (history, nobody alerted): {results.history:.3f} s")
    print(
        f"answer carrying a new round -> first sendMessage at the fake Bot API, over "
        f"{len(latencies)} rounds: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"worst {max(latencies) * 1000:.0f} ms ({milliseconds(latencies)})"
    )
    if any(results.steps):
        print_steps(results.steps)


def print_steps(rounds: list[dict[str, float]]) -> None:
    """Each step's moment after the source's answer, and its own length (medians)."""
    print("step (ms after the source's answer; each round's; median; the step's own length)")
    previous = 0.0
    for name, what in STEPS:
        moments = [steps[name] for steps in rounds if name in steps]
        if not moments:
            continue
        median = statistics.median(moments)
        each = milliseconds(moments) if len(moments) <= 5 else "..."
        print(f"  {what:<52} {each:<18} {median * 1000:8.1f} "
              f"{(median - previous) * 1000:+8.1f}")  # fmt: skip
        previous = median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--subscribers", type=int, default=1, help="chats each round concerns")
    parser.add_argument(
        "--database-url", help="a PostgreSQL database to empty and use (default: SQLite file)"
    )
    parser.add_argument("--steps", action="store_true", help="time each step of the way")
    parser.add_argument(
        "--rtt", type=float, default=0.0,
        help="seconds the fake Bot API takes to answer each call (a real round trip: 0.1)",
    )  # fmt: skip
    arguments = parser.parse_args()
    results = asyncio.run(
        measure(arguments.rounds, arguments.subscribers, arguments.database_url, arguments.steps,
                arguments.rtt)
    )  # fmt: skip
    report(results, arguments.subscribers, "PostgreSQL" if arguments.database_url else "SQLite")


if __name__ == "__main__":
    silence_job_logs()
    main()

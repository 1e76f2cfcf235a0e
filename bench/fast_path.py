"""From fetch to send (run: python -m bench.fast_path): the time from the HTTP answer that
carries a new round to its alert reaching the fake Bot API.

The real Application is built and opened as `python -m bot` opens it (its services, the
pacer, the sender), and its poll job, bot.scheduled.poll_job, is run by hand, the official
source made due each time instead of waiting for the schedule. The official snapshot is
served by FakeSource in a process of its own, FakeTelegram in another, so that neither
shares the bot's interpreter; both stamp their answers with the machine's monotonic clock.
One chat is subscribed to everything. After a first poll that stores the history, ROUNDS
new rounds are published one at a time, each polled and sent. Target: under 100 ms,
median and worst.
"""

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench import silence_job_logs
from bench.remote import Remote, remote_telegram
from bench.source import RemoteSource, remote_source
from bot.app import build_application
from bot.context import BotContext, Services
from bot.scheduled import poll_job
from bot.settings import Settings
from core.clock import utcnow
from db.chats import ensure_chat, subscribe
from db.engine import create_engine, migrate, session_factory
from jobs.poll import OFFICIAL
from tests.conftest import SNAPSHOT, encode, new_round

CHAT = 42
PACER_GAP = 1.1  # seconds between rounds: the pacer allows one message a second to a chat


async def subscribed(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session, session.begin():
        await ensure_chat(session, CHAT, "private")
        await subscribe(session, CHAT, "all", None)


async def poll_now(context: BotContext) -> None:
    """Run the poll job with the official source due, as the JobQueue would when it is."""
    services: Services = context.bot_data
    services.schedule.health[OFFICIAL].next_due = utcnow()
    await poll_job(context)


async def one_round(
    context: BotContext, source: RemoteSource, telegram: Remote, snapshot: dict, number: int
) -> float:
    """Seconds from the answer carrying round `number` to its alert's arrival."""
    day = (datetime.now(UTC) - timedelta(days=1)).date()
    new_round(snapshot, str(number), crs="480", on=day)
    source.set_body(encode(snapshot))
    before = telegram.stats()["sent"]
    await poll_now(context)
    sent = telegram.stats()
    if sent["sent"] != before + 1:
        raise RuntimeError(f"round #{number}: {sent['sent'] - before} messages, expected 1")
    traffic = source.traffic()
    if traffic.statuses[-1] != 200:
        raise RuntimeError(f"round #{number}: the source answered {traffic.statuses[-1]}")
    return float(sent["times"][before] - traffic.answered_at[-1])


async def measure(rounds: int) -> tuple[list[float], float]:
    """The latency of each new round, and the seconds of the first poll (history)."""
    snapshot = json.loads(SNAPSHOT.read_bytes())
    with (
        tempfile.TemporaryDirectory() as folder,
        remote_telegram(enforce_limits=False) as telegram,
        remote_source(SNAPSHOT.read_bytes(), "/ee_rounds_123_en.json") as source,
    ):
        database = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        engine = create_engine(database)
        await migrate(engine)
        await subscribed(session_factory(engine))
        await engine.dispose()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token=telegram.token,  # type: ignore[arg-type]
            telegram_api_base_url=telegram.base_url, database_url=database,
            ircc_rounds_url=source.url, feed_urls=[], log_level="WARNING",
        )  # fmt: skip
        application = build_application(settings)
        async with application:
            assert application.post_init is not None
            await application.post_init(application)  # opens the services; jobs not started
            context = BotContext(application)
            started = time.perf_counter()
            await poll_now(context)
            history = time.perf_counter() - started
            latencies = []
            for run in range(rounds):
                await asyncio.sleep(PACER_GAP)
                latencies.append(await one_round(context, source, telegram, snapshot, 421 + run))
        assert application.post_shutdown is not None
        await application.post_shutdown(application)
    return latencies, history


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    latencies, history = asyncio.run(measure(parser.parse_args().rounds))
    print(f"first poll (history, nobody alerted): {history:.3f} s")
    print(
        f"answer carrying a new round -> first sendMessage at the fake Bot API, over "
        f"{len(latencies)} rounds: median {statistics.median(latencies) * 1000:.0f} ms, "
        f"worst {max(latencies) * 1000:.0f} ms "
        f"({', '.join(f'{value * 1000:.0f}' for value in latencies)})"
    )


if __name__ == "__main__":
    silence_job_logs()
    main()

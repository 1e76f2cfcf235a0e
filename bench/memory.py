"""Peak memory of the running bot with 100,000 subscriptions (run: python -m bench.memory).

A SQLite file gets 100,000 chats with a subscription each and the official snapshot as
history. The real service (`python -m bot`) then runs in a process of its own against
FakeTelegram and FakeSource, both served from this process: idle for IDLE_SECONDS (a poll
every 5 s, a few /latest commands), then one fan-out: round #421 (STEM, cut-off 486) is
published, and the next poll queues it for the 900 chats that want it (the others want
other categories), which the bot sends at its paced 30 a second. Reports the bot's RSS
when idle and its peak (VmHWM), read from /proc before SIGTERM. No target set yet: the
figure is for sizing a host.
"""

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path

from bench import silence_job_logs
from bench.population import CATEGORIES, Chooser, chosen, insert_subscribers
from db.engine import create_engine, migrate, session_factory
from jobs.poll import import_file
from tests.conftest import SNAPSHOT, encode, new_round
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

IDLE_SECONDS = 20
FAN_OUT_SECONDS = 60
COMMANDS = 5  # /latest from as many users, spread over the idle phase
ELSEWHERE = tuple(c for c in CATEGORIES if c not in ("stem", "all"))  # never match STEM


def choice_for(matching: int) -> Chooser:
    """The first `matching` chats want a STEM draw at 486; the others want other draws."""

    def choose(rng: random.Random, chat_id: int) -> tuple[str, int | None]:
        if chat_id <= matching:
            return rng.choice(("stem", "all")), rng.choice((None, rng.randint(486, 600)))
        return rng.choice(ELSEWHERE), rng.randint(350, 600) if rng.random() < 0.7 else None

    return choose


async def prepare(database: Path, subscribers: int, matching: int) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    await migrate(engine)
    await insert_subscribers(engine, chosen(subscribers, choice_for(matching)))
    await import_file(session_factory(engine), SNAPSHOT, datetime.now(UTC))
    await engine.dispose()


def start_bot(
    telegram: FakeTelegram, source: FakeSource, database: Path
) -> subprocess.Popen[bytes]:
    environment = os.environ | {
        "TELEGRAM_BOT_TOKEN": telegram.token,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "IRCC_ROUNDS_URL": source.url,
        "FEED_URLS": "",
        "POLL_INTERVAL_SECONDS": "5",
        "POLL_IDLE_INTERVAL_SECONDS": "5",  # outside a draw window too (if the bot has one)
        "WEBHOOK_URL": "",  # long polling, whatever this shell has set
        "PTB_TIMEDELTA": "true",
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    command = [sys.executable, "-m", "bot"]  # run from the temporary folder: no .env there
    with (database.parent / "bot.log").open("wb") as log:
        return subprocess.Popen(command, env=environment, cwd=database.parent, stderr=log)


def memory_mib(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of a process, in MiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return {name: int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM")}


def idle(telegram: FakeTelegram) -> None:
    """Let the bot poll for IDLE_SECONDS, answering a /latest now and then."""
    telegram.wait_for_call("setMyCommands", timeout=30)
    for user in range(COMMANDS):
        chat_id = 10_000_000 + user
        telegram.send_command(chat_id, "/latest")
        telegram.wait_for_messages(1, chat_id=chat_id, timeout=10)
        time.sleep(IDLE_SECONDS / COMMANDS)


def fan_out(telegram: FakeTelegram, source: FakeSource, matching: int) -> tuple[int, float]:
    """Publish round #421 and wait for its alerts; how many arrived, and in how long."""
    snapshot = json.loads(SNAPSHOT.read_bytes())
    new_round(snapshot, "421", on=date.today())
    before, started = len(telegram.sent), time.monotonic()
    source.set_body(encode(snapshot))
    with suppress(AssertionError):  # fewer than expected: the count printed says so
        telegram.wait_for_messages(before + matching, timeout=FAN_OUT_SECONDS)
    return len(telegram.sent) - before, time.monotonic() - started


def stop(bot: subprocess.Popen[bytes]) -> int:
    """SIGTERM, as a service manager stops the bot; its exit code."""
    bot.send_signal(signal.SIGTERM)
    try:
        return bot.wait(timeout=30)
    except subprocess.TimeoutExpired:
        bot.kill()
        return bot.wait()


def main(subscribers: int, matching: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.sqlite3"
        asyncio.run(prepare(database, subscribers, matching))
        with FakeTelegram() as telegram, FakeSource(SNAPSHOT.read_bytes()) as source:
            bot = start_bot(telegram, source, database)
            try:
                idle(telegram)
                quiet, idle_polls = memory_mib(bot.pid), len(source.requests)
                alerts, seconds = fan_out(telegram, source, matching)
                peak = memory_mib(bot.pid)
            finally:
                code = stop(bot)
                if code != 0 or len(telegram.sent) < COMMANDS + matching:
                    print((Path(folder) / "bot.log").read_text()[-3000:], file=sys.stderr)
    print(f"bot with {subscribers:,} subscriptions: idle RSS {quiet['VmRSS']:.1f} MiB "
          f"(peak so far {quiet['VmHWM']:.1f}) after {IDLE_SECONDS} s, {idle_polls} polls "
          f"and {COMMANDS} /latest")  # fmt: skip
    print(f"  fan-out: {alerts}/{matching} alerts in {seconds:.1f} s; peak RSS (VmHWM) "
          f"{peak['VmHWM']:.1f} MiB, RSS after {peak['VmRSS']:.1f} MiB; "
          f"exit code {code}")  # fmt: skip


if __name__ == "__main__":
    silence_job_logs()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--matching", type=int, default=900, help="30 s at 30 a second")
    options = parser.parse_args()
    main(options.subscribers, options.matching)

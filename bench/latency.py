"""Detection latency (run: python -m bench.latency): from a round appearing in the served
official JSON to its alert reaching the fake Bot API, through the real `python -m bot`.

Targets at POLL_INTERVAL_SECONDS=15: median under 10 s, worst under 17 s (the interval
plus 2 s). Each round is published at a random moment of the poll cycle.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import SNAPSHOT, encode, new_round, process_env
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

INTERVAL = 15
CHAT = 42


def measure(runs: int) -> list[float]:
    snapshot = json.loads(SNAPSHOT.read_bytes())
    rng = random.Random(1)
    with (
        tempfile.TemporaryDirectory() as folder,
        FakeTelegram() as telegram,
        FakeSource(SNAPSHOT.read_bytes()) as source,
    ):
        env = process_env(
            f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}", telegram,
            IRCC_ROUNDS_URL=source.url, POLL_INTERVAL_SECONDS=str(INTERVAL),
            POLL_IDLE_INTERVAL_SECONDS=str(INTERVAL), LOG_LEVEL="WARNING",
        )  # fmt: skip
        bot = subprocess.Popen([sys.executable, "-m", "bot"], env=env, cwd=folder)
        try:
            telegram.send_command(CHAT, "/subscribe all")
            telegram.wait_for_messages(1, chat_id=CHAT, timeout=30)
            time.sleep(2)  # the first poll stores the history
            return [_one(telegram, source, snapshot, 421 + run, rng) for run in range(runs)]
        finally:
            bot.terminate()
            bot.wait(timeout=30)


def _one(
    telegram: FakeTelegram, source: FakeSource, snapshot: dict, number: int, rng: random.Random
) -> float:
    time.sleep(rng.uniform(0, INTERVAL))  # a random moment of the cycle
    day = (datetime.now(UTC) - timedelta(days=1)).date()
    new_round(snapshot, str(number), crs="480", on=day)
    before = len(telegram.messages_to(CHAT))
    published = time.monotonic()
    source.set_body(encode(snapshot))
    alert = telegram.wait_for_messages(before + 1, chat_id=CHAT, timeout=INTERVAL * 4)[before]
    assert f"#{number}" in alert.text
    return alert.at - published


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=8)
    latencies = measure(parser.parse_args().runs)
    print(
        f"detection latency at POLL_INTERVAL_SECONDS={INTERVAL} over {len(latencies)} rounds: "
        f"median {statistics.median(latencies):.1f} s, worst {max(latencies):.1f} s "
        f"({', '.join(f'{value:.1f}' for value in latencies)})"
    )


if __name__ == "__main__":
    main()

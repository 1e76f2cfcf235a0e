"""Fan-out throughput against the fake Bot API on 127.0.0.1 (run: python -m bench.fanout).

``--rtt SECONDS`` delays each of the fake's answers by that round trip, as the internet
does (50 to 200 ms to Telegram's servers).

1. With the pacer at Telegram's free limits: messages per second over a fan-out of PACED
   chats (target: 29 or more sustained, and zero 429 answers from the fake, which
   enforces them).
2. With the pacer off: the sender's messages per second against a bare concurrent loop
   of bot.send_message calls, with as many in flight as the sender's window, to the same
   server in the same run (target ratio: 0.8 or more, i.e. the outbox, database and
   matching cost less than a fifth).
"""

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ExtBot

from bench.remote import Remote, remote_telegram
from bot.alerts import MAX_IN_FLIGHT, Sender
from bot.app import bot_defaults
from bot.pacing import Pacer
from db.engine import create_engine, migrate, session_factory
from tests.test_delivery import fan_out_to

BURST = 30
TEXT = (  # what the sender sends for the draw of tests.test_delivery.fan_out_to
    "🔔 <b>New Express Entry draw</b>\n\n<b>#421 · STEM occupations</b> · July 2, 2026\n"
    "Invitations: <b>1,500</b>\nCRS cut-off: <b>486</b> (first STEM occupations draw on "
    'record)\nTie-break: not published\n<a href="https://www.canada.ca/en/immigration-'
    "refugees-citizenship/corporate/mandate/policies-operational-instructions-agreements/"
    'ministerial-instructions/express-entry-rounds/invitations.html?q=421">Official round '
    "details</a>"
)


async def sender_rate(telegram: Remote, chats: int, pacer: Pacer) -> tuple[float, int]:
    """Messages a second the sender delivers to `chats` chats, and how many it sent."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await migrate(engine)
        sessions = session_factory(engine)
        await fan_out_to(sessions, list(range(1, chats + 1)))
        bot: ExtBot[int] = ExtBot(
            telegram.token, base_url=telegram.base_url, rate_limiter=pacer,
            defaults=bot_defaults(),
        )  # fmt: skip
        async with bot:
            started = time.perf_counter()
            report = await Sender(engine, sessions).deliver(bot)
            elapsed = time.perf_counter() - started
        await engine.dispose()
    return report.messages / elapsed, report.messages


async def bare_rate(telegram: Remote, chats: int, in_flight: int = MAX_IN_FLIGHT) -> float:
    """The same message, sent by `in_flight` plain loops taking the next chat in turn,
    with nothing to read or record."""
    waiting = iter(range(1, chats + 1))
    async with Bot(telegram.token, base_url=telegram.base_url) as bot:

        async def loop() -> None:
            for chat_id in waiting:
                await bot.send_message(
                    chat_id, TEXT, parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )  # fmt: skip

        started = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(in_flight)))
        return chats / (time.perf_counter() - started)


async def main(paced_chats: int, free_chats: int, rounds: int, rtt: float) -> None:
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    print(f"round trip {rtt * 1000:.0f} ms a call, up to {MAX_IN_FLIGHT} sends in flight")
    with remote_telegram(enforce_limits=True, round_trip_seconds=rtt) as telegram:
        paced, sent = await sender_rate(telegram, paced_chats, Pacer())
        stats = telegram.stats()
        times = stats["times"][BURST:]  # after the first second's burst
        sustained = (len(times) - 1) / (times[-1] - times[0])
        print(f"paced at Telegram's limits: {paced:.1f} messages/s over {sent} chats, "
              f"{sustained:.1f}/s sustained after the first {BURST}, "
              f"{stats['refused']} answered 429")  # fmt: skip
    with remote_telegram(enforce_limits=False, round_trip_seconds=rtt) as telegram:
        await bare_rate(telegram, 50)  # warm-up
        ratios = []
        for _round in range(rounds):  # alternated, so that neither gets the quieter moments
            free, _sent = await sender_rate(telegram, free_chats, Pacer(enabled=False))
            bare = await bare_rate(telegram, free_chats)
            ratios.append((free / bare, free, bare))
        ratio, free, bare = sorted(ratios)[len(ratios) // 2]  # the median round
        each = ", ".join(f"{r:.2f}" for r, _f, _b in ratios)
        print(f"pacer off: sender {free:.0f} messages/s, bare concurrent send_message loop "
              f"({MAX_IN_FLIGHT} in flight) {bare:.0f}/s, ratio {ratio:.2f} (median of "
              f"{rounds} alternated rounds: {each})")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paced-chats", type=int, default=900, help="30 s at 30 a second")
    parser.add_argument("--free-chats", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--rtt", type=float, default=0.0, help="seconds the fake takes to answer each call"
    )
    options = parser.parse_args()
    asyncio.run(main(options.paced_chats, options.free_chats, options.rounds, options.rtt))

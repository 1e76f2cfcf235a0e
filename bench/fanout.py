"""Fan-out throughput against the fake Bot API, in a process of its own on 127.0.0.1
(run: python -m bench.fanout).

``--rtt SECONDS ...`` delays each of the fake's answers by that round trip, as the internet
does (50 to 200 ms to Telegram's servers); the fake enforces Telegram's limits throughout.

1. Free, at each round trip: messages a second over a fan-out of ``--chats`` chats
   (target: 29 or more, and zero 429 answers).
2. ``--paid``: a fan-out of ``--paid-chats`` chats as paid broadcasts, against a bare
   concurrent loop of bot.send_message calls with as many in flight as the sender's paid
   window, on the same client, to the same server in the same run (target ratio: 0.8 or
   more). Both at the first round trip given.
"""

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path

from telegram.constants import ParseMode
from telegram.ext import ExtBot

from bench.remote import Remote, remote_telegram
from bot.app import CONNECTIONS, bot_defaults
from bot.delivery.pacing import Pacer
from bot.delivery.paid import PAID_IN_FLIGHT, PaidBroadcasts
from bot.delivery.request import AiohttpRequest
from bot.delivery.sender import MAX_IN_FLIGHT, Sender
from db.engine import create_engine, migrate, session_factory
from tests.test_delivery import fan_out_to

TEXT = (  # what the sender sends for the draw of tests.test_delivery.fan_out_to
    "🔔 <b>New Express Entry draw</b>\n\n<b>#421 · STEM occupations</b> · July 2, 2026\n"
    "Invitations: <b>1,500</b>\nCRS cut-off: <b>486</b> (first STEM occupations draw on "
    'record)\nTie-break: not published\n<a href="https://www.canada.ca/en/immigration-'
    "refugees-citizenship/corporate/mandate/policies-operational-instructions-agreements/"
    'ministerial-instructions/express-entry-rounds/invitations.html?q=421">Official round '
    "details</a>"
)
PAID_MIN_CHATS = 1000
BURST = 30  # Telegram's first second


async def sender_rate(telegram: Remote, chats: int, paid: bool = False) -> tuple[float, int]:
    """Messages a second the sender delivers to `chats` chats, paced, and how many it sent."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await migrate(engine)
        sessions = session_factory(engine)
        await fan_out_to(sessions, list(range(1, chats + 1)))
        bot: ExtBot[int] = ExtBot(
            telegram.token, base_url=telegram.base_url, rate_limiter=Pacer(),
            defaults=bot_defaults(), request=AiohttpRequest(connections=CONNECTIONS),
        )  # fmt: skip
        sender = Sender(engine, sessions, paid=PaidBroadcasts(PAID_MIN_CHATS) if paid else None)
        async with bot:
            started = time.perf_counter()
            report = await sender.deliver(bot)
            elapsed = time.perf_counter() - started
        await engine.dispose()
    return report.messages / elapsed, report.messages


async def bare_rate(telegram: Remote, chats: int, in_flight: int, paced: bool = False) -> float:
    """The same message as a paid broadcast, sent by `in_flight` plain loops taking the
    next chat in turn, with nothing to read or record. Unpaced, they would run into the
    limits at the start: the server lifts them meanwhile."""
    waiting = iter(range(1, chats + 1))
    request = AiohttpRequest(connections=CONNECTIONS)
    telegram.enforce_limits(paced)
    pacer = Pacer() if paced else None
    bot = ExtBot(telegram.token, base_url=telegram.base_url, request=request, rate_limiter=pacer)
    async with bot:

        async def loop() -> None:
            for chat_id in waiting:
                await bot.send_message(
                    chat_id, TEXT, parse_mode=ParseMode.HTML, allow_paid_broadcast=True
                )

        started = time.perf_counter()
        await asyncio.gather(*(loop() for _ in range(in_flight)))
        rate = chats / (time.perf_counter() - started)
    telegram.enforce_limits(True)
    return rate


async def free(rtt: float, chats: int) -> None:
    with remote_telegram(enforce_limits=True, round_trip_seconds=rtt) as telegram:
        rate, sent = await sender_rate(telegram, chats)
        stats = telegram.stats()
    times = stats["times"]  # as the fake counted them
    # Sends go in waves of 30 a second, so the steady rate is 30 over the time from each
    # message to the one 30 after it, on average; the shortest of those must be 1 s or more.
    apart = [later - earlier for earlier, later in zip(times, times[BURST:], strict=False)]
    sustained = BURST * len(apart) / sum(apart)
    print(f"free, {rtt * 1000:3.0f} ms a call: {rate:.1f} messages/s over {sent} chats, "
          f"{sustained:.1f}/s sustained (30 every {sum(apart) / len(apart):.3f} s on average, "
          f"{min(apart):.3f} s at the least), {stats['refused']} answered 429")  # fmt: skip


async def paid(rtt: float, chats: int, rounds: int) -> None:
    with remote_telegram(enforce_limits=True, round_trip_seconds=rtt) as telegram:
        await bare_rate(telegram, 300, PAID_IN_FLIGHT)  # warm-up
        ratios = []
        for _round in range(rounds):  # alternated, so that none gets the quieter moments
            ours, _sent = await sender_rate(telegram, chats, paid=True)
            bare = await bare_rate(telegram, chats, PAID_IN_FLIGHT)
            paced = await bare_rate(telegram, chats, PAID_IN_FLIGHT, paced=True)
            ratios.append((ours / bare, ours, bare, ours / paced, paced))
        refused = telegram.stats()["refused"]
    ratios.sort()
    _ratio, ours, bare, _paced_ratio, paced = ratios[len(ratios) // 2]  # the median round
    each = ", ".join(f"{r[0]:.2f}" for r in ratios)
    each_paced = ", ".join(f"{r[3]:.2f}" for r in ratios)
    print(f"paid, {rtt * 1000:.0f} ms a call, {chats} chats, median of {rounds} alternated "
          f"rounds: sender {ours:.0f} messages/s ({refused} paced sends answered 429 in all); bare "
          f"concurrent send_message loop ({PAID_IN_FLIGHT} in flight) {bare:.0f}/s, ratio "
          f"{ours / bare:.2f} ({each}); the same loop paced at Telegram's limits "
          f"{paced:.0f}/s, ratio {ours / paced:.2f} ({each_paced})")  # fmt: skip


async def main(options: argparse.Namespace) -> None:
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    print(f"up to {MAX_IN_FLIGHT} free and {PAID_IN_FLIGHT} paid sends in flight")
    if options.paid:
        await paid(options.rtt[0], options.paid_chats, options.rounds)
        return
    for rtt in options.rtt:
        await free(rtt, options.chats)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chats", type=int, default=900, help="30 s at 30 a second")
    parser.add_argument("--paid", action="store_true", help="paid broadcasts instead")
    parser.add_argument("--paid-chats", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--rtt", type=float, nargs="+", default=[0.0],
        help="seconds the fake takes to answer each call (several: one run each)",
    )  # fmt: skip
    asyncio.run(main(parser.parse_args()))

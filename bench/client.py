"""What the HTTP client costs per request with many in flight (run: python -m bench.client).

A bare loop of bot.send_message calls, ``--in-flight`` at once, against the fake Bot API in
a process of its own answering each call after ``--rtt`` seconds, with each client
python-telegram-bot can use: its default HTTPXRequest (HTTP/1.1, the pool as large as the
number in flight), HTTPXRequest over HTTP/2, and bot.delivery.request.AiohttpRequest. For each:
messages a second, and this process's CPU time per request (the client's own cost: the
server runs elsewhere).
"""

import argparse
import asyncio
import os
import time
from collections.abc import Callable

from telegram import Bot
from telegram.error import TelegramError
from telegram.request import BaseRequest, HTTPXRequest

from bench.fanout import TEXT
from bench.remote import Remote, remote_telegram
from bot.app import bot_defaults
from bot.delivery.request import AiohttpRequest

CLIENTS: dict[str, Callable[[int], BaseRequest]] = {
    "httpx, HTTP/1.1": lambda size: HTTPXRequest(connection_pool_size=size, pool_timeout=30),
    "httpx, HTTP/2": lambda size: HTTPXRequest(
        connection_pool_size=size, pool_timeout=30, http_version="2"
    ),
    "aiohttp": lambda size: AiohttpRequest(connections=size, pool_timeout=30),
}


async def measure(telegram: Remote, request: BaseRequest, messages: int, in_flight: int) -> str:
    """Messages a second and CPU milliseconds a request, or why the client failed."""
    waiting = iter(range(1, messages + 1))
    bot = Bot(telegram.token, base_url=telegram.base_url, request=request)

    async def loop() -> None:
        for chat_id in waiting:
            await bot.send_message(chat_id, TEXT, **defaults)

    defaults = {"parse_mode": bot_defaults().parse_mode}
    try:
        async with bot:
            cpu, started = time.process_time(), time.perf_counter()
            await asyncio.gather(*(loop() for _ in range(in_flight)))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    except TelegramError as error:
        return f"failed: {error}"
    return f"{messages / elapsed:6.0f} messages/s, {cpu / messages * 1000:5.2f} ms CPU a request"


async def main(messages: int, in_flight: int, rtt: float) -> None:
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    print(f"{messages} messages, {in_flight} in flight, the fake answering after "
          f"{rtt * 1000:.0f} ms")  # fmt: skip
    with remote_telegram(enforce_limits=False, round_trip_seconds=rtt) as telegram:
        for name, make in CLIENTS.items():
            try:
                await measure(telegram, make(in_flight), in_flight, in_flight)  # warm-up
            except ImportError as missing:  # HTTP/2 needs the h2 package
                print(f"{name:16} not installed: {missing}")
                continue
            print(f"{name:16} {await measure(telegram, make(in_flight), messages, in_flight)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--in-flight", type=int, default=100)
    parser.add_argument("--rtt", type=float, default=0.1)
    options = parser.parse_args()
    asyncio.run(main(options.messages, options.in_flight, options.rtt))

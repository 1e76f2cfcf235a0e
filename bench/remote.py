"""The fake Bot API in a process of its own, so that its work doesn't share the GIL with
the bot being measured."""

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from tests.fakes.telegram import FakeTelegram
from tests.fakes.telegram_limits import FloodLimits


@dataclass(frozen=True)
class Remote:
    token: str
    base_url: str
    control: Connection

    def stats(self) -> dict[str, Any]:
        """Messages accepted (and when, by the server's clock), sends refused with 429."""
        self.control.send("stats")
        answer: dict[str, Any] = self.control.recv()
        return answer

    def enforce_limits(self, enforce: bool) -> None:
        """Turn Telegram's flood limits on (counting afresh) or off."""
        self.control.send(("limits", enforce))
        self.control.recv()


def _serve(control: Connection, enforce_limits: bool, round_trip_seconds: float) -> None:
    with FakeTelegram() as telegram:
        telegram.limits = FloodLimits() if enforce_limits else None
        telegram.round_trip_seconds = round_trip_seconds
        control.send((telegram.token, telegram.base_url))
        refused = 0  # by limits since replaced
        while (command := control.recv()) != "stop":
            if command == "stats":
                now_refused = refused + (telegram.limits.refused if telegram.limits else 0)
                times = [message.at for message in telegram.sent]
                control.send({"sent": len(times), "times": times, "refused": now_refused})
            else:
                refused += telegram.limits.refused if telegram.limits else 0
                telegram.limits = FloodLimits() if command[1] else None
                control.send(None)


@contextmanager
def remote_telegram(enforce_limits: bool, round_trip_seconds: float = 0.0) -> Iterator[Remote]:
    """The fake Bot API in its own process; each call answered after ``round_trip_seconds``."""
    ours, theirs = multiprocessing.Pipe()
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(theirs, enforce_limits, round_trip_seconds), daemon=True
    )
    process.start()
    token, base_url = ours.recv()
    try:
        yield Remote(token, base_url, ours)
    finally:
        ours.send("stop")
        process.join(timeout=10)

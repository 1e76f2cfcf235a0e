"""Telegram's flood limits and an unreliable network, for the fake Bot API to enforce."""

import math
import random
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

OVERALL = (30, 1.0)  # sends, seconds
PAID_OVERALL = (1000, 1.0)  # sends with allow_paid_broadcast
PER_GROUP = (20, 60.0)
PER_PRIVATE_CHAT = (1, 1.0)


@dataclass
class FloodLimits:
    """Sliding windows as Telegram keeps them; `check` answers the retry_after for a send
    beyond any of them, or None (and counts the send). Paid broadcasts have an overall
    window of their own; the per-chat windows count every send."""

    overall: deque[float] = field(default_factory=deque)
    paid: deque[float] = field(default_factory=deque)
    chats: defaultdict[int, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    refused: int = 0

    def check(self, chat_id: int, now: float | None = None, *, paid: bool = False) -> int | None:
        now = time.monotonic() if now is None else now
        chat_limit = PER_GROUP if chat_id < 0 else PER_PRIVATE_CHAT
        overall, overall_limit = (self.paid, PAID_OVERALL) if paid else (self.overall, OVERALL)
        waits = [
            _wait(overall, *overall_limit, now),
            _wait(self.chats[chat_id], *chat_limit, now),
        ]
        if max(waits) > 0:
            self.refused += 1
            return max(1, math.ceil(max(waits)))
        overall.append(now)
        self.chats[chat_id].append(now)
        return None


def _wait(times: deque[float], limit: int, period: float, now: float) -> float:
    while times and now - times[0] >= period:
        times.popleft()
    return times[0] + period - now if len(times) >= limit else 0.0


@dataclass
class Flakiness:
    """Server errors and dropped connections at random (seeded, so a run can be replayed)."""

    errors: float = 0.0  # probability of a 5xx answer
    drops: float = 0.0  # probability of closing the connection without an answer
    seed: int = 0
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def draw(self) -> str | None:
        """None, "error" or "drop" for the next request."""
        roll = self.rng.random()
        if roll < self.drops:
            return "drop"
        if roll < self.drops + self.errors:
            return "error"
        return None

"""Pacing: every message at the highest rate Telegram allows and never above it, and
each user's commands at a rate that leaves room for everyone else.

Telegram allows about 30 messages a second overall, 20 a minute to one group and one a
second to one private chat, and answers 429 with ``retry_after`` beyond that. The
:class:`Pacer` keeps a sliding window for each of those limits (a token bucket would let a
burst through on top of the steady rate), and on a 429 pauses every request, not just the
one refused, for exactly the time Telegram asks, then carries on.
"""

import asyncio
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

Result = bool | dict[str, Any] | list[dict[str, Any]]

OVERALL = (30, 1.0)  # messages, seconds
PER_GROUP = (20, 60.0)
PER_PRIVATE_CHAT = (1, 1.0)
# Telegram's clock and ours tick apart by a little.
MARGIN = 0.01
RECENT_CHATS = 20_000  # per-chat windows kept; the oldest are forgotten


class SlidingWindow:
    """At most ``limit`` sends in any ``period`` seconds. Hold ``lock`` from waiting until
    stamping, so that two senders don't take the same free place.

    A place is stamped when the request leaves and stamped again when its answer arrives:
    Telegram counts a request somewhere in between, so counting from the answer keeps us
    under its limit however the network delays one request and not the next."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit, self.period = limit, period + MARGIN
        self.lock = asyncio.Lock()
        self._places: deque[list[float]] = deque()

    async def wait_for_room(self) -> None:
        while len(self._places) >= self.limit:
            wait = self._places[0][0] + self.period - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            else:
                self._places.popleft()

    def stamp(self) -> list[float]:
        place = [time.monotonic()]
        self._places.append(place)
        return place


def restamp(places: list[list[float]]) -> None:
    """The answer arrived: count the places from now."""
    now = time.monotonic()
    for place in places:
        place[0] = now


@dataclass
class FloodWait:
    seconds: float
    at: float  # time.time()


class Pacer(BaseRateLimiter[int]):
    """PTB's rate limiter hook: requests that carry a chat_id go through the windows."""

    def __init__(self, max_retries: int = 5, enabled: bool = True) -> None:
        self.enabled = enabled
        self.max_retries = max_retries
        self.last_flood_wait: FloodWait | None = None
        self._overall = SlidingWindow(*OVERALL)
        self._chats: OrderedDict[int, SlidingWindow] = OrderedDict()
        self._open = asyncio.Event()
        self._open.set()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self._chats.clear()

    def _window(self, chat_id: int) -> SlidingWindow:
        window = self._chats.pop(chat_id, None)
        if window is None:
            window = SlidingWindow(*(PER_GROUP if chat_id < 0 else PER_PRIVATE_CHAT))
            if len(self._chats) >= RECENT_CHATS:
                self._chats.popitem(last=False)
        self._chats[chat_id] = window
        return window

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        chat_id = _chat_id(data)
        for attempt in range(self.max_retries + 1):
            await self._open.wait()
            places = []
            if self.enabled and chat_id is not None:
                places = await self._take_place(self._window(chat_id))
            await self._open.wait()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == self.max_retries:
                    raise
                await self._pause(error.retry_after, endpoint)
            finally:
                restamp(places)
        raise AssertionError("unreachable")  # the loop returns or raises

    async def _take_place(self, chat: SlidingWindow) -> list[list[float]]:
        """Wait for room in the chat's window, then in the overall one; stamp both at once,
        just before the request leaves."""
        async with chat.lock:
            await chat.wait_for_room()
            async with self._overall.lock:
                await self._overall.wait_for_room()
                overall = self._overall.stamp()
            return [overall, chat.stamp()]

    async def _pause(self, retry_after: Any, endpoint: str) -> None:
        seconds = (
            retry_after.total_seconds()
            if isinstance(retry_after, timedelta)
            else float(retry_after)
        )
        self.last_flood_wait = FloodWait(seconds, time.time())
        log.warning("flood control on %s: every request waits %.1f s as told", endpoint, seconds)
        if self._open.is_set():
            self._open.clear()
            await asyncio.sleep(seconds)
            self._open.set()
        else:
            await self._open.wait()


def _chat_id(data: dict[str, Any]) -> int | None:
    try:
        return int(data["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None  # no chat, or a @channel name: only the overall window would apply


COMMANDS_PER_WINDOW, WINDOW_SECONDS = 20, 60.0


class Verdict(Enum):
    """What to do with a user's command."""

    OK = "ok"  # handle it
    WARN = "warn"  # the first command over the limit: tell the user once, handle none
    DROP = "drop"  # over the limit, already told: ignore it


MAX_TRACKED_USERS = 50_000


class CommandThrottle:
    """At most COMMANDS_PER_WINDOW commands per user in any WINDOW_SECONDS."""

    def __init__(self) -> None:
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user_id: int, now: float) -> Verdict:
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= WINDOW_SECONDS:
            times.popleft()
        if len(times) >= COMMANDS_PER_WINDOW:
            if user_id in self._warned:
                return Verdict.DROP
            self._warned.add(user_id)
            return Verdict.WARN
        self._warned.discard(user_id)
        times.append(now)
        if len(self._seen) > MAX_TRACKED_USERS:
            self._forget_idle(now)
        return Verdict.OK

    def _forget_idle(self, now: float) -> None:
        for user_id in [u for u, t in self._seen.items() if not t or now - t[-1] >= WINDOW_SECONDS]:
            del self._seen[user_id]

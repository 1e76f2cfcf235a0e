"""Pacing: every message at the highest rate Telegram allows and never above it.

Telegram allows about 30 messages a second overall, 20 a minute to one group and one a
second to one private chat, and answers 429 with ``retry_after`` beyond that. Paid
broadcasts (sends with ``allow_paid_broadcast``) have an overall limit of their own, 1,000
a second; the per-chat limits hold for them too. The :class:`Pacer` keeps a sliding window
for each of those limits (a token bucket would let a burst through on top of the steady
rate), and on a 429 pauses every request, not just the one refused, for exactly the time
Telegram asks, then carries on.

Counted from answers, pipelined. Telegram counts a request at some moment between the
moment it leaves and the moment its answer arrives. Waiting for the answer of the request
``limit`` places earlier, and a whole period after it, before sending the next would be
safe wherever that moment falls, but it holds each place for a round trip and a period:
at 100 ms a call, 30 places last 1.1 s and the rate falls to 27 a second. So a request
leaves as soon as its own answer is *expected* at least a period (and MARGIN) after the
answer of the request ``limit`` places earlier: ``now + lead >= answered + period``, where
``lead`` is the shortest round trip among the recent ones (:class:`RoundTrips`).

Why that holds. Say request k leaves at s_k, Telegram counts it at c_k = s_k + out_k and
its answer arrives at a_k = c_k + back_k. The rule gives s_k >= a_j + period - lead for
j = k - limit, so c_k - c_j >= period + (back_j + out_k - lead). Sends leave in order, so
any two requests ``limit`` or more places apart obey the same bound, hence no period holds
more than ``limit`` counts as long as ``back_j + out_k >= lead``: the way back of an
earlier request and the way there of a later one take at least the shortest round trip
seen. Where Telegram counts at the answer instead, a_k - a_j >= period + (rtt_k - lead),
which needs rtt_k >= lead. That is why the lead is the shortest recent round trip, not a
mean: jitter makes some requests faster than usual, and a request is counted early by no
more than the lead already assumes. What the shortest does not cover: the way there of
one request and the way back of another each at its fastest, when no single request was
that fast (MARGIN absorbs the difference), and a network that became faster than every
recent round trip. Without a measured round trip (at start) the lead is 0, which is the
strict rule; a 429 forgets the round trips measured so far, so a network that changed its
ways costs one pause, not a stream of them.
"""

import asyncio
import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from core.sending import FloodWait

log = logging.getLogger(__name__)

Result = bool | dict[str, Any] | list[dict[str, Any]]

OVERALL = (30, 1.0)  # messages, seconds
PAID_OVERALL = (1000, 1.0)  # sends with allow_paid_broadcast
PER_GROUP = (20, 60.0)
PER_PRIVATE_CHAT = (1, 1.0)
# Telegram's clock and ours tick apart by a little, and two legs of different requests may
# each be at their fastest (see the module's docstring).
MARGIN = 0.01
RECENT_CHATS = 20_000  # per-chat windows kept; the oldest are forgotten
RECENT_ROUND_TRIPS = 1000  # the lead is the shortest of these (a second of paid sends)
FEWEST_ROUND_TRIPS = 5  # measured before any lead is taken


class Place:
    """One request's place in a window: in flight until its answer arrives."""

    __slots__ = ("_answer", "answered_at")

    def __init__(self) -> None:
        self.answered_at: float | None = None  # time.monotonic()
        self._answer = asyncio.Event()

    def answered(self) -> None:
        self.answered_at = time.monotonic()
        self._answer.set()

    async def answer(self) -> float:
        """When the answer arrived, waiting for it if it is still on its way."""
        await self._answer.wait()
        assert self.answered_at is not None
        return self.answered_at


class SlidingWindow:
    """At most ``limit`` requests counted in any ``period`` seconds. Hold ``lock`` from
    waiting until stamping, so that two senders don't take the same free place."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit, self.period = limit, period + MARGIN
        self.lock = asyncio.Lock()
        self._places: deque[Place] = deque()

    async def wait_for_room(self, lead: float) -> None:
        """Until a request leaving now, answered ``lead`` seconds from now, would be
        answered a period after the request ``limit`` places earlier."""
        while len(self._places) >= self.limit:
            answered_at = await self._places[0].answer()
            wait = answered_at + self.period - lead - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            else:
                self._places.popleft()

    def stamp(self) -> Place:
        place = Place()
        self._places.append(place)
        return place


class RoundTrips:
    """The shortest of the recent round trips of paced requests: how soon an answer can
    come, hence how far ahead of an answer the next request may leave. Kept as a sliding
    minimum (a deque of rising round trips), so each request costs O(1) however many are
    remembered."""

    def __init__(self) -> None:
        self._rising: deque[tuple[int, float]] = deque()  # (number, seconds), seconds rising
        self._count = 0
        self.lead = 0.0

    def add(self, seconds: float) -> None:
        self._count += 1
        while self._rising and self._rising[-1][1] >= seconds:
            self._rising.pop()
        self._rising.append((self._count, seconds))
        if self._rising[0][0] <= self._count - RECENT_ROUND_TRIPS:
            self._rising.popleft()
        if self._count >= FEWEST_ROUND_TRIPS:
            self.lead = self._rising[0][1]

    def forget(self) -> None:
        """Back to the strict rule until round trips are measured again."""
        self._rising.clear()
        self._count = 0
        self.lead = 0.0


class Pacer(BaseRateLimiter[int]):
    """PTB's rate limiter hook: requests that carry a chat_id go through the windows.

    ``paces`` False lets every request straight through, still waiting out a 429: the
    tests that hand the Application updates set it, since they talk to one chat many times
    a second and never run into Telegram's limits."""

    def __init__(self, max_retries: int = 5) -> None:
        self.paces = True
        self.max_retries = max_retries
        self.last_flood_wait: FloodWait | None = None
        self.round_trips = RoundTrips()
        self._overall = SlidingWindow(*OVERALL)
        self._paid = SlidingWindow(*PAID_OVERALL)
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
        overall = self._paid if data.get("allow_paid_broadcast") else self._overall
        for attempt in range(self.max_retries + 1):
            await self._open.wait()
            places: list[Place] = []
            if self.paces and chat_id is not None:
                places = await self._take_place(self._window(chat_id), overall)
            await self._open.wait()
            try:
                return await self._timed(callback(*args, **kwargs), measured=bool(places))
            except RetryAfter as error:
                if attempt == self.max_retries:
                    raise
                await self._pause(error.retry_after, endpoint)
            finally:
                for place in places:
                    place.answered()
        raise AssertionError("unreachable")  # the loop returns or raises

    async def _timed(self, request: Coroutine[Any, Any, Result], *, measured: bool) -> Result:
        """The request's result; its round trip counts towards the lead if it was paced."""
        started = time.monotonic()
        result = await request
        if measured:
            self.round_trips.add(time.monotonic() - started)
        return result

    async def _take_place(self, chat: SlidingWindow, overall: SlidingWindow) -> list[Place]:
        """Wait for room in the chat's window, then in the overall one; stamp both at once,
        just before the request leaves."""
        async with chat.lock:
            await chat.wait_for_room(self.round_trips.lead)
            async with overall.lock:
                await overall.wait_for_room(self.round_trips.lead)
                place = overall.stamp()
            return [place, chat.stamp()]

    async def _pause(self, retry_after: Any, endpoint: str) -> None:
        seconds = (
            retry_after.total_seconds()
            if isinstance(retry_after, timedelta)
            else float(retry_after)
        )
        self.last_flood_wait = FloodWait(seconds, time.time())
        self.round_trips.forget()
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

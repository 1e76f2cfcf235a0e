"""Set-ups under way: which step each set-up keyboard is at, and who is typing a score.

Kept in memory, by the message that holds the keyboard, for an hour at most: a restart
or a long pause forgets a set-up, and its buttons then answer that they are out of date
(nothing is stored until the last step, so nothing is lost). Each step gets a new flow
token, written in its buttons, so a button of a step already passed is out of date too.
"""

import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

LIFETIME_SECONDS = 3600.0
MOST = 10_000  # set-ups held at once; the oldest is forgotten first


class Step(Enum):
    CATEGORY = "category"
    SCORE = "score"
    TYPING = "typing"  # waiting for the user to send their score
    CONFIRM = "confirm"


@dataclass
class Flow:
    chat_id: int
    message_id: int  # the message with the keyboard, edited at each step
    step: Step
    token: str = field(default_factory=lambda: secrets.token_hex(4))
    category: str | None = None
    score: int | None = None
    typist: int | None = None  # Step.TYPING: the user whose next number is the score
    started: float = 0.0


class Flows:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._held: OrderedDict[tuple[int, int], Flow] = OrderedDict()
        self._typists: dict[tuple[int, int], Flow] = {}  # by chat and user

    def begin(self, chat_id: int, message_id: int, token: str) -> Flow:
        """A set-up whose keyboard (made with ``token``) is in that message."""
        flow = Flow(chat_id, message_id, Step.CATEGORY, token, started=self._clock())
        self._held[(chat_id, message_id)] = flow
        while len(self._held) > MOST:
            self.end(next(iter(self._held.values())))
        return flow

    def current(self, chat_id: int, message_id: int, token: str, step: Step | None) -> Flow | None:
        """The set-up in that message, if that token is its current step's and the step is
        the one expected (None: any); None for a button out of date."""
        flow = self._held.get((chat_id, message_id))
        if flow is None or self._clock() - flow.started > LIFETIME_SECONDS:
            return None
        return flow if flow.token == token and step in (None, flow.step) else None

    def advance(self, flow: Flow, step: Step) -> str:
        """Move a set-up to its next step; returns the token of that step's buttons."""
        flow.step, flow.token = step, secrets.token_hex(4)
        return flow.token

    def wait_for_score(self, flow: Flow, user_id: int) -> str:
        """The user's next number in the chat is the set-up's score."""
        self._drop_typist(flow)
        flow.typist = user_id
        self._typists[(flow.chat_id, user_id)] = flow
        return self.advance(flow, Step.TYPING)

    def typing(self, chat_id: int, user_id: int) -> Flow | None:
        """The set-up waiting for this user's score in this chat, if any."""
        flow = self._typists.get((chat_id, user_id))
        if flow is None or flow.step is not Step.TYPING:
            return None
        return flow if self._clock() - flow.started <= LIFETIME_SECONDS else None

    def end(self, flow: Flow) -> None:
        self._drop_typist(flow)
        self._held.pop((flow.chat_id, flow.message_id), None)

    def _drop_typist(self, flow: Flow) -> None:
        if flow.typist is not None and self._typists.get((flow.chat_id, flow.typist)) is flow:
            del self._typists[(flow.chat_id, flow.typist)]

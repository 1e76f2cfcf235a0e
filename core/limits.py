"""How much a person may ask, and how often: the size of a command's arguments, the rows
/history shows, and each user's commands a minute (a sliding window of their times, so
that one user's flood leaves room for everyone else; the time is a parameter)."""

from collections import deque
from enum import Enum

# Words after a command: a category of several words ("programme des travailleurs qualifiés
# (fédéral)" has five), and a figure.
MAX_ARGUMENTS = 8
# Characters in one argument, or in the whole of a free-text one (a zone, a language): more
# than any category, zone or deep link payload (Telegram allows 64) has.
MAX_ARGUMENT_LENGTH = 64
HISTORY_ROWS = 10  # /history without a count
MAX_HISTORY_ROWS = 50
COMMANDS_PER_WINDOW, WINDOW_SECONDS = 20, 60.0
# The Mini App's requests a minute: a screen asks for a few things at once.
REQUESTS_PER_WINDOW = 60


class Verdict(Enum):
    """What to do with a user's command."""

    OK = "ok"  # handle it
    WARN = "warn"  # the first command over the limit: tell the user once, handle none
    DROP = "drop"  # over the limit, already told: ignore it


MAX_TRACKED_USERS = 50_000


class CommandThrottle:
    """At most ``per_window`` commands (or requests) per user in any WINDOW_SECONDS."""

    def __init__(self, per_window: int = COMMANDS_PER_WINDOW) -> None:
        self.per_window = per_window
        self._seen: dict[int, deque[float]] = {}
        self._warned: set[int] = set()

    def check(self, user_id: int, now: float) -> Verdict:
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= WINDOW_SECONDS:
            times.popleft()
        if len(times) >= self.per_window:
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

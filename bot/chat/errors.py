"""Telling the operators about unexpected errors, at most once a minute.

Every error a handler or a job raises reaches the application's error handler (PTB hands
it the update, or the job). Those that are part of a bot's life are only logged: network
trouble and timeouts (Telegram or the connection having a bad moment while polling or
replying), and Forbidden (a user who blocked the bot while it answered). Any other is a
fault, told to the operators' chats in a line: its type and message, and where it
happened (the command, the kind of update, or the job). The traceback goes to the log.

A burst of errors is one message: the first is told at once, the others within the next
minute are counted, and the next message after the minute says how many there were.
"""

import time
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.error import Forbidden, NetworkError
from telegram.ext import Job

from bot.messages import reports as texts
from core.limits import MAX_ARGUMENT_LENGTH

INTERVAL_SECONDS = 60.0
EXPECTED = (NetworkError, Forbidden)  # TimedOut is a NetworkError
MAX_ERROR_TEXT = 300


class ErrorReports:
    """Decides which errors are told: one a minute, with how many were held back."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._last_told: float | None = None
        self._held = 0

    def tell(self) -> int | None:
        """None: hold this error back (counted); else tell it, with this many held back."""
        now = self.clock()
        if self._last_told is not None and now - self._last_told < INTERVAL_SECONDS:
            self._held += 1
            return None
        held, self._held, self._last_told = self._held, 0, now
        return held


def expected(error: BaseException | None) -> bool:
    return isinstance(error, EXPECTED)


def where(update: object, job: Job[Any] | None) -> str:
    """Where an error happened, in a few words."""
    if job is not None:
        return texts.in_job(job.name or "unnamed")
    if not isinstance(update, Update):
        return texts.IN_POLLING()
    text = update.message.text if update.message is not None else None
    if text and text.startswith("/"):
        return texts.in_command(text.split()[0][1:].split("@")[0][:MAX_ARGUMENT_LENGTH])
    kinds = [name for name, value in update.to_dict().items() if name != "update_id" and value]
    return texts.in_update(kinds[0] if kinds else "unknown")


def report(error: BaseException, update: object, job: Job[Any] | None, more: int) -> str:
    """The operators' message about an error."""
    described = f"{type(error).__name__}: {error}"[:MAX_ERROR_TEXT]
    return texts.error_report(where(update, job), described, more)

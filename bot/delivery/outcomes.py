"""What Telegram's answer to a failed send means for the alert: a plain decision, taken
apart from acting on it (bot.delivery.sender), one row of tests for each kind of answer.

Telegram answers a send it refuses with a status and a description ("Bad Request: chat
not found"). python-telegram-bot turns them into its errors: ChatMigrated (carrying the
supergroup's id), Forbidden (403), BadRequest (400), RetryAfter (a 429 the pacer gave up
waiting out), TimedOut and NetworkError (the network, Telegram's own servers); it drops a
"Bad Request: " in front of the description and capitalizes what is left, so that
Telegram's error codes, written in capitals, reach us as "Balance_too_low".
"""

import re
from dataclasses import dataclass

from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError


@dataclass(frozen=True)
class Outcome:
    """What to do with the alert; ``reason`` is Telegram's answer, as logged and stored."""

    reason: str


@dataclass(frozen=True)
class FollowMigration(Outcome):
    """The group became a supergroup: move its subscriptions there, and the alert."""

    new_chat_id: int


@dataclass(frozen=True)
class Deactivate(Outcome):
    """The chat blocked the bot, removed it, or is gone: alert it no more."""


@dataclass(frozen=True)
class ForgetTopic(Outcome):
    """The alert's forum topic was deleted: send it, and the topic's next ones, to the
    chat's general topic."""


@dataclass(frozen=True)
class ResendPlain(Outcome):
    """Telegram could not read our HTML: the same alert again as plain text."""


@dataclass(frozen=True)
class ResendFree(Outcome):
    """The bot's Stars could not pay for a paid broadcast: the alert again, free."""

    refusal: BadRequest


@dataclass(frozen=True)
class RetryLater(Outcome):
    """No refusal of the alert (a time-out, the network, Telegram's servers, a flood wait
    the pacer gave up on): try again later."""


@dataclass(frozen=True)
class Fail(Outcome):
    """Any other refusal: the alert is failed for good, with Telegram's reason."""


# Refusals that mean the chat is out of reach for good.
GONE = ("chat not found", "user is deactivated", "bot was kicked", "group chat was deleted")
TOPIC_GONE = "message thread not found"
HTML_REFUSED = "can't parse entities"
# Telegram's error code for a Star balance too low to pay, as for any payment in Stars
# ("Bad Request: BALANCE_TOO_LOW"): the code itself, whole, never a mere mention of Stars.
STARS_SHORT = re.compile(r"\bbalance_too_low\b", re.IGNORECASE)


def classify(error: TelegramError, *, paid: bool, in_topic: bool) -> Outcome:
    """What to do about ``error``, the answer to a send that went as a paid broadcast
    (``paid``) or not, to a forum topic (``in_topic``) or to a whole chat."""
    reason = reason_of(error)
    match error:
        case ChatMigrated(new_chat_id=new_chat_id):
            return FollowMigration(reason, new_chat_id)
        case Forbidden():
            return Deactivate(reason)
        case BadRequest():
            return _refusal(error, reason, paid=paid, in_topic=in_topic)
    return RetryLater(reason)


def _refusal(error: BadRequest, reason: str, *, paid: bool, in_topic: bool) -> Outcome:
    text = error.message.lower()
    if paid and STARS_SHORT.search(text):
        return ResendFree(reason, error)
    if any(gone in text for gone in GONE):
        return Deactivate(reason)
    if in_topic and TOPIC_GONE in text:
        return ForgetTopic(reason)
    if HTML_REFUSED in text:
        return ResendPlain(reason)
    return Fail(reason)


def reason_of(error: TelegramError) -> str:
    """The error as the outbox records it: its kind and Telegram's description."""
    return f"{error.__class__.__name__}: {error.message}"

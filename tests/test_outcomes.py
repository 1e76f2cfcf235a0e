"""What each of Telegram's answers to a failed send calls for, as a table of cases: the
errors as python-telegram-bot raises them from Telegram's own descriptions."""

from datetime import timedelta

import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.delivery.outcomes import (
    Deactivate,
    Fail,
    FollowMigration,
    ForgetTopic,
    Outcome,
    ResendFree,
    ResendPlain,
    RetryLater,
    classify,
)

STARS_SHORT = "Bad Request: BALANCE_TOO_LOW"  # what Telegram answers to a payment in Stars
ANY = {"paid": False, "in_topic": False}
PAID = {"paid": True, "in_topic": False}
IN_TOPIC = {"paid": False, "in_topic": True}
UNSUPPORTED_TAG = 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 3'
UNCLOSED_TAG = (
    "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\""
)


@pytest.mark.parametrize(
    ("error", "sent", "expected"),
    [
        (ChatMigrated(-1001234567890), ANY, FollowMigration),
        (Forbidden("Forbidden: bot was blocked by the user"), ANY, Deactivate),
        (Forbidden("Forbidden: bot was kicked from the supergroup chat"), ANY, Deactivate),
        (Forbidden("Forbidden: user is deactivated"), PAID, Deactivate),
        (BadRequest("Bad Request: chat not found"), ANY, Deactivate),
        (BadRequest("Bad Request: group chat was deleted"), ANY, Deactivate),
        (BadRequest("Bad Request: message thread not found"), IN_TOPIC, ForgetTopic),
        (BadRequest("Bad Request: message thread not found"), ANY, Fail),  # it had no topic
        (BadRequest(UNSUPPORTED_TAG), ANY, ResendPlain),
        (BadRequest(UNCLOSED_TAG), IN_TOPIC, ResendPlain),
        (BadRequest(STARS_SHORT), PAID, ResendFree),
        (BadRequest(f"{STARS_SHORT}: not enough Stars for a paid broadcast"), PAID, ResendFree),
        (BadRequest(STARS_SHORT), ANY, Fail),  # a free send is never refused for Stars
        (BadRequest("Bad Request: message text mentions stars"), PAID, Fail),
        (BadRequest("Bad Request: STARS_INVOICE_INVALID"), PAID, Fail),  # another code
        (BadRequest("Bad Request: not enough rights to send text messages"), PAID, Fail),
        (BadRequest("Bad Request: message is too long"), ANY, Fail),
        (BadRequest("Bad Request: message text is empty"), IN_TOPIC, Fail),
        (TimedOut(), ANY, RetryLater),
        (TimedOut(), PAID, RetryLater),
        (NetworkError("Bad Gateway"), ANY, RetryLater),
        (NetworkError("Internal Server Error (500)"), ANY, RetryLater),
        (RetryAfter(timedelta(seconds=5)), PAID, RetryLater),  # the pacer gave up waiting
    ],
)
def test_each_answer_calls_for_its_outcome(
    error: TelegramError, sent: dict[str, bool], expected: type[Outcome]
) -> None:
    assert type(classify(error, **sent)) is expected


def test_a_migration_is_followed_to_the_supergroup_s_id() -> None:
    outcome = classify(ChatMigrated(-1001234567890), paid=False, in_topic=True)
    assert outcome == FollowMigration(
        "ChatMigrated: Group migrated to supergroup. New chat id: -1001234567890", -1001234567890
    )


def test_the_reason_is_telegram_s_answer_as_the_outbox_records_it() -> None:
    assert classify(BadRequest("Bad Request: chat not found"), **ANY) == Deactivate(
        "BadRequest: Chat not found"
    )
    assert classify(NetworkError("Bad Gateway"), **ANY) == RetryLater("NetworkError: Bad Gateway")


def test_a_paid_refusal_carries_telegram_s_answer_for_the_operators() -> None:
    refusal = BadRequest(f"{STARS_SHORT}: not enough Stars for a paid broadcast")
    outcome = classify(refusal, **PAID)
    assert isinstance(outcome, ResendFree) and outcome.refusal is refusal
    assert refusal.message == "Balance_too_low: not enough stars for a paid broadcast"

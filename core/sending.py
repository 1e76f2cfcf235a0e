"""What sending looks like from outside the sender: a delivery run's figures, Telegram's last
flood wait, and what a paid broadcast costs. Plain values, shown by the operators' view."""

from dataclasses import dataclass

# Telegram charges a paid broadcast 0.1 Star a message, from the bot's balance.
STARS_PER_PAID_MESSAGE = 0.1


@dataclass
class DeliveryReport:
    """What one delivery run did."""

    sent: int = 0  # outbox rows
    failed: int = 0
    skipped: int = 0
    retrying: int = 0
    messages: int = 0
    paid: int = 0  # messages sent as paid broadcasts
    seconds: float = 0.0


@dataclass(frozen=True)
class FloodWait:
    """Telegram's last 429: how long it asked to wait, and when (time.time())."""

    seconds: float
    at: float


def stars(paid_messages: int) -> float:
    """What that many paid broadcast messages cost, in Stars."""
    return paid_messages * STARS_PER_PAID_MESSAGE

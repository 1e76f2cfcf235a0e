"""Paid broadcasts: which alerts go with ``allow_paid_broadcast``, and what a refusal does.

Telegram lets a bot send up to 1,000 messages a second when each send carries
``allow_paid_broadcast``, for 0.1 Star a message from the bot's balance. A draw whose
fan-out reaches ``min_chats`` chats goes paid (its alerts, or its corrections, counted
apart); smaller fan-outs, replies to commands and operator messages stay free. When
Telegram refuses a paid send (the balance is short), the draws of that message go on free
for as long as this process runs, the message itself goes again free at once, and the
operators are told once; the next draw tries paid again, so topping up the balance is
enough to bring the speed back. Which refusal means the balance is short is for
bot.delivery.outcomes to say (Telegram's BALANCE_TOO_LOW).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot
from telegram.error import BadRequest

from bot.delivery.compose import ChatAlert
from bot.delivery.notifier import OperatorNotifier
from bot.messages.operators import paid_refused
from db import outbox
from db.models import Delivery, Draw

log = logging.getLogger(__name__)

# Paid sends in flight at most: 1,000 a second is 100 in flight at 100 ms a call, and 150
# leaves room for a slower network. It is also how many a crash can repeat.
PAID_IN_FLIGHT = 150


@dataclass(frozen=True)
class PaidBroadcasts:
    """The operator's choice: fan-outs to ``min_chats`` chats or more go paid."""

    min_chats: int


class PaidFanOuts:
    """Which claimed rows go paid, for one sender."""

    def __init__(self, policy: PaidBroadcasts | None, operators: OperatorNotifier) -> None:
        self.policy, self._operators = policy, operators
        self._sizes: dict[tuple[int, str], int] = {}  # chats per draw and kind, this run
        self._rows: dict[int, int] = {}  # claimed rows of paid fan-outs, and their draws
        self._refused: set[int] = set()  # draws whose paid sends Telegram refused

    def new_run(self) -> None:
        self._sizes.clear()
        self._rows.clear()

    async def note(
        self, session: AsyncSession, rows: Sequence[tuple[Delivery, Draw | None]]
    ) -> None:
        """Remember which of the claimed rows belong to draws' fan-outs big enough to go
        paid (word of the processing times, monthly, always goes free)."""
        if self.policy is None:
            return
        about_draws = [(delivery, draw) for delivery, draw in rows if draw is not None]
        known = {draw for draw, _kind in self._sizes}
        unknown = {draw.id for _delivery, draw in about_draws} - known
        if unknown:
            self._sizes.update(await outbox.fan_out_sizes(session, sorted(unknown)))
        for delivery, draw in about_draws:
            if self._sizes.get((draw.id, delivery.kind), 0) >= self.policy.min_chats:
                self._rows[delivery.id] = draw.id

    def _draws(self, alert: ChatAlert) -> set[int]:
        return {self._rows[row] for row in alert.delivery_ids if row in self._rows}

    def goes_paid(self, alert: ChatAlert) -> bool:
        return bool(self._draws(alert) - self._refused)

    async def refused(self, bot: Bot, alert: ChatAlert, error: BadRequest) -> None:
        """The rest of the alert's fan-outs go free; the first refusal tells the operators."""
        draws = self._draws(alert) - self._refused
        if not draws:
            return  # sent paid before an earlier refusal came back: told already
        self._refused |= draws
        chats = max(size for (draw, _kind), size in self._sizes.items() if draw in draws)
        log.error("paid broadcast refused (%s); the fan-out to %d chats goes on free",
                  error.message, chats)  # fmt: skip
        await self._operators.tell(bot, lambda: paid_refused(error.message, chats))

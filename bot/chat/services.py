"""What the handlers reach through their context: the chat room's side of the services.

The composition root (bot.context.Services) provides all of it; this room names only what
it uses, so that it depends neither on the sender nor on the jobs. The operators' figures
and the operators themselves come through the small protocols below.
"""

from collections.abc import Callable, Sequence
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import CallbackContext, ExtBot

from bot.chat.charts import ChartCache
from bot.chat.errors import ErrorReports
from bot.chat.flows import Flows
from bot.messages.operators import StatusFigures
from core.limits import CommandThrottle


class Operators(Protocol):
    """The operator chats (ADMIN_CHAT_IDS), and a way to tell them all."""

    @property
    def chat_ids(self) -> Sequence[int]: ...

    async def tell(self, bot: Bot, text: Callable[[], str]) -> None:
        """Send each operator chat ``text()``, rendered in that chat's language and zone."""
        ...


class ChatServices(Protocol):
    """PTB's bot_data, as the handlers see it."""

    sessions: async_sessionmaker[AsyncSession]
    throttle: CommandThrottle  # each user's commands a minute
    flows: Flows  # set-ups with buttons under way
    charts: ChartCache  # pictures already drawn, by what they show
    errors: ErrorReports  # which unexpected errors the operators are told
    conflict: bool  # another instance takes our updates: exit non-zero
    web_app_url: str  # set: the Mini App is on, at this address

    @property
    def operators(self) -> Operators: ...

    async def status_figures(self) -> StatusFigures:
        """What /status shows."""
        ...


class ChatContext(
    CallbackContext[ExtBot[None], dict[object, object], dict[object, object], ChatServices]
):
    """The context PTB gives every handler."""

    @property
    def services(self) -> ChatServices:
        return self.bot_data

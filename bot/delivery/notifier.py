"""Telling the operators: every chat in ADMIN_CHAT_IDS, each in its own language and zone.

Source notices, error reports and refused paid broadcasts all reach the operators here,
outside any conversation: each text is rendered once per operator chat, inside that chat's
audience, and a chat that cannot be reached is logged without stopping the others.
"""

import logging
from collections.abc import Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.error import TelegramError

from bot.messages.locale import ENGLISH, Audience, of_chat, speaking
from db import chats

log = logging.getLogger(__name__)


class OperatorNotifier:
    """Tells the operator chats ``chat_ids``; their languages and zones are read from the
    database at each message."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], chat_ids: Sequence[int]) -> None:
        self._sessions = sessions
        self.chat_ids = tuple(chat_ids)

    async def tell(self, bot: Bot, text: Callable[[], str]) -> None:
        """Send each operator chat ``text()``, rendered in that chat's language and zone."""
        for chat_id, audience in (await self.audiences()).items():
            with speaking(audience):
                message = text()
            try:
                await bot.send_message(chat_id, message)
            except TelegramError as error:
                log.error("could not tell operator chat %s: %s", chat_id, error)

    async def audiences(self) -> dict[int, Audience]:
        """Each operator chat's language and zone; English and UTC when the database cannot
        say (what is being told may well be the database's trouble)."""
        if not self.chat_ids:
            return {}
        try:
            async with self._sessions() as session:
                settings = await chats.settings_by_chat(session, self.chat_ids)
        except (SQLAlchemyError, OSError) as error:
            log.warning("operators' languages unknown, told in English: %s", error)
            return dict.fromkeys(self.chat_ids, ENGLISH)
        return {chat_id: of_chat(settings[chat_id]) for chat_id in self.chat_ids}

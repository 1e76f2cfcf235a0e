"""What a refusal from Telegram changes in the store, each change one transaction: a group
that became a supergroup is followed (its chat and pending rows move to the new id), a chat
that blocked the bot or is gone is deactivated, a forum topic that is gone is forgotten (its
alerts go to the general topic), and rows refused for a while go back to wait. Which refusal
calls for which is bot.delivery.outcomes'; sending again is the sender's."""

import logging
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from db import chats, outbox

log = logging.getLogger(__name__)


class Refusals:
    """The store's side of Telegram's refusals, with the sender's sessions and clock."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions, self._clock = sessions, clock

    async def follow_migration(self, chat_id: int, new_id: int) -> None:
        log.info("chat=%s became supergroup %s; following it", chat_id, new_id)
        async with self._sessions() as session, session.begin():
            await chats.migrate_chat(session, chat_id, new_id)
            await outbox.move_pending(session, chat_id, new_id, self._clock.now())

    async def deactivate(self, chat_id: int, reason: str) -> None:
        log.info("chat=%s deactivated: %s", chat_id, reason)
        async with self._sessions() as session, session.begin():
            await outbox.deactivate_chat(session, chat_id, reason, self._clock.now())

    async def forget_topic(self, chat_id: int, thread_id: int) -> None:
        log.warning("chat=%s topic %s is gone; its alerts go to the general topic",
                    chat_id, thread_id)  # fmt: skip
        async with self._sessions() as session, session.begin():
            await chats.forget_topic(session, chat_id, thread_id)

    async def retry_later(self, chat_id: int, delivery_ids: Sequence[int], reason: str) -> bool:
        """The rows wait to be tried again; False if they have been tried enough (failed)."""
        async with self._sessions() as session, session.begin():
            again = await outbox.retry_later(session, delivery_ids, reason, self._clock.now())
        if again:
            log.warning("chat=%s send failed, will retry: %s", chat_id, reason)
        else:
            log.error("chat=%s send failed for good: %s", chat_id, reason)
        return again

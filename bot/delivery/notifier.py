"""Whom the operators are: each operator chat's language and zone, for the notices, error
reports and refusals they are told of outside any conversation."""

import logging
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.messages.locale import ENGLISH, Audience, of_chat
from db import chats

log = logging.getLogger(__name__)


async def of_operators(
    sessions: async_sessionmaker[AsyncSession], chat_ids: Sequence[int]
) -> dict[int, Audience]:
    """Each operator chat's language and zone; English and UTC when the database cannot
    say (what is being told may well be the database's trouble)."""
    try:
        async with sessions() as session:
            settings = await chats.settings_by_chat(session, chat_ids)
    except (SQLAlchemyError, OSError) as error:
        log.warning("operators' languages unknown, told in English: %s", error)
        return dict.fromkeys(chat_ids, ENGLISH)
    return {chat_id: of_chat(settings[chat_id]) for chat_id in chat_ids}

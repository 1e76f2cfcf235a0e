"""Subscribing a chat as asked, whatever asked: the typed command, a button, a deep link or
the Mini App all end in subscribe_chat (db.chats.subscribe), with the same confirmation,
limits and errors. In a forum, a subscription keeps the topic it was asked in, where its
alerts go."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Message, Update

from bot import messages
from bot.chat.arguments import Subscribe
from bot.chat.services import ChatContext
from bot.chat.speech import first_contact_language
from db import chats


def topic(message: Message | None) -> int | None:
    """The forum topic a message is in; None outside forums and in the general topic."""
    if message is None or not message.is_topic_message:
        return None
    return message.message_thread_id


async def take(
    context: ChatContext, update: Update, request: Subscribe, thread_id: int | None
) -> str:
    """Subscribe the update's chat as asked, in that topic; returns what to tell the user."""
    assert update.effective_chat is not None  # commands, presses and links come from a chat
    chat = update.effective_chat
    return await subscribe_chat(
        context.services.sessions, chat.id, chat.type, first_contact_language(update), request,
        thread_id,
    )  # fmt: skip


async def subscribe_chat(
    sessions: async_sessionmaker[AsyncSession],
    chat_id: int,
    chat_type: str,
    language: str | None,
    request: Subscribe,
    thread_id: int | None = None,
) -> str:
    """Subscribe a chat as asked, whatever asked (a command, a button, a link, the Mini
    App); returns what to tell it. ``language``: the one a new chat remembers."""
    async with sessions() as session, session.begin():
        await chats.ensure_chat(session, chat_id, chat_type, language)
        try:
            replaced = await chats.subscribe(
                session, chat_id, request.category, request.max_crs, thread_id
            )
        except chats.TooManySubscriptions:
            return messages.too_many(chats.MAX_SUBSCRIPTIONS_PER_CHAT)
    return messages.subscribed(request.category, request.max_crs, replaced)

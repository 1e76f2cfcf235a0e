"""Whom the bot is talking to: each chat's language and time zone, found for an update or
an alert, and the handlers wrapped to answer in them.

A chat's language is the one it chose (/language), or for a private chat the one its user's
Telegram spoke at first contact; else each reply follows its sender's Telegram language, and
alerts (no sender) are English. A chat's zone is the one it chose (/timezone), else UTC.
"""

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.constants import ChatType

from bot.context import BotContext
from bot.messages.locale import ENGLISH, Audience, Language, of_chat, speaking
from db import chats

Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
AnyHandler = Callable[[object, BotContext], Coroutine[Any, Any, None]]
# What /language takes for each language, beside its code.
LANGUAGE_WORDS = {
    "en": Language.EN, "english": Language.EN, "anglais": Language.EN,
    "fr": Language.FR, "french": Language.FR, "francais": Language.FR, "français": Language.FR,
}  # fmt: skip


def parse_language(text: str) -> Language | None:
    return LANGUAGE_WORDS.get(text.strip().lower())


def sender_language(update: object) -> Language | None:
    """The language the sender's Telegram speaks, if it says."""
    user = update.effective_user if isinstance(update, Update) else None
    return Language.of_code(user.language_code) if user is not None else None


def first_contact_language(update: Update) -> str | None:
    """What a new chat remembers: a private chat, its user's language; a group, none (each
    member reads replies in their own until an administrator chooses)."""
    chat, language = update.effective_chat, sender_language(update)
    if chat is None or chat.type != ChatType.PRIVATE or language is None:
        return None
    return language.value


async def audience_of(update: Update, context: BotContext) -> Audience:
    chat = update.effective_chat
    if chat is None:
        return Audience(sender_language(update) or Language.EN)
    async with context.services.sessions() as session:
        settings = await chats.settings_of(session, chat.id)
    return of_chat(settings, sender_language(update))


def in_chat_language(callback: Handler) -> Handler:
    """The handler, answering in its chat's language and zone."""

    @functools.wraps(callback)
    async def speaking_to_chat(update: Update, context: BotContext) -> None:
        with speaking(await audience_of(update, context)):
            await callback(update, context)

    return speaking_to_chat


def in_sender_language(callback: AnyHandler) -> AnyHandler:
    """The handler, answering in the sender's language without reading the database: for
    the guards that run before any other, and for the error handler."""

    @functools.wraps(callback)
    async def speaking_to_sender(update: object, context: BotContext) -> None:
        language = sender_language(update)
        with speaking(Audience(language) if language else ENGLISH):
            await callback(update, context)

    return speaking_to_sender

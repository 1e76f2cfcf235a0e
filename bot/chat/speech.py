"""Whom the bot is talking to: each chat's language and time zone, found for an update or
an alert; the handlers wrapped to answer in them; /language and /timezone, which choose them.

A chat's language is the one it chose (/language), or for a private chat the one its user's
Telegram spoke at first contact; else each reply follows its sender's Telegram language, and
alerts (no sender) are English. A chat's zone is the one it chose (/timezone), else UTC.
"""

import functools
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot import messages
from bot.chat.guards import may_change_subscriptions
from bot.chat.services import ChatContext
from bot.chat.zones import ZoneNotFound, find_zone
from bot.messages.locale import ENGLISH, Audience, Language, audience, of_chat, speaking
from core.clock import utcnow
from core.limits import MAX_ARGUMENT_LENGTH
from db import chats

Handler = Callable[[Update, ChatContext], Coroutine[Any, Any, None]]
U = TypeVar("U")  # what a handler handles: an update, or anything (the error handler)

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


async def audience_of(update: Update, context: ChatContext) -> Audience:
    """The language and zone the update's chat reads (see the module's docstring)."""
    chat = update.effective_chat
    if chat is None:
        return Audience(sender_language(update) or Language.EN)
    async with context.services.sessions() as session:
        settings = await chats.settings_of(session, chat.id)
    return of_chat(settings, sender_language(update))


def in_chat_language(callback: Handler) -> Handler:
    """The handler, answering in its chat's language and zone."""

    @functools.wraps(callback)
    async def speaking_to_chat(update: Update, context: ChatContext) -> None:
        with speaking(await audience_of(update, context)):
            await callback(update, context)

    return speaking_to_chat


def in_sender_language(
    callback: Callable[[U, ChatContext], Coroutine[Any, Any, None]],
) -> Callable[[U, ChatContext], Coroutine[Any, Any, None]]:
    """The handler, answering in the sender's language without reading the database: for
    the guards that run before any other, and for the error handler."""

    @functools.wraps(callback)
    async def speaking_to_sender(update: U, context: ChatContext) -> None:
        language = sender_language(update)
        with speaking(Audience(language) if language else ENGLISH):
            await callback(update, context)

    return speaking_to_sender


async def language(update: Update, context: ChatContext) -> None:
    """/language: the chat's language; /language en|fr: choose it (in groups, admins only)."""
    chat_id, chat_type = chat_of(update)
    if not context.args:
        async with context.services.sessions() as session:
            chosen = (await chats.settings_of(session, chat_id)).language is not None
        await reply(update, messages.language_now(audience().language, chosen))
        return
    if not await may_change_subscriptions(update, context):
        await reply(update, messages.SETTINGS_ADMINS_ONLY())
        return
    text = " ".join(context.args)
    chosen_language = parse_language(text)
    if chosen_language is None:
        await reply(update, messages.unknown_language(text[:MAX_ARGUMENT_LENGTH]))
        return
    async with context.services.sessions() as session, session.begin():
        await chats.choose(session, chat_id, chat_type, language=chosen_language.value)
    with speaking(replace(audience(), language=chosen_language)):
        await reply(update, messages.language_set(chosen_language))


async def timezone(update: Update, context: ChatContext) -> None:
    """/timezone: the chat's zone; /timezone <zone or city>: choose it (in groups, admins
    only)."""
    chat_id, chat_type = chat_of(update)
    if not context.args:
        await reply(update, messages.zone_now(audience().zone, utcnow()))
        return
    if not await may_change_subscriptions(update, context):
        await reply(update, messages.SETTINGS_ADMINS_ONLY())
        return
    text = " ".join(context.args)[:MAX_ARGUMENT_LENGTH]
    found = find_zone(text)
    if isinstance(found, ZoneNotFound):
        await reply(update, messages.unknown_zone(text, found.suggestion))
        return
    async with context.services.sessions() as session, session.begin():
        await chats.choose(session, chat_id, chat_type, timezone=found.key)
    with speaking(replace(audience(), zone=found)):
        await reply(update, messages.zone_set(found, utcnow()))


def chat_of(update: Update) -> tuple[int, str]:
    """The update's chat id and type."""
    assert update.effective_chat is not None  # commands always come from a chat
    return update.effective_chat.id, update.effective_chat.type


def app_url(update: Update, context: ChatContext) -> str | None:
    """The Mini App's address, when it is on and the chat is private: Telegram opens Mini
    Apps from a message's buttons in private chats only."""
    chat, url = update.effective_chat, context.services.web_app_url
    return url if url and chat is not None and chat.type == ChatType.PRIVATE else None


async def reply(update: Update, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the message's chat (and forum topic). HTML: the application's Defaults."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(text, reply_markup=keyboard)

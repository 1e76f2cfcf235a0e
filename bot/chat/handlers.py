"""Command handlers: the welcome, /help and /app, what a chat wants (/subscribe,
/unsubscribe, /subscriptions), the operators' /status, membership and errors, and the
registration of every handler; the commands that show what the store knows are in
:mod:`bot.chat.insights`. Each reads its arguments, asks db/ for what it shows, and replies
with a text of bot.messages. No SQL, no HTML here."""

import difflib
import logging
from collections.abc import Sequence

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import Conflict, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import messages
from bot.chat import buttons, operators, setup, subscribing
from bot.chat.arguments import ArgumentError, parse_category, parse_subscribe
from bot.chat.guards import is_operator, may_change_subscriptions, throttle
from bot.chat.insights import categories, chart, history, latest, provinces, rank
from bot.chat.services import ChatContext
from bot.chat.speech import (
    app_url,
    chat_of,
    first_contact_language,
    in_chat_language,
    in_sender_language,
    language,
    reply,
    timezone,
)
from bot.chat.times import follow_request, times, unfollow
from bot.messages import webapp as app_texts
from core.times.follow import TIMES
from db import chats, draws

log = logging.getLogger(__name__)


async def start(update: Update, context: ChatContext) -> None:
    """The welcome, with a button to set up alerts; a deep link's payload subscribes."""
    chat_id, chat_type = chat_of(update)
    if context.args and await setup.follow_link(update, context):
        return
    async with context.services.sessions() as session, session.begin():
        await chats.ensure_chat(session, chat_id, chat_type, first_contact_language(update))
    await reply(update, messages.start(), buttons.begin(app_url(update, context)))


async def app(update: Update, context: ChatContext) -> None:
    """/app: a button that opens the Mini App."""
    url = app_url(update, context)
    if url:
        await reply(update, app_texts.APP(), buttons.open_app(url))
    elif context.services.web_app_url:
        await reply(update, app_texts.APP_PRIVATE_ONLY(bot=context.bot.username))
    else:
        await reply(update, app_texts.APP_OFF())


async def help_(update: Update, context: ChatContext) -> None:
    """/help: what the bot does, with examples."""
    await reply(update, messages.help_())


async def subscribe(update: Update, context: ChatContext) -> None:
    """/subscribe <category> [score], <score> or all; alone, the set-up with buttons."""
    if not await may_change_subscriptions(update, context):
        await reply(update, messages.GROUP_ADMINS_ONLY())
        return
    if not context.args and update.effective_message is not None:
        await setup.offer(update.effective_message, context)  # with buttons
        return
    args = context.args or []
    async with context.services.sessions() as session:
        try:
            if _about_times(args):
                request = await follow_request(session, args[1:])
            else:
                request = parse_subscribe(args, await draws.stored_categories(session))
        except ArgumentError as error:
            await reply(update, str(error))
            return
    thread_id = subscribing.topic(update.effective_message)
    await reply(update, await subscribing.take(context, update, request, thread_id))


def _about_times(args: Sequence[str]) -> bool:
    """/subscribe times ..., /unsubscribe times ...: the processing times, not a draw."""
    return bool(args) and args[0].lower() == TIMES


async def unsubscribe(update: Update, context: ChatContext) -> None:
    """/unsubscribe <category> or all; /unsubscribe times [program [month]]."""
    chat_id, _type = chat_of(update)
    if not await may_change_subscriptions(update, context):
        await reply(update, messages.GROUP_ADMINS_ONLY())
        return
    args = context.args or []
    async with context.services.sessions() as session, session.begin():
        if _about_times(args):
            await reply(update, await unfollow(session, chat_id, args[1:]))
            return
        try:
            category = (
                None
                if [a.lower() for a in args] == ["all"]
                else parse_category(
                    args, await draws.stored_categories(session), messages.UNSUBSCRIBE_USAGE()
                )
            )
        except ArgumentError as error:
            text = str(error)
        else:
            text = messages.unsubscribed(
                category, await chats.unsubscribe(session, chat_id, category)
            )
    await reply(update, text)


async def subscriptions(update: Update, context: ChatContext) -> None:
    """/subscriptions: the chat's subscriptions in words, a button to remove each."""
    chat_id, _type = chat_of(update)
    async with context.services.sessions() as session:
        held = await chats.subscriptions_of(session, chat_id)
    await reply(update, messages.subscription_list(held), buttons.removals(held))


async def status(update: Update, context: ChatContext) -> None:
    """/status, for the operators: chats, outbox, delivery, sources."""
    if not is_operator(update, context):
        await reply(update, messages.OPERATORS_ONLY())
        return
    await reply(update, messages.status_view(await context.services.status_figures()))


async def membership(update: Update, context: ChatContext) -> None:
    """The bot was added to or removed from a group, or blocked by a user."""
    change = update.my_chat_member
    if change is None:
        return
    chat, status = change.chat, change.new_chat_member.status
    async with context.services.sessions() as session, session.begin():
        if status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
            reason = "blocked the bot" if chat.type == ChatType.PRIVATE else "removed the bot"
            await chats.deactivate(session, chat.id, reason)
            log.info("chat=%s %s", chat.id, reason)
            return
        if chat.type == ChatType.PRIVATE:
            return  # an unblocked user gets alerts again with /start
        await chats.ensure_chat(session, chat.id, chat.type)
    was_in = change.old_chat_member.status not in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if not was_in:
        await context.bot.send_message(chat.id, messages.WELCOME_GROUP())


async def on_error(update: object, context: ChatContext) -> None:
    """Log what went wrong and tell the user, rather than leave them without an answer."""
    if isinstance(context.error, Conflict):
        log.critical(
            "another process is getting this bot's updates (Telegram answered 409 Conflict): "
            "stopping rather than fighting over them. Run one instance per token."
        )
        context.services.conflict = True
        context.application.stop_running()
        return
    log.error("handling update failed", exc_info=context.error)
    await operators.report_error(update, context)
    if isinstance(update, Update):
        try:
            await reply(update, messages.FAILED())
        except TelegramError as error:
            log.warning("could not tell the user about the failure: %s", error)


async def unknown(update: Update, context: ChatContext) -> None:
    """A command the bot does not have: say so, with the closest one it has. In a group, only
    when the command names this bot: one without a name may be meant for another bot."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not message.text:
        return
    command, _at, addressee = message.text.split()[0][1:].partition("@")
    ours = (context.bot.username or "").lower()
    if addressee.lower() != ours and (addressee or chat.type != ChatType.PRIVATE):
        return
    close = difflib.get_close_matches(command.lower(), list(messages.COMMANDS), n=1, cutoff=0.6)
    await reply(update, messages.unknown_command(command, close[0] if close else None))


def register(application: Application) -> None:
    """Every handler: the throttle first, then commands, presses, typed scores, membership."""
    handlers = {
        "start": start,
        "help": help_,
        "subscribe": subscribe,
        "unsubscribe": unsubscribe,
        "subscriptions": subscriptions,
        "latest": latest,
        "history": history,
        "rank": rank,
        "chart": chart,
        "categories": categories,
        "provinces": provinces,
        "times": times,
        "status": status,
        "share": setup.share,
        "language": language,
        "timezone": timezone,
        "app": app,
    }
    application.add_handler(TypeHandler(Update, in_sender_language(throttle)), group=-1)
    for name, callback in handlers.items():
        application.add_handler(CommandHandler(name, in_chat_language(callback)))
    # after the commands it has, in their group: only what none of them took
    application.add_handler(
        MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGES, in_chat_language(unknown))
    )
    # every press is answered
    application.add_handler(CallbackQueryHandler(in_chat_language(setup.pressed)))
    typed = filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(typed, in_chat_language(setup.typed_score)))
    application.add_handler(
        ChatMemberHandler(in_chat_language(membership), ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_error_handler(in_sender_language(on_error))

"""What only the operators get: /status in their command menu, and unexpected errors."""

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot import messages
from bot.chat import errors
from bot.chat.services import ChatContext
from bot.messages import reports as texts
from bot.messages.locale import Audience, Language, speaking

log = logging.getLogger(__name__)

# The menu in each language: English for every language Telegram has no menu for.
MENU_LANGUAGES = {Language.EN: None, Language.FR: "fr"}
APP = "app"  # the command that opens the Mini App


def menu(language: Language, *, operators: bool = False, app: bool = True) -> list[BotCommand]:
    """The command menu, described in a language; the operators' has /status too, and /app
    is in it only where the Mini App is served (``app``)."""
    items = {**messages.COMMANDS, **(texts.OPERATOR_COMMANDS if operators else {})}
    with speaking(Audience(language)):
        return [BotCommand(name, about()) for name, about in items.items() if app or name != APP]


async def register_menus(bot: Bot, chat_ids: list[int], *, app: bool) -> None:
    """Everyone's menu in each language, and in each operators' chat the same with /status;
    /app only when the Mini App is served (``app``). A chat the bot cannot reach (not
    started yet, say) keeps the ordinary menu, and the log says so."""
    for language, code in MENU_LANGUAGES.items():
        await bot.set_my_commands(menu(language, app=app), language_code=code)
    for chat_id in chat_ids:
        try:
            for language, code in MENU_LANGUAGES.items():
                await bot.set_my_commands(
                    menu(language, operators=True, app=app),
                    scope=BotCommandScopeChat(chat_id),
                    language_code=code,
                )
        except TelegramError as error:
            log.warning("could not set the operators' menu in chat %s: %s", chat_id, error)


async def report_error(update: object, context: ChatContext) -> None:
    """Tell the operators about an unexpected error (see bot.chat.errors), at most once a minute."""
    error = context.error
    if error is None or errors.expected(error):
        return
    more = context.services.errors.tell()
    if more is None:
        log.info("error not told to the operators (one report a minute): %r", error)
        return
    job = context.job
    await context.services.operators.tell(
        context.bot, lambda: errors.report(error, update, job, more)
    )

"""Who may do what, and how often: group administrators, operators, command floods."""

import time

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ApplicationHandlerStop

from bot import messages
from bot.chat.services import ChatContext
from core.limits import Verdict


async def throttle(update: Update, context: ChatContext) -> None:
    """Runs before every handler: a user over the limit is answered once, then ignored.
    Commands and button presses count alike; a press over the limit is told in the
    press's answer, as a press gets no message."""
    user, message, query = update.effective_user, update.effective_message, update.callback_query
    pressed = query is not None
    typed = message is not None and (message.text or "").startswith("/")
    if user is None or not (typed or pressed):
        return
    verdict = context.services.throttle.check(user.id, time.monotonic())
    if verdict is Verdict.OK:
        return
    if verdict is Verdict.WARN:
        if query is not None:
            await query.answer(messages.TOO_FAST())
        elif message is not None:
            await message.reply_text(messages.TOO_FAST())
    raise ApplicationHandlerStop


async def may_change_subscriptions(update: Update, context: ChatContext) -> bool:
    """Anyone in a private chat; in a group, its administrators (anonymous ones too)."""
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    sender_chat = message.sender_chat if message is not None else None
    if sender_chat is not None and sender_chat.id == chat.id:
        return True  # an anonymous administrator posts as the group itself
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def is_operator(update: Update, context: ChatContext) -> bool:
    """Whether the update comes from an operator chat (ADMIN_CHAT_IDS)."""
    chat = update.effective_chat
    return chat is not None and chat.id in context.services.operators.chat_ids

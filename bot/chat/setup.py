"""Setting up alerts with buttons, or in one tap with a deep link; /share gives the links.

Every way ends in the same call as the typed command (db.chats.subscribe), with the same
confirmation, limits and errors. A press is read like typed input (bot.chat.buttons) and
checked against the set-up under way (bot.chat.flows): a refused one gets a short answer and
changes nothing. In a group only administrators may press, as only they may type the
commands. Every press is answered: Telegram shows a spinner until then.

In a forum, everything stays in the topic it was asked in: replies to a message go to its
topic (python-telegram-bot's reply_text does that for topic messages), and a subscription
keeps its topic, where its alerts go.
"""

import logging
import secrets
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, ForceReply, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot import messages
from bot.chat import buttons, links
from bot.chat.arguments import ArgumentError, Subscribe
from bot.chat.buttons import Action, Press, Refusal, Refused
from bot.chat.flows import Flow, Step
from bot.chat.guards import may_change_subscriptions
from bot.chat.services import ChatContext
from bot.chat.subscribing import take, topic
from bot.chat.times import follow_request
from bot.messages import setup as texts
from core.categories import ALL, in_order
from core.limits import MAX_ARGUMENT_LENGTH
from core.provinces.values import PROVINCES, province_of_key
from core.scores import RECENT, read_score, score_choices
from core.times.follow import TIMES, Followed, followed
from db import chats, draws

log = logging.getLogger(__name__)


async def offer(message: Message, context: ChatContext) -> None:
    """A keyboard of categories (in /categories' order), then the provinces with stored
    draws, under a new message that the set-up then edits."""
    async with context.services.sessions() as session:
        stored = await draws.stored_categories(session)
    provinces = sorted(key for key in stored if key in PROVINCES)
    keys = [*in_order(key for key in stored if province_of_key(key) is None), *provinces, TIMES]
    token = secrets.token_hex(4)
    sent = await message.reply_text(
        texts.PICK_CATEGORY(), reply_markup=buttons.categories(token, keys)
    )
    context.services.flows.begin(sent.chat_id, sent.message_id, token)


async def pressed(update: Update, context: ChatContext) -> None:
    """A button was pressed: act on it, or refuse it; answer it either way."""
    query = update.callback_query
    assert query is not None  # a CallbackQueryHandler's update
    answer: str | None = texts.FAILED()
    try:
        answer = await _act(update, query, context)
    except Refused as refused:
        answer = buttons.answer(refused.reason)
        log.info(
            "button refused (%s): %r",
            refused.reason.value,
            (query.data or "")[:MAX_ARGUMENT_LENGTH],
        )
    finally:
        await query.answer(answer)


async def _act(update: Update, query: CallbackQuery, context: ChatContext) -> str | None:
    message = query.message
    if not isinstance(message, Message):
        raise Refused(Refusal.OUT_OF_DATE)  # too old for the bot to see (or edit) it
    async with context.services.sessions() as session:
        press = buttons.parse_press(query.data, await draws.stored_categories(session))
    if not await may_change_subscriptions(update, context):
        raise Refused(Refusal.ADMINS_ONLY)
    return await _ACTIONS[press.action](press, message, update, context)


Act = Callable[[Press, Message, Update, ChatContext], Awaitable[str | None]]


async def _begin(press: Press, message: Message, update: Update, context: ChatContext) -> None:
    """Set up alerts (under /start's answer): the category keyboard."""
    await offer(message, context)


def _flow(context: ChatContext, message: Message, press: Press, step: Step | None) -> Flow:
    flow = context.services.flows.current(message.chat_id, message.message_id, press.flow, step)
    if flow is None:
        raise Refused(Refusal.OUT_OF_DATE)
    return flow


async def _category(press: Press, message: Message, update: Update, context: ChatContext) -> None:
    """A category chosen: the score keyboard, around its recent cut-offs. The processing
    times have no score: straight to the confirmation."""
    assert press.category is not None  # parse_press reads one
    if press.category == TIMES:
        flow = _flow(context, message, press, Step.CATEGORY)
        flow.category, flow.score = TIMES, None
        token = context.services.flows.advance(flow, Step.CONFIRM)
        await _show(message, _confirmation(flow), buttons.confirm(token))
        return
    category = None if press.category == ALL else press.category
    async with context.services.sessions() as session:
        recent = await draws.latest_draws(session, category, RECENT)
    choices = score_choices([draw.crs for draw in recent])
    # checked and moved on with no wait between: of two quick taps, one goes through
    flow = _flow(context, message, press, Step.CATEGORY)
    flow.category = press.category
    token = context.services.flows.advance(flow, Step.SCORE)
    await _show(message, texts.pick_score(press.category), buttons.scores(token, choices))


async def _score(press: Press, message: Message, update: Update, context: ChatContext) -> None:
    """A score chosen (or any): the confirmation."""
    flow = _flow(context, message, press, Step.SCORE)
    flow.score = press.score
    token = context.services.flows.advance(flow, Step.CONFIRM)
    await _show(message, _confirmation(flow), buttons.confirm(token))


def _confirmation(flow: Flow) -> str:
    assert flow.category is not None  # chosen at the first step
    return texts.confirm(flow.category, flow.score)


async def _own_score(press: Press, message: Message, update: Update, context: ChatContext) -> None:
    """The user's next number in this chat is the score. In a group the bot may see only
    replies to its messages, so it asks with a ForceReply there."""
    flow = _flow(context, message, press, Step.SCORE)
    assert update.effective_user is not None  # a press has a user
    token = context.services.flows.wait_for_score(flow, update.effective_user.id)
    await _show(message, texts.type_score(), buttons.cancel_only(token))
    if message.chat.type != ChatType.PRIVATE:
        await message.reply_text(texts.type_score(), reply_markup=ForceReply())


async def _confirm(press: Press, message: Message, update: Update, context: ChatContext) -> None:
    """Confirm: the same subscription as the typed command, with the same answer."""
    flow = _flow(context, message, press, Step.CONFIRM)
    assert flow.category is not None  # chosen at the first step
    context.services.flows.end(flow)
    request = Subscribe(flow.category, flow.score)
    said = await take(context, update, request, topic(message))
    await _show(message, said, None)


async def _cancel(press: Press, message: Message, update: Update, context: ChatContext) -> None:
    """Cancel: the set-up ends, nothing stored."""
    context.services.flows.end(_flow(context, message, press, None))
    await _show(message, texts.CANCELLED(), None)


async def _follow(press: Press, message: Message, update: Update, context: ChatContext) -> str:
    """Follow (under /times): the same subscription as /subscribe times ..., its
    confirmation sent as a reply."""
    follows = followed(press.category or "")
    assert follows is not None  # parse_press reads a times key
    async with context.services.sessions() as session:
        try:  # a program or a month the newest edition no longer lists
            request = await follow_request(session, _words(follows))
        except ArgumentError as error:
            raise Refused(Refusal.TIMES_GONE) from error
    said = await take(context, update, request, topic(message))
    await message.reply_text(said)
    return texts.FOLLOWING()


def _words(follows: Followed) -> list[str]:
    """What /subscribe times would be sent after "times" to follow the same."""
    return [word for word in (follows.program, follows.month) if word is not None]


async def _remove(press: Press, message: Message, update: Update, context: ChatContext) -> str:
    """Remove (under /subscriptions): that subscription goes, the list is edited."""
    assert press.category is not None  # parse_press reads one
    async with context.services.sessions() as session, session.begin():
        if not await chats.unsubscribe(session, message.chat_id, press.category):
            raise Refused(Refusal.ALREADY_REMOVED)
        left = await chats.subscriptions_of(session, message.chat_id)
        text, keyboard = messages.subscription_list(left), buttons.removals(left)
    await _show(message, text, keyboard)
    return texts.REMOVED()


_ACTIONS: dict[Action, Act] = {
    Action.BEGIN: _begin,
    Action.CATEGORY: _category,
    Action.SCORE: _score,
    Action.OWN_SCORE: _own_score,
    Action.CONFIRM: _confirm,
    Action.CANCEL: _cancel,
    Action.REMOVE: _remove,
    Action.FOLLOW: _follow,
}


async def _show(message: Message, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """The set-up's message, edited to its next step (no keyboard: the set-up is over)."""
    await message.edit_text(text, reply_markup=keyboard)


async def typed_score(update: Update, context: ChatContext) -> None:
    """A message that is not a command: the score, if its sender was asked to type one."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or not message.text:
        return
    flows = context.services.flows
    flow = flows.typing(message.chat_id, user.id)
    if flow is None:
        return  # a message for someone else: the bot has nothing to say to it
    text = message.text.strip()
    score = read_score(text)
    if score is None:
        await message.reply_text(messages.bad_score(text[:MAX_ARGUMENT_LENGTH]))
        return
    flow.score = score
    token = flows.advance(flow, Step.CONFIRM)
    try:
        await context.bot.edit_message_text(
            _confirmation(flow), flow.chat_id, flow.message_id,
            reply_markup=buttons.confirm(token),
        )  # fmt: skip
    except BadRequest as error:  # the set-up's message was deleted
        log.info("chat=%s set-up message gone: %s", flow.chat_id, error.message)
        flows.end(flow)
        await message.reply_text(texts.OUT_OF_DATE())


async def follow_link(update: Update, context: ChatContext) -> bool:
    """/start with a deep link's payload: subscribe as it says. False when the payload is
    not a subscription (the caller then welcomes as usual)."""
    message, chat = update.effective_message, update.effective_chat
    args = context.args or []
    if message is None or chat is None or len(args) != 1:
        return False
    async with context.services.sessions() as session:
        if (follows := followed(args[0])) is not None:  # checked as /subscribe times is
            try:
                request: Subscribe | None = await follow_request(session, _words(follows))
            except ArgumentError as error:
                await message.reply_text(str(error))
                return True
        else:
            request = links.parse_payload(args[0], await draws.stored_categories(session))
    if request is None:
        log.info("chat=%s start payload not understood: %r", chat.id, args[0][:MAX_ARGUMENT_LENGTH])
        return False
    if not await may_change_subscriptions(update, context):
        await message.reply_text(messages.GROUP_ADMINS_ONLY())
        return True
    await message.reply_text(await take(context, update, request, topic(message)))
    return True


async def share(update: Update, context: ChatContext) -> None:
    """Links that set up this chat's subscriptions in one tap, to pass on."""
    message = update.effective_message
    if message is None:
        return
    username = context.bot.username
    async with context.services.sessions() as session:
        held = await chats.subscriptions_of(session, message.chat_id)
    found = [(sub, links.payload(sub.category, sub.max_crs)) for sub in held]
    shared = [(sub, links.link(username, start)) for sub, start in found if start]
    await message.reply_text(texts.share(shared, links.link(username)))

"""Chats and their subscriptions. The caller owns the transaction."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Chat, Subscription

MAX_SUBSCRIPTIONS_PER_CHAT = 10


class TooManySubscriptions(Exception):
    """The chat already holds the most subscriptions one chat may have."""


async def ensure_chat(
    session: AsyncSession, chat_id: int, chat_type: str, language: str | None = None
) -> Chat:
    """The chat's row, created on first contact and reactivated if it had been deactivated.
    ``language``: the one to remember on first contact (a private chat's user's language);
    a chosen or remembered one is kept."""
    chat = await session.get(Chat, chat_id)
    if chat is None:
        chat = Chat(id=chat_id, type=chat_type, active=True, language=language)
        session.add(chat)
    elif not chat.active:
        chat.active, chat.inactive_reason = True, None
    if chat.language is None:
        chat.language = language  # a chat from before languages were kept: its first contact
    return chat


@dataclass(frozen=True)
class ChatSettings:
    """How a chat reads: its language and time zone, None where it has not chosen."""

    language: str | None = None
    timezone: str | None = None


async def settings_by_chat(
    session: AsyncSession, chat_ids: Sequence[int]
) -> defaultdict[int, ChatSettings]:
    """The settings of each of these chats, in one query (none chosen for a chat not found)."""
    found: defaultdict[int, ChatSettings] = defaultdict(ChatSettings)
    query = select(Chat.id, Chat.language, Chat.timezone).where(Chat.id.in_(chat_ids))
    for chat_id, language, timezone in await session.execute(query):
        found[chat_id] = ChatSettings(language, timezone)
    return found


async def settings_of(session: AsyncSession, chat_id: int) -> ChatSettings:
    """The chat's settings; a chat never seen has none chosen."""
    return (await settings_by_chat(session, [chat_id]))[chat_id]


async def choose(
    session: AsyncSession,
    chat_id: int,
    chat_type: str,
    *,
    language: str | None = None,
    timezone: str | None = None,
) -> None:
    """Store what a chat chose: its language, its time zone (its row made if new)."""
    chat = await ensure_chat(session, chat_id, chat_type)
    if language is not None:
        chat.language = language
    if timezone is not None:
        chat.timezone = timezone


async def subscribe(
    session: AsyncSession,
    chat_id: int,
    category: str,
    max_crs: int | None,
    thread_id: int | None = None,
) -> Subscription | None:
    """Add or replace the chat's subscription to a category; returns the one it replaced.
    ``thread_id``: the forum topic it was made in, where its alerts go (a replaced one
    moves to the topic it was made in again).

    Raises TooManySubscriptions when adding would exceed the cap (replacing never does).
    """
    existing = await session.scalar(
        select(Subscription).where(
            Subscription.chat_id == chat_id, Subscription.category == category
        )
    )
    if existing is not None:
        replaced = Subscription(chat_id=chat_id, category=category, max_crs=existing.max_crs)
        existing.max_crs, existing.thread_id = max_crs, thread_id
        return replaced
    count = await session.scalar(
        select(func.count()).select_from(Subscription).where(Subscription.chat_id == chat_id)
    )
    if (count or 0) >= MAX_SUBSCRIPTIONS_PER_CHAT:
        raise TooManySubscriptions
    session.add(
        Subscription(chat_id=chat_id, category=category, max_crs=max_crs, thread_id=thread_id)
    )
    return None


async def unsubscribe(session: AsyncSession, chat_id: int, category: str | None) -> int:
    """Remove the chat's subscription to a category, or all of them (None); returns how many."""
    query = delete(Subscription).where(Subscription.chat_id == chat_id)
    if category is not None:
        query = query.where(Subscription.category == category)
    result = await session.execute(query)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def forget_topic(session: AsyncSession, chat_id: int, thread_id: int) -> None:
    """The forum topic was deleted: its subscriptions' alerts go to the general topic."""
    await session.execute(
        update(Subscription)
        .where(Subscription.chat_id == chat_id, Subscription.thread_id == thread_id)
        .values(thread_id=None)
    )


async def subscriptions_of(session: AsyncSession, chat_id: int) -> Sequence[Subscription]:
    query = select(Subscription).where(Subscription.chat_id == chat_id)
    return (await session.scalars(query.order_by(Subscription.category))).all()


async def subscriptions_by_chat(
    session: AsyncSession, chat_ids: Sequence[int]
) -> defaultdict[int, list[Subscription]]:
    """The subscriptions of each of these chats (an empty list for a chat that has none)."""
    found: defaultdict[int, list[Subscription]] = defaultdict(list)
    query = select(Subscription).where(Subscription.chat_id.in_(chat_ids))
    for subscription in await session.scalars(query):
        found[subscription.chat_id].append(subscription)
    return found


async def migrate_chat(session: AsyncSession, old_id: int, new_id: int) -> None:
    """A group became a supergroup with a new id: its subscriptions move there (where the
    new chat has none of that category) and the old id is retired."""
    if await session.get(Chat, new_id) is None:
        session.add(Chat(id=new_id, type="supergroup", active=True))
        await session.flush()
    taken = select(Subscription.category).where(Subscription.chat_id == new_id)
    await session.execute(
        update(Subscription)
        .where(Subscription.chat_id == old_id, Subscription.category.not_in(taken))
        .values(chat_id=new_id)
    )
    await session.execute(delete(Subscription).where(Subscription.chat_id == old_id))
    await session.execute(
        update(Chat)
        .where(Chat.id == old_id)
        .values(active=False, inactive_reason=f"migrated to supergroup {new_id}")
    )


async def deactivate(session: AsyncSession, chat_id: int, reason: str) -> None:
    """The bot was blocked, or removed from the group: keep the subscriptions, stop sending."""
    await session.execute(
        update(Chat).where(Chat.id == chat_id).values(active=False, inactive_reason=reason[:200])
    )


@dataclass(frozen=True)
class ChatCounts:
    active: int
    inactive: int
    subscribed: int  # active chats with at least one subscription
    subscriptions: int


async def chat_counts(session: AsyncSession) -> ChatCounts:
    by_state = dict(
        (await session.execute(select(Chat.active, func.count()).group_by(Chat.active))).all()
    )
    subscribed = (
        select(func.count(func.distinct(Subscription.chat_id)))
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(Chat.active)
    )
    return ChatCounts(
        active=by_state.get(True, 0),
        inactive=by_state.get(False, 0),
        subscribed=int(await session.scalar(subscribed) or 0),
        subscriptions=int(await session.scalar(select(func.count(Subscription.id))) or 0),
    )

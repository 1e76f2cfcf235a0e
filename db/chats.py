"""Chats and their subscriptions. The caller owns the transaction."""

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Chat, Subscription

MAX_SUBSCRIPTIONS_PER_CHAT = 10


class TooManySubscriptions(Exception):
    """The chat already holds the most subscriptions one chat may have."""


async def ensure_chat(session: AsyncSession, chat_id: int, chat_type: str) -> Chat:
    """The chat's row, created on first contact and reactivated if it had been deactivated."""
    chat = await session.get(Chat, chat_id)
    if chat is None:
        chat = Chat(id=chat_id, type=chat_type, active=True)
        session.add(chat)
    elif not chat.active:
        chat.active, chat.inactive_reason = True, None
    return chat


async def subscribe(
    session: AsyncSession, chat_id: int, category: str, max_crs: int | None
) -> Subscription | None:
    """Add or replace the chat's subscription to a category; returns the one it replaced.

    Raises TooManySubscriptions when adding would exceed the cap (replacing never does).
    """
    existing = await session.scalar(
        select(Subscription).where(
            Subscription.chat_id == chat_id, Subscription.category == category
        )
    )
    if existing is not None:
        replaced = Subscription(chat_id=chat_id, category=category, max_crs=existing.max_crs)
        existing.max_crs = max_crs
        return replaced
    count = await session.scalar(
        select(func.count()).select_from(Subscription).where(Subscription.chat_id == chat_id)
    )
    if (count or 0) >= MAX_SUBSCRIPTIONS_PER_CHAT:
        raise TooManySubscriptions
    session.add(Subscription(chat_id=chat_id, category=category, max_crs=max_crs))
    return None


async def unsubscribe(session: AsyncSession, chat_id: int, category: str | None) -> int:
    """Remove the chat's subscription to a category, or all of them (None); returns how many."""
    query = delete(Subscription).where(Subscription.chat_id == chat_id)
    if category is not None:
        query = query.where(Subscription.category == category)
    result = await session.execute(query)
    return int(result.rowcount)  # type: ignore[attr-defined]


async def subscriptions_of(session: AsyncSession, chat_id: int) -> Sequence[Subscription]:
    query = select(Subscription).where(Subscription.chat_id == chat_id)
    return (await session.scalars(query.order_by(Subscription.category))).all()

"""Word of what an edition of the processing times changed: for each chat owed it, the
changes its current ``times`` subscriptions follow, in its language. A chat that no longer
follows any of them is owed nothing (the row is skipped, as an unwanted draw's is)."""

from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import times as texts
from bot.messages.locale import of_chat, speaking
from core.times.follow import Changes, Followed, followed, told
from db import times
from db.chats import ChatSettings
from db.models import Delivery, Subscription, TimesEdition


async def edition_changes(
    session: AsyncSession, edition_ids: Sequence[int]
) -> dict[int, tuple[TimesEdition, Changes]]:
    """Each edition with what it changed since the edition before it."""
    found = {}
    for edition_id in edition_ids:
        edition = await session.get(TimesEdition, edition_id)
        changed = await times.changes_since_before(session, edition_id)
        if edition is not None and changed is not None:
            found[edition_id] = (edition, changed)
    return found


def following(subscriptions: Sequence[Subscription]) -> list[tuple[Subscription, Followed]]:
    """The chat's ``times`` subscriptions, oldest first, with what each follows."""
    found = []
    for subscription in sorted(subscriptions, key=lambda sub: sub.id):
        follows = followed(subscription.category)
        if follows is not None:
            found.append((subscription, follows))
    return found


def notice(
    delivery: Delivery,
    subscriptions: Sequence[Subscription],
    editions: Mapping[int, tuple[TimesEdition, Changes]],
    settings: ChatSettings,
    rendered: dict[tuple[object, ...], str],
) -> tuple[str, list[Subscription]] | None:
    """The message a row owes its chat, and the subscriptions it answers; None when the
    chat follows none of the edition's changes now. Chats that follow alike and read
    alike share one rendering (``rendered``)."""
    assert delivery.edition_id is not None  # a row about the processing times
    if delivery.edition_id not in editions:
        return None
    edition, changed = editions[delivery.edition_id]
    held = following(subscriptions)
    told_now = told([follows for _sub, follows in held], changed)
    if not told_now:
        return None
    audience = of_chat(settings)
    key = (audience, edition.id, *[(change.program, change.month) for change in told_now])
    if key not in rendered:
        with speaking(audience):
            rendered[key] = texts.changes_notice(edition.date, edition.published, told_now)
    answered = [sub for sub, follows in held if told([follows], changed)]
    return rendered[key], answered

"""Turning outbox rows into messages: one per chat, from its current subscriptions, in its
language and time zone. Chats owed the same draws with the same scores, who read alike,
share one rendering: a fan-out renders each kind of message once. A row about the
processing times is a message of its own (bot.delivery.changes). A chat that refuses our
HTML gets the same text without its markup (as_plain_text)."""

import html
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot import messages
from bot.delivery import changes
from bot.messages.locale import of_chat, speaking
from core.matching import matches
from core.trends import CutoffContext
from db import chats, corrections, outbox, reports
from db.draws import previous_and_context
from db.models import Delivery, Draw, Subscription


@dataclass
class ChatAlert:
    """Pending rows of one chat, turned into one message."""

    chat_id: int
    delivery_ids: list[int]
    text: str
    thread_id: int | None = None  # the forum topic it goes to (None: the chat itself)


@dataclass
class Batch:
    alerts: list[ChatAlert]
    unwanted: list[int]  # rows whose chat no longer subscribes to their draw
    last_id: int
    waiting: list[int] = field(default_factory=list)  # corrections of alerts on their way
    unalerted: list[int] = field(default_factory=list)  # corrections of alerts never sent


@dataclass
class _Readers:
    """What a batch's chats read: their subscriptions and settings, and the texts already
    rendered, by what they say and to whom (chats that read alike share one)."""

    subscriptions: dict[int, list[Subscription]]
    settings: dict[int, chats.ChatSettings]
    rendered: dict[tuple[object, ...], str] = field(default_factory=dict)


async def compose(session: AsyncSession, rows: Sequence[tuple[Delivery, Draw | None]]) -> Batch:
    """Group rows by chat and write each chat's message from its current subscriptions."""
    about_draws = [(delivery, draw) for delivery, draw in rows if draw is not None]
    about_times = [delivery for delivery, draw in rows if draw is None]
    chat_ids = list({delivery.chat_id for delivery, _draw in rows})
    readers = _Readers(
        await chats.subscriptions_by_chat(session, chat_ids),
        await chats.settings_by_chat(session, chat_ids),
    )
    batch = Batch(alerts=[], unwanted=[], last_id=rows[-1][0].id)
    await _times_notices(session, about_times, readers, batch)
    await _draw_alerts(session, about_draws, readers, batch)
    return batch


async def _times_notices(
    session: AsyncSession, rows: Sequence[Delivery], readers: _Readers, batch: Batch
) -> None:
    """Each row about the processing times, a message of its own (or unwanted)."""
    editions = await changes.edition_changes(
        session, sorted({row.edition_id for row in rows if row.edition_id is not None})
    )
    for delivery in rows:
        chat_id = delivery.chat_id
        owed = changes.notice(
            delivery, readers.subscriptions[chat_id], editions, readers.settings[chat_id],
            readers.rendered,
        )  # fmt: skip
        if owed is None:
            batch.unwanted.append(delivery.id)
        else:
            text, answered = owed
            batch.alerts.append(ChatAlert(chat_id, [delivery.id], text, topic_of(answered)))


@dataclass
class _DrawsOwed:
    """What the rows about draws need beside the draws: the articles of those not confirmed,
    what became of the alerts their corrections correct, each draw's previous one and
    context (read once)."""

    sources: dict[int, list[str]]
    alerts: dict[tuple[int | None, int], str]
    earlier: dict[int, tuple[Draw | None, CutoffContext | None]] = field(default_factory=dict)


async def _draw_alerts(
    session: AsyncSession, rows: Sequence[tuple[Delivery, Draw]], readers: _Readers, batch: Batch
) -> None:
    """One message a chat for the rows about draws, in the order the draws were held."""
    by_chat: dict[int, list[tuple[Delivery, Draw]]] = defaultdict(list)
    for delivery, draw in sorted(rows, key=lambda row: (row[1].date or date.min, row[1].id)):
        by_chat[delivery.chat_id].append((delivery, draw))
    unconfirmed = [draw.id for _delivery, draw in rows if not draw.confirmed]
    corrections_owed = [delivery for delivery, _draw in rows if delivery.kind == outbox.CORRECTION]
    owed = _DrawsOwed(
        await reports.links(session, unconfirmed) if unconfirmed else {},
        await outbox.alert_outcomes(session, corrections_owed),
    )
    for chat_id, chat_rows in by_chat.items():
        alert = await _chat_alert(session, chat_id, chat_rows, readers, owed, batch)
        if alert is not None:
            batch.alerts.append(alert)


async def _chat_alert(
    session: AsyncSession,
    chat_id: int,
    rows: Sequence[tuple[Delivery, Draw]],
    readers: _Readers,
    owed: _DrawsOwed,
    batch: Batch,
) -> ChatAlert | None:
    """One chat's message about its draws; None if it wants none of them (or is owed only
    corrections of alerts not sent)."""
    notices, ids, seen, matched = [], [], [], []
    for delivery, draw in rows:
        if delivery.kind == outbox.CORRECTION and not _alert_sent(delivery, owed.alerts, batch):
            continue
        wanted = _wanted(readers.subscriptions[chat_id], draw, delivery.kind)
        if wanted is None:
            batch.unwanted.append(delivery.id)
            continue
        matched.extend(wanted)
        scores = [sub.max_crs for sub in wanted if sub.max_crs is not None]
        if draw.id not in owed.earlier:
            owed.earlier[draw.id] = await previous_and_context(session, draw)
        previous, context = owed.earlier[draw.id]
        correction = delivery.kind == outbox.CORRECTION
        notices.append(messages.Notice(
            draw, previous, scores, owed.sources.get(draw.id, ()),
            corrections.corrections_of(delivery) if correction else None, context,
        ))  # fmt: skip
        ids.append(delivery.id)
        seen.append((draw.id, delivery.kind, delivery.detail, tuple(scores)))
    if not notices:
        return None
    audience = of_chat(readers.settings[chat_id])
    key = (audience, *seen)
    if key not in readers.rendered:
        with speaking(audience):
            readers.rendered[key] = messages.alert(notices)
    return ChatAlert(chat_id, ids, readers.rendered[key], topic_of(matched))


def _alert_sent(
    correction: Delivery, alerts: dict[tuple[int | None, int], str], batch: Batch
) -> bool:
    """Whether the alert the correction corrects was sent. One still on its way (its
    figures were written before they changed) is waited for; one never sent owes none."""
    outcome = alerts.get((correction.draw_id, correction.chat_id), outbox.SENT)
    if outcome == outbox.PENDING:
        batch.waiting.append(correction.id)
    elif outcome != outbox.SENT:
        batch.unalerted.append(correction.id)
    return outcome == outbox.SENT


def topic_of(matched: list[Subscription]) -> int | None:
    """The forum topic of a chat's message: that of the earliest subscription it answers.
    A chat gets one message however many of its subscriptions match, so one topic."""
    return min(matched, key=lambda sub: sub.id).thread_id if matched else None


def _wanted(subscriptions: list[Subscription], draw: Draw, kind: str) -> list[Subscription] | None:
    """The subscriptions the draw answers; None if the chat no longer wants it.

    An alert goes to subscriptions that match the draw; a correction goes to every chat
    that got the alert, with the scores of its subscriptions to the draw's category.
    """
    correction = kind == outbox.CORRECTION
    wanted = [
        sub for sub in subscriptions
        if matches(
            sub.category, None if correction else sub.max_crs, draw.category, draw.crs,
            draw.province,
        )
    ]  # fmt: skip
    if not wanted and not correction:
        return None
    return wanted


_TAG = re.compile(r"<[^>]*>")


def as_plain_text(text: str) -> str:
    """The same message without its markup, for a chat that refused the HTML. Our markup is
    a few simple tags around escaped text, so dropping the tags and decoding is exact."""
    return html.unescape(_TAG.sub("", text))

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


async def compose(session: AsyncSession, rows: Sequence[tuple[Delivery, Draw | None]]) -> Batch:
    """Group rows by chat and write each chat's message from its current subscriptions."""
    about_draws = [(delivery, draw) for delivery, draw in rows if draw is not None]
    about_times = [delivery for delivery, draw in rows if draw is None]
    by_chat: dict[int, list[tuple[Delivery, Draw]]] = defaultdict(list)
    for delivery, draw in sorted(about_draws, key=lambda row: (row[1].date or date.min, row[1].id)):
        by_chat[delivery.chat_id].append((delivery, draw))
    chat_ids = list({delivery.chat_id for delivery, _draw in rows})
    subscriptions = await chats.subscriptions_by_chat(session, chat_ids)
    settings = await chats.settings_by_chat(session, chat_ids)
    rendered: dict[tuple[object, ...], str] = {}  # chats that read alike share one rendering
    unconfirmed = [draw.id for _delivery, draw in about_draws if not draw.confirmed]
    sources = await reports.links(session, unconfirmed) if unconfirmed else {}
    earlier: dict[int, tuple[Draw | None, CutoffContext | None]] = {}
    batch = Batch(alerts=[], unwanted=[], last_id=rows[-1][0].id)
    editions = await changes.edition_changes(
        session, sorted({row.edition_id for row in about_times if row.edition_id is not None})
    )
    for delivery in about_times:
        owed = changes.notice(
            delivery, subscriptions[delivery.chat_id], editions, settings[delivery.chat_id],
            rendered,
        )  # fmt: skip
        if owed is None:
            batch.unwanted.append(delivery.id)
        else:
            text, answered = owed
            batch.alerts.append(
                ChatAlert(delivery.chat_id, [delivery.id], text, topic_of(answered))
            )
    alerts = await outbox.alert_outcomes(
        session, [delivery for delivery, _draw in about_draws if delivery.kind == outbox.CORRECTION]
    )
    for chat_id, chat_rows in by_chat.items():
        notices, ids, seen, matched = [], [], [], []
        for delivery, draw in chat_rows:
            if delivery.kind == outbox.CORRECTION and not _alert_sent(delivery, alerts, batch):
                continue
            wanted = _wanted(subscriptions[chat_id], draw, delivery.kind)
            if wanted is None:
                batch.unwanted.append(delivery.id)
                continue
            matched.extend(wanted)
            scores = [sub.max_crs for sub in wanted if sub.max_crs is not None]
            if draw.id not in earlier:
                earlier[draw.id] = await previous_and_context(session, draw)
            previous, context = earlier[draw.id]
            notices.append(
                messages.Notice(
                    draw,
                    previous,
                    scores,
                    sources.get(draw.id, ()),
                    corrections.corrections_of(delivery)
                    if delivery.kind == outbox.CORRECTION
                    else None,
                    context,
                )
            )
            ids.append(delivery.id)
            seen.append((draw.id, delivery.kind, delivery.detail, tuple(scores)))
        if notices:
            audience = of_chat(settings[chat_id])
            key = (audience, *seen)
            if key not in rendered:
                with speaking(audience):
                    rendered[key] = messages.alert(notices)
            batch.alerts.append(ChatAlert(chat_id, ids, rendered[key], topic_of(matched)))
    return batch


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

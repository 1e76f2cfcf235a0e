"""The figures of the operators' view (/status): chats, outbox, delivery rate, flood waits,
paid broadcasts, sources. bot.messages words them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.context import Services
from core.clock import utcnow
from core.health import SourceHealth
from core.schedule import DrawWindow
from core.sending import DeliveryReport, FloodWait
from db import chats, outbox, sources
from db.chats import ChatCounts
from db.models import SourceState


async def figures(services: Services) -> "StatusFigures":
    async with services.sessions() as session:
        chat_counts = await chats.chat_counts(session)
        box = await outbox.counts(session, utcnow())
        paid = await outbox.paid_messages(session)
        states = {state.key: state for state in await sources.all_states(session)}
    sender, schedule = services.sender, services.schedule
    return StatusFigures(
        chats=chat_counts,
        outbox=box,
        sources=[(health, states.get(key)) for key, health in schedule.health.items()],
        leading=services.leader.leading,
        window=schedule.window,
        last_run=sender.last_run,
        last_run_at=sender.last_run_at,
        flood_wait=services.pacer.last_flood_wait,
        now=utcnow(),
        paid_messages=paid if paid or services.settings.allow_paid_broadcast else None,
    )


@dataclass(frozen=True)
class StatusFigures:
    chats: ChatCounts
    outbox: dict[str, int]
    sources: Sequence[tuple[SourceHealth, SourceState | None]]
    leading: bool  # this process polls; otherwise another does, and the stored state tells
    window: DrawWindow
    last_run: DeliveryReport | None
    last_run_at: datetime | None
    flood_wait: FloodWait | None
    now: datetime
    paid_messages: int | None = None  # None: paid broadcasts off, and none ever sent

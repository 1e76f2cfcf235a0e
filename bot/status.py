"""The operator's view (/status): chats, outbox, delivery rate, flood waits, sources."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from bot.alerts import DeliveryReport
from bot.context import Services
from bot.pacing import FloodWait
from core.clock import utcnow
from core.health import SourceHealth
from db import chats, outbox, sources
from db.chats import ChatCounts
from db.models import SourceState

OPERATORS_ONLY = "/status is for the bot's operators."


async def figures(services: Services) -> "StatusFigures":
    async with services.sessions() as session:
        chat_counts = await chats.chat_counts(session)
        box = await outbox.counts(session, utcnow())
        states = {state.key: state for state in await sources.all_states(session)}
    sender, schedule = services.sender, services.schedule
    return StatusFigures(
        chats=chat_counts,
        outbox=box,
        sources=[(health, states.get(key)) for key, health in schedule.health.items()],
        leading=services.leader.leading,
        window=schedule.window.describe(),
        last_run=sender.last_run,
        last_run_at=sender.last_run_at,
        flood_wait=services.pacer.last_flood_wait,
        now=utcnow(),
    )


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "never"
    seconds = int((now - moment).total_seconds())
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return f"{max(seconds, 0)} s ago"


@dataclass(frozen=True)
class StatusFigures:
    chats: ChatCounts
    outbox: dict[str, int]
    sources: Sequence[tuple[SourceHealth, SourceState | None]]
    leading: bool  # this process polls; otherwise another does, and the stored state tells
    window: str
    last_run: DeliveryReport | None
    last_run_at: datetime | None
    flood_wait: FloodWait | None
    now: datetime


def text(figures: StatusFigures) -> str:
    """The operator's view: chats, outbox, delivery rate, flood waits, sources."""
    chats, box, now = figures.chats, figures.outbox, figures.now
    lines = [
        "<b>Status</b>",
        f"Chats: {chats.active:,} active, {chats.inactive:,} inactive; "
        f"{chats.subscribed:,} subscribed ({chats.subscriptions:,} subscriptions)",
        f"Outbox: {box.get('pending', 0):,} pending ({box.get('claimed', 0):,} being sent), "
        f"{box.get('failed', 0):,} failed, {box.get('sent', 0):,} sent",
    ]
    run = figures.last_run
    if run is None or not run.seconds:
        lines.append(
            "Last delivery: none since start"
            + ("" if figures.leading else " (another process sends the alerts)")
        )
    else:
        lines.append(
            f"Last delivery: {run.messages:,} messages in {run.seconds:.1f} s "
            f"({run.messages / run.seconds:.1f} a second), {ago(figures.last_run_at, now)}"
        )
    wait = figures.flood_wait
    lines.append(
        "Last flood wait: none since start" if wait is None
        else f"Last flood wait: {wait.seconds:.0f} s, "
        f"{ago(datetime.fromtimestamp(wait.at, now.tzinfo), now)}"
    )  # fmt: skip
    if not figures.leading:
        lines.append("<b>Sources</b> (polled by another process; as it stored them)")
        for health, state in figures.sources:
            lines.append(f"• {escape(health.key)}: {_stored(state, now)}")
        return "\n".join(lines)
    lines.append(f"<b>Sources</b> (draw window: {escape(figures.window)})")
    for health, state in figures.sources:
        lines.append(f"• {escape(health.key)}: {_health(health, state, now)}")
    return "\n".join(lines)


def _stored(state: SourceState | None, now: datetime) -> str:
    if state is None:
        return "not polled yet"
    if state.consecutive_failures:
        said = (
            f"failing ({state.consecutive_failures} in a row, the first "
            f"{ago(state.failing_since, now)}); last error: {escape(state.last_error or '')}"
        )
    else:
        said = "ok"
    return f"{said}; last new draw {ago(state.last_new_draw_at, now)}"


def _health(health: SourceHealth, state: SourceState | None, now: datetime) -> str:
    if health.failures:
        said = (
            f"failing ({health.failures} in a row), last answered {ago(health.last_success, now)}"
            f"; last error: {escape(health.last_error or '')}"
        )
    else:
        said = f"ok, last answered {ago(health.last_success, now)}"
    new = state.last_new_draw_at if state else None
    return f"{said}; last new draw {ago(new, now)}; next poll {_until(health.next_due, now)}"


def _until(moment: datetime, now: datetime) -> str:
    seconds = int((moment - now).total_seconds())
    return "now" if seconds <= 0 else f"in {seconds} s"

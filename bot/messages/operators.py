"""The operators' view (/status): chats, outbox, delivery rate, flood waits, sources."""

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from bot.messages.templates import Plural, Text
from bot.pacing import FloodWait
from core.health import SourceHealth
from core.notices import SourceBack, SourceDown, SourceGone, SourceMoved, SourceNotice
from db.models import SourceState

if TYPE_CHECKING:  # bot.status gathers the figures, and reaches this module through bot.alerts
    from bot.status import StatusFigures

OPERATORS_ONLY = "/status is for the bot's operators."

NEVER = "never"
DAYS_AGO = Plural("{count} day ago", "{count} days ago")
HOURS_AGO = Plural("{count} hour ago", "{count} hours ago")
MINUTES_AGO = Plural("{count} minute ago", "{count} minutes ago")
SECONDS_AGO = Text("{seconds} s ago", "seconds")
NOW = "now"
IN_SECONDS = Text("in {seconds} s", "seconds")

STATUS = "<b>Status</b>"
CHATS = Plural(
    "Chats: {active} active, {inactive} inactive; {subscribed} subscribed ({count} subscription)",
    "Chats: {active} active, {inactive} inactive; {subscribed} subscribed ({count} subscriptions)",
    "active inactive subscribed",
)
OUTBOX_STATES = ("pending", "claimed", "failed", "sent")
OUTBOX = Text(
    "Outbox: {pending} pending ({claimed} being sent), {failed} failed, {sent} sent",
    "pending claimed failed sent",
)
NO_DELIVERY = "Last delivery: none since start"
NO_DELIVERY_HERE = "Last delivery: none since start (another process sends the alerts)"
DELIVERY = Plural(
    "Last delivery: {count} message in {seconds} s ({rate} a second), {ago}",
    "Last delivery: {count} messages in {seconds} s ({rate} a second), {ago}",
    "seconds rate ago",
)
PAID_SENDS = Plural(
    "Paid broadcasts: {count} message sent, {stars} Stars spent",
    "Paid broadcasts: {count} messages sent, {stars} Stars spent",
    "stars",
)
STARS_PER_PAID_MESSAGE = 0.1
PAID_REFUSED = Text(
    "Telegram refused a paid broadcast ({reason}): the rest of the fan-out to {chats} chats "
    "goes on free, at up to 30 messages a second. Add Stars to the bot's balance for the "
    "next draw to go paid.",
    "reason chats",
)
NO_FLOOD_WAIT = "Last flood wait: none since start"
FLOOD_WAIT = Text("Last flood wait: {seconds} s, {ago}", "seconds ago")

SOURCES_STORED = "<b>Sources</b> (polled by another process; as it stored them)"
STORED_NOT_POLLED = Text("• {source}: not polled yet", "source")
STORED_OK = Text("• {source}: ok; last new draw {new_draw}", "source new_draw")
STORED_FAILING = Text(
    "• {source}: failing ({failures} in a row, the first {since}); last error: {error}; "
    "last new draw {new_draw}",
    "source failures since error new_draw",
)
SOURCES = Text("<b>Sources</b> (draw window: {window})", "window")
SOURCE_OK = Text(
    "• {source}: ok, last answered {answered}; last new draw {new_draw}; next poll {next_poll}",
    "source answered new_draw next_poll",
)
SOURCE_FAILING = Text(
    "• {source}: failing ({failures} in a row), last answered {answered}; last error: {error}; "
    "last new draw {new_draw}; next poll {next_poll}",
    "source failures answered error new_draw next_poll",
)


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return NEVER
    seconds = int((now - moment).total_seconds())
    for text, size in ((DAYS_AGO, 86_400), (HOURS_AGO, 3_600), (MINUTES_AGO, 60)):
        if seconds >= size:
            return text(seconds // size)
    return SECONDS_AGO(seconds=max(seconds, 0))


def _until(moment: datetime, now: datetime) -> str:
    seconds = int((moment - now).total_seconds())
    return NOW if seconds <= 0 else IN_SECONDS(seconds=seconds)


def status_view(figures: "StatusFigures") -> str:
    """The operators' view: chats, outbox, delivery rate, flood waits, sources."""
    chats, now = figures.chats, figures.now
    box = {state: f"{figures.outbox.get(state, 0):,}" for state in OUTBOX_STATES}
    lines = [
        STATUS,
        CHATS(
            chats.subscriptions,
            active=f"{chats.active:,}",
            inactive=f"{chats.inactive:,}",
            subscribed=f"{chats.subscribed:,}",
        ),
        OUTBOX(**box),
        _delivery(figures),
        _flood_wait(figures.flood_wait, now),
    ]
    if figures.paid_messages is not None:
        lines.append(paid_sends(figures.paid_messages))
    if figures.leading:
        lines.append(SOURCES(window=escape(figures.window)))
        lines += [_health(health, state, now) for health, state in figures.sources]
    else:
        lines.append(SOURCES_STORED)
        lines += [_stored(health.key, state, now) for health, state in figures.sources]
    return "\n".join(lines)


def _delivery(figures: "StatusFigures") -> str:
    run = figures.last_run
    if run is None or not run.seconds:
        return NO_DELIVERY if figures.leading else NO_DELIVERY_HERE
    return DELIVERY(
        run.messages,
        seconds=f"{run.seconds:.1f}",
        rate=f"{run.messages / run.seconds:.1f}",
        ago=ago(figures.last_run_at, figures.now),
    )


def paid_sends(count: int) -> str:
    """Paid broadcasts sent, and what they cost."""
    stars = count * STARS_PER_PAID_MESSAGE
    return PAID_SENDS(count, stars=f"{stars:,.1f}")


def paid_refused(reason: str, chats: int) -> str:
    """What the operators read when Telegram refuses a paid broadcast."""
    return PAID_REFUSED(reason=escape(reason), chats=f"{chats:,}")


def _flood_wait(wait: FloodWait | None, now: datetime) -> str:
    if wait is None:
        return NO_FLOOD_WAIT
    waited = ago(datetime.fromtimestamp(wait.at, now.tzinfo), now)
    return FLOOD_WAIT(seconds=f"{wait.seconds:.0f}", ago=waited)


def _stored(key: str, state: SourceState | None, now: datetime) -> str:
    """A source as the process polling it stored it."""
    if state is None:
        return STORED_NOT_POLLED(source=escape(key))
    new_draw = ago(state.last_new_draw_at, now)
    if not state.consecutive_failures:
        return STORED_OK(source=escape(key), new_draw=new_draw)
    return STORED_FAILING(
        source=escape(key),
        failures=state.consecutive_failures,
        since=ago(state.failing_since, now),
        error=escape(state.last_error or ""),
        new_draw=new_draw,
    )


def _health(health: SourceHealth, state: SourceState | None, now: datetime) -> str:
    """A source as this process polls it."""
    named = {
        "source": escape(health.key),
        "answered": ago(health.last_success, now),
        "new_draw": ago(state.last_new_draw_at if state else None, now),
        "next_poll": _until(health.next_due, now),
    }
    if not health.failures:
        return SOURCE_OK(**named)
    return SOURCE_FAILING(failures=health.failures, error=escape(health.last_error or ""), **named)


# What the operators are told when a source turns.
SOURCE_DOWN = Plural(
    "⚠️ {source} has not answered properly since {since} "
    "({count} failed poll; last error: {error}).",
    "⚠️ {source} has not answered properly since {since} "
    "({count} failed polls; last error: {error}).",
    "source since error",
)
SOURCE_BACK = Text("✅ {source} answers again (last error was cleared at {at}).", "source at")
SOURCE_MOVED = Text("➡️ {source} moved permanently to {url}; polling it there now.", "source url")
SOURCE_GONE = Text(
    "⛔ {source} answered 410 Gone and is no longer polled. Point its setting at a new "
    "address to poll it again.",
    "source",
)
UTC_MINUTE = Text("{moment:%Y-%m-%d %H:%M} UTC", "moment")


def operator_notice(notice: SourceNotice) -> str:
    """What the operators read about a source's turn."""
    source = escape(notice.source)
    match notice:
        case SourceDown():
            return SOURCE_DOWN(
                notice.failures, source=source, since=UTC_MINUTE(moment=notice.since),
                error=escape(notice.last_error or ""),
            )  # fmt: skip
        case SourceBack():
            return SOURCE_BACK(source=source, at=UTC_MINUTE(moment=notice.at))
        case SourceMoved():
            return SOURCE_MOVED(source=source, url=escape(notice.url))
        case SourceGone():
            return SOURCE_GONE(source=source)

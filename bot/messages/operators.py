"""The operators' view (/status): chats, outbox, delivery rate, flood waits, sources."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from babel.dates import get_day_names

from bot.messages import locale
from bot.messages.templates import Plural, Text
from core import sending
from core.health import SourceBack, SourceDown, SourceGone, SourceHealth, SourceMoved, SourceNotice
from core.schedule import DrawWindow
from core.sending import DeliveryReport, FloodWait
from db.chats import ChatCounts
from db.models import SourceState


@dataclass(frozen=True)
class StatusFigures:
    """What /status shows, gathered by the process that answers it."""

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


LIST_SEPARATOR = ", "
OPERATORS_ONLY = Text("operators.operators_only")

NEVER = Text("operators.never")
DAYS_AGO = Plural("operators.days_ago")
HOURS_AGO = Plural("operators.hours_ago")
MINUTES_AGO = Plural("operators.minutes_ago")
SECONDS_AGO = Text("operators.seconds_ago", "seconds")
NOW = Text("operators.now")
IN_SECONDS = Text("operators.in_seconds", "seconds")

STATUS = Text("operators.status")
CHATS = Plural("operators.chats", "active inactive subscribed")
OUTBOX_STATES = ("pending", "claimed", "failed", "sent")
OUTBOX = Text("operators.outbox", "pending claimed failed sent")
NO_DELIVERY = Text("operators.no_delivery")
NO_DELIVERY_HERE = Text("operators.no_delivery_here")
DELIVERY = Plural("operators.delivery", "seconds rate ago")
NO_FLOOD_WAIT = Text("operators.no_flood_wait")
FLOOD_WAIT = Text("operators.flood_wait", "seconds ago")
PAID_SENDS = Plural("operators.paid_sends", "stars")
PAID_REFUSED = Text("operators.paid_refused", "reason chats")

SOURCES_STORED = Text("operators.sources_stored")
STORED_NOT_POLLED = Text("operators.stored_not_polled", "source")
STORED_OK = Text("operators.stored_ok", "source new_draw")
STORED_FAILING = Text("operators.stored_failing", "source failures since error new_draw")
SOURCES = Text("operators.sources", "window")
SOURCE_OK = Text("operators.source_ok", "source answered new_draw next_poll")
SOURCE_FAILING = Text(
    "operators.source_failing", "source failures answered error new_draw next_poll"
)


WINDOW_UNKNOWN = Text("operators.window_unknown")
WINDOW = Text("operators.window", "days first last")


def window(found: DrawWindow) -> str:
    """The draw window's weekdays and UTC hours: "Tue, Wed; 13-17 UTC". Its slots are UTC
    hours of any week, so it stays in UTC whatever the chat's zone."""
    if not found.slots:
        return WINDOW_UNKNOWN()
    names = get_day_names("abbreviated", locale=locale.audience().language.babel_locale)
    first, last = found.hours
    days = LIST_SEPARATOR.join(names[day] for day in found.days)
    return WINDOW(days=days, first=f"{first:02d}", last=f"{last:02d}")


def ago(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return NEVER()
    seconds = int((now - moment).total_seconds())
    for text, size in ((DAYS_AGO, 86_400), (HOURS_AGO, 3_600), (MINUTES_AGO, 60)):
        if seconds >= size:
            return text(seconds // size)
    return SECONDS_AGO(seconds=max(seconds, 0))


def _until(moment: datetime, now: datetime) -> str:
    seconds = int((moment - now).total_seconds())
    return NOW() if seconds <= 0 else IN_SECONDS(seconds=seconds)


def status_view(figures: StatusFigures) -> str:
    """The operators' view: chats, outbox, delivery rate, flood waits, sources."""
    chats, now = figures.chats, figures.now
    box = {state: locale.number(figures.outbox.get(state, 0)) for state in OUTBOX_STATES}
    lines = [
        STATUS(),
        CHATS(
            chats.subscriptions,
            active=locale.number(chats.active),
            inactive=locale.number(chats.inactive),
            subscribed=locale.number(chats.subscribed),
        ),
        OUTBOX(**box),
        _delivery(figures),
        _flood_wait(figures.flood_wait, now),
    ]
    if figures.paid_messages is not None:
        lines.append(paid_sends(figures.paid_messages))
    if figures.leading:
        lines.append(SOURCES(window=window(figures.window)))
        lines += [_health(health, state, now) for health, state in figures.sources]
    else:
        lines.append(SOURCES_STORED())
        lines += [_stored(health.key, state, now) for health, state in figures.sources]
    return "\n".join(lines)


def _delivery(figures: StatusFigures) -> str:
    run = figures.last_run
    if run is None or not run.seconds:
        return NO_DELIVERY() if figures.leading else NO_DELIVERY_HERE()
    return DELIVERY(
        run.messages,
        seconds=locale.decimal(run.seconds),
        rate=locale.decimal(run.messages / run.seconds),
        ago=ago(figures.last_run_at, figures.now),
    )


def paid_sends(count: int) -> str:
    """Paid broadcasts sent, and what they cost."""
    return PAID_SENDS(count, stars=locale.decimal(sending.stars(count)))


def paid_refused(reason: str, chats: int) -> str:
    """What the operators read when Telegram refuses a paid broadcast."""
    return PAID_REFUSED(reason=escape(reason), chats=locale.number(chats))


def _flood_wait(wait: FloodWait | None, now: datetime) -> str:
    if wait is None:
        return NO_FLOOD_WAIT()
    waited = ago(datetime.fromtimestamp(wait.at, now.tzinfo), now)
    return FLOOD_WAIT(seconds=locale.number(round(wait.seconds)), ago=waited)


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
SOURCE_DOWN = Plural("operators.source_down", "source since error")
SOURCE_BACK = Text("operators.source_back", "source at")
SOURCE_MOVED = Text("operators.source_moved", "source url")
SOURCE_GONE = Text("operators.source_gone", "source")
AT = Text("operators.at", "date time")


def operator_notice(notice: SourceNotice) -> str:
    """What the operators read about a source's turn."""
    source = escape(notice.source)
    match notice:
        case SourceDown():
            return SOURCE_DOWN(
                notice.failures, source=source, since=_at(notice.since),
                error=escape(notice.last_error or ""),
            )  # fmt: skip
        case SourceBack():
            return SOURCE_BACK(source=source, at=_at(notice.at))
        case SourceMoved():
            return SOURCE_MOVED(source=source, url=escape(notice.url))
        case SourceGone():
            return SOURCE_GONE(source=source)


def _at(moment: datetime) -> str:
    """A moment to the minute, in the reader's zone, its date as ISO writes it (operators
    compare it with logs)."""
    return AT(date=f"{locale.local(moment):%Y-%m-%d}", time=locale.clock(moment, "HH:mm"))

"""Every text the bot sends, as Telegram HTML. Text from outside is escaped here."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from urllib.parse import urlsplit

from core.categories import ALL, GENERAL, KNOWN_KEYS, label, strip_version
from core.merge import Correction
from core.notices import SourceBack, SourceDown, SourceGone, SourceMoved, SourceNotice
from db.models import Draw, Subscription
from db.outbox import SAID

ROUND_URL = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-rounds/invitations.html?q={number}"
)
MAX_SCORE = 1200
MAX_SOURCES = 3

SUBSCRIBE_USAGE = (
    "Usage: <code>/subscribe &lt;category&gt; [score]</code>, <code>/subscribe &lt;score&gt;</code>"
    " or <code>/subscribe all</code>\nExamples: <code>/subscribe stem 490</code>, "
    "<code>/subscribe 480</code>. /categories lists the categories."
)
UNSUBSCRIBE_USAGE = (
    "Usage: <code>/unsubscribe &lt;category&gt;</code> or <code>/unsubscribe all</code>."
    " /subscriptions shows what this chat follows."
)

HELP = f"""<b>Express Entry draw alerts</b>
I watch IRCC's rounds of invitations and message you the minute a draw that \
concerns you is published: its category, invitations, CRS cut-off and tie-break.

<b>Subscribe</b>
/subscribe stem 490: STEM draws and all-program draws whose cut-off is 490 or lower
/subscribe healthcare: every healthcare draw and every all-program draw
/subscribe 480: any draw with a cut-off of 480 or lower
/subscribe all: every draw
Subscribing again to a category replaces its score. Scores go from 0 to {MAX_SCORE}.

<b>Look up</b>
/latest: the newest draw; /latest cec: the newest CEC draw
/categories: the categories and their latest draws
/subscriptions: what this chat follows
/unsubscribe stem, /unsubscribe all

Figures come from IRCC's official rounds data; a draw seen first in the news is marked \
as not yet confirmed until IRCC publishes it."""

START = "Hello! " + HELP


def number(value: int | None) -> str:
    return f"{value:,}" if value is not None else "unknown"


def day(value: date | None) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else "date unknown"


def moment(value: datetime | None) -> str:
    return f"{day(value.date())} at {value:%H:%M:%S} UTC" if value else "not published"


def category_name(draw: Draw) -> str:
    return escape(label(draw.category, draw.name))


def _title(draw: Draw) -> str:
    return f"#{escape(draw.number)}" if draw.number else "(no number yet)"


def _change(draw: Draw, previous: Draw | None) -> str:
    if previous is None:
        return f"first {category_name(draw)} draw on record"
    if draw.crs is None or previous.crs is None:
        return f"previous: {_title(previous)} on {day(previous.date)}"
    delta = draw.crs - previous.crs
    trend = f"▲ {delta}" if delta > 0 else f"▼ {-delta}" if delta < 0 else "unchanged"
    return f"{trend} from {previous.crs} in {_title(previous)} on {day(previous.date)}"


def draw_details(
    draw: Draw, previous: Draw | None, notes: Sequence[str] = (), sources: Sequence[str] = ()
) -> str:
    """The figures of a draw, with the change against the previous one of its category."""
    lines = [
        f"<b>{_title(draw)} · {category_name(draw)}</b> · {day(draw.date)}",
        f"Invitations: <b>{number(draw.invitations)}</b>",
        f"CRS cut-off: <b>{number(draw.crs)}</b> ({_change(draw, previous)})",
        f"Tie-break: {moment(draw.tie_break)}",
        *notes,
    ]
    if not draw.confirmed:
        cited = f": {_links(sources)}" if sources else "."
        lines.append(f"⚠️ Reported by the news, not yet confirmed by IRCC{cited}")
    elif draw.number:
        link = ROUND_URL.format(number=escape(draw.number))
        lines.append(f'<a href="{link}">Official round details</a>')
    return "\n".join(lines)


def _links(sources: Sequence[str]) -> str:
    return ", ".join(
        f'<a href="{escape(url)}">{escape(urlsplit(url).hostname or url)}</a>'
        for url in sources[:MAX_SOURCES]
    )


def margins(draw: Draw, scores: Sequence[int]) -> list[str]:
    """ "Your 490 is 4 above the cut-off" for each distinct score."""
    if draw.crs is None:
        return []
    lines = []
    for score in sorted(set(scores), reverse=True):
        gap = score - draw.crs
        if gap > 0:
            lines.append(f"✅ Your {score} is {gap} above the cut-off.")
        elif gap == 0:
            lines.append(f"✅ Your {score} is exactly the cut-off (the tie-break time decides).")
        else:
            lines.append(f"❌ Your {score} is {-gap} below the cut-off.")
    return lines


@dataclass(frozen=True)
class Notice:
    """One draw in a chat's message: a new draw, or a correction of an earlier alert."""

    draw: Draw
    previous: Draw | None
    scores: Sequence[int] = ()
    sources: Sequence[str] = ()  # the articles, for a draw known only from news
    correction: Sequence[Correction] | None = None  # what the earlier alert got wrong


def alert(notices: Sequence[Notice]) -> str:
    """One message with every new draw and every correction a chat is owed."""
    new = [notice for notice in notices if notice.correction is None]
    blocks = []
    if new:
        confirmed = all(notice.draw.confirmed for notice in new)
        kind = "Express Entry draw" if len(new) == 1 else f"{len(new)} new Express Entry draws"
        if confirmed:
            blocks.append(f"🔔 <b>{'New ' if len(new) == 1 else ''}{kind}</b>")
        else:
            blocks.append(f"🔔 <b>{kind} reported</b>")
    for notice in notices:
        if notice.correction is not None:
            blocks.append(
                "✏️ <b>Correction</b>: IRCC's official figures differ from the report we "
                f"sent you: {corrected(notice.correction)}."
            )
        details = draw_details(
            notice.draw, notice.previous, margins(notice.draw, notice.scores), notice.sources
        )
        blocks.append(details)
    return "\n\n".join(blocks)


# What an alert based on news got wrong, one figure each: "cut-off 486, not 485".
CORRECTED = {
    "crs": "cut-off {now}, not {was}",
    "invitations": "invitations {now}, not {was}",
    "category": "category {now}, not {was}",
    "date": "date {now}, not {was}",
    SAID: "{now}",  # stored in words
}


def corrected(changes: Sequence[Correction]) -> str:
    return "; ".join(
        CORRECTED[change.field].format(now=_figure(change.now), was=_figure(change.was))
        for change in changes
    )


def _figure(value: int | str | date) -> str:
    if isinstance(value, int):
        return number(value)
    if isinstance(value, date):
        return day(value)
    return escape(value)


def latest(
    draw: Draw | None, previous: Draw | None, category: str | None, sources: Sequence[str] = ()
) -> str:
    if draw is None:
        scope = f" in {escape(label(category))}" if category else ""
        return f"No draw{scope} is stored yet."
    return "Latest draw:\n" + draw_details(draw, previous, sources=sources)


def categories(overview: Sequence[tuple[Draw, int]]) -> str:
    known = {draw.category: (draw, count) for draw, count in overview}
    order = [key for key in KNOWN_KEYS if key in known] + sorted(set(known) - set(KNOWN_KEYS))
    lines = ["<b>Categories</b> (type the key after /subscribe)"]
    for key in order:
        draw, count = known[key]
        name = strip_version(draw.name)
        if key == GENERAL:
            name = f"{label(key)} (IRCC: “{name}”)"
        lines.append(
            f"<code>{escape(key)}</code>: {escape(name)}\n"
            f"    latest {_title(draw)} on {day(draw.date)}, cut-off {number(draw.crs)}"
            f" ({count} draw{'s' if count != 1 else ''})"
        )
    missing = [key for key in KNOWN_KEYS if key not in known]
    if missing:
        lines.append("No draws stored yet: " + ", ".join(f"<code>{k}</code>" for k in missing))
    lines.append("<code>all</code>: every draw, whatever its category")
    return "\n".join(lines)


def describe(category: str, max_crs: int | None) -> str:
    """What a subscription delivers, in words."""
    if category == ALL:
        which = "every draw"
    elif category == GENERAL:
        which = "all-program draws"
    else:
        which = f"{escape(label(category))} draws and all-program draws"
    if max_crs is None:
        return f"{which}, whatever the cut-off"
    return f"{which} with a cut-off of {max_crs} or lower"


def subscribed(category: str, max_crs: int | None, replaced: Subscription | None) -> str:
    text = f"Subscribed: you will get {describe(category, max_crs)}."
    if replaced is not None:
        text += f"\n(This replaces your earlier {describe(category, replaced.max_crs)}.)"
    return text


def subscription_list(subscriptions: Sequence[Subscription]) -> str:
    if not subscriptions:
        return "This chat has no subscriptions. Try <code>/subscribe stem 490</code>."
    lines = ["<b>This chat gets:</b>"]
    for sub in subscriptions:
        score = f" {sub.max_crs}" if sub.max_crs is not None else ""
        lines.append(
            f"• {describe(sub.category, sub.max_crs)} (<code>{sub.category}{score}</code>)"
        )
    return "\n".join(lines)


def unknown_category(text: str, suggestion: str | None) -> str:
    hint = f" Did you mean <code>{escape(suggestion)}</code>?" if suggestion else ""
    return f"I don't know the category “{escape(text)}”.{hint} /categories lists them."


def bad_score(text: str) -> str:
    return f"“{escape(text)}” is not a CRS score: give a whole number from 0 to {MAX_SCORE}."


def too_many(cap: int) -> str:
    return (
        f"This chat already has {cap} subscriptions, the most one chat can have. "
        "Remove one with /unsubscribe first."
    )


def unsubscribed(category: str | None, removed: int) -> str:
    if category is None:
        return (
            f"Removed all {removed} subscription(s)." if removed else "No subscriptions to remove."
        )
    if not removed:
        return f"This chat was not subscribed to <code>{escape(category)}</code>."
    return f"Unsubscribed from <code>{escape(category)}</code>."


GROUP_ADMINS_ONLY = (
    "Only this group's administrators can change its subscriptions. "
    "Anyone can use /latest and /categories."
)
WELCOME_GROUP = (
    "Hello! I post Express Entry draws here as soon as IRCC publishes them. "
    "A group administrator can choose which: <code>/subscribe stem 490</code>, "
    "<code>/subscribe all</code>. /help lists everything."
)


# What the operators are told about the sources.
SOURCE_DOWN = (
    "⚠️ {source} has not answered properly since {since} "
    "({failures} failed polls; last error: {error})."
)
SOURCE_DOWN_ONE = (
    "⚠️ {source} has not answered properly since {since} (1 failed poll; last error: {error})."
)
SOURCE_BACK = "✅ {source} answers again (last error was cleared at {at})."
SOURCE_MOVED = "➡️ {source} moved permanently to {url}; polling it there now."
SOURCE_GONE = (
    "⛔ {source} answered 410 Gone and is no longer polled. Point its setting at a new "
    "address to poll it again."
)


def operator_notice(notice: SourceNotice) -> str:
    """What the operators read about a source's turn (HTML, outside text escaped)."""
    source = escape(notice.source)
    match notice:
        case SourceDown():
            template = SOURCE_DOWN_ONE if notice.failures == 1 else SOURCE_DOWN
            return template.format(
                source=source, since=_utc_minute(notice.since), failures=notice.failures,
                error=escape(notice.last_error or ""),
            )  # fmt: skip
        case SourceBack():
            return SOURCE_BACK.format(source=source, at=_utc_minute(notice.at))
        case SourceMoved():
            return SOURCE_MOVED.format(source=source, url=escape(notice.url))
        case SourceGone():
            return SOURCE_GONE.format(source=source)


def _utc_minute(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"

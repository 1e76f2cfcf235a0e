"""IRCC's forward-looking processing times as people read them: each figure rendered from its
parsed value in the reader's language (never IRCC's English words echoed), with what it
was in the edition before.

An estimate IRCC makes for new applications, not a promise: every answer says so.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TypeVar

from bot.messages import locale
from bot.messages.templates import Plural, Text, day, number
from core.times.follow import Change, Followed
from core.times.values import Approx, Duration, People, Status, Unit

_V = TypeVar("_V", Duration, People)

# The programs IRCC lists, by their keys in the document; a key not here is shown as is.
PROGRAMS = {
    key: Text(f"times.program.{key}")
    for key in (
        "cec",
        "fsw",
        "fst",
        "pnp-ee",
        "pnp-base",
        "aip",
        "qsw",
        "startup-visa",
        "self-employed",
        "spousal",
        "spousal-canada-roc",
        "spousal-abroad-roc",
        "caregiver",
        "citizen-grants",
    )
}

TITLE = Text("times.title", "date")
PROGRAM_LINE = Text("times.program_line", "program time waiting")
HISTORY_TITLE = Text("times.history_title", "program")
HISTORY_LINE = Text("times.history_line", "date time waiting")
MONTH_TITLE = Text("times.month_title", "program month date")
AHEAD = Text("times.ahead", "people")
LEFT = Text("times.left", "time")
WAS = Text("times.was", "now before")
NOTE = Text("times.note")
HOW_TO = Text("times.how_to")
NONE_YET = Text("times.none_yet")
UNKNOWN_PROGRAM = Text("times.unknown_program", "program programs")
BAD_MONTH = Text("times.bad_month", "month")
NO_MONTH = Text("times.no_month", "program month months")
TOO_MANY = Text("times.too_many")

UNITS = {
    Unit.DAYS: Plural("times.days"), Unit.WEEKS: Plural("times.weeks"),
    Unit.MONTHS: Plural("times.months"), Unit.YEARS: Plural("times.years"),
}  # fmt: skip
ABOUT = Text("times.about", "value")
MORE_THAN = Text("times.more_than", "value")
LESS_THAN = Text("times.less_than", "value")
STATUSES = {
    Status.NOT_ENOUGH_DATA: Text("times.not_enough_data"),
    Status.MORE_TIME: Text("times.more_time"),
    Status.NO_DATA: Text("times.no_data"),
    Status.UNKNOWN: Text("times.unread"),
}
# /chart times cec
CHART_TITLE = Text("times.chart_title", "program")
CHART_SUBTITLE = Text("times.chart_subtitle", "date")
CHART_CAPTION = Text("times.chart_caption", "program date")
CHART_AXIS = Text("times.chart_axis")
CHART_LINE = Text("times.chart_line")
CHART_BOUND = Text("times.chart_bound")
NO_CHART = Text("times.no_chart", "program")
# following the times: /subscribe times cec 2025-06, and the message when they change
CHANGED_TITLE = Text("times.changed_title", "date")
CHANGED_MONTH = Text("times.changed_month", "program month ahead left")
STOP_HINT = Text("times.stop_hint")
FOLLOWED_EXPRESS_ENTRY = Text("times.followed_express_entry")
FOLLOWED_MONTH = Text("times.followed_month", "program month")
SUBSCRIBED = Text("times.subscribed", "what")
SUBSCRIPTION = Text("times.subscription", "what key")
UNSUBSCRIBED = Plural("times.unsubscribed")
NOT_FOLLOWING = Text("times.not_following")
SUBSCRIBE_USAGE = Text("times.subscribe_usage")
FOLLOW_BUTTON = Text("times.follow_button")
REMOVE_BUTTON = Text("times.remove_button", "what")
CODE = "<code>{key}</code>"
LIST_SEPARATOR = ", "


@dataclass(frozen=True)
class ProgramFigures:
    """A program's current time and people waiting in an edition."""

    program: str
    time: Duration
    waiting: People


@dataclass(frozen=True)
class EditionFigures:
    """An edition's date, and its figures for the programs asked for."""

    published: date | None
    label: str  # as IRCC wrote it, when its date could not be read
    programs: Sequence[ProgramFigures]


def month_name(month: str) -> str:
    """A month of application ("2025-06") in words: "June 2025", "juin 2025"."""
    try:
        year, number_ = (int(part) for part in month.split("-"))
        return locale.month_of_year(date(year, number_, 1))
    except ValueError:
        return escape(month)


def program_name(key: str) -> str:
    known = PROGRAMS.get(key)
    return known() if known else escape(key)


def duration(value: Duration) -> str:
    """ "about 6 months", "more than 10 years", "not enough data"."""
    if value.status is not Status.KNOWN or value.amount is None or value.unit is None:
        return STATUSES.get(value.status, STATUSES[Status.UNKNOWN])()
    return _bounded(UNITS[value.unit](value.amount), value.approx)


def people(value: People) -> str:
    """ "about 12,300", "fewer than 100", "no figure"."""
    if value.status is not Status.KNOWN or value.count is None:
        return STATUSES.get(value.status, STATUSES[Status.UNKNOWN])()
    return _bounded(number(value.count), value.approx)


def _bounded(text: str, approx: Approx) -> str:
    wording = {Approx.ABOUT: ABOUT, Approx.MORE_THAN: MORE_THAN, Approx.LESS_THAN: LESS_THAN}
    found = wording.get(approx)
    return found(value=text) if found else text


def _with_before(now: str, before: str | None) -> str:
    return WAS(now=now, before=before) if before is not None and before != now else now


def _edition_day(edition: EditionFigures) -> str:
    return day(edition.published) if edition.published else escape(edition.label)


def overview(latest: EditionFigures | None, previous: EditionFigures | None) -> str:
    """/times: each program's time and people waiting, with what they were before."""
    if latest is None:
        return NONE_YET()
    before = {figures.program: figures for figures in previous.programs} if previous else {}
    lines = [TITLE(date=_edition_day(latest))]
    for figures in latest.programs:
        was = before.get(figures.program)
        lines.append(
            PROGRAM_LINE(
                program=program_name(figures.program),
                time=_with_before(duration(figures.time), duration(was.time) if was else None),
                waiting=_with_before(people(figures.waiting), people(was.waiting) if was else None),
            )
        )
    return "\n".join([*lines, NOTE(), HOW_TO()])


def program_history(program: str, editions: Sequence[EditionFigures]) -> str:
    """/times cec: the program's time and people waiting in its last editions."""
    if not editions:
        return NONE_YET()
    lines = [HISTORY_TITLE(program=program_name(program))]
    for edition in editions:
        for figures in edition.programs:
            lines.append(
                HISTORY_LINE(
                    date=_edition_day(edition), time=duration(figures.time),
                    waiting=people(figures.waiting),
                )
            )  # fmt: skip
    return "\n".join([*lines, NOTE()])


@dataclass(frozen=True)
class MonthFigures:
    """A month of application's people ahead and time left in an edition."""

    published: date | None
    label: str
    ahead: People
    left: Duration


def month_view(
    program: str, month: str, latest: MonthFigures, previous: MonthFigures | None
) -> str:
    """/times cec 2025-06: the people ahead and the time left for that month, and before."""
    lines = [
        MONTH_TITLE(
            program=program_name(program), month=month_name(month),
            date=day(latest.published) if latest.published else escape(latest.label),
        ),
        AHEAD(people=_with_before(
            people(latest.ahead), people(previous.ahead) if previous else None
        )),
        LEFT(time=_with_before(
            duration(latest.left), duration(previous.left) if previous else None
        )),
        NOTE(),
    ]  # fmt: skip
    return "\n".join(lines)


def unknown_program(program: str, programs: Sequence[str]) -> str:
    listed = LIST_SEPARATOR.join(CODE.format(key=escape(key)) for key in programs)
    return UNKNOWN_PROGRAM(program=escape(program), programs=listed)


def bad_month(month: str) -> str:
    return BAD_MONTH(month=escape(month))


def no_month(program: str, month: str, months: Sequence[str]) -> str:
    shown = f"{month_name(months[0])} \u2013 {month_name(months[-1])}" if months else "\u2013"
    return NO_MONTH(program=program_name(program), month=month_name(month), months=shown)


def followed_name(followed: Followed) -> str:
    """What a subscription follows, in words: "the Express Entry programs (...)",
    "Canadian Experience Class", "Canadian Experience Class, applications made in 2025-06"."""
    if followed.program is None:
        return FOLLOWED_EXPRESS_ENTRY()
    if followed.month is None:
        return program_name(followed.program)
    return FOLLOWED_MONTH(program=program_name(followed.program), month=month_name(followed.month))


def subscribed(followed: Followed) -> str:
    return SUBSCRIBED(what=followed_name(followed))


def subscription(followed: Followed) -> str:
    """A line of /subscriptions, with the words that would make it again."""
    words = " ".join(part for part in ("times", followed.program, followed.month) if part)
    return SUBSCRIPTION(what=followed_name(followed), key=escape(words))


def remove_button(followed: Followed) -> str:
    return REMOVE_BUTTON(what=followed_name(followed))


def unsubscribed(removed: int) -> str:
    return UNSUBSCRIBED(removed) if removed else NOT_FOLLOWING()


def changes_notice(published: date | None, label: str, changes: Sequence[Change]) -> str:
    """The message to a chat that follows what a new edition changed: each changed figure
    with what it was, rendered from its value, never from IRCC's words."""
    lines = [CHANGED_TITLE(date=day(published) if published else escape(label))]
    for change in changes:
        time = _with_before(duration(change.time), _maybe(duration, change.time_was))
        count = _with_before(people(change.people), _maybe(people, change.people_was))
        if change.month is None:
            lines.append(
                PROGRAM_LINE(program=program_name(change.program), time=time, waiting=count)
            )
        else:
            lines.append(
                CHANGED_MONTH(program=program_name(change.program), month=month_name(change.month),
                              ahead=count, left=time)
            )  # fmt: skip
    return "\n".join([*lines, NOTE(), STOP_HINT()])


def _maybe(render: Callable[[_V], str], value: _V | None) -> str | None:
    return None if value is None else render(value)

"""Reading one edition of IRCC's forward-looking processing times (``flpt-en.json``).

An edition is one flat JSON object whose values are all words. ``default-update`` gives
the day it was published ("October 9, 2025"); ``current-flpt`` and ``total-people`` give,
for each program, the time it takes someone applying today and how many people wait ("cec":
"6 months", "About 17,900 people waiting"); ``people-ahead`` and ``wait-times`` give, for
those who applied in one month ("cec-2025/06"), how many people are ahead of them and how
long they have left. A program's key holds hyphens ("pnp-ee", "spousal-canada-roc"), so a
month's key splits on its last hyphen, before "YYYY/MM". Programs come and go between
editions; the month applied in is not the edition's month, nor are the months a history.

Each figure is kept beside its words as published. Words never seen, a program or a month
missing from one of its two sections, a month key that does not read (skipped) and a date
that does not read are named in ``problems`` (logged, never guessed). A body that is not
an edition (an HTML page served with 200, JSON without ``current-flpt`` or without the
edition's date) is Unreadable.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from core.times.values import Duration, People, Status, read_duration, read_people
from jobs.source import Unreadable

Figure = TypeVar("Figure", Duration, People)

_MONTH_KEY = re.compile(r"(?P<program>.+)-(?P<year>\d{4})/(?P<month>0[1-9]|1[0-2])")
_NOT_PUBLISHED = ""  # the words kept for a figure missing from its section
# How each kind of figure reads, and what it is when not published.
_DURATIONS = (read_duration, Duration(Status.NO_DATA))
_COUNTS = (read_people, People(Status.NO_DATA))


@dataclass(frozen=True)
class ProgramTimes:
    """One program's figures for someone applying today: how long it takes and how many
    people wait, each beside its words as published ("" when not published)."""

    program: str  # IRCC's key: "cec", "pnp-ee", "citizen-grants"
    time: Duration
    waiting: People
    time_text: str
    waiting_text: str


@dataclass(frozen=True)
class MonthTimes:
    """One program's figures for those who applied in one month: how many people are ahead
    of them and how long they have left, each beside its words as published ("" when not
    published)."""

    program: str
    month: str  # "2025-06": the month applied in, not the edition's
    ahead: People
    left: Duration
    ahead_text: str
    left_text: str


@dataclass(frozen=True)
class Edition:
    """What one edition of the processing times says, and what could not be read in it."""

    published: str  # the edition's date as written: "October 9, 2025"
    date: date | None  # None when the words do not read as a date (a problem says so)
    programs: dict[str, ProgramTimes]
    months: dict[tuple[str, str], MonthTimes]  # by program and month: ("cec", "2025-06")
    problems: list[str]  # words never seen, keys that do not read, figures missing


def read_edition(body: bytes) -> Edition:
    """The edition a body is; Unreadable when it is not JSON, has no ``current-flpt``, or
    does not say when it was published."""
    document = _document(body)
    published = _published(document)
    problems: list[str] = []
    return Edition(
        published=published,
        date=_edition_date(published, problems),
        programs=_programs(document, problems),
        months=_months(document, problems),
        problems=problems,
    )


def _document(body: bytes) -> dict[str, Any]:
    try:
        document = json.loads(body.decode("utf-8-sig"))  # a byte order mark is no fault
    except ValueError as error:  # not UTF-8, or not JSON
        raise Unreadable(f"not JSON ({error.__class__.__name__}), starts {body[:40]!r}") from None
    if not isinstance(document, dict):
        raise Unreadable(f"not a JSON object but a {type(document).__name__}")
    if not isinstance(document.get("current-flpt"), dict):
        raise Unreadable("no current-flpt section: not an edition of the processing times")
    return document


def _published(document: dict[str, Any]) -> str:
    update = document.get("default-update")
    written = update.get("flpt_lastupdated") if isinstance(update, dict) else None
    if not isinstance(written, str) or not written.strip():
        raise Unreadable("no default-update.flpt_lastupdated: the edition's date is missing")
    return written.strip()


def _edition_date(written: str, problems: list[str]) -> date | None:
    """The day "October 9, 2025" (or "2025-10-09") is."""
    cleaned = " ".join(written.split())
    try:
        return datetime.strptime(cleaned, "%B %d, %Y").date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        problems.append(f"edition date {written!r} does not read as a date")
        return None


def _programs(document: dict[str, Any], problems: list[str]) -> dict[str, ProgramTimes]:
    times = _section(document, "current-flpt", problems)
    waiting = _section(document, "total-people", problems)
    programs = {}
    for program in dict.fromkeys([*(times or {}), *(waiting or {})]):
        time, time_text = _figure("current-flpt", times, program, _DURATIONS, problems)
        people, waiting_text = _figure("total-people", waiting, program, _COUNTS, problems)
        programs[program] = ProgramTimes(program, time, people, time_text, waiting_text)
    return programs


def _months(document: dict[str, Any], problems: list[str]) -> dict[tuple[str, str], MonthTimes]:
    ahead = _section(document, "people-ahead", problems)
    left = _section(document, "wait-times", problems)
    months = {}
    for key in dict.fromkeys([*(ahead or {}), *(left or {})]):
        if (found := _MONTH_KEY.fullmatch(key)) is None:
            problems.append(f"month key {key!r} is not <program>-YYYY/MM; skipped")
            continue
        program, month = found["program"], f"{found['year']}-{found['month']}"
        people, ahead_text = _figure("people-ahead", ahead, key, _COUNTS, problems)
        duration, left_text = _figure("wait-times", left, key, _DURATIONS, problems)
        months[program, month] = MonthTimes(program, month, people, duration, ahead_text, left_text)
    return months


def _section(document: dict[str, Any], name: str, problems: list[str]) -> dict[str, Any] | None:
    """A section of the edition, or None (with a problem) when it is missing or not an
    object: its figures are then not published, one problem for them all."""
    section = document.get(name)
    if isinstance(section, dict):
        return section
    problems.append(f"no {name} section" if section is None else f"{name} is not an object")
    return None


def _figure(
    name: str,
    section: dict[str, Any] | None,
    key: str,
    reading: tuple[Callable[[str], Figure], Figure],
    problems: list[str],
) -> tuple[Figure, str]:
    """One figure of a section and its words as published (a value that is not a string
    is kept as its JSON), read by ``reading``'s reader; a figure the section lacks is
    ``reading``'s figure for no data. Both that and words never seen are named in
    ``problems``, a figure of a missing section only once, for the whole section."""
    read, missing = reading
    if section is None or key not in section:
        if section is not None:
            problems.append(f"{name} has no {key!r}")
        return missing, _NOT_PUBLISHED
    value = section[key]
    text = value if isinstance(value, str) else json.dumps(value)
    figure = read(text)
    if figure.status is Status.UNKNOWN:
        problems.append(f"{name} {key!r}: words never seen {text!r}")
    return figure, text

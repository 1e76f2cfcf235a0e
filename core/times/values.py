"""IRCC's processing times as plain values: how long an application takes, and how many
people wait, read from the words IRCC publishes.

IRCC writes a time as "About 37 months", "6 months" or "More than 10 years", and a cohort's
time left as "About 1 month left" (once "about 1 month left") or "5 months left"; a count as
"About 12,300 people waiting", "About 2,400 people ahead of you" or "Less than 100 people
ahead of you". Some figures give no number: "Not enough data", "No data available", or "We
need more time to process your application" (the estimate is already past, not missing).

A figure keeps what the words say and no more: "Less than 100" is fewer than 100, never 99
nor 50, and "More than 10 years" is a floor. Words never seen are ``Status.UNKNOWN``, for
the caller to log; no number is made up for them.
"""

import re
from dataclasses import dataclass
from enum import StrEnum


class Approx(StrEnum):
    """How a published number is to be read."""

    EXACT = "exact"  # "6 months", "5 months left"
    ABOUT = "about"  # "About 37 months", "About 12,300 people waiting"
    MORE_THAN = "more than"  # "More than 10 years": a floor
    LESS_THAN = "less than"  # "Less than 100 people ahead of you": a ceiling


class Unit(StrEnum):
    """What a duration is counted in."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class Status(StrEnum):
    """Whether a figure gives a number and, when it does not, what its words say instead."""

    KNOWN = "known"  # a number, exact or approximate
    NOT_ENOUGH_DATA = "not enough data"  # "Not enough data": IRCC gives no estimate
    MORE_TIME = "more time needed"  # "We need more time to process your application"
    NO_DATA = "no data"  # "No data available", or no figure published at all
    UNKNOWN = "unknown"  # words never seen: the caller logs them


# A month counted in smaller units, for charts: 365.25 days over 12 months, and in weeks.
PER_MONTH = {Unit.DAYS: 30.44, Unit.WEEKS: 4.345, Unit.MONTHS: 1.0}


@dataclass(frozen=True)
class Duration:
    """A processing time as published: "About 37 months" is 37 months, about; "More than
    10 years" more than 10 years. Without a number (``amount`` and ``unit`` None) when the
    words give none: ``status`` says why."""

    status: Status
    amount: int | None = None
    unit: Unit | None = None
    approx: Approx = Approx.EXACT

    @property
    def months(self) -> float | None:
        """About how many months it is, for a chart (a year is 12 months, a month 4.345
        weeks or 30.44 days), ``approx`` still saying how to read it: "More than 10 years"
        is 120.0, a floor. None when the words give no number."""
        if self.status is not Status.KNOWN or self.amount is None or self.unit is None:
            return None
        if self.unit is Unit.YEARS:
            return self.amount * 12.0
        return self.amount / PER_MONTH[self.unit]


@dataclass(frozen=True)
class People:
    """A count of people as published: "About 12,300 people waiting" is 12,300, about;
    "Less than 100 people ahead of you" fewer than 100. Without a number (``count`` None)
    when the words give none: ``status`` says why."""

    status: Status
    count: int | None = None
    approx: Approx = Approx.EXACT


# The words before a number, folded, and how they make it read.
APPROXIMATIONS = {
    "about": Approx.ABOUT,
    "more than": Approx.MORE_THAN,
    "less than": Approx.LESS_THAN,
}
# Words that stand for a figure with no number, folded.
DURATION_WORDS = {
    "we need more time to process your application": Status.MORE_TIME,
    "not enough data": Status.NOT_ENOUGH_DATA,
    "no data available": Status.NO_DATA,
}
PEOPLE_WORDS = {
    "not enough data": Status.NOT_ENOUGH_DATA,
    "no data available": Status.NO_DATA,
}

_APPROX = rf"(?:(?P<approx>{'|'.join(APPROXIMATIONS)}) )?"
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+|\d+)"
_DURATION = re.compile(rf"{_APPROX}{_NUMBER} (?P<unit>day|week|month|year)s?(?: left)?")
_PEOPLE = re.compile(rf"{_APPROX}{_NUMBER} (?:people|persons?) (?:waiting|ahead of you)")


def _words(text: str) -> str:
    """The words as compared: folded, one space apart, without a closing period: " About
    1 Month  left. " is "about 1 month left"."""
    return " ".join(text.casefold().split()).rstrip(".").rstrip()


def read_duration(text: str) -> Duration:
    """A time as IRCC writes it: "About 37 months", "6 months", "More than 10 years",
    "About 1 month left", "5 months left", in any case, in days, weeks, months or years;
    or the words for no number ("Not enough data", "No data available", "We need more time
    to process your application"). Any other words are ``Status.UNKNOWN``."""
    written = _words(text)
    if written in DURATION_WORDS:
        return Duration(DURATION_WORDS[written])
    if (found := _DURATION.fullmatch(written)) is None:
        return Duration(Status.UNKNOWN)
    unit = Unit(found["unit"] + "s")
    return Duration(Status.KNOWN, _number(found["number"]), unit, _approx(found["approx"]))


def read_people(text: str) -> People:
    """A count as IRCC writes it: "About 12,300 people waiting", "About 2,400 people ahead
    of you", "Less than 100 people ahead of you" (fewer than 100, not 99), in any case; or
    the words for no number ("Not enough data", "No data available"). Any other words are
    ``Status.UNKNOWN``."""
    written = _words(text)
    if written in PEOPLE_WORDS:
        return People(PEOPLE_WORDS[written])
    if (found := _PEOPLE.fullmatch(written)) is None:
        return People(Status.UNKNOWN)
    return People(Status.KNOWN, _number(found["number"]), _approx(found["approx"]))


def _approx(written: str | None) -> Approx:
    return APPROXIMATIONS[written] if written else Approx.EXACT


def _number(written: str) -> int:
    return int(written.replace(",", ""))

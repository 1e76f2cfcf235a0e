"""Following the processing times: what a chat's ``times`` subscription follows, and which of
an edition's figures changed since the edition before.

A subscription's key says what it follows: ``times`` the Express Entry programs (CEC, FSW,
PNP through Express Entry), ``times-cec`` one program's current time and people waiting,
``times-cec-2025-06`` those and the queue of a month of application (people ahead, time
left). Keys are made of letters, digits and hyphens, as a button's data and a deep link's
payload need; a program's key may hold hyphens itself (``pnp-ee``), so a month is read
from the end.

A figure changed when its value changed, not its words: "About 6 months" and "about 6
months." are one figure. A figure the edition before did not give is new, and told; one
the new edition dropped is not a change anybody can be told of.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.times.values import Duration, People, read_duration, read_people

TIMES = "times"
EXPRESS_ENTRY = ("cec", "fsw", "pnp-ee")  # what ``times`` follows, and /times shows
_KEY = re.compile(r"^times(?:-(?P<program>[a-z0-9][a-z0-9-]*?)(?:-(?P<month>\d{4}-\d{2}))?)?$")


@dataclass(frozen=True)
class Followed:
    """What a ``times`` subscription follows: ``program`` None for the Express Entry
    programs; with a ``month`` ("2025-06"), that month's queue too."""

    program: str | None = None
    month: str | None = None

    @property
    def key(self) -> str:
        return "-".join(part for part in (TIMES, self.program, self.month) if part)

    @property
    def programs(self) -> tuple[str, ...]:
        return EXPRESS_ENTRY if self.program is None else (self.program,)


def followed(key: str) -> Followed | None:
    """What a subscription key follows; None when it is not a ``times`` key (a draw's)."""
    found = _KEY.match(key)
    if found is None:
        return None
    return Followed(found["program"], found["month"])


def is_times_key(key: str) -> bool:
    return followed(key) is not None


# An edition's figures by (program, month): month None for the program's own; each as
# published, (time, people): the current time and the people waiting, or for a month
# the time left and the people ahead.
Published = Mapping[tuple[str, str | None], tuple[str | None, str | None]]


@dataclass(frozen=True)
class Change:
    """A figure pair of a program (``month`` None) or of a month of application that
    changed: the new values, and the earlier ones (None: the edition before gave none)."""

    program: str
    month: str | None
    time: Duration
    people: People
    time_was: Duration | None
    people_was: People | None


Changes = dict[tuple[str, str | None], Change]  # by (program, month), as Published


def changes(before: Published, after: Published) -> Changes:
    """Each figure pair of ``after`` whose values differ from ``before``'s."""
    found = {}
    for place, (time, people) in after.items():
        now = (read_duration(time or ""), read_people(people or ""))
        earlier = before.get(place)
        was = (read_duration(earlier[0] or ""), read_people(earlier[1] or "")) if earlier else None
        if was != now:
            program, month = place
            found[place] = Change(program, month, *now, *(was or (None, None)))
    return found


def told(
    subscriptions: Iterable[Followed], changed: Mapping[tuple[str, str | None], Change]
) -> list[Change]:
    """What a chat following these is told of the changes: each program's first, in the
    order followed, then each month's; every change once, however many keys name it."""
    wanted: list[tuple[str, str | None]] = []
    months: list[tuple[str, str | None]] = []
    for subscription in subscriptions:
        wanted += [(program, None) for program in subscription.programs]
        if subscription.program is not None and subscription.month is not None:
            months.append((subscription.program, subscription.month))
    places = list(dict.fromkeys(wanted + months))
    return [changed[place] for place in places if place in changed]

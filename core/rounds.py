"""A round of invitations as a source reports it: the plain value every step passes on."""

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# The official JSON's dd1..dd18: candidates in the pool by CRS range as of a date.
# dd3 and dd9 are subtotals of the ranges that follow them; dd18 is the pool's total.
DISTRIBUTION_RANGES: tuple[str, ...] = (
    "601-1200", "501-600", "451-500", "491-500", "481-490", "471-480", "461-470", "451-460",
    "401-450", "441-450", "431-440", "421-430", "411-420", "401-410", "351-400", "301-350",
    "0-300", "total",
)  # fmt: skip

_NUMBER = re.compile(r"^#?\s*(\d+)\s*([a-z]?)$", re.IGNORECASE)


@dataclass(frozen=True)
class Round:
    """One round of invitations; a field the source did not give (or gave unreadably) is None."""

    number: str
    date: dt.date | None
    category: str
    name: str
    crs: int | None
    invitations: int | None
    drawn_at: dt.datetime | None = None
    tie_break: dt.datetime | None = None
    programs: str | None = None
    distribution_as_of: dt.date | None = None
    distribution: dict[str, int | None] | None = None


def normalize_number(text: str) -> str | None:
    """A draw number as stored: "#254" -> "254", " 91B" -> "91b"; None when not a number."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    return f"{int(match.group(1))}{match.group(2).lower()}"


# A "new" round dated longer ago than this is history that reached us late (a restored
# database, a renumbered feed): it is stored but alerts nobody.
ALERT_MAX_AGE = dt.timedelta(days=30)


def too_old_to_alert(day: dt.date | None, today: dt.date) -> bool:
    return day is not None and today - day > ALERT_MAX_AGE


def rounds_to_read(listed: Iterable[tuple[str, str]], stored: Mapping[str, str | None]) -> set[str]:
    """The numbers of the listed rounds that must be read, given each listed round's
    (number, hash of its raw JSON) and the hash stored with each numbered draw.

    A round is read when no draw has its number, when its draw has no hash (stored before
    hashes were kept, or known only from news), or when its JSON changed. A number listed
    more than once is always read, since no single hash stands for it.
    """
    listed = list(listed)
    counts = Counter(number for number, _digest in listed)
    return {
        number
        for number, digest in listed
        if counts[number] > 1 or stored.get(number) is None or stored[number] != digest
    }

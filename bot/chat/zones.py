"""Reading a time zone as people write it: an IANA name ("America/Toronto") or the city that
ends one ("Toronto", "new york", "São Paulo"), in any case, with or without accents, spaces
for underscores.

The names come from zoneinfo, with the tzdata package behind it where the system has no
time-zone database.
"""

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

# Where a city's zone is looked for: the continents and oceans, not the legacy aliases
# ("US/Eastern", "Canada/Pacific") that also end in a place.
REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe",
           "Indian", "Pacific")  # fmt: skip
UTC_NAMES = frozenset({"utc", "gmt", "z", "zulu"})


@dataclass(frozen=True)
class ZoneNotFound:
    """No zone by that name; the closest one, if any is close."""

    suggestion: str | None


def _folded(text: str) -> str:
    """Lower case, without accents, underscores for spaces: "Montréal" -> "montreal"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "_".join(plain.strip().lower().replace("_", " ").split())


@cache
def _names() -> dict[str, str]:
    """Every way of writing a zone, folded, to its IANA name: the full names, then the
    cities of the regions (the first in order wins when two regions share a city)."""
    zones = sorted(available_timezones())
    names = {_folded(zone): zone for zone in zones}
    for zone in zones:
        region, _slash, city = zone.partition("/")
        if region in REGIONS and city:
            names.setdefault(_folded(city.rpartition("/")[2]), zone)
    return names


def find_zone(text: str) -> ZoneInfo | ZoneNotFound:
    """The zone a user means, or why not (with the closest name to offer)."""
    folded = _folded(text)
    if folded in UTC_NAMES:
        return ZoneInfo("UTC")
    zone = _names().get(folded)
    if zone is not None:
        return ZoneInfo(zone)
    close = difflib.get_close_matches(folded, list(_names()), n=1, cutoff=0.75)
    return ZoneNotFound(_names()[close[0]] if close else None)

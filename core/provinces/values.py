"""Provincial nominee draws as plain values: a draw, its count, the scale of its score, and
a province's stream.

A province invites from its own pool, by stream, on a score of its own: BC's registration
score, Ontario's and Alberta's expression-of-interest points, Manitoba's ranking score, or
the CRS where a stream selects on it (Ontario's Human Capital Priorities). A draw keeps the
figures exactly as the province published them: a count written "<5" or "Less than 10" is
a bound, never a number made up; a score not given is unknown. A province's streams are
found by any name it has given them, and a name never seen is a stream of its own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from core.categories import slugify

BC, ALBERTA, ONTARIO, MANITOBA = "bc", "ab", "on", "mb"
# Provinces with no source of their own: their draws are known from the news only.
SASKATCHEWAN, NOVA_SCOTIA, NEW_BRUNSWICK = "sk", "ns", "nb"
PRINCE_EDWARD_ISLAND, NEWFOUNDLAND = "pe", "nl"
PROVINCES = (
    BC, ALBERTA, ONTARIO, MANITOBA,
    SASKATCHEWAN, NOVA_SCOTIA, NEW_BRUNSWICK, PRINCE_EDWARD_ISLAND, NEWFOUNDLAND,
)  # fmt: skip


def province_of_key(key: str) -> str | None:
    """The province a subscription's key names (``bc``, or a stream of it: ``bc-tech``), or
    None for an Express Entry key."""
    code = key.partition("-")[0]
    return code if code in PROVINCES else None


class Scale(StrEnum):
    """What a stream's minimum score is counted in."""

    BC_REGISTRATION = "bc registration score"  # BC PNP's Skills Immigration Registration System
    BC_ENTREPRENEUR = "bc entrepreneur score"  # BC PNP's Entrepreneur Immigration registration
    ONTARIO_EOI = "oinp eoi score"  # OINP's expression-of-interest points
    ALBERTA_EOI = "aaip eoi score"  # AAIP's expression-of-interest points
    MANITOBA_RANKING = "mpnp ranking score"  # MPNP's expression-of-interest ranking
    SASKATCHEWAN_EOI = "sinp eoi score"  # SINP's expression-of-interest points (out of 110)
    CRS = "crs"  # Express Entry's Comprehensive Ranking System
    POINTS = "points"  # a province's own points, named no further by the source


class Bound(StrEnum):
    """How a published count is to be read."""

    EXACT = "exact"  # "1,204"
    FEWER_THAN = "fewer than"  # "<5", "Less than 10", "fewer than 5"
    AT_MOST = "at most"  # "up to 10"


@dataclass(frozen=True)
class Invitations:
    """A count as published: exact, or a bound ("<5" is fewer than 5, not 4)."""

    count: int
    bound: Bound = Bound.EXACT


@dataclass(frozen=True)
class ProvincialDraw:
    """One stream's draw on one day, as the province published it.

    ``stream`` is our key (``bc-tech``), ``stream_name`` the province's own words for it;
    ``notes`` are the words that came with the draw (targeted occupations, profile dates),
    each as published; ``selection`` names the sub-pool when the stream drew several that
    day (Manitoba's recruitment initiatives), else it is empty."""

    province: str
    stream: str
    stream_name: str
    date: date
    invitations: Invitations | None
    min_score: int | None
    scale: Scale
    notes: tuple[str, ...] = ()
    selection: str = ""


@dataclass(frozen=True)
class Stream:
    """One of a province's streams: our key (the province's code first: ``bc-tech``), the
    names the province has given it over the years (the newest first), and the scale its
    minimum score is on."""

    key: str
    names: tuple[str, ...]
    scale: Scale


def derived_stream(province: str, name: str, scale: Scale) -> Stream:
    """A stream the province's table does not know yet: a key derived from its name, so
    that its draws are stored and reach the province's subscribers."""
    return Stream(f"{province}-{slugify(name) or 'unnamed'}", (name,), scale)


class Streams:
    """A province's streams, found by their key or by any of the names the province has
    given them, each compared as ``key`` folds it (a slug by default: case, accents and
    punctuation aside). ``readings`` are the ways one name may be read, fullest first (a
    province that writes "Stream - Pathway" tries the pathway, then the stream); a name
    never seen gets a stream derived from it, on ``scale`` unless asked for another."""

    def __init__(
        self,
        province: str,
        streams: Iterable[Stream],
        scale: Scale,
        *,
        key: Callable[[str], str] = slugify,
        readings: Callable[[str], Iterable[str]] = lambda name: (name,),
    ) -> None:
        self.province, self.scale, self._key, self._readings = province, scale, key, readings
        self._by_key = {
            key(name): stream for stream in streams for name in (stream.key, *stream.names)
        }

    def known(self, name: str) -> Stream | None:
        """The stream a name means, or None for a name never seen."""
        found = (self._by_key.get(self._key(reading)) for reading in self._readings(name))
        return next((stream for stream in found if stream is not None), None)

    def of(self, name: str, scale: Scale | None = None) -> Stream:
        """The stream a name means; a name never seen gets a stream derived from it, so that
        its draws are still stored and reach the province's subscribers."""
        return self.known(name) or derived_stream(self.province, name, scale or self.scale)

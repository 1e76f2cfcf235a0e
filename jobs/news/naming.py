"""Which province an article about a nominee draw speaks of, and which of its streams each
sentence names.

A province by any of its names: in full in any case ("British Columbia", "Nouvelle-Écosse"),
short only in capitals ("BC", "OINP", "PEI"), the two-letter codes other than BC never
(they are common words). A stream by any name its province's tables give it (and by the
English a French name reads as once translated), accents aside: a name of several words in
any case; an acronym as written ("SWM"); a one-word name ("Tech", "Education") only beside
a word that makes it a stream's ("the Tech draw", "healthcare candidates", "volet Tech",
"Tech: 92 invitations", "the Healthcare-targeted draw").
"""

import re
import unicodedata
from collections.abc import Sequence

from core.provinces.registry import names_of
from core.provinces.values import PROVINCES, Stream
from jobs.news.french import to_english

_LOWER_SECTOR = (
    r"(?:draws?|streams?|candidates|workers|occupations|professionals|sector|category|pathway)"
)
_STREAM_BEFORE = r"(?:(?<=\bvolet )|(?<=\bstream )|(?<=\bcategory )|(?<=\bpathway ))"
# After a stream's name: not a word going on, but "-targeted" ("the Healthcare-targeted draw").
_NAME_END = r"(?:(?![\w-])|(?=-(?:targeted|focused|specific|only)\b))"
# "profiles created between July 2 and September 2, 2025": not the draw's date, nor another draw.


def the_province(text: str) -> str | None:
    """The one province the words name; None for none or several."""
    named = {code for code, pattern in _PROVINCE_PATTERNS.items() if pattern.search(text)}
    return named.pop() if len(named) == 1 else None


def _province_pattern(code: str) -> re.Pattern[str]:
    """A province's names as they appear in text: its full names in any case, its short
    names (BC, OINP, PEI) only in capitals; two-letter codes other than BC are too common."""
    long, short = [], []
    for name in names_of(code):
        if len(name) <= 2 and name != "bc":
            continue
        if len(name) <= 5 and " " not in name:
            short.append(re.escape(name.upper()))
        else:
            long.append(re.escape(name).replace(r"\ ", r"[\s-]+"))
    parts = [rf"(?i:{'|'.join(long)})"] if long else []
    parts += short
    return re.compile(rf"(?<![\w.])(?:{'|'.join(parts)})(?![\w])")


_PROVINCE_PATTERNS = {code: _province_pattern(code) for code in PROVINCES}


class StreamFinder:
    """A province's streams as an article names them: a name of several words in any case,
    a one-word name as written ("Tech", "SWO") or in lower case before a word such as
    "draw" or "candidates" ("healthcare candidates")."""

    def __init__(self, streams: Sequence[Stream]) -> None:
        self.scale = streams[0].scale if streams else None
        patterns = []
        written_in = {  # each name as written, and as a French one reads once put in English
            (plain(variant), stream)
            for stream in streams
            for name in stream.names
            for variant in (name, to_english(name))
        }
        names = sorted(written_in, key=lambda pair: (-len(pair[0]), pair[0]))
        for name, stream in names:
            written = (
                re.escape(name)
                .replace(r"\ ", r"\s+")
                .replace(r"\-", r"\s*[-\u2013\u2014:]\s*")
                .replace("Labour", "Labou?r")
            )
            if re.search(r"[\s:-]", name):
                pattern = rf"(?i:{written})"
            elif name.isupper():  # an acronym: "SWM", "AOS"
                pattern = written
            else:  # a word: "Tech draw", "healthcare candidates", "Tech: 92", "volet Tech"
                after = rf"(?=\s+{_LOWER_SECTOR}\b|\s*:|-(?:targeted|focused)\b)"
                pattern = rf"(?:{_STREAM_BEFORE}(?i:{written})|(?i:{written}){after})"
            patterns.append((re.compile(rf"(?<![\w-]){pattern}{_NAME_END}"), stream))
        self._patterns = patterns

    def find(self, text: str) -> list[Stream]:
        """The streams the words name, in order, each once; a longer name hides the shorter
        ones inside it ("Express Entry BC - Skilled Worker" is not also "Skilled Worker")."""
        text = plain(text)
        taken: list[tuple[int, int, Stream]] = []
        for pattern, stream in self._patterns:
            for match in pattern.finditer(text):
                start, end = match.span()
                if not any(
                    start < other_end and other_start < end for other_start, other_end, _ in taken
                ):
                    taken.append((start, end, stream))
        found: dict[str, Stream] = {}
        for _start, _end, stream in sorted(taken, key=lambda item: item[0]):
            found.setdefault(stream.key, stream)
        return list(found.values())


def plain(text: str) -> str:
    """The words without their accents, in their case ("étrangers" is "etrangers")."""
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )

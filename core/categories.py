"""Category keys: one stable key per kind of round, whatever IRCC calls it this year.

Official names drift between versions ("Healthcare occupations (Version 1)",
"Healthcare and Social Services Occupations, 2026-Version 3"); :func:`category_key` maps
them all to ``healthcare``. A name never seen before still gets a key of its own, derived
from the name with its version suffix dropped, so new categories are stored and reach
subscribers of ``all``.
"""

import difflib
import re
import unicodedata
from collections.abc import Iterable

from core import aliases

GENERAL = "general"
ALL = "all"

# Official names of all-program rounds, then the known keys, each with the words that
# identify its official names (checked in order: the first rule whose words all appear wins).
_EXACT_NAMES = {"no program specified": GENERAL, "general": GENERAL}
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cec", ("canadian experience class",)),
    ("fsw", ("federal skilled worker",)),
    ("fst", ("federal skilled trades",)),
    ("pnp", ("provincial nominee",)),
    ("french", ("french",)),
    ("healthcare", ("healthcare",)),
    ("healthcare", ("health",)),
    ("stem", ("stem",)),
    ("trade", ("trade",)),
    ("transport", ("transport",)),
    ("agriculture", ("agriculture",)),
    ("education", ("education",)),
    ("physicians", ("physician",)),
    ("senior-managers", ("senior manager",)),
)

# The known keys, in the order lists show them; their names for people are in bot.messages'
# catalogs ("category.<key>").
KNOWN_KEYS: tuple[str, ...] = (
    GENERAL, "cec", "fsw", "fst", "pnp", "french", "healthcare", "stem", "trade", "transport",
    "agriculture", "education", "physicians", "senior-managers",
)  # fmt: skip


def in_order(keys: Iterable[str]) -> list[str]:
    """Keys as lists show them: the known ones in their order, then any new ones by name."""
    given = set(keys)
    return [key for key in KNOWN_KEYS if key in given] + sorted(given - set(KNOWN_KEYS))


_VERSION_SUFFIX = re.compile(
    r"[\s,(-]*(\d{4}\s*-\s*)?version\s*\d+\)?\s*$|\s*\(\s*\d{4}\s*\)\s*$", re.IGNORECASE
)
_GENERIC_SUFFIX = re.compile(r"\s+(occupations?|with canadian work experience)$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def strip_version(name: str) -> str:
    """Drop a version suffix: "Trades Occupations, 2026-Version 3" -> "Trades Occupations"."""
    previous = None
    while previous != name:
        previous, name = name, _VERSION_SUFFIX.sub("", name).strip()
    return name


def fold(text: str) -> str:
    """Text without capitals or accents: "Santé" -> "sante", "MÉTIERS" -> "metiers"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slugify(text: str) -> str:
    """Folded words joined by hyphens: "Senior managers" -> "senior-managers", "Soins de
    santé" -> "soins-de-sante"."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")


# What people type (core.aliases' names, folded) and the key it names.
ALIASES: dict[str, str] = {
    slugify(name): key
    for table in (aliases.ENGLISH, aliases.FRENCH)
    for key, names in table.items()
    for name in names
} | {slugify(name): ALL for name in aliases.EVERY_DRAW}


def category_key(official_name: str) -> str:
    """The stable key of an official round name; a new name gets a key derived from it."""
    name = " ".join(strip_version(official_name).lower().split())
    if name in _EXACT_NAMES:
        return _EXACT_NAMES[name]
    for key, words in _RULES:
        if all(re.search(rf"\b{re.escape(word)}", name) for word in words):
            return key
    return slugify(_GENERIC_SUFFIX.sub("", name)) or slugify(official_name) or "unnamed"


def resolve(user_text: str, extra_keys: frozenset[str] = frozenset()) -> str | None:
    """The key a user means ("STEM", "health", "senior managers", "santé", "Métiers"), ALL
    for every draw ("all", "tous"), or None if unknown. Accents and capitals are optional.

    ``extra_keys`` are keys that exist only in stored draws (categories added by IRCC after
    this list was written).
    """
    slug = slugify(user_text)
    if slug in KNOWN_KEYS or slug in extra_keys:
        return slug
    return ALIASES.get(slug)


def suggest(user_text: str, extra_keys: frozenset[str] = frozenset()) -> str | None:
    """The closest key to a mistyped category ("helthcare", "sant", "metier"), if one is
    close enough to offer."""
    words = [*KNOWN_KEYS, *ALIASES, *extra_keys]
    close = difflib.get_close_matches(slugify(user_text), words, n=1, cutoff=0.6)
    if not close:
        return None
    return resolve(close[0], extra_keys)

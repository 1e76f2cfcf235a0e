"""Every province the bot knows, and the keys people type for them: a province (``bc``, and
the names people use: ``bcpnp``, ``British Columbia``, ``Colombie-Britannique``) or one of
its streams (``bc-tech``). Provinces with no source of their own are known by name too:
their draws come from the news.
"""

from core.categories import slugify
from core.provinces import alberta, bc, manitoba, ontario, others
from core.provinces.values import (
    ALBERTA,
    BC,
    MANITOBA,
    NEW_BRUNSWICK,
    NEWFOUNDLAND,
    NOVA_SCOTIA,
    ONTARIO,
    PRINCE_EDWARD_ISLAND,
    PROVINCES,
    SASKATCHEWAN,
    Scale,
    Stream,
    province_of_key,
)

SOURCED = {BC: bc, ALBERTA: alberta, ONTARIO: ontario, MANITOBA: manitoba}
# Names beside each province's own table: French ones, and the provinces known from news.
OTHER_NAMES: dict[str, tuple[str, ...]] = {
    BC: ("colombie-britannique", "c.-b.", "pcp de la c.-b."),
    ALBERTA: ("pcpa",),
    ONTARIO: ("poci", "programme ontarien des candidats à l'immigration"),
    MANITOBA: ("pcpm",),
    SASKATCHEWAN: ("sk", "sinp", "saskatchewan"),
    NOVA_SCOTIA: ("ns", "nsnp", "nova scotia", "nouvelle-écosse"),
    NEW_BRUNSWICK: ("nb", "nbpnp", "new brunswick", "nouveau-brunswick"),
    PRINCE_EDWARD_ISLAND: ("pe", "pei", "pei pnp", "prince edward island", "île-du-prince-édouard"),
    NEWFOUNDLAND: (
        "nl", "nlpnp", "newfoundland", "newfoundland and labrador", "terre-neuve-et-labrador",
    ),
}  # fmt: skip


def _names() -> dict[str, str]:
    """Each way of naming a province, folded, and its code."""
    named = {code: code for code in PROVINCES}
    for code, module in SOURCED.items():
        named |= {slugify(name): code for name in module.NAMES}
    for code, names in OTHER_NAMES.items():
        named |= {slugify(name): code for name in names}
    return named


PROVINCE_NAMES = _names()
# Each province's streams: from its own table, or, for a province known from news, others'.
STREAMS_OF: dict[str, tuple[Stream, ...]] = {
    **{code: tuple(module.STREAMS) for code, module in SOURCED.items()},
    **others.STREAMS,
}
STREAMS: dict[str, Stream] = {
    stream.key: stream for streams in STREAMS_OF.values() for stream in streams
}


def names_of(code: str) -> list[str]:
    """Every name a province goes by, as written in the tables (for finding it in text)."""
    module = SOURCED.get(code)
    return [*(module.NAMES if module else ()), *OTHER_NAMES.get(code, ())]


def resolve_province(text: str, stored: frozenset[str] = frozenset()) -> str | None:
    """The province or stream key a user means ("BC", "bcpnp", "bc-tech", "bc tech"), or
    None. ``stored``: keys of stored draws (a stream a province added lately)."""
    slug = slugify(text)
    if slug in PROVINCE_NAMES:
        return PROVINCE_NAMES[slug]
    if slug in STREAMS or (slug in stored and province_of_key(slug)):
        return slug
    return None


def names_to_suggest() -> list[str]:
    """Every province name and stream key, for suggesting the closest to a typo."""
    return [*PROVINCE_NAMES, *STREAMS]


def scale_of(key: str) -> Scale | None:
    """The scale a stream's minimum score is on (None: a whole province, or unknown)."""
    stream = STREAMS.get(key)
    return stream.scale if stream else None

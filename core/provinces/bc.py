"""British Columbia's streams: the BC PNP's Skills Immigration and Entrepreneur Immigration
draws, by the names the province has given them since 2020.

A Skills Immigration draw is either general, inviting each stream on its own score
(Skilled Worker, International Graduate, Entry Level and Semi-Skilled, and until 2024 their
Express Entry BC options), or targeted at a sector (tech, health care, childcare,
construction, veterinary care, education) or, since 2025, at candidates of high economic
impact. A general draw's row is a stream of its own; a targeted draw's row is its sector,
whatever streams it was open to. Every Skills Immigration score is BC's registration score
(out of 200), Express Entry BC options included: the province never publishes a CRS.
Entrepreneur Immigration draws are scored on the entrepreneur registration.

The page's figures are read here too, as it writes them (``core.provinces.figures``): a
count "<5" is fewer than 5, never a number, and "1 204" one number; a score "N/A" (a wage
route) is no score.
"""

import re
from typing import NamedTuple

from core.categories import slugify
from core.provinces import figures
from core.provinces.values import BC, Invitations, Scale, Stream, Streams, derived_stream

PROVINCE = BC
NAMES = (
    "bc", "b.c.", "bcpnp", "bc pnp", "british columbia",
    "colombie-britannique", "colombie britannique", "c.-b.", "cb",
)  # fmt: skip

_SKILLS, _ENTREPRENEUR = Scale.BC_REGISTRATION, Scale.BC_ENTREPRENEUR

STREAMS = (
    # The general draw's streams: "SI - ..." and "EEBC - ..." until 2021, then "... - EEBC option".
    Stream("bc-skilled-worker", (
        "Skilled Worker", "SI - Skilled Worker", "Skills Immigration - Skilled Worker",
    ), _SKILLS),
    Stream("bc-skilled-worker-eebc", (
        "Skilled Worker - EEBC option", "EEBC - Skilled Worker",
        "Express Entry BC - Skilled Worker",
    ), _SKILLS),
    Stream("bc-international-graduate", (
        "International Graduate", "SI - International Graduate",
        "Skills Immigration - International Graduate",
    ), _SKILLS),
    Stream("bc-international-graduate-eebc", (
        "International Graduate - EEBC option", "EEBC - International Graduate",
        "Express Entry BC - International Graduate",
    ), _SKILLS),
    Stream("bc-entry-level", (
        "Entry Level & Semi-Skilled", "Entry Level and Semi-Skilled",
        "SI - Entry Level and Semi-Skilled", "Skills Immigration - Entry Level and Semi-Skilled",
        "Entry level", "ELSS",
    ), _SKILLS),
    Stream("bc-health-authority", ("Health Authority",), _SKILLS),
    # Targeted draws, named for their sector: "Care: ...", "Build: ...", "Innovate: ..." since 2025.
    Stream("bc-high-impact", (
        "Innovate: High Economic Impact", "High Economic Impact", "Innovate",
    ), _SKILLS),
    Stream("bc-tech", ("Tech", "Tech Pilot", "Technology"), _SKILLS),
    Stream("bc-healthcare", ("Care: Health", "Healthcare", "Health care", "Health"), _SKILLS),
    Stream("bc-childcare", (
        "Care: Childcare", "Childcare", "Early childhood educators and assistants",
    ), _SKILLS),
    Stream("bc-education", ("Care: Education", "Education"), _SKILLS),
    Stream("bc-veterinary", (
        "Care: Veterinary Care", "Veterinary care", "Other priority occupations", "Veterinary",
    ), _SKILLS),
    Stream("bc-construction", ("Build: Construction Trades", "Construction"), _SKILLS),
    Stream("bc-rural-health", (
        "Temporary Rural/Remote Health Support Initiative", "Rural/Remote Health Support",
        "Rural Health",
    ), _SKILLS),
    # Entrepreneur Immigration.
    Stream("bc-ei-base", (
        "Base", "Entrepreneur Immigration - Base Category", "Base Category", "EI Base",
    ), _ENTREPRENEUR),
    Stream("bc-ei-regional", (
        "Regional", "Entrepreneur Immigration - Regional Pilot", "Regional Pilot", "EI Regional",
    ), _ENTREPRENEUR),
)  # fmt: skip

# A draw type that names no sector: its rows are read by their stream.
GENERAL_DRAW_NAMES = ("General", "General draw")

SCORE_MEANING = {
    "bc-skilled-worker": "The lowest BC registration score (out of 200) invited in the stream.",
    "bc-skilled-worker-eebc": "The lowest BC registration score (out of 200), not a CRS.",
    "bc-international-graduate": "The lowest BC registration score (out of 200) invited.",
    "bc-international-graduate-eebc": "The lowest BC registration score (out of 200), not a CRS.",
    "bc-entry-level": "The lowest BC registration score (out of 200) invited in the stream.",
    "bc-health-authority": "The lowest BC registration score (out of 200) invited.",
    "bc-high-impact": "The lowest registration score of the points route; a wage route has none.",
    "bc-tech": "The lowest BC registration score invited among the tech occupations.",
    "bc-healthcare": "The lowest BC registration score invited among the health occupations.",
    "bc-childcare": "The lowest BC registration score invited among early childhood educators.",
    "bc-education": "The lowest BC registration score invited among the education occupations.",
    "bc-veterinary": "The lowest BC registration score invited among the veterinary occupations.",
    "bc-construction": "The lowest BC registration score invited among the construction trades.",
    "bc-rural-health": "The lowest BC registration score invited in the rural health initiative.",
    "bc-ei-base": "The lowest Entrepreneur Immigration registration score invited.",
    "bc-ei-regional": "The lowest Entrepreneur Immigration registration score invited.",
}

_AMPERSAND = re.compile(r"\s*&\s*")
_TARGETED = re.compile(r"^target(?:ed)? draw\s*[:\-\u2013]?\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_SPLIT_NUMBER = re.compile(r"(?<=\d)\s+(?=\d)")  # "60 5": a number split across tags


def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, punctuation and "&" for "and" don't
    matter ("Entry Level & Semi-Skilled" is "entry-level-and-semi-skilled")."""
    return slugify(_AMPERSAND.sub(" and ", name))


_BY_NAME = Streams(PROVINCE, STREAMS, _SKILLS, key=name_key)
# A name never seen: known_stream finds none, stream_of derives a stream from it.
known_stream, stream_of = _BY_NAME.known, _BY_NAME.of
_GENERAL = {name_key(name) for name in GENERAL_DRAW_NAMES}


def is_general_draw(name: str) -> bool:
    """Whether a draw type names the general draw rather than a sector."""
    return name_key(name) in _GENERAL


class RowStream(NamedTuple):
    """The stream a draw table's row is for, the name it was found by, and whether that
    name is the draw type (a sector) rather than the stream."""

    stream: Stream
    name: str
    by_draw_type: bool


def row_stream(
    draw_type: str, streams: str, scale: Scale = _SKILLS, considerations: str = ""
) -> RowStream | None:
    """A row's stream: the sector its draw type names ("Tech", "Care: Health", "Targeted
    draw: Healthcare"; or its other considerations, "Tech Pilot"), else its stream ("Skilled
    Worker"). A draw type never seen is a stream of its own; the streams cell is read when the
    draw type is general or absent. Only streams on ``scale`` are found: "Regional" in a
    Skills Immigration table is no entrepreneur stream."""
    general = any(is_general_draw(name) for name in names_in(draw_type))
    for text in ("" if general else draw_type, considerations):
        for name in names_in(text):
            if (stream := _known(name, scale)) is not None:
                return RowStream(stream, name, True)
    for name in names_in(streams):
        if (stream := _known(name, scale)) is not None:
            return RowStream(stream, name, False)
    if draw_type and not general:
        name = _plain(draw_type)
        return RowStream(derived_stream(PROVINCE, name, scale), name, True)
    return RowStream(derived_stream(PROVINCE, streams, scale), streams, False) if streams else None


def names_in(text: str) -> list[str]:
    """The names a cell may give, fullest first: "Targeted draw: Childcare: Early childhood
    educators (NOC 42202)" may say that, "Childcare: Early childhood educators", "Childcare"."""
    rest, plain = _TARGETED.sub("", text.strip(" *")), _plain(text)
    names = (text.strip(" *"), rest, plain, plain.split(":")[0].strip())
    return [name for name in dict.fromkeys(names) if name]


def _plain(text: str) -> str:
    """A draw type without "Targeted draw:" and parentheses: "Retail managers"."""
    return _PARENTHESES.sub("", _TARGETED.sub("", text.strip(" *"))).strip(" *") or text


def _known(name: str, scale: Scale) -> Stream | None:
    stream = known_stream(name)
    return stream if stream is not None and stream.scale == scale else None


def count_of(written: str) -> Invitations | None:
    """A count as the page writes it: "1,204", "<5" (fewer than 5), "Less than 10", digits
    parted by spaces or tags as one number ("60 5"); none for "N/A" or a blank; ValueError
    for anything else."""
    joined = _SPLIT_NUMBER.sub("", written)
    if figures.not_given(joined):
        return None
    if (found := figures.count(joined)) is None:
        raise ValueError(f"unreadable count {written!r}")
    return found


def score_of(written: str) -> int | None:
    """A minimum score as the page writes it, one to a cell: "132", "41 and above", "EOI 85
    points"; none for "N/A" (a wage route) or a blank; ValueError for anything else."""
    if figures.not_given(written):
        return None
    if (found := figures.score(written)) is None:
        raise ValueError(f"unreadable score {written!r}")
    return found

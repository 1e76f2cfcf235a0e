"""Alberta's streams: the Alberta Advantage Immigration Program (AAIP, called the Alberta
Immigrant Nominee Program, AINP, until 2021) and the names its draw table has given them.

Since the worker expression-of-interest pool opened (September 30, 2024) every draw's
minimum score is on AAIP's own EOI points grid, Express Entry pathways included: their
"CRS of 300 or more" is a selection parameter, not the score. Before that the Alberta
Express Entry Stream drew from the federal pool and published the CRS of its lowest-ranked
candidate: the same streams, but those draws are read with ``Scale.CRS`` (the reader takes
the scale from the score column's header), so a score is never compared across scales.
"""

import re

from core.categories import fold, slugify
from core.provinces.values import ALBERTA, Scale, Stream, Streams

DASH = "\u2013"  # the en dash AAIP writes between a stream and its pathway
_AEES, _DHCP = "Alberta Express Entry Stream", "Dedicated Health Care Pathway"

NAMES = ("ab", "aaip", "ainp", "alberta", "alberta pnp", "ab pnp")

OPPORTUNITY = Stream(
    "ab-opportunity",
    ("Alberta Opportunity Stream", "AOS", "Opportunity"),
    Scale.ALBERTA_EOI,
)
EXPRESS_ENTRY = Stream(
    "ab-express-entry",
    ("Alberta Express Entry Stream", "Alberta Express Entry", "AAIP Express Entry",
     "AEES", "Express Entry"),
    Scale.ALBERTA_EOI,
)  # fmt: skip
TECH = Stream(
    "ab-tech",
    (f"{_AEES} {DASH} Accelerated Tech Pathway", "Accelerated Tech Pathway",
     "Alberta Accelerated Tech Pathway", "Tech Pathway", "Tech", "ATP"),
    Scale.ALBERTA_EOI,
)  # fmt: skip
LAW_ENFORCEMENT = Stream(
    "ab-law-enforcement",
    (f"{_AEES} {DASH} Law Enforcement Pathway", "Law Enforcement Pathway",
     "Law Enforcement"),
    Scale.ALBERTA_EOI,
)  # fmt: skip
PRIORITY_SECTORS = Stream(
    "ab-priority-sectors",
    (f"{_AEES} {DASH} Priority Sectors", "Priority sector draws and other initiatives",
     "Express Entry Priority Sectors", "EE Priority Sectors"),
    Scale.ALBERTA_EOI,
)  # fmt: skip
HEALTHCARE_EXPRESS_ENTRY = Stream(
    "ab-healthcare-ee",
    (f"{_DHCP} {DASH} Express Entry", f"{_DHCP} (Express Entry)",
     "Dedicated Healthcare Pathway with Alberta job offer", "Healthcare Express Entry",
     "Health EE"),
    Scale.ALBERTA_EOI,
)  # fmt: skip
HEALTHCARE = Stream(
    "ab-healthcare",
    (f"{_DHCP} {DASH} non-Express Entry", f"{_DHCP} (Non-Express Entry)",
     "Healthcare non-Express Entry", "Health non-EE"),
    Scale.ALBERTA_EOI,
)  # fmt: skip
RURAL_RENEWAL = Stream(
    "ab-rural-renewal",
    ("Rural Renewal Stream", "Rural Renewal", "RRS", "Rural"),
    Scale.ALBERTA_EOI,
)
TOURISM = Stream(
    "ab-tourism",
    ("Tourism and Hospitality Stream", "Tourism and Hospitality", "Tourism", "Hospitality"),
    Scale.ALBERTA_EOI,
)  # fmt: skip

STREAMS: tuple[Stream, ...] = (
    OPPORTUNITY, EXPRESS_ENTRY, TECH, LAW_ENFORCEMENT, PRIORITY_SECTORS,
    HEALTHCARE_EXPRESS_ENTRY, HEALTHCARE, RURAL_RENEWAL, TOURISM,
)  # fmt: skip

_EOI = "AAIP's worker expression-of-interest points"
SCORE_MEANING: dict[str, str] = {
    OPPORTUNITY.key: f"{_EOI} of the lowest-ranked candidate invited.",
    EXPRESS_ENTRY.key: f"{_EOI} since October 2024; the CRS of the lowest-ranked candidate "
    "in draws before then.",
    TECH.key: f"{_EOI} of the lowest-ranked candidate invited (CRS of 300 or more required).",
    LAW_ENFORCEMENT.key: f"{_EOI} of the lowest-ranked candidate invited.",
    PRIORITY_SECTORS.key: f"{_EOI} of the lowest-ranked candidate in the targeted sector.",
    HEALTHCARE_EXPRESS_ENTRY.key: f"{_EOI} since October 2024; the CRS in draws before then.",
    HEALTHCARE.key: f"{_EOI} of the lowest-ranked candidate invited.",
    RURAL_RENEWAL.key: f"{_EOI} of the lowest-ranked candidate invited.",
    TOURISM.key: f"{_EOI} of the lowest-ranked candidate invited.",
}

_GENERIC_WORDS = re.compile(r"\b(?:streams?|pathways?)\b")


def name_key(name: str) -> str:
    """A name folded for comparison: case, accents, punctuation and the words "stream" and
    "pathway" don't matter ("Alberta Express Entry" is the Alberta Express Entry Stream),
    nor does "health care" against "healthcare"."""
    return slugify(_GENERIC_WORDS.sub(" ", fold(name))).replace("health-care", "healthcare")


_PARENTHESES = re.compile(r"\([^()]*\)")
_DASH = re.compile(r"\s[\u2013\u2014-]\s|\s*[\u2013\u2014]\s*")


def _readings(name: str) -> tuple[str, ...]:
    """The ways a name is tried: whole, then without its words in parentheses ("Priority
    Sectors (Health Care)"), then, for "Stream, dash, Pathway", the pathway and then the
    stream: a pathway never seen still belongs to its stream."""
    plain = _PARENTHESES.sub(" ", name)
    return (name, plain, *reversed(_DASH.split(plain, maxsplit=1)))


_BY_NAME = Streams(ALBERTA, STREAMS, Scale.ALBERTA_EOI, key=name_key, readings=_readings)
# A name never seen: known_stream finds none, stream_of derives a stream from it.
known_stream, stream_of = _BY_NAME.known, _BY_NAME.of

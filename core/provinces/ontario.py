"""Ontario's streams: the Ontario Immigrant Nominee Program (OINP) and the names its streams
have had on its yearly updates pages, in English and in French.

The Employer Job Offer streams (Foreign Worker, International Student, In-Demand Skills) and
the Masters and PhD Graduate streams invite from OINP's Expression of Interest pool, on its
own points. The Express Entry streams (Human Capital Priorities, French-Speaking Skilled
Worker, Skilled Trades) search the federal Express Entry pool and select on the CRS.
"""

import re

from core.categories import slugify
from core.provinces.values import ONTARIO, Scale, Stream, Streams

PROVINCE = ONTARIO
# What people call the province's program, in English and French.
NAMES: tuple[str, ...] = (
    "on", "ont", "oinp", "ontario", "ontario pnp", "ontario immigrant nominee program",
    "poci", "programme ontarien des candidats a l'immigration",
)  # fmt: skip

STREAMS: tuple[Stream, ...] = (
    Stream(
        "on-fw",
        (
            "Employer Job Offer: Foreign Worker", "Foreign Worker", "EJO Foreign Worker",
            "EJO FW", "FW", "Offre d'emploi d'un employeur : volet des travailleurs étrangers",
            "travailleurs etrangers", "travailleur etranger",
        ),
        Scale.ONTARIO_EOI,
    ),
    Stream(
        "on-student",
        (
            "Employer Job Offer: International Student", "International Student",
            "EJO International Student", "EJO IS",
            "Offre d'emploi d'un employeur : volet des étudiants étrangers",
            "etudiants etrangers", "etudiant etranger",
        ),
        Scale.ONTARIO_EOI,
    ),
    Stream(
        "on-ids",
        (
            "Employer Job Offer: In-Demand Skills", "In-Demand Skills", "EJO In-Demand Skills",
            "EJO IDS", "IDS", "Offre d'emploi d'un employeur : volet des compétences en demande",
            "competences en demande",
        ),
        Scale.ONTARIO_EOI,
    ),
    Stream(
        "on-masters",
        (
            "Masters Graduate", "Master's Graduate", "Masters Graduates", "Masters",
            "Volet des diplômés titulaires d'une maîtrise", "diplomes titulaires d'une maitrise",
        ),
        Scale.ONTARIO_EOI,
    ),
    Stream(
        "on-phd",
        (
            "PhD Graduate", "Ph.D. Graduate", "PhD Graduates", "PhD",
            "Volet des diplômés titulaires d'un doctorat", "diplomes titulaires d'un doctorat",
        ),
        Scale.ONTARIO_EOI,
    ),
    Stream(
        "on-hcp",
        (
            "Ontario's Express Entry Human Capital Priorities", "Human Capital Priorities",
            "Express Entry Human Capital Priorities", "Express Human Capital Priorities", "HCP",
            "Volet Entrée express de l'Ontario : Priorités en matière de capital humain",
            "priorites en matiere de capital humain",
        ),
        Scale.CRS,
    ),
    Stream(
        "on-french",
        (
            "Ontario's Express Entry French-Speaking Skilled Worker",
            "French-Speaking Skilled Worker", "Express Entry French-Speaking Skilled Worker",
            "FSSW", "French",
            "Volet Entrée express de l'Ontario : Travailleurs qualifiés d'expression française",
            "travailleurs qualifies d'expression francaise",
        ),
        Scale.CRS,
    ),
    Stream(
        "on-trades",
        (
            "Ontario's Express Entry Skilled Trades", "Skilled Trades",
            "Express Entry Skilled Trades", "Trades",
            "Volet Entrée express de l'Ontario : Métiers spécialisés", "metiers specialises",
        ),
        Scale.CRS,
    ),
    Stream(
        "on-entrepreneur",
        ("Entrepreneur", "Volet des entrepreneurs", "entrepreneurs"),
        Scale.ONTARIO_EOI,
    ),
)  # fmt: skip

# What a stream's minimum score means, in a sentence for the bot's answers.
SCORE_MEANING: dict[str, str] = {
    "on-fw": "OINP expression-of-interest points (job offer, wage, experience, language, region)",
    "on-student": "OINP expression-of-interest points (job offer, education, language, region)",
    "on-ids": "OINP expression-of-interest points (job offer, experience, language, region)",
    "on-masters": "OINP expression-of-interest points (education, language, region of study)",
    "on-phd": "OINP expression-of-interest points (education, language, region of study)",
    "on-hcp": "the lowest CRS score (federal Express Entry points) Ontario invited",
    "on-french": "the lowest CRS score (federal Express Entry points) Ontario invited",
    "on-trades": "the lowest CRS score (federal Express Entry points) Ontario invited",
    "on-entrepreneur": "points of the Entrepreneur stream's own expression of interest",
}

_STREAM_SUFFIX = re.compile(r"(^|-)(the|volet-des?)-|-(streams?|volet)$")


def name_key(name: str) -> str:
    """A name as compared: folded, punctuation dropped, a trailing "stream" left out."""
    slug = slugify(name.replace("\u2019", "'").replace("'", ""))
    previous = None
    while previous != slug:
        previous, slug = slug, _STREAM_SUFFIX.sub(lambda match: match.group(1), slug)
    return slug.strip("-")


_BY_NAME = Streams(PROVINCE, STREAMS, Scale.ONTARIO_EOI, key=name_key)
# A name never seen: known_stream finds none, stream_of derives a stream from it.
known_stream, stream_of = _BY_NAME.known, _BY_NAME.of
# Names long enough to be found inside a heading ("... for the Masters Graduate stream"),
# the longest first so that "Express Entry Skilled Trades" wins over "Skilled Trades".
_FINDABLE = sorted(
    ((name_key(name), stream, name) for stream in STREAMS for name in stream.names if " " in name),
    key=lambda entry: -len(entry[0]),
)


def stream_named_in(text: str) -> tuple[Stream, str] | None:
    """The stream a longer text names ("Invitations to apply issued for the Employer Job
    Offer: Foreign Worker stream"), with the name as the stream table spells it."""
    words = f"-{name_key(text)}-"
    for key, stream, name in _FINDABLE:
        if f"-{key}-" in words:
            return stream, name
    return None

"""Manitoba's nominee program (MPNP): its names, its streams and what their scores mean.

MPNP invites from its Expression of Interest pool by stream; each stream's cut-off is the
MPNP ranking score (out of 1,000) of the lowest-ranked candidate invited, never the CRS,
even for candidates of the Manitoba Express Entry Pathway. The streams' names changed over
the years: Skilled Workers in Manitoba (its pathways: Manitoba Work Experience, Employer
Direct Recruitment), Skilled Workers Overseas (Manitoba Express Entry, Human Capital), the
International Education Stream (in draws from 2019), the Skilled Worker Stream that draws
from both skilled worker pools at once (from 2025), and the special draws for people affected
by the war in Ukraine (2022-2023). A pathway's name finds its stream.
"""

from core.provinces.values import MANITOBA, Scale, Stream, Streams

PROVINCE = MANITOBA
# What people call the province or its program, in English and French.
NAMES = (
    "mb", "mpnp", "manitoba", "mb pnp", "manitoba pnp", "manitoba provincial nominee program",
    "pcm", "programme des candidats du manitoba",
)  # fmt: skip

RANKING = Scale.MANITOBA_RANKING

STREAMS: tuple[Stream, ...] = (
    Stream(
        "mb-sw",
        ("Skilled Worker Stream",),
        RANKING,
    ),
    Stream(
        "mb-swm",
        (
            "Skilled Worker in Manitoba", "Skilled Workers in Manitoba",
            "Skilled Workers in Manitoba Stream", "Manitoba Work Experience Pathway",
            "Employer Direct Recruitment Pathway", "Manitoba Employer Direct Recruitment Pathway",
            "SWM", "Travailleurs qualifiés au Manitoba",
        ),
        RANKING,
    ),
    Stream(
        "mb-swo",
        (
            "Skilled Worker Overseas", "Skilled Workers Overseas",
            "Skilled Workers Overseas Stream", "Manitoba Express Entry Pathway",
            "Human Capital Pathway", "Manitoba Human Capital Pathway", "SWO",
            "Travailleurs qualifiés à l'étranger", "Travailleurs qualifiés outre-mer",
        ),
        RANKING,
    ),
    Stream(
        "mb-ies",
        (
            "International Education Stream", "International Education",
            "Career Employment Pathway", "Graduate Internship Pathway",
            "International Student Entrepreneur Pilot", "IES", "Volet éducation internationale",
        ),
        RANKING,
    ),
    Stream(
        "mb-ukraine",
        ("Special Immigration Measure - Ukraine", "Ukraine"),
        RANKING,
    ),
)  # fmt: skip

# What a stream's minimum score means, for the bot's answers.
SCORE_MEANING: dict[str, str] = {
    "mb-sw": "MPNP ranking score (out of 1,000) of the lowest-ranked skilled worker invited, "
    "in Manitoba or overseas; often not published for strategic recruitment draws",
    "mb-swm": "MPNP ranking score (out of 1,000) of the lowest-ranked Skilled Worker in "
    "Manitoba candidate invited",
    "mb-swo": "MPNP ranking score (out of 1,000) of the lowest-ranked Skilled Worker Overseas "
    "candidate invited (not the CRS, even for Express Entry candidates)",
    "mb-ies": "MPNP ranking score of the lowest-ranked graduate invited; usually not "
    "published, as this stream has no score requirement",
    "mb-ukraine": "no score is published: candidates needed at least 60 MPNP assessment points",
}

_BY_NAME = Streams(PROVINCE, STREAMS, RANKING)
# A name never seen: known_stream finds none, stream_of derives a stream from it.
known_stream, stream_of = _BY_NAME.known, _BY_NAME.of

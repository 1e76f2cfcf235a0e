"""The streams of the provinces with no source of their own here, whose draws are known from
the news only: Saskatchewan, Nova Scotia, New Brunswick, Prince Edward Island, and
Newfoundland and Labrador. Their names are those the provinces and the articles about their
draws use; a stream an article names otherwise is not read (its draw is not reported).

Saskatchewan (SINP) scores its expression-of-interest candidates on its own points grid
(out of 110); the other four publish scores rarely, on points of their own.
"""

from core.provinces.values import (
    NEW_BRUNSWICK,
    NEWFOUNDLAND,
    NOVA_SCOTIA,
    PRINCE_EDWARD_ISLAND,
    SASKATCHEWAN,
    Scale,
    Stream,
)

_SINP, _POINTS = Scale.SASKATCHEWAN_EOI, Scale.POINTS

STREAMS: dict[str, tuple[Stream, ...]] = {
    SASKATCHEWAN: (
        Stream("sk-express-entry", (
            "International Skilled Worker - Saskatchewan Express Entry",
            "International Skilled Worker: Saskatchewan Express Entry",
            "Saskatchewan Express Entry", "SINP Express Entry", "Express Entry",
            "Entrée express de la Saskatchewan",
        ), _SINP),
        Stream("sk-occupations-in-demand", (
            "International Skilled Worker - Occupations In-Demand",
            "International Skilled Worker: Occupation In-Demand",
            "Occupations In-Demand", "Occupation In-Demand", "Occupations in Demand",
            "Occupation in Demand", "Professions en demande",
        ), _SINP),
        Stream("sk-tech-talent", ("Tech Talent Pathway", "Tech Talent"), _SINP),
        Stream("sk-health", ("Health Talent Pathway", "Healthcare Pathway"), _SINP),
    ),
    NOVA_SCOTIA: (
        Stream("ns-labour-market-priorities", (
            "Labour Market Priorities", "Nova Scotia Labour Market Priorities",
            "Priorités du marché du travail",
        ), _POINTS),
        Stream("ns-physicians", (
            "Labour Market Priorities for Physicians", "Physician Stream", "Physicians",
        ), _POINTS),
        Stream("ns-experience-express-entry", ("Nova Scotia Experience: Express Entry",), _POINTS),
    ),
    NEW_BRUNSWICK: (
        Stream("nb-express-entry", (
            "New Brunswick Express Entry Stream", "NB Express Entry Stream",
            "Express Entry Labour Market Stream", "Express Entry Stream", "Express Entry",
        ), _POINTS),
        Stream("nb-skilled-worker", (
            "New Brunswick Skilled Worker Stream", "NB Skilled Worker Stream",
            "Skilled Worker Stream", "Skilled Workers with Employer Support",
        ), _POINTS),
        Stream("nb-strategic-initiative", (
            "New Brunswick Strategic Initiative Stream", "Strategic Initiative Stream",
            "Strategic Initiative", "Volet des initiatives stratégiques",
        ), _POINTS),
    ),
    PRINCE_EDWARD_ISLAND: (
        Stream("pe-labour-express-entry", (
            "Labour Impact and Express Entry", "Labour and Express Entry",
            "Labour Impact / Express Entry", "Labour & Express Entry",
            "Express Entry and Labour Impact", "Critical Worker and Express Entry",
            "Impact sur le travail/Entrée express",
            "Impact sur le marché du travail et Entrée express",
        ), _POINTS),
        Stream("pe-labour-impact", (
            "Labour Impact", "Labour Impact Category", "Impact sur le marché du travail",
            "Impact sur le travail",
        ), _POINTS),
        Stream("pe-express-entry", ("PEI Express Entry", "Express Entry"), _POINTS),
        Stream("pe-business", (
            "Business Work Permit Entrepreneur", "Business Work Permit Entrepreneurs",
            "Business Impact", "Entrepreneurs",
        ), _POINTS),
    ),
    NEWFOUNDLAND: (
        Stream("nl-express-entry", (
            "Express Entry Skilled Worker", "NL Express Entry Skilled Worker", "Express Entry",
        ), _POINTS),
        Stream("nl-skilled-worker", ("Skilled Worker", "NL Skilled Worker"), _POINTS),
        Stream("nl-priority-skills", ("Priority Skills NL", "Priority Skills"), _POINTS),
    ),
}  # fmt: skip

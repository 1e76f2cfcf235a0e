"""When a news report is good enough to alert on, and when it is a draw: each row a real case."""

from datetime import date

import pytest

from core.reports import FIELDS, Confidence, DrawReport, deserves_a_draw

Figures = tuple[str | None, date | None, str | None, int | None, int | None]
JULY_5 = date(2023, 7, 5)
CRS_TWICE = ("crs: 486 and 485",)


def report(
    figures: Figures, confidence: Confidence, contradictions: tuple[str, ...], main: bool
) -> DrawReport:
    """A report as the reader makes it: the main one from the article, the others from tables."""
    values = zip(FIELDS, (*figures, None), strict=True)  # no tie-break
    missing = tuple(field for field, value in values if value is None)
    return DrawReport(*figures, None, confidence, missing, contradictions, from_table=not main)


@pytest.mark.parametrize(
    ("figures", "confidence", "contradictions", "main", "alertable", "deserves"),
    [
        # "Express Entry Draw 254: 500 Candidates Invited in STEM", cut-off 486
        (("254", JULY_5, "stem", 500, 486), Confidence.HIGH, (), True, True, True),
        # "6,000 STEM candidates ... minimum CRS score of 485": no number, no date
        ((None, None, "stem", 6000, 485), Confidence.MEDIUM, (), True, True, True),
        # "500 STEM candidates invited", the cut-off not stated
        ((None, JULY_5, "stem", 500, None), Confidence.LOW, (), True, False, False),
        # "Express Entry draw 254 invites 500 with a CRS score of 486": no program named
        (("254", JULY_5, None, 500, 486), Confidence.LOW, (), True, False, False),
        # "486" in the title, "485" in the text
        (("254", JULY_5, "stem", 500, 486), Confidence.LOW, CRS_TWICE, True, False, False),
        # a complete row of a table of past rounds: a draw of its own, never alerted
        (("253", date(2023, 7, 4), "general", 700, 511), Confidence.HIGH, (), False, True, True),
    ],
)
def test_a_report_deserves_a_draw(
    figures: Figures,
    confidence: Confidence,
    contradictions: tuple[str, ...],
    main: bool,
    alertable: bool,
    deserves: bool,
) -> None:
    claim = report(figures, confidence, contradictions, main)
    assert claim.alertable is alertable
    assert deserves_a_draw(claim, main=main) is deserves


@pytest.mark.parametrize("confidence", list(Confidence))
def test_confidence_is_stored_as_its_text(confidence: Confidence) -> None:
    assert confidence == confidence.value and str(confidence) == confidence.value

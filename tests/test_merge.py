"""When accounts of a round are the same round: each row a real situation."""

from datetime import date

import pytest

from core.merge import Correction, Facts, corrections, official_confirms, report_matches

D254 = Facts("254", date(2023, 7, 5), "stem", 500, 486)


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (Facts("254", None, None, None, None), True),  # a number is enough
        (Facts("253", date(2023, 7, 5), "stem", 500, 486), False),  # another number
        (Facts(None, date(2023, 7, 5), "stem", 500, 486), True),
        (Facts(None, date(2023, 7, 7), "stem", 500, 486), True),  # within two days
        (Facts(None, date(2023, 7, 8), "stem", 500, 486), False),
        (Facts(None, None, "stem", 500, 486), False),  # no date at all
        (Facts(None, date(2023, 7, 6), "stem", None, 486), True),  # "over 500" invitations
        (Facts(None, date(2023, 7, 6), "stem", 6000, 485), False),  # the 6,000 / 485 report
        (Facts(None, date(2023, 7, 6), "stem", 6000, 486), False),
        (Facts(None, date(2023, 7, 6), "healthcare", 500, 486), False),
        (Facts(None, date(2023, 7, 6), None, 500, 486), False),
    ],
)
def test_a_report_matches_a_draw(report: Facts, expected: bool) -> None:
    assert report_matches(report, D254) is expected


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        (Facts("254", date(2023, 7, 5), "stem", 500, 490), True),  # wrong cut-off, same number
        (Facts(None, date(2023, 7, 5), "stem", 500, 490), True),  # same size, same day
        (Facts(None, date(2023, 7, 6), "stem", 5000, 486), True),  # same cut-off
        (Facts(None, date(2023, 7, 5), "stem", 6000, 485), False),  # nothing agrees
        (Facts(None, date(2023, 7, 5), "cec", 500, 486), False),
        (Facts(None, date(2023, 7, 10), "stem", 500, 486), False),
        (Facts("255", date(2023, 7, 5), "stem", 500, 486), False),
    ],
)
def test_an_official_round_confirms_a_news_draw(reported: Facts, expected: bool) -> None:
    assert official_confirms(D254, reported) is expected


def test_corrections_say_what_was_wrong() -> None:
    alerted = Facts(None, date(2023, 7, 6), "stem", 6000, 485)
    assert corrections(alerted, D254) == [
        Correction("crs", 485, 486),
        Correction("invitations", 6000, 500),
        Correction("date", date(2023, 7, 6), date(2023, 7, 5)),
    ]
    assert corrections(D254, D254) == []
    assert corrections(Facts(None, None, "stem", None, 486), D254) == []

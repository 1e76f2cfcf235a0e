"""When accounts of a round are the same round: each row a real situation."""

from datetime import UTC, date, datetime

import pytest

from core.merge import (
    Correction,
    Facts,
    combined,
    corrections,
    official_confirms,
    report_matches,
    shown_facts,
    shown_text,
)

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


def test_a_revised_tie_break_is_a_correction() -> None:
    first, later = (
        datetime(2026, 4, 14, 0, 3, 10, tzinfo=UTC),
        datetime(2026, 4, 14, 0, 5, tzinfo=UTC),
    )
    published = Facts("421", date(2026, 7, 2), "stem", 1500, 486, first)
    revised = Facts("421", date(2026, 7, 2), "stem", 1500, 486, later)
    assert corrections(published, revised) == [Correction("tie_break", first, later)]
    assert corrections(published, Facts("421", date(2026, 7, 2), "stem", 1500, 486)) == []


@pytest.mark.parametrize(
    ("owed", "more", "expected"),
    [
        (
            [Correction("crs", 486, 488)], [Correction("crs", 488, 489)],
            [Correction("crs", 486, 489)],
        ),
        ([Correction("crs", 486, 488)], [Correction("crs", 488, 486)], []),  # back to what was seen
        (
            [Correction("invitations", 1500, 1600)], [Correction("crs", 486, 488)],
            [Correction("crs", 486, 488), Correction("invitations", 1500, 1600)],
        ),  # the cut-off first, as always
        (
            [Correction("crs", 486, 488), Correction("category", "stem", "cec")],
            [Correction("category", "cec", "stem")], [Correction("crs", 486, 488)],
        ),
        ([Correction("said", "", "cut-off 486")], [Correction("crs", 486, 488)],
         [Correction("said", "", "cut-off 486"), Correction("crs", 486, 488)]),  # old words kept
    ],
)  # fmt: skip
def test_changes_before_a_correction_is_sent_make_one_correction(
    owed: list[Correction], more: list[Correction], expected: list[Correction]
) -> None:
    assert combined(owed, more) == expected


def test_the_figures_an_alert_shows_are_kept_and_read_back_whole() -> None:
    """What an alert was written with (db.outbox) is read back as it was, every figure of
    its own type: a correction from it says what the chat saw."""
    tie_break = datetime(2026, 4, 14, 0, 3, 10, tzinfo=UTC)
    shown = Facts("421", date(2026, 7, 2), "stem", 1500, 486, tie_break)
    kept = shown_facts(shown_text(shown))
    assert kept == Facts(None, date(2026, 7, 2), "stem", 1500, 486, tie_break)
    assert corrections(kept, Facts.of(kept)) == []
    assert shown_facts(shown_text(Facts(None, None, "pnp", None, None))).crs is None

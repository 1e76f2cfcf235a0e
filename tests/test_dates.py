"""Reading the official data's hand-typed dates: each row a string seen in the real file."""

from datetime import UTC, date, datetime

import pytest

from core.dates import parse_date, parse_utc_datetime


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("June 23, 2026 at 12:52:12 UTC", utc(2026, 6, 23, 12, 52, 12)),
        ("July 3rd 2026 at 21:35:13 UTC", utc(2026, 7, 3, 21, 35, 13)),
        ("May 21, 2026 at  12:14:09 UTC", utc(2026, 5, 21, 12, 14, 9)),
        ("September 30, 2023 at 04:22:17 AM UTC", utc(2023, 9, 30, 4, 22, 17)),
        ("October 25, 2023 at 15:48:39 AM UTC", utc(2023, 10, 25, 15, 48, 39)),
        ("June 22, 2021 at 20:19:59 PM UTC", utc(2021, 6, 22, 20, 19, 59)),
        ("March 02. 2024 at 01:58:34 UTC", utc(2024, 3, 2, 1, 58, 34)),
        ("January 23, 2025 at 2025-01-23 15:30:04 UTC", utc(2025, 1, 23, 15, 30, 4)),
        ("April 26,2023 18:10:04 UTC", utc(2023, 4, 26, 18, 10, 4)),
        ("May 31, 2024 at12:48:30 UTC", utc(2024, 5, 31, 12, 48, 30)),
        ("March 01, 2023, at 17:24:39 UTC", utc(2023, 3, 1, 17, 24, 39)),
        ("February 02 2022 at 14:16:27 UTC", utc(2022, 2, 2, 14, 16, 27)),
        (" July 13, 2016 at 13:56:45 UTC", utc(2016, 7, 13, 13, 56, 45)),
        ("March 27, 2015 at 23:59:47", utc(2015, 3, 27, 23, 59, 47)),
        ("October 18, 2025 at  7:18:52 UTC", utc(2025, 10, 18, 7, 18, 52)),
        ("July 04, 2023 at 19:36:18 UTC ", utc(2023, 7, 4, 19, 36, 18)),
        ("November 23, 2022 00:01:29 UTC", utc(2022, 11, 23, 0, 1, 29)),
    ],
)
def test_reads_every_style_of_the_official_data(text: str, expected: datetime) -> None:
    assert parse_utc_datetime(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "October 7 at 16:38:21 UTC",  # no year, and nothing to take one from
        "January 23, 2025 at 2024-01-23 15:30:04 UTC",  # two different years
        "June 23, 2026 at 12:52:12 EST",  # not UTC
        "February 30, 2026 at 12:00:00 UTC",
    ],
)
def test_unreadable_text_is_none_not_a_guess(text: str) -> None:
    assert parse_utc_datetime(text) is None


def test_a_missing_year_is_the_latest_one_before_the_draw() -> None:
    drawn = utc(2021, 10, 27, 13, 32, 26)
    assert parse_utc_datetime("October 7 at 16:38:21 UTC", not_after=drawn) == utc(
        2021, 10, 7, 16, 38, 21
    )
    january_draw = utc(2022, 1, 5, 15, 0, 0)
    assert parse_utc_datetime("December 20 at 10:00:00 UTC", not_after=january_draw) == utc(
        2021, 12, 20, 10, 0, 0
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-06-23", date(2026, 6, 23)),
        ("June 21, 2026", date(2026, 6, 21)),
        ("March 1, 2026", date(2026, 3, 1)),
        ("", None),
        ("June 21", None),
        ("not a date 2026", None),
    ],
)
def test_calendar_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected

"""IRCC's processing times: every phrasing of a time and of a count read into plain values
(and words never seen left unknown), and whole editions of ``flpt-en.json`` read into
programs and months, with their problems named and the bodies that are no edition refused."""

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.times.follow import Change, Followed, changes, followed, told
from core.times.values import Approx, Duration, People, Status, Unit, read_duration, read_people
from jobs.source import Unreadable
from jobs.times.read import Edition, MonthTimes, ProgramTimes, read_edition

FIXTURES = Path(__file__).parent / "fixtures" / "times"
OCTOBER, NOVEMBER = "edition-2025-10.json", "edition-2025-11.json"

KNOWN, ABOUT, MORE, LESS = Status.KNOWN, Approx.ABOUT, Approx.MORE_THAN, Approx.LESS_THAN
MONTHS, YEARS, WEEKS, DAYS = Unit.MONTHS, Unit.YEARS, Unit.WEEKS, Unit.DAYS
MORE_TIME = "We need more time to process your application"


def body(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def document(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(body(name))
    return loaded


def edited(name: str, change: Any) -> Edition:
    """The edition a fixture would be after ``change`` edits its document."""
    changed = document(name)
    change(changed)
    return read_edition(json.dumps(changed).encode())


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # current-flpt: the time for someone applying today
        ("About 37 months", Duration(KNOWN, 37, MONTHS, ABOUT)),
        ("6 months", Duration(KNOWN, 6, MONTHS)),
        ("1 month", Duration(KNOWN, 1, MONTHS)),
        ("11 months", Duration(KNOWN, 11, MONTHS)),
        ("More than 10 years", Duration(KNOWN, 10, YEARS, MORE)),
        ("1 year", Duration(KNOWN, 1, YEARS)),
        ("About 2 years", Duration(KNOWN, 2, YEARS, ABOUT)),
        ("8 weeks", Duration(KNOWN, 8, WEEKS)),
        ("1 week", Duration(KNOWN, 1, WEEKS)),
        ("36 days", Duration(KNOWN, 36, DAYS)),
        ("About 1 day", Duration(KNOWN, 1, DAYS, ABOUT)),
        ("Less than 1 month", Duration(KNOWN, 1, MONTHS, LESS)),
        ("About 1,200 days", Duration(KNOWN, 1200, DAYS, ABOUT)),  # a comma in the number
        # wait-times: the time left for those who applied in one month
        ("About 1 month left", Duration(KNOWN, 1, MONTHS, ABOUT)),
        ("about 1 month left", Duration(KNOWN, 1, MONTHS, ABOUT)),  # citizen-proofs, lowercase
        ("5 months left", Duration(KNOWN, 5, MONTHS)),
        ("116 months left", Duration(KNOWN, 116, MONTHS)),  # never turned into years
        # case, spaces and a closing period do not matter
        ("ABOUT 6 MONTHS", Duration(KNOWN, 6, MONTHS, ABOUT)),
        ("  About   6  months ", Duration(KNOWN, 6, MONTHS, ABOUT)),
        ("About\u00a06\u00a0months", Duration(KNOWN, 6, MONTHS, ABOUT)),  # no-break spaces
        ("5 months left.", Duration(KNOWN, 5, MONTHS)),
        ("more THAN 10 Years", Duration(KNOWN, 10, YEARS, MORE)),
        # no number
        (MORE_TIME, Duration(Status.MORE_TIME)),
        ("we need more time to process your application.", Duration(Status.MORE_TIME)),
        ("Not enough data", Duration(Status.NOT_ENOUGH_DATA)),
        ("NOT ENOUGH DATA", Duration(Status.NOT_ENOUGH_DATA)),
        ("No data available", Duration(Status.NO_DATA)),
        # words never seen: unknown, no number made up
        ("Around 6 months", Duration(Status.UNKNOWN)),
        ("6 to 8 months", Duration(Status.UNKNOWN)),
        ("1.5 years", Duration(Status.UNKNOWN)),
        ("6", Duration(Status.UNKNOWN)),
        ("months", Duration(Status.UNKNOWN)),
        ("About 6 months left for most", Duration(Status.UNKNOWN)),
        ("Environ 6 mois", Duration(Status.UNKNOWN)),
        ("About 2,400 people ahead of you", Duration(Status.UNKNOWN)),
        ("", Duration(Status.UNKNOWN)),
    ],
)
def test_a_time_reads_as_published(written: str, expected: Duration) -> None:
    assert read_duration(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # total-people
        ("About 12,300 people waiting", People(KNOWN, 12300, ABOUT)),
        ("About 400 people waiting", People(KNOWN, 400, ABOUT)),
        ("About 283,700 people waiting", People(KNOWN, 283700, ABOUT)),
        ("About 1,234,500 people waiting", People(KNOWN, 1234500, ABOUT)),
        ("Less than 100 people waiting", People(KNOWN, 100, LESS)),
        # people-ahead
        ("About 2,400 people ahead of you", People(KNOWN, 2400, ABOUT)),
        ("About 100 people ahead of you", People(KNOWN, 100, ABOUT)),
        ("Less than 100 people ahead of you", People(KNOWN, 100, LESS)),  # fewer, not 99
        ("1 person ahead of you", People(KNOWN, 1, Approx.EXACT)),
        ("250 people ahead of you", People(KNOWN, 250, Approx.EXACT)),
        ("More than 1,000 people waiting", People(KNOWN, 1000, MORE)),
        # case, spaces and a closing period do not matter
        ("about 2,400 PEOPLE ahead of you", People(KNOWN, 2400, ABOUT)),
        (" Less  than 100 people\tahead of you. ", People(KNOWN, 100, LESS)),
        # no number
        ("Not enough data", People(Status.NOT_ENOUGH_DATA)),
        ("No data available", People(Status.NO_DATA)),
        # words never seen: unknown, no number made up
        ("About 12,300", People(Status.UNKNOWN)),
        ("About 12,30 people waiting", People(Status.UNKNOWN)),  # a comma out of place
        ("Around 12,300 people waiting", People(Status.UNKNOWN)),
        ("About 12,300 people behind you", People(Status.UNKNOWN)),
        ("Environ 327 100 personnes sont en attente", People(Status.UNKNOWN)),
        (MORE_TIME, People(Status.UNKNOWN)),  # a time's words, not a count's
        ("About 6 months", People(Status.UNKNOWN)),
        ("", People(Status.UNKNOWN)),
    ],
)
def test_a_count_reads_as_published(written: str, expected: People) -> None:
    assert read_people(written) == expected


@pytest.mark.parametrize(
    ("duration", "months"),
    [
        (Duration(KNOWN, 6, MONTHS, ABOUT), 6.0),
        (Duration(KNOWN, 10, YEARS, MORE), 120.0),  # a floor, as ``approx`` says
        (Duration(KNOWN, 8, WEEKS), 8 / 4.345),
        (Duration(KNOWN, 36, DAYS), 36 / 30.44),
        (Duration(Status.MORE_TIME), None),
        (Duration(Status.NOT_ENOUGH_DATA), None),
        (Duration(Status.NO_DATA), None),
        (Duration(Status.UNKNOWN), None),
    ],
)
def test_a_time_in_months_for_charts(duration: Duration, months: float | None) -> None:
    if months is None:
        assert duration.months is None
    else:
        assert duration.months == pytest.approx(months)


def test_an_edition_has_its_date_and_programs() -> None:
    edition = read_edition(body(OCTOBER))
    assert edition.published == "October 9, 2025"
    assert edition.date == date(2025, 10, 9)
    assert list(edition.programs) == [
        "aip", "cec", "fsw", "pnp-base", "pnp-ee", "startup-visa",
        "spousal-canada-roc", "spousal-abroad-roc", "citizen-grants",
    ]  # fmt: skip
    assert edition.problems == []


def test_a_programs_figures_keep_their_words() -> None:
    programs = read_edition(body(OCTOBER)).programs
    assert programs["aip"] == ProgramTimes(
        "aip",
        Duration(KNOWN, 37, MONTHS, ABOUT),
        People(KNOWN, 13100, ABOUT),
        "About 37 months",
        "About 13,100 people waiting",
    )
    assert programs["cec"].time == Duration(KNOWN, 6, MONTHS)  # no "About"
    assert programs["startup-visa"].time == Duration(KNOWN, 10, YEARS, MORE)
    assert programs["citizen-grants"].waiting == People(KNOWN, 283700, ABOUT)


def test_a_months_figures_keep_their_words() -> None:
    months = read_edition(body(OCTOBER)).months
    assert months["cec", "2025-06"] == MonthTimes(
        "cec",
        "2025-06",
        People(KNOWN, 4700, ABOUT),
        Duration(KNOWN, 2, MONTHS),
        "About 4,700 people ahead of you",
        "2 months left",
    )
    assert months["cec", "2024-09"].ahead == People(KNOWN, 100, LESS)
    assert months["cec", "2024-09"].left == Duration(Status.MORE_TIME)
    assert months["cec", "2025-03"].left == Duration(KNOWN, 1, MONTHS, ABOUT)
    assert months["pnp-ee", "2025-10"].left == Duration(Status.NOT_ENOUGH_DATA)
    assert months["pnp-ee", "2025-10"].left_text == "Not enough data"
    assert months["startup-visa", "2022-03"].left == Duration(KNOWN, 10, YEARS, MORE)


def test_months_of_each_program_are_found() -> None:
    months = read_edition(body(OCTOBER)).months
    by_program: dict[str, list[str]] = {}
    for program, month in months:
        by_program.setdefault(program, []).append(month)
    window = [f"2024-{m:02d}" for m in range(9, 13)] + [f"2025-{m:02d}" for m in range(1, 11)]
    assert by_program["cec"] == by_program["fsw"] == by_program["pnp-ee"] == window
    # the latest cohort's people ahead are everyone waiting
    assert months["fsw", "2025-10"].ahead == read_edition(body(OCTOBER)).programs["fsw"].waiting
    assert len(months) == 3 * 14 + 2 + 2 + 6


def test_hyphenated_program_keys_split_on_the_last_hyphen() -> None:
    months = read_edition(body(OCTOBER)).months
    assert months["pnp-ee", "2025-06"].program == "pnp-ee"
    assert months["spousal-canada-roc", "2025-05"].left == Duration(KNOWN, 16, MONTHS)
    grants = [month for program, month in months if program == "citizen-grants"]
    assert grants == ["2025-10", "2025-09", "2024-11", "2024-10", "2017-05", "2008-06"]  # as listed
    assert months["citizen-grants", "2024-11"].left == Duration(KNOWN, 1, MONTHS, ABOUT)
    assert months["citizen-grants", "2024-11"].left_text == "about 1 month left"
    assert months["citizen-grants", "2008-06"].left == Duration(Status.NOT_ENOUGH_DATA)
    assert not any(
        program in ("pnp", "spousal", "spousal-canada", "citizen") for program, _ in months
    )


def test_the_next_edition_changes_some_figures() -> None:
    october, november = read_edition(body(OCTOBER)), read_edition(body(NOVEMBER))
    assert november.date == date(2025, 11, 6) and november.problems == []
    assert set(november.programs) - set(october.programs) == {"qsw"}  # added
    assert set(october.programs) - set(november.programs) == {"startup-visa"}  # dropped
    assert october.programs["fsw"].time == Duration(KNOWN, 6, MONTHS, ABOUT)
    assert november.programs["fsw"].time == Duration(KNOWN, 5, MONTHS)
    assert november.programs["fsw"].waiting == People(KNOWN, 19800, ABOUT)
    assert november.programs["pnp-ee"].waiting.count == 33500 != 31200
    assert november.programs["cec"] == october.programs["cec"]
    cec = {key: times for key, times in november.months.items() if key[0] == "cec"}
    assert cec == {key: times for key, times in october.months.items() if key[0] == "cec"}
    assert november.months["fsw", "2025-03"] != october.months["fsw", "2025-03"]
    assert not any(program == "startup-visa" for program, _ in november.months)


def test_a_month_key_that_does_not_read_is_skipped_and_named() -> None:
    def spoil(changed: dict[str, Any]) -> None:
        for section in ("people-ahead", "wait-times"):
            changed[section]["cec-2025-13"] = changed[section]["cec-2025/06"]
        changed["people-ahead"]["fsw/2025/06"] = "About 100 people ahead of you"
        changed["wait-times"]["cec-2025/13"] = "1 month left"  # no 13th month

    edition = edited(OCTOBER, spoil)
    assert edition.problems == [
        "month key 'cec-2025-13' is not <program>-YYYY/MM; skipped",  # named once, not twice
        "month key 'fsw/2025/06' is not <program>-YYYY/MM; skipped",
        "month key 'cec-2025/13' is not <program>-YYYY/MM; skipped",
    ]
    assert len(edition.months) == len(read_edition(body(OCTOBER)).months)


def test_words_never_seen_are_unknown_and_named() -> None:
    def reword(changed: dict[str, Any]) -> None:
        changed["current-flpt"]["fsw"] = "Around 6 months"
        changed["wait-times"]["cec-2025/06"] = "2 to 3 months left"
        changed["people-ahead"]["cec-2025/07"] = 7400  # a number, not words

    edition = edited(OCTOBER, reword)
    assert edition.programs["fsw"].time == Duration(Status.UNKNOWN)
    assert edition.programs["fsw"].time_text == "Around 6 months"
    assert edition.programs["fsw"].waiting == People(KNOWN, 21400, ABOUT)  # still read
    assert edition.months["cec", "2025-06"].left == Duration(Status.UNKNOWN)
    assert edition.months["cec", "2025-07"].ahead == People(Status.UNKNOWN)
    assert edition.months["cec", "2025-07"].ahead_text == "7400"
    assert edition.problems == [
        "current-flpt 'fsw': words never seen 'Around 6 months'",
        "wait-times 'cec-2025/06': words never seen '2 to 3 months left'",
        "people-ahead 'cec-2025/07': words never seen '7400'",
    ]  # in the order of the programs, then of the months


def test_a_figure_missing_from_one_section_has_no_data() -> None:
    def drop(changed: dict[str, Any]) -> None:
        del changed["total-people"]["aip"]
        del changed["current-flpt"]["pnp-base"]
        del changed["wait-times"]["fsw-2025/06"]

    edition = edited(OCTOBER, drop)
    assert edition.programs["aip"].time == Duration(KNOWN, 37, MONTHS, ABOUT)
    assert edition.programs["aip"].waiting == People(Status.NO_DATA)
    assert edition.programs["aip"].waiting_text == ""
    assert edition.programs["pnp-base"].time == Duration(Status.NO_DATA)
    assert edition.programs["pnp-base"].waiting == People(KNOWN, 94700, ABOUT)
    assert edition.months["fsw", "2025-06"].left == Duration(Status.NO_DATA)
    assert edition.months["fsw", "2025-06"].ahead == People(KNOWN, 6100, ABOUT)
    assert edition.problems == [
        "total-people has no 'aip'",
        "current-flpt has no 'pnp-base'",
        "wait-times has no 'fsw-2025/06'",
    ]


def test_a_missing_section_is_one_problem() -> None:
    def drop(changed: dict[str, Any]) -> None:
        del changed["total-people"], changed["wait-times"]

    edition = edited(OCTOBER, drop)
    assert edition.problems == ["no total-people section", "no wait-times section"]
    assert all(times.waiting == People(Status.NO_DATA) for times in edition.programs.values())
    assert edition.months["cec", "2025-06"].left == Duration(Status.NO_DATA)
    assert edition.months["cec", "2025-06"].ahead == People(KNOWN, 4700, ABOUT)


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("October 9, 2025", date(2025, 10, 9)),
        (" November  6, 2025 ", date(2025, 11, 6)),
        ("September 30, 2026", date(2026, 9, 30)),
        ("2025-10-09", date(2025, 10, 9)),
    ],
)
def test_the_edition_date_reads(written: str, day: date) -> None:
    edition = edited(
        OCTOBER, lambda changed: changed["default-update"].update(flpt_lastupdated=written)
    )
    assert edition.date == day
    assert edition.problems == []


def test_an_edition_date_that_does_not_read_is_none_and_named() -> None:
    def redate(changed: dict[str, Any]) -> None:
        changed["default-update"]["flpt_lastupdated"] = "9 octobre 2025"

    edition = edited(OCTOBER, redate)
    assert edition.published == "9 octobre 2025"
    assert edition.date is None
    assert edition.problems == ["edition date '9 octobre 2025' does not read as a date"]
    assert len(edition.programs) == 9  # the figures are read all the same


def test_a_byte_order_mark_is_no_fault() -> None:
    edition = read_edition(b"\xef\xbb\xbf" + body(NOVEMBER))
    assert edition.date == date(2025, 11, 6)
    assert "qsw" in edition.programs


@pytest.mark.parametrize(
    ("served", "reason"),
    [
        (b"<!DOCTYPE html><html><body>Access Denied</body></html>", "not JSON"),
        (b"", "not JSON"),
        (b"\xff\xfe{}", "not JSON"),  # not UTF-8
        (b'["current-flpt"]', "not a JSON object"),
        (b'{"default-update": {"flpt_lastupdated": "October 9, 2025"}}', "no current-flpt"),
        (b'{"current-flpt": [], "default-update": {"flpt_lastupdated": "October 9, 2025"}}',
         "no current-flpt"),
        (b'{"current-flpt": {"cec": "6 months"}}', "no default-update.flpt_lastupdated"),
        (b'{"current-flpt": {}, "default-update": {"flpt_lastupdated": " "}}',
         "no default-update.flpt_lastupdated"),
        (b'{"current-flpt": {}, "default-update": "October 9, 2025"}',
         "no default-update.flpt_lastupdated"),
    ],
)  # fmt: skip
def test_a_body_that_is_no_edition_is_unreadable(served: bytes, reason: str) -> None:
    with pytest.raises(Unreadable) as raised:
        read_edition(served)
    assert raised.value.reason.startswith(reason)
    assert raised.value.wrong_shape


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("times", Followed()),
        ("times-cec", Followed("cec")),
        ("times-pnp-ee", Followed("pnp-ee")),
        ("times-cec-2025-06", Followed("cec", "2025-06")),
        ("times-spousal-canada-roc-2025-06", Followed("spousal-canada-roc", "2025-06")),
        ("stem", None),
        ("all", None),
        ("bc-tech", None),
        ("timesx", None),
        ("times-", None),
        ("times-CEC", None),
    ],
)
def test_a_subscription_key_says_what_it_follows(key: str, expected: Followed | None) -> None:
    assert followed(key) == expected
    if expected is not None:
        assert expected.key == key


def test_a_change_is_one_of_values_not_of_words() -> None:
    before = {
        ("cec", None): ("About 6 months", "About 17,900 people waiting"),
        ("fsw", None): ("6 months", "About 21,400 people waiting"),
        ("fsw", "2025-06"): ("3 months left", "About 6,100 people ahead of you"),
    }
    after = {
        ("cec", None): ("about 6 months.", "About 17,900 people waiting"),  # reworded only
        ("fsw", None): ("5 months", "About 21,400 people waiting"),
        ("fsw", "2025-06"): ("3 months left", "Less than 100 people ahead of you"),
        ("qsw", None): ("11 months", "About 9,600 people waiting"),  # new
    }
    found = changes(before, after)
    assert set(found) == {("fsw", None), ("fsw", "2025-06"), ("qsw", None)}
    assert found["fsw", None] == Change(
        "fsw", None, Duration(KNOWN, 5, MONTHS), People(KNOWN, 21400, ABOUT),
        Duration(KNOWN, 6, MONTHS), People(KNOWN, 21400, ABOUT),
    )  # fmt: skip
    assert found["fsw", "2025-06"].people == People(KNOWN, 100, LESS)  # a bound stays a bound
    assert (found["qsw", None].time_was, found["qsw", None].people_was) == (None, None)


def test_a_chat_is_told_each_change_it_follows_once_programs_first() -> None:
    found = changes(
        {("cec", None): ("6 months", ""), ("fsw", None): ("6 months", ""),
         ("aip", None): ("9 months", ""), ("fsw", "2025-06"): ("3 months left", "")},
        {("cec", None): ("5 months", ""), ("fsw", None): ("5 months", ""),
         ("aip", None): ("8 months", ""), ("fsw", "2025-06"): ("2 months left", "")},
    )  # fmt: skip
    follows = [Followed("fsw", "2025-06"), Followed(), Followed("fsw")]
    assert [(c.program, c.month) for c in told(follows, found)] == [
        ("fsw", None), ("cec", None), ("fsw", "2025-06"),
    ]  # fmt: skip
    assert told([Followed("aip", "2025-06")], found) == [found["aip", None]]
    assert told([Followed("qsw")], found) == []

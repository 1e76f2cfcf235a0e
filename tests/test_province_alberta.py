"""Alberta's reader and stream table, on pages written after each layout AAIP's processing
page has had (2020, late 2024, 2026), its quirks, and held-out pages of real draws."""

from datetime import date
from pathlib import Path

import pytest

from core.provinces import alberta
from core.provinces.alberta import DASH
from core.provinces.values import ALBERTA, Bound, Invitations, ProvincialDraw, Scale
from jobs.provinces.alberta import read, read_count, read_date, read_score
from jobs.source import Unreadable

PAGES = Path(__file__).parent / "fixtures" / "provinces" / "alberta"
EOI, CRS = Scale.ALBERTA_EOI, Scale.CRS
FEWER = Bound.FEWER_THAN

AEES = "Alberta Express Entry Stream"
TECH, LAW = f"{AEES} {DASH} Accelerated Tech Pathway", f"{AEES} {DASH} Law Enforcement Pathway"
SECTORS = f"{AEES} {DASH} Priority Sectors"
HEALTH_EE = f"Dedicated Health Care Pathway {DASH} Express Entry"
HEALTH = f"Dedicated Health Care Pathway {DASH} non-Express Entry"
AOS, RURAL, TOURISM = (
    "Alberta Opportunity Stream",
    "Rural Renewal Stream",
    "Tourism and Hospitality Stream",
)


def draw(
    day: date,
    key: str,
    name: str,
    count: int | None,
    score: int | None,
    *notes: str,
    bound: Bound = Bound.EXACT,
    scale: Scale = EOI,
) -> ProvincialDraw:
    invitations = None if count is None else Invitations(count, bound)
    return ProvincialDraw(ALBERTA, key, name, day, invitations, score, scale, notes)


def page(name: str) -> list[ProvincialDraw]:
    read_page = read((PAGES / name).read_bytes())
    assert read_page.problems == []
    return read_page.draws


def test_the_2026_layout_reads_every_draw_and_no_other_table() -> None:
    """Table 10 only: the allocation tables (with "Less than 10" and "Not applicable") and
    the expression-of-interest pool beside it are not draws."""
    assert page("2026.html") == [
        draw(date(2026, 6, 15), "ab-priority-sectors", f"{SECTORS} (Manufacturing)", 56, 50,
             "focus: Manufacturing"),
        draw(date(2026, 6, 10), "ab-rural-renewal", RURAL, 54, 51),
        draw(date(2026, 6, 9), "ab-healthcare", HEALTH, 35, 45),
        draw(date(2026, 6, 8), "ab-healthcare-ee", HEALTH_EE, 49, 60),
        draw(date(2026, 6, 5), "ab-opportunity", AOS, 462, 50),
        draw(date(2026, 5, 29), "ab-tech", TECH, 200, 55),
        draw(date(2026, 5, 27), "ab-opportunity", AOS, 993, 51),
        draw(date(2026, 5, 20), "ab-priority-sectors",
             f"{SECTORS} (Construction and skilled trade)", 50, 61,
             "focus: Construction and skilled trade"),
        draw(date(2026, 4, 27), "ab-tourism", TOURISM, 98, 71),
        draw(date(2026, 4, 23), "ab-law-enforcement", LAW, 10, 58, bound=FEWER),
        draw(date(2026, 3, 27), "ab-law-enforcement", LAW, 10, 46, bound=FEWER),
        draw(date(2026, 2, 20), "ab-opportunity", f"{AOS} {DASH} Priority Sectors", 831, 56),
        draw(date(2026, 2, 17), "ab-priority-sectors", f"{SECTORS} (Agriculture)", 10, 49,
             "focus: Agriculture", bound=FEWER),
        draw(date(2026, 2, 2), "ab-opportunity", AOS, 915, 57),
        draw(date(2026, 1, 29), "ab-tech", TECH, 148, 63),
        draw(date(2026, 1, 27), "ab-healthcare", HEALTH, 43, 45),
        draw(date(2026, 1, 26), "ab-healthcare-ee", HEALTH_EE, 63, 61),
    ]  # fmt: skip


HEALTH_EE_2024 = "Dedicated Health Care Pathway (Express Entry)"
HEALTH_2024 = "Dedicated Health Care Pathway (Non-Express Entry)"


def test_the_late_2024_layout_reads_columns_in_its_own_order_and_spread_dates() -> None:
    """Count before stream, score last; a date spanning a day's rows applies to each."""
    found = [(d.date, d.stream, d.stream_name, d.invitations, d.min_score, d.scale)
             for d in page("2024.html")]  # fmt: skip
    assert found == [
        (date(2024, 12, 11), "ab-tech", TECH, Invitations(87), 59, EOI),
        (date(2024, 12, 11), "ab-healthcare-ee", HEALTH_EE_2024, Invitations(11), 43, EOI),
        (date(2024, 12, 11), "ab-healthcare", HEALTH_2024, Invitations(8), 52, EOI),
        (date(2024, 12, 11), "ab-priority-sectors", SECTORS, Invitations(39), 50, EOI),
        (date(2024, 12, 10), "ab-priority-sectors", SECTORS, Invitations(262), 65, EOI),
        (date(2024, 12, 4), "ab-healthcare-ee", HEALTH_EE_2024, Invitations(52), 49, EOI),
        (date(2024, 12, 4), "ab-healthcare", HEALTH_2024, Invitations(27), 47, EOI),
        (date(2024, 11, 29), "ab-opportunity", AOS, Invitations(687), 61, EOI),
        (date(2024, 11, 27), "ab-opportunity", AOS, Invitations(447), 71, EOI),
        (date(2024, 11, 22), "ab-opportunity", AOS, Invitations(80), 40, EOI),
        (date(2024, 11, 21), "ab-priority-sectors", SECTORS, None, 42, EOI),
        (date(2024, 11, 15), "ab-tourism", TOURISM, Invitations(412), 66, EOI),
        (date(2024, 11, 14), "ab-priority-sectors", SECTORS, Invitations(150), 50, EOI),
        (date(2024, 11, 8), "ab-law-enforcement", LAW, Invitations(4), 41, EOI),
        (date(2024, 11, 7), "ab-opportunity", AOS, Invitations(226), 50, EOI),
        (date(2024, 11, 4), "ab-healthcare-ee", HEALTH_EE_2024, Invitations(65), 51, EOI),
        (date(2024, 11, 4), "ab-healthcare", HEALTH_2024, Invitations(33), 44, EOI),
        (date(2024, 10, 15), "ab-tourism", TOURISM, Invitations(302), 70, EOI),
    ]


@pytest.mark.parametrize(
    ("index", "notes"),
    [
        (2, ("Not in the federal Express Entry pool",
             "Meet the requirements to practice in a regulated occupation in Alberta")),
        (10, ("invitations: Not available", "Have a valid work permit",
              "CRS Score of 300 or higher",
              "Job Offer with an Alberta employer in the health care sector (Dedicated Health "
              "Care Pathway occupations excluded)")),
        (14, ("Job offer with an Alberta employer in the construction sector",
              "Pool registrants with Express Entry profiles were not included in this draw.",
              "Note: 39 of the total invitations were sent on December 6, 2024 as a corrective "
              "action.")),
    ],
)  # fmt: skip
def test_the_late_2024_selection_parameters_are_kept_as_notes(
    index: int, notes: tuple[str, ...]
) -> None:
    assert page("2024.html")[index].notes == notes


def test_the_2020_layout_has_no_stream_column_and_scores_on_the_crs() -> None:
    draws = page("2020.html")
    expected = [
        (date(2020, 6, 17), 187, 303), (date(2020, 5, 27), 148, 300),
        (date(2020, 5, 13), 191, 300), (date(2020, 4, 29), 200, 322),
        (date(2020, 4, 14), 200, 353), (date(2020, 4, 1), 120, 381),
        (date(2020, 3, 18), 136, 300), (date(2020, 3, 4), 100, 300),
        (date(2020, 2, 20), 150, 300), (date(2020, 1, 29), 150, 300),
        (date(2020, 1, 22), 201, 350), (date(2020, 1, 9), 150, 350),
    ]  # fmt: skip
    assert draws == [
        draw(day, "ab-express-entry", AEES, count, score, scale=CRS)
        for day, count, score in expected
    ]


def test_quirks_rows_that_cannot_be_read_are_named_and_the_others_kept() -> None:
    """Headers in plain cells, a month heading across the table, a date whose year is in the
    caption, a count shared by two streams (constructed: AAIP has not been seen sharing one),
    a pathway never seen, several scores in one cell, a total row; a missing date, a score
    "5l" and a count "4 7" are skipped and named."""
    read_page = read((PAGES / "quirks.html").read_bytes())
    assert read_page.draws == [
        draw(date(2026, 3, 19), "ab-priority-sectors", f"{SECTORS} (Construction)", 109, 59,
             "focus: Construction"),
        draw(date(2026, 3, 17), "ab-priority-sectors", f"{SECTORS} (Manufacturing)", 27, 50,
             "focus: Manufacturing"),
        draw(date(2026, 1, 27), "ab-healthcare-ee", HEALTH_EE, 106, 61,
             "invitations shared by the 2 streams of this draw"),
        draw(date(2026, 1, 27), "ab-healthcare", HEALTH, None, 45,
             f"invitations counted with {HEALTH_EE}"),
        draw(date(2026, 1, 20), "ab-express-entry", f"{AEES} {DASH} Farm Pathway", 5, 52,
             "minimum scores: Express Entry: 58, non-Express Entry: 52", bound=FEWER),
    ]  # fmt: skip
    assert read_page.problems == [
        f"row skipped (no date):  | {SECTORS} (Health Care) | 50 | 63",
        f"row skipped (unreadable score '5l'): March 13, 2026 | {RURAL} | 349 | 5l",
        f"row skipped (unreadable count '4 7'): March 12, 2026 | {HEALTH} | 4 7 | 47",
    ]


@pytest.mark.parametrize(
    "body",
    [
        (PAGES / "no-draw-table.html").read_bytes(),
        b"<html><body><p>Service unavailable</p></body></html>",
        b'{"rounds": []}',
        b"",
    ],
    ids=["draws-replaced-by-a-sentence", "error-page", "json", "empty"],
)
def test_a_page_without_a_draw_table_is_unreadable(body: bytes) -> None:
    with pytest.raises(Unreadable, match="no draw table found"):
        read(body)


def test_a_draw_table_none_of_whose_rows_reads_is_unreadable() -> None:
    """Every date written another way is a layout that no longer reads, not "no new draws"."""
    body = (
        b"<table><tr><th>Draw date</th><th>Stream</th><th>Minimum score</th>"
        b"<th>Number of invitations</th></tr><tr><td>15/06/2026</td><td>Rural Renewal Stream</td>"
        b"<td>51</td><td>54</td></tr></table>"
    )
    with pytest.raises(Unreadable, match="no draw could be read: row skipped"):
        read(body)


def test_a_draw_table_with_no_draws_yet_is_an_empty_page() -> None:
    body = (
        b"<table><tr><th>Draw date</th><th>Worker stream</th><th>Minimum score of invited "
        b"candidates</th><th>Number of invitations</th></tr></table>"
    )
    assert read(body).draws == [] and read(body).problems == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,204", Invitations(1204)),
        ("56", Invitations(56)),
        ("Less than 10", Invitations(10, FEWER)),
        ("less than 10", Invitations(10, FEWER)),
        ("<5", Invitations(5, FEWER)),
        ("fewer than 5", Invitations(5, FEWER)),
        ("up to 10", Invitations(10, Bound.AT_MOST)),
        ("Not available", None),
        ("N/A", None),
    ],
)
def test_counts_are_read_as_published(text: str, expected: Invitations | None) -> None:
    assert read_count(text)[0] == expected


@pytest.mark.parametrize("text", ["", "4 7", "1,0OO", "ten", "12,04", "10-20"])
def test_a_count_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="count"):
        read_count(text)


@pytest.mark.parametrize(
    ("text", "score", "notes"),
    [
        ("50", 50, ()),
        ("41 and above", 41, ()),
        ("59+", 59, ()),
        ("300 or higher", 300, ()),
        ("Express Entry: 58, non-Express Entry: 52", 52,
         ("minimum scores: Express Entry: 58, non-Express Entry: 52",)),
        ("Not applicable", None, ("minimum score: Not applicable",)),
    ],
)  # fmt: skip
def test_scores_are_read_as_published(text: str, score: int | None, notes: tuple[str, ...]) -> None:
    assert read_score(text) == (score, notes)


@pytest.mark.parametrize("text", ["", "5l", "fifty", "5O and 6O"])
def test_a_score_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="score"):
        read_score(text)


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("June 15, 2026", None, date(2026, 6, 15)),
        ("Jun. 15, 2026", None, date(2026, 6, 15)),
        ("Sept. 5, 2024", None, date(2024, 9, 5)),
        ("June 3rd, 2025", None, date(2025, 6, 3)),
        ("08-Jan-21", None, date(2021, 1, 8)),
        ("2026-06-15", None, date(2026, 6, 15)),
        ("March 17", 2026, date(2026, 3, 17)),
    ],
)
def test_dates_are_read_in_the_formats_aaip_used(
    text: str, year: int | None, expected: date
) -> None:
    assert read_date(text, year) == expected


@pytest.mark.parametrize("text", ["March 17", "", "soon", "31-Feb-21"])
def test_a_date_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        read_date(text, None)


EVERY_NAME = [(stream.key, name) for stream in alberta.STREAMS for name in stream.names]


@pytest.mark.parametrize(("key", "name"), EVERY_NAME)
def test_stream_of_finds_every_stream_by_each_of_its_names_folded(key: str, name: str) -> None:
    for written in (name, name.upper(), name.lower(), name.replace(DASH, "-"), f" {name}. "):
        assert alberta.stream_of(written).key == key, written


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ab-tech", "ab-tech"),
        (f"Alberta Express Entry {DASH} Priority Sectors (Health Care)", "ab-priority-sectors"),
        (f"Alberta Opportunity Stream {DASH} Priority Sectors", "ab-opportunity"),
        (f"Alberta Express Entry Stream {DASH} Farm Pathway", "ab-express-entry"),
        (f"Dedicated Healthcare Pathway {DASH} Express Entry", "ab-healthcare-ee"),
        (f"DEDICATED HEALTH CARE PATHWAY {DASH} NON-EXPRESS ENTRY", "ab-healthcare"),
        ("Rural Renewal", "ab-rural-renewal"),
    ],
)
def test_stream_of_reads_the_variants_the_page_has_used(name: str, key: str) -> None:
    assert alberta.stream_of(name).key == key


def test_a_stream_never_seen_gets_a_derived_key_and_is_still_stored() -> None:
    stream = alberta.stream_of("Agri-Food Pilot Stream")
    assert (stream.key, stream.names, stream.scale) == (
        "ab-agri-food-pilot-stream",
        ("Agri-Food Pilot Stream",),
        EOI,
    )


def test_every_stream_has_a_score_meaning_and_the_province_its_names() -> None:
    assert set(alberta.SCORE_MEANING) == {stream.key for stream in alberta.STREAMS}
    assert {"ab", "aaip", "alberta"} <= set(alberta.NAMES)
    assert all(stream.key.startswith("ab-") for stream in alberta.STREAMS)


HELD_OUT = {"heldout-2025.html": 7, "heldout-2021.html": 5, "heldout-2024.html": 8}


@pytest.mark.parametrize(("name", "expected"), HELD_OUT.items())
def test_held_out_pages_are_read_whole_and_nothing_is_invented(name: str, expected: int) -> None:
    """Real draws kept apart while the reader was written (see BENCHMARKS.md): measured at
    20 of 20 found, 80 of 80 fields right, none invented."""
    read_page = read((PAGES / name).read_bytes())
    assert len(read_page.draws) == expected and read_page.problems == []
    assert all(d.invitations is not None and d.min_score is not None for d in read_page.draws)


def test_held_out_draws_keep_their_published_figures() -> None:
    draws_2021 = read((PAGES / "heldout-2021.html").read_bytes()).draws
    assert draws_2021[-1] == draw(date(2021, 1, 8), "ab-express-entry", AEES, 50, 406, scale=CRS)
    draws_2025 = read((PAGES / "heldout-2025.html").read_bytes()).draws
    assert (draws_2025[2].stream, draws_2025[2].invitations, draws_2025[2].min_score) == (
        "ab-priority-sectors",
        Invitations(19),
        71,
    )
    draws_2024 = read((PAGES / "heldout-2024.html").read_bytes()).draws
    assert [(d.date, d.stream, d.invitations) for d in draws_2024[3:6]] == [
        (date(2024, 12, 13), "ab-opportunity", Invitations(147)),
        (date(2024, 12, 13), "ab-law-enforcement", Invitations(4)),
        (date(2024, 12, 13), "ab-tourism", Invitations(11)),
    ]

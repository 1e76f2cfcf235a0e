"""BC PNP's "Invitations to apply" page: each layout since 2020 read into its exact draws,
its quirks (rowspans, "<5", shared counts, sub-pools, a repeated table, the registration
pool beside the draws), bad rows, a page that no longer reads, the stream table, and the
held-out pages' measured figures."""

from datetime import date
from pathlib import Path

import pytest

from core.categories import fold
from core.provinces import bc
from core.provinces.values import BC, Bound, Invitations, ProvincialDraw, Scale, Stream
from jobs.provinces.bc import read
from jobs.source import Unreadable

PAGES = Path(__file__).parent / "fixtures" / "provinces" / "bc"
R, E = Scale.BC_REGISTRATION, Scale.BC_ENTREPRENEUR
SWIG = "Skilled Worker, International Graduate (includes EEBC option)"
CHILDCARE = "Targeted draw: Childcare: Early childhood educators and assistants (NOC 42202)"
PRIORITY = "Targeted draw: Other priority occupations (NOCs 31103, 32104)"
GENERAL_2023 = "General draw (includes tech occupations)"
COVID = "Impact of the COVID-19 pandemic on B.C. businesses."
EN_DASH = "\u2013"
SI_2020 = ("SI - Skilled Worker", "SI - International Graduate",
           f"SI {EN_DASH} Entry Level and Semi-Skilled", "EEBC - Skilled Worker",
           "EEBC - International Graduate")  # fmt: skip
EI_BASE = "Entrepreneur Immigration - Base Category"
EI_REGIONAL = "Entrepreneur Immigration - Regional Pilot"
EEBC_OPTION = ("Skilled Worker", "Skilled Worker - EEBC option", "International Graduate",
               "International Graduate - EEBC option")  # fmt: skip
GENERAL_KEYS = ("bc-skilled-worker", "bc-skilled-worker-eebc", "bc-international-graduate",
                "bc-international-graduate-eebc", "bc-entry-level")  # fmt: skip
KEYS_2020 = ("bc-skilled-worker", "bc-international-graduate", "bc-entry-level",
             "bc-skilled-worker-eebc", "bc-international-graduate-eebc")  # fmt: skip


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def n(count: int, bound: Bound = Bound.EXACT) -> Invitations:
    return Invitations(count, bound)


def fewer(count: int) -> Invitations:
    return Invitations(count, Bound.FEWER_THAN)


def draw(
    key: str, name: str, day: date, count: Invitations | None, score: int | None, *notes: str,
    scale: Scale = R,
) -> ProvincialDraw:  # fmt: skip
    return ProvincialDraw(BC, key, name, day, count, score, scale, notes)


def general(
    day: date, count: int, keys: tuple[str, ...], names: tuple[str, ...], scores: tuple[int, ...],
    note: str,
) -> list[ProvincialDraw]:  # fmt: skip
    """A general draw: one count over its streams, kept on the first, noted on each."""
    shared = f"{count} invitations shared by {', '.join(names)}"
    return [
        draw(key, name, day, n(count) if index == 0 else None, score, note, shared)
        for index, (key, name, score) in enumerate(zip(keys, names, scores, strict=True))
    ]


def targeted(
    day: date, rows: list[tuple[str, str, Invitations, int, *tuple[str, ...]]]
) -> list[ProvincialDraw]:
    return [draw(key, name, day, count, score, *notes) for key, name, count, score, *notes in rows]


PAGE_2020 = [
    *general(date(2020, 6, 2), 241, KEYS_2020, SI_2020, (100, 100, 81, 105, 105),
             f"{COVID} NOCs excluded: 0621, 0631, 0632, 0651, 6311, 6322"),
    *general(date(2020, 5, 7), 237, KEYS_2020, SI_2020, (102, 105, 83, 108, 106), COVID),
    draw("bc-ei-base", EI_BASE, date(2020, 6, 2), n(29), 121, scale=E),
    draw("bc-ei-regional", EI_REGIONAL, date(2020, 6, 2), n(9), 118, scale=E),
    draw("bc-ei-regional", EI_REGIONAL, date(2020, 4, 6), n(18), 107, scale=E),
    draw("bc-ei-base", EI_BASE, date(2020, 1, 14), n(18), 117, scale=E),
    draw("bc-ei-regional", EI_REGIONAL, date(2020, 1, 14), n(7), 111, scale=E),
]  # fmt: skip

PAGE_2023 = [
    *general(date(2023, 2, 7), 207, GENERAL_KEYS, (*EEBC_OPTION, "Entry Level and Semi-Skilled"),
             (102, 102, 102, 102, 82), GENERAL_2023),
    *targeted(date(2023, 2, 7), [
        ("bc-childcare", "Childcare", n(25), 60, CHILDCARE, SWIG),
        ("bc-healthcare", "Healthcare", n(13), 60, "Targeted draw: Healthcare", SWIG),
    ]),
    *targeted(date(2023, 1, 31), [
        ("bc-tech", "Tech", n(243), 85, "Targeted draw: Tech", SWIG),
        ("bc-childcare", "Childcare", n(18), 60, CHILDCARE, SWIG),
        ("bc-healthcare", "Healthcare", n(18), 60, "Targeted draw: Healthcare", SWIG),
        ("bc-veterinary", "Other priority occupations", fewer(5), 60, PRIORITY, SWIG),
    ]),
    *general(date(2022, 11, 28), 253, GENERAL_KEYS, (*EEBC_OPTION, "Entry Level and Semi Skilled"),
             (105, 105, 105, 105, 82), GENERAL_2023),
    draw("bc-childcare", "Childcare", date(2022, 11, 28), n(49), 60, CHILDCARE, SWIG),
    draw("bc-healthcare", "Healthcare", date(2022, 11, 28), fewer(29), 60,
         "Targeted draw: Healthcare (unless listed below)",
         "Targeted draw: Healthcare: Health care assistants (NOC 33102)",
         "Skilled Worker, International Graduate, Entry Level and Semi-Skilled (includes EEBC "
         "option): minimum score 60, 24 invitations",
         "Entry Level and Semi-Skilled: minimum score 60, <5 invitations"),
    draw("bc-veterinary", "Other priority occupations", date(2022, 11, 28), fewer(5), 60,
         PRIORITY, SWIG),
    draw("bc-ei-regional", "Regional Pilot", date(2023, 1, 24), fewer(5), 129, scale=E),
    draw("bc-ei-base", "Base", date(2023, 1, 24), fewer(5), 115, scale=E),
    draw("bc-ei-regional", "Regional Pilot", date(2022, 12, 13), fewer(5), 134, scale=E),
    draw("bc-ei-base", "Base", date(2022, 12, 13), fewer(5), 116, scale=E),
    draw("bc-ei-regional", "Regional Pilot", date(2022, 11, 8), fewer(5), 114, scale=E),
    draw("bc-ei-base", "Base", date(2022, 11, 8), n(8), 120, scale=E),
]  # fmt: skip

PAGE_2024 = [
    *targeted(date(2024, 11, 20), [
        ("bc-childcare", "Childcare", n(3), 102, SWIG),
        ("bc-construction", "Construction", n(4), 107, SWIG),
        ("bc-healthcare", "Healthcare", n(4), 116, SWIG),
        ("bc-tech", "Tech", n(4), 141, SWIG),
        ("bc-veterinary", "Veterinary care", fewer(5), 80, SWIG),
    ]),
    *targeted(date(2024, 11, 6), [
        ("bc-childcare", "Childcare", n(7), 96, SWIG),
        ("bc-construction", "Construction", n(5), 97, SWIG),
        ("bc-healthcare", "Healthcare", n(8), 111, SWIG),
        ("bc-tech", "Tech", n(31), 128, SWIG),
    ]),
    *general(date(2024, 7, 23), 35, GENERAL_KEYS, (*EEBC_OPTION, "Entry Level & Semi-Skilled"),
             (134, 134, 134, 134, 110), "General"),
    *targeted(date(2024, 7, 23), [
        ("bc-childcare", "Childcare", n(37), 91, SWIG),
        ("bc-construction", "Construction", n(17), 92, SWIG),
        ("bc-healthcare", "Healthcare", n(19), 104, SWIG),
    ]),
    draw("bc-ei-base", "Base", date(2024, 9, 24), n(6), 122, scale=E),
    draw("bc-ei-regional", "Regional", date(2024, 8, 13), fewer(5), 122, scale=E),
    draw("bc-ei-base", "Base", date(2024, 8, 13), n(10), 117, scale=E),
]  # fmt: skip

PAGE_2026 = [
    *targeted(date(2026, 9, 10), [
        ("bc-childcare", "Care: Childcare", n(182), 99, "Early childhood educators only"),
        ("bc-healthcare", "Care: Health", n(143), 76, "All priority health care occupations"),
    ]),
    draw("bc-veterinary", "Care: Veterinary Care", date(2026, 9, 10), fewer(5), 90,
         "All priority veterinary care occupations",
         "Animal health technologists and veterinary technicians (NOC 32104) with valid "
         "professional designation"),
    draw("bc-construction", "Build: Construction Trades", date(2026, 9, 10), n(104), 94,
         "All priority construction occupations"),
    draw("bc-high-impact", "Innovate: High Economic Impact", date(2026, 8, 20), n(602), 132,
         "Wage of $55/hour: minimum score N/A, 337 invitations",
         "Points: minimum score 132, 265 invitations"),
    draw("bc-education", "Care: Education", date(2026, 8, 6), fewer(5), 68,
         "All priority education occupations"),
    draw("bc-ei-base", "Base", date(2026, 1, 13), n(7), 115, scale=E),
    draw("bc-ei-base", "Base", date(2025, 12, 16), n(17), 115, scale=E),
    draw("bc-ei-regional", "Regional", date(2025, 12, 16), fewer(5), 107, scale=E),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("page-2020.html", PAGE_2020),  # Category | Other Considerations, the year's table again
        ("page-2023.html", PAGE_2023),  # Number of Invitations second | Description
        ("page-2024.html", PAGE_2024),  # Draw type | Stream, the count last
        ("page-2026.html", PAGE_2026),  # ITA type | Selection factors, the header in <td>
    ],
)
def test_each_layout_reads_into_its_exact_draws(name: str, expected: list[ProvincialDraw]) -> None:
    read_page = read(page(name))
    assert read_page.draws == expected
    assert read_page.problems == []


def test_a_shared_count_is_kept_once_on_the_first_stream() -> None:
    draws = [d for d in read(page("page-2024.html")).draws if d.date == date(2024, 7, 23)]
    general_draws = [d for d in draws if d.stream in GENERAL_KEYS]
    assert [d.invitations for d in general_draws] == [n(35), None, None, None, None]
    assert all(
        any(note.startswith("35 invitations shared by") for note in d.notes) for d in general_draws
    )
    total = sum(d.invitations.count for d in draws if d.invitations is not None)
    assert total == 35 + 37 + 17 + 19


def test_the_latest_draw_repeated_in_the_years_table_is_read_once() -> None:
    draws = read(page("page-2020.html")).draws
    june = [(d.stream, d.date) for d in draws if d.date == date(2020, 6, 2)]
    assert len(june) == len(set(june)) == 7


def test_the_registration_pool_beside_the_draws_is_no_draw() -> None:
    draws = read(page("page-2026.html")).draws
    assert {d.min_score for d in draws}.isdisjoint({9, 67, 791})
    assert all(d.date.year in (2025, 2026) for d in draws)


def test_bad_rows_are_skipped_and_named_while_the_others_are_read() -> None:
    garbled = read(page("garbled-2024.html"))
    assert [(d.stream, d.invitations, d.min_score) for d in garbled.draws] == [
        ("bc-childcare", n(7), 96),
        ("bc-tech", n(31), 128),
    ]
    assert garbled.problems == [
        f"unreadable count 'to be confirmed': November 6, 2024 | Construction | {SWIG} | 97 | "
        "to be confirmed",
        f"no score nor count: November 6, 2024 | Healthcare | {SWIG}",
        "unreadable date 'Novmber 30, 2024': Novmber 30, 2024 | Tech | Skilled Worker | 130 | 12",
    ]


def test_a_page_told_in_sentences_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="no draw table found: 1 tables, none of draws"):
        read(page("unreadable-2025.html"))


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body><p>Maintenance</p></body></html>",
        b'{"rounds": []}',
        b"<table><tr><th>Score range</th><th>Number of registrations</th></tr></table>",
    ],
)
def test_a_body_with_no_draw_table_is_unreadable(body: bytes) -> None:
    with pytest.raises(Unreadable, match="no draw table found"):
        read(body)


def test_a_draw_table_where_no_row_reads_is_unreadable() -> None:
    body = table(
        "<tr><td>Soon</td><td>General</td><td>Skilled Worker</td><td>?</td><td>?</td></tr>"
    )
    with pytest.raises(Unreadable, match="no draw read from 1 draw tables: unreadable date 'Soon'"):
        read(body)


def test_a_draw_listed_again_with_other_figures_is_named() -> None:
    row = "<tr><td>May 6, 2025</td><td>Tech</td><td>{}</td><td>{}</td><td>{}</td></tr>"
    read_page = read(table(row.format(SWIG, 120, 9)) + table(row.format(SWIG, 121, 9)))
    assert [(d.stream, d.min_score) for d in read_page.draws] == [("bc-tech", 120)]
    assert read_page.problems == ["bc-tech on 2025-05-06 listed again with other figures"]


def table(
    rows: str, header: str = "Date|Draw type|Stream|Minimum Score|Number of invitations"
) -> bytes:
    """A Skills Immigration table in the 2024 layout, with these rows."""
    cells = "".join(f"<th>{name}</th>" for name in header.split("|"))
    return f"<h2>Skills Immigration invitations</h2><table><tr>{cells}</tr>{rows}</table>".encode()


def one(
    day: str = "July 9, 2024", kind: str = "Tech", score: str = "100", count: str = "7"
) -> ProvincialDraw:
    cells = "".join(f"<td>{text}</td>" for text in (day, kind, SWIG, score, count))
    [only] = read(table(f"<tr>{cells}</tr>")).draws
    return only


@pytest.mark.parametrize(
    ("written", "invitations"),
    [
        ("1,204", n(1204)),
        ("12", n(12)),
        ("&lt;5", fewer(5)),
        ("< 5", fewer(5)),
        ("Less than 10", fewer(10)),
        ("fewer than 5", fewer(5)),
        ("<strong>60</strong><strong>5</strong>", n(605)),
        ("N/A", None),
    ],
)
def test_counts_are_read_as_written(written: str, invitations: Invitations | None) -> None:
    assert one(count=written).invitations == invitations


@pytest.mark.parametrize(
    ("written", "score"),
    [("132", 132), ("41 and above", 41), ("EOI 85 points", 85), ("N/A", None), ("", None)],
)
def test_scores_are_read_as_written(written: str, score: int | None) -> None:
    assert one(score=written).min_score == score


@pytest.mark.parametrize(
    "written",
    ["November 20, 2024", "November 20 2024", "Nov. 20, 2024", "20 November 2024", "2024-11-20",
     "<strong>November 20</strong><strong>, 2024</strong>"],
)  # fmt: skip
def test_dates_are_read_in_the_ways_the_page_writes_them(written: str) -> None:
    assert one(day=written).date == date(2024, 11, 20)


def test_sept_is_september() -> None:
    assert one(day="Sept. 9, 2026").date == date(2026, 9, 9)


def test_a_draw_type_never_seen_is_stored_under_a_stream_of_its_own() -> None:
    new = one(kind="Care: Pharmacy")
    assert (new.stream, new.stream_name, new.scale) == ("bc-care-pharmacy", "Care: Pharmacy", R)


def test_a_targeted_draw_never_seen_is_not_its_streams() -> None:
    new = one(kind="Targeted draw: Retail managers (NOCs 0621, 0631)")
    assert (new.stream, new.stream_name) == ("bc-retail-managers", "Retail managers")


def test_regional_in_a_skills_table_is_no_entrepreneur_stream() -> None:
    found = bc.row_stream("Regional", "Skilled Worker")
    assert found is not None and found.stream.key == "bc-skilled-worker"
    entrepreneur = bc.row_stream("", "Regional", Scale.BC_ENTREPRENEUR)
    assert entrepreneur is not None and entrepreneur.stream.key == "bc-ei-regional"


@pytest.mark.parametrize(
    ("stream", "name"), [(stream, name) for stream in bc.STREAMS for name in stream.names]
)
def test_stream_of_finds_each_stream_by_each_of_its_names_folded(stream: Stream, name: str) -> None:
    for written in (name, name.upper(), name.lower(), f"  {name.replace(' - ', f' {EN_DASH} ')}  "):
        assert bc.stream_of(written) == stream, written


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ENTRY LEVEL AND SEMI-SKILLED", "bc-entry-level"),
        ("Entry Level & Semi Skilled", "bc-entry-level"),
        (f"skilled worker {EN_DASH} eebc option", "bc-skilled-worker-eebc"),
        ("Care : Veterinary care", "bc-veterinary"),
        ("Santé", "bc-sante"),
    ],
)
def test_stream_of_ignores_case_accents_and_punctuation(written: str, key: str) -> None:
    assert bc.stream_of(written).key == key


def test_a_name_never_seen_gets_a_derived_stream_on_the_scale_asked() -> None:
    assert bc.stream_of("Strategic Projects", Scale.BC_ENTREPRENEUR).key == "bc-strategic-projects"
    assert bc.stream_of("Strategic Projects", Scale.BC_ENTREPRENEUR).scale is E
    assert bc.stream_of("Care: Pharmacy").scale is R


def test_the_table_is_consistent() -> None:
    keys = [stream.key for stream in bc.STREAMS]
    assert len(keys) == len(set(keys)) and all(key.startswith("bc-") for key in keys)
    streams_named: dict[str, set[str]] = {}
    for stream in bc.STREAMS:
        for name in stream.names:
            streams_named.setdefault(bc.name_key(name), set()).add(stream.key)
    assert all(len(keys) == 1 for keys in streams_named.values()), "a name finds two streams"
    assert set(bc.SCORE_MEANING) == set(keys)
    assert bc.PROVINCE == BC
    assert {"bc", "bcpnp", "bc pnp", "british columbia", "colombie-britannique"} <= {
        fold(name) for name in bc.NAMES
    }


# The held-out pages: real draws set aside before the reader's rules were written, in the
# layouts they came in, and never tuned on (see the measurements in BENCHMARKS.md).
HeldOut = tuple[str, str, date, Invitations | None, int, Scale]
HELD_OUT: dict[str, list[HeldOut]] = {
    "heldout-2020.html": [
        ("bc-skilled-worker-eebc", "EEBC - Skilled Worker", date(2020, 9, 1), n(428), 94, R),
        (
            "bc-international-graduate-eebc",
            "EEBC - International Graduate",
            date(2020, 9, 1),
            None,
            98,
            R,
        ),
        ("bc-skilled-worker", "SI - Skilled Worker", date(2020, 9, 1), None, 94, R),
        ("bc-international-graduate", "SI - International Graduate", date(2020, 9, 1), None, 98, R),
        ("bc-entry-level", SI_2020[2], date(2020, 9, 1), None, 76, R),
        ("bc-skilled-worker", "SI - Skilled Worker", date(2020, 6, 30), n(314), 98, R),
        (
            "bc-international-graduate",
            "SI - International Graduate",
            date(2020, 6, 30),
            None,
            100,
            R,
        ),
        ("bc-entry-level", SI_2020[2], date(2020, 6, 30), None, 79, R),
        ("bc-skilled-worker-eebc", "EEBC - Skilled Worker", date(2020, 6, 30), None, 98, R),
        (
            "bc-international-graduate-eebc",
            "EEBC - International Graduate",
            date(2020, 6, 30),
            None,
            100,
            R,
        ),
        ("bc-ei-base", EI_BASE, date(2020, 2, 4), n(14), 115, E),
        ("bc-ei-regional", EI_REGIONAL, date(2020, 2, 4), n(5), 116, E),
    ],
    "heldout-2023.html": [
        ("bc-tech", "Tech", date(2023, 8, 15), n(107), 88, R),
        ("bc-childcare", "Childcare", date(2023, 8, 15), n(27), 60, R),
        ("bc-healthcare", "Healthcare", date(2023, 8, 15), n(19), 60, R),
        ("bc-veterinary", "Other priority occupations", date(2023, 8, 15), fewer(5), 60, R),
    ],
    "heldout-2024.html": [
        ("bc-skilled-worker", "Skilled Worker", date(2024, 11, 13), n(10), 143, R),
        (
            "bc-skilled-worker-eebc",
            "Skilled Worker - EEBC option",
            date(2024, 11, 13),
            None,
            143,
            R,
        ),
        ("bc-international-graduate", "International Graduate", date(2024, 11, 13), None, 143, R),
        (
            "bc-international-graduate-eebc",
            "International Graduate - EEBC option",
            date(2024, 11, 13),
            None,
            143,
            R,
        ),
        ("bc-entry-level", "Entry Level & Semi-Skilled", date(2024, 11, 13), None, 121, R),
        ("bc-childcare", "Childcare", date(2024, 11, 13), n(5), 102, R),
        ("bc-construction", "Construction", date(2024, 11, 13), n(4), 105, R),
        ("bc-healthcare", "Healthcare", date(2024, 11, 13), n(5), 113, R),
        ("bc-veterinary", "Veterinary care", date(2024, 11, 13), fewer(5), 80, R),
        ("bc-ei-base", "Base", date(2024, 11, 5), n(10), 115, E),
        ("bc-ei-regional", "Regional", date(2024, 11, 5), fewer(5), 130, E),
    ],
    "heldout-2026.html": [
        ("bc-high-impact", "Innovate: High Economic Impact", date(2026, 9, 24), n(714), 131, R),
        (
            "bc-rural-health",
            "Temporary Rural/Remote Health Support Initiative",
            date(2026, 9, 17),
            n(33),
            60,
            R,
        ),
        ("bc-ei-base", "Base", date(2026, 6, 30), n(14), 118, E),
        ("bc-ei-regional", "Regional", date(2026, 6, 30), n(5), 113, E),
        ("bc-ei-base", "Base", date(2026, 4, 14), n(14), 115, E),
    ],
}
FIELDS = ("stream", "stream_name", "date", "invitations", "min_score", "scale")


def test_the_held_out_pages_read_as_measured() -> None:
    """Measured: 32 of 32 draws found, 192 of 192 fields right, none invented, no row
    wrongly skipped; a regression on any of them fails here."""
    expected_draws = found = fields_right = invented = 0
    problems: list[str] = []
    for name, expected in HELD_OUT.items():
        read_page = read(page(name))
        problems += read_page.problems
        got = {(d.stream, d.date): d for d in read_page.draws}
        wanted = {(row[0], row[2]): row for row in expected}
        expected_draws += len(expected)
        invented += len(got.keys() - wanted.keys())
        for key, row in wanted.items():
            if (have := got.get(key)) is not None:
                found += 1
                fields_right += sum(
                    getattr(have, f) == value for f, value in zip(FIELDS, row, strict=True)
                )
    assert (expected_draws, found, fields_right, invented, problems) == (32, 32, 192, 0, [])


def test_other_considerations_name_a_sector_only_when_it_is_known() -> None:
    """The 2020 layout's last column is free text: "Tech Pilot" names the tech draw (its
    categories one draw), a sentence about excluded occupations names nothing."""
    header = "Date|Number of Invitations|Category|Minimum Score|Other Considerations"
    tech = (
        '<tr><td rowspan="2">July 21, 2020</td><td rowspan="2">62</td>'
        '<td>EEBC - Skilled Worker</td><td>80</td><td rowspan="2">Tech Pilot</td></tr>'
        "<tr><td>SI - Skilled Worker</td><td>80</td></tr>"
    )
    general_row = (
        "<tr><td>August 18, 2020</td><td>302</td><td>SI - Skilled Worker</td><td>96</td>"
        "<td>Occupations hit by the pandemic were excluded.</td></tr>"
    )
    draws = read(table(tech + general_row, header)).draws
    assert draws == [
        draw("bc-tech", "Tech Pilot", date(2020, 7, 21), n(62), 80,
             "EEBC - Skilled Worker", "SI - Skilled Worker"),
        draw("bc-skilled-worker", "SI - Skilled Worker", date(2020, 8, 18), n(302), 96,
             "Occupations hit by the pandemic were excluded."),
    ]  # fmt: skip


def test_a_date_cell_left_blank_is_the_row_above() -> None:
    rows = (
        f"<tr><td>May 6, 2025</td><td>Tech</td><td>{SWIG}</td><td>120</td><td>9</td></tr>"
        f"<tr><td></td><td>Healthcare</td><td>{SWIG}</td><td>100</td><td>&lt;5</td></tr>"
    )
    draws = read(table(rows)).draws
    assert [(d.stream, d.date, d.invitations) for d in draws] == [
        ("bc-tech", date(2025, 5, 6), n(9)),
        ("bc-healthcare", date(2025, 5, 6), fewer(5)),
    ]


ENTREPRENEUR_TABLE = (
    "<table><tr><td>Date</td><td>Stream</td><td>Minimum Score</td><td>Number of Invitations</td>"
    "</tr><tr><td>June 30, 2026</td><td>Base</td><td>118</td><td>14</td></tr></table>"
)


@pytest.mark.parametrize(
    "heading",
    [
        "",  # no heading at all: its streams say which it is
        "<button>Entrepreneur Immigration invitations</button>",  # an accordion's button
        "<h2>Skills Immigration invitations</h2><h3>Entrepreneur Immigration invitations</h3>",
    ],
)
def test_an_entrepreneur_table_is_known_whatever_its_heading(heading: str) -> None:
    draws = read(f"<h1>Invitations to apply</h1>{heading}{ENTREPRENEUR_TABLE}".encode()).draws
    assert draws == [draw("bc-ei-base", "Base", date(2026, 6, 30), n(14), 118, scale=E)]

"""The figures every provincial reader shares: counts and their bounds, scores, dates, a
province's streams by name, and HTML tables with their rowspans and colspans spread out."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from core.provinces import figures
from core.provinces.values import Bound, Invitations, Scale, Stream, Streams
from jobs.provinces.tables import grid, span

FEWER, AT_MOST = Bound.FEWER_THAN, Bound.AT_MOST


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1,204", Invitations(1204)),
        ("56", Invitations(56)),
        (" 12* ", Invitations(12)),  # a footnote's mark
        ("<5", Invitations(5, FEWER)),
        ("< 5", Invitations(5, FEWER)),
        ("Less than 10", Invitations(10, FEWER)),
        ("fewer than 5", Invitations(5, FEWER)),
        ("under 5", Invitations(5, FEWER)),
        ("<1,000", Invitations(1000, FEWER)),
        ("up to 10", Invitations(10, AT_MOST)),
        ("at most 3", Invitations(3, AT_MOST)),
        ("<=5", Invitations(5, AT_MOST)),  # not "<" and a stray "="
        ("\u22645", Invitations(5, AT_MOST)),
        ("maximum of 5", Invitations(5, AT_MOST)),
        ("N/A", None),
        ("", None),
        ("4 7", None),
        ("1,0OO", None),
        ("12,04", None),
        ("ten", None),
        ("10-20", None),
        ("thunder 5", None),
        ("97 (including 12 Express Entry candidates)", None),  # words after it: not whole
    ],
)
def test_a_count_written_alone(written: str, expected: Invitations | None) -> None:
    assert figures.count(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("97 (including 12 Express Entry candidates)", Invitations(97)),
        ("Less than 10 (LAAs)", Invitations(10, FEWER)),
        ("1,204 issued", Invitations(1204)),
        ("12,04", None),  # a number cut short is no number
        ("see below", None),
    ],
)
def test_a_count_leading_its_line(written: str, expected: Invitations | None) -> None:
    assert figures.count(written, leading=True) == expected


@pytest.mark.parametrize(
    ("written", "bound"),
    [
        ("2 targeted invitations", Bound.EXACT),
        ("Less than 10 (LAAs)", FEWER),
        ("5 (under review)", FEWER),
        ("5 (understood)", Bound.EXACT),  # "under" only as a word
        ("Maximum of 10", AT_MOST),
    ],
)
def test_the_bound_a_wording_sets_anywhere(written: str, bound: Bound) -> None:
    assert figures.bound_in(written) is bound


@pytest.mark.parametrize(
    ("written", "expected"),
    [("1,204 of 2,000", [1204, 2000]), ("479 to 489", [479, 489]), ("none", [])],
)
def test_numbers_as_written(written: str, expected: list[int]) -> None:
    assert figures.numbers(written) == expected


@pytest.mark.parametrize(
    ("written", "given"),
    [
        ("N/A", False), ("n/a.", False), ("Not applicable", False), ("Not available*", False),
        ("\u2014", False), ("-", False), ("", False), ("None", False),
        ("0", True), ("50", True), ("see below", True),
    ],
)  # fmt: skip
def test_words_that_say_a_figure_was_not_given(written: str, given: bool) -> None:
    assert figures.not_given(written) is not given


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("50", 50),
        ("41 and above", 41),
        ("59+", 59),
        ("300 or higher", 300),
        ("41 or more", 41),
        ("74 and up", 74),
        ("EOI 85 points", 85),
        ("85 pts", 85),
        ("41 and above.", 41),
        ("1200", 1200),
        ("1250", None),  # above any scale
        ("5l", None),
        ("fifty", None),
        ("58, 52", None),  # several: see lowest_score
        ("N/A", None),
    ],
)
def test_a_score_written_alone(written: str, expected: int | None) -> None:
    assert figures.score(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("612 (lowest)", 612), ("612 and above", 612), ("1,204", None), ("see below", None)],
)
def test_a_score_leading_its_line(written: str, expected: int | None) -> None:
    assert figures.score(written, leading=True) == expected


@pytest.mark.parametrize(
    ("written", "several", "lowest"),
    [
        ("Express Entry: 58, non-Express Entry: 52", [58, 52], 52),
        ("479 to 489", [479, 489], 479),
        ("479-489", [479, 489], 479),
        ("Trades: 74 and up; tech: 70 and up", [74, 70], 70),
        ("44 (NOC 21231)", [44, 21231], 44),
        ("NOC 21231", [21231], None),  # a code, not a score
        ("41 and above", [41], 41),
        ("5O and 6O", [], None),  # garbled
        ("1,204 and 52.5", [], None),  # neither stands alone
        ("see below", [], None),
    ],
)
def test_several_scores_give_the_lowest(
    written: str, several: list[int], lowest: int | None
) -> None:
    assert (figures.scores(written), figures.lowest_score(written)) == (several, lowest)


@pytest.mark.parametrize(
    ("written", "year", "expected"),
    [
        ("June 15, 2026", None, date(2026, 6, 15)),
        ("Jun. 15, 2026", None, date(2026, 6, 15)),
        ("Sept. 5, 2024", None, date(2024, 9, 5)),
        ("SEPT 5 2024", None, date(2024, 9, 5)),
        ("June 3rd, 2025", None, date(2025, 6, 3)),
        ("November 20 , 2024", None, date(2024, 11, 20)),  # cells split across tags
        ("20 November 2024", None, date(2024, 11, 20)),
        ("20 Nov. 2024", None, date(2024, 11, 20)),
        ("08-Jan-21", None, date(2021, 1, 8)),
        ("08-Jan-99", None, date(1999, 1, 8)),
        ("2026-06-15", None, date(2026, 6, 15)),
        ("March 17", 2026, date(2026, 3, 17)),  # the year the page gives
        ("December 18, 2025", 2026, date(2025, 12, 18)),  # a year written wins
        ("March 17", None, None),
        ("17 March", 2026, None),
        ("31-Feb-21", None, None),
        ("February 30, 2024", None, None),
        ("Wednesday, November 20, 2024", None, None),  # not whole
        ("soon", None, None),
        ("", None, None),
    ],
)
def test_a_date_written_whole(written: str, year: int | None, expected: date | None) -> None:
    assert figures.date_of(written, year) == expected


@pytest.mark.parametrize(
    ("written", "year", "expected"),
    [
        ("Wednesday, November 20, 2024", None, date(2024, 11, 20)),
        ("Profiles created March 1 to 2023-03-09", 2023, date(2023, 3, 9)),  # digits first
        ("Profiles created between March 1 and March 9, 2023", 2023, date(2023, 3, 1)),
        ("Invitations issued June 6", 2025, date(2025, 6, 6)),
        ("No date here", 2025, None),
    ],
)
def test_a_date_found_in_words(written: str, year: int | None, expected: date | None) -> None:
    assert figures.date_in(written, year) == expected


ONE = Stream("xx-one", ("The First Stream", "First"), Scale.POINTS)
TWO = Stream("xx-two", ("Second Stream",), Scale.POINTS)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("The First Stream", "xx-one"),
        ("THE FIRST STREAM", "xx-one"),
        (" first. ", "xx-one"),
        ("xx-two", "xx-two"),  # its key
        ("Sécond  Stream", "xx-two"),
        ("Third Stream", None),
    ],
)
def test_streams_are_found_by_any_name_folded(written: str, key: str | None) -> None:
    found = Streams("xx", (ONE, TWO), Scale.POINTS).known(written)
    assert (found.key if found else None) == key


def test_a_stream_never_seen_is_derived_on_the_scale_asked() -> None:
    streams = Streams("xx", (ONE, TWO), Scale.POINTS)
    assert streams.of("First") is ONE
    assert streams.of("Third Stream") == Stream("xx-third-stream", ("Third Stream",), Scale.POINTS)
    assert streams.of("Third Stream", Scale.CRS).scale is Scale.CRS


def test_a_province_folds_and_reads_names_its_own_way() -> None:
    streams = Streams(
        "xx", (ONE, TWO), Scale.POINTS,
        key=lambda name: name.lower().removesuffix(" stream"),
        readings=lambda name: (name, name.split(" - ")[0]),
    )  # fmt: skip
    assert streams.known("second") is TWO
    assert streams.known("Second Stream - A Pathway Never Seen") is TWO


def cells(markup: str) -> list[list[str]]:
    """The grid of a table as texts, a blank filling a short row shown as "."."""
    table = BeautifulSoup(f"<table>{markup}</table>", "html.parser").table
    assert table is not None
    return [[cell.text or "." for cell in row] for row in grid(table)]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (  # a date over two rows
            "<tr><td rowspan=2>June 6</td><td>A</td></tr><tr><td>B</td></tr>",
            [["June 6", "A"], ["June 6", "B"]],
        ),
        (  # a heading across the table
            "<tr><th colspan=3>2026</th></tr><tr><td>a</td><td>b</td><td>c</td></tr>",
            [["2026", "2026", "2026"], ["a", "b", "c"]],
        ),
        (  # a block spanning two rows and two columns
            "<tr><td rowspan=2 colspan=2>X</td><td>1</td></tr><tr><td>2</td></tr>",
            [["X", "X", "1"], ["X", "X", "2"]],
        ),
        (  # cells spanning down on both sides of a row's own cells
            "<tr><td rowspan=3>d</td><td>a</td><td rowspan=3>9</td></tr>"
            "<tr><td>b</td></tr><tr><td>c</td></tr>",
            [["d", "a", "9"], ["d", "b", "9"], ["d", "c", "9"]],
        ),
        (  # a short row: blanks up to the cell spanning down at its end
            "<tr><td rowspan=2>d</td><td>a</td><td>s</td><td rowspan=2>9</td></tr>"
            "<tr><td>b</td></tr><tr><td>e</td><td>c</td><td>t</td><td>3</td></tr>",
            [["d", "a", "s", "9"], ["d", "b", ".", "9"], ["e", "c", "t", "3"]],
        ),
        (  # a row with no cells of its own
            "<tr><td rowspan=2>d</td><td>a</td></tr><tr></tr>",
            [["d", "a"], ["d"]],
        ),
        (  # a table in a cell keeps its rows
            "<tr><td>a<table><tr><td>x</td></tr></table></td><td>b</td></tr>",
            [["a x", "b"]],
        ),
    ],
)
def test_a_grid_spreads_rowspans_and_colspans(markup: str, expected: list[list[str]]) -> None:
    assert cells(markup) == expected


def test_a_spanning_cell_is_one_cell_in_every_place() -> None:
    table = BeautifulSoup(
        "<table><tr><td>A</td><td rowspan=2>9</td></tr><tr><td>B</td></tr></table>",
        "html.parser",
    ).table
    assert table is not None
    rows = grid(table)
    assert rows[0][1] is rows[1][1] and rows[0][1].rows == 2
    assert rows[0][0] is not rows[1][0]


@pytest.mark.parametrize(
    ("attribute", "expected"), [("2", 2), (" 3 ", 3), ("0", 1), ("x", 1), ("", 1), ("500", 100)]
)
def test_a_span_is_read_with_care(attribute: str, expected: int) -> None:
    tag = BeautifulSoup(f'<td rowspan="{attribute}">a</td>', "html.parser").td
    assert tag is not None
    assert span(tag, "rowspan") == expected


def test_a_cell_reads_as_one_line_or_as_its_lines() -> None:
    markup = "<td><p>Tech</p><ul><li>NOC <b>2</b>1231</li></ul>Health<br>care</td>"
    table = BeautifulSoup(f"<table><tr>{markup}</tr></table>", "html.parser").table
    assert table is not None
    [[cell]] = grid(table)
    assert cell.text == "Tech NOC 2 1231 Health care"  # every piece of text a word apart
    assert cell.lines == ("Tech", "NOC 21231", "Health", "care")
    assert not cell.header

"""Reading news articles into draw reports: real articles, our own varied ones, and each rule."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from core.reports import FIELDS, Confidence
from jobs.news import DrawReport, Extraction, extract, html_to_text
from jobs.news.counts import find_invitations
from jobs.news.cutoffs import find_crs
from jobs.news.french import language_of, to_english
from jobs.news.lines import find_numbers
from jobs.news.tables import read_tables

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

# (number, date, category, invitations, crs, tie_break): what a report must say.
Figures = tuple[str | None, date | None, str | None, int | None, int | None, datetime | None]
TIE_254 = datetime(2022, 11, 23, 0, 1, 29, tzinfo=UTC)
ROUND_254 = ("254", date(2023, 7, 5), "stem", 500, 486)
ROUND_253 = ("253", date(2023, 7, 4), "general", 700, 511)
ROUND_252 = ("252", date(2023, 6, 28), "healthcare", 500, 476)


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# file, title, published, main figures (None: announces no draw), confidence, table rows
EXPECTED: list[tuple[str, str, str, Figures | None, str | None, list[tuple[object, ...]]]] = [
    (
        "000_c7b0679534971ae0.txt",
        "First STEM Occupations Targeted Express Entry Draw: 500 ITAs Issued",
        "2023-07-05",
        (None, date(2023, 7, 5), "stem", 500, 486, None),
        "high",
        [],
    ),
    (
        "001_8bb17bc433667caf.txt",
        "Express Entry Draws: STEM Occupations Invited for Permanent Residence",
        "2023-07-06",
        (None, None, "stem", 500, 486, None),
        "medium",
        [],
    ),
    (
        "002_34ae7477c42d7910.txt",
        "Express Entry Draw: 6,000 STEM Candidates Invited",
        "2025-09-05",
        (None, None, "stem", 6000, 485, None),
        "medium",
        [],
    ),
    (
        "003_0463d9bc027c1f65.txt",
        "Express Entry Draw 254: 500 Candidates Invited in STEM Category-Specific Draw",
        "2023-07-06",
        (*ROUND_254, TIE_254),
        "high",
        [],
    ),
    (
        "004_bbc363bcdfda4cdf.txt",
        "IRCC Conducts its First STEM Occupations Draw",
        "2023-07-06",
        (*ROUND_254, TIE_254),
        "high",
        [ROUND_254, ROUND_253, ROUND_252],
    ),
    (
        "cec_key_facts.html",
        "Express Entry: IRCC invites 1,350 CEC candidates in draw #369",
        "2025-09-11",
        ("369", date(2025, 9, 10), "cec", 1350, 534, datetime(2025, 8, 23, 10, 15, 42, tzinfo=UTC)),
        "high",
        [],
    ),
    (
        "pnp_only.html",
        "Express Entry: 1,123 invitations in new Provincial Nominee Program draw",
        "2025-01-02",  # "Monday, December 30": the year before
        (None, date(2024, 12, 30), "pnp", 1123, 729, datetime(2024, 12, 12, 18, 2, 11, tzinfo=UTC)),
        "high",
        [],
    ),
    (
        "french_draw.html",
        "Canada issues 7,500 ITAs in French-language proficiency draw",
        "2025-03-22",
        (None, date(2025, 3, 21), "french", 7500, 379, None),
        "high",
        [],
    ),
    (
        "healthcare_draw.html",
        "Healthcare draw: 2,500 invitations for health workers",
        "2025-03-19",
        ("340", date(2025, 3, 18), "healthcare", 2500, 510, None),
        "high",
        [],
    ),
    (
        "general_draw.html",
        "All-program Express Entry draw invites 2,095 candidates",
        "2024-04-24",
        (
            "293",
            date(2024, 4, 23),
            "general",
            2095,
            529,
            datetime(2024, 4, 12, 15, 56, 20, tzinfo=UTC),
        ),
        "high",
        [],
    ),
    (
        "rounds_table.html",
        "Express Entry: 1,000 Canadian Experience Class candidates invited",
        "2025-11-14",
        ("377", date(2025, 11, 13), "cec", 1000, 533, None),
        "high",
        [
            ("377", date(2025, 11, 13), "cec", 1000, 533),
            ("376", date(2025, 11, 12), "french", 6000, 416),
            ("375", date(2025, 11, 10), "pnp", 750, 738),
        ],  # #374 has no invitation count: not a complete round
    ),
    (
        "round_371_title.html",
        "Express Entry Round #371: 2,500 invitations in trade occupations draw",
        "2025-10-02",
        ("371", date(2025, 10, 1), "trade", 2500, 477, None),
        "high",
        [],
    ),
    (
        "over_700.html",
        "Express Entry: IRCC issues over 700 invitations in STEM draw",
        "2025-06-05",
        (None, date(2025, 6, 4), "stem", None, 502, None),
        "medium",
        [],
    ),
    (
        "contradicting_cutoffs.html",
        "Express Entry draw #330: 1,500 healthcare workers invited, CRS 463",
        "2025-01-16",
        ("330", date(2025, 1, 15), "healthcare", 1500, 463, None),
        "low",
        [],
    ),
    (
        "previous_draws_in_passing.html",
        "STEM draw: IRCC invites 4,000 candidates",
        "2024-04-12",
        (None, date(2024, 4, 11), "stem", 4000, 491, None),
        "high",
        [],
    ),
    (
        "cic_style_healthcare.html",
        "Express Entry: IRCC invites 2,500 healthcare candidates in new draw",
        "2025-03-19",
        (None, None, "healthcare", 2500, 510, None),
        "medium",
        [],  # its table lists no draw numbers: not complete rounds
    ),
    (
        "crs_guide.html",
        "How to improve your CRS score before the next Express Entry draw",
        "2025-05-01",
        None,
        None,
        [],
    ),
    (
        "forecast.html",
        "Express Entry draws: cut-offs in the weeks ahead",
        "2025-05-01",
        None,
        None,
        [],
    ),
    (
        "pool_distribution.html",
        "Express Entry pool distribution update: 12,345 candidates between 481 and 490",
        "2025-11-04",
        None,
        None,
        [],
    ),
    (
        "oinp_draw.html",
        "Ontario invites 1,200 Express Entry candidates with CRS scores between 460 and 490 "
        "under the Human Capital Priorities stream",
        "2025-08-13",
        None,
        None,
        [],
    ),
    (
        "levels_plan.html",
        "Canada releases its 2026-2028 Immigration Levels Plan",
        "2025-11-04",
        None,
        None,
        [],
    ),
    (
        "french_language_text.html",
        "Entrée express : IRCC invite 500 candidats STEM",
        "2023-07-06",
        (None, date(2023, 7, 5), "stem", 500, 486, TIE_254),
        "high",
        [],
    ),
]
BY_FILE = {case[0]: case for case in EXPECTED}


def figures(report: DrawReport) -> Figures:
    return (
        report.number,
        report.date,
        report.category,
        report.invitations,
        report.crs,
        report.tie_break,
    )


def row(report: DrawReport) -> tuple[object, ...]:
    return figures(report)[:5]


def read(name: str) -> Extraction:
    _, title, published, *_ = BY_FILE[name]
    return extract(title, (ARTICLES / name).read_text(encoding="utf-8"), day(published))


@pytest.mark.parametrize(
    ("name", "main", "confidence", "table"),
    [(name, main, confidence, table) for name, _, _, main, confidence, table in EXPECTED],
)
def test_each_article(
    name: str, main: Figures | None, confidence: str | None, table: list[tuple[object, ...]]
) -> None:
    extraction = read(name)
    if main is None:
        assert (extraction.main, extraction.table) == (None, ())
        return
    assert extraction.main is not None
    assert figures(extraction.main) == main
    assert extraction.main.confidence == confidence
    assert [row(report) for report in extraction.table] == table
    assert all(report.from_table for report in extraction.table)


def test_no_report_has_a_figure_absent_from_the_expected_table() -> None:
    """Precision over every fixture: a figure found is the expected one, or it is not found."""
    names = sorted(path.name for path in ARTICLES.iterdir() if path.is_file())
    assert names == sorted(BY_FILE), "every fixture article needs its expected result"
    wrong = []
    for name in names:
        extraction, expected = read(name), BY_FILE[name]
        if extraction.main is not None:
            found, truth = figures(extraction.main), expected[3] or (None,) * 6
            wrong += [(name, a) for a, b in zip(found, truth, strict=True) if a not in (None, b)]
        wrong += [(name, row(r)) for r in extraction.table if row(r) not in expected[5]]
    assert wrong == []


def test_the_real_articles_report_what_the_readme_says() -> None:
    reports = {name[:3]: read(name).main for name in BY_FILE if name[:3].isdigit()}
    assert all(report is not None and report.alertable for report in reports.values())
    assert [r.missing for r in reports.values() if r] == [
        ("number", "tie_break"),
        ("number", "date", "tie_break"),
        ("number", "date", "tie_break"),
        (),
        (),
    ]


def test_contradicting_cut_offs_are_reported_not_chosen() -> None:
    report = read("contradicting_cutoffs.html").main
    assert report is not None
    assert report.contradictions == ("crs: 463 and 473",)
    assert not report.alertable


def test_hedged_invitations_are_missing_not_guessed() -> None:
    report = read("over_700.html").main
    assert report is not None and report.invitations is None
    assert report.missing == ("number", "invitations", "tie_break")
    assert report.alertable


# Rule 2: draws in passing. The article announces #254; each sentence is about something else.
ANNOUNCEMENT = "IRCC invited 500 STEM candidates on July 5, 2023 with a minimum CRS score of 486."


@pytest.mark.parametrize(
    "passing",
    [
        "The previous category-based draw, held on June 28, targeted healthcare workers, "
        "inviting 500 candidates with a minimum CRS score of 476.",
        "Furthermore, on July 4, IRCC surprised candidates with an all-program draw, inviting 700 "
        "individuals. The minimum CRS score requirement for this draw was set at 511.",
        "It followed a draw held the day before, which invited 700 candidates. Individuals with a "
        "CRS score of 511 or higher were eligible.",
        "IRCC has confirmed another round this week, specifically targeting 1,500 healthcare "
        "workers.",
        "The cut-off was 25 points lower than the previous draw.",
        "If your score is 478, you may be invited in a future round.",
        "There are 12,345 candidates between 481 and 490 in the pool.",
        "The next draw could see cut-offs around 480 and about 3,000 invitations.",
        "Last week IRCC invited 3,500 CEC candidates with a cut-off of 520.",
        "For example, a candidate with a CRS score of 455 was not invited.",
        "Experts predict a cut-off of 470 for the upcoming round of 2,000 invitations.",
        "On June 20, 2023, IRCC invited 4,300 candidates with a CRS score of 486.",
        "Draw #253 invited 700 candidates with a CRS score of 511.",
        "So far this year, IRCC has issued 45,000 ITAs.",
        "IRCC has issued 45,000 ITAs this year, with cut-offs as low as 379.",
        "This draw comes after three draws in which 7,000 candidates were invited each time.",
        "Its historic low of 476 came when 1,000 candidates were invited.",
        "IRCC had initially posted 476 as the cut-off before correcting it.",
    ],
)
def test_draws_in_passing_do_not_leak(passing: str) -> None:
    body = f"<p>{ANNOUNCEMENT} {passing}</p><p>{passing}</p>"
    report = extract(
        "Express Entry draw 254: STEM candidates invited", body, day("2023-07-06")
    ).main
    assert report is not None
    assert figures(report) == (*ROUND_254, None)
    assert report.contradictions == ()


def test_a_sentence_counts_up_to_where_it_turns_to_another_draw() -> None:
    """Its first clauses are read; a figure there that was another draw's is a contradiction,
    never a draw of its own."""
    title, published = "Express Entry draw 254: STEM candidates invited", day("2023-07-06")
    turned = (
        f"<p>{ANNOUNCEMENT} The cut-off was 486, a drop of 5 points from the previous draw.</p>"
    )
    assert extract(title, turned, published).main == extract(title, ANNOUNCEMENT, published).main
    leaked = f"<p>{ANNOUNCEMENT} The cut-off was 476, its historic low, in 2022.</p>"
    report = extract(title, leaked, published).main
    assert report is not None and report.contradictions == ("crs: 486 and 476",)
    assert not report.alertable


def test_a_paragraph_can_come_back_to_the_announced_draw() -> None:
    body = (
        "<p>IRCC held two draws this week. One invited 1,500 healthcare workers with a "
        "cut-off of 462. On Wednesday, 500 STEM candidates were invited with a minimum "
        "CRS of 486. Their score was 24 points above the other round.</p>"
    )
    report = extract("Express Entry STEM draw invites 500", body, day("2023-07-06")).main
    assert report is not None
    assert figures(report) == (None, None, "stem", 500, 486, None)


@pytest.mark.parametrize(
    ("sentence", "crs"),
    [
        ("The CRS score cutoff for the STEM draw increased by 10 points, reaching 486.", 486),
        ("Candidates needed a rank of 500 or above in the Comprehensive Ranking System.", None),
        ("The CRS score of the lowest-ranked candidate invited in this draw was 486.", 486),
        ("The cut-off was 100 points lower.", None),
        ("A provincial nomination is worth 600 additional CRS points.", None),
        ("Candidates with CRS scores between 460 and 490 were invited.", None),
        ("Scores of 486 CRS or more were needed.", 486),
        (
            "Candidates with 471 or more Comprehensive Ranking System (CRS) points were invited.",
            471,
        ),
        ("Profiles needed at least 507 points.", 507),
        ("A provincial nomination adds 600 points, so the cut-off score was 699.", 699),
        ("The minimal Complete Rating System rating wanted was 511.", 511),
        ("The cut-off score of the CRS of this draw was 75 points.", 75),
        ("The cut-off rose by 12 points.", None),
        ("The cut-off was 15 points lower.", None),
        ("Candidates with 600 points from a nomination were invited.", None),
        ("779 candidates, each of whom had 886 points or more, were invited.", 886),
        ("Nominees get an additional 600 CRS points.", None),
        ("The bar was set at 515.", 515),
        ("The bar stood at 741 points for provincial nominees.", 741),
        ("The Bar of Montreal had 515 members.", None),
        ("The draw raised the bar to 520.", None),
    ],
)
def test_what_a_cut_off_is(sentence: str, crs: int | None) -> None:
    assert find_crs(sentence) == ([] if crs is None else [crs])


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("IRCC issued 6,000 invitations.", 6000),
        ("IRCC invited 3600 candidates.", 3600),
        ("500 ITAs were issued.", 500),
        ("IRCC invited 1,123 Provincial Nominee Program candidates.", 1123),
        ("IRCC issued over 700 invitations.", None),
        ("IRCC invited about 1,000 candidates.", None),
        ("More than 4,000 candidates were invited.", None),
        ("IRCC will invite up to 500 candidates.", None),
        ("IRCC invited 700+ candidates.", None),
        ("IRCC invited 500 Federal Skilled Trades Class candidates.", 500),
        ("Canada invites 176 more candidates than in the previous round.", None),
        ("March 31 draws considered candidates with 778 points.", None),
        ("Candidates needed a rank of 500 or above.", None),
        ("In this round 4,000 candidates were invited.", 4000),
        ("In round 4 candidates were invited.", None),
        ("The cut-off of 475 gives applicants a reference point.", None),
        ("The number of candidates who received an ITA rose to 3,644.", 3644),
        ("The number of invitations issued was 4,750.", 4750),
        ("The number of candidates in the pool rose to 245,000.", None),
        ("The number of candidates invited rose to over 4,000.", None),
        ("In 2023 candidates were invited.", None),
        ("IRCC invited 4,000 health care and social services workers.", 4000),
        ("IRCC invited 500 STEM and 300 candidates of the trades.", 300),
        ("IRCC invited three thousand Canadian Experience Class candidates.", 3000),
        ("Five hundred ITAs were issued.", 500),
        ("IRCC issued two thousand five hundred invitations.", 2500),
        ("IRCC issued nearly three thousand invitations.", None),  # a hedge, in words too
        ("IRCC issued twenty-five hundred invitations.", None),  # no unit this reader reads
        ("IRCC issued 3K invitations.", None),  # rounded: a headline's 1.5K may be 1,513
        ("Some three thousand people attended.", None),
    ],
)
def test_only_exact_counts_are_invitations(text: str, count: int | None) -> None:
    assert find_invitations(text) == ([] if count is None else [count])


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("#254", ["254"]),
        ("Draw 254: 500 candidates", ["254"]),
        ("Draw #254", ["254"]),
        ("Round #371 results", ["371"]),
        ("in draw No. 254, IRCC", ["254"]),
        ("Express Entry draw 254", ["254"]),
        ("Express Entry draw #91b", ["91b"]),
        ("500 candidates", []),
        ("Express Entry draws in 2023", []),
        ("Express Entry draw 2023", []),
        ("Bill C-12", []),
        ("the #1 priority", []),
        ("a draw 5 days later", []),
        ("the 117th round overall", ["117"]),
        ("the 41st in total since the system was launched", ["41"]),
        ("the 380th Express Entry round overall, held on", ["380"]),
        ("IRCC held its 380th draw on November 25", ["380"]),
        ("Today's draw is the 18th of 2019", []),
        ("the 3rd draw this week", []),
        ("Number 397 held on February 19", ["397"]),
        ("Express Entry results (#300): trades", ["300"]),
        ("Draw 263 | All-program round", ["263"]),
        ("IRCC held draw number 404 on March 17", ["404"]),
    ],
)
def test_draw_numbers(text: str, numbers: list[str]) -> None:
    assert find_numbers(text) == numbers


@pytest.mark.parametrize(
    ("written", "published", "expected"),
    [
        ("July 5th, 2023", "2023-07-06", date(2023, 7, 5)),
        ("5 July 2023", "2023-07-06", date(2023, 7, 5)),
        ("Jul. 5, 2023", "2023-07-06", date(2023, 7, 5)),
        ("July 5", "2023-07-06", date(2023, 7, 5)),
        ("Wednesday, July 5", "2023-07-06", date(2023, 7, 5)),
        ("December 30", "2025-01-02", date(2024, 12, 30)),  # the year that puts it before
        ("July 5", "2023-07-05", date(2023, 7, 5)),
    ],
)
def test_draw_dates(written: str, published: str, expected: date) -> None:
    body = f"IRCC held a STEM draw on {written}, inviting 500 candidates with a CRS score of 486."
    report = extract("Express Entry STEM draw", body, day(published)).main
    assert report is not None and report.date == expected


def test_a_date_without_a_year_and_no_published_date_is_unknown() -> None:
    body = "IRCC held a STEM draw on July 5, inviting 500 candidates with a CRS score of 486."
    report = extract("Express Entry STEM draw", body, None).main
    assert report is not None and report.date is None and report.crs == 486


# Rule 3: tables run together in plain text, as on some sites.
GLUED_HEADER = (
    "#DateImmigration programInvitations issuedCRS score of lowest-ranked candidate invited"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "254July 5, 2023STEM occupations (2023-1)500486",
            ("254", date(2023, 7, 5), "stem", 500, 486),
        ),
        (
            "253July 4, 2023No Program Specified700511",
            ("253", date(2023, 7, 4), "general", 700, 511),
        ),
        (
            "300April 23, 2024No Program Specified4,750494",
            ("300", date(2024, 4, 23), "general", 4750, 494),
        ),
        (
            "301May 1, 2024Trade occupations (Version 1)1500436",
            ("301", date(2024, 5, 1), "trade", 1500, 436),
        ),
        ("390June 1, 2026Healthcare and Social Services Occupations, 2026-Version 32,500470", None),
        ("302May 2, 2024No Program Specified47,50494", None),  # misplaced comma
        ("304May 4, 2024Pilot Program 2500486", None),  # "Program 2" and 500, or 2,500?
        ("303May 3, 2024No Program Specified48", None),
    ],
)
def test_glued_table_rows(line: str, expected: tuple[object, ...] | None) -> None:
    rows, used = read_tables([GLUED_HEADER, line], None)
    assert [tuple(r) for r in rows] == ([] if expected is None else [expected])
    assert used == {0, 1}


def test_glued_table_follows_the_header_order() -> None:
    header = "#DateProgramCRS score of lowest-ranked candidate invitedInvitations issued"
    rows, _ = read_tables([header, "254July 5, 2023STEM occupations (2023-1)486500"], None)
    assert [(r.invitations, r.crs) for r in rows] == [(500, 486)]


def test_a_table_row_without_a_number_column_is_not_a_round() -> None:
    rows, _ = read_tables(
        ["Date | Category | Invitations | CRS", "July 5, 2023 | STEM | 500 | 486"], None
    )
    assert rows == []


def html_table(*rows: tuple[str, ...]) -> str:
    cells = ["".join(f"<td>{cell}</td>" for cell in row) for row in rows]
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in cells) + "</table>"


HEADER = ("#", "Date", "Program", "Invitations", "CRS")


def test_a_table_gives_the_main_draw_its_number_only_when_it_agrees() -> None:
    agreeing = html_table(HEADER, ("254", "July 5, 2023", "STEM", "500", "486"))
    other = html_table(HEADER, ("253", "July 4, 2023", "General", "700", "511"))
    published = day("2023-07-06")
    agrees = extract("Express Entry STEM draw", f"<p>{ANNOUNCEMENT}</p>{agreeing}", published)
    differs = extract("Express Entry STEM draw", f"<p>{ANNOUNCEMENT}</p>{other}", published)
    assert agrees.main is not None and agrees.main.number == "254"
    assert differs.main is not None and differs.main.number is None
    assert [row(r) for r in differs.table] == [("253", date(2023, 7, 4), "general", 700, 511)]


def test_a_table_row_with_the_main_number_must_agree_with_it() -> None:
    table = html_table(
        ("Round", "Date", "Category", "ITAs", "Cut-off"),
        ("254", "July 5, 2023", "STEM", "500", "488"),
    )
    extraction = extract(
        "Express Entry draw 254", f"<p>{ANNOUNCEMENT}</p>{table}", day("2023-07-06")
    )
    assert extraction.main is not None
    assert extraction.main.contradictions == ("crs: 486 and 488",)
    assert extraction.main.confidence == "low"


def test_contradicting_invitation_counts() -> None:
    body = f"<p>{ANNOUNCEMENT}</p><p>In all, 5,000 STEM candidates received an ITA.</p>"
    report = extract("Express Entry STEM draw", body, day("2023-07-06")).main
    assert report is not None and report.contradictions == ("invitations: 500 and 5000",)


def test_a_no_draw_article_lists_no_table_even_with_one() -> None:
    body = "<p>Here is how the cut-off changed.</p>" + "\n".join(
        [GLUED_HEADER, "254July 5, 2023STEM occupations (2023-1)500486"]
    )
    assert extract("Express Entry CRS guide", body, day("2023-07-06")) == Extraction(None, ())


@pytest.mark.parametrize(
    "title",
    [
        "BC PNP invites 150 candidates in Express Entry BC draw with scores of 120",
        "SINP draw: 500 Express Entry candidates invited",
        "AAIP holds Alberta Express Entry draw, invites 400 candidates",
        "MPNP draw #230: 300 invitations",
        "Express Entry forecast: how many invitations will IRCC issue?",
        "Express Entry: STEM and healthcare draws this week",  # two draws: which one?
        "Express Entry draws: the year in review",
        "IRCC to send 10,000 invitations to sponsor parents and grandparents",
        "IRCC plans to hold more French draws",
    ],
)
def test_titles_that_announce_no_express_entry_draw(title: str) -> None:
    body = "<p>The draw invited 500 Express Entry candidates with a minimum CRS score of 486.</p>"
    extraction = extract(title, body, day("2025-01-01"))
    assert (extraction.main, extraction.table) == (None, ())


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("", ""),
        ("", "   \n\n  "),
        ("Express Entry draw", ""),
        ("Express Entry draw", "<script>var crs = 486;</script>"),
        ("Express Entry draw", "IRCC invited 500 candidates. " * 100_000),
        ("Express Entry draw", "<table><tr><td>" * 10_000 + "486"),
        ("Express Entry draw", "\x00\ufffd<<>>&&;;##" * 1000),
        ("抽签", "加拿大快速通道第254轮邀请了500名候选人 CRS分数线为486分"),
    ],
)
def test_odd_input_never_crashes(title: str, body: str) -> None:
    extraction = extract(title, body, None)
    assert extraction.main is None or extraction.main.crs is None


def test_text_nested_deeper_than_recursion_is_still_read() -> None:
    """A cut-off alone, with nothing else of the draw, makes no draw."""
    report = extract("Express Entry draw", "<div>" * 50_000 + "CRS 486", None).main
    assert report is not None and (report.crs, report.confidence) == (486, Confidence.LOW)


def test_a_french_article_is_read_with_the_same_rules() -> None:
    """No category named: a report, but nothing to alert on."""
    body = "IRCC a invité 500 candidats; le score CRS minimal était de 486."
    report = extract("Tirage Entrée express", body, None).main
    assert report is not None
    assert (report.invitations, report.crs, report.category) == (500, 486, None)
    assert report.confidence == "low"


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("le mercredi 7 août 2026", "on August 7, 2026"),
        ("Le 1er mars, 5 000 IPD", "On March 1, 5,000 ITAs"),
        ("27\u202f332 invitations à présenter une demande (IPD)", "27,332 invitations to apply"),
        ("la note minimale du SCG était de 508", "la minimum CRS score était de 508"),
        ("son 380e tirage", "son 380th draw"),
        ("le seuil de sélection", "le cut-off"),
        ("une bonne maîtrise du français", "French-language proficiency"),
        ("sciences, technologies, ingénierie et mathématiques (STIM)", "STEM (STEM)"),
        ("la catégorie de l'expérience canadienne", "la Canadian Experience Class"),
        (
            "des candidats de l'expérience canadienne, ayant de l'expérience canadienne",
            "des candidates of the Canadian Experience Class, ayant de l'expérience canadienne",
        ),
        ("Programme des candidats des provinces", "Provincial Nominee Program"),
        ("le tirage précédent, la veille", "le draw previous, the day before"),
        ("le dernier tirage, les dernières rondes", "le latest draw, les latest rounds"),
        (
            "deux tirages, trois nouvelles rondes d'invitations",
            "two draws, three nouvelles rounds of invitations",
        ),
        ("le tirage du mois dernier, la semaine dernière", "le draw last month, last week"),
        ("Depuis juin, en mai 2025, mi-juillet", "Since June, in May 2025, mid-July"),
        (
            "en juin dernier, fin août, remonte à mars",
            "in last June, late August, remonte in March",
        ),
        ("aucun programme n'était spécifié", "no program specified"),
        (
            "un tirage Express Entry en français",
            "un draw Express Entry for French-language proficiency",
        ),
        ("la seconde, après celle du 31 janvier", "la seconde, following the draw du January 31"),
        (
            "Catégorie : métiers ; invitations émises : 1 800",
            "Category : trade occupations ; invitations issued : 1,800",
        ),
        ("tirage nº 300, nos 300 candidats", "draw No. 300, nos 300 candidates"),
    ],
)
def test_french_phrases_in_english(french: str, english: str) -> None:
    assert to_english(french) == english


def test_a_french_count_in_words_is_read() -> None:
    body = (
        "<p>Le 7 décembre 2026, IRCC a invité trois mille candidats de la catégorie de "
        "l'expérience canadienne. Le score minimal du SCG était de 515.</p>"
    )
    report = extract("Nouveau tirage Entrée express", body, day("2026-12-07")).main
    assert report is not None
    assert (report.category, report.invitations, report.crs) == ("cec", 3000, 515)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("IRCC invited 500 candidates with a minimum score of 486 in the draw.", "en"),
        ("IRCC a invité 500 candidats et la note minimale du SCG était de 486.", "fr"),
        ("加拿大快速通道第254轮邀请了500名候选人", "other"),
        # labelled figures alone: the words of a draw tell the language
        ("Express Entry Draw #300 | ITAs issued: 1,800 | Minimum CRS: 436", "en"),
        ("Entrée express : tirage no 300, 1 800 invitations émises", "fr"),
        ("Express Entry #300: 1,800 ITAs, CRS 436", "other"),
        ("", "other"),
    ],
)
def test_language_of(text: str, language: str) -> None:
    assert language_of(text).value == language


@pytest.mark.parametrize(
    ("title", "body"),
    [
        pytest.param(
            "Express Entry Draw #300",
            "📅 Date: July 4, 2024\n🎯 Category: Trade occupations\n✉️ ITAs issued: 1,800\n"
            "📊 Minimum CRS: 436",
            id="English",
        ),
        pytest.param(
            "Entrée express : tirage no 300",
            "📅 Date du tirage : 4 juillet 2024\n🎯 Catégorie : métiers spécialisés\n"
            "✉️ Invitations émises : 1 800\n📊 Note minimale SCG : 436",
            id="French",
        ),
        pytest.param(
            "Entrée express : tirage no 300",
            "Tirage Entrée express no 300 \u2013 4 juillet 2024 : métiers spécialisés\n"
            "Détails clés :\n- Nombre d\u2019invitations envoyées : 1 800\n"
            "- Seuil minimal SCG : 436\n- Date de bris d\u2019égalité : 3 mars 2024",
            id="French, the count as a number of invitations sent",
        ),
        pytest.param(
            "Express Entry Draw #300: trade occupations",
            "<div>Invitations Issued</div><div>1,800</div><div>Draw Date</div>"
            "<div>July 4, 2024</div><div>CRS Cutoff</div><div>436</div>",
            id="a page of cards, each label over its value",
        ),
    ],
)
def test_a_post_of_labelled_figures_alone_is_read(title: str, body: str) -> None:
    """A key-facts post, with no sentence: the words of its labels tell its language; a
    label alone on its line gives the value under it."""
    report = extract(title, body, day("2024-07-05")).main
    assert report is not None
    assert figures(report) == ("300", date(2024, 7, 4), "trade", 1800, 436, None)


def test_no_title_uses_the_first_line() -> None:
    body = "Express Entry draw 254\nIRCC invited 500 STEM candidates with a CRS score of 486."
    report = extract("", body, None).main
    assert report is not None and (report.number, report.crs) == ("254", 486)


@pytest.mark.parametrize(
    ("values", "confidence"),
    [
        ({"number": "254", "category": "stem", "invitations": 500, "crs": 486}, "high"),
        ({"date": date(2023, 7, 5), "category": "stem", "invitations": 500, "crs": 486}, "high"),
        ({"category": "stem", "invitations": 500, "crs": 486}, "medium"),
        ({"number": "254", "category": "stem", "crs": 486}, "medium"),
        ({"number": "254", "invitations": 500, "crs": 486}, "low"),
        ({"number": "254", "category": "stem", "invitations": 500}, "low"),
    ],
)
def test_confidence(values: dict[str, object], confidence: str) -> None:
    words = {
        "number": "Express Entry draw #254",
        "category": "STEM",
        "invitations": "500 candidates",
        "crs": "with a CRS score of 486",
        "date": "on July 5, 2023",
    }
    body = "IRCC invited " + " ".join(words[field] for field in words if field in values) + "."
    report = extract("Express Entry draw", body, day("2023-07-06")).main
    assert report is not None
    found = dict(zip(FIELDS, figures(report), strict=True))
    assert {field: value for field, value in found.items() if value is not None} == values
    assert report.confidence == confidence


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        pytest.param(
            "<table><tr><th>#</th><th>CRS  score</th></tr>"
            "<tr><td>254</td><td><b>486</b>\n points</td></tr></table>",
            "# | CRS score\n254 | 486 points",
            id="table rows are lines of cells",
        ),
        pytest.param(
            "<p>First   line<br>second\nline</p><div>third</div><span>same</span> line",
            "First line\nsecond line\nthird\nsame line",
            id="breaks and blocks",
        ),
        pytest.param(
            "<style>p{}</style><p>Caf&eacute; &amp; CRS&nbsp;486 &lt;ok&gt;</p>"
            "<script>alert(1)</script><!-- comment -->",
            "Café & CRS 486 <ok>",
            id="entities decoded, scripts dropped",
        ),
        pytest.param(
            "Line  one\t here\n\n\n\nLine two &amp; more",
            "Line one here\n\nLine two &amp; more",
            id="plain text left, spaces folded",
        ),
        pytest.param(
            "IRCC sent **1,391** ITAs; the _**CRS cut-off**_ was **6****70**; * a, snake_case",
            "IRCC sent 1,391 ITAs; the CRS cut-off was 670; * a, snake_case",
            id="Markdown's marks of emphasis dropped",
        ),
    ],
)
def test_html_to_text(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_a_post_left_in_markdown_is_read() -> None:
    """A site's post whose feed gives its Markdown, bold figures and all."""
    body = (
        "July 16, 2024\n\nOn **July 16, 2024, IRCC** sent **1,391 **invitations in an "
        "**Express Entry round**. The lowest _**CRS score**_ invited was _**670.**_ Only "
        "candidates nominated through a **Provincial Nominee Program** were invited."
    )
    report = extract("Express Entry Draw #303", body, day("2024-07-17")).main
    assert report is not None
    assert figures(report) == ("303", date(2024, 7, 16), "pnp", 1391, 670, None)


def test_a_weak_title_leaves_the_headline_to_the_body() -> None:
    """A byline or breadcrumb as title: the body's first sentence about a draw announces it,
    and its sentences are read with the same rules as any other."""
    body = (
        "<p>The previous draw invited 3,000 candidates with a cut-off of 470.</p>"
        f"<p>{ANNOUNCEMENT}</p>"
    )
    report = extract("Posted on", body, day("2023-07-06")).main
    assert report is not None and figures(report) == (None, *ROUND_254[1:], None)
    forecast = "<p>IRCC will hold a draw next week, inviting 3,000 candidates at about 480.</p>"
    assert extract("By Jane Doe | July 6, 2023", forecast, day("2023-07-06")).main is None
    review = (
        "<p>In 2019 IRCC held 26 draws, inviting 85,300 candidates.</p><p>The cut-off was 438.</p>"
    )
    assert extract("Posted on", review, day("2020-01-03")).main is None


LATEST = "The latest draw invited 3,350 candidates with a minimum CRS score of 470."


@pytest.mark.parametrize(
    ("body", "published", "category"),
    [
        ("A draw held on May 29, 2019 invited 3,350 candidates, CRS 470.", "2019-05-30", "general"),
        ("A draw held on July 4, 2023 invited 700 candidates, CRS 511.", "2023-07-05", None),
        (LATEST, "2019-05-30", "general"),
        (LATEST, "2023-07-05", None),
        # a program named of another draw does not say this one was for it
        (f"{LATEST} It followed a draw for FST candidates.", "2019-05-30", "general"),
        (f"{LATEST} It was open to Federal Skilled Trades candidates.", "2019-05-30", None),
    ],
)  # fmt: skip
def test_no_program_named_is_all_programs_only_before_category_rounds(
    body: str, published: str, category: str | None
) -> None:
    report = extract("Express Entry draw", f"<p>{body}</p>", day(published)).main
    assert report is not None and report.category == category

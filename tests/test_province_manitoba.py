"""Manitoba's reader: MPNP's feed of posts, each layout it had over the years, read into
draws; its quirks; what it refuses to read; the stream table; and the held-out draws."""

from datetime import date
from pathlib import Path

import pytest

from core.categories import fold
from core.provinces import manitoba as mb
from core.provinces.values import MANITOBA, Bound, Invitations, ProvincialDraw, Scale, Stream
from jobs.provinces import ProvincePage
from jobs.provinces.manitoba import read
from jobs.source import Unreadable

FIXTURES = Path(__file__).parent / "fixtures" / "provinces" / "manitoba"
RANKING = Scale.MANITOBA_RANKING

SWM_2016, SWO_2016 = "SKILLED WORKERS IN MANITOBA", "SKILLED WORKERS OVERSEAS"
SWM, SWO = "Skilled Worker in Manitoba", "Skilled Worker Overseas"
SWMS, SWOS = "Skilled Workers in Manitoba", "Skilled Workers Overseas"
IES = "International Education Stream"
IES_PROFILES = (
    "Profiles that declared meeting International Education Stream eligibility requirements."
)
SRI_PROFILES = ("Profiles that declared being directly invited by the MPNP under a Strategic "
                "Recruitment Initiative.")  # fmt: skip
EE_171 = ("Of the 597 Letters of Advice to Apply issued in this draw, 45 were issued to "
          "candidates who declared a valid Express Entry profile number and job seeker "
          "validation code.")  # fmt: skip
EE_161 = ("Of the 1,030 Letters of Advice to Apply issued in this draw, 656 were issued to "
          "candidates who declared a valid Express Entry profile number and job seeker "
          "validation code.")  # fmt: skip
SW_PROFILES = ("Profiles submitted under the Skilled Worker in Manitoba pathway or the Skilled "
               "Worker Overseas pathway that declared being directly invited by the MPNP under a "
               "strategic recruitment initiative.")  # fmt: skip
INITIATIVES = ("The following numbers of Letters of Advice to Apply were issued to candidates "
               "declaring receipt of an Invitation to Apply (ITA) under the strategic recruitment "
               "initiatives listed below:")  # fmt: skip
TPP = ("Temporary Public Policy to Facilitate Work Permits for Prospective Provincial Nominee "
       "Program Candidates (TPP)")  # fmt: skip


def draw(
    stream: str,
    name: str,
    day: date,
    count: int | None,
    score: int | None,
    *notes: str,
    pool: str = "",
) -> ProvincialDraw:
    """A Manitoba draw; ``pool``: the sub-pool, when the stream drew several that day."""
    invitations = None if count is None else Invitations(count)
    return ProvincialDraw(MANITOBA, stream, name, day, invitations, score, RANKING, notes, pool)


def page_of(name: str) -> ProvincePage:
    return read((FIXTURES / name).read_bytes())


LAYOUTS = {
    "feed_2016.xml": [  # 2015-2017: the draw's date in the body, the post published a day later
        draw("mb-swm", SWM_2016, date(2016, 2, 10), 175, 673, "Draw #13"),
        draw("mb-swo", SWO_2016, date(2016, 2, 10), 449, 547, "Draw #13"),
        draw("mb-swm", SWM_2016, date(2016, 1, 13), 150, 692, "Draw #12"),
        draw("mb-swo", SWO_2016, date(2016, 1, 13), 390, 548, "Draw #12"),
    ],
    "feed_2018.xml": [  # 2018: Skilled Workers Overseas by pathway, a score for each
        draw("mb-swm", SWMS, date(2018, 3, 14), 184, 545, "Draw #42"),
        draw("mb-swo", SWOS, date(2018, 3, 14), 253, 545, "Draw #42",
             "Manitoba Express Entry Pathway",
             "Candidates who declared a valid Express Entry ID and job seeker validation code, "
             "and at least six months of recent experience in an occupation on Manitoba\u2019s "
             "In-demand Occupations list.",
             pool="Manitoba Express Entry Pathway"),
        draw("mb-swo", SWOS, date(2018, 3, 14), 57, 703, "Draw #42",
             "Strategic Recruitment Initiative",
             "Candidates directly invited by the MPNP under a Strategic Recruitment Initiative.",
             pool="Strategic Recruitment Initiative"),
    ],
    "feed_2020_2023.xml": [  # 2019-2022 beside a Ukraine draw and program news
        draw("mb-ukraine", "Special Immigration Measure \u2013 Ukraine", date(2023, 2, 24), 13,
             None, "Draw #11",
             "As part of Manitoba\u2019s response to the situation in Ukraine, the MPNP holds "
             "regular EOI draws for individuals who meet all MPNP eligibility criteria and are "
             "affected by the events in Ukraine."),
        draw("mb-swo", SWO, date(2022, 12, 15), 1030, 600, "Draw #161", EE_161),
        draw("mb-swm", SWMS, date(2020, 10, 8), 152, 528, "Draw #100"),
        draw("mb-ies", IES, date(2020, 10, 8), 25, None, "Draw #100"),
        draw("mb-swo", SWOS, date(2020, 10, 8), 14, 611, "Draw #100"),
    ],
    "feed_2023_2025.xml": [  # 2023-2025: sub-selections, each a draw of its own
        draw("mb-swm", SWM, date(2025, 1, 9), 145, 838, "Draw #236",
             "Completed post-secondary study in Manitoba",
             "Profiles declaring completion of a post-secondary program in Manitoba were "
             "considered.",
             pool="Completed post-secondary study in Manitoba"),
        draw("mb-swo", SWO, date(2025, 1, 9), 52, 615, "Draw #236",
             "Region-specific selection (Winkler)",
             "Profiles that declared being directly invited by the MPNP under a strategic "
             "recruitment initiative with the community of Winkler were considered.",
             pool="Region-specific selection (Winkler)"),
        draw("mb-swm", SWM, date(2024, 5, 9), 18, None, "Draw #218",
             "Occupation-specific selection",
             "Profiles declaring current employment in Manitoba in occupations identified with "
             "high labour needs in the most recent Manitoba Labour Market Outlook were "
             "considered.",
             pool="Occupation-specific selection"),
        draw("mb-swm", SWM, date(2024, 5, 9), 242, 836, "Draw #218", "All profiles selection",
             "All profiles that were not selected in the occupation-specific selection were "
             "considered.",
             pool="All profiles selection"),
        draw("mb-ies", IES, date(2024, 5, 9), 76, None, "Draw #218", IES_PROFILES),
        draw("mb-swo", SWO, date(2024, 5, 9), 35, 698, "Draw #218", SRI_PROFILES),
        draw("mb-swm", SWM, date(2023, 3, 9), 224, 612, "Draw #171",
             "Occupation-specific selection",
             "Profiles declaring current employment in Manitoba in occupations under National "
             "Occupational Classification (NOC) 2021 major group 65 (sales and service support "
             "occupations) were considered.", EE_171, pool="Occupation-specific selection"),
        draw("mb-swm", SWM, date(2023, 3, 9), 277, 675, "Draw #171", "All occupations",
             "All profiles that were not selected in the occupation-specific selection were "
             "considered.", EE_171, pool="All occupations"),
        draw("mb-ies", IES, date(2023, 3, 9), 53, None, "Draw #171", IES_PROFILES, EE_171),
        draw("mb-swo", SWO, date(2023, 3, 9), 43, 666, "Draw #171", SRI_PROFILES, EE_171),
    ],
    "feed_2026.xml": [  # 2025-2026: one Skilled Worker Stream, its initiatives as notes
        draw("mb-sw", "Skilled Worker Stream", date(2026, 6, 18), 124, None, "Draw #273",
             SW_PROFILES, INITIATIVES, "Employer Services: 49", "Ethnocultural Communities: 9",
             "Francophone Community: 15", "Regional Communities: 19", f"{TPP}: 32",
             "Of the 124 Letters of Advice to Apply issued in this draw, 22 were issued to "
             "candidates who declared a valid Express Entry profile number and job seeker "
             "validation code."),
        draw("mb-sw", "Skilled Worker Stream", date(2026, 6, 4), 104, None, "Draw #272",
             SW_PROFILES, INITIATIVES, "Employer Services: 40", "Ethnocultural Communities: 6",
             "Francophone Community: 17", "Regional Communities: 2", f"{TPP}: 39",
             "count: the draw's total",
             "Of the 104 Letters of Advice to Apply issued in this draw, 15 were issued to "
             "candidates who declared a valid Express Entry profile number and job seeker "
             "validation code."),
    ],
}  # fmt: skip


@pytest.mark.parametrize(("fixture", "expected"), LAYOUTS.items(), ids=list(LAYOUTS))
def test_every_layout_is_read_into_its_draws(fixture: str, expected: list) -> None:
    page = page_of(fixture)
    assert page.draws == expected
    assert page.problems == []


@pytest.mark.parametrize(
    ("fixture", "index", "day"),
    [
        ("feed_2016.xml", 0, date(2016, 2, 10)),  # written in the body; published February 11
        ("feed_2023_2025.xml", 6, date(2023, 3, 9)),  # published 02:30 UTC, March 10
        ("feed_bad_rows.xml", 0, date(2020, 1, 2)),  # "Date of draw", published January 6
    ],
)
def test_the_date_is_the_draws_in_manitoba(fixture: str, index: int, day: date) -> None:
    assert page_of(fixture).draws[index].date == day


@pytest.mark.parametrize(
    ("fixture", "in_the_notes"),
    [
        ("feed_2023_2025.xml", "Draws resumed on November 17, 2022"),
        ("feed_2020_2023.xml", "lowest-ranked candidate invited on October 8, 2020"),
        ("feed_2020_2023.xml", "score at least 60 points"),
        ("held_out.xml", "requests are accepted until December 16, 2025"),
    ],
)
def test_the_notes_of_a_post_are_never_read(fixture: str, in_the_notes: str) -> None:
    raw = (FIXTURES / fixture).read_text()
    assert in_the_notes in raw
    draws = page_of(fixture).draws
    assert all(in_the_notes not in note for draw in draws for note in draw.notes)


def test_a_count_split_across_tags_is_read_whole() -> None:
    assert page_of("feed_2026.xml").draws[0].invitations == Invitations(124)


def test_program_news_yields_nothing() -> None:
    page = read(_feed(_item("MPNP office closed for the holiday", "<p>Draw #12 is done.</p>")))
    assert page.draws == [] and page.problems == []


def _item(title: str, content: str) -> str:
    return (f"<item><title>{title}</title><pubDate>Thu, 11 Jan 2024 21:30:00 +0000</pubDate>"
            f"<content:encoded><![CDATA[{content}]]></content:encoded></item>")  # fmt: skip


def _feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>MPNP</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1,204", Invitations(1204)),
        ("<5", Invitations(5, Bound.FEWER_THAN)),
        ("&lt;5", Invitations(5, Bound.FEWER_THAN)),
        ("Less than 10", Invitations(10, Bound.FEWER_THAN)),
        ("fewer than 5", Invitations(5, Bound.FEWER_THAN)),
        ("up to 10", Invitations(10, Bound.AT_MOST)),
        ("<strong>60</strong><strong>5</strong>", Invitations(605)),
        ("97 (including 12 Express Entry candidates)", Invitations(97)),
    ],
)
def test_counts_are_read_as_written(written: str, expected: Invitations) -> None:
    content = (f"<h3>Skilled Worker Overseas</h3><ul><li>Number of Letters of Advice to Apply "
               f"issued: {written}</li></ul>")  # fmt: skip
    page = read(_feed(_item("Expression of Interest Draw #207", content)))
    assert [d.invitations for d in page.draws] == [expected]


@pytest.mark.parametrize(
    ("written", "score"), [("612", 612), ("612 and above", 612), ("N/A", None), ("", None)]
)
def test_scores_are_read_as_written(written: str, score: int | None) -> None:
    content = (f"<h3>Skilled Worker Overseas</h3><ul><li>Number of Letters of Advice to Apply "
               f"issued: 7</li><li>Ranking score of lowest-ranked candidate invited: {written}"
               "</li></ul>")  # fmt: skip
    page = read(_feed(_item("Expression of Interest Draw #241", content)))
    assert [d.min_score for d in page.draws] == [score]


@pytest.mark.parametrize(
    ("content", "expected"),
    [  # a pathway under its stream is a sub-pool; alone, it names its stream
        ("<h3>Skilled Workers Overseas</h3><h4>Human Capital Pathway</h4>"
         "<ul><li>Number of Letters of Advice to Apply issued: 262</li></ul>",
         [("mb-swo", SWOS, ("Draw #276", "Human Capital Pathway"))]),
        ("<h3>Manitoba Work Experience Pathway</h3>"
         "<ul><li>Number of Letters of Advice to Apply issued: 187</li></ul>"
         "<h3>Employer Direct Recruitment Pathway</h3>"
         "<ul><li>Number of Letters of Advice to Apply issued: 3</li></ul>",
         [("mb-swm", "Manitoba Work Experience Pathway", ("Draw #276",)),
          ("mb-swm", "Employer Direct Recruitment Pathway", ("Draw #276",))]),
        # a stream named in a list item, with its count
        ("<ul><li>Skilled Workers in Manitoba: 122</li><li>Skilled Workers Overseas: 42</li></ul>",
         [("mb-swm", SWMS, ("Draw #276",)), ("mb-swo", SWOS, ("Draw #276",))]),
        # two counts under one heading, each led by its paragraph: two sub-pools
        ("<h4>Occupation-specific selections</h4>"
         "<p>Profiles in the unit groups were considered.</p>"
         "<ul><li>Number of Letters of Advice to Apply issued: 74</li></ul>"
         "<p>Top scoring profiles in category 9 were considered.</p>"
         "<ul><li>Number of Letters of Advice to Apply issued: 605</li></ul>",
         [("mb-occupation-specific-selections", "Occupation-specific selections",
           ("Draw #276", "Profiles in the unit groups were considered.")),
          ("mb-occupation-specific-selections", "Occupation-specific selections",
           ("Draw #276", "Top scoring profiles in category 9 were considered."))]),
    ],
)  # fmt: skip
def test_pools_find_their_stream(content: str, expected: list) -> None:
    page = read(_feed(_item("Expression of Interest Draw #276", content)))
    assert [(d.stream, d.stream_name, d.notes) for d in page.draws] == expected


def test_a_bad_row_is_skipped_and_named_while_the_others_are_read() -> None:
    page = page_of("feed_bad_rows.xml")
    assert [(d.stream, d.date, d.invitations, d.min_score) for d in page.draws] == [
        ("mb-swo", date(2020, 1, 2), Invitations(42), None),  # its score not given: unknown
        ("mb-ies", date(2020, 1, 2), Invitations(22), None),
        ("mb-swm", date(2020, 10, 8), Invitations(152), 528),
        ("mb-ies", date(2020, 10, 8), Invitations(25), None),
        ("mb-swo", date(2020, 10, 8), Invitations(14), 611),
    ]
    assert len(page.problems) == 1
    assert "EOI Draw #80" in page.problems[0] and "'see below'" in page.problems[0]


def test_a_post_without_figures_is_named_beside_the_others() -> None:
    body = _feed(
        _item("Expression of Interest Draw #240", "<p>Skilled Worker in Manitoba [&#8230;]</p>"),
        _item("Expression of Interest Draw #239", "<h3>Skilled Worker Overseas</h3><ul><li>"
              "Number of Letters of Advice to Apply issued: 22</li></ul>"),
    )  # fmt: skip
    page = read(body)
    assert [d.notes[0] for d in page.draws] == ["Draw #239"]
    assert page.problems == ["Expression of Interest Draw #240: no figures in the post"]


def test_a_malformed_feed_is_read_as_far_as_it_goes() -> None:
    body = (FIXTURES / "feed_2020_2023.xml").read_bytes().replace(b"</channel>\n</rss>", b"")
    page = read(body)
    assert page.problems and page.problems[0].startswith("malformed feed")
    assert len(page.draws) == len(LAYOUTS["feed_2020_2023.xml"])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ((FIXTURES / "not_a_feed.html").read_bytes(), "not an RSS or Atom feed"),
        (b"", "not an RSS or Atom feed"),
        (b'{"draws": []}', "not an RSS or Atom feed"),
        ((FIXTURES / "feed_summaries_only.xml").read_bytes(), "no draw table found"),
    ],
)
def test_what_no_longer_reads_is_unreadable(body: bytes, reason: str) -> None:
    with pytest.raises(Unreadable) as raised:
        read(body)
    assert raised.value.reason.startswith(reason)


def test_a_feed_of_news_only_is_no_draws_not_a_failure() -> None:
    assert read(_feed()).draws == []


@pytest.mark.parametrize(
    ("stream", "name"), [(stream, name) for stream in mb.STREAMS for name in stream.names]
)
def test_every_stream_is_found_by_each_of_its_names_folded(stream: Stream, name: str) -> None:
    for written in (name, name.upper(), fold(name), f" {name.lower()}. ", stream.key):
        assert mb.stream_of(written) is stream
        assert mb.known_stream(written) is stream


def test_a_stream_never_seen_is_stored_under_a_key_of_its_own() -> None:
    stream = mb.stream_of("Francophone selection")
    assert (stream.key, stream.names, stream.scale) == (
        "mb-francophone-selection",
        ("Francophone selection",),
        RANKING,
    )
    assert mb.known_stream("Francophone selection") is None


def test_the_province_and_its_streams_are_named_and_explained() -> None:
    assert mb.PROVINCE == MANITOBA
    assert {"mb", "mpnp", "manitoba"} <= set(mb.NAMES)
    assert {stream.key for stream in mb.STREAMS} == set(mb.SCORE_MEANING)
    assert all(stream.key.startswith("mb-") and stream.scale is RANKING for stream in mb.STREAMS)


# The held-out draws (tests/fixtures/provinces/manitoba/held_out.xml): real draws of 2016,
# 2019, 2024 and 2025, kept apart while the rules were written. Measured: all 16 found with
# every field right and none invented (see BENCHMARKS.md).
HELD_OUT = [
    (date(2025, 12, 5), "mb-sw", 184, None), (date(2025, 3, 21), "mb-swm", 101, 844),
    (date(2025, 3, 21), "mb-swo", 7, 705), (date(2025, 2, 6), "mb-ies", 59, None),
    (date(2025, 2, 6), "mb-swo", 17, 612), (date(2024, 1, 11), "mb-swm", 168, 607),
    (date(2024, 1, 11), "mb-swm", 166, 823), (date(2024, 1, 11), "mb-ies", 58, None),
    (date(2024, 1, 11), "mb-swo", 31, 639), (date(2019, 2, 15), "mb-swm", 120, 574),
    (date(2019, 2, 15), "mb-ies", 34, None), (date(2019, 2, 15), "mb-swo", 22, 726),
    (date(2016, 4, 6), "mb-swm", 299, 467), (date(2016, 4, 6), "mb-swo", 472, 543),
    (date(2016, 3, 9), "mb-swm", 175, 657), (date(2016, 3, 9), "mb-swo", 452, 545),
]  # fmt: skip


def test_the_held_out_draws_are_all_read_and_none_invented() -> None:
    page = page_of("held_out.xml")
    read_draws = [(d.date, d.stream, d.invitations and d.invitations.count, d.min_score)
                  for d in page.draws]  # fmt: skip
    found = [draw for draw in HELD_OUT if draw in read_draws]
    invented = [draw for draw in read_draws if draw not in HELD_OUT]
    assert (len(found), len(HELD_OUT), invented, page.problems) == (16, 16, [], [])
    sub_pools = [d.notes[1] for d in page.draws if d.date == date(2024, 1, 11)][:2]
    assert sub_pools == ["Close relative in Manitoba selection", "All profiles selection"]

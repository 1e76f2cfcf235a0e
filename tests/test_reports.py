"""When a news report is good enough to alert on, and when it is a draw: each row a real case."""

from dataclasses import replace
from datetime import date

import pytest

from core.reports import (
    FIELDS,
    RUN,
    Confidence,
    DrawReport,
    History,
    Recent,
    agreed,
    by_history,
    deserves_a_draw,
    graded,
)
from jobs.official import list_rounds
from tests.conftest import SNAPSHOT

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


def contradicted(**values: tuple[object, ...]) -> DrawReport:
    """A report whose article stated several values for some figures (the first is kept)."""
    figures: dict[str, object] = {"number": None, "date": JULY_5, "category": "stem",
                                  "invitations": 500, "crs": 486}  # fmt: skip
    figures |= {field: found[0] for field, found in values.items()}
    texts = tuple(f"{field}: {' and '.join(map(str, found))}" for field, found in values.items())
    return graded(
        DrawReport(**figures, tie_break=None, confidence=Confidence.LOW, missing=(),  # type: ignore[arg-type]
                   contradictions=texts, alternatives=tuple(values.items()))
    )  # fmt: skip


def plain(category: str, crs: int, invitations: int = 500) -> DrawReport:
    """A report whose article states one value of each figure."""
    figures = (None, JULY_5, category, invitations, crs)
    return graded(report(figures, Confidence.LOW, (), main=True))


def test_another_publisher_s_figures_settle_what_an_article_contradicts() -> None:
    alone = contradicted(invitations=(6000, 500))
    assert not alone.alertable
    both = agreed(alone, {"category": ["stem"], "invitations": [500], "crs": [486]})
    assert both is not None and (both.invitations, both.contradictions) == (500, ())
    assert both.confidence is Confidence.HIGH


@pytest.mark.parametrize(
    "other",
    [
        {"category": ["stem"], "invitations": [700], "crs": [486]},  # states neither count
        {"category": ["stem"], "invitations": [500, 6000], "crs": [486]},  # states both
        {"category": ["healthcare"], "invitations": [500], "crs": [486]},
        {"category": ["stem"], "invitations": [500]},  # no cut-off
    ],
)
def test_figures_agree_only_when_both_state_exactly_one_in_common(
    other: dict[str, list[object]],
) -> None:
    assert agreed(contradicted(invitations=(6000, 500)), other) is None


def test_the_stored_rounds_choose_the_number_after_the_newest_and_a_cut_off_in_the_run() -> None:
    report = contradicted(number=("254", "255"), crs=(586, 486))
    chosen = by_history(report, History("254", {"stem": [476, 486, 490, 481]}))
    assert (chosen.number, chosen.crs, chosen.contradictions) == ("255", 486, ())
    assert chosen.confidence is Confidence.HIGH


@pytest.mark.parametrize(
    ("newest", "run"),
    [
        ("250", [476, 486, 490]),  # neither number follows the newest
        ("254", [486, 600, 590]),  # both cut-offs within the run
        ("254", [486]),  # too short a run to tell
    ],
)
def test_the_stored_rounds_choose_nothing_they_cannot_tell(newest: str, run: list[int]) -> None:
    report = contradicted(number=("256", "257"), crs=(586, 486))
    assert by_history(report, History(newest, {"stem": run})).alternatives != ()


def test_the_stored_rounds_choose_the_one_category_whose_run_holds_the_cut_off() -> None:
    """A PNP-only draw's 720 in an article that also calls it an all-program draw."""
    report = replace(contradicted(category=("general", "pnp")), crs=720)
    runs = {"general": [470, 471, 473], "pnp": [698, 735, 720]}
    chosen = by_history(report, History(runs=runs))
    assert (chosen.category, chosen.contradictions) == ("pnp", ())
    assert by_history(report, History(runs={**runs, "general": [650, 700, 760]})).alternatives


# The round before the STEM draw of July 5, 2023 (#254), as articles recall it beside it.
JULY_4 = Recent("253", "general", 511, 700)
JUNE_28 = Recent("252", "healthcare", 476, 500)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"crs": (511, 486)}, (486, 500)),  # "the cut-off fell from 511"
        ({"invitations": (700, 500)}, (486, 500)),  # the previous round's 700 beside 500
        ({"crs": (486, 511), "invitations": (500, 700)}, (486, 500)),  # both recalled
        # "1,200 ITAs in two draws": this one's 500 and the previous round's 700 it recalls
        ({"invitations": (1200, 500, 700)}, (486, 500)),
        # "1,400 ITAs in two draws" of 700 each: this one's is 700 too
        ({"invitations": (1400, 700)}, (486, 700)),
    ],
)
def test_of_the_stated_figures_the_one_no_recent_round_had_is_the_draw_s(
    values: dict[str, tuple[object, ...]], expected: tuple[int, int]
) -> None:
    chosen = by_history(contradicted(**values), History(recent=[JULY_4]))
    assert (chosen.crs, chosen.invitations, chosen.contradictions) == (*expected, ())
    assert chosen.confidence is Confidence.HIGH


@pytest.mark.parametrize(
    ("values", "recent"),
    [
        ({"crs": (486, 481)}, [JULY_4]),  # neither is the previous round's
        ({"crs": (511, 476)}, [JULY_4, JUNE_28]),  # both are rounds'
        ({"invitations": (500, 700)}, []),  # no stored rounds
    ],
)
def test_recent_rounds_choose_nothing_they_cannot_tell(
    values: dict[str, tuple[object, ...]], recent: list[Recent]
) -> None:
    assert by_history(contradicted(**values), History(recent=recent)).alternatives != ()


def test_an_undated_report_never_takes_its_own_round_for_a_recalled_one() -> None:
    """Read after its own round was stored, an article that dates its draw nowhere could be
    about the newest round: its figures are not set aside as recalled."""
    undated = replace(contradicted(crs=(511, 486)), date=None)
    own = Recent("254", "stem", 486, 500)
    assert by_history(undated, History(recent=[own])).alternatives == (("crs", (511, 486)),)
    assert by_history(undated, History(recent=[JULY_4])).crs == 486  # another category's


def test_a_cut_off_stated_once_that_a_recalled_round_had_is_doubted() -> None:
    """The previous round's 700 set aside for 500, and its cut-off, 511, the only one the
    article states: the report mixes the two rounds, and waits for the official one."""
    mixed = replace(contradicted(invitations=(500, 700)), crs=511)
    doubted = by_history(mixed, History(recent=[JULY_4]))
    assert doubted.contradictions == ("history: 511 is the cut-off of round 253, which it recalls",)
    assert not deserves_a_draw(doubted, main=True)


@pytest.mark.parametrize(
    ("category", "crs", "run"),
    [
        ("general", 720, [470, 471, 473]),  # a PNP-only draw's cut-off read as all-program
        ("cec", 75, [431, 461, 454]),  # a cut-off no run comes near: waits for the official
    ],
)
def test_a_cut_off_far_from_its_category_s_run_is_doubted(
    category: str, crs: int, run: list[int]
) -> None:
    report = plain(category, crs)
    doubted = by_history(report, History(runs={category: run}))
    assert not doubted.alertable and not deserves_a_draw(doubted, main=True)
    assert doubted.contradictions == (
        f"history: {category} cut-offs of {min(run)} to {max(run)}, not {crs}",
    )


@pytest.mark.parametrize(
    "run",
    [
        [468, 469, 478],  # the first all-program draw after a year and a half: 557
        [557, 560],  # too short a run to tell
        [],
    ],
)
def test_a_cut_off_near_enough_its_run_is_not_doubted(run: list[int]) -> None:
    report = plain("general", 557)
    read = by_history(report, History(runs={"general": run}, largest=27332))
    assert report.alertable and read.alertable


def test_a_count_larger_than_any_round_s_is_doubted() -> None:
    """A year's 35,512 invitations read as one draw's, when no round had had 1,700."""
    doubted = by_history(plain("general", 450, invitations=35512), History(largest=1637))
    assert doubted.contradictions == ("history: at most 1637 invitations in a round, not 35512",)
    assert not deserves_a_draw(doubted, main=True)
    record = plain("general", 450, invitations=7000)  # a record, as rounds have often set
    assert by_history(record, History(largest=5500)).alertable


def test_of_ircc_s_own_rounds_the_stored_rounds_doubt_three() -> None:
    """Each official round read as an article's report, with the rounds before it stored:
    the doubt holds back only the surprises (the drop of March 2015, a PNP-only 902, CEC's
    27,332 at 75), each of which the official round then alerts."""
    rounds = sorted(list_rounds(SNAPSHOT.read_bytes()).read().rounds, key=lambda r: r.date)
    doubted = []
    for official in rounds:
        before = [other for other in rounds if other.date < official.date]
        run = [o.crs for o in reversed(before) if o.category == official.category and o.crs]
        largest = max((other.invitations or 0 for other in before), default=None)
        figures = (None, official.date, official.category, official.invitations, official.crs)
        read = graded(report(figures, Confidence.LOW, (), main=True))
        if not by_history(read, History(None, {official.category: run[:RUN]}, largest)).alertable:
            doubted.append(official.number)
    assert len(rounds) == 421 and doubted == ["5", "91b", "176"]

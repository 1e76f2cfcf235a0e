"""A draw set against the earlier draws of its category: the pure rule, table-driven."""

from datetime import date

import pytest

from bot import messages
from core.trends import CutoffContext, average, cutoff_context
from db.models import Draw

pytestmark = pytest.mark.usefixtures("in_english")  # these tests render texts themselves

DAY = date(2026, 7, 2)
SEVEN = [
    (date(2026, 6, day), crs)
    for day, crs in [(30, 500), (25, 490), (20, 480), (15, 470), (10, 460), (5, 100), (1, 100)]
]


@pytest.mark.parametrize(
    ("earlier", "expected"),
    [
        ([], None),  # the first draw of its category
        ([(date(2026, 6, 1), None)], None),  # no earlier cut-off to average
        ([(date(2026, 6, 1), 491)], CutoffContext(1, 491, 31)),
        ([(date(2026, 6, 20), 480), (date(2026, 6, 1), 487)], CutoffContext(2, 484, 12)),  # 483.5
        ([(date(2026, 6, 20), 480), (date(2026, 6, 1), 486)], CutoffContext(2, 483, 12)),
        ([(None, 480), (date(2026, 6, 1), 490)], CutoffContext(2, 485, None)),  # undated
        ([(date(2026, 6, 30), None), (date(2026, 6, 1), 490)], CutoffContext(1, 490, 2)),
        (SEVEN, CutoffContext(5, 480, 2)),  # only the five newest count
    ],
)
def test_cutoff_context(
    earlier: list[tuple[date | None, int | None]], expected: CutoffContext | None
) -> None:
    assert cutoff_context(DAY, earlier) == expected


def test_an_undated_draw_has_no_days_since() -> None:
    found = cutoff_context(None, [(date(2026, 6, 1), 491)])
    assert found is not None and found.days_since is None


@pytest.mark.parametrize(
    ("values", "mean"), [([1], 1), ([1, 2], 2), ([2, 2, 3], 2), ([481, 486, 491], 486)]
)
def test_average_rounds_half_up(values: list[int], mean: int) -> None:
    assert average(values) == mean


def stem(crs: int) -> Draw:
    return Draw(number="421", date=DAY, category="stem", name="STEM occupations (Version 1)",
                crs=crs, invitations=1500, confirmed=True)  # fmt: skip


@pytest.mark.parametrize(
    ("found", "line"),
    [
        (None, None),
        (
            CutoffContext(1, 491, 31),
            "📊 Cut-off of the STEM occupations draw before this one: 491. Days since it: 31.",
        ),
        (
            CutoffContext(5, 484, None),
            "📊 Average cut-off of the 5 STEM occupations draws before this one: 484. "
            "Days since the previous one: unknown.",
        ),
    ],
)
def test_the_context_line_follows_the_cut_off(found: CutoffContext | None, line: str) -> None:
    lines = messages.draw_details(stem(486), None, context=found).split("\n")
    if line is None:
        assert not any(each.startswith("📊") for each in lines)
    else:
        assert lines[lines.index(line) - 1].startswith("CRS cut-off: <b>486</b>")

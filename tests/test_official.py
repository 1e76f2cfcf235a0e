"""The official rounds JSON: every round of the real snapshot, its odd strings, bad shapes."""

import json
from datetime import UTC, date, datetime

import pytest

from core.rounds import Round, normalize_number, rounds_to_read
from jobs.official import DocumentError, list_rounds, round_digest
from tests.conftest import SNAPSHOT, encode


@pytest.fixture(scope="module")
def rounds() -> dict[str, Round]:
    document = list_rounds(SNAPSHOT.read_bytes()).read()
    return {parsed.number: parsed for parsed in document.rounds}


def test_every_round_of_the_snapshot_parses(rounds: dict[str, Round]) -> None:
    raw = json.loads(SNAPSHOT.read_bytes())["rounds"]
    assert len(raw) == 421
    assert len(rounds) == 421
    assert {"91a", "91b", "1", "420"} <= set(rounds)
    for parsed in rounds.values():
        assert parsed.date is not None, parsed.number
        assert parsed.crs is not None, parsed.number
        assert parsed.invitations is not None, parsed.number
        assert parsed.category, parsed.number


def test_only_the_contradictory_time_is_unknown() -> None:
    document = list_rounds(SNAPSHOT.read_bytes()).read()
    assert document.problems == [
        "#357: drawDateTime 'July 12, 2025 at 16:27:45 UTC' contradicts drawDate 2025-07-22,"
        " stored as unknown"
    ]


def test_the_first_stem_round(rounds: dict[str, Round]) -> None:
    assert rounds["254"] == Round(
        number="254",
        date=date(2023, 7, 5),
        category="stem",
        name="STEM occupations (Version 1)",
        crs=486,
        invitations=500,
        drawn_at=datetime(2023, 7, 5, 13, 38, 22, tzinfo=UTC),
        tie_break=datetime(2022, 11, 23, 0, 1, 29, tzinfo=UTC),
        programs="Federal Skilled Worker Program, Canadian Experience Class and Federal "
        "Skilled Trades Program",
        distribution_as_of=date(2023, 7, 4),
        distribution=rounds["254"].distribution,
    )
    distribution = rounds["254"].distribution
    assert distribution is not None
    assert distribution["total"] == 214_529
    assert distribution["481-490"] == 4_719


@pytest.mark.parametrize(
    ("number", "field", "expected"),
    [
        ("176", "invitations", 27_332),  # "27,332"
        ("176", "crs", 75),
        ("91a", "category", "fst"),
        ("91b", "category", "pnp"),
        ("91a", "crs", 288),
        ("208", "tie_break", datetime(2021, 10, 7, 16, 38, 21, tzinfo=UTC)),  # no year
        ("270", "drawn_at", datetime(2023, 10, 25, 15, 48, 39, tzinfo=UTC)),  # "15:48:39 AM"
        ("270", "tie_break", datetime(2023, 9, 30, 4, 22, 17, tzinfo=UTC)),  # "04:22:17 AM"
        ("357", "drawn_at", None),  # July 12 for a July 22 round: unknown, not guessed
        ("357", "date", date(2025, 7, 22)),
        ("1", "tie_break", None),  # early rounds published no tie-break
        ("1", "distribution", None),  # nor a distribution (all zeros)
        ("383", "tie_break", datetime(2025, 3, 5, 5, 10, 48, tzinfo=UTC)),  # no "UTC"
        ("148", "drawn_at", datetime(2020, 5, 15, 12, 46, 53, tzinfo=UTC)),  # next UTC day
        ("420", "name", "Canadian Experience Class"),
    ],
)
def test_spot_checks(rounds: dict[str, Round], number: str, field: str, expected: object) -> None:
    assert getattr(rounds[number], field) == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<!DOCTYPE html><html><body>Maintenance</body></html>", "not JSON"),
        (b"", "not JSON"),
        (b'{"classes": "wb-tables"}', "no 'rounds'"),
        (b'{"rounds": []}', "no 'rounds'"),
        (b'{"rounds": "none"}', "no 'rounds'"),
        (b"[1, 2]", "no 'rounds'"),
        (b'{"rounds": [{"drawNo": "1", "date": "2026-01-01"}]}', "no usable round"),
        (b'{"rounds": [3]}', "no usable round"),
    ],
)
def test_a_document_of_the_wrong_shape_is_an_error(body: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        list_rounds(body).read()


def test_an_unreadable_field_is_unknown_and_the_round_kept(snapshot: dict) -> None:
    snapshot["rounds"][0].update(drawCRS="TBD", drawSize="", drawCutOff="sometime")
    del snapshot["rounds"][1]["drawCRS"]  # a round without its keys is skipped, noted
    document = list_rounds(encode(snapshot)).read()
    first = document.rounds[0]
    assert (first.number, first.crs, first.invitations, first.tie_break) == (
        "420",
        None,
        None,
        None,
    )
    assert len(document.rounds) == 420
    assert any("drawCRS 'TBD'" in problem for problem in document.problems)
    assert any("missing ['drawCRS']" in problem for problem in document.problems)


def test_text_is_decoded_and_folded(snapshot: dict) -> None:
    snapshot["rounds"][0]["drawName"] = "  Researchers &amp; scientists,  2027-Version 1 "
    assert (
        list_rounds(encode(snapshot)).read().rounds[0].name
        == "Researchers & scientists, 2027-Version 1"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("254", "254"), ("#254", "254"), (" 91B", "91b"), ("0420", "420"), ("", None), ("n/a", None)],
)
def test_draw_numbers(text: str, expected: str | None) -> None:
    assert normalize_number(text) == expected


@pytest.mark.parametrize(
    ("listed", "stored", "to_read"),
    [
        ([("420", "a"), ("419", "b")], {}, {"420", "419"}),  # the first poll: every round
        ([("420", "a"), ("419", "b")], {"420": "a", "419": "b"}, set()),  # nothing changed
        ([("421", "c"), ("420", "a")], {"420": "a"}, {"421"}),  # a new round
        ([("420", "a2"), ("419", "b")], {"420": "a", "419": "b"}, {"420"}),  # a correction
        ([("420", "a")], {"420": None}, {"420"}),  # stored before hashes, or from news only
        ([("420", "a")], {"420": "a", "418": "z"}, set()),  # a stored draw no longer listed
        ([("420", "a"), ("420", "b")], {"420": "b"}, {"420"}),  # listed twice: always read
    ],
)
def test_which_rounds_are_read(
    listed: list[tuple[str, str]], stored: dict[str, str | None], to_read: set[str]
) -> None:
    assert rounds_to_read(listed, stored) == to_read


def test_listing_checks_the_shape_and_hashes_each_round_without_reading_it(snapshot: dict) -> None:
    listed = list_rounds(encode(snapshot))
    assert len(listed.listed) == 421 and listed.problems == []
    assert listed.digests()[0] == ("420", round_digest(snapshot["rounds"][0]))
    assert len({digest for _number, digest in listed.digests()}) == 421
    reordered = dict(reversed(snapshot["rounds"][0].items()))
    assert round_digest(reordered) == round_digest(snapshot["rounds"][0])  # same JSON object
    document = listed.read({"357", "1"})
    assert [parsed.number for parsed in document.rounds] == ["357", "1"]
    assert [problem[:5] for problem in document.problems] == ["#357:"]
    assert listed.read().rounds == list_rounds(encode(snapshot)).read().rounds

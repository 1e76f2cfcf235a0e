"""What users type after /subscribe, /unsubscribe and /latest."""

import pytest

from bot.chat.arguments import (
    ArgumentError,
    Subscribe,
    parse_category,
    parse_rank,
    parse_subscribe,
)
from bot.chat.buttons import Refused, parse_press
from bot.chat.links import parse_payload
from core.scores import read_score

pytestmark = pytest.mark.usefixtures("in_english")  # these tests render texts themselves

KNOWN = frozenset({"researchers"})


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["stem", "490"], Subscribe("stem", 490)),
        (["STEM", "490"], Subscribe("stem", 490)),
        (["490", "stem"], Subscribe("stem", 490)),
        (["stem"], Subscribe("stem", None)),
        (["490"], Subscribe("all", 490)),
        (["all"], Subscribe("all", None)),
        (["all", "480"], Subscribe("all", 480)),
        (["senior", "managers", "480"], Subscribe("senior-managers", 480)),
        (["health", "0"], Subscribe("healthcare", 0)),
        (["trades", "1200"], Subscribe("trade", 1200)),
        (["researchers"], Subscribe("researchers", None)),
    ],
)
def test_subscribe_requests(args: list[str], expected: Subscribe) -> None:
    assert parse_subscribe(args, KNOWN) == expected


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "Usage: <code>/subscribe"),
        (["stem", "1201"], "“1201” is not a CRS score"),
        (["stem", "-5"], "“-5” is not a CRS score"),
        (["stem", "490.5"], "“490.5” is not a CRS score"),
        (["stemm", "490"], "Did you mean <code>stem</code>?"),
        (["astrology"], "I don't know the category “astrology”"),
        (["<b>x</b>"], "“&lt;b&gt;x&lt;/b&gt;”"),  # echoed text is escaped
        (["a", "b", "c", "d", "e", "f", "g", "h", "i"], "longer than any category"),
        (["x" * 65], "longer than any category"),
    ],
)
def test_bad_subscribe_requests_say_what_is_wrong(args: list[str], says: str) -> None:
    with pytest.raises(ArgumentError) as caught:
        parse_subscribe(args, KNOWN)
    assert says in str(caught.value)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("490", 490),
        ("0", 0),
        ("1200", 1200),
        ("1201", None),
        ("²", None),
        ("-1", None),
        ("٤٩٠", 490),
        ("", None),
    ],  # Arabic-Indic digits are decimal digits: int reads them
)
def test_a_score_is_read_the_same_by_every_command_and_button(text: str, score: int | None) -> None:
    assert read_score(text) == score
    typed = parse_subscribe(["stem", text], KNOWN).max_crs if score is not None else None
    assert typed == score
    try:
        pressed = parse_press(f"su:0123abcd:s:{text}", KNOWN).score
    except Refused:
        pressed = None
    assert pressed == score
    linked = parse_payload(text, KNOWN)  # a deep link's payload is ASCII
    assert (linked.max_crs if linked else None) == (score if text.isascii() else None)


@pytest.mark.parametrize("text", ["²", "1201", "4.5"])  # "²" is a digit to isdigit, not to int
def test_a_rank_s_score_that_is_none_says_so(text: str) -> None:
    with pytest.raises(ArgumentError, match="CRS score"):
        parse_rank([text])


def test_a_category_for_latest_and_unsubscribe() -> None:
    assert parse_category(["Canadian", "experience"], KNOWN, "usage") == "cec"
    with pytest.raises(ArgumentError, match="usage"):
        parse_category([], KNOWN, "usage")

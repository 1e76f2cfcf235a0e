"""The check of Telegram's launch data, as a table: data Telegram signed for this bot within
the day names its user; forged, altered, stale, future, unreadable or missing data does not."""

import json
from urllib.parse import urlencode

import pytest

from bot.web.launch import InvalidLaunch, Launcher, check, data_check_string
from tests.webapp import launch_fields, sign, signed

TOKEN = "123456:TEST-TOKEN"
NOW = 1_780_000_000.0
FIELDS = launch_fields(user_id=77, language_code="fr", auth_date=NOW - 60)


def test_data_telegram_signed_names_its_user() -> None:
    assert check(signed(FIELDS, TOKEN), TOKEN, NOW) == Launcher(77, "fr")


def test_the_data_check_string_is_the_sorted_fields_but_the_hash() -> None:
    fields = {"user": "u", "hash": "h", "auth_date": "1", "query_id": "q"}
    assert data_check_string(fields) == "auth_date=1\nquery_id=q\nuser=u"


def _with(**changes: str) -> str:
    """FIELDS signed, then changed after signing (an altered field)."""
    fields = {**FIELDS, "hash": sign(FIELDS, TOKEN)}
    return urlencode({**fields, **changes})


def _signed_with(**changes: str) -> str:
    """FIELDS changed, then signed as Telegram would have."""
    return signed({**FIELDS, **changes}, TOKEN)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "missing"),
        (signed(FIELDS, "999:OTHER-BOT"), "signed for another bot"),
        (_with(hash="0" * 64), "forged hash"),
        (_with(hash=""), "empty hash"),
        (urlencode(FIELDS), "no hash"),
        (_with(user=json.dumps({"id": 1, "first_name": "Eve"})), "another user put in"),
        (_with(auth_date=str(int(NOW))), "auth_date moved"),
        (_with(extra="1"), "a field added"),
        (_signed_with(auth_date=str(int(NOW - 86_401))), "more than a day old"),
        (_signed_with(auth_date=str(int(NOW + 60))), "from the future"),
        (_signed_with(auth_date="yesterday"), "unreadable auth_date"),
        (_signed_with(user="not json"), "unreadable user"),
        (_signed_with(user=json.dumps({"id": "77"})), "a user id that is no number"),
        (_signed_with(user=json.dumps({"id": -5})), "a chat's id, not a user's"),
        (signed({"auth_date": str(int(NOW))}, TOKEN), "no user at all"),
        ("a=1&a=2", "a field given twice"),
        ("x" * 5000, "far too long"),
        ("%%%", "not a query string"),
    ],
)
def test_data_that_is_not_telegrams_fresh_own_is_refused(raw: str, why: str) -> None:
    with pytest.raises(InvalidLaunch):
        check(raw, TOKEN, NOW)


def test_data_exactly_a_day_old_is_still_taken() -> None:
    raw = _signed_with(auth_date=str(int(NOW - 86_400)))
    assert check(raw, TOKEN, NOW).user_id == 77

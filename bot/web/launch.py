"""Telegram's launch data, checked as Telegram specifies: who opened the Mini App, if the
data is Telegram's own, unaltered and fresh.

The data-check-string is every field but ``hash``, sorted by key, ``key=value`` joined by
newlines; the secret key is HMAC-SHA256 of the bot token keyed with ``WebAppData``; the data
is Telegram's when the hex HMAC-SHA256 of the data-check-string under that key equals
``hash``. A pure function of the data, the token and the time, so tests fix all three.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl

MAX_AGE_SECONDS = 86_400  # launch data older than a day is refused
MAX_LENGTH = 4096  # far more than Telegram sends; longer is not Telegram's


@dataclass(frozen=True)
class Launcher:
    """The Telegram user the launch data names; their private chat has their id."""

    user_id: int
    language_code: str | None


class InvalidLaunch(ValueError):
    """Launch data that is missing, forged, altered, stale or unreadable."""


def data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def signature(fields: dict[str, str], token: str) -> str:
    """The ``hash`` Telegram gives these fields for the bot with this token."""
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, data_check_string(fields).encode(), hashlib.sha256).hexdigest()


def check(raw: str, token: str, now: float) -> Launcher:
    """The user of launch data (``tgWebAppData``, as Telegram passes it) that Telegram
    signed for this bot within the last day; raises InvalidLaunch otherwise."""
    if not raw or len(raw) > MAX_LENGTH:
        raise InvalidLaunch("no launch data")
    fields = _fields(raw)
    given = fields.get("hash", "")
    if not hmac.compare_digest(signature(fields, token), given):
        raise InvalidLaunch("bad signature")
    _check_age(fields.get("auth_date", ""), now)
    return _launcher(fields.get("user", ""))


def _fields(raw: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidLaunch("unreadable") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidLaunch("a field given twice")
    return fields


def _check_age(auth_date: str, now: float) -> None:
    if not auth_date.isdecimal():
        raise InvalidLaunch("no auth_date")
    age = now - int(auth_date)
    if age > MAX_AGE_SECONDS or age < 0:
        raise InvalidLaunch("stale or from the future")


def _launcher(user: str) -> Launcher:
    try:
        found = json.loads(user)
        user_id = found["id"]
    except (ValueError, TypeError, KeyError):
        raise InvalidLaunch("no user") from None
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InvalidLaunch("no user")
    code = found.get("language_code")
    return Launcher(user_id, code if isinstance(code, str) else None)

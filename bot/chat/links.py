"""Deep links: ``t.me/<bot>?start=<payload>`` subscribes in one tap.

Telegram allows A-Z, a-z, 0-9, _ and - in a payload, 64 characters at most. Category
keys hold hyphens (``senior-managers``), so a payload is read from the right: a number
after the last hyphen is the score. ``stem-490``, ``stem``, ``490``, ``all``,
``senior-managers-480``; ``times``, ``times-cec``, ``times-cec-2025-06`` follow the
processing times (core.times.follow). Any other payload is not a subscription (the
ordinary welcome).
"""

import re
from urllib.parse import quote

from bot.chat.arguments import Subscribe
from core.categories import ALL, resolve
from core.provinces.registry import resolve_province
from core.scores import read_score
from core.times.follow import followed

_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def parse_payload(payload: str, known: frozenset[str]) -> Subscribe | None:
    """The subscription to draws a payload asks for, or None when it asks for none we know
    (a payload about the processing times is read by ``bot.chat.times.follow_request``)."""
    if not _PAYLOAD.match(payload) or followed(payload) is not None:
        return None
    head, _hyphen, tail = payload.rpartition("-")
    if payload.isdecimal():
        head, tail = ALL, payload
    elif not (head and tail.isdecimal()):
        head, tail = payload, ""
    score = read_score(tail) if tail else None
    if tail and score is None:
        return None  # a score out of range
    named = head.replace("_", "-")
    category = resolve(named, known) or resolve_province(named, known)
    return Subscribe(category, score) if category is not None else None


def payload(category: str, max_crs: int | None) -> str | None:
    """The payload of a subscription, or None when it would not fit in one."""
    if category == ALL:
        text = ALL if max_crs is None else str(max_crs)
    else:
        text = category if max_crs is None else f"{category}-{max_crs}"
    return text if _PAYLOAD.match(text) else None


def link(username: str, start: str | None = None) -> str:
    """The bot's t.me link, opening it with a payload if given."""
    base = f"https://t.me/{quote(username)}"
    return f"{base}?start={start}" if start else base

"""Reading IRCC's official rounds JSON (ee_rounds_123_en.json) into :class:`Round` values.

Every round of the real file parses: a field that cannot be read with certainty becomes
None and is reported in ``problems``; it never drops the round. A document of the wrong
shape (HTML, no ``rounds``, rounds without their keys) raises :class:`DocumentError` so
that the poll stops before it touches stored data.

A poll checks the whole document's shape and hashes each round's JSON
(:func:`list_rounds`), then reads only the rounds whose hash it has not stored
(:meth:`RoundsDocument.read`): dates are read with dateutil, which is most of the cost.
"""

import hashlib
import html
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from core.categories import category_key
from core.dates import parse_date, parse_utc_datetime
from core.rounds import DISTRIBUTION_RANGES, Round, normalize_number

T = TypeVar("T")
REQUIRED_KEYS = ("drawNumber", "drawName", "drawCRS", "drawSize")
DATE_KEYS = ("drawDate", "drawDateFull")
# Part of each round's hash: raise it when a change here reads some round differently, and
# the next poll reads every stored round again.
READING_VERSION = 1
# A draw's UTC time may fall on the next calendar day of its Ottawa date; more is a typo.
_MAX_DATE_TIME_GAP = timedelta(days=1)


class DocumentError(ValueError):
    """The document is not the rounds JSON we know; nothing in it should be trusted."""


@dataclass
class OfficialDocument:
    rounds: list[Round]
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ListedRound:
    """A round as the document lists it, not read yet: its number, and a hash of its JSON
    by which a round read before is known again."""

    number: str
    digest: str
    raw: Mapping[str, Any]


@dataclass
class RoundsDocument:
    """The rounds document, its shape checked, each usable round listed but not read."""

    listed: list[ListedRound]
    problems: list[str] = field(default_factory=list)  # rounds skipped for their shape

    def digests(self) -> list[tuple[str, str]]:
        """Each listed round's number and hash, in the document's order."""
        return [(item.number, item.digest) for item in self.listed]

    def read(self, numbers: Collection[str] | None = None) -> OfficialDocument:
        """Read the listed rounds (only those numbered in ``numbers``, if given); the
        problems are the document's and those of the rounds read."""
        document = OfficialDocument(rounds=[], problems=list(self.problems))
        for item in self.listed:
            if numbers is None or item.number in numbers:
                parsed = parse_round(item.raw, document.problems)
                if parsed is not None:
                    document.rounds.append(parsed)
        return document


def list_rounds(body: bytes | str) -> RoundsDocument:
    """Check the whole document's shape and list its usable rounds, reading none of their
    fields but the number; raises DocumentError if it is not the rounds JSON."""
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DocumentError(f"not JSON ({error.__class__.__name__}: {error})") from None
    raw_rounds = data.get("rounds") if isinstance(data, Mapping) else None
    if not isinstance(raw_rounds, list) or not raw_rounds:
        raise DocumentError("no 'rounds' list in the document")
    document = RoundsDocument(listed=[])
    for index, raw in enumerate(raw_rounds):
        missing = _missing_keys(raw)
        if missing:
            document.problems.append(f"round at index {index} skipped: missing {missing}")
            continue
        number = normalize_number(_text(raw.get("drawNumber")))
        if number is None:
            document.problems.append(
                f"round skipped: unreadable drawNumber {raw.get('drawNumber')!r}"
            )
            continue
        document.listed.append(ListedRound(number, round_digest(raw), raw))
    if not document.listed:
        raise DocumentError(f"no usable round: {'; '.join(document.problems[:3])}")
    return document


def round_digest(raw: Mapping[str, Any]) -> str:
    """A hash of a round's JSON (its keys in any order) and of the way it is read: a
    change to either makes the round read again."""
    text = json.dumps(raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{READING_VERSION}\n{text}".encode()).hexdigest()


def _missing_keys(raw: object) -> list[str]:
    if not isinstance(raw, Mapping):
        return ["everything (not an object)"]
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if not any(key in raw for key in DATE_KEYS):
        missing.append(" or ".join(DATE_KEYS))
    return missing


def parse_round(raw: Mapping[str, Any], problems: list[str]) -> Round | None:
    """One round of the document; unreadable fields become None and are noted in problems."""
    number = normalize_number(_text(raw.get("drawNumber")))
    if number is None:
        problems.append(f"round skipped: unreadable drawNumber {raw.get('drawNumber')!r}")
        return None

    def unreadable(key: str, why: str = "unreadable") -> None:
        problems.append(f"#{number}: {key} {raw.get(key)!r} {why}, stored as unknown")

    draw_date = _draw_date(raw)
    if draw_date is None:
        unreadable("drawDate")
    drawn_at = _drawn_at(raw, draw_date, unreadable)
    limit = drawn_at or (
        datetime.combine(draw_date, time.max, UTC) + _MAX_DATE_TIME_GAP if draw_date else None
    )
    tie_break = _optional(raw, "drawCutOff", lambda text: parse_utc_datetime(text, not_after=limit))
    if tie_break is None and _text(raw.get("drawCutOff")):
        unreadable("drawCutOff")
    name = _text(raw.get("drawName"))
    return Round(
        number=number,
        date=draw_date,
        category=category_key(name),
        name=name,
        crs=_integer(raw, "drawCRS", unreadable),
        invitations=_integer(raw, "drawSize", unreadable),
        drawn_at=drawn_at,
        tie_break=tie_break,
        programs=_text(raw.get("drawText2")) or None,
        distribution_as_of=_optional(raw, "drawDistributionAsOn", parse_date),
        distribution=_distribution(raw),
    )


def _text(value: object) -> str:
    """A field as clean text: entities decoded, runs of white space folded."""
    return " ".join(html.unescape(str(value)).split()) if value is not None else ""


def _optional(raw: Mapping[str, Any], key: str, read: Callable[[str], T]) -> T | None:
    text = _text(raw.get(key))
    return read(text) if text else None


def _draw_date(raw: Mapping[str, Any]) -> date | None:
    for key in DATE_KEYS:
        parsed = _optional(raw, key, parse_date)
        if parsed is not None:
            return parsed
    return None


def _drawn_at(
    raw: Mapping[str, Any], draw_date: date | None, unreadable: Callable[..., None]
) -> datetime | None:
    text = _text(raw.get("drawDateTime"))
    if not text:
        return None
    drawn_at = parse_utc_datetime(text)
    if drawn_at is None:
        unreadable("drawDateTime")
    elif draw_date is not None and abs(drawn_at.date() - draw_date) > _MAX_DATE_TIME_GAP:
        unreadable("drawDateTime", f"contradicts drawDate {draw_date.isoformat()}")
        return None
    return drawn_at


def _integer(raw: Mapping[str, Any], key: str, unreadable: Callable[..., None]) -> int | None:
    """A count or score written as "6,000" or "486"; None (noted) when it is not a number."""
    text = _text(raw.get(key)).replace(",", "").replace(" ", "")
    if text.isdigit():
        return int(text)
    unreadable(key)
    return None


def _distribution(raw: Mapping[str, Any]) -> dict[str, int | None] | None:
    """The pool by CRS range; None when not published (early rounds give all zeros)."""
    values: dict[str, int | None] = {}
    for index, label in enumerate(DISTRIBUTION_RANGES, start=1):
        text = _text(raw.get(f"dd{index}")).replace(",", "")
        values[label] = int(text) if text.isdigit() else None
    return values if any(values.values()) else None

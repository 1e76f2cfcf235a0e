"""Reading command arguments into requests, or into the reason they cannot be read."""

import difflib
import re
from dataclasses import dataclass

from bot import messages
from bot.chat.charts import POOL
from core.categories import ALL, resolve, slugify, suggest
from core.limits import HISTORY_ROWS, MAX_ARGUMENT_LENGTH, MAX_ARGUMENTS, MAX_HISTORY_ROWS
from core.provinces.registry import names_to_suggest, resolve_province
from core.scores import read_score
from core.trends import DEFAULT_PERIOD, Period, parse_period

_LOOKS_LIKE_A_PERIOD = re.compile(r"^[+-]?\d+[a-z]*$", re.IGNORECASE)
_LOOKS_NUMERIC = re.compile(r"^[+-]?\d+([.,]\d*)?$")


@dataclass(frozen=True)
class Subscribe:
    category: str  # a key, or "all"
    max_crs: int | None


@dataclass(frozen=True)
class History:
    category: str | None  # None: every category
    rows: int


@dataclass(frozen=True)
class Chart:
    category: str | None  # None: every category; POOL: the pool by score
    period: Period


class ArgumentError(ValueError):
    """A reply telling the user what was wrong with the command."""


def parse_subscribe(args: list[str], known: frozenset[str]) -> Subscribe:
    """``stem 490``, ``490``, ``all``, ``senior managers 480`` -> Subscribe."""
    _check_size(args, messages.SUBSCRIBE_USAGE())
    words, score = list(args), None
    if _LOOKS_NUMERIC.match(words[-1]):
        score = _score(words.pop())
    elif _LOOKS_NUMERIC.match(words[0]):  # "/subscribe 490 stem"
        score = _score(words.pop(0))
    if not words:
        return Subscribe(ALL, score)
    return Subscribe(_category(words, known), score)


def parse_history(args: list[str], known: frozenset[str]) -> History:
    """``stem 20``, ``20``, ``cec``, nothing -> History."""
    if not args:
        return History(None, HISTORY_ROWS)
    _check_size(args, messages.history_usage())
    words, rows = list(args), HISTORY_ROWS
    if _LOOKS_NUMERIC.match(words[-1]):
        rows = _count(words.pop())
    if not words:
        return History(None, rows)
    category = _category_or_usage(words, known, messages.history_usage())
    return History(None if category == ALL else category, rows)


def parse_rank(args: list[str]) -> int | None:
    """``480`` -> 480; nothing -> None (the chat's own score)."""
    if not args:
        return None
    if len(args) > 1 or len(args[0]) > MAX_ARGUMENT_LENGTH:
        raise ArgumentError(messages.rank_usage())
    score = read_score(args[0])
    if score is None:
        raise ArgumentError(messages.bad_rank_score(args[0]))
    return score


def parse_chart(args: list[str], known: frozenset[str]) -> Chart:
    """``stem 2y``, ``2y``, ``cec``, ``pool``, nothing -> Chart."""
    if not args:
        return Chart(None, DEFAULT_PERIOD)
    _check_size(args, messages.CHART_USAGE())
    if [word.lower() for word in args] == [POOL]:
        return Chart(POOL, DEFAULT_PERIOD)
    words, period = list(args), parse_period(args[-1])
    if period is not None:
        words.pop()
    elif _LOOKS_LIKE_A_PERIOD.match(words[-1]):
        raise ArgumentError(messages.bad_period(words[-1]))
    if not words:
        return Chart(None, period or DEFAULT_PERIOD)
    category = _category_or_usage(words, known, messages.CHART_USAGE())
    return Chart(None if category == ALL else category, period or DEFAULT_PERIOD)


def parse_category(args: list[str], known: frozenset[str], usage: str) -> str:
    """A single category (several words allowed), for /unsubscribe and /latest."""
    _check_size(args, usage)
    return _category(args, known)


def _check_size(args: list[str], usage: str) -> None:
    if not args:
        raise ArgumentError(usage)
    if len(args) > MAX_ARGUMENTS or any(len(arg) > MAX_ARGUMENT_LENGTH for arg in args):
        raise ArgumentError(messages.too_long(usage))


def _score(text: str) -> int:
    score = read_score(text)
    if score is None:
        raise ArgumentError(messages.bad_score(text))
    return score


def _count(text: str) -> int:
    if not text.isdecimal() or not 1 <= int(text) <= MAX_HISTORY_ROWS:
        raise ArgumentError(messages.bad_count(text))
    return int(text)


def _category_or_usage(words: list[str], known: frozenset[str], usage: str) -> str:
    try:
        return _category(words, known)
    except ArgumentError as error:
        raise ArgumentError(f"{error}\n{usage}") from None


def _category(words: list[str], known: frozenset[str]) -> str:
    """An Express Entry category, a province or a province's stream, as typed."""
    text = " ".join(words)
    key = resolve(text, known) or resolve_province(text, known)
    if key is None:
        raise ArgumentError(messages.unknown_category(text, _closest(text, known)))
    return key


def _closest(text: str, known: frozenset[str]) -> str | None:
    """The closest key to a mistyped one: a category's, else a province's or a stream's."""
    found = suggest(text, known)
    if found is not None:
        return found
    close = difflib.get_close_matches(slugify(text), names_to_suggest(), n=1, cutoff=0.75)
    return resolve_province(close[0]) if close else None

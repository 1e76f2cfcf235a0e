"""A month of application as people write it ("2025-06", "June 2025", "06/2025", "juin
2025", "Jun 2025"), read into IRCC's own form, "2025-06"."""

import calendar
import re

from core.categories import fold

_FRENCH = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip
_NAMES = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(), calendar.month_abbr[number].lower(),
        _FRENCH[number - 1],
    )
}  # fmt: skip
_ISO = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})$")
_NUMERIC = re.compile(r"^(?P<month>\d{1,2})[-/.](?P<year>\d{4})$")
_WORDS = re.compile(r"^(?P<name>[a-z]+)\.?\s+(?P<year>\d{4})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100  # a month outside these is a typo, not a month


def read_month(text: str) -> str | None:
    """The month ("2025-06"), or None for words that are no month."""
    words = " ".join(fold(text).split())
    for pattern in (_ISO, _NUMERIC, _WORDS):
        if (match := pattern.match(words)) is None:
            continue
        month = _NAMES.get(match["name"]) if "name" in pattern.groupindex else int(match["month"])
        year = int(match["year"])
        if month and 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR:
            return f"{year:04d}-{month:02d}"
    return None

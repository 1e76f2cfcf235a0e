"""Reading the hand-typed dates and times of IRCC's rounds data.

The official JSON writes times as free text ("July 3rd 2026 at 21:35:13 UTC",
"March 02. 2024 at 01:58:34 UTC", "October 25, 2023 at 15:48:39 AM UTC", "October 7 at
16:38:21 UTC"). These functions tidy the known slips and hand the rest to dateutil; what
they cannot read with certainty they return as None, never as a guess.
"""

import re
from datetime import UTC, date, datetime, timedelta

from dateutil import parser as date_parser

_ISO_DATE_TIME = re.compile(r"\b(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}:\d{2})\b")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_HOUR_OVER_12_WITH_MERIDIEM = re.compile(r"\b(1[3-9]|2[0-3])(:\d{2}:\d{2})\s*[AP]M\b", re.I)
_DAY_DOT_YEAR = re.compile(r"\b(\d{1,2})\.\s+(\d{4})\b")
_COMMA_NO_SPACE = re.compile(r",(?=\S)")
_AT = re.compile(r"\bat(?=\s|\d)", re.I)
_OTHER_ZONE = re.compile(r"\b(?!UTC\b|GMT\b|AM\b|PM\b)[A-Z]{2,5}\b")  # EST, PDT, CET...
_DEFAULT = datetime(2000, 1, 1, tzinfo=UTC)


def _tidy(text: str) -> str:
    """Undo the typing slips seen in the official data, leaving the meaning unchanged."""
    text = _HOUR_OVER_12_WITH_MERIDIEM.sub(r"\1\2", text)  # "15:48:39 AM": the hour already says it
    text = _DAY_DOT_YEAR.sub(r"\1, \2", text)  # "March 02. 2024"
    text = _COMMA_NO_SPACE.sub(", ", text)  # "April 26,2023"
    text = _AT.sub(" ", text)  # "at12:48:30"
    return " ".join(text.split())


def parse_utc_datetime(text: str, *, not_after: datetime | None = None) -> datetime | None:
    """Read a UTC date and time written in any of the official data's styles.

    A text without a year ("October 7 at 16:38:21 UTC") takes the latest year that puts it
    at or before ``not_after`` (a tie-break precedes its draw); without ``not_after`` it is
    unreadable. Returns None for an empty or unreadable text.
    """
    text = text.strip()
    if not text:
        return None
    years = {match.group(0) for match in _YEAR.finditer(text)}
    if len(years) > 1 or (not years and not_after is None) or _OTHER_ZONE.search(text):
        return None
    iso = _ISO_DATE_TIME.search(text)  # "January 23, 2025 at 2025-01-23 15:30:04 UTC"
    if iso:
        text = f"{iso.group(1)} {iso.group(2)} UTC"
    try:
        parsed = date_parser.parse(_tidy(text), default=_DEFAULT)
    except (ValueError, OverflowError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # the field is documented as UTC
    elif parsed.utcoffset() != timedelta(0):
        return None
    parsed = parsed.astimezone(UTC)
    if years:
        return parsed if str(parsed.year) in years else None
    assert not_after is not None
    return _latest_year_not_after(parsed, not_after)


def _latest_year_not_after(moment: datetime, limit: datetime) -> datetime | None:
    for year in (limit.year, limit.year - 1):
        try:
            candidate = moment.replace(year=year)
        except ValueError:  # 29 February in a common year
            continue
        if candidate <= limit:
            return candidate
    return None


def parse_date(text: str) -> date | None:
    """Read a calendar date ("2026-06-23", "June 21, 2026"); None when unreadable."""
    text = text.strip()
    if not text or not _YEAR.search(text):
        return None
    try:
        parsed = date_parser.parse(_tidy(text), default=_DEFAULT)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if str(parsed.year) in text else None

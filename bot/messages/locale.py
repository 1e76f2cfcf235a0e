"""Whom a text is for: its language and time zone, and the catalogs and formats of each.

The wording lives in gettext catalogs (bot/locale/<language>/LC_MESSAGES/messages.po,
compiled to .mo beside them); numbers, dates and times are formatted by Babel. A handler
or the sender renders its texts inside ``speaking(audience)``. A text rendered outside any
audience is a fault, not English by default: it raises NoAudience, so that a path which forgot
whom it speaks to fails in tests instead of silently writing English and UTC.
"""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from db.chats import ChatSettings

log = logging.getLogger(__name__)

CATALOGS = Path(__file__).parent.parent / "locale"
DOMAIN = "messages"
UTC_ZONE = ZoneInfo("UTC")


class Language(StrEnum):
    """The languages the catalogs hold, by their Telegram language code."""

    EN = "en"
    FR = "fr"

    @property
    def babel_locale(self) -> Locale:
        """Babel's locale for the language, parsed once: given a name, Babel parses it again
        at every number, date and time it formats."""
        return _babel_locale(self.value)

    @classmethod
    def of_code(cls, code: str | None) -> "Language | None":
        """A Telegram user's language_code ("fr", "fr-CA", "en-GB"): French for any French,
        English for anything else; None when Telegram did not say."""
        if not code:
            return None
        return cls.FR if code.lower().split("-")[0] == cls.FR else cls.EN


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse({Language.EN: "en_CA", Language.FR: "fr_CA"}[Language(code)])


@dataclass(frozen=True)
class Audience:
    """Whom a text is for: the language it is written in, the zone its times are shown in."""

    language: Language = Language.EN
    zone: ZoneInfo = UTC_ZONE


ENGLISH = Audience()
_current: ContextVar[Audience] = ContextVar("audience")


class NoAudience(RuntimeError):
    """A text was rendered outside ``speaking()``: nobody said whom it is for."""


@contextmanager
def speaking(audience: Audience) -> Iterator[Audience]:
    """Texts rendered inside are for this audience."""
    token = _current.set(audience)
    try:
        yield audience
    finally:
        _current.reset(token)


def audience() -> Audience:
    """Whom the texts rendered now are for; raises NoAudience outside ``speaking()``."""
    try:
        return _current.get()
    except LookupError:
        raise NoAudience("a text rendered outside speaking(audience)") from None


def _zone(name: str | None) -> ZoneInfo:
    if not name:
        return UTC_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("stored time zone %r is unknown here: showing UTC", name)
        return UTC_ZONE


def _language(stored: str | None) -> Language | None:
    return Language(stored) if stored in tuple(Language) else None


def of_chat(settings: ChatSettings, sender: Language | None = None) -> Audience:
    """A chat's audience: its own language, else the sender's, else English."""
    language = _language(settings.language) or sender or Language.EN
    return Audience(language, _zone(settings.timezone))


def catalog_path(language: Language, suffix: str = ".mo") -> Path:
    return CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


@cache
def translations(language: Language) -> Translations:
    """The compiled catalog of a language, read once."""
    with catalog_path(language).open("rb") as compiled:
        return Translations(compiled, domain=DOMAIN)


def gettext(msgid: str) -> str:
    return translations(audience().language).ugettext(msgid)


def ngettext(msgid: str, count: int) -> str:
    return translations(audience().language).ungettext(msgid, msgid, count)


# Formatted once per value and language: the same scores, counts and dates come back in
# every alert and list, and Babel takes tens of microseconds for each.
FORMATS_KEPT = 8192


def number(value: int | float) -> str:
    """5,000 in English, 5 000 in French."""
    return _number(value, audience().language)


@lru_cache(maxsize=FORMATS_KEPT)
def _number(value: int | float, language: Language) -> str:
    return format_decimal(value, locale=language.babel_locale)


def decimal(value: float) -> str:
    """One decimal: 12.4 in English, 12,4 in French."""
    return format_decimal(value, "#,##0.0", locale=audience().language.babel_locale)


def percent(share: float) -> str:
    """A share with one decimal: 12.3% in English, 12,3 % in French."""
    locale = Locale.parse(audience().language.babel_locale)
    pattern = locale.percent_formats[None].pattern
    one_decimal = re.sub(r"0(?!.*0)", "0.0", pattern)  # the last digit, then one decimal
    return format_percent(share, one_decimal, locale=locale)


def long_date(value: date) -> str:
    """August 7, 2026 in English, 7 août 2026 in French."""
    return _long_date(value, audience().language)


@lru_cache(maxsize=FORMATS_KEPT)
def _long_date(value: date, language: Language) -> str:
    return format_date(value, "long", locale=language.babel_locale)


def month_of_year(value: date) -> str:
    """June 2025 in English, juin 2025 in French."""
    return format_skeleton("yMMMM", value, locale=audience().language.babel_locale)


def local(moment: datetime) -> datetime:
    """An aware moment in the audience's zone (a naive one is taken as UTC)."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(audience().zone)


def clock(moment: datetime, pattern: str = "HH:mm:ss", *, named: bool = True) -> str:
    """The time of day in the audience's zone, the zone named (unless the text names it
    already): "09:55:49 EST (America/Toronto)", "14:55:49 UTC"."""
    zone, locale = audience().zone, audience().language.babel_locale
    shown = local(moment)
    text = f"{format_time(shown, pattern, locale=locale)} {_abbreviation(shown)}"
    return text if zone.key == UTC_ZONE.key or not named else f"{text} ({zone.key})"


# Each zone's short name by its offset and daylight saving, in each language: the same for
# every moment that shares them, and costly for Babel to find.
_ZONE_NAMES: dict[tuple[str, timedelta | None, timedelta | None, Language], str] = {}


def _abbreviation(moment: datetime) -> str:
    """The zone's short name at that moment in the audience's language (EDT, HAE), else its
    offset from UTC (UTC+5:30, UTC-3, UTC)."""
    key = (str(moment.tzinfo), moment.utcoffset(), moment.dst(), audience().language)
    name = _ZONE_NAMES.get(key)
    if name is None:
        name = _ZONE_NAMES[key] = _zone_name(moment)
    return name


def _zone_name(moment: datetime) -> str:
    zone: tzinfo | None = moment.tzinfo
    name = format_time(moment, "z", tzinfo=zone, locale=audience().language.babel_locale)
    if name[:1].isalpha() and not name.startswith(("GMT", "UTC")):
        return name
    minutes = int((moment.utcoffset() or timedelta()).total_seconds()) // 60
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")

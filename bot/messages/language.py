"""A chat's settings: its language (/language) and its time zone (/timezone)."""

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.messages.locale import Language, clock
from bot.messages.templates import Text

SETTINGS_ADMINS_ONLY = Text("commands.settings_admins_only")
LANGUAGE_NAMES = {language: Text(f"language.name.{language}") for language in Language}
LANGUAGE_CURRENT = Text("language.current", "language")
LANGUAGE_FOLLOWING = Text("language.following", "language")
LANGUAGE_SET = Text("language.set", "language")
LANGUAGE_UNKNOWN = Text("language.unknown", "text")

ZONE_CURRENT = Text("zone.current", "zone time")
ZONE_SET = Text("zone.set", "zone time")
ZONE_UNKNOWN = Text("zone.unknown", "text")
ZONE_UNKNOWN_HINT = Text("zone.unknown_hint", "text suggestion")


def language_now(language: Language, chosen: bool) -> str:
    """The chat's language: chosen for the chat, or each person's own (``chosen`` False)."""
    name = LANGUAGE_NAMES[language]()
    return (LANGUAGE_CURRENT if chosen else LANGUAGE_FOLLOWING)(language=name)


def language_set(language: Language) -> str:
    return LANGUAGE_SET(language=LANGUAGE_NAMES[language]())


def unknown_language(text: str) -> str:
    return LANGUAGE_UNKNOWN(text=escape(text))


def zone_now(zone: ZoneInfo, now: datetime) -> str:
    return ZONE_CURRENT(zone=escape(zone.key), time=clock(now, "HH:mm", named=False))


def zone_set(zone: ZoneInfo, now: datetime) -> str:
    return ZONE_SET(zone=escape(zone.key), time=clock(now, "HH:mm", named=False))


def unknown_zone(text: str, suggestion: str | None) -> str:
    if suggestion is None:
        return ZONE_UNKNOWN(text=escape(text))
    return ZONE_UNKNOWN_HINT(text=escape(text), suggestion=escape(suggestion))

"""How a text is kept: a message id whose wording, in each language, is a whole sentence
with named fields in the catalogs; filling it takes exactly the fields it declares. Text
from outside is escaped before it is filled in."""

from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from urllib.parse import urlsplit

from bot.messages import locale
from core.categories import ALL, GENERAL, KNOWN_KEYS, strip_version
from core.provinces.values import PROVINCES


class Message:
    """A message id and the fields its wording names; filling it takes exactly those."""

    __slots__ = ("fields", "msgid")

    def __init__(self, msgid: str, fields: str = "") -> None:
        self.msgid = msgid
        self.fields = frozenset(fields.split())

    def _check(self, names: set[str]) -> None:
        if names != self.fields:
            raise TypeError(f"{self.msgid!r} takes {sorted(self.fields)}, got {sorted(names)}")


class Text(Message):
    """A message with one wording per language."""

    __slots__ = ()

    @property
    def texts(self) -> tuple["Text", ...]:
        return (self,)

    def __call__(self, **values: object) -> str:
        self._check(set(values))
        return locale.gettext(self.msgid).format_map(values)


class Plural(Message):
    """A message whose wording has the catalog's plural forms, chosen by its ``count``
    field as ngettext chooses; ``fields`` names the others."""

    __slots__ = ()

    def __init__(self, msgid: str, fields: str = "") -> None:
        super().__init__(msgid, f"count {fields}")

    def __call__(self, count: int, **values: object) -> str:
        self._check({"count", *values})
        wording = locale.ngettext(self.msgid, count)
        return wording.format_map({"count": locale.number(count), **values})


def label(key: str, official_name: str | None = None) -> str:
    """How a category is named in messages: our name for it (a province's name, for a
    province), else the official name (without its version), else the key."""
    if key in CATEGORY_NAMES:
        return CATEGORY_NAMES[key]()
    if key in PROVINCE_NAMES:
        return PROVINCE_NAMES[key]()
    return strip_version(official_name) if official_name else key


class ByScope:
    """One whole sentence per kind of subscription (every draw, all-program draws, one
    category's draws and all-program draws), each without and with a cut-off score."""

    __slots__ = ("category", "every", "general")
    KINDS = ("every", "general", "category")

    def __init__(self, msgid: str, fields: str = "") -> None:
        scored, named = f"{fields} score", f"{fields} category"
        self.every = Text(f"{msgid}.every", fields), Text(f"{msgid}.every_score", scored)
        self.general = Text(f"{msgid}.general", fields), Text(f"{msgid}.general_score", scored)
        self.category = (
            Text(f"{msgid}.category", named),
            Text(f"{msgid}.category_score", f"{named} score"),
        )

    @property
    def texts(self) -> tuple[Text, ...]:
        return *self.every, *self.general, *self.category

    def __call__(self, category: str, max_crs: int | None, **values: object) -> str:
        if category == ALL:
            texts = self.every
        elif category == GENERAL:
            texts = self.general
        else:
            texts, values = self.category, {"category": escape(label(category)), **values}
        if max_crs is None:
            return texts[0](**values)
        return texts[1](score=max_crs, **values)


# Each known category's name, by its key, and each province's, by its code.
CATEGORY_NAMES = {key: Text(f"category.{key}") for key in KNOWN_KEYS}
PROVINCE_NAMES = {code: Text(f"provinces.name.{code}") for code in PROVINCES}
NUMBER_UNKNOWN = Text("templates.number_unknown")
DATE_UNKNOWN = Text("templates.date_unknown")


def margins(
    cutoff: int | None, scores: Sequence[int], above: Text, exact: Text, below: Text
) -> list[str]:
    """Where each distinct score stands against a draw's cut-off (or minimum score), the
    highest first: above it, exactly on it, or below it, by how much."""
    if cutoff is None:
        return []
    lines = []
    for score in sorted(set(scores), reverse=True):
        gap = score - cutoff
        if gap > 0:
            lines.append(above(score=score, gap=gap))
        elif gap == 0:
            lines.append(exact(score=score))
        else:
            lines.append(below(score=score, gap=-gap))
    return lines


def number(value: int | None) -> str:
    return locale.number(value) if value is not None else NUMBER_UNKNOWN()


def day(value: date | None) -> str:
    """A calendar date as it was published: IRCC's date of a draw is never converted."""
    return locale.long_date(value) if value else DATE_UNKNOWN()


def moment_day(value: datetime) -> str:
    """The date of a moment (a tie-break) in the audience's zone."""
    return locale.long_date(locale.local(value).date())


MAX_SOURCES = 3  # articles cited for a draw known from the news
LIST_SEPARATOR = ", "
SOURCE = '<a href="{url}">{host}</a>'


def cited(sources: Sequence[str]) -> str:
    """The first few articles that reported a draw, as links named by their site ("" if none)."""
    return LIST_SEPARATOR.join(
        SOURCE.format(url=escape(url), host=escape(urlsplit(url).hostname or url))
        for url in sources[:MAX_SOURCES]
    )

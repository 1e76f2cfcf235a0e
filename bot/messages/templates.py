"""How a text is kept: whole sentences with named fields, in singular and plural forms, as a
translation catalog will hold them. Text from outside is escaped before it is filled in."""

from datetime import date
from html import escape

from core.categories import ALL, GENERAL, label


class Text:
    """A template and the fields it names; filling it takes exactly those fields."""

    __slots__ = ("fields", "template")

    def __init__(self, template: str, fields: str = "") -> None:
        self.template = template
        self.fields = frozenset(fields.split())

    @property
    def texts(self) -> tuple["Text", ...]:
        return (self,)

    def __call__(self, **values: object) -> str:
        if values.keys() != self.fields:
            raise TypeError(f"{self.template!r} takes {sorted(self.fields)}, got {sorted(values)}")
        return self.template.format_map(values)


class Plural:
    """A text in its singular and plural forms, chosen by its ``count`` field as ngettext
    chooses; ``fields`` names the others."""

    __slots__ = ("fields", "one", "other")

    def __init__(self, one: str, other: str, fields: str = "") -> None:
        self.one, self.other = Text(one, f"count {fields}"), Text(other, f"count {fields}")
        self.fields = self.one.fields

    @property
    def texts(self) -> tuple[Text, ...]:
        return self.one, self.other

    def __call__(self, count: int, **values: object) -> str:
        return (self.one if count == 1 else self.other)(count=f"{count:,}", **values)


class ByScope:
    """One whole sentence per kind of subscription (every draw, all-program draws, one
    category's draws and all-program draws), each without and with a cut-off score."""

    __slots__ = ("category", "every", "general")

    def __init__(
        self, fields: str, *, every: tuple[str, str], general: tuple[str, str],
        category: tuple[str, str],
    ) -> None:  # fmt: skip
        scored, named = f"{fields} score", f"{fields} category"
        self.every = Text(every[0], fields), Text(every[1], scored)
        self.general = Text(general[0], fields), Text(general[1], scored)
        self.category = Text(category[0], named), Text(category[1], f"{named} score")

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


NUMBER_UNKNOWN = "unknown"
DATE_UNKNOWN = "date unknown"


def number(value: int | None) -> str:
    return f"{value:,}" if value is not None else NUMBER_UNKNOWN


def day(value: date | None) -> str:
    return f"{value:%B} {value.day}, {value.year}" if value else DATE_UNKNOWN

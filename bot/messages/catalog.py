"""The catalogs against the code: every message id the code declares has an English and a
French wording with the same named fields, and the compiled catalogs match their sources.

    python -m bot.messages.catalog check    # what is missing, untranslated or stale
    python -m bot.messages.catalog add      # add the ids the code declares and the catalogs lack
    python -m bot.messages.catalog compile  # write the .mo files from the .po files

A new text: declare it in code (``Text("draws.something", "field")``), run ``add``, write
its wording in both bot/locale/*/LC_MESSAGES/messages.po, run ``compile``, then ``check``.
"""

import io
import sys
from collections.abc import Iterator
from string import Formatter
from types import ModuleType

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.messages import (
    charts,
    commands,
    draws,
    insights,
    operators,
    pool,
    provinces,
    reports,
    setup,
    templates,
    times,
    webapp,
)  # fmt: skip
from bot.messages import language as settings
from bot.messages.locale import Language, catalog_path
from bot.messages.templates import ByScope, Message, Plural

MODULES: tuple[ModuleType, ...] = (
    templates, commands, draws, insights, pool, charts, operators, settings, setup, reports,
    provinces, times, webapp,
)  # fmt: skip
# The same in both languages, and rightly so: layout, symbols and a word French shares.
SAME_IN_BOTH = frozenset(
    {
        "draws.headline",
        "provinces.headline",
        "insights.columns.min_score",
        "provinces.scale.crs",
        "provinces.scale.points",
        "provinces.name.ab",
        "provinces.name.on",
        "provinces.name.mb",
        "provinces.name.sk",
        "draws.corrected.said",
        "insights.columns.date",
        "insights.columns.change",
        "charts.invitations_bars",
        "reports.in_command",
        "webapp.label.provincial",
        "webapp.label.invitations",
        "webapp.label.month_hint",
        "webapp.label.timezone_hint",
        "webapp.change_up",
        "webapp.change_down",
    }
)


def _texts(value: object) -> Iterator[Message]:
    if isinstance(value, Message):
        yield value
    elif isinstance(value, ByScope):
        yield from value.texts
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def declared() -> dict[str, Message]:
    """Every text the code declares, by message id."""
    return {
        text.msgid: text
        for module in MODULES
        for value in vars(module).values()
        for text in _texts(value)
    }


def read(language: Language) -> Catalog:
    with catalog_path(language, ".po").open("rb") as source:
        return read_po(source, locale=language.value)


def fields(wording: str) -> set[str]:
    return {name for _text, name, _spec, _conv in Formatter().parse(wording) if name is not None}


def _wordings(catalog: Catalog, text: Message) -> list[str] | None:
    """A text's wording in a catalog, one per plural form; None if it has none."""
    message = catalog.get(text.msgid)
    if message is None:
        return None
    forms = message.string if isinstance(message.string, tuple | list) else [message.string]
    return [str(form) for form in forms]


def _says_one(text: Message, index: int, form: str) -> bool:
    """A singular form may leave the count out ("the last draw", not "the last 1 draw"):
    the form is only chosen for one (in French, for none too: such texts are never said
    of none)."""
    return isinstance(text, Plural) and index == 0 and fields(form) == text.fields - {"count"}


def _against_code(language: Language, catalog: Catalog, texts: dict[str, Message]) -> Iterator[str]:
    """What is wrong in one language's catalog against the texts the code declares."""
    for msgid, text in texts.items():
        forms = _wordings(catalog, text)
        if forms is None or not all(forms):
            yield f"{language}: {msgid} has no wording"
        elif isinstance(text, Plural) != (len(forms) > 1):
            yield f"{language}: {msgid} plural forms differ from the code's"
        for index, form in enumerate(forms or ()):
            if fields(form) != text.fields and not _says_one(text, index, form):
                named = sorted(fields(form))
                yield f"{language}: {msgid} names {named}, the code {sorted(text.fields)}"
    ids = {message.id[0] if isinstance(message.id, tuple) else message.id for message in catalog}
    for msgid in sorted(str(msgid) for msgid in ids if msgid and msgid not in texts):
        yield f"{language}: {msgid} is not used by the code"


def _untranslated(catalogs: dict[Language, Catalog], texts: dict[str, Message]) -> Iterator[str]:
    for msgid, text in texts.items():
        if msgid in SAME_IN_BOTH:
            continue
        english = _wordings(catalogs[Language.EN], text)
        if english and english == _wordings(catalogs[Language.FR], text):
            yield f"fr: {msgid} is the English wording, untranslated"


def problems() -> list[str]:
    """What is wrong between the code and the catalogs, one line each; empty when all is well."""
    texts = declared()
    catalogs = {language: read(language) for language in Language}
    found = [line for language, catalog in catalogs.items()
             for line in _against_code(language, catalog, texts)]  # fmt: skip
    found += _untranslated(catalogs, texts)
    return found + [f"{language}: the .mo is not compiled from the .po" for language in stale()]


def compiled(language: Language) -> bytes:
    out = io.BytesIO()
    write_mo(out, read(language))
    return out.getvalue()


def stale() -> list[Language]:
    """The languages whose .mo file is missing or differs from its compiled .po."""
    path = catalog_path
    return [
        language for language in Language
        if not path(language).exists() or path(language).read_bytes() != compiled(language)
    ]  # fmt: skip


def compile_all() -> None:
    for language in Language:
        catalog_path(language).write_bytes(compiled(language))


def add_missing() -> list[str]:
    """Add the declared ids the catalogs lack, without wording; returns them."""
    added = []
    for language in Language:
        catalog = read(language)
        for msgid, text in declared().items():
            if catalog.get(msgid) is None:
                catalog.add((msgid, msgid) if isinstance(text, Plural) else msgid,
                            ("", "") if isinstance(text, Plural) else "")  # fmt: skip
                added.append(f"{language}: {msgid}")
        with catalog_path(language, ".po").open("wb") as target:
            write_po(target, catalog, width=100, omit_header=False, sort_output=True)
    return added


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "compile":
        compile_all()
        return 0
    if command == "add":
        print("\n".join(add_missing()) or "nothing to add")
        return 0
    found = problems()
    print("\n".join(found) or "the catalogs hold every text, in both languages")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

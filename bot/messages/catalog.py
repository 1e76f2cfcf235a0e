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

from bot.messages import charts, commands, draws, insights, operators, pool, templates
from bot.messages import language as settings
from bot.messages.locale import Language, catalog_path
from bot.messages.templates import ByScope, Plural, Text

MODULES: tuple[ModuleType, ...] = (
    templates, commands, draws, insights, pool, charts, operators, settings,
)  # fmt: skip
# The same in both languages, and rightly so: layout, symbols and a word French shares.
SAME_IN_BOTH = frozenset(
    {
        "draws.headline",
        "draws.corrected.said",
        "insights.columns.date",
        "insights.columns.change",
        "charts.invitations_bars",
    }
)


def _texts(value: object) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif isinstance(value, ByScope):
        yield from value.texts
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def declared() -> dict[str, Text]:
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


def _wordings(catalog: Catalog, text: Text) -> list[str] | None:
    message = catalog.get(text.msgid)
    if message is None:
        return None
    found = message.string
    return [str(form) for form in found] if isinstance(found, tuple | list) else [str(found)]


def problems() -> list[str]:
    """What is wrong between the code and the catalogs, one line each; empty when all is well."""
    texts, found = declared(), []
    catalogs = {language: read(language) for language in Language}
    wordings = {}
    for language, catalog in catalogs.items():
        for msgid, text in texts.items():
            forms = _wordings(catalog, text)
            if forms is None or not all(forms):
                found.append(f"{language}: {msgid} has no wording")
                continue
            if isinstance(text, Plural) != isinstance(catalog.get(msgid).id, tuple):  # type: ignore[union-attr]
                found.append(f"{language}: {msgid} plural forms differ from the code's")
            for form in forms:
                if fields(form) != set(text.fields):
                    found.append(f"{language}: {msgid} names {sorted(fields(form))}, "
                                 f"the code {sorted(text.fields)}")  # fmt: skip
            wordings[language, msgid] = forms
        extra = {str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id} - set(
            texts
        )
        found += [f"{language}: {msgid} is not used by the code" for msgid in sorted(extra)]
    for msgid in texts:
        english, french = wordings.get((Language.EN, msgid)), wordings.get((Language.FR, msgid))
        if english and english == french and msgid not in SAME_IN_BOTH:
            found.append(f"fr: {msgid} is the English wording, untranslated")
    found += [f"{language}: the .mo is not compiled from the .po" for language in stale()]
    return found


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

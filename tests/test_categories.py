"""Category keys for every official name, new names, and what users type in English and in
French."""

import json

import pytest

from bot.messages.locale import Audience, Language, speaking
from bot.messages.templates import label
from core import aliases
from core.categories import ALL, KNOWN_KEYS, category_key, fold, resolve, strip_version, suggest
from tests.conftest import SNAPSHOT

OFFICIAL_NAMES = {
    "No Program Specified": "general",
    "General": "general",
    "Canadian Experience Class": "cec",
    "Federal Skilled Worker": "fsw",
    "Federal Skilled Trades": "fst",
    "Provincial Nominee Program": "pnp",
    "French language proficiency (Version 1)": "french",
    "French-Language proficiency 2026-Version 2": "french",
    "Healthcare occupations (Version 1)": "healthcare",
    "Healthcare and social services occupations (Version 2)": "healthcare",
    "Healthcare and Social Services Occupations, 2026-Version 3": "healthcare",
    "STEM occupations (Version 1)": "stem",
    "Trade occupations (Version 1)": "trade",
    "Trade occupations (Version 2)": "trade",
    "Trades Occupations, 2026-Version 3": "trade",
    "Transport occupations (Version 1)": "transport",
    "Agriculture and agri-food occupations (Version 1)": "agriculture",
    "Education occupations (Version 1)": "education",
    "Physicians with Canadian Work Experience, 2026-Version 1": "physicians",
    "Senior managers with Canadian Work Experience, 2026-Version 1": "senior-managers",
}


def test_every_official_name_in_the_snapshot_is_in_the_table() -> None:
    names = {item["drawName"] for item in json.loads(SNAPSHOT.read_bytes())["rounds"]}
    assert names == set(OFFICIAL_NAMES)


@pytest.mark.parametrize(("name", "key"), OFFICIAL_NAMES.items())
def test_official_names(name: str, key: str) -> None:
    assert category_key(name) == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Skilled Military Recruits (Version 1)", "skilled-military-recruits"),
        ("Researchers with Canadian Work Experience, 2027-Version 1", "researchers"),
        ("Researchers with Canadian Work Experience, 2028-Version 2", "researchers"),
        ("Arts and Culture Occupations, 2027-Version 2", "arts-and-culture"),
        ("Bilingual candidates", "bilingual-candidates"),
        ("STEM occupations (Version 2)", "stem"),
        ("Health occupations", "healthcare"),
    ],
)
def test_a_new_name_gets_a_stable_key_of_its_own(name: str, key: str) -> None:
    assert category_key(name) == key


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        ("Trades Occupations, 2026-Version 3", "Trades Occupations"),
        ("French language proficiency (Version 1)", "French language proficiency"),
        ("French-Language proficiency 2026-Version 2", "French-Language proficiency"),
        ("Canadian Experience Class", "Canadian Experience Class"),
    ],
)
def test_version_suffixes(name: str, stripped: str) -> None:
    assert strip_version(name) == stripped


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("STEM", "stem"),
        ("stem", "stem"),
        ("health", "healthcare"),
        ("Healthcare", "healthcare"),
        ("trades", "trade"),
        ("francophone", "french"),
        ("français", "french"),
        ("CEC", "cec"),
        ("senior managers", "senior-managers"),
        ("Senior-Managers", "senior-managers"),
        ("provincial", "pnp"),
        ("all", ALL),
        ("ALL", ALL),
        ("researchers", None),
        ("", None),
    ],
)
def test_what_users_type(typed: str, key: str | None) -> None:
    assert resolve(typed) == key


# What people typed before French names were read, and what it meant: it means the same.
ENGLISH_ALIASES = {
    "all-programs": "general", "no-program": "general", "no-program-specified": "general",
    "canadian-experience": "cec", "canadian-experience-class": "cec", "skilled-worker": "fsw",
    "federal-skilled-worker": "fsw", "skilled-trades": "fst", "federal-skilled-trades": "fst",
    "provincial": "pnp", "nominee": "pnp", "provincial-nominee": "pnp",
    "francophone": "french", "francais": "french", "français": "french", "fr": "french",
    "health": "healthcare", "health-care": "healthcare", "medical": "healthcare",
    "social-services": "healthcare", "science": "stem", "tech": "stem", "trades": "trade",
    "tradespeople": "trade", "transportation": "transport", "agri": "agriculture",
    "agri-food": "agriculture", "farming": "agriculture", "teachers": "education",
    "doctors": "physicians", "physician": "physicians", "managers": "senior-managers",
    "senior-manager": "senior-managers", "executives": "senior-managers",
}  # fmt: skip


@pytest.mark.parametrize(("typed", "key"), ENGLISH_ALIASES.items())
def test_english_aliases_mean_what_they_meant(typed: str, key: str) -> None:
    assert resolve(typed) == key
    assert resolve(typed.replace("-", " ").upper()) == key


FRENCH_NAMES = [
    ("santé", "healthcare"),
    ("sante", "healthcare"),
    ("Santé", "healthcare"),
    ("SANTÉ", "healthcare"),
    ("soins de santé", "healthcare"),
    ("professions de la santé", "healthcare"),
    ("Professions de la santé et des services sociaux", "healthcare"),
    ("services sociaux", "healthcare"),
    ("STIM", "stem"),
    ("stim", "stem"),
    ("sciences", "stem"),
    ("professions en STIM", "stem"),
    ("métiers", "trade"),
    ("metiers", "trade"),
    ("Métiers spécialisés", "trade"),
    ("corps de métiers", "trade"),
    ("français", "french"),
    ("Francais", "french"),
    ("FRANÇAIS", "french"),
    ("francophone", "french"),
    ("francophones", "french"),
    ("maîtrise du français", "french"),
    ("maitrise du francais", "french"),
    ("éducation", "education"),
    ("Education", "education"),
    ("enseignants", "education"),
    ("enseignement", "education"),
    ("médecins", "physicians"),
    ("médecin", "physicians"),
    ("Medecins", "physicians"),
    ("transports", "transport"),
    ("agriculture et agroalimentaire", "agriculture"),
    ("agroalimentaire", "agriculture"),
    ("cadres supérieurs", "senior-managers"),
    ("gestionnaires principaux", "senior-managers"),
    ("cadres", "senior-managers"),
    ("expérience canadienne", "cec"),
    ("catégorie de l'expérience canadienne", "cec"),
    ("Catégorie de l\u2019expérience canadienne", "cec"),  # a curly apostrophe
    ("categorie experience canadienne", "cec"),
    ("travailleurs qualifiés du fédéral", "fsw"),
    ("travailleurs qualifiés fédéral", "fsw"),
    ("travailleurs qualifiés", "fsw"),
    ("métiers spécialisés fédéral", "fst"),  # "fédéral" names the program
    ("metiers specialises du federal", "fst"),
    ("métiers spécialisés (fédéral)", "fst"),
    ("candidats des provinces", "pnp"),
    ("programme des candidats des provinces", "pnp"),
    ("PCP", "pnp"),
    ("nomination provinciale", "pnp"),
    ("tous programmes", "general"),
    ("tous les programmes", "general"),
    ("aucun programme", "general"),
    ("général", "general"),
    ("tous", ALL),
    ("Toutes", ALL),
    ("TOUS", ALL),
]


@pytest.mark.parametrize(("typed", "key"), FRENCH_NAMES)
def test_french_names_accents_and_capitals_optional(typed: str, key: str) -> None:
    assert resolve(typed) == key
    assert resolve(fold(typed)) == key
    assert resolve(typed.upper()) == key


@pytest.mark.parametrize(
    ("key", "name"),
    [(key, name) for table in (aliases.ENGLISH, aliases.FRENCH) for key, names in table.items()
     for name in names],
)  # fmt: skip
def test_every_name_in_the_tables_means_its_key(key: str, name: str) -> None:
    assert key in KNOWN_KEYS
    assert resolve(name) == key


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("key", KNOWN_KEYS)
def test_the_name_the_bot_shows_can_be_typed_back(language: Language, key: str) -> None:
    with speaking(Audience(language)):
        shown = label(key)
    assert shown != key  # a name from the catalog
    assert resolve(shown) == key
    assert resolve(fold(shown)) == key


def test_keys_known_only_from_stored_draws_are_accepted() -> None:
    assert resolve("Researchers", frozenset({"researchers"})) == "researchers"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("stemm", "stem"),
        ("helthcare", "healthcare"),
        ("frech", "french"),
        ("xyzzy", None),
        ("sant", "healthcare"),
        ("sant 470", "healthcare"),
        ("metier", "trade"),
        ("metiers specialise", "trade"),
        ("médecine", "physicians"),
        ("sciense", "stem"),
        ("francai", "french"),
        ("enseignant", "education"),
        ("transprt", "transport"),
        ("agroalimentair", "agriculture"),
        ("cadre superieur", "senior-managers"),
        ("tout", ALL),
        ("stimm", "stem"),
    ],
)
def test_suggestions_for_typos(typed: str, suggestion: str | None) -> None:
    assert suggest(typed) == suggestion

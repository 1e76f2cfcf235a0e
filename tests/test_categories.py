"""Category keys for every official name, new names, and what users type."""

import json

import pytest

from core.categories import ALL, category_key, resolve, strip_version, suggest
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


def test_keys_known_only_from_stored_draws_are_accepted() -> None:
    assert resolve("Researchers", frozenset({"researchers"})) == "researchers"


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [("stemm", "stem"), ("helthcare", "healthcare"), ("frech", "french"), ("xyzzy", None)],
)
def test_suggestions_for_typos(typed: str, suggestion: str | None) -> None:
    assert suggest(typed) == suggestion

"""Shared fixtures: a migrated SQLite database per test, the official snapshot, fakes."""

import copy
import json
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import create_engine, migrate, session_factory
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram

FIXTURES = Path(__file__).parent / "fixtures"
SNAPSHOT = FIXTURES / "ee_rounds_123_en.json"


@pytest.fixture
def snapshot() -> dict[str, Any]:
    """The official rounds JSON (421 rounds up to #420), parsed, for a test to change."""
    return json.loads(SNAPSHOT.read_bytes())


def new_round(
    snapshot: dict[str, Any],
    number: str,
    *,
    name: str = "STEM occupations (Version 1)",
    crs: str = "486",
    size: str = "1,500",
    on: date,
) -> dict[str, Any]:
    """A round shaped like the real ones, put at the top of the snapshot's list."""
    item = copy.deepcopy(snapshot["rounds"][0])
    stamp = f"{on:%B} {on.day:02d}, {on.year}"
    item.update(
        drawNumber=number,
        drawDate=on.isoformat(),
        drawDateFull=f"{on:%B} {on.day}, {on.year}",
        drawName=name,
        drawText2=name,
        drawSize=size,
        drawCRS=crs,
        drawDateTime=f"{stamp} at 14:05:10 UTC",
        drawCutOff="April 14, 2026 at 00:03:10 UTC",
    )
    snapshot["rounds"].insert(0, item)
    return item


def encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a fresh, migrated SQLite database file."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    engine = create_engine(url)
    await migrate(engine)
    await engine.dispose()
    yield url


@pytest.fixture
async def sessions(database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def source() -> Iterator[FakeSource]:
    with FakeSource(SNAPSHOT.read_bytes(), path="/ee_rounds_123_en.json") as fake:
        yield fake

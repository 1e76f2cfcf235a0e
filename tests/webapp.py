"""What the Mini App's tests share: launch data signed as Telegram signs it (written here
from Telegram's description, not with the bot's own code), the address Telegram opens,
the bot serving its Mini App on 127.0.0.1 beside the fake Bot API, and a headless Chromium."""

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from core.provinces.values import Bound, Invitations, ProvincialDraw, Scale
from db.models import Draw
from db.provinces import store_provincial
from db.times import Figures, store_edition
from jobs.times.read import Edition, read_edition
from tests.conftest import FIXTURES, free_port, ready, settings_for
from tests.fakes.telegram import FakeTelegram

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium (CI does)"
)
APP_URL = "https://app.example.org/"
USER_ID = 4242
LIGHT = {"bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#707579",
         "link_color": "#2481cc", "button_color": "#2481cc", "button_text_color": "#ffffff",
         "secondary_bg_color": "#f1f1f1"}  # fmt: skip
DARK = {"bg_color": "#17212b", "text_color": "#f5f5f5", "hint_color": "#708499",
        "link_color": "#6ab3f3", "button_color": "#5288c1", "button_text_color": "#ffffff",
        "secondary_bg_color": "#232e3c"}  # fmt: skip


def sign(fields: dict[str, str], token: str) -> str:
    """Telegram's hash of launch data: HMAC-SHA256 of the sorted ``key=value`` lines, keyed
    with HMAC-SHA256("WebAppData", token)."""
    lines = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, lines.encode(), hashlib.sha256).hexdigest()


def launch_fields(
    user_id: int = USER_ID, language_code: str = "en", auth_date: float | None = None
) -> dict[str, str]:
    user = {"id": user_id, "first_name": "Ana", "language_code": language_code}
    return {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps(user, separators=(",", ":")),
        "auth_date": str(int(time.time() if auth_date is None else auth_date)),
    }


def signed(fields: dict[str, str], token: str) -> str:
    """The launch data as Telegram passes it: the fields and their hash, URL-encoded."""
    return urlencode({**fields, "hash": sign(fields, token)})


def launch_url(base: str, data: str, theme: dict[str, str] = LIGHT) -> str:
    """The page as Telegram opens it: its launch parameters in the fragment."""
    fragment = urlencode({
        "tgWebAppData": data, "tgWebAppVersion": "8.0", "tgWebAppPlatform": "android",
        "tgWebAppThemeParams": json.dumps(theme),
    }, quote_via=quote)  # fmt: skip
    return f"{base}/#{fragment}"


@dataclass
class Served:
    application: Application
    base: str  # http://127.0.0.1:<port>
    sessions: async_sessionmaker[AsyncSession]
    token: str


@asynccontextmanager
async def serving(telegram: FakeTelegram, database: str) -> AsyncIterator[Served]:
    """The bot with its Mini App on, as post_init starts it beside long polling."""
    port = free_port()
    settings = settings_for(
        telegram, database, web_app_url=APP_URL, web_app_listen="127.0.0.1", web_app_port=port
    )
    async with ready(settings) as application:
        yield Served(application, f"http://127.0.0.1:{port}",
                     application.bot_data.sessions, telegram.token)  # fmt: skip


NOW = datetime(2026, 7, 1, tzinfo=UTC)


async def store_more(sessions: async_sessionmaker[AsyncSession]) -> None:
    """Beside the official snapshot: two editions of processing times, two provincial draws
    and a draw reported by the news, not confirmed."""
    async with sessions() as session, session.begin():
        for name in ("edition-2025-10.json", "edition-2025-11.json"):
            await _store_times(session, read_edition((FIXTURES / "times" / name).read_bytes()))
        await store_provincial(session, [
            ProvincialDraw("bc", "bc-tech", "Tech", date(2026, 6, 10),
                           Invitations(61), 121, Scale.BC_REGISTRATION),
            ProvincialDraw("bc", "bc-tech", "Tech", date(2026, 6, 24),
                           Invitations(5, Bound.FEWER_THAN), 118, Scale.BC_REGISTRATION),
        ], "bc", NOW)  # fmt: skip
        session.add(reported())


def reported() -> Draw:
    """A draw known from the news only, newer than the snapshot's last, from an article
    that never stated its date."""
    return Draw(
        date=date(2026, 6, 30), category="stem", name="STEM occupations", invitations=2_000,
        crs=481, source="news", confirmed=False, undated=True, created_at=NOW,
    )  # fmt: skip


async def _store_times(session: AsyncSession, edition: Edition) -> None:
    figures = [Figures(program, None, each.time_text, each.waiting_text)
               for program, each in edition.programs.items()] + [
        Figures(each.program, each.month, each.left_text, each.ahead_text)
        for each in edition.months.values()
    ]  # fmt: skip
    await store_edition(session, edition.published, edition.date, figures, NOW)

"""Each chat's time zone: /timezone reads IANA names and cities, and every time shown to the
chat (tie-breaks in /latest and in alerts) is in its zone, named, daylight saving included.
Draw dates stay IRCC's dates."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import Application

from bot.chat.zones import ZoneNotFound, find_zone
from bot.messages import operator_notice
from bot.messages.locale import Audience, Language, clock, speaking
from core.health import SourceDown
from db.chats import choose
from db.models import Chat as ChatRow
from tests.conftest import Chat, add_chat, sender_of
from tests.fakes.telegram import FakeTelegram
from tests.test_alerts import STEM_421, publish

pytestmark = pytest.mark.usefixtures("in_english")  # the tests render expected texts themselves

NBSP = "\u00a0"
GROUP, ADMIN, MEMBER = -100778, 601, 602


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("America/Toronto", "America/Toronto"),
        ("america/toronto", "America/Toronto"),
        ("Toronto", "America/Toronto"),
        ("Kolkata", "Asia/Kolkata"),
        ("new york", "America/New_York"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("São Paulo", "America/Sao_Paulo"),
        ("Montréal", "America/Montreal"),
        ("  ST JOHNS ", "America/St_Johns"),
        ("Europe/Paris", "Europe/Paris"),
        ("utc", "UTC"),
        ("Etc/GMT+5", "Etc/GMT+5"),
    ],
)
def test_a_zone_by_its_name_or_its_city(text: str, zone: str) -> None:
    found = find_zone(text)
    assert not isinstance(found, ZoneNotFound)
    assert found.key == zone


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("Tornto", "America/Toronto"), ("Kolkatta", "Asia/Kolkata"), ("Mars/Olympus", None)],
)
def test_an_unknown_zone_with_the_closest_name(text: str, suggestion: str | None) -> None:
    assert find_zone(text) == ZoneNotFound(suggestion)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [  # Toronto moves its clocks on March 8, 2026
        (datetime(2026, 3, 7, 14, 55, 49, tzinfo=UTC), "09:55:49 EST (America/Toronto)"),
        (datetime(2026, 3, 9, 14, 55, 49, tzinfo=UTC), "10:55:49 EDT (America/Toronto)"),
    ],
)
def test_a_time_across_daylight_saving(moment: datetime, expected: str) -> None:
    toronto = find_zone("Toronto")
    assert not isinstance(toronto, ZoneNotFound)
    with speaking(Audience(zone=toronto)):
        assert clock(moment) == expected
    with speaking(Audience(Language.FR, toronto)):
        assert clock(moment) == expected.replace("EST", "HNE").replace("EDT", "HAE")
    assert clock(moment) == f"{moment:%H:%M:%S} UTC"


async def zone_of(app: Application, chat_id: int) -> str | None:
    async with app.bot_data.sessions() as session:
        chat = await session.get(ChatRow, chat_id)
        return chat.timezone if chat else None


async def test_timezone_changes_the_times_of_latest_not_the_draw_date(user: Chat) -> None:
    assert (await user.ask("/timezone")).startswith("This chat's times are shown in UTC (it is ")
    assert "Tie-break: April 14, 2026 at 00:03:10 UTC" in await user.ask("/latest")
    assert (await user.ask("/timezone toronto")).startswith(
        "This chat's times are now shown in America/Toronto: it is "
    )
    newest = await user.ask("/latest")
    assert "#420 · Canadian Experience Class</b> · June 23, 2026" in newest  # IRCC's date
    assert "Tie-break: April 13, 2026 at 20:03:10 EDT (America/Toronto)" in newest
    assert (await user.ask("/timezone")).startswith(
        "This chat's times are shown in America/Toronto (it is "
    )
    assert await user.ask("/timezone Tornto") == (
        "I don't know the time zone “Tornto”. Did you mean <code>America/Toronto</code>? "
        "Give a zone or a city that names one, such as <code>America/Toronto</code> or "
        "<code>Kolkata</code>."
    )
    assert (await user.ask("/timezone <b>nowhere</b>")).startswith(
        "I don't know the time zone “&lt;b&gt;nowhere&lt;/b&gt;”. Give a zone or a city"
    )
    assert await zone_of(user.application, user.id) == "America/Toronto"  # type: ignore[arg-type]
    await user.ask("/timezone UTC")
    assert await zone_of(user.application, user.id) == "UTC"  # type: ignore[arg-type]


async def test_in_a_group_only_administrators_choose_the_zone(
    app: Application, telegram: FakeTelegram
) -> None:
    telegram.non_admins.add(MEMBER)
    member = Chat(telegram, GROUP, "supergroup", application=app, user_id=MEMBER)
    admin = Chat(telegram, GROUP, "supergroup", application=app, user_id=ADMIN)
    assert (await member.ask("/timezone Kolkata")).startswith("Only this group's administrators")
    assert await zone_of(app, GROUP) is None
    assert "Asia/Kolkata" in await admin.ask("/timezone Kolkata")
    assert "(it is " in await member.ask("/timezone")  # anyone may ask


async def test_an_alert_shows_tie_breaks_in_the_chat_s_zone_across_daylight_saving(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 41, ("stem", None))
    await add_chat(sessions, 42, ("stem", None))
    async with sessions() as session, session.begin():
        await choose(session, 42, "private", timezone="America/Toronto", language="fr")
    before = replace(STEM_421, tie_break=datetime(2026, 3, 7, 14, 55, 49, tzinfo=UTC))
    after = replace(STEM_421, number="422", tie_break=datetime(2026, 3, 9, 4, 0, tzinfo=UTC))
    await publish(sessions, before, after)
    await sender_of(sessions).deliver(bot)
    [utc], [toronto] = telegram.messages_to(41), telegram.messages_to(42)
    assert "Tie-break: March 7, 2026 at 14:55:49 UTC" in utc.text
    assert "Tie-break: March 9, 2026 at 04:00:00 UTC" in utc.text
    assert f"Règle de départage{NBSP}: 7 mars 2026 à 09:55:49 HNE (America/Toronto)" in toronto.text
    # four in the morning UTC is midnight in Toronto, in daylight time since March 8
    assert f"Règle de départage{NBSP}: 9 mars 2026 à 00:00:00 HAE (America/Toronto)" in toronto.text
    assert "2 juillet 2026" in toronto.text  # the draws' own date, as IRCC gives it


def test_operators_read_a_source_s_turn_in_their_language_and_zone() -> None:
    kolkata = find_zone("Kolkata")
    assert not isinstance(kolkata, ZoneNotFound)
    down = SourceDown("official", datetime(2026, 7, 1, 20, 0, tzinfo=UTC), 2, "HTTP 500")
    with speaking(Audience(Language.FR, kolkata)):
        assert operator_notice(down) == (
            "⚠️ official ne répond plus correctement depuis le 2026-07-02 à 01:30 UTC+5:30 "
            f"(Asia/Kolkata) (2 interrogations en échec; dernière erreur{NBSP}: HTTP 500)."
        )

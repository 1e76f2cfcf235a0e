"""French and English: a chat's language from its first message, /language, the menu in
both languages, and numbers and dates as each language writes them."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot
from telegram.ext import Application

from bot.messages import draw_details
from bot.messages.locale import Audience, Language, percent, speaking
from core.limits import COMMANDS_PER_WINDOW
from db.chats import choose
from db.models import Chat as ChatRow
from db.models import Draw
from tests.conftest import Chat, add_chat, sender_of
from tests.fakes.telegram import FakeTelegram
from tests.test_alerts import STEM_421, publish

GROUP, ADMIN, MEMBER = -100777, 501, 502
NBSP = "\u00a0"


async def language_of(app: Application, chat_id: int) -> str | None:
    async with app.bot_data.sessions() as session:
        chat = await session.get(ChatRow, chat_id)
        return chat.language if chat else None


async def test_a_french_speaking_user_reads_french_from_the_first_message(
    app: Application, telegram: FakeTelegram
) -> None:
    french = Chat(telegram, 2001, application=app, language_code="fr-CA")
    welcome = await french.ask("/start")
    assert welcome.startswith("Bonjour! <b>Alertes des rondes d'invitations d'Entrée express</b>")
    assert "/language en" in welcome
    assert await language_of(app, 2001) == "fr"  # remembered for alerts
    assert (await french.ask("/subscribe stem 490")).startswith(f"Abonnement fait{NBSP}:")
    english = Chat(telegram, 2002, application=app, language_code="en-GB")
    assert (await english.ask("/start")).startswith("Hello! <b>Express Entry draw alerts</b>")
    assert await language_of(app, 2002) == "en"
    silent = Chat(telegram, 2003, application=app)  # Telegram did not say
    assert (await silent.ask("/start")).startswith("Hello!")
    assert await language_of(app, 2003) is None


async def test_language_says_the_current_one_and_changes_it(
    app: Application, telegram: FakeTelegram
) -> None:
    user = Chat(telegram, 2010, application=app, language_code="en")
    assert (await user.ask("/language")).startswith(
        "This chat follows each person's Telegram language; you read English."
    )
    assert await user.ask("/language fr") == "La langue de ce chat est maintenant le français."
    assert (await user.ask("/language")).startswith("La langue de ce chat est le français.")
    assert (await user.ask("/help")).startswith("<b>Alertes des rondes")  # whatever Telegram says
    assert (await user.ask("/language klingon")).startswith(
        f"Je ne parle pas «{NBSP}klingon{NBSP}». Donnez <code>en</code> (anglais)"
    )
    assert await user.ask("/language English") == "This chat's language is now English."
    assert await language_of(app, 2010) == "en"
    assert (await user.ask("/lates")).startswith("I don't know the command /lates.")


async def test_in_a_group_only_administrators_choose_the_language(
    app: Application, telegram: FakeTelegram
) -> None:
    telegram.non_admins.add(MEMBER)
    member = Chat(telegram, GROUP, "supergroup", application=app, user_id=MEMBER,
                  language_code="fr")  # fmt: skip
    admin = Chat(telegram, GROUP, "supergroup", application=app, user_id=ADMIN,
                 language_code="en")  # fmt: skip
    # Until one is chosen, each reads replies in their own language.
    assert (await member.ask("/help")).startswith("<b>Alertes des rondes")
    assert (await admin.ask("/help")).startswith("<b>Express Entry draw alerts")
    assert await member.ask("/language en") == (
        "Seuls les administrateurs de ce groupe peuvent changer sa langue ou son fuseau horaire."
    )
    assert await language_of(app, GROUP) is None
    assert await admin.ask("/language fr") == "La langue de ce chat est maintenant le français."
    assert (await admin.ask("/help")).startswith("<b>Alertes des rondes")


async def test_the_menu_is_registered_in_both_languages(
    app: Application, telegram: FakeTelegram
) -> None:
    english, french = telegram.menus["", "default"], telegram.menus["fr", "default"]
    assert [c["command"] for c in english] == [c["command"] for c in french]
    assert {"language", "timezone"} <= {c["command"] for c in french}
    described = {c["command"]: c["description"] for c in french}
    assert described["latest"] == "Le dernier tirage, ou le dernier d'une catégorie"
    assert described["timezone"].startswith("Le fuseau horaire")


@pytest.mark.usefixtures("in_english")  # renders expected texts itself
def test_numbers_and_dates_as_each_language_writes_them() -> None:
    draw = Draw(number="400", date=date(2026, 8, 7), category="stem", name="STEM",
                invitations=5000, crs=491, confirmed=True,
                tie_break=datetime(2026, 8, 1, 14, 55, 49, tzinfo=UTC))  # fmt: skip
    english = draw_details(draw, None)
    assert "<b>#400 · STEM occupations</b> · August 7, 2026" in english
    assert "Invitations: <b>5,000</b>" in english
    assert "Tie-break: August 1, 2026 at 14:55:49 UTC" in english
    with speaking(Audience(Language.FR)):
        french = draw_details(draw, None).split("\n")
    assert french[:3] == [
        "<b>n° 400 · Professions en STIM</b> · 7 août 2026",
        f"Invitations{NBSP}: <b>5{NBSP}000</b>",
        f"Note minimale SCG{NBSP}: <b>491</b> (premier tirage «{NBSP}Professions en STIM{NBSP}»"
        " enregistré)",
    ]
    assert french[3] == f"Règle de départage{NBSP}: 1 août 2026 à 14:55:49 UTC"


@pytest.mark.usefixtures("in_english")  # renders expected texts itself
async def test_alerts_are_written_in_each_chat_s_language(
    sessions: async_sessionmaker[AsyncSession], history: None, bot: Bot, telegram: FakeTelegram
) -> None:
    await add_chat(sessions, 31, ("stem", 490))
    await add_chat(sessions, 32, ("stem", 500))
    async with sessions() as session, session.begin():
        await choose(session, 32, "private", language="fr")
    await publish(sessions, STEM_421)
    await sender_of(sessions).deliver(bot)
    [english], [french] = telegram.messages_to(31), telegram.messages_to(32)
    assert english.text.startswith("🔔 <b>New Express Entry draw</b>")
    assert "✅ Your 490 is 4 above the cut-off." in english.text
    assert french.text.startswith("🔔 <b>Nouveau tirage d'Entrée express</b>")
    assert "✅ Votre 500 dépasse la note minimale de 14." in french.text
    assert f"Invitations{NBSP}: <b>1{NBSP}500</b>" in french.text
    with speaking(Audience(Language.FR)):
        assert percent(0.2081) == f"20,8{NBSP}%"
    assert percent(0.2081) == "20.8%"


async def test_a_flood_is_told_to_slow_down_in_the_sender_s_language(
    app: Application, telegram: FakeTelegram
) -> None:
    flooder = Chat(telegram, 2020, application=app, language_code="fr")
    for _ in range(COMMANDS_PER_WINDOW + 1):
        await flooder.send("/language")
    answers = await telegram.await_messages(COMMANDS_PER_WINDOW + 1, chat_id=2020)
    assert answers[-1].text == "Vous envoyez des commandes trop vite. Veuillez attendre une minute."

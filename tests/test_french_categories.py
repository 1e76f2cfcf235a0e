"""Categories typed in French, through the real Application, by a French-speaking chat:
accents and capitals optional, every command that takes a category."""

import pytest
from telegram.ext import Application

from db.chats import subscriptions_of
from tests.conftest import Chat
from tests.fakes.telegram import FakeTelegram
from tests.test_charts import photos

FRENCH_USER = 3001
NBSP = "\u00a0"


@pytest.fixture
def french(app: Application, telegram: FakeTelegram) -> Chat:
    """A private chat whose Telegram speaks French."""
    return Chat(telegram, FRENCH_USER, application=app, language_code="fr")


async def subscribed(app: Application) -> list[tuple[str, int | None]]:
    async with app.bot_data.sessions() as session:
        found = await subscriptions_of(session, FRENCH_USER)
    return [(sub.category, sub.max_crs) for sub in found]


async def test_subscribe_sante_470_subscribes_to_healthcare_and_answers_in_french(
    app: Application, french: Chat
) -> None:
    assert await french.ask("/subscribe santé 470") == (
        f"Abonnement fait{NBSP}: vous recevrez les tirages «{NBSP}Santé et services sociaux"
        f"{NBSP}» et les tirages tous programmes dont la note minimale est de 470 ou moins."
    )
    assert await subscribed(app) == [("healthcare", 470)]


@pytest.mark.parametrize(
    ("typed", "subscription"),
    [
        ("SANTE", ("healthcare", None)),
        ("Stim 480", ("stem", 480)),
        ("métiers spécialisés", ("trade", None)),
        ("métiers spécialisés fédéral", ("fst", None)),
        ("Francais 450", ("french", 450)),
        ("catégorie de l\u2019expérience canadienne", ("cec", None)),
        ("médecins 430", ("physicians", 430)),
        ("tous les programmes 500", ("general", 500)),
        ("tous 480", ("all", 480)),
        ("programme des candidats des provinces 700", ("pnp", 700)),
        ("programme des travailleurs qualifiés (fédéral) 470", ("fsw", 470)),
    ],
)
async def test_french_names_with_or_without_accents_subscribe(
    app: Application, french: Chat, typed: str, subscription: tuple[str, int | None]
) -> None:
    assert (await french.ask(f"/subscribe {typed}")).startswith(f"Abonnement fait{NBSP}:")
    assert await subscribed(app) == [subscription]


async def test_unsubscribe_takes_the_french_name(app: Application, french: Chat) -> None:
    await french.ask("/subscribe éducation 470")
    assert await french.ask("/unsubscribe Éducation") == (
        f"Désabonnement fait{NBSP}: <code>education</code>."
    )
    assert await subscribed(app) == []


async def test_latest_stim_answers_about_stem(french: Chat) -> None:
    reply = await french.ask("/latest stim")
    assert reply.startswith(f"Dernier tirage{NBSP}:\n<b>n° 293 · Professions en STIM</b>")


async def test_history_metiers_lists_the_trade_draws(french: Chat) -> None:
    reply = await french.ask("/history métiers")
    assert reply.startswith(f"<b>Les 6 derniers tirages «{NBSP}Métiers{NBSP}»</b>")


async def test_chart_francais_draws_the_french_category(
    french: Chat, telegram: FakeTelegram
) -> None:
    caption = await french.ask("/chart français")
    assert caption.startswith(f"<b>Connaissance du français</b>{NBSP}: notes minimales SCG")
    assert len(photos(telegram, FRENCH_USER)) == 1


async def test_a_french_typo_gets_a_suggestion(app: Application, french: Chat) -> None:
    assert await french.ask("/subscribe sant 470") == (
        f"Je ne connais pas la catégorie «{NBSP}sant{NBSP}». Vouliez-vous dire "
        "<code>healthcare</code>? /categories en donne la liste."
    )
    assert await subscribed(app) == []


async def test_a_deep_link_takes_a_french_name_without_accents(
    app: Application, french: Chat
) -> None:
    assert (await french.ask("/start sante-470")).startswith(f"Abonnement fait{NBSP}:")
    assert await subscribed(app) == [("healthcare", 470)]

"""The commands that show what the store knows: /latest, /history, /rank, /chart,
/categories and /provinces. Each reads its arguments, asks db/ for what it shows, and
replies with a text of bot.messages (or a chart's picture). No SQL, no HTML here."""

from collections.abc import Sequence

from telegram import Update

from bot import messages
from bot.chat import buttons, charts
from bot.chat.arguments import ArgumentError, parse_category, parse_chart, parse_history, parse_rank
from bot.chat.services import ChatContext
from bot.chat.speech import app_url, chat_of, reply
from bot.chat.times import times_chart
from core import pool
from core.categories import ALL
from core.provinces.values import province_of_key
from db import chats, draws, reports
from db.models import Subscription
from db.provinces import stream_overview as province_draws


async def latest(update: Update, context: ChatContext) -> None:
    """/latest [category]: the newest draw, against the previous one of its category."""
    async with context.services.sessions() as session:
        try:
            category = (
                parse_category(context.args, await draws.stored_categories(session), "")
                if context.args
                else None
            )
        except ArgumentError as error:
            await reply(update, str(error))
            return
        if category == ALL:
            category = None
        newest = await draws.latest_draws(session, category)
        draw = newest[0] if newest else None
        previous, found = await draws.previous_and_context(session, draw) if draw else (None, None)
        sources = await reports.links(session, [draw.id]) if draw and not draw.confirmed else {}
        links = sources.get(draw.id, []) if draw else []
        text = messages.latest(draw, previous, category, links, found)
    url = app_url(update, context)
    await reply(update, text, buttons.open_app(url) if url else None)


async def history(update: Update, context: ChatContext) -> None:
    """/history [category] [n]: the last n draws as a table."""
    async with context.services.sessions() as session:
        try:
            request = parse_history(context.args or [], await draws.stored_categories(session))
        except ArgumentError as error:
            await reply(update, str(error))
            return
        rows = await draws.history(session, request.category, request.rows)
        text = messages.history(rows, request.category)
    await reply(update, text)


async def rank(update: Update, context: ChatContext) -> None:
    """/rank [score]: where a score stands in the pool, and against recent cut-offs."""
    chat_id, _type = chat_of(update)
    try:
        score = parse_rank(context.args or [])
    except ArgumentError as error:
        await reply(update, str(error))
        return
    async with context.services.sessions() as session:
        subscribed = [
            (s.category, s.max_crs) for s in await chats.subscriptions_of(session, chat_id)
        ]
        score = pool.own_score(subscribed) if score is None else score
        if score is None:
            await reply(update, messages.NO_SCORE())
            return
        found = pool.standing(score, await draws.pool_distributions(session))
        categories = pool.categories_to_compare(subscribed)
        figures = await draws.recent_figures(session, categories, pool.RECENT_DRAWS)
    recent = [(category, pool.recent(score, draws_)) for category, draws_ in figures]
    await reply(update, messages.rank(found, recent))


async def chart(update: Update, context: ChatContext) -> None:
    """/chart [category] [period], /chart pool, /chart times cec: a picture."""
    args = list(context.args or [])
    if args and args[0].lower() == "times":
        await times_chart(update, context, args[1:])
        return
    chat_id, _type = chat_of(update)
    async with context.services.sessions() as session:
        try:
            request = parse_chart(context.args or [], await draws.stored_categories(session))
        except ArgumentError as error:
            await reply(update, str(error))
            return
        subscriptions = await chats.subscriptions_of(session, chat_id)
        score = _chart_score(request.category, subscriptions)
        picture = await charts.describe(session, request.category, request.period, score)
    await charts.answer(update, context.services.charts, picture)


def _chart_score(category: str | None, subscriptions: Sequence[Subscription]) -> int | None:
    """The score a chart draws as a line: the chat's CRS score, or for a province's stream
    the chat's score for that stream or province (its scale is not the CRS)."""
    if category is not None and (province := province_of_key(category)) is not None:
        own = [sub.max_crs for sub in subscriptions if sub.category in (category, province)]
        return next((score for score in own if score is not None), None)
    return pool.own_score([(sub.category, sub.max_crs) for sub in subscriptions])


async def categories(update: Update, context: ChatContext) -> None:
    """/categories: every category, its names and its latest draw."""
    async with context.services.sessions() as session:
        await reply(update, messages.categories(await draws.category_overview(session)))


async def provinces(update: Update, context: ChatContext) -> None:
    """/provinces: each province's streams, their keys and newest draws."""
    async with context.services.sessions() as session:
        await reply(update, messages.provinces_overview(await province_draws(session)))

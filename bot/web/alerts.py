"""My alerts: the private chat's subscriptions, language and zone, read and changed.

A change is the typed command's own action: the same parser and limits
(bot.chat.arguments.parse_subscribe), the same call (bot.chat.subscribing.subscribe_chat,
db.chats.unsubscribe, db.chats.choose), and the chat is told in Telegram what changed, in
the command's words. A request the command would refuse changes nothing and gets its error.
"""

import json
import logging
import re
from dataclasses import replace
from functools import partial
from typing import Any

from aiohttp import web
from telegram.error import TelegramError

from bot import messages
from bot.chat.arguments import ArgumentError, parse_subscribe
from bot.chat.subscribing import subscribe_chat
from bot.chat.times import follow_request
from bot.chat.zones import ZoneNotFound, find_zone
from bot.messages import times as times_texts
from bot.messages import webapp as texts
from bot.messages.locale import Language, audience, speaking
from bot.web import views
from bot.web.guard import LAUNCHER, Refused
from bot.web.site import SITE, Site
from core.clock import utcnow
from core.limits import MAX_ARGUMENT_LENGTH
from core.times.follow import TIMES, is_times_key
from db import chats, draws

log = logging.getLogger(__name__)
PRIVATE = "private"
MAX_BODY = 2048  # bytes of JSON a change may send
NUMERIC = re.compile(r"[+-]?\d+([.,]\d*)?")  # a score as typed; the command's parser reads it


async def alerts_view(request: web.Request) -> web.Response:
    """The chat's subscriptions, its language and its zone."""
    return web.json_response(await _alerts(request.app[SITE], request[LAUNCHER].user_id))


async def _alerts(site: Site, chat_id: int) -> dict[str, Any]:
    async with site.sessions() as session:
        held = await chats.subscriptions_of(session, chat_id)
    reader = audience()
    return {
        "subscriptions": [
            {
                "key": sub.category,
                "label": views.key_label(sub.category),
                "score": sub.max_crs,
                "times": is_times_key(sub.category),
            }  # no score: the page offers none
            for sub in held
        ],
        "score": views.crs_score(held),  # the line the trends draw
        "language": reader.language.value,
        "zone": reader.zone.key,
    }


async def add(request: web.Request) -> web.Response:
    """Subscribe as /subscribe does: to a category, with a score or none (``{"category":
    "stem", "score": 490}``; the same again with another score changes it), or to the
    processing times (``{"category": "times", "program": "cec", "month": "2025-06"}``)."""
    body = await _body(request)
    site, launcher = request.app[SITE], request[LAUNCHER]
    async with site.sessions() as session:
        try:
            if body.get("category") == TIMES:
                asked = await follow_request(
                    session, _words(body.get("program"), body.get("month"))
                )
            else:
                asked = parse_subscribe(
                    _words(*_category_and_score(body)), await draws.stored_categories(session)
                )
        except ArgumentError as error:
            raise Refused(400, texts.plain(str(error))) from None
    language = Language.of_code(launcher.language_code)
    said = await subscribe_chat(
        site.sessions, launcher.user_id, PRIVATE, language.value if language else None, asked
    )
    return await _told(site, launcher.user_id, said)


def _category_and_score(body: dict[str, Any]) -> tuple[str, str | None]:
    """The category and score asked for, as the command would read them typed."""
    category, score = body.get("category"), body.get("score")
    if not isinstance(category, str) or not category.strip() or isinstance(score, bool):
        raise Refused(400, texts.BAD_REQUEST())
    if not isinstance(score, int | str | None):
        raise Refused(400, texts.BAD_REQUEST())
    written = None if score is None else str(score).strip()
    if written is not None and not NUMERIC.fullmatch(written):
        raise Refused(400, texts.plain(messages.bad_score(written[:MAX_ARGUMENT_LENGTH])))
    return category, written


def _words(*given: object) -> list[str]:
    """The words of a command, from the fields given (none: left out)."""
    if not all(isinstance(word, str | None) for word in given):
        raise Refused(400, texts.BAD_REQUEST())
    return [
        word.strip()[:MAX_ARGUMENT_LENGTH]
        for word in given
        if isinstance(word, str) and word.strip()
    ]


async def remove(request: web.Request) -> web.Response:
    """Remove the subscription to ``?category=``."""
    site, chat_id = request.app[SITE], request[LAUNCHER].user_id
    key = request.query.get("category", "")[:MAX_ARGUMENT_LENGTH]
    async with site.sessions() as session, session.begin():
        removed = await chats.unsubscribe(session, chat_id, key) if key else 0
    said = times_texts.unsubscribed if is_times_key(key) else partial(messages.unsubscribed, key)
    if not removed:
        raise Refused(404, texts.plain(said(0)))
    return await _told(site, chat_id, said(removed))


async def choose(request: web.Request) -> web.Response:
    """Choose the chat's language (``{"language": "fr"}``) or zone (``{"timezone": ...}``)."""
    body = await _body(request)
    site, chat_id = request.app[SITE], request[LAUNCHER].user_id
    if body.get("language") is not None:
        return await _choose_language(site, chat_id, body["language"])
    return await _choose_zone(site, chat_id, body.get("timezone"))


async def _choose_language(site: Site, chat_id: int, language: object) -> web.Response:
    if not isinstance(language, str) or language not in tuple(Language):
        raise Refused(400, texts.plain(messages.unknown_language(str(language)[:64])))
    chosen = Language(language)
    async with site.sessions() as session, session.begin():
        await chats.choose(session, chat_id, PRIVATE, language=chosen.value)
    with speaking(replace(audience(), language=chosen)):  # told in the language chosen
        return await _told(site, chat_id, messages.language_set(chosen))


async def _choose_zone(site: Site, chat_id: int, zone: object) -> web.Response:
    if not isinstance(zone, str) or not zone.strip():
        raise Refused(400, texts.BAD_REQUEST())
    written = zone[:MAX_ARGUMENT_LENGTH]
    found = find_zone(written)
    if isinstance(found, ZoneNotFound):
        raise Refused(400, texts.plain(messages.unknown_zone(written, found.suggestion)))
    async with site.sessions() as session, session.begin():
        await chats.choose(session, chat_id, PRIVATE, timezone=found.key)
    with speaking(replace(audience(), zone=found)):
        return await _told(site, chat_id, messages.zone_set(found, utcnow()))


async def _body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; anything else is a bad request."""
    raw = await request.content.read(MAX_BODY + 1)
    try:
        body = json.loads(raw) if len(raw) <= MAX_BODY else None
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise Refused(400, texts.BAD_REQUEST())
    return body


async def _told(site: Site, chat_id: int, said: str) -> web.Response:
    """Tell the chat what changed, as the command would have; answer the page with the
    same words and the chat's alerts as they are now."""
    try:
        await site.bot.send_message(chat_id, said)
    except TelegramError as error:  # blocked, say: the change stands, the page shows it
        log.info("chat=%s not told of its change: %s", chat_id, error)
    return web.json_response({"message": texts.plain(said), **await _alerts(site, chat_id)})

"""The screens' data: who is reading and in what words, every draw, the pool, and the
processing times. Each handler runs speaking its reader's language and zone (bot.web.guard)
and answers JSON; a query it cannot read is refused in that language."""

import gzip
import json

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.messages import webapp as texts
from bot.messages.locale import audience
from bot.messages.times import bad_month, unknown_program
from bot.web import views
from bot.web.guard import LAUNCHER, Refused
from bot.web.site import MAX_CACHED, SITE, Site
from core import pool
from core.categories import ALL, in_order
from core.provinces.values import province_of_key
from core.scores import MAX_SCORE, read_score
from core.times.follow import EXPRESS_ENTRY
from core.times.months import read_month
from db import chats, draws, reports
from db import times as stored
from db.chats import MAX_SUBSCRIPTIONS_PER_CHAT
from db.models import TimesEdition

HISTORY_EDITIONS = 6  # the editions a month of application's history shows


async def session_view(request: web.Request) -> web.Response:
    """Whom the page is for: their language, zone, the page's labels, and the keys one may
    filter draws by and subscribe to."""
    site, reader = request.app[SITE], audience()
    async with site.sessions() as session:
        stored_keys = await draws.stored_categories(session)
    federal = in_order(key for key in stored_keys if province_of_key(key) is None)
    provincial = sorted(key for key in stored_keys if province_of_key(key) is not None)
    return web.json_response({
        "user": request[LAUNCHER].user_id,
        "language": reader.language.value,
        "zone": reader.zone.key,
        "labels": texts.labels(),
        "categories": [{"key": key, "label": views.key_label(key), "province": False}
                       for key in federal]
        + [{"key": key, "label": views.key_label(key), "province": True}
           for key in provincial],
        "all": {"key": ALL, "label": texts.LABELS["every_category"]()},
        "max_score": MAX_SCORE,
        "max_subscriptions": MAX_SUBSCRIPTIONS_PER_CHAT,
    })  # fmt: skip


async def draws_view(request: web.Request) -> web.Response:
    """Every stored draw, newest first; rendered and compressed once per language, zone and
    state of the stored draws, then served from memory (gzip to a client that takes it)."""
    site, reader = request.app[SITE], audience()
    async with site.sessions() as session:
        key = (reader.language, reader.zone.key, *await draws.stored_version(session))
        body = site.cache.get(key)
        if body is None:
            body = gzip.compress(await _draws_json(session, site), compresslevel=6)
            if len(site.cache) >= MAX_CACHED:
                site.cache.clear()
            site.cache[key] = body
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = web.Response(body=body, content_type="application/json")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = web.Response(body=gzip.decompress(body), content_type="application/json")
    response.headers["Vary"] = "Accept-Encoding"
    return response


async def _draws_json(session: AsyncSession, site: Site) -> bytes:
    found = await draws.every_draw(session)
    unconfirmed = [draw.id for draw in found if not draw.confirmed]
    sources = await reports.links(session, unconfirmed) if unconfirmed else {}
    shown = views.draws(found, sources, site.pages)
    return json.dumps({"draws": shown}, ensure_ascii=False).encode()


async def pool_view(request: web.Request) -> web.Response:
    """The newest distribution, and the reader's score in it: the score asked for
    (``?score=``), else the highest of their subscriptions'."""
    site, user_id = request.app[SITE], request[LAUNCHER].user_id
    asked = request.query.get("score")
    score = read_score(asked.strip()) if asked is not None else None
    if asked is not None and score is None:
        raise Refused(400, texts.plain(texts.BAD_REQUEST()))
    async with site.sessions() as session:
        if score is None:
            score = views.crs_score(await chats.subscriptions_of(session, user_id))
        distributions = await draws.pool_distributions(session)
    readable = [(day, found) for day, d in distributions if (found := pool.bands(d))]
    newest = readable[0] if readable else None
    standing = pool.standing(score, distributions) if score is not None else None
    return web.json_response(
        views.pool(standing, newest[1] if newest else [], newest[0] if newest else None)
    )


async def times_view(request: web.Request) -> web.Response:
    """Each program's time and people waiting in the newest edition, against the one
    before; with ``?program=&month=``, that month's people ahead and time left over the
    last editions."""
    site = request.app[SITE]
    async with site.sessions() as session:
        editions = await stored.newest_editions(session, HISTORY_EDITIONS)
        if not editions:
            return web.json_response({"edition": None, "programs": [], "month": None})
        figures = await stored.figures_of(session, [edition.id for edition in editions[:2]])
        newest = editions[0]
        rows = figures[newest.id]
        shown = [row for row in rows if row.program in EXPRESS_ENTRY] + [
            row for row in rows if row.program not in EXPRESS_ENTRY
        ]
        before = figures[editions[1].id] if len(editions) > 1 else []
        month = await _month(session, request, editions, [row.program for row in rows])
    return web.json_response({
        "edition": views.edition_day(newest),
        "programs": views.programs(shown, before),
        "month": month,
    })  # fmt: skip


async def _month(
    session: AsyncSession, request: web.Request, editions: list[TimesEdition],
    programs: list[str],
) -> dict[str, object] | None:  # fmt: skip
    program, written = request.query.get("program"), request.query.get("month")
    if program is None or written is None:
        return None
    if program not in programs:
        raise Refused(400, texts.plain(unknown_program(program[:64], programs)))
    month = read_month(written[:64])
    if month is None:
        raise Refused(400, texts.plain(bad_month(written[:64])))
    ids = [edition.id for edition in editions]
    rows = await stored.figures_of(session, ids, program, month)
    history = [(edition, rows[edition.id][0]) for edition in editions if rows[edition.id]]
    return {"program": program, "month": month, "history": views.month_history(history)}

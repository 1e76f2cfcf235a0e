"""The Mini App's aiohttp application and its running: alone on its own port beside long
polling (started in post_init, stopped in post_shutdown), or as the webhook's server, where
Telegram's updates arrive at /telegram beside the app (the pattern of python-telegram-bot's
custom webhook example: check the secret, put the update on the Application's queue)."""

import hmac
import logging

from aiohttp import web
from telegram import Bot, MenuButtonWebApp, Update, WebAppInfo
from telegram.error import TelegramError

from bot.messages import webapp as texts
from bot.messages.locale import ENGLISH, speaking
from bot.web import alerts, assets, reading
from bot.web.guard import headers, launched
from bot.web.site import SITE, Site

log = logging.getLogger(__name__)

WEBHOOK_PATH = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1_000_000


def make_app(site: Site) -> web.Application:
    """The routes: the page, its files, the API, and Telegram's updates when ``site``
    takes them."""
    app = web.Application(middlewares=[headers, launched], client_max_size=MAX_UPDATE_BYTES)
    app[SITE] = site
    app.router.add_get("/", assets.page)
    app.router.add_get("/static/{name}", assets.static_file)
    app.router.add_get("/api/session", reading.session_view)
    app.router.add_get("/api/draws", reading.draws_view)
    app.router.add_get("/api/pool", reading.pool_view)
    app.router.add_get("/api/times", reading.times_view)
    app.router.add_get("/api/alerts", alerts.alerts_view)
    app.router.add_post("/api/alerts", alerts.add)
    app.router.add_delete("/api/alerts", alerts.remove)
    app.router.add_post("/api/settings", alerts.choose)
    if site.updates is not None:
        app.router.add_post(f"/{WEBHOOK_PATH}", telegram_update)
    return app


async def telegram_update(request: web.Request) -> web.Response:
    """An update from Telegram: checked by its secret, queued for the Application."""
    site = request.app[SITE]
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), site.secret.encode()):
        raise web.HTTPForbidden()
    try:
        update = Update.de_json(await request.json(), site.bot)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise web.HTTPBadRequest() from None
    assert site.updates is not None  # the route exists only then
    await site.updates.put(update)
    return web.Response()


class WebServer:
    """The aiohttp application, listening, until stopped."""

    def __init__(self, site: Site) -> None:
        self.runner = web.AppRunner(make_app(site), access_log=None)

    async def start(self, host: str, port: int) -> None:
        await self.runner.setup()
        await web.TCPSite(self.runner, host, port).start()
        log.info("Mini App served on %s:%s", host, port)

    async def stop(self) -> None:
        await self.runner.cleanup()


async def set_menu_button(bot: Bot, url: str) -> None:
    """The chats' menu button opens the Mini App (a failure is logged, not fatal)."""
    with speaking(ENGLISH):
        button = MenuButtonWebApp(texts.MENU_BUTTON(), WebAppInfo(url))
    try:
        await bot.set_chat_menu_button(menu_button=button)
    except TelegramError as error:
        log.warning("could not set the menu button: %s", error)

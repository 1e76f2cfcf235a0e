"""What every response carries and every API request must show.

Every response: a Content-Security-Policy allowing only this origin (and Telegram's web
clients as the frame around it), no sniffing, no referrer. Every API request: Telegram's
signed launch data in ``Authorization: tma <data>``, else 401 and nothing done; then the
user's limit (429 past it); then the handler runs speaking the user's language and zone,
and a refusal it raises (or a failure) is answered as JSON in that language.
"""

import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.messages import TOO_FAST
from bot.messages import webapp as texts
from bot.messages.locale import ENGLISH, Language, of_chat, speaking
from bot.web import launch
from bot.web.site import SITE
from core.limits import Verdict
from db import chats

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
LAUNCHER = web.RequestKey("launcher", launch.Launcher)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self' https://web.telegram.org"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
SCHEME = "tma "


class Refused(Exception):
    """A request answered with an error status and a sentence in the user's language."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text


def refusal(status: int, text: str) -> web.Response:
    return web.json_response({"error": text}, status=status)


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The security headers, on answers and errors alike."""
    try:
        response = await handler(request)
    except web.HTTPException as error:
        error.headers.update(HEADERS)
        raise
    response.headers.update(HEADERS)
    return response


@web.middleware
async def launched(request: web.Request, handler: Handler) -> web.StreamResponse:
    """An API request from the user Telegram's launch data names, within their limit, in
    their language; anything else under /api is refused before its handler runs."""
    if not request.path.startswith("/api/"):
        return await handler(request)
    site = request.app[SITE]
    given = request.headers.get("Authorization", "")
    try:
        if not given.startswith(SCHEME):
            raise launch.InvalidLaunch("no launch data")
        launcher = launch.check(given.removeprefix(SCHEME), site.token, time.time())
    except launch.InvalidLaunch as error:
        log.info("web request refused: %s", error)
        with speaking(ENGLISH):
            return refusal(401, texts.UNAUTHORIZED())
    async with site.sessions() as session:
        settings = await chats.settings_of(session, launcher.user_id)
    with speaking(of_chat(settings, Language.of_code(launcher.language_code))):
        if site.throttle.check(launcher.user_id, time.monotonic()) is not Verdict.OK:
            return refusal(429, texts.plain(TOO_FAST()))
        request[LAUNCHER] = launcher
        try:
            return await handler(request)
        except Refused as refused:
            return refusal(refused.status, refused.text)
        except web.HTTPException:
            raise
        except Exception:  # a bug, or the database out of reach: said, logged, not fatal
            log.exception("web request failed: %s %s", request.method, request.path)
            return refusal(500, texts.LABELS["failed"]())

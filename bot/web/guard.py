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
PRIVATE = "no-store"  # an API answer is one person's data: no cache keeps it


class Refused(Exception):
    """A request answered with an error status and a sentence in the user's language."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status, self.text = status, text


def refusal(status: int, text: str) -> web.Response:
    response = web.json_response({"error": text}, status=status)
    response.headers["Cache-Control"] = PRIVATE
    return response


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
    try:
        launcher = _launcher(request.headers.get("Authorization", ""), site.token)
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
        return await _answered(request, handler)


def _launcher(authorization: str, token: str) -> launch.Launcher:
    if not authorization.startswith(SCHEME):
        raise launch.InvalidLaunch("no launch data")
    return launch.check(authorization.removeprefix(SCHEME), token, time.time())


async def _answered(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The handler's answer, or its refusal or failure as JSON."""
    try:
        response = await handler(request)
    except Refused as refused:
        return refusal(refused.status, refused.text)
    except web.HTTPException:
        raise
    except Exception:  # a bug, or the database out of reach: said, logged, not fatal
        log.exception("web request failed: %s %s", request.method, request.path)
        return refusal(500, texts.LABELS["failed"]())
    response.headers["Cache-Control"] = PRIVATE
    return response

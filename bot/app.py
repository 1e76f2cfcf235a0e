"""The composition root: settings in, a ready python-telegram-bot Application out.

Resources (database, HTTP client) open in post_init and close in post_shutdown; the poll
and delivery jobs run on PTB's JobQueue (APScheduler), never two of a kind at once.
"""

import asyncio
import gc
import logging
import secrets
import signal

from sqlalchemy.exc import SQLAlchemyError
from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults

from bot import scheduled
from bot.chat import handlers, operators
from bot.chat.services import ChatContext
from bot.context import Services
from bot.delivery.pacing import Pacer
from bot.delivery.paid import PAID_IN_FLIGHT
from bot.delivery.request import AiohttpRequest
from bot.delivery.sender import MAX_IN_FLIGHT
from bot.settings import Settings
from bot.web.server import WEBHOOK_PATH, WebServer, set_menu_button
from bot.web.site import Site

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
CONCURRENT_UPDATES = 32
# Connections to the Bot API: every send the sender may have in flight, and a reply to
# each update handled at once.
CONNECTIONS = PAID_IN_FLIGHT + MAX_IN_FLIGHT + CONCURRENT_UPDATES
EXIT_CONFLICT = 3
EXIT_FAILED_START = 1
# What the world outside does to a start: a database or Telegram out of reach, a wrong password,
# a file that cannot be opened. Their messages say what to fix; a traceback would add nothing.
OUTSIDE_FAILURES = (OSError, SQLAlchemyError, TelegramError)


def bot_defaults() -> Defaults:
    """Every message goes as HTML (bot.messages writes it) without link previews, unless a
    call says otherwise."""
    return Defaults(
        parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
    )


def build_application(settings: Settings, *, takes_updates: bool = True) -> Application:
    """The Application, its handlers registered; its services open in post_init.
    ``takes_updates`` False: a worker beside a webhook server, running the jobs only."""
    pacer = Pacer(max_retries=RATE_LIMIT_RETRIES)

    async def post_init(application: Application) -> None:
        await _open(application, settings, pacer, takes_updates)
        if settings.web_app_url and takes_updates and not settings.webhook_url:
            await _serve_web_app(application, settings, settings.web_app_listen,
                                 settings.web_app_port)  # fmt: skip

    application = (
        ApplicationBuilder()
        .token(settings.token())
        .defaults(bot_defaults())
        .base_url(settings.telegram_api_base_url)
        .context_types(ContextTypes(context=ChatContext, bot_data=Services))
        .request(AiohttpRequest(connections=CONNECTIONS))
        .get_updates_request(AiohttpRequest(connections=1))
        .rate_limiter(pacer)
        .concurrent_updates(CONCURRENT_UPDATES)  # one user's slow reply holds up no one else
        .post_init(post_init)
        .post_shutdown(_shut_down)
        .build()
    )
    handlers.register(application)
    return application


async def _open(
    application: Application, settings: Settings, pacer: Pacer, takes_updates: bool
) -> None:
    services: Services = application.bot_data
    await services.open(settings, pacer, takes_updates=takes_updates)
    await services.load_schedule()
    await operators.register_menus(
        application.bot, settings.admin_chat_ids, app=bool(settings.web_app_url)
    )
    if settings.web_app_url:
        await set_menu_button(application.bot, settings.web_app_url)
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(stop_signal, _stop, application)
    scheduled.start_jobs(application, services)
    # What start-up made (modules, the libraries' tables, the services) lives as long as the
    # process: out of the collector's reach, a full collection no longer walks all of it,
    # and none lands in the middle of a poll and its first send for a tenth of a second.
    gc.collect()
    gc.freeze()


def _stop(application: Application) -> None:
    """SIGTERM or SIGINT: the sender finishes the message in flight and stops, the rest of
    the outbox stays pending, and the application shuts down cleanly."""
    log.info("stopping: finishing the message in flight, leaving the rest pending")
    services: Services = application.bot_data
    services.sender.stop()
    services.stopping.set()
    if services.takes_updates and not services.waits_for_stopping:
        application.stop_running()  # run_polling or run_webhook: they return once stopped


async def _close(application: Application) -> None:
    await application.bot_data.close()


async def _shut_down(application: Application) -> None:
    """The Mini App's server first, if one runs, then the services it used."""
    services: Services = application.bot_data
    if services.web is not None:
        await services.web.stop()
        services.web = None
    await _close(application)


async def _serve_web_app(
    application: Application, settings: Settings, host: str, port: int, secret: str = ""
) -> None:
    """The Mini App, listening on host:port; with a secret, Telegram's updates too."""
    services: Services = application.bot_data
    site = Site(
        bot=application.bot, sessions=services.sessions, token=settings.token(),
        pages=settings.provinces, secret=secret,
        updates=application.update_queue if secret else None,
    )  # fmt: skip
    services.web = WebServer(site)
    await services.web.start(host, port)


async def _run_webhook_with_web_app(
    application: Application, settings: Settings, secret: str
) -> None:
    """Updates by webhook and the Mini App, served by one aiohttp server on LISTEN:PORT,
    until SIGINT or SIGTERM."""
    services: Services = application.bot_data
    async with application:  # initialize, and shut down after
        try:
            assert application.post_init is not None
            await application.post_init(application)
            services.waits_for_stopping = True
            await application.bot.set_webhook(
                _webhook_url(settings), secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
            await _serve_web_app(
                application, settings, settings.webhook_listen, settings.port, secret
            )
            await application.start()
            await services.stopping.wait()
        finally:
            if application.running:
                await application.stop()
            await _shut_down(application)


def _webhook_url(settings: Settings) -> str:
    return f"{settings.webhook_url.rstrip('/')}/{WEBHOOK_PATH}"


async def _run_jobs(application: Application) -> None:
    """The poll and delivery jobs without taking updates, until SIGINT or SIGTERM."""
    async with application:  # initialize, and shut down after
        try:
            assert application.post_init is not None
            await application.post_init(application)
            await application.start()
            await application.bot_data.stopping.wait()
        finally:
            if application.running:
                await application.stop()
            await _close(application)


def run(settings: Settings, *, worker: bool = False) -> int:
    """Run the service until SIGINT or SIGTERM; returns the process's exit code.

    Updates come by long polling, or by webhook when WEBHOOK_URL is set. With WEB_APP_URL
    set the Mini App is served too: on its own port beside long polling, or by the
    webhook's server, which then is aiohttp's rather than PTB's own. A ``worker``
    beside a webhook server (WEBHOOK_URL set) takes no updates: it runs the jobs only.
    A start that fails (the database or Telegram out of reach, say) is logged in one line
    and exits with EXIT_FAILED_START.
    """
    jobs_only = worker and bool(settings.webhook_url)
    application = build_application(settings, takes_updates=not jobs_only)
    log.info(
        "starting%s; polling sources every %ss in the draw window, every %ss outside it",
        " the jobs only (updates go to the webhook)" if jobs_only else "",
        settings.poll_interval_seconds, settings.idle_interval,
    )  # fmt: skip
    try:
        _serve(application, settings, jobs_only)
    except Exception as error:  # PTB handles the errors of updates and jobs: this is start-up's
        _log_failed_start(error)
        return EXIT_FAILED_START
    return EXIT_CONFLICT if application.bot_data.conflict else 0


def _serve(application: Application, settings: Settings, jobs_only: bool) -> None:
    """Start the application, serve until stopped, and shut it down."""
    if jobs_only:
        asyncio.run(_run_jobs(application))
    elif settings.webhook_url:
        # Telegram sends the secret with every update; without one set, a fresh one each start.
        secret = (
            settings.webhook_secret.get_secret_value()
            if settings.webhook_secret
            else secrets.token_urlsafe(32)
        )
        if settings.web_app_url:
            asyncio.run(_run_webhook_with_web_app(application, settings, secret))
            return
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.port,
            url_path=WEBHOOK_PATH,
            webhook_url=_webhook_url(settings),
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            stop_signals=None,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)


def _log_failed_start(error: Exception) -> None:
    """One line that says what failed. A failure of the world outside says all in its
    message; anything else is a bug, and its traceback follows, once."""
    log.error(
        "could not start: %s", failure_reason(error),
        exc_info=not isinstance(error, OUTSIDE_FAILURES),
    )  # fmt: skip


def failure_reason(error: Exception) -> str:
    """An exception in one line: its kind, and the first line of its message."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__

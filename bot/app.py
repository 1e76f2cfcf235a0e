"""The composition root: settings in, a ready python-telegram-bot Application out.

Resources (database, HTTP client) open in post_init and close in post_shutdown; the poll
and delivery jobs run on PTB's JobQueue (APScheduler), never two of a kind at once.
"""

import asyncio
import gc
import logging
import secrets
import signal

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
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

log = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3
CONCURRENT_UPDATES = 32
# Connections to the Bot API: every send the sender may have in flight, and a reply to
# each update handled at once.
CONNECTIONS = PAID_IN_FLIGHT + MAX_IN_FLIGHT + CONCURRENT_UPDATES
WEBHOOK_PATH = "telegram"
EXIT_CONFLICT = 3


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
        .post_shutdown(_close)
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
    await operators.register_menus(application.bot, settings.admin_chat_ids)
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
    if services.takes_updates:  # run_polling or run_webhook: they return once stopped
        application.stop_running()


async def _close(application: Application) -> None:
    await application.bot_data.close()


async def _run_jobs(application: Application) -> None:
    """The poll and delivery jobs without taking updates, until SIGINT or SIGTERM."""
    async with application:  # initialize, and shut down after
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        try:
            await application.bot_data.stopping.wait()
        finally:
            await application.stop()
            await _close(application)


def run(settings: Settings, *, worker: bool = False) -> int:
    """Run the service until SIGINT or SIGTERM; returns the process's exit code.

    Updates come by long polling, or by webhook when WEBHOOK_URL is set. A ``worker``
    beside a webhook server (WEBHOOK_URL set) takes no updates: it runs the jobs only.
    """
    jobs_only = worker and bool(settings.webhook_url)
    application = build_application(settings, takes_updates=not jobs_only)
    log.info(
        "starting%s; polling sources every %ss in the draw window, every %ss outside it",
        " the jobs only (updates go to the webhook)" if jobs_only else "",
        settings.poll_interval_seconds, settings.idle_interval,
    )  # fmt: skip
    if jobs_only:
        asyncio.run(_run_jobs(application))
    elif settings.webhook_url:
        # Telegram sends the secret with every update; without one set, a fresh one each start.
        secret = (
            settings.webhook_secret.get_secret_value()
            if settings.webhook_secret
            else secrets.token_urlsafe(32)
        )
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.port,
            url_path=WEBHOOK_PATH,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{WEBHOOK_PATH}",
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            stop_signals=None,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)
    return EXIT_CONFLICT if application.bot_data.conflict else 0

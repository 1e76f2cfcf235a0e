"""What the Mini App's handlers reach: the bot that tells chats, the database, the limits,
and, with webhooks, the queue Telegram's updates go to. Kept in the aiohttp application."""

import asyncio
from dataclasses import dataclass, field

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot

from core.limits import REQUESTS_PER_WINDOW, CommandThrottle
from jobs.provinces.sources import ProvinceUrls


@dataclass
class Site:
    bot: Bot  # tells a chat what changed
    sessions: async_sessionmaker[AsyncSession]
    token: str  # launch data is signed with it
    pages: ProvinceUrls  # where each province publishes its draws
    # Telegram's updates, when this server also takes the webhook; with its secret
    updates: "asyncio.Queue[object] | None" = None
    secret: str = ""
    throttle: CommandThrottle = field(default_factory=lambda: CommandThrottle(REQUESTS_PER_WINDOW))
    # answers already rendered, by what they depend on (language, zone, stored draws)
    cache: dict[tuple[object, ...], bytes] = field(default_factory=dict)


SITE = web.AppKey("site", Site)
MAX_CACHED = 64  # renderings kept: two languages times the zones people use

"""What handlers and jobs reach through their context, typed."""

import asyncio

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import CallbackContext, ExtBot

from bot.alerts import Sender
from bot.pacing import CommandThrottle, Pacer
from bot.settings import Settings
from db.leader import Leader
from jobs.schedule import Schedule


class Services:
    """Set up once by the composition root (bot.app) before the bot starts."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    sender: Sender
    http: httpx.AsyncClient
    polling: asyncio.Lock  # held while a poll runs, so that polls never overlap
    pacer: Pacer
    throttle: CommandThrottle
    schedule: Schedule  # each source's health and next poll
    leader: Leader  # whether this process runs the jobs
    stopping: asyncio.Event  # set by SIGTERM or SIGINT
    takes_updates: bool = True  # False: a worker beside a webhook server, jobs only
    conflict: bool = False  # another instance polls with our token: exit non-zero


class BotContext(
    CallbackContext[ExtBot[None], dict[object, object], dict[object, object], Services]
):
    @property
    def services(self) -> Services:
        return self.bot_data

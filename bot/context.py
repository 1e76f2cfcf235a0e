"""What handlers and jobs reach through their context, typed, and set up in one place."""

import asyncio
from contextlib import AsyncExitStack

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.chat.charts import ChartCache
from bot.chat.errors import ErrorReports
from bot.chat.flows import Flows
from bot.delivery.notifier import OperatorNotifier
from bot.delivery.pacing import Pacer
from bot.delivery.paid import PaidBroadcasts
from bot.delivery.sender import Sender
from bot.messages.operators import StatusFigures
from bot.settings import Settings
from bot.web.server import WebServer
from core.clock import utcnow
from core.limits import CommandThrottle
from core.schedule import Schedule
from db import chats, outbox, sources
from db.engine import create_engine, migrate, session_factory
from db.leader import Leader
from jobs.fetch import make_client
from jobs.poll import load_schedule


class Services:
    """PTB's bot_data: created empty by the Application, filled by :meth:`open` (the schedule
    by :meth:`load_schedule`, which the service calls after it and the command line does not)."""

    settings: Settings
    pacer: Pacer
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    sender: Sender
    operators: OperatorNotifier  # tells the operator chats
    http: httpx.AsyncClient
    polling: asyncio.Lock  # held while a poll runs, so that polls never overlap
    throttle: CommandThrottle
    charts: ChartCache  # pictures already drawn, by what they show
    schedule: Schedule  # each source's health and next poll
    leader: Leader  # whether this process runs the jobs
    stopping: asyncio.Event  # set by SIGTERM or SIGINT
    flows: Flows  # set-ups with buttons under way
    errors: ErrorReports  # which unexpected errors the operators are told
    takes_updates: bool = True  # False: a worker beside a webhook server, jobs only
    # True: the service waits for `stopping` itself rather than in run_polling/run_webhook
    waits_for_stopping: bool = False
    web: WebServer | None = None  # the Mini App's server, while it runs
    web_app_url: str = ""  # set: the Mini App is on, at this address
    conflict: bool = False  # another instance polls with our token: exit non-zero
    _opened: AsyncExitStack | None = None  # how to close what open() has opened so far

    async def open(
        self,
        settings: Settings,
        pacer: Pacer,
        *,
        takes_updates: bool = True,
        migrate_schema: bool = True,
    ) -> None:
        """Open the database (migrating it, unless ``migrate_schema`` is False) and the HTTP
        client. The service then loads the schedule (:meth:`load_schedule`); the command-line
        tools need none. Each resource is registered for :meth:`close` as it opens, so that a
        failure half-way leaves nothing that close() cannot close."""
        self._opened = opened = AsyncExitStack()
        self.settings, self.pacer, self.takes_updates = settings, pacer, takes_updates
        self.web_app_url = settings.web_app_url
        self.engine = create_engine(settings.database_url)
        opened.push_async_callback(self.engine.dispose)
        if migrate_schema:
            await migrate(self.engine)
        self.sessions = session_factory(self.engine)
        self.operators = OperatorNotifier(self.sessions, settings.admin_chat_ids)
        paid = (
            PaidBroadcasts(settings.paid_broadcast_min_chats)
            if settings.allow_paid_broadcast
            else None
        )
        self.sender = Sender(
            self.engine, self.sessions, settings.outbox_claim_seconds, paid=paid,
            operators=self.operators,
        )  # fmt: skip
        self.http = make_client(settings.http_timeout_seconds)
        opened.push_async_callback(self.http.aclose)
        self.polling = asyncio.Lock()
        self.throttle = CommandThrottle()
        self.charts = ChartCache()
        self.leader = Leader(self.engine)
        opened.push_async_callback(self.leader.close)
        self.stopping = asyncio.Event()
        self.flows = Flows()
        self.errors = ErrorReports()

    async def load_schedule(self) -> None:
        """Every source due now, with its stored health; the draw window from stored draws."""
        settings = self.settings
        self.schedule = await load_schedule(
            self.sessions,
            official_url=settings.ircc_rounds_url,
            feed_urls=settings.feed_urls,
            fast=settings.poll_interval_seconds,
            idle=settings.idle_interval,
            provinces=settings.provinces,
            times_url=settings.ircc_flpt_url,
            times_every=settings.flpt_poll_seconds,
        )

    async def status_figures(self) -> StatusFigures:
        """What /status shows: chats, outbox, delivery, flood waits, paid sends, sources."""
        async with self.sessions() as session:
            chat_counts = await chats.chat_counts(session)
            box = await outbox.counts(session, utcnow())
            paid = await outbox.paid_messages(session)
            states = {state.key: state for state in await sources.all_states(session)}
        sender, schedule = self.sender, self.schedule
        return StatusFigures(
            chats=chat_counts,
            outbox=box,
            sources=[(health, states.get(key)) for key, health in schedule.health.items()],
            leading=self.leader.leading,
            window=schedule.window,
            last_run=sender.last_run,
            last_run_at=sender.last_run_at,
            flood_wait=self.pacer.last_flood_wait,
            now=utcnow(),
            paid_messages=paid if paid or self.settings.allow_paid_broadcast else None,
        )

    async def close(self) -> None:
        """Close what :meth:`open` opened, the newest first: all of it, or as much as it had
        opened when it failed, or nothing if it never ran."""
        if self._opened is not None:
            await self._opened.aclose()

"""The stored state: draws, chats and their subscriptions, the outbox, and source state."""

import datetime as dt
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.clock import utcnow

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: store UTC-aware times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}  # noqa: RUF012


class Draw(Base):
    """One real round of invitations (unknown fields are NULL).

    ``confirmed`` rows come from IRCC's official data; the others are known only from
    news reports, which are kept beside the draw in ``draw_reports``.

    A provincial draw (``province`` set: "bc", "on"...) is one stream's draw on one day:
    ``category`` is the stream's key, ``name`` the province's name for it, ``crs`` its
    minimum score on the ``scale`` named, ``invitations`` a count that ``invitations_bound``
    may make a bound ("fewer than"), ``selection`` the sub-pool when a stream drew several
    that day, and ``notes`` the words that came with it. Federal draws leave them NULL.
    """

    __tablename__ = "draws"
    __table_args__ = (UniqueConstraint("province", "category", "date", "selection"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(16), unique=True)
    date: Mapped[dt.date | None]
    drawn_at: Mapped[datetime | None]
    category: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(300))
    programs: Mapped[str | None] = mapped_column(Text)
    invitations: Mapped[int | None]
    crs: Mapped[int | None]
    tie_break: Mapped[datetime | None]
    distribution_as_of: Mapped[dt.date | None]
    distribution: Mapped[dict[str, Any] | None]
    source: Mapped[str] = mapped_column(String(32))
    confirmed: Mapped[bool] = mapped_column(default=True, server_default=true())
    # no source has stated the draw's own date: ``date`` is the day the news reported it
    undated: Mapped[bool] = mapped_column(default=False, server_default=false())
    # sha256 of the official round's JSON as last read (jobs.official.round_digest): a poll
    # reads again only the rounds whose JSON changed. NULL: not read since hashes were
    # kept, or known only from news.
    raw_hash: Mapped[str | None] = mapped_column(String(64))
    province: Mapped[str | None] = mapped_column(String(8), index=True)
    scale: Mapped[str | None] = mapped_column(String(32))
    invitations_bound: Mapped[str | None] = mapped_column(String(16))
    selection: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]


class Chat(Base):
    """A private chat or group that talked to the bot. Inactive chats get no alerts."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    inactive_reason: Mapped[str | None] = mapped_column(String(200))
    # "en" or "fr": chosen with /language, or for a private chat the language its user's
    # Telegram spoke at first contact. NULL: replies follow each sender, alerts are English.
    language: Mapped[str | None] = mapped_column(String(8))
    # An IANA zone ("America/Toronto") chosen with /timezone; NULL: UTC.
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Subscription(Base):
    """What a chat wants: a category key (or "all") and, optionally, its CRS score."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("chat_id", "category"),
        # covers the matching query: the chats come from the index alone
        Index(None, "category", "max_crs", "chat_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    category: Mapped[str] = mapped_column(String(64))
    max_crs: Mapped[int | None]
    # The forum topic the subscription was made in (its message_thread_id), where its
    # alerts go; NULL: the chat itself, or a forum's general topic.
    thread_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Delivery(Base):
    """The outbox: one message owed to one chat about one draw (or about what changed in
    an edition of the processing times), and what became of it."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("draw_id", "chat_id", "kind"),
        UniqueConstraint("edition_id", "chat_id", "kind"),
        Index(None, "status", "id"),
        CheckConstraint(
            "(draw_id IS NULL) <> (edition_id IS NULL)", name="ck_deliveries_one_subject"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int | None] = mapped_column(ForeignKey("draws.id", ondelete="CASCADE"))
    edition_id: Mapped[int | None] = mapped_column(
        ForeignKey("times_editions.id", ondelete="CASCADE")
    )
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="alert")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    detail: Mapped[str | None] = mapped_column(Text)  # a correction: what changed
    # an alert: the figures its message was written with when last claimed (JSON, see
    # core.merge.shown_text), so that a change the official data makes while it is on its
    # way is corrected from what it said
    shown: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]  # after a failed try: not before then
    # A process sending the row claims it until then (renewing while it works), so that
    # two processes never send it both; a crashed one's claim lapses.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # sent as a paid broadcast (0.1 Star a message): /status counts what they cost
    paid: Mapped[bool] = mapped_column(default=False, server_default=false())


class PendingFanOut(Base):
    """A draw whose first chats' alerts are queued and the rest not yet: what
    :func:`db.fanout.finish` still owes, written with the draw so that a crash between the
    two resumes it."""

    __tablename__ = "pending_fanouts"

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(ForeignKey("draws.id", ondelete="CASCADE"), unique=True)
    # the chats a revised round's first figures concerned, who were sent its alert then
    unless_category: Mapped[str | None] = mapped_column(String(64))
    unless_crs: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class FeedEntry(Base):
    """A news feed entry already read: each is read once, and again only if it changes."""

    __tablename__ = "feed_entries"
    __table_args__ = (UniqueConstraint("feed", "entry_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed: Mapped[str] = mapped_column(String(200))
    entry_key: Mapped[str] = mapped_column(String(500))
    link: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    published: Mapped[datetime | None]
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Report(Base):
    """What one article claimed about one draw; kept beside the draw it was matched to."""

    __tablename__ = "draw_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("feed_entries.id", ondelete="CASCADE"), index=True
    )
    draw_id: Mapped[int | None] = mapped_column(
        ForeignKey("draws.id", ondelete="SET NULL"), index=True
    )
    number: Mapped[str | None] = mapped_column(String(16))
    date: Mapped[dt.date | None]
    category: Mapped[str | None] = mapped_column(String(64))
    invitations: Mapped[int | None]
    crs: Mapped[int | None]
    tie_break: Mapped[datetime | None]
    confidence: Mapped[str] = mapped_column(String(8))
    from_table: Mapped[bool] = mapped_column(default=False)
    # how the date was placed: stated, or from the publication date ("today", "yesterday",
    # "weekday"); None when the article gives no date it can be placed by
    date_basis: Mapped[str | None] = mapped_column(String(16))
    # for each figure the article contradicted itself on, every value it stated:
    # {"invitations": [27332, 5000]}
    alternatives: Mapped[dict[str, list[Any]] | None] = mapped_column(JSON)
    # the earlier report of another publisher whose figures this one agreed with, which
    # together made a draw neither made alone
    agrees_with: Mapped[int | None] = mapped_column(
        ForeignKey("draw_reports.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SourceState(Base):
    """What the poller remembers of a source between polls and restarts."""

    __tablename__ = "sources"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    first_polled_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_new_draw_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    last_error_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    failing_since: Mapped[datetime | None]  # the first failure of the current run of them
    outage_told_at: Mapped[datetime | None]  # the operators were told it is down
    moved_to: Mapped[str | None] = mapped_column(Text)  # after a permanent redirect
    disabled_reason: Mapped[str | None] = mapped_column(String(500))  # after a 410 Gone


class TimesEdition(Base):
    """One edition of IRCC's forward-looking processing times, stored as it came: its date
    as published ("October 9, 2025", and read when it could be), and a digest of its
    figures so that the same edition polled again is stored once."""

    __tablename__ = "times_editions"

    id: Mapped[int] = mapped_column(primary_key=True)
    published: Mapped[str] = mapped_column(String(40))
    date: Mapped[dt.date | None]
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class TimesFigure(Base):
    """An edition's figures for a program (``month`` NULL: its current time and the people
    waiting) or for a program's month of application ("2025-06": the time left and the
    people ahead), as IRCC wrote them; read into values by core.times."""

    __tablename__ = "times_figures"
    __table_args__ = (Index(None, "program", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(
        ForeignKey("times_editions.id", ondelete="CASCADE"), index=True
    )
    program: Mapped[str] = mapped_column(String(64))
    month: Mapped[str | None] = mapped_column(String(7))
    time: Mapped[str | None] = mapped_column(String(160))
    people: Mapped[str | None] = mapped_column(String(160))

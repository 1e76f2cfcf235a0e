"""`python -m bot [run|worker|poll|import PATH|draws|migrate]`: the service and its offline
tools."""

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot import app, logs, scheduled
from bot.context import Services
from bot.delivery.pacing import Pacer
from bot.settings import MissingToken, Settings
from core.clock import utcnow
from db import reports
from db.draws import latest_draws
from db.engine import SchemaRevision, create_engine, migrate, schema_revision
from db.models import Draw
from jobs.official import DocumentError
from jobs.poll import PollReport, import_file

TABLE_HEADER = (
    f"{'number':>7}  {'date':10}  {'category':16}  {'invitations':>11}  {'crs':>4}  "
    f"{'status':8}  {'reports':>7}  tie_break"
)
SHOWN = 20


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m bot", description="Express Entry draw alerts")
    commands = main.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot and its poller (the default)")
    commands.add_parser(
        "worker",
        help="the poller and sender beside a webhook server (WEBHOOK_URL set), taking no "
        "updates; without WEBHOOK_URL, the same as run",
    )
    commands.add_parser("poll", help="poll every source once, queue alerts, send nothing")
    importing = commands.add_parser("import", help="load a rounds JSON file as history")
    importing.add_argument("path", type=Path)
    listing = commands.add_parser("draws", help="list stored draws, newest first")
    listing.add_argument("--category", help="only this category key")
    listing.add_argument("--limit", type=int, default=None, help="at most this many")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    commands.add_parser(
        "migrate", help="bring the database to this version's schema (the service does it at start)"
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"configuration error:\n{error}", file=sys.stderr)
        return 2
    logs.configure(settings.log_level, settings.secrets())
    if arguments.command in (None, "run", "worker"):
        try:
            return app.run(settings, worker=arguments.command == "worker")
        except MissingToken as error:
            print(error, file=sys.stderr)
            return 2
    if arguments.command == "migrate":
        return asyncio.run(_migrate(settings))
    return asyncio.run(_offline(settings, arguments))


async def _offline(settings: Settings, arguments: argparse.Namespace) -> int:
    """poll, import and draws. The first two write, so they migrate the database as the
    service would; draws only reads, and needs the database at this version's schema."""
    services = Services()
    reading = arguments.command == "draws"
    if reading and (missing := _missing_sqlite_file(settings.database_url)) is not None:
        print(
            f"draws failed: no database at {missing}: the service, `import` or `migrate` "
            "creates it; check DATABASE_URL",
            file=sys.stderr,
        )
        return 1
    try:
        await services.open(settings, Pacer(), takes_updates=False, migrate_schema=not reading)
        if reading:
            return await _draws(services, arguments.category, arguments.limit, arguments.format)
        if arguments.command == "poll":
            return await _poll(services)
        return await _import(services, arguments.path)
    except (OSError, SQLAlchemyError) as error:  # the database: out of reach, or refused
        print(f"{arguments.command} failed: {app.failure_reason(error)}", file=sys.stderr)
        return 1
    finally:
        await services.close()


def _missing_sqlite_file(database_url: str) -> Path | None:
    """The SQLite file a URL names, when it does not exist: reading it would create it empty."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    return None if path.exists() else path


async def _migrate(settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        before = await migrate(engine)
    except (OSError, SQLAlchemyError) as error:
        print(f"migrate failed: {app.failure_reason(error)}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(_migrated(before))
    return 0


def _migrated(before: SchemaRevision) -> str:
    """What `migrate` did, given where the schema stood before."""
    if before.at_head:
        return f"The database is at revision {before.head} already: nothing to do."
    if before.current is None:
        return f"Migrated the empty database to revision {before.head}."
    return f"Migrated the database from revision {before.current} to {before.head}."


def _not_at_head(revision: SchemaRevision) -> str:
    """What `draws` says of a database whose schema is not this version's, and what to do."""
    if not revision.known:
        return (
            f"The database is at revision {revision.current}, which this version does not "
            f"know (its newest is {revision.head}): a newer version migrated it; run that one."
        )
    found = f"at revision {revision.current}" if revision.current else "empty (no revision)"
    return (
        f"The database is {found} and this version needs {revision.head}: run "
        "`python -m bot migrate` (the service also migrates when it starts)."
    )


async def _poll(services: Services) -> int:
    polled = await scheduled.poll_once(services)
    if not polled:
        print("no source configured (IRCC_ROUNDS_URL and FEED_URLS are empty)")
    for report in polled:
        print(await _describe(services, report))
    return 1 if any(report.error for report in polled) else 0


async def _describe(services: Services, report: PollReport) -> str:
    if report.error:
        return f"{report.source}: failed: {report.error}"
    lines = [
        f"{report.source}: {report.outcome}; {len(report.new)} new, {len(report.updated)} updated,"
        f" {len(report.confirmed)} confirmed, {report.queued} message(s) queued"
        + (" (first poll: history, nobody alerted)" if report.first_run else "")
    ]
    shown = [("new", draw) for draw in report.new[:SHOWN]]
    shown += [("confirmed", draw) for draw in report.confirmed[:SHOWN]]
    counts = await _report_counts(services, [draw for _what, draw in shown])
    lines += [f"  {what}: {_row(draw, counts.get(draw.id, 0))}" for what, draw in shown]
    if len(report.new) > SHOWN:
        lines.append(f"  ... and {len(report.new) - SHOWN} more new")
    return "\n".join(lines)


async def _report_counts(services: Services, listed: list[Draw]) -> dict[int, int]:
    async with services.sessions() as session:
        return await reports.counts(session, [draw.id for draw in listed])


async def _import(services: Services, path: Path) -> int:
    try:
        report = await import_file(services.sessions, path, utcnow())
    except (OSError, DocumentError) as error:
        print(f"cannot import {path}: {error}", file=sys.stderr)
        return 1
    print(await _describe(services, report))
    for problem in report.problems:
        print(f"  note: {problem}")
    return 0


async def _draws(services: Services, category: str | None, limit: int | None, form: str) -> int:
    revision = await schema_revision(services.engine)
    if not revision.at_head:
        print(_not_at_head(revision), file=sys.stderr)
        return 1
    async with services.sessions() as session:
        rows = await latest_draws(session, category, limit=limit)
    counts = await _report_counts(services, list(rows))
    if form == "json":
        listed = [as_json(draw, counts.get(draw.id, 0)) for draw in rows]
        print(json.dumps(listed, indent=2, ensure_ascii=False))
    else:
        print(TABLE_HEADER)
        for draw in rows:
            print(_row(draw, counts.get(draw.id, 0)))
    return 0


def _row(draw: Draw, report_count: int) -> str:
    tie = draw.tie_break.strftime("%Y-%m-%d %H:%M:%S UTC") if draw.tie_break else "-"
    status = "official" if draw.confirmed else "reported"
    return (
        f"{'#' + (draw.number or '?'):>7}  {draw.date or '-'!s:10}  {draw.category:16}  "
        f"{_or_dash(draw.invitations):>11}  {_or_dash(draw.crs):>4}  {status:8}  "
        f"{report_count:>7}  {tie}"
    )


def _or_dash(value: int | None) -> str:
    return f"{value:,}" if value is not None else "-"


def as_json(draw: Draw, report_count: int) -> dict[str, object]:
    """A draw as `draws --format json` prints it."""
    return {
        "number": draw.number,
        "date": draw.date.isoformat() if draw.date else None,
        "category": draw.category,
        "name": draw.name,
        "invitations": draw.invitations,
        "crs": draw.crs,
        "tie_break": _iso(draw.tie_break),
        "drawn_at": _iso(draw.drawn_at),
        "programs": draw.programs,
        "confirmed": draw.confirmed,
        "reports": report_count,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None

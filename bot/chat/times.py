"""/times: IRCC's forward-looking processing times, as the stored editions give them.

``/times`` the Express Entry programs (CEC, FSW, PNP through Express Entry), ``/times all``
every program, ``/times cec`` one program over its last editions, ``/times cec 2025-06``
the people ahead and the time left for a month of application. Each figure is read from
IRCC's words (core.times) and rendered in the chat's language, with the previous edition's.

``/subscribe times [program [month]]`` follows them (core.times.follow), and the button
under each answer does the same; ``/unsubscribe times [program [month]]`` stops.
"""

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.chat import buttons, charts
from bot.chat.arguments import ArgumentError, Subscribe
from bot.chat.services import ChatContext
from bot.chat.speech import reply
from bot.messages import times as texts
from bot.messages.times import EditionFigures, MonthFigures, ProgramFigures
from core.categories import fold
from core.limits import MAX_ARGUMENT_LENGTH
from core.times.follow import EXPRESS_ENTRY, Followed, followed
from core.times.months import read_month
from core.times.values import read_duration, read_people
from db import chats
from db import times as stored
from db.models import TimesEdition, TimesFigure

HISTORY_EDITIONS = 6  # the editions /times cec shows
MAX_TIMES_ARGUMENTS = 4  # a program and a month in words ("cec June 2025")
ALIASES = {
    "pnp": "pnp-ee",
    "ee-pnp": "pnp-ee",
    "fswp": "fsw",
    "fstp": "fst",
}


async def times_chart(update: Update, context: ChatContext, args: list[str]) -> None:
    """/chart times cec: the program's time over the stored editions, as a picture."""
    async with context.services.sessions() as session:
        editions = await stored.newest_editions(session, 1)
        if not editions:
            await reply(update, texts.NONE_YET())
            return
        programs = await stored.programs_of(session, editions[0].id)
        program = _program(args[0], programs) if args else "cec"
        if program is None or len(args) > 1:
            await reply(update, texts.unknown_program(" ".join(args), programs))
            return
        picture = await charts.describe_times(session, program)
    await charts.answer(update, context.services.charts, picture)


async def times(update: Update, context: ChatContext) -> None:
    """/times [all | program [month]]"""
    args = list(context.args or [])
    if len(args) > MAX_TIMES_ARGUMENTS or any(len(arg) > MAX_ARGUMENT_LENGTH for arg in args):
        await reply(update, texts.TOO_MANY())
        return
    async with context.services.sessions() as session:
        editions = await stored.newest_editions(session, HISTORY_EDITIONS)
        if not editions:
            await reply(update, texts.NONE_YET())
            return
        latest = editions[0]
        figures = await stored.figures_of(session, [edition.id for edition in editions])
        programs = [row.program for row in figures[latest.id]]
        if not args or fold(args[0]) == "all":
            shown = programs if args else [key for key in EXPRESS_ENTRY if key in programs]
            previous = editions[1] if len(editions) > 1 else None
            text = texts.overview(
                _edition(latest, figures[latest.id], shown),
                _edition(previous, figures[previous.id], shown) if previous else None,
            )
            await reply(update, text, buttons.follow(Followed()) if not args else None)
            return
        program = _program(args[0], programs)
        if program is None:
            await reply(update, texts.unknown_program(args[0], programs))
            return
        if len(args) == 1:
            history = [_edition(edition, figures[edition.id], [program]) for edition in editions]
            await reply(
                update, texts.program_history(program, history), buttons.follow(Followed(program))
            )
            return
        written = " ".join(args[1:])
        month = read_month(written)
        if month is None:
            await reply(update, texts.bad_month(written))
            return
        text, found = await _month(session, editions, program, month)
    await reply(update, text, buttons.follow(Followed(program, month)) if found else None)


async def follow_request(session: AsyncSession, args: list[str]) -> Subscribe:
    """What ``/subscribe times [program [month]]`` asks to follow (the words after
    "times"), checked against the newest edition; raises ArgumentError with the answer."""
    if len(args) > MAX_TIMES_ARGUMENTS - 1 or any(len(arg) > MAX_ARGUMENT_LENGTH for arg in args):
        raise ArgumentError(texts.SUBSCRIBE_USAGE())
    if not args:
        return Subscribe(Followed().key, None)
    programs = await stored.known_programs(session)
    program = _program(args[0], programs)
    if program is None:
        raise ArgumentError(
            f"{texts.unknown_program(args[0], programs)}\n{texts.SUBSCRIBE_USAGE()}"
        )
    if len(args) == 1:
        return Subscribe(Followed(program).key, None)
    written = " ".join(args[1:])
    month = read_month(written)
    if month is None:
        raise ArgumentError(f"{texts.bad_month(written)}\n{texts.SUBSCRIBE_USAGE()}")
    newest = await stored.newest_editions(session, 1)
    months = await stored.months_of(session, newest[0].id, program) if newest else [month]
    if month not in months:
        raise ArgumentError(texts.no_month(program, month, months))
    return Subscribe(Followed(program, month).key, None)


async def unfollow(session: AsyncSession, chat_id: int, args: list[str]) -> str:
    """``/unsubscribe times [program [month]]``: the chat's subscriptions to the times that
    the words name go (all of them for "times" alone, a program's with its months)."""
    programs = await stored.known_programs(session)
    program = _program(args[0], programs) or fold(args[0]) if args else None
    month = read_month(" ".join(args[1:])) if len(args) > 1 else None
    removed = 0
    for subscription in await chats.subscriptions_of(session, chat_id):
        follows = followed(subscription.category)
        if follows is None or (program is not None and follows.program != program):
            continue
        if month is not None and follows.month != month:
            continue
        removed += await chats.unsubscribe(session, chat_id, subscription.category)
    return texts.unsubscribed(removed)


def _program(written: str, programs: list[str]) -> str | None:
    """The program a chat means: its key in the document, or a name people use for it."""
    key = fold(written).replace(" ", "-")
    key = ALIASES.get(key, key)
    return key if key in programs else None


def _edition(edition: TimesEdition, rows: list[TimesFigure], shown: list[str]) -> EditionFigures:
    by_program = {row.program: row for row in rows}
    return EditionFigures(
        edition.date,
        edition.published,
        [
            ProgramFigures(
                program, read_duration(by_program[program].time or ""),
                read_people(by_program[program].people or ""),
            )
            for program in shown
            if program in by_program
        ],
    )  # fmt: skip


async def _month(
    session: AsyncSession, editions: list[TimesEdition], program: str, month: str
) -> tuple[str, bool]:
    """The month's figures in the newest edition and the one before, and whether IRCC
    gives them."""
    pair = editions[:2]
    rows = await stored.figures_of(session, [edition.id for edition in pair], program, month)
    found = [
        MonthFigures(edition.date, edition.published, read_people(row.people or ""),
                     read_duration(row.time or ""))
        for edition in pair
        for row in rows[edition.id][:1]
    ]  # fmt: skip
    if not rows[pair[0].id]:
        months = await stored.months_of(session, pair[0].id, program)
        return texts.no_month(program, month, months), False
    previous = found[1] if len(found) > 1 else None
    return texts.month_view(program, month, found[0], previous), True

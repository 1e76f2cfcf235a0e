"""What only the operators see: their command menu's extra commands, and error reports
(error_report escapes what it is given)."""

from html import escape

from bot.messages.templates import Plural, Text

# The operators' menu, beside the commands everyone has
OPERATOR_COMMANDS = {"status": "The bot's health: chats, outbox, sources"}

ERROR_REPORT = Text("⚠️ Unexpected error in {where}: {error}", "where error")
ERROR_REPORT_MORE = Plural(
    "⚠️ Unexpected error in {where}: {error}\n({count} more error since the last report.)",
    "⚠️ Unexpected error in {where}: {error}\n({count} more errors since the last report.)",
    "where error",
)
IN_COMMAND = Text("/{command}", "command")
IN_UPDATE = Text("an update ({kind})", "kind")
IN_JOB = Text("the job {job}", "job")
IN_POLLING = "fetching updates"


def error_report(where: str, error: str, more: int) -> str:
    if more:
        return ERROR_REPORT_MORE(more, where=escape(where), error=escape(error))
    return ERROR_REPORT(where=escape(where), error=escape(error))


def in_command(command: str) -> str:
    return IN_COMMAND(command=command)


def in_update(kind: str) -> str:
    return IN_UPDATE(kind=kind)


def in_job(job: str) -> str:
    return IN_JOB(job=job)

"""What only the operators see: their command menu's extra commands, and error reports
(error_report escapes what it is given)."""

from html import escape

from bot.messages.templates import Plural, Text

# The operators' menu, beside the commands everyone has
OPERATOR_COMMANDS = {"status": Text("menu.status")}

ERROR_REPORT = Text("reports.error", "where error")
ERROR_REPORT_MORE = Plural("reports.error_more", "where error")
IN_COMMAND = Text("reports.in_command", "command")
IN_UPDATE = Text("reports.in_update", "kind")
IN_JOB = Text("reports.in_job", "job")
IN_POLLING = Text("reports.in_polling")


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

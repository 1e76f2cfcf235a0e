"""Answers to commands: help, subscriptions, what was wrong with a command, groups."""

from collections.abc import Sequence
from html import escape

from bot.messages import provinces, times
from bot.messages.templates import ByScope, Plural, Text
from core.provinces.values import province_of_key
from core.scores import MAX_SCORE
from core.times.follow import followed
from db.models import Subscription

# The command menu Telegram shows, with each command's description.
COMMANDS = {
    "subscribe": Text("menu.subscribe"),
    "latest": Text("menu.latest"),
    "subscriptions": Text("menu.subscriptions"),
    "unsubscribe": Text("menu.unsubscribe"),
    "chart": Text("menu.chart"),
    "rank": Text("menu.rank"),
    "categories": Text("menu.categories"),
    "provinces": Text("menu.provinces"),
    "times": Text("menu.times"),
    "history": Text("menu.history"),
    "app": Text("menu.app"),
    "share": Text("menu.share"),
    "help": Text("menu.help"),
    "start": Text("menu.start"),
    "language": Text("menu.language"),
    "timezone": Text("menu.timezone"),
}

HELP = Text("commands.help", "max_score")
START = Text("commands.start", "help")

SUBSCRIBE_USAGE = Text("commands.subscribe_usage")
UNSUBSCRIBE_USAGE = Text("commands.unsubscribe_usage")
TOO_LONG = Text("commands.too_long")
BAD_SCORE = Text("commands.bad_score", "text max_score")
UNKNOWN_CATEGORY = Text("commands.unknown_category", "text")
UNKNOWN_CATEGORY_HINT = Text("commands.unknown_category_hint", "text suggestion")

SUBSCRIBED = ByScope("commands.subscribed", "")
REPLACED = ByScope("commands.replaced", "")
TOO_MANY = Plural("commands.too_many")

SUBSCRIPTIONS = Text("commands.subscriptions")
SUBSCRIPTION = ByScope("commands.subscription", "key")
NO_SUBSCRIPTIONS = Text("commands.no_subscriptions")
UNSUBSCRIBED = Text("commands.unsubscribed", "key")
NOT_SUBSCRIBED = Text("commands.not_subscribed", "key")
REMOVED_ALL = Plural("commands.removed_all")
NOTHING_TO_REMOVE = Text("commands.nothing_to_remove")

GROUP_ADMINS_ONLY = Text("commands.group_admins_only")
WELCOME_GROUP = Text("commands.welcome_group")
TOO_FAST = Text("commands.too_fast")
UNKNOWN_COMMAND = Text("commands.unknown_command", "command")
UNKNOWN_COMMAND_CLOSE = Text("commands.unknown_command_close", "command close")
FAILED = Text("commands.failed")


def unknown_command(command: str, close: str | None) -> str:
    if close is None:
        return UNKNOWN_COMMAND(command=escape(command))
    return UNKNOWN_COMMAND_CLOSE(command=escape(command), close=close)


def help_() -> str:
    return HELP(max_score=MAX_SCORE)


def start() -> str:
    return START(help=help_())


def too_long(usage: str) -> str:
    """The arguments are too long to be anything; with the command's usage, if it has one."""
    return " ".join(sentences for sentences in (TOO_LONG(), usage) if sentences)


def bad_score(text: str) -> str:
    return BAD_SCORE(text=escape(text), max_score=MAX_SCORE)


def unknown_category(text: str, suggestion: str | None) -> str:
    if suggestion:
        return UNKNOWN_CATEGORY_HINT(text=escape(text), suggestion=escape(suggestion))
    return UNKNOWN_CATEGORY(text=escape(text))


def subscribed(category: str, max_crs: int | None, replaced: Subscription | None) -> str:
    """What a chat is told when it subscribes (to a province's draws too)."""
    if province_of_key(category) is not None:
        return provinces.subscribed(category, max_crs, replaced is not None)
    if (follows := followed(category)) is not None:
        return times.subscribed(follows)
    lines = [SUBSCRIBED(category, max_crs)]
    if replaced is not None:
        lines.append(REPLACED(category, replaced.max_crs))
    return "\n".join(lines)


def too_many(cap: int) -> str:
    return TOO_MANY(cap)


def subscription_list(subscriptions: Sequence[Subscription]) -> str:
    if not subscriptions:
        return NO_SUBSCRIPTIONS()
    lines = [SUBSCRIPTIONS()]
    for sub in subscriptions:
        if province_of_key(sub.category) is not None:
            lines.append(provinces.subscription(sub.category, sub.max_crs))
        elif (follows := followed(sub.category)) is not None:
            lines.append(times.subscription(follows))
        else:
            lines.append(SUBSCRIPTION(sub.category, sub.max_crs, key=escape(sub.category)))
    return "\n".join(lines)


def unsubscribed(category: str | None, removed: int) -> str:
    if category is None:
        return REMOVED_ALL(removed) if removed else NOTHING_TO_REMOVE()
    key = escape(category)
    return UNSUBSCRIBED(key=key) if removed else NOT_SUBSCRIBED(key=key)

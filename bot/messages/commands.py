"""Answers to commands: help, subscriptions, what was wrong with a command, groups."""

from collections.abc import Sequence
from html import escape

from bot.messages.templates import ByScope, Plural, Text
from db.models import Subscription

MAX_SCORE = 1200

# The command menu Telegram shows, with each command's description.
COMMANDS = {
    "subscribe": "Alerts for a category and score, e.g. /subscribe stem 490",
    "latest": "The newest draw, or the newest of a category",
    "subscriptions": "What this chat is subscribed to",
    "unsubscribe": "Stop alerts for a category, or all",
    "chart": "Cut-offs over time as a picture, e.g. /chart stem 2y",
    "rank": "About how many in the pool score as much as you, e.g. /rank 480",
    "categories": "Categories and their latest draws",
    "history": "The last draws as a table, e.g. /history stem",
    "share": "Links that set up this chat's alerts in one tap",
    "help": "What this bot does, with examples",
    "start": "Start (or resume) alerts in this chat",
}

HELP = Text(
    """<b>Express Entry draw alerts</b>
I watch IRCC's rounds of invitations and message you the minute a draw that \
concerns you is published: its category, invitations, CRS cut-off and tie-break.

<b>Subscribe</b>
/subscribe stem 490: STEM draws and all-program draws whose cut-off is 490 or lower
/subscribe healthcare: every healthcare draw and every all-program draw
/subscribe 480: any draw with a cut-off of 480 or lower
/subscribe all: every draw
/subscribe alone: choose with buttons
Subscribing again to a category replaces its score. Scores go from 0 to {max_score}.

<b>Look up</b>
/latest: the newest draw; /latest cec: the newest CEC draw
/history: the last 10 draws; /history stem 20: the last 20 STEM draws
/chart stem: STEM cut-offs over the last year, as a picture; /chart: every category; \
/chart pool: the pool by score
/rank 480: about how many candidates in the pool have 480 or more
/categories: the categories and their latest draws
/subscriptions: what this chat follows, with buttons to remove each
/share: links that set up the same alerts in one tap, to pass on
/unsubscribe stem, /unsubscribe all

Figures come from IRCC's official rounds data; a draw seen first in the news is marked \
as not yet confirmed until IRCC publishes it.""",
    "max_score",
)
START = Text("Hello! {help}", "help")

SUBSCRIBE_USAGE = (
    "Usage: <code>/subscribe &lt;category&gt; [score]</code>, <code>/subscribe &lt;score&gt;</code>"
    " or <code>/subscribe all</code>\nExamples: <code>/subscribe stem 490</code>, "
    "<code>/subscribe 480</code>. /categories lists the categories."
)
UNSUBSCRIBE_USAGE = (
    "Usage: <code>/unsubscribe &lt;category&gt;</code> or <code>/unsubscribe all</code>."
    " /subscriptions shows what this chat follows."
)
TOO_LONG = "That is longer than any category or score."
BAD_SCORE = Text(
    "“{text}” is not a CRS score: give a whole number from 0 to {max_score}.", "text max_score"
)
UNKNOWN_CATEGORY = Text("I don't know the category “{text}”. /categories lists them.", "text")
UNKNOWN_CATEGORY_HINT = Text(
    "I don't know the category “{text}”. Did you mean <code>{suggestion}</code>? "
    "/categories lists them.",
    "text suggestion",
)

SUBSCRIBED = ByScope(
    "",
    every=(
        "Subscribed: you will get every draw, whatever the cut-off.",
        "Subscribed: you will get every draw with a cut-off of {score} or lower.",
    ),
    general=(
        "Subscribed: you will get all-program draws, whatever the cut-off.",
        "Subscribed: you will get all-program draws with a cut-off of {score} or lower.",
    ),
    category=(
        "Subscribed: you will get {category} draws and all-program draws, whatever the cut-off.",
        "Subscribed: you will get {category} draws and all-program draws "
        "with a cut-off of {score} or lower.",
    ),
)
REPLACED = ByScope(
    "",
    every=(
        "(This replaces your earlier every draw, whatever the cut-off.)",
        "(This replaces your earlier every draw with a cut-off of {score} or lower.)",
    ),
    general=(
        "(This replaces your earlier all-program draws, whatever the cut-off.)",
        "(This replaces your earlier all-program draws with a cut-off of {score} or lower.)",
    ),
    category=(
        "(This replaces your earlier {category} draws and all-program draws, "
        "whatever the cut-off.)",
        "(This replaces your earlier {category} draws and all-program draws "
        "with a cut-off of {score} or lower.)",
    ),
)
TOO_MANY = Plural(
    "This chat already has {count} subscription, the most one chat can have. "
    "Remove it with /unsubscribe first.",
    "This chat already has {count} subscriptions, the most one chat can have. "
    "Remove one with /unsubscribe first.",
)

SUBSCRIPTIONS = "<b>This chat gets:</b>"
SUBSCRIPTION = ByScope(
    "key",
    every=(
        "• every draw, whatever the cut-off (<code>{key}</code>)",
        "• every draw with a cut-off of {score} or lower (<code>{key} {score}</code>)",
    ),
    general=(
        "• all-program draws, whatever the cut-off (<code>{key}</code>)",
        "• all-program draws with a cut-off of {score} or lower (<code>{key} {score}</code>)",
    ),
    category=(
        "• {category} draws and all-program draws, whatever the cut-off (<code>{key}</code>)",
        "• {category} draws and all-program draws with a cut-off of {score} or lower "
        "(<code>{key} {score}</code>)",
    ),
)
NO_SUBSCRIPTIONS = "This chat has no subscriptions. Try <code>/subscribe stem 490</code>."
UNSUBSCRIBED = Text("Unsubscribed from <code>{key}</code>.", "key")
NOT_SUBSCRIBED = Text("This chat was not subscribed to <code>{key}</code>.", "key")
REMOVED_ALL = Plural("Removed {count} subscription.", "Removed all {count} subscriptions.")
NOTHING_TO_REMOVE = "No subscriptions to remove."

GROUP_ADMINS_ONLY = (
    "Only this group's administrators can change its subscriptions. "
    "Anyone can use /latest and /categories."
)
WELCOME_GROUP = (
    "Hello! I post Express Entry draws here as soon as IRCC publishes them. "
    "A group administrator can choose which: <code>/subscribe stem 490</code>, "
    "<code>/subscribe all</code>. /help lists everything."
)
TOO_FAST = "You're sending commands too fast. Please wait a minute."
UNKNOWN_COMMAND = Text("I don't know the command /{command}. /help lists what I can do.", "command")
UNKNOWN_COMMAND_CLOSE = Text(
    "I don't know the command /{command}. Did you mean /{close}? /help lists what I can do.",
    "command close",
)
FAILED = "Sorry, something went wrong on my side. Please try again later."


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
    return " ".join(sentences for sentences in (TOO_LONG, usage) if sentences)


def bad_score(text: str) -> str:
    return BAD_SCORE(text=escape(text), max_score=MAX_SCORE)


def unknown_category(text: str, suggestion: str | None) -> str:
    if suggestion:
        return UNKNOWN_CATEGORY_HINT(text=escape(text), suggestion=escape(suggestion))
    return UNKNOWN_CATEGORY(text=escape(text))


def subscribed(category: str, max_crs: int | None, replaced: Subscription | None) -> str:
    lines = [SUBSCRIBED(category, max_crs)]
    if replaced is not None:
        lines.append(REPLACED(category, replaced.max_crs))
    return "\n".join(lines)


def too_many(cap: int) -> str:
    return TOO_MANY(cap)


def subscription_list(subscriptions: Sequence[Subscription]) -> str:
    if not subscriptions:
        return NO_SUBSCRIPTIONS
    lines = [SUBSCRIPTIONS]
    for sub in subscriptions:
        lines.append(SUBSCRIPTION(sub.category, sub.max_crs, key=escape(sub.category)))
    return "\n".join(lines)


def unsubscribed(category: str | None, removed: int) -> str:
    if category is None:
        return REMOVED_ALL(removed) if removed else NOTHING_TO_REMOVE
    key = escape(category)
    return UNSUBSCRIBED(key=key) if removed else NOT_SUBSCRIBED(key=key)

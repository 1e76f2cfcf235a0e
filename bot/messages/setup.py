"""Setting up with buttons, deep links and /share.

Button labels are plain text (Telegram shows them as they are); the messages are HTML."""

from collections.abc import Sequence
from html import escape

from bot.messages.commands import MAX_SCORE
from bot.messages.templates import ByScope, Text
from core.categories import ALL, GENERAL, label
from db.models import Subscription

SET_UP_BUTTON = "Set up alerts"
ALL_DRAWS_BUTTON = "All draws"
ANY_SCORE_BUTTON = "Any score"
OWN_SCORE_BUTTON = "Type my score"
SCORE_BUTTON = Text("{score} or lower", "score")
CONFIRM_BUTTON = "Confirm"
CANCEL_BUTTON = "Cancel"
REMOVE_BUTTON = Text("Remove {category}", "category")
REMOVE_ALL_DRAWS_BUTTON = "Remove every draw"

PICK_CATEGORY = "Which draws should I tell you about? Pick a category, or all draws."
PICK_SCORE_EVERY = "Every draw. Up to which CRS cut-off? Pick your score, or one near it."
PICK_SCORE_GENERAL = "All-program draws. Up to which CRS cut-off? Pick your score, or one near it."
PICK_SCORE = Text(
    "{category} draws and all-program draws. Up to which CRS cut-off? "
    "Pick your score, or one near it.",
    "category",
)
TYPE_SCORE = Text("Send me your CRS score: a whole number from 0 to {max_score}.", "max_score")
CONFIRM = ByScope(
    "",
    every=(
        "Get every draw, whatever the cut-off?",
        "Get every draw with a cut-off of {score} or lower?",
    ),
    general=(
        "Get all-program draws, whatever the cut-off?",
        "Get all-program draws with a cut-off of {score} or lower?",
    ),
    category=(
        "Get {category} draws and all-program draws, whatever the cut-off?",
        "Get {category} draws and all-program draws with a cut-off of {score} or lower?",
    ),
)
CANCELLED = "Set-up cancelled: nothing was changed."

# Answers to a pressed button, shown briefly over the chat (200 characters at most)
OUT_OF_DATE = "This button is out of date. Send /subscribe to start again."
UNREADABLE = "I can't read this button. Send /subscribe to start again."
CATEGORY_GONE = "I no longer know this category. Send /subscribe to start again."
ADMINS_ONLY = "Only this group's administrators can change its subscriptions."
ALREADY_REMOVED = "That subscription was already removed."
REMOVED = "Removed."
FAILED = "Sorry, something went wrong on my side."

SHARE = (
    "Pass these links on: each one sets up the same alerts as this chat, in one tap, "
    "for whoever opens it."
)
SHARE_LINK = ByScope(
    "link",
    every=("• every draw: {link}", "• every draw with a cut-off of {score} or lower: {link}"),
    general=(
        "• all-program draws: {link}",
        "• all-program draws with a cut-off of {score} or lower: {link}",
    ),
    category=(
        "• {category} draws: {link}",
        "• {category} draws with a cut-off of {score} or lower: {link}",
    ),
)
SHARE_NOTHING = Text(
    "This chat has no subscriptions to share yet: set some up with /subscribe. "
    "This link opens the bot: {link}",
    "link",
)


def pick_score(category: str) -> str:
    if category == ALL:
        return PICK_SCORE_EVERY
    if category == GENERAL:
        return PICK_SCORE_GENERAL
    return PICK_SCORE(category=escape(label(category)))


def type_score() -> str:
    return TYPE_SCORE(max_score=MAX_SCORE)


def confirm(category: str, max_crs: int | None) -> str:
    return CONFIRM(category, max_crs)


def category_button(key: str) -> str:
    return ALL_DRAWS_BUTTON if key == ALL else label(key)


def score_button(score: int) -> str:
    return SCORE_BUTTON(score=score)


def remove_button(subscription: Subscription) -> str:
    if subscription.category == ALL:
        return REMOVE_ALL_DRAWS_BUTTON
    what = label(subscription.category)
    if subscription.max_crs is not None:
        what = f"{what} {subscription.max_crs}"
    return REMOVE_BUTTON(category=what)


def share(links: Sequence[tuple[Subscription, str]], bot_link: str) -> str:
    if not links:
        return SHARE_NOTHING(link=escape(bot_link))
    lines = [SHARE]
    for sub, link in links:
        lines.append(SHARE_LINK(sub.category, sub.max_crs, link=escape(link)))
    return "\n".join(lines)

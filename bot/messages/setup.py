"""Setting up with buttons, deep links and /share.

Button labels are plain text (Telegram shows them as they are); the messages are HTML."""

from collections.abc import Sequence
from html import escape

from bot.messages import times
from bot.messages.templates import ByScope, Text, label
from core.categories import ALL, GENERAL
from core.provinces.values import PROVINCES
from core.scores import MAX_SCORE
from core.times.follow import TIMES, followed
from db.models import Subscription

SET_UP_BUTTON = Text("setup.set_up_button")
ALL_DRAWS_BUTTON = Text("setup.all_draws_button")
ANY_SCORE_BUTTON = Text("setup.any_score_button")
OWN_SCORE_BUTTON = Text("setup.own_score_button")
SCORE_BUTTON = Text("setup.score_button", "score")
CONFIRM_BUTTON = Text("setup.confirm_button")
CANCEL_BUTTON = Text("setup.cancel_button")
REMOVE_BUTTON = Text("setup.remove_button", "category")
REMOVE_ALL_DRAWS_BUTTON = Text("setup.remove_all_draws_button")

PICK_CATEGORY = Text("setup.pick_category")
PICK_SCORE_EVERY = Text("setup.pick_score_every")
PICK_SCORE_GENERAL = Text("setup.pick_score_general")
PICK_SCORE = Text("setup.pick_score", "category")
TYPE_SCORE = Text("setup.type_score", "max_score")
CONFIRM = ByScope("setup.confirm", "")
PICK_PROVINCE_SCORE = Text("setup.pick_province_score", "province")
CONFIRM_PROVINCE = Text("setup.confirm_province", "province")
CONFIRM_PROVINCE_SCORE = Text("setup.confirm_province_score", "province score")
CANCELLED = Text("setup.cancelled")
TIMES_BUTTON = Text("setup.times_button")
CONFIRM_TIMES = Text("setup.confirm_times", "what")
SHARE_TIMES_LINK = Text("setup.share_times_link", "what link")

# Answers to a pressed button, shown briefly over the chat (200 characters at most)
OUT_OF_DATE = Text("setup.out_of_date")
UNREADABLE = Text("setup.unreadable")
CATEGORY_GONE = Text("setup.category_gone")
TIMES_GONE = Text("setup.times_gone")
ADMINS_ONLY = Text("setup.admins_only")
ALREADY_REMOVED = Text("setup.already_removed")
REMOVED = Text("setup.removed")
FOLLOWING = Text("setup.following")
FAILED = Text("setup.failed")

SHARE = Text("setup.share")
SHARE_LINK = ByScope("setup.share_link", "link")
SHARE_NOTHING = Text("setup.share_nothing", "link")


def pick_score(category: str) -> str:
    """The score step's question, for what was chosen."""
    if category in PROVINCES:
        return PICK_PROVINCE_SCORE(province=escape(label(category)))
    if category == ALL:
        return PICK_SCORE_EVERY()
    if category == GENERAL:
        return PICK_SCORE_GENERAL()
    return PICK_SCORE(category=escape(label(category)))


def type_score() -> str:
    return TYPE_SCORE(max_score=MAX_SCORE)


def confirm(category: str, max_crs: int | None) -> str:
    """The last step's question: what the subscription will bring."""
    if (follows := followed(category)) is not None:
        return CONFIRM_TIMES(what=times.followed_name(follows))
    if category in PROVINCES:
        province = escape(label(category))
        if max_crs is None:
            return CONFIRM_PROVINCE(province=province)
        return CONFIRM_PROVINCE_SCORE(province=province, score=max_crs)
    return CONFIRM(category, max_crs)


def category_button(key: str) -> str:
    if key == TIMES:
        return TIMES_BUTTON()
    return ALL_DRAWS_BUTTON() if key == ALL else label(key)


def score_button(score: int) -> str:
    return SCORE_BUTTON(score=score)


def remove_button(subscription: Subscription) -> str:
    if (follows := followed(subscription.category)) is not None:
        return times.remove_button(follows)
    if subscription.category == ALL:
        return REMOVE_ALL_DRAWS_BUTTON()
    what = label(subscription.category)
    if subscription.max_crs is not None:
        what = f"{what} {subscription.max_crs}"
    return REMOVE_BUTTON(category=what)


def share(links: Sequence[tuple[Subscription, str]], bot_link: str) -> str:
    if not links:
        return SHARE_NOTHING(link=escape(bot_link))
    lines = [SHARE()]
    for sub, link in links:
        if (follows := followed(sub.category)) is not None:
            lines.append(SHARE_TIMES_LINK(what=times.followed_name(follows), link=escape(link)))
        else:
            lines.append(SHARE_LINK(sub.category, sub.max_crs, link=escape(link)))
    return "\n".join(lines)

"""What a button says: callback data written by the bot and read back like typed input.

A press is only what its data parses to. Data that does not parse (forged, or from an
older version of the bot), a category no longer known and a score out of range are
refused with a reason, before anything is looked up or changed.

    su:new                  begin a set-up (the button under /start)
    su:<flow>:c:<key>       the category (a key, or "all")
    su:<flow>:s:<score>     the score, or su:<flow>:s:any
    su:<flow>:own           the user will type the score
    su:<flow>:ok            confirm; su:<flow>:x cancels
    rm:<key>                remove the chat's subscription to that category
    tf:<key>                follow the processing times (a ``times`` key: core.times.follow)

``<flow>`` names the step of one set-up (bot.chat.flows), so a button of a step already
passed, or of a set-up the bot no longer holds, is told apart from a current one.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bot.messages import setup as texts
from bot.messages import times as times_texts
from bot.messages import webapp as app_texts
from core.categories import ALL
from core.scores import read_score
from core.times.follow import TIMES, Followed, is_times_key
from db.models import Subscription

SETUP, REMOVE, FOLLOW = "su", "rm", "tf"
ANY = "any"
_FLOW = re.compile(r"^[0-9a-f]{8}$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")  # 64 bytes of data at most
PER_ROW = 2


class Action(Enum):
    BEGIN = "new"
    CATEGORY = "c"
    SCORE = "s"
    OWN_SCORE = "own"
    CONFIRM = "ok"
    CANCEL = "x"
    REMOVE = "rm"
    FOLLOW = "tf"


class Refusal(Enum):
    """Why a press changes nothing; each has its short answer (ANSWERS)."""

    UNREADABLE = "unreadable"  # not data this bot writes, or a score out of range
    CATEGORY_GONE = "category gone"  # no stored draw has that category (any longer)
    TIMES_GONE = "times gone"  # the newest edition no longer lists that program or month
    OUT_OF_DATE = "out of date"  # a step passed, a set-up finished or forgotten
    ADMINS_ONLY = "admins only"
    ALREADY_REMOVED = "already removed"


def answer(reason: Refusal) -> str:
    """The short answer to a refused press."""
    return {
        Refusal.UNREADABLE: texts.UNREADABLE,
        Refusal.CATEGORY_GONE: texts.CATEGORY_GONE,
        Refusal.TIMES_GONE: texts.TIMES_GONE,
        Refusal.OUT_OF_DATE: texts.OUT_OF_DATE,
        Refusal.ADMINS_ONLY: texts.ADMINS_ONLY,
        Refusal.ALREADY_REMOVED: texts.ALREADY_REMOVED,
    }[reason]()


class Refused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.name)
        self.reason = reason


@dataclass(frozen=True)
class Press:
    action: Action
    flow: str = ""
    category: str | None = None
    score: int | None = None  # with Action.SCORE, None is "any score"


def parse_press(data: str | None, known: frozenset[str]) -> Press:
    """The press a button's data describes; raises Refused. ``known``: the stored
    categories (a removal names a subscription, checked against the chat's own)."""
    parts = (data or "").split(":")
    match parts:
        case [prefix, "new"] if prefix == SETUP:
            return Press(Action.BEGIN)
        case [prefix, key] if prefix == REMOVE and _KEY.match(key):
            return Press(Action.REMOVE, category=key)
        case [prefix, key] if prefix == FOLLOW and _KEY.match(key) and is_times_key(key):
            return Press(Action.FOLLOW, category=key)
        case [prefix, flow, "c", key] if prefix == SETUP and _FLOW.match(flow):
            return Press(Action.CATEGORY, flow, category=_category(key, known))
        case [prefix, flow, "s", score] if prefix == SETUP and _FLOW.match(flow):
            return Press(Action.SCORE, flow, score=_score(score))
        case [prefix, flow, ("own" | "ok" | "x") as action] if prefix == SETUP and _FLOW.match(
            flow
        ):
            return Press(Action(action), flow)
    raise Refused(Refusal.UNREADABLE)


def _category(key: str, known: frozenset[str]) -> str:
    if not _KEY.match(key):
        raise Refused(Refusal.UNREADABLE)
    if key not in (ALL, TIMES) and key not in known:
        raise Refused(Refusal.CATEGORY_GONE)
    return key


def _score(text: str) -> int | None:
    if text == ANY:
        return None
    score = read_score(text)
    if score is None:
        raise Refused(Refusal.UNREADABLE)
    return score


def data(press: Press) -> str:
    """The callback data of a press: what parse_press reads back."""
    match press.action:
        case Action.BEGIN:
            return f"{SETUP}:new"
        case Action.REMOVE:
            return f"{REMOVE}:{press.category}"
        case Action.FOLLOW:
            return f"{FOLLOW}:{press.category}"
        case Action.CATEGORY:
            return f"{SETUP}:{press.flow}:c:{press.category}"
        case Action.SCORE:
            score = ANY if press.score is None else press.score
            return f"{SETUP}:{press.flow}:s:{score}"
    return f"{SETUP}:{press.flow}:{press.action.value}"


def _button(text: str, press: Press) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=data(press))


def _rows(buttons: Sequence[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[at : at + PER_ROW]) for at in range(0, len(buttons), PER_ROW)]


def begin(app_url: str | None = None) -> InlineKeyboardMarkup:
    """Set up alerts; and open the Mini App, when it is on."""
    rows = [[_button(texts.SET_UP_BUTTON(), Press(Action.BEGIN))]]
    return InlineKeyboardMarkup(rows + (_open_app(app_url) if app_url else []))


def open_app(url: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(_open_app(url))


def _open_app(url: str) -> list[list[InlineKeyboardButton]]:
    return [[InlineKeyboardButton(app_texts.OPEN_BUTTON(), web_app=WebAppInfo(url))]]


def categories(flow: str, keys: Sequence[str]) -> InlineKeyboardMarkup:
    """All draws first, then each category."""
    buttons = [
        _button(texts.category_button(key), Press(Action.CATEGORY, flow, category=key))
        for key in (ALL, *keys)
    ]
    return InlineKeyboardMarkup([*_rows(buttons), [_cancel(flow)]])


def follow(followed: Followed) -> InlineKeyboardMarkup:
    """Under /times' answers: follow what it shows, in one tap."""
    press = Press(Action.FOLLOW, category=followed.key)
    return InlineKeyboardMarkup([[_button(times_texts.FOLLOW_BUTTON(), press)]])


def scores(flow: str, choices: Sequence[int]) -> InlineKeyboardMarkup:
    buttons = [
        _button(texts.score_button(score), Press(Action.SCORE, flow, score=score))
        for score in choices
    ]
    buttons += [
        _button(texts.ANY_SCORE_BUTTON(), Press(Action.SCORE, flow)),
        _button(texts.OWN_SCORE_BUTTON(), Press(Action.OWN_SCORE, flow)),
    ]
    return InlineKeyboardMarkup([*_rows(buttons), [_cancel(flow)]])


def confirm(flow: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(texts.CONFIRM_BUTTON(), Press(Action.CONFIRM, flow)), _cancel(flow)]]
    )


def cancel_only(flow: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_cancel(flow)]])


def _cancel(flow: str) -> InlineKeyboardButton:
    return _button(texts.CANCEL_BUTTON(), Press(Action.CANCEL, flow))


def removals(subscriptions: Sequence[Subscription]) -> InlineKeyboardMarkup | None:
    """A button to remove each subscription; none without subscriptions."""
    if not subscriptions:
        return None
    return InlineKeyboardMarkup(
        [
            [_button(texts.remove_button(sub), Press(Action.REMOVE, category=sub.category))]
            for sub in subscriptions
        ]
    )

"""Every text the bot sends to Telegram, as Telegram HTML, in one place.

Each text is a message id with named fields: a ``Text``, a ``Plural`` (the catalog's plural
forms, chosen by a count) or a ``ByScope`` (one sentence per kind of subscription). Its
wording, a whole sentence (or a few, or a table row) in English and in French, lives in the
catalogs of bot/locale (see ``catalog``); ``locale`` says whom a text is for. Text from outside
(IRCC's names, users' words, addresses, error strings) is escaped here, once.

- ``draws``: alerts, corrections, /latest, /categories
- ``commands``: help, subscriptions, what was wrong with a command, groups, the menu
- ``insights``: /history, and the context line of alerts and /latest
- ``pool``: /rank
- ``charts``: /chart, and the words in its pictures
- ``language``: /language and /timezone
- ``operators``: /status
- ``setup``: setting up with buttons, deep links, /share (imported as a module)
- ``reports``: the operators' menu and error reports (imported as a module)
- ``provinces``: provincial draws, subscriptions to provinces, /provinces
- ``times``: IRCC's processing times, /times (imported as a module)
"""

from bot.messages.charts import CHART_USAGE, bad_period
from bot.messages.commands import (
    COMMANDS,
    FAILED,
    GROUP_ADMINS_ONLY,
    SUBSCRIBE_USAGE,
    TOO_FAST,
    UNSUBSCRIBE_USAGE,
    WELCOME_GROUP,
    bad_score,
    help_,
    start,
    subscribed,
    subscription_list,
    too_long,
    too_many,
    unknown_category,
    unknown_command,
    unsubscribed,
)
from bot.messages.draws import Notice, alert, categories, draw_details, latest, margins
from bot.messages.insights import (
    bad_count,
    context,
    history,
    history_usage,
)
from bot.messages.language import (
    SETTINGS_ADMINS_ONLY,
    language_now,
    language_set,
    unknown_language,
    unknown_zone,
    zone_now,
    zone_set,
)
from bot.messages.operators import OPERATORS_ONLY, ago, operator_notice, status_view
from bot.messages.pool import NO_SCORE, bad_rank_score, rank, rank_usage
from bot.messages.provinces import overview as provinces_overview

__all__ = [
    "CHART_USAGE",
    "COMMANDS",
    "FAILED",
    "GROUP_ADMINS_ONLY",
    "NO_SCORE",
    "OPERATORS_ONLY",
    "SETTINGS_ADMINS_ONLY",
    "SUBSCRIBE_USAGE",
    "TOO_FAST",
    "UNSUBSCRIBE_USAGE",
    "WELCOME_GROUP",
    "Notice",
    "ago",
    "alert",
    "bad_count",
    "bad_period",
    "bad_rank_score",
    "bad_score",
    "categories",
    "context",
    "draw_details",
    "help_",
    "history",
    "history_usage",
    "language_now",
    "language_set",
    "latest",
    "margins",
    "operator_notice",
    "provinces_overview",
    "rank",
    "rank_usage",
    "start",
    "status_view",
    "subscribed",
    "subscription_list",
    "too_long",
    "too_many",
    "unknown_category",
    "unknown_command",
    "unknown_language",
    "unknown_zone",
    "unsubscribed",
    "zone_now",
    "zone_set",
]

"""The Mini App's words: its buttons in chats, the labels of its screens (sent to the page in
the reader's language, so the catalogs stay the one source of translations), and its
sentences with figures. Texts here are plain, not Telegram HTML: the page sets them as text.
"""

from html import unescape

from bot.messages.templates import Text

OPEN_BUTTON = Text("webapp.open_button")  # under /start, /latest and /app
MENU_BUTTON = Text("webapp.menu_button")  # the chat's menu button
APP = Text("webapp.app")  # /app's answer
APP_PRIVATE_ONLY = Text("webapp.app_private_only", "bot")
APP_OFF = Text("webapp.app_off")

# The page's labels, by the name the page uses.
LABELS = {
    name: Text(f"webapp.label.{name}")
    for name in (
        "title", "loading", "tab_draws", "tab_trends", "tab_pool", "tab_times", "tab_alerts",
        "filter", "every_draw", "federal", "provincial", "invitations", "cutoff", "change",
        "first_of_category", "unconfirmed", "official", "source", "no_draws", "period",
        "months_6", "year_1", "years_2", "years_5", "all_time", "categories", "your_score",
        "tap_point", "pool_title", "candidates", "times_title", "program", "time_now",
        "waiting", "month", "month_hint", "show", "ahead", "left", "times_note", "no_times",
        "alerts_title", "no_alerts", "category", "score", "any_score", "add", "save",
        "remove", "language", "timezone", "timezone_hint", "failed", "limit", "every_category",
        "score_line", "follow",
    )
}  # fmt: skip

TIMES_SUBSCRIPTION = Text("webapp.times_subscription", "what")  # beside the draws' own
CHANGE_UP = Text("webapp.change_up", "change")
CHANGE_DOWN = Text("webapp.change_down", "change")
CHANGE_SAME = Text("webapp.change_same")
POOL_STANDING = Text("webapp.pool_standing", "score count total share")
POOL_NO_SCORE = Text("webapp.pool_no_score")
POOL_AS_OF = Text("webapp.pool_as_of", "date")
LIMIT = Text("webapp.limit", "count max")

# The API's refusals, in the reader's language
UNAUTHORIZED = Text("webapp.unauthorized")
BAD_REQUEST = Text("webapp.bad_request")
NOT_FOUND = Text("webapp.not_found")


def labels() -> dict[str, str]:
    """Every label of the page, in the reader's language."""
    return {name: text() for name, text in LABELS.items()}


def change(delta: int | None) -> str | None:
    """A cut-off's change against the draw before: "+5", "-12" (with a minus sign), "same";
    None if unknown."""
    if delta is None:
        return None
    if delta == 0:
        return CHANGE_SAME()
    return (CHANGE_UP if delta > 0 else CHANGE_DOWN)(change=abs(delta))


def plain(html: str) -> str:
    """A text written for Telegram, as the page shows it: tags dropped, entities read."""
    out, inside = [], False
    for char in html:
        if char == "<":
            inside = True
        elif char == ">" and inside:
            inside = False
        elif not inside:
            out.append(char)
    return unescape("".join(out))

"""A fake Telegram Bot API server over real loopback HTTP, with failure injection."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .http import DropConnection, HttpRequest, HttpResponse, LoopbackServer
from .telegram_html import ApiError, visible_html_text
from .telegram_limits import Flakiness, FloodLimits
from .telegram_multipart import multipart_params

MAX_POLL_SECONDS = 2.0  # a long poll waits at most this long, unless a test allows more
WAIT_SECONDS = 30.0  # how long the waiting helpers wait: only a failing test waits it out
MAX_TEXT_LENGTH = 4096
DEFAULT_GROUP_USER_ID = 4242
# Values PTB sends raw (not JSON-encoded) that must stay strings even when they look like JSON.
_STRING_PARAMS = {
    "text", "parse_mode", "caption", "url", "language_code", "secret_token", "callback_query_id",
}  # fmt: skip
# What Telegram answers a paid broadcast the bot's Star balance cannot pay for.
STARS_SHORT = "Bad Request: BALANCE_TOO_LOW: not enough Stars for a paid broadcast"
_PATH = re.compile(r"^/bot([^/]*)/([^/]+)$")


@dataclass
class Answer:
    """How the fake answered one call, and when the answer left (time.monotonic())."""

    method: str
    status: int
    at: float


@dataclass
class SentMessage:
    """A message the bot sent successfully."""

    chat_id: int
    text: str
    parse_mode: str | None
    params: dict[str, Any]
    at: float
    message_id: int = 0
    thread_id: int | None = None  # the forum topic it went to

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """The (text, callback_data) of its inline keyboard, row after row."""
        return inline_buttons(self.params.get("reply_markup"))


def inline_buttons(markup: Any) -> list[tuple[str, str]]:
    rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
    return [(button["text"], button.get("callback_data", "")) for row in rows for button in row]


def _decode(name: str, value: str) -> Any:
    """Decode a form value the way PTB encoded it (JSON for everything but strings)."""
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_params(request: HttpRequest) -> dict[str, Any]:
    """Parameters from the query string and a urlencoded or JSON body."""
    pairs = parse_qsl(urlsplit(request.path).query, keep_blank_values=True)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        return multipart_params(request, _decode)
    if content_type != "application/json":
        pairs += parse_qsl(request.body.decode(), keep_blank_values=True)
    params = {name: _decode(name, value) for name, value in pairs}
    if content_type == "application/json" and request.body:
        params.update(json.loads(request.body))
    return params


def _user(user_id: int, language_code: str | None = None) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    return user | ({"language_code": language_code} if language_code else {})


def _administrator(user: dict[str, Any]) -> dict[str, Any]:
    """A ChatMemberAdministrator with every field PTB requires."""
    granted = "manage_chat delete_messages manage_video_chats restrict_members invite_users"
    denied = "be_edited promote_members change_info post_stories edit_stories delete_stories"
    rights = {f"can_{right}": True for right in granted.split()}
    rights |= {f"can_{right}": False for right in denied.split()}
    return {"status": "administrator", "user": user, "is_anonymous": False, **rights}


def _json_response(status: int, body: dict[str, Any]) -> HttpResponse:
    return HttpResponse(status, json.dumps(body).encode(), {"Content-Type": "application/json"})


class FakeTelegram(LoopbackServer):
    """Bot API stand-in: tests queue updates as users and inspect what the bot called."""

    protocol = "HTTP/1.1"  # Telegram keeps a client's connections open between calls

    def __init__(self, token: str = "123456:TEST-TOKEN", bot_username: str = "ee_drawbot_test"):
        super().__init__()
        self.token, self.bot_username = token, bot_username
        self._bot: dict[str, Any] = {
            "id": int(token.split(":")[0]),
            "is_bot": True,
            "first_name": "EE Draw Bot",
            "username": bot_username,
        }
        self._cond = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._message_ids = itertools.count(1)
        self._chats: dict[int, dict[str, Any]] = {}
        self._senders: dict[int, list[int]] = {}
        self._failures: dict[str, deque[ApiError]] = {}
        self._send_times: deque[float] = deque()
        self._stopping = False
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []  # as received
        self.answers: list[Answer] = []  # as answered, with the time
        self.long_polls: list[str] = []  # how each getUpdates ended: "update", "stop", "timeout"
        self.max_poll_seconds = MAX_POLL_SECONDS
        self.commands: list[dict[str, Any]] | None = None  # the default menu
        # every menu set, by (language_code, scope type): ("", "default") is the default one
        self.menus: dict[tuple[str, str], list[dict[str, Any]]] = {}
        # BotCommandScopeChat's, by chat and language_code ("" for any language)
        self.chat_commands: dict[tuple[int, str], list[dict[str, Any]]] = {}
        self.edits: list[SentMessage] = []  # editMessageText and editMessageReplyMarkup
        self.callback_answers: list[dict[str, Any]] = []  # answerCallbackQuery's params
        self.missing_threads: set[tuple[int, int]] = set()  # deleted topics: (chat, thread)
        self._posted: dict[tuple[int, int], dict[str, Any]] = {}  # the bot's messages as now
        self._callback_ids = itertools.count(1)
        self.webhook: str | None = None  # while set, getUpdates answers 409, as Telegram does
        self.blocked_chats: set[int] = set()
        self.migrated_chats: dict[int, int] = {}
        self.missing_chats: set[int] = set()
        self.broken_chats: set[int] = set()  # sendMessage to these answers 502 Bad Gateway
        self.non_admins: set[int] = set()
        self.rate_limit_per_second: float | None = None
        self.too_many_requests = 0
        self.limits: FloodLimits | None = None  # Telegram's flood limits, when enforced
        self.flakiness: Flakiness | None = None  # random 5xx and dropped connections
        self.on_send: Callable[[SentMessage], None] | None = None
        # Seconds each call takes over the network, half each way: a request is handled
        # that long after it arrived, and its answer leaves half of it after. Each request
        # waits in its own thread, so delayed calls overlap as they do on a real network.
        self.round_trip_seconds = 0.0
        # Up to this much more on each call, drawn anew for each leg: a real network's
        # jitter. Flood limits are counted as a request arrives, after its way there, so a
        # request that travels fast is counted early, as strictly as Telegram could count.
        self.round_trip_jitter_seconds = 0.0
        self._jitter = random.Random(0)
        # Paid broadcasts: while the Star balance is short, such sends are refused with this.
        self.stars_short = False
        self.paid_sends = 0
        self.in_flight = 0  # calls received and not yet answered
        self.most_in_flight = 0  # the most there were at once
        self._api: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": lambda _params: self.commands or [],
            "close": self._ok,
            "logOut": self._ok,
            "setChatMenuButton": self._ok,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
        }
        self._canonical = {name.lower(): name for name in self._api}

    @property
    def base_url(self) -> str:
        """Pass as `base_url` to telegram.Bot / ApplicationBuilder."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> None:
        """Begin serving."""
        self._stopping = False
        super().start()

    def stop(self) -> None:
        """Wake pending long polls and shut down."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        super().stop()

    # --- acting as users ---

    def command(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str = "private",
        user_id: int | None = None,
        title: str | None = None,
        language_code: str | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """A text message from a user (with a bot_command entity if it starts with '/'), as
        an update to queue or to hand to the Application; ``thread_id``: sent in that topic
        of a forum supergroup."""
        if user_id is None:
            user_id = chat_id if chat_type == "private" else DEFAULT_GROUP_USER_ID
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = f"User{chat_id}"
        else:
            chat["title"] = title or f"Chat {chat_id}"
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": _user(user_id, language_code),
            "text": text,
        }
        if thread_id is not None:
            chat["is_forum"] = True
            message |= {"message_thread_id": thread_id, "is_topic_message": True}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            length = len(command.encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"message": message}

    def callback_query(self, sent: SentMessage, data: str, user_id: int) -> dict[str, Any]:
        """A callback_query update: the user pressed the button with ``data`` under a
        message the bot sent (as that message is now, edits included)."""
        with self._cond:
            message = self._posted[(sent.chat_id, sent.message_id)]
        query = {
            "id": str(next(self._callback_ids)),
            "from": _user(user_id),
            "chat_instance": str(sent.chat_id),
            "message": message,
            "data": data,
        }
        return {"callback_query": query}

    def send_command(self, chat_id: int, text: str, **details: Any) -> int:
        """Queue a text message (see `command`, which takes the same details) for getUpdates."""
        return self.queue_update(self.command(chat_id, text, **details))

    def membership(
        self, chat_id: int, old: str, new: str, *, chat_type: str = "group", user_id: int = 4242
    ) -> dict[str, Any]:
        """A my_chat_member update: the bot's status in a chat went from old to new
        ("member", "left", "kicked"); a private chat's "kicked" is the user blocking the bot."""
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        chat.update({"title": f"Chat {chat_id}"} if chat_type != "private" else {"first_name": "U"})

        def member(status: str) -> dict[str, Any]:
            return {"status": status, "user": self._bot} | (
                {"until_date": 0} if status == "kicked" else {}
            )

        change = {
            "chat": chat,
            "from": _user(user_id),
            "date": int(time.time()),
            "old_chat_member": member(old),
            "new_chat_member": member(new),
        }
        return {"my_chat_member": change}

    def bot_membership(self, chat_id: int, old: str, new: str, **details: Any) -> int:
        """Queue a my_chat_member update (see `membership`, which takes the same details)
        for getUpdates."""
        return self.queue_update(self.membership(chat_id, old, new, **details))

    def received(self, update: dict[str, Any]) -> dict[str, Any]:
        """The update as Telegram would deliver it: numbered (update_id assigned when
        missing), its chat and sender remembered for later answers."""
        with self._cond:
            update = {"update_id": self._next_update_id, **update}
            self._next_update_id = max(self._next_update_id, update["update_id"]) + 1
            self._remember(update.get("message") or {})
        return update

    def queue_update(self, update: dict[str, Any]) -> int:
        """Queue a raw Update dict for getUpdates; assigns update_id when missing."""
        update = self.received(update)
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()
        return int(update["update_id"])

    # --- inspecting ---

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """Messages sent to one chat, in order."""
        with self._cond:
            return [message for message in self.sent if message.chat_id == chat_id]

    def current(self, sent: SentMessage) -> SentMessage:
        """A message the bot sent, as it is now: its latest edit, or itself."""
        with self._cond:
            edits = [
                edit for edit in self.edits
                if (edit.chat_id, edit.message_id) == (sent.chat_id, sent.message_id)
            ]  # fmt: skip
            if not edits:
                return sent
            posted = self._posted[(sent.chat_id, sent.message_id)]
            newest = edits[-1]
            markup = posted.get("reply_markup")
            return SentMessage(
                newest.chat_id, newest.text, newest.parse_mode,
                newest.params | {"reply_markup": markup}, newest.at, newest.message_id,
                newest.thread_id,
            )  # fmt: skip

    def _matching(self, chat_id: int | None) -> list[SentMessage]:
        return list(self.sent) if chat_id is None else self.messages_to(chat_id)

    def _shortfall(self, count: int, chat_id: int | None) -> AssertionError:
        where = "" if chat_id is None else f" to chat {chat_id}"
        got = [(message.chat_id, message.text) for message in self.sent]
        return AssertionError(f"expected {count} message(s){where}; all sent: {got!r}")

    def wait_for_messages(
        self, count: int, *, chat_id: int | None = None, timeout: float = WAIT_SECONDS
    ) -> list[SentMessage]:
        """Block until at least `count` messages were sent (to `chat_id` if given)."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._matching(chat_id)) >= count, timeout):
                raise self._shortfall(count, chat_id)
            return self._matching(chat_id)

    async def await_messages(
        self,
        count: int,
        *,
        chat_id: int | None = None,
        timeout: float = WAIT_SECONDS,  # noqa: ASYNC109 -- mirrors wait_for_messages
    ) -> list[SentMessage]:
        """Like wait_for_messages, without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while len(messages := self._matching(chat_id)) < count:
            if time.monotonic() >= deadline:
                raise self._shortfall(count, chat_id)
            await asyncio.sleep(0.01)
        return messages

    def wait_for_call(self, method: str, timeout: float = WAIT_SECONDS) -> dict[str, Any]:
        """Block until `method` was called; return the params of its latest call."""

        def latest() -> dict[str, Any] | None:
            found = [params for name, params in self.calls if name.lower() == method.lower()]
            return found[-1] if found else None

        with self._cond:
            if not self._cond.wait_for(lambda: latest() is not None, timeout):
                raise AssertionError(f"{method} not called; calls: {[c[0] for c in self.calls]}")
            return latest() or {}

    def fail_next(
        self,
        method: str,
        status: int,
        description: str,
        *,
        retry_after: int | None = None,
        count: int = 1,
    ) -> None:
        """Make the next `count` calls of `method` answer this error."""
        parameters = None if retry_after is None else {"retry_after": retry_after}
        with self._cond:
            queue = self._failures.setdefault(method.lower(), deque())
            queue.extend(ApiError(status, description, parameters) for _ in range(count))

    # --- serving ---

    def _respond(self, request: HttpRequest) -> HttpResponse:
        with self._cond:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            self._travel()  # the request's way there
            route = _PATH.match(urlsplit(request.path).path)
            method = self._canonical.get(route[2].lower(), route[2]) if route else request.path
            response = self._answer(request, route[1] if route else None, method)
            self._travel()  # the answer's way back
            with self._cond:
                self.answers.append(Answer(method, response.status, time.monotonic()))
            return response
        finally:
            with self._cond:
                self.in_flight -= 1

    def _travel(self) -> None:
        """Half the round trip, in this request's thread only."""
        leg = self.round_trip_seconds / 2
        if self.round_trip_jitter_seconds > 0:
            leg += self._jitter.uniform(0, self.round_trip_jitter_seconds / 2)
        if leg > 0:
            time.sleep(leg)

    def _answer(self, request: HttpRequest, token: str | None, method: str) -> HttpResponse:
        if token is None:
            return _json_response(404, ApiError(404, "Not Found").payload())
        if method == "sendMessage" and self.flakiness is not None:
            trouble = self.flakiness.draw()
            if trouble == "drop":
                raise DropConnection
            if trouble == "error":
                return _json_response(502, ApiError(502, "Bad Gateway").payload())
        with self._cond:
            try:
                params = parse_params(request)
                self.calls.append((method, params))
                self._cond.notify_all()
                result = self._call(token, method, params)
            except ApiError as error:
                return _json_response(error.status, error.payload())
            except (KeyError, TypeError, ValueError) as error:
                return _json_response(
                    400, ApiError(400, f"Bad Request: bad parameter {error}").payload()
                )
        return _json_response(200, {"ok": True, "result": result})

    def _call(self, token: str, method: str, params: dict[str, Any]) -> Any:
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        failures = self._failures.get(method.lower())
        if failures:
            raise failures.popleft()
        if method not in self._api:
            raise ApiError(404, "Not Found")
        return self._api[method](params)

    def _remember(self, message: dict[str, Any]) -> None:
        """Track chats and senders seen in incoming messages (for results and admin lists)."""
        if "chat" not in message:
            return
        chat_id = message["chat"]["id"]
        self._chats[chat_id] = message["chat"]
        sender = message.get("from", {}).get("id")
        senders = self._senders.setdefault(chat_id, [])
        if sender is not None and sender not in senders:
            senders.append(sender)

    def _chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id in self._chats:
            return self._chats[chat_id]
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
        return {"id": chat_id, "type": "group", "title": f"Chat {chat_id}"}

    # --- Bot API methods (called with the lock held) ---

    def _ok(self, params: dict[str, Any]) -> bool:
        return True

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                           "use deleteWebhook to delete the webhook first")  # fmt: skip
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        timeout = min(float(params.get("timeout") or 0), self.max_poll_seconds)
        self._cond.wait_for(lambda: self._updates or self._stopping, timeout)
        ended = "update" if self._updates else "stop" if self._stopping else "timeout"
        self.long_polls.append(ended)
        return self._updates[: int(params.get("limit") or 100)]

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params["url"]
        return True

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        language, scope = params.get("language_code") or "", params.get("scope") or {}
        kind = scope.get("type", "default")
        self.menus[language, kind] = params.get("commands") or []
        if kind == "chat":
            chat_id = self._reachable_chat(scope["chat_id"])
            self.chat_commands[chat_id, language] = params.get("commands") or []
        elif (language, kind) == ("", "default"):
            self.commands = params.get("commands")
        return True

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands = None
        return True

    def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        user_id = int(params["user_id"])
        user = self._bot if user_id == self._bot["id"] else _user(user_id)
        if user_id in self.non_admins:
            return {"status": "member", "user": user}
        return _administrator(user)

    def _get_chat_administrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = int(params["chat_id"])
        admins = [uid for uid in self._senders.get(chat_id, []) if uid not in self.non_admins]
        members = [_administrator(_user(uid)) for uid in admins]
        if members:
            members[0] = {"status": "creator", "user": _user(admins[0]), "is_anonymous": False}
        return members

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._reachable_chat(params.get("chat_id"))
        paid = params.get("allow_paid_broadcast") is True
        if paid and self.stars_short:
            raise ApiError(400, STARS_SHORT)
        self._check_rate_limit()
        retry_after = self.limits.check(chat_id, paid=paid) if self.limits else None
        if retry_after is not None:
            self.too_many_requests += 1
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        text, parse_mode = params.get("text") or "", params.get("parse_mode")
        shown = visible_html_text(text) if str(parse_mode).lower() == "html" else text
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(shown) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        thread_id = self._topic(chat_id, params.get("message_thread_id"))
        message_id = next(self._message_ids)
        message = SentMessage(
            chat_id, text, parse_mode, params, time.monotonic(), message_id, thread_id
        )
        self.sent.append(message)
        self.paid_sends += paid
        self._cond.notify_all()
        if self.on_send is not None:
            self.on_send(message)
        result = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self._bot,
            "text": shown,
        }
        if thread_id is not None:
            result |= {"message_thread_id": thread_id, "is_topic_message": True}
        self._post(result, params.get("reply_markup"))
        return result

    def _topic(self, chat_id: int, raw: Any) -> int | None:
        """The topic a message goes to, or the error Telegram gives for a deleted one."""
        if raw in (None, ""):
            return None
        if (chat_id, int(raw)) in self.missing_threads:
            raise ApiError(400, "Bad Request: message thread not found")
        return int(raw)

    def _post(self, result: dict[str, Any], markup: Any) -> None:
        """Keep the bot's message as a user sees it, with its inline keyboard if it has one."""
        result.pop("reply_markup", None)
        if inline_buttons(markup):
            result["reply_markup"] = markup
        self._posted[(result["chat"]["id"], result["message_id"])] = result

    def _edited(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self._posted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return dict(self._posted[key])

    def _record_edit(
        self, before: dict[str, Any], after: dict[str, Any], params: dict[str, Any]
    ) -> dict[str, Any]:
        """Store the edited message, or refuse an edit that changes nothing, as Telegram does."""
        self._post(after, params.get("reply_markup"))
        shown = [(each["text"], each.get("reply_markup")) for each in (before, after)]
        if shown[0] == shown[1]:
            self._posted[(before["chat"]["id"], before["message_id"])] = before
            raise ApiError(400, "Bad Request: message is not modified: specified new message "
                           "content and reply markup are exactly the same")  # fmt: skip
        edit = SentMessage(
            after["chat"]["id"], params.get("text") or after["text"], params.get("parse_mode"),
            params, time.monotonic(), after["message_id"], after.get("message_thread_id"),
        )  # fmt: skip
        self.edits.append(edit)
        self._cond.notify_all()
        return after

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        before = self._edited(params)
        text, parse_mode = params.get("text") or "", params.get("parse_mode")
        shown = visible_html_text(text) if str(parse_mode).lower() == "html" else text
        if not shown.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        after = before | {"text": shown, "edit_date": int(time.time())}
        return self._record_edit(before, after, params)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        before = self._edited(params)
        return self._record_edit(before, dict(before), params)

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        self.callback_answers.append(params)
        self._cond.notify_all()
        return True

    def _reachable_chat(self, raw: Any) -> int:
        """The chat id, or the error Telegram gives for an unreachable chat."""
        if raw in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        if not isinstance(raw, int) or raw in self.missing_chats:
            raise ApiError(400, "Bad Request: chat not found")
        if raw in self.broken_chats:
            raise ApiError(502, "Bad Gateway")
        if raw in self.blocked_chats:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if raw in self.migrated_chats:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self.migrated_chats[raw]},
            )
        return raw

    def _check_rate_limit(self) -> None:
        """Answer 429 beyond `rate_limit_per_second` sendMessage calls in a rolling second."""
        now = time.monotonic()
        while self._send_times and now - self._send_times[0] >= 1.0:
            self._send_times.popleft()
        limit = self.rate_limit_per_second
        if limit is not None and len(self._send_times) >= limit:
            self.too_many_requests += 1
            raise ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
        self._send_times.append(now)

    def _send_photo(self, params: dict[str, Any]) -> dict[str, Any]:
        """A photo, recorded as a message whose text is its caption and whose params hold
        the uploaded bytes under "photo"."""
        chat_id = self._reachable_chat(params.get("chat_id"))
        if not isinstance(params.get("photo"), bytes):
            raise ApiError(400, "Bad Request: there is no photo in the request")
        caption, parse_mode = params.get("caption") or "", params.get("parse_mode")
        thread_id = self._topic(chat_id, params.get("message_thread_id"))
        message_id = next(self._message_ids)
        message = SentMessage(
            chat_id, caption, parse_mode, params, time.monotonic(), message_id, thread_id
        )
        self.sent.append(message)
        self._cond.notify_all()
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": self._bot,
            "photo": [{"file_id": "photo", "file_unique_id": "photo", "width": 1, "height": 1}],
            "caption": visible_html_text(caption) if str(parse_mode).lower() == "html" else caption,
        }

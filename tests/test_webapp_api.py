"""The Mini App's API, as the page calls it, on the bot's real aiohttp server: every request
is checked against Telegram's signature, a change is the typed command's own (same limits,
same errors, same confirmation sent to the chat), and a bad request changes nothing."""

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from telegram import Update

from bot.messages import TOO_FAST, subscribed
from bot.messages import times as times_texts
from bot.messages.locale import ENGLISH, speaking
from bot.messages.webapp import plain
from bot.web.server import WebServer
from bot.web.site import Site
from core.limits import REQUESTS_PER_WINDOW
from db.chats import MAX_SUBSCRIPTIONS_PER_CHAT
from jobs.provinces.sources import ProvinceUrls
from tests.conftest import add_chat, free_port, table_rows
from tests.fakes.telegram import FakeTelegram
from tests.webapp import (
    USER_ID,
    Served,
    launch_fields,
    serving,
    sign,
    signed,
    store_more,
)


@pytest.fixture
async def served(telegram: FakeTelegram, database: str, history: None) -> AsyncIterator[Served]:
    async with serving(telegram, database) as found:
        await store_more(found.sessions)
        yield found


@pytest.fixture
async def http(served: Served) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app, carrying launch data Telegram signed for USER_ID."""
    auth = {"Authorization": f"tma {signed(launch_fields(), served.token)}"}
    async with httpx.AsyncClient(base_url=served.base, headers=auth) as client:
        yield client


async def test_the_page_and_its_files_carry_the_security_headers_and_a_version(
    http: httpx.AsyncClient,
) -> None:
    page = await http.get("/")
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'self' https://web.telegram.org" in csp
    assert page.headers["Cache-Control"] == "no-cache"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    scripts = re.findall(r'src="(static/[a-z]+\.js\?v=[0-9a-f]{12})"', page.text)
    assert len(scripts) == 3 and "http" not in page.text.replace("http-equiv", "")
    versioned = await http.get("/" + scripts[0])
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Content-Security-Policy" in versioned.headers
    unversioned = await http.get("/static/app.js")
    assert unversioned.headers["Cache-Control"] == "no-cache"
    assert (await http.get("/static/..%2Fsite.py")).status_code == 404
    assert (await http.get("/static/index.html")).status_code == 404


def _forged(served: Served) -> dict[str, str]:
    """Launch data that is not Telegram's own, fresh and unaltered, by kind."""
    fields = launch_fields()
    stale = launch_fields(auth_date=int(fields["auth_date"]) - 86_401)
    other = {**fields, "user": fields["user"].replace(str(USER_ID), "1001")}
    return {
        "missing": "",
        "no scheme": signed(fields, served.token),
        "forged": "tma " + signed(fields, "999:OTHER-TOKEN"),
        "altered": "tma " + urlencode({**other, "hash": sign(fields, served.token)}),
        "stale": "tma " + signed(stale, served.token),
    }


CHANGES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("POST", "/api/alerts", {"category": "cec", "score": 480}),
    ("DELETE", "/api/alerts?category=cec", None),
    ("POST", "/api/settings", {"language": "fr"}),
]
READS = ["/api/session", "/api/draws", "/api/pool", "/api/times", "/api/alerts"]


async def test_requests_without_telegrams_fresh_signature_get_401_and_change_nothing(
    served: Served, telegram: FakeTelegram
) -> None:
    await add_chat(served.sessions, USER_ID, ("cec", 500))
    before = await table_rows(served.sessions)
    async with httpx.AsyncClient(base_url=served.base) as client:
        for kind, given in _forged(served).items():
            headers = {"Authorization": given} if given else {}
            for path in READS:
                answer = await client.get(path, headers=headers)
                assert answer.status_code == 401, (kind, path)
                assert "Telegram" in answer.json()["error"]
            for method, path, body in CHANGES:
                answer = await client.request(method, path, json=body, headers=headers)
                assert answer.status_code == 401, (kind, method, path)
    assert await table_rows(served.sessions) == before
    assert telegram.messages_to(USER_ID) == []


async def test_a_subscription_made_in_the_app_is_the_commands_own_and_the_chat_is_told(
    served: Served, http: httpx.AsyncClient, telegram: FakeTelegram
) -> None:
    answer = await http.post("/api/alerts", json={"category": "cec", "score": "480"})
    assert answer.status_code == 200, answer.text
    with speaking(ENGLISH):
        said = subscribed("cec", 480, None)
    [told] = await telegram.await_messages(1, chat_id=USER_ID)
    assert told.text == said  # the command's confirmation, as the command sends it
    assert answer.json()["message"] == plain(said)
    assert answer.json()["subscriptions"] == [
        {"key": "cec", "label": "Canadian Experience Class", "score": 480, "times": False}
    ]
    changed = await http.post("/api/alerts", json={"category": "cec", "score": 470})
    assert [sub["score"] for sub in changed.json()["subscriptions"]] == [470]
    removed = await http.delete("/api/alerts", params={"category": "cec"})
    assert removed.status_code == 200 and removed.json()["subscriptions"] == []
    assert len(await telegram.await_messages(3, chat_id=USER_ID)) == 3


NO_SUCH_MONTH = {"category": "times", "program": "cec", "month": "2019-01"}  # not in the edition
BAD: list[tuple[str, str, Any, int, str]] = [
    ("POST", "/api/alerts", b"{not json", 400, "could not be read"),
    ("POST", "/api/alerts", [1, 2], 400, "could not be read"),
    ("POST", "/api/alerts", {"category": "stme", "score": 480}, 400, "stem"),
    ("POST", "/api/alerts", {"category": "cec", "score": 5000}, 400, "5000"),
    ("POST", "/api/alerts", {"category": "cec", "score": "abc"}, 400, "abc"),
    ("POST", "/api/alerts", {"category": "cec", "score": True}, 400, "could not be read"),
    ("POST", "/api/alerts", {"category": ["cec"]}, 400, "could not be read"),
    ("POST", "/api/alerts", {"category": " ", "score": 480}, 400, "could not be read"),
    ("POST", "/api/alerts", {"category": "times", "program": "nope"}, 400, "nope"),
    ("POST", "/api/alerts", NO_SUCH_MONTH, 400, "2019"),
    ("POST", "/api/alerts", {"category": "<b>x</b>" * 40}, 400, "<b>x</b>"),
    ("DELETE", "/api/alerts?category=stem", None, 404, "stem"),
    ("POST", "/api/settings", {"language": "de"}, 400, "de"),
    ("POST", "/api/settings", {"timezone": "Mars/Olympus"}, 400, "Mars/Olympus"),
    ("GET", "/api/pool?score=9999", None, 400, "could not be read"),
    ("GET", "/api/times?program=cec&month=someday", None, 400, "someday"),
    ("GET", "/api/times?program=nope&month=2025-06", None, 400, "nope"),
]


@pytest.mark.parametrize(("method", "path", "body", "status", "said"), BAD)
async def test_a_bad_request_gets_a_clear_4xx_and_changes_nothing(
    served: Served, http: httpx.AsyncClient, telegram: FakeTelegram,
    method: str, path: str, body: Any, status: int, said: str,
) -> None:  # fmt: skip
    await add_chat(served.sessions, USER_ID, ("cec", 500))
    before = await table_rows(served.sessions)
    content = body if isinstance(body, bytes) else None
    answer = await http.request(
        method, path, content=content, json=None if content is not None else body
    )
    assert answer.status_code == status
    assert said in answer.json()["error"]  # its own words, as text the page sets as text
    assert await table_rows(served.sessions) == before
    assert telegram.messages_to(USER_ID) == []


async def test_the_commands_limit_of_subscriptions_holds_in_the_app(
    served: Served, http: httpx.AsyncClient
) -> None:
    keys = ["cec", "fsw", "fst", "stem", "healthcare", "trade", "french", "education",
            "transport", "agriculture"]  # fmt: skip
    await add_chat(served.sessions, USER_ID, *[(key, None) for key in keys])
    assert len(keys) == MAX_SUBSCRIPTIONS_PER_CHAT
    answer = await http.post("/api/alerts", json={"category": "all", "score": None})
    assert f"{MAX_SUBSCRIPTIONS_PER_CHAT}" in answer.json()["message"]
    assert len(answer.json()["subscriptions"]) == MAX_SUBSCRIPTIONS_PER_CHAT


async def test_reading_past_the_limit_gets_429_in_the_users_words(
    http: httpx.AsyncClient,
) -> None:
    answers = await asyncio.gather(*[http.get("/api/session") for _ in range(REQUESTS_PER_WINDOW)])
    assert {answer.status_code for answer in answers} == {200}
    refused = await http.get("/api/alerts")
    assert refused.status_code == 429
    with speaking(ENGLISH):
        assert refused.json()["error"] == plain(TOO_FAST())


async def test_a_key_the_app_does_not_know_is_shown_by_its_key(
    served: Served, http: httpx.AsyncClient
) -> None:
    await add_chat(served.sessions, USER_ID, ("cec", 490), ("some-later-key", None))
    found = (await http.get("/api/alerts")).json()["subscriptions"]
    assert {sub["key"]: sub["label"] for sub in found} == {
        "cec": "Canadian Experience Class", "some-later-key": "some-later-key",
    }  # fmt: skip


async def test_processing_times_subscriptions_are_named_and_removed_as_the_command_does(
    served: Served, http: httpx.AsyncClient, telegram: FakeTelegram
) -> None:
    await add_chat(served.sessions, USER_ID, ("times-cec-2025-06", None))
    [shown] = (await http.get("/api/alerts")).json()["subscriptions"]
    assert shown["times"]
    assert shown["label"] == (
        "Processing times: Canadian Experience Class, and applications made in June 2025"
    )
    answer = await http.delete("/api/alerts", params={"category": "times-cec-2025-06"})
    assert answer.status_code == 200 and answer.json()["subscriptions"] == []
    with speaking(ENGLISH):
        said = times_texts.unsubscribed(1)
    [told] = await telegram.await_messages(1, chat_id=USER_ID)
    assert told.text == said


async def test_draws_come_newest_first_with_changes_and_links_in_the_chats_language(
    served: Served, http: httpx.AsyncClient
) -> None:
    draws = (await http.get("/api/draws")).json()["draws"]
    newest = draws[0]
    assert (newest["category"], newest["confirmed"], newest["score"]) == ("stem", False, 481)
    assert newest["day"] == "reported June 30, 2026"  # its article never dated it
    federal = [draw for draw in draws if draw["province"] is None and draw["confirmed"]]
    assert federal[0]["link"].startswith("https://www.canada.ca/")
    dates = [draw["date"] for draw in draws]
    assert dates == sorted(dates, reverse=True)
    bc = [draw for draw in draws if draw["province"] == "bc"]
    assert [draw["invitations_text"] for draw in bc] == ["fewer than 5", "61"]
    assert [draw["change"] for draw in bc] == [-3, None]
    await add_chat(served.sessions, USER_ID)
    await http.post("/api/settings", json={"language": "fr"})
    french = (await http.get("/api/draws")).json()["draws"]
    assert (french[1]["day"], french[1]["invitations_text"]) == ("24 juin 2026", "moins de 5")


async def test_the_pool_places_the_chats_score_and_times_give_a_months_history(
    served: Served, http: httpx.AsyncClient
) -> None:
    # a province's score is on its own scale: the CRS score is the Express Entry one's
    await add_chat(served.sessions, USER_ID, ("cec", 520), ("ab", 700))
    assert (await http.get("/api/alerts")).json()["score"] == 520
    pool = (await http.get("/api/pool")).json()
    assert pool["score"] == 520 and "520" in pool["standing"]
    assert pool["bands"][0] == {"low": 601, "high": 1200, "count": 941, "count_text": "941"}
    assert pool["change"]
    times = (await http.get("/api/times", params={"program": "cec", "month": "June 2025"})).json()
    assert times["month"]["month"] == "2025-06"
    assert [row["edition"] for row in times["month"]["history"]] == [
        "November 6, 2025", "October 9, 2025",
    ]  # fmt: skip
    assert times["programs"][0]["name"] == "Canadian Experience Class"


async def test_a_failure_inside_is_said_and_the_server_goes_on(
    http: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_args: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("bot.web.reading.draws.every_draw", broken)
    failed = await http.get("/api/draws")
    assert failed.status_code == 500
    assert failed.json() == {"error": "Something went wrong. Please try again."}
    assert "Content-Security-Policy" in failed.headers
    assert failed.headers["Cache-Control"] == "no-store"
    assert (await http.get("/api/session")).status_code == 200


async def test_a_zone_chosen_in_the_app_is_the_commands_and_times_follow_it(
    served: Served, http: httpx.AsyncClient, telegram: FakeTelegram
) -> None:
    answer = await http.post("/api/settings", json={"timezone": "toronto"})
    assert answer.status_code == 200 and answer.json()["zone"] == "America/Toronto"
    [told] = await telegram.await_messages(1, chat_id=USER_ID)
    assert "America/Toronto" in told.text
    draws = (await http.get("/api/draws")).json()["draws"]
    cec = next(draw for draw in draws if draw["category"] == "cec")
    assert cec["time"] == "08:52:12 EDT (America/Toronto)"  # 12:52:12 UTC


async def test_the_webhook_route_takes_telegrams_updates_only(served: Served) -> None:
    updates: asyncio.Queue[object] = asyncio.Queue()
    site = Site(served.application.bot, served.sessions, served.token, ProvinceUrls(),
                updates=updates, secret="s3cret")  # fmt: skip
    server, port = WebServer(site), free_port()
    await server.start("127.0.0.1", port)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            secret = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            refused = await client.post("/telegram", json={"update_id": 1}, headers=wrong)
            unreadable = await client.post("/telegram", content=b"{", headers=secret)
            taken = await client.post("/telegram", json={"update_id": 7}, headers=secret)
            assert (refused.status_code, unreadable.status_code, taken.status_code) == (
                403, 400, 200,
            )  # fmt: skip
            assert (await client.get("/")).status_code == 200  # the app beside it
    finally:
        await server.stop()
    [update] = [updates.get_nowait() for _ in range(updates.qsize())]
    assert isinstance(update, Update) and update.update_id == 7


async def test_refusals_speak_the_users_language(served: Served) -> None:
    """A French-speaking Telegram user, with no language chosen: French, from the first
    request (the launch data's language_code)."""
    auth = {"Authorization": f"tma {signed(launch_fields(5151, 'fr'), served.token)}"}
    async with httpx.AsyncClient(base_url=served.base, headers=auth) as client:
        unknown = await client.post("/api/alerts", json={"category": "stme", "score": 480})
        unreadable = await client.post("/api/alerts", content=b"{")
    said = unknown.json()["error"]
    assert said.startswith("Je ne connais pas la catégorie") and "Vouliez-vous dire stem" in said
    assert unreadable.json()["error"] == "Cette requête est illisible. Rien n'a été changé."

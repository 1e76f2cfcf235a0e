"""`python -m bot poll | import | draws`: offline tools that need no token."""

import json
import logging
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.logs import RedactingFormatter
from bot.settings import MissingToken, Settings
from tests.conftest import (
    ROOT,
    SNAPSHOT,
    Chat,
    encode,
    new_round,
    process_env,
    ready,
    run_bot,
    running,
    settings_for,
)
from tests.fakes.http import FakeSource
from tests.fakes.telegram import FakeTelegram


def run_cli(*args: str, database: str, rounds_url: str = "") -> subprocess.CompletedProcess[str]:
    return run_bot(process_env(database, IRCC_ROUNDS_URL=rounds_url), *args)


@pytest.mark.slow
def test_import_then_draws_lists_every_round_with_its_figures(database: str) -> None:
    imported = run_cli("import", str(SNAPSHOT), database=database)
    assert imported.returncode == 0, imported.stderr
    assert "421 new, 0 updated, 0 confirmed, 0 message(s) queued" in imported.stdout
    assert "note: #357: drawDateTime" in imported.stdout
    again = run_cli("import", str(SNAPSHOT), database=database)
    assert "0 new, 0 updated" in again.stdout  # idempotent

    listed = run_cli("draws", "--format", "json", database=database)
    assert listed.returncode == 0, listed.stderr
    draws = json.loads(listed.stdout)
    assert len(draws) == 421
    raw = {item["drawNumber"]: item for item in json.loads(SNAPSHOT.read_bytes())["rounds"]}
    for draw in draws:
        source = raw[draw["number"]]
        assert draw["date"] == source["drawDate"]
        assert draw["crs"] == int(source["drawCRS"])
        assert draw["invitations"] == int(source["drawSize"].replace(",", ""))
        assert draw["name"] == source["drawName"]
    first_stem = next(draw for draw in draws if draw["number"] == "254")
    assert {key: first_stem[key] for key in ("number", "date", "category", "name", "invitations",
                                             "crs", "tie_break")} == {
        "number": "254", "date": "2023-07-05", "category": "stem",
        "name": "STEM occupations (Version 1)", "invitations": 500, "crs": 486,
        "tie_break": "2022-11-23T00:01:29Z",
    }  # fmt: skip
    assert draws[0]["number"] == "420"  # newest first


@pytest.mark.slow
def test_draws_filters_and_prints_a_table(database: str) -> None:
    run_cli("import", str(SNAPSHOT), database=database)
    table = run_cli("draws", "--category", "stem", "--limit", "2", database=database)
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "number", "date", "category", "invitations", "crs", "status", "reports", "tie_break",
    ]  # fmt: skip
    assert lines[1].split() == [
        "#293", "2024-04-11", "stem", "4,500", "491", "official", "0", "2024-02-25", "11:55:12",
        "UTC",
    ]  # fmt: skip
    assert len(lines) == 3


@pytest.mark.slow
def test_draws_on_a_missing_database_file_says_so_and_creates_none(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.sqlite3"
    result = run_cli("draws", database=f"sqlite+aiosqlite:///{missing}")
    assert result.returncode == 1
    assert f"no database at {missing}" in result.stderr
    assert not missing.exists()


@pytest.mark.slow
def test_import_of_a_bad_file_says_why_and_stores_nothing(database: str, tmp_path: Path) -> None:
    bad = tmp_path / "page.html"
    bad.write_text("<html>Not found</html>")
    result = run_cli("import", str(bad), database=database)
    assert result.returncode == 1
    assert "cannot import" in result.stderr and "not JSON" in result.stderr
    assert json.loads(run_cli("draws", "--format", "json", database=database).stdout) == []


@pytest.mark.slow
async def test_poll_queues_alerts_that_the_service_then_sends(
    database: str, telegram: FakeTelegram, source: FakeSource, snapshot: dict
) -> None:
    first = run_cli("poll", database=database, rounds_url=source.url)
    assert first.returncode == 0, first.stderr
    assert "official: new content; 421 new" in first.stdout
    assert "(first poll: history, nobody alerted)" in first.stdout

    settings = settings_for(telegram, database)  # no source: the service only sends here
    async with ready(settings) as application:
        chat = Chat(telegram, 1, application=application)
        assert (await chat.ask("/subscribe stem 490")).startswith("Subscribed")
    new_round(snapshot, "421", crs="486", on=datetime.now(UTC).date())
    source.set_body(encode(snapshot))
    second = run_cli("poll", database=database, rounds_url=source.url)
    assert "1 new, 0 updated, 0 confirmed, 1 message(s) queued" in second.stdout
    assert "#421" in second.stdout
    assert len(telegram.messages_to(1)) == 1  # poll sends nothing itself

    async with running(settings):
        alert = (await telegram.await_messages(2, chat_id=1))[1]
    assert "#421 · STEM occupations" in alert.text
    third = run_cli("poll", database=database, rounds_url=source.url)
    assert "official: not modified" in third.stdout


@pytest.mark.slow
def test_poll_reports_a_failing_source(database: str) -> None:
    result = run_cli("poll", database=database, rounds_url="http://127.0.0.1:9/rounds.json")
    assert result.returncode == 1
    assert "official: failed: ConnectError" in result.stdout


@pytest.mark.slow
def test_the_service_without_a_token_says_what_to_do(database: str) -> None:
    result = run_cli(database=database)
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    with pytest.raises(MissingToken):
        Settings(_env_file=None).token()  # type: ignore[call-arg]


def test_lists_in_the_environment() -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        feed_urls=" https://a.example/feed , https://b.example/rss,",  # type: ignore[arg-type]
        admin_chat_ids="12, -100345",  # type: ignore[arg-type]
    )
    assert settings.feed_urls == ["https://a.example/feed", "https://b.example/rss"]
    assert settings.admin_chat_ids == [12, -100345]


def test_the_token_never_reaches_the_log() -> None:
    token = "123456:SECRET-abc"
    formatter = RedactingFormatter("%(message)s", [token])
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "HTTP Request: POST %s", (
            f"https://api.telegram.org/bot{token}/getUpdates",), None,
    )  # fmt: skip
    assert formatter.format(record) == (
        "HTTP Request: POST https://api.telegram.org/bot[redacted]/getUpdates"
    )


def test_the_example_environment_file_is_valid_configuration() -> None:
    settings = Settings(_env_file=ROOT / ".env.example")  # type: ignore[call-arg]
    assert settings.poll_interval_seconds == 60 and settings.idle_interval == 300
    assert settings.feed_urls == ["https://www.cicnews.com/feed/",
                                  "https://www.cic-report.com/category/canada/feed/"]  # fmt: skip
    assert settings.webhook_url == "" and settings.admin_chat_ids == []
    with pytest.raises(MissingToken):
        settings.token()

"""What the operators read about a source's turns: each notice worded, outside text escaped."""

from datetime import UTC, datetime

import pytest

from bot.messages import operator_notice
from core.health import SourceBack, SourceDown, SourceGone, SourceMoved, SourceNotice

pytestmark = pytest.mark.usefixtures("in_english")  # these tests render texts themselves

AT = datetime(2026, 7, 1, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("notice", "text"),
    [
        (
            SourceDown("official", AT, 2, "HTTP 500"),
            "⚠️ official has not answered properly since 2026-07-01 14:30 UTC "
            "(2 failed polls; last error: HTTP 500).",
        ),
        (
            SourceDown("official", AT, 1, "unexpected document: <html> page"),
            "⚠️ official has not answered properly since 2026-07-01 14:30 UTC "
            "(1 failed poll; last error: unexpected document: &lt;html&gt; page).",
        ),
        (
            SourceBack("official", AT),
            "✅ official answers again (last error was cleared at 2026-07-01 14:30 UTC).",
        ),
        (
            SourceMoved("feed:https://a.example/feed", "https://b.example/feed?a=1&b=2"),
            "➡️ feed:https://a.example/feed moved permanently to "
            "https://b.example/feed?a=1&amp;b=2; polling it there now.",
        ),
        (
            SourceGone("official"),
            "⛔ official answered 410 Gone and is no longer polled. Point its setting at a new "
            "address to poll it again.",
        ),
    ],
)
def test_each_notice_is_one_whole_message(notice: SourceNotice, text: str) -> None:
    assert operator_notice(notice) == text

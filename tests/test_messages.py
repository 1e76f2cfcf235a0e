"""The texts: every message id the code declares has an English and a French wording that
name exactly the fields its callers fill in, plurals agree with their count, and each case is
a whole sentence of its own."""

import html
from datetime import UTC, date, datetime, timedelta

import pytest

from bot import messages
from bot.messages import catalog, draws, insights
from bot.messages.locale import Audience, Language, catalog_path, speaking
from bot.messages.operators import StatusFigures
from core.health import SourceHealth
from core.schedule import DrawWindow
from core.sending import FloodWait
from db.chats import ChatCounts
from db.models import Draw, SourceState, Subscription

pytestmark = pytest.mark.usefixtures("in_english")  # these tests render texts themselves

NOW = datetime(2026, 7, 2, 15, tzinfo=UTC)
FRENCH = Audience(Language.FR)


def test_every_text_has_both_wordings_with_its_declared_fields() -> None:
    assert len(catalog.declared()) > 150
    assert catalog.problems() == []


def test_the_check_finds_a_missing_an_untranslated_and_a_mismatched_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check itself, on catalogs with one text missing, one left in English and one
    naming a field the code does not fill."""
    real = catalog.read

    def spoiled(language: Language):  # type: ignore[no-untyped-def]
        found = real(language)
        if language is Language.FR:
            found.delete("draws.latest")
            found["draws.no_draw"].string = real(Language.EN)["draws.no_draw"].string
            found["draws.invitations"].string = "Invitations : <b>{invites}</b>"
            # a singular form may leave the count out, but not another field
            found["insights.history_of"].string = ("<b>Le dernier tirage</b>", "{count} {category}")
        return found

    monkeypatch.setattr(catalog, "read", spoiled)
    monkeypatch.setattr(catalog, "stale", list)
    assert catalog.problems() == [
        "fr: draws.invitations names ['invites'], the code ['invitations']",
        "fr: draws.latest has no wording",
        "fr: insights.history_of names [], the code ['category', 'count']",
        "fr: draws.no_draw is the English wording, untranslated",
    ]


def test_the_compiled_catalogs_are_the_sources_compiled() -> None:
    for language in Language:
        assert catalog_path(language).read_bytes() == catalog.compiled(language), language


def test_french_has_two_plural_forms_the_second_from_two() -> None:
    with speaking(FRENCH):
        assert messages.unsubscribed(None, 1) == "1 abonnement retiré."
        assert messages.unsubscribed(None, 2) == "Les 2 abonnements ont été retirés."
    assert messages.unsubscribed(None, 0) == "No subscriptions to remove."


def test_a_singular_form_may_leave_the_count_out() -> None:
    assert insights.HISTORY_OF(1, category="STEM") == "<b>The last STEM draw</b>"
    assert insights.HISTORY_OF(3, category="STEM") == "<b>The last 3 STEM draws</b>"
    with speaking(FRENCH):
        assert insights.HISTORY_ALL(1) == "<b>Le dernier tirage</b>"
        assert insights.HISTORY_ALL(2) == "<b>Les 2 derniers tirages</b>"


def test_a_template_refuses_a_missing_or_an_extra_field() -> None:
    with pytest.raises(TypeError):
        draws.INVITATIONS()
    with pytest.raises(TypeError):
        draws.INVITATIONS(invitations="1", crs="2")
    assert draws.INVITATIONS(invitations="1,500") == "Invitations: <b>1,500</b>"


@pytest.mark.parametrize(
    ("category", "score", "what"),
    [
        ("all", None, "every draw, whatever the cut-off"),
        ("all", 480, "every draw with a cut-off of 480 or lower"),
        ("general", None, "all-program draws, whatever the cut-off"),
        ("general", 470, "all-program draws with a cut-off of 470 or lower"),
        ("stem", None, "STEM occupations draws and all-program draws, whatever the cut-off"),
        ("r&d", 490, "r&amp;d draws and all-program draws with a cut-off of 490 or lower"),
    ],
)
def test_each_kind_of_subscription_is_said_in_a_whole_sentence(
    category: str, score: int | None, what: str
) -> None:
    assert messages.subscribed(category, score, None) == f"Subscribed: you will get {what}."
    earlier = Subscription(chat_id=1, category=category, max_crs=score)
    replaced = messages.subscribed(category, 500, earlier).split("\n")[1]
    assert replaced == f"(This replaces your earlier {what}.)"
    key = html.escape(category if score is None else f"{category} {score}")
    assert messages.subscription_list([earlier]) == (
        f"<b>This chat gets:</b>\n• {what} (<code>{key}</code>)"
    )


@pytest.mark.parametrize(
    ("category", "removed", "expected"),
    [
        (None, 0, "No subscriptions to remove."),
        (None, 1, "Removed 1 subscription."),
        (None, 3, "Removed all 3 subscriptions."),
        ("cec", 0, "This chat was not subscribed to <code>cec</code>."),
        ("cec", 1, "Unsubscribed from <code>cec</code>."),
    ],
)
def test_unsubscribing(category: str | None, removed: int, expected: str) -> None:
    assert messages.unsubscribed(category, removed) == expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (None, "never"),
        (timedelta(seconds=-5), "0 s ago"),
        (timedelta(seconds=42), "42 s ago"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "59 minutes ago"),
        (timedelta(hours=1), "1 hour ago"),
        (timedelta(hours=5), "5 hours ago"),
        (timedelta(days=1, hours=3), "1 day ago"),
        (timedelta(days=12), "12 days ago"),
    ],
)
def test_ago(before: timedelta | None, expected: str) -> None:
    assert messages.ago(None if before is None else NOW - before, NOW) == expected


def draw(number: str | None, crs: int | None, **extra: object) -> Draw:
    values = {"date": date(2026, 7, 2), "category": "stem", "name": "STEM occupations",
              "invitations": 1500, "confirmed": True}  # fmt: skip
    return Draw(number=number, crs=crs, **values | extra)


@pytest.mark.parametrize(
    ("crs", "previous", "expected"),
    [
        (486, None, "CRS cut-off: <b>486</b> (first STEM occupations draw on record)"),
        (486, draw("293", 491), "(▼ 5 from 491 in #293 on July 2, 2026)"),
        (496, draw("293", 491), "(▲ 5 from 491 in #293 on July 2, 2026)"),
        (None, draw("293", 491), "CRS cut-off: <b>unknown</b> (previous: #293 on July 2, 2026)"),
        # the previous draw known only from the news: named by its date
        (491, draw(None, 491), "(unchanged from 491 in the draw reported on July 2, 2026)"),
        (486, draw(None, 491), "(▼ 5 from 491 in the draw reported on July 2, 2026)"),
        (None, draw(None, 491), "(previous: the draw reported on July 2, 2026)"),
    ],
)
def test_the_cut_off_against_the_previous_draw(
    crs: int | None, previous: Draw | None, expected: str
) -> None:
    assert expected in messages.draw_details(draw("421", crs), previous)


@pytest.mark.parametrize(
    ("undated", "headline"),
    [
        (False, "<b>(no number yet) · STEM occupations</b> · July 2, 2026"),
        (True, "<b>(no number yet) · STEM occupations</b> · reported July 2, 2026"),
    ],
)
def test_a_draw_no_source_dated_is_dated_as_reported(undated: bool, headline: str) -> None:
    """A draw from news that never stated its date gives the day it was reported as such,
    in an alert or /latest as in /categories."""
    reported = draw(None, 486, confirmed=False, undated=undated)
    assert messages.draw_details(reported, None).split("\n")[0] == headline
    assert headline.rsplit(" · ", 1)[1] in messages.categories([(reported, 1)])


@pytest.mark.parametrize(
    ("count", "confirmed", "heading"),
    [
        (1, True, "🔔 <b>New Express Entry draw</b>"),
        (2, True, "🔔 <b>2 new Express Entry draws</b>"),
        (1, False, "🔔 <b>Express Entry draw reported</b>"),
        (3, False, "🔔 <b>3 new Express Entry draws reported</b>"),
    ],
)
def test_an_alert_s_heading(count: int, confirmed: bool, heading: str) -> None:
    notices = [messages.Notice(draw(str(n), 480, confirmed=confirmed), None) for n in range(count)]
    assert messages.alert(notices).startswith(f"{heading}\n\n")


def test_the_category_list_counts_draws_in_singular_and_plural() -> None:
    text = messages.categories([(draw("293", 491), 1), (draw("300", 480, category="cec"), 4)])
    assert "cut-off 491 (1 draw)" in text
    assert "cut-off 480 (4 draws)" in text


def test_the_operators_view_leading_and_standing_by() -> None:
    since = NOW - timedelta(hours=2)
    health = SourceHealth("official", last_success=since, next_due=NOW + timedelta(seconds=9))
    failing = SourceHealth("feed:<x>", NOW, NOW, failures=2, last_error="HTTP 500 <oops>")
    stored = SourceState(key="official", consecutive_failures=3, failing_since=since,
                         last_error="a & b", last_new_draw_at=None)  # fmt: skip
    figures = StatusFigures(
        chats=ChatCounts(1_200, 3, 1_000, 1), outbox={"pending": 2}, leading=True,
        sources=[(health, None), (failing, stored)], window=DrawWindow(frozenset({(1, 14)})),
        last_run=None,
        last_run_at=None, flood_wait=FloodWait(12.4, (NOW - timedelta(minutes=1)).timestamp()),
        now=NOW,
    )  # fmt: skip
    assert messages.status_view(figures).split("\n") == [
        "<b>Status</b>",
        "Chats: 1,200 active, 3 inactive; 1,000 subscribed (1 subscription)",
        "Outbox: 2 pending (0 being sent), 0 failed, 0 sent",
        "Last delivery: none since start",
        "Last flood wait: 12 s, 1 minute ago",
        "<b>Sources</b> (draw window: Tue; 14-15 UTC)",
        "• official: ok, last answered 2 hours ago; last new draw never; next poll in 9 s",
        "• feed:&lt;x&gt;: failing (2 in a row), last answered 0 s ago; "
        "last error: HTTP 500 &lt;oops&gt;; last new draw never; next poll now",
    ]
    standby = messages.status_view(
        StatusFigures(**vars(figures) | {"leading": False, "flood_wait": None})
    )
    assert standby.split("\n")[3:] == [
        "Last delivery: none since start (another process sends the alerts)",
        "Last flood wait: none since start",
        "<b>Sources</b> (polled by another process; as it stored them)",
        "• official: not polled yet",
        "• feed:&lt;x&gt;: failing (3 in a row, the first 2 hours ago); last error: a &amp; b; "
        "last new draw never",
    ]

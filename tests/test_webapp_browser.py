"""The Mini App in a real headless Chromium, opened as Telegram opens it (signed launch data
and theme in the address's fragment), served by the bot's own aiohttp server beside the
fake Bot API: what a person sees, taps and changes, and what a forger gets."""

from collections.abc import AsyncIterator
from datetime import date
from urllib.parse import urlencode

import pytest
from playwright.async_api import Browser, Page, Route, async_playwright, expect
from sqlalchemy import select

from db.models import Chat as ChatRow
from db.models import Draw, Subscription
from tests.conftest import add_chat, table_rows
from tests.fakes.telegram import FakeTelegram
from tests.webapp import (
    CHROMIUM,
    DARK,
    NOW,
    USER_ID,
    Served,
    launch_fields,
    launch_url,
    needs_chromium,
    serving,
    sign,
    signed,
    store_more,
)

pytestmark = needs_chromium


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        found = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield found
        await found.close()


@pytest.fixture
async def served(telegram: FakeTelegram, database: str, history: None) -> AsyncIterator[Served]:
    async with serving(telegram, database) as found:
        await store_more(found.sessions)
        await add_chat(found.sessions, USER_ID, ("cec", 520))
        yield found


async def opened(
    browser: Browser, served: Served, data: str, requested: list[str] | None = None, **theme: str
) -> Page:
    """A phone-sized page on the app, as Telegram opens it; the address of every request it
    makes goes to ``requested``, if given."""
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    if requested is not None:
        page.on("request", lambda request: requested.append(request.url))
    await page.goto(launch_url(served.base, data, **theme))
    return page


async def test_the_newest_draw_shows_first_and_filters_narrow_the_list(
    browser: Browser, served: Served
) -> None:
    requested: list[str] = []
    page = await opened(browser, served, signed(launch_fields(), served.token), requested)
    first = page.locator("#draws article").first
    await expect(first.locator("h3")).to_have_text("STEM occupations")
    await expect(first.locator(".flag")).to_contain_text("not yet confirmed")
    await page.select_option("#filter", "cec")
    await expect(page.locator("#draws article").first.locator("h3")).to_have_text(
        "Canadian Experience Class"
    )
    categories = await page.locator("#draws article").evaluate_all(
        "cards => [...new Set(cards.map((card) => card.dataset.category))]"
    )
    assert categories == ["cec"]
    await page.select_option("#filter", "bc")
    await expect(page.locator("#draws article")).to_have_count(2)
    assert requested and all(url.startswith(served.base) for url in requested)  # nothing else


async def test_a_subscription_changed_in_the_page_is_stored_and_the_chat_told(
    browser: Browser, served: Served, telegram: FakeTelegram
) -> None:
    page = await opened(browser, served, signed(launch_fields(), served.token))
    await page.click("nav button[data-tab=alerts]")
    await page.select_option("#new-category", "stem")
    await page.fill("#new-score", "470")
    await page.click("#add")
    await expect(page.locator("#toast")).to_contain_text("STEM")
    await expect(page.locator("#subscriptions [data-key=stem]")).to_be_visible()
    [told] = await telegram.await_messages(1, chat_id=USER_ID)
    assert "STEM" in told.text and "470" in told.text
    row = page.locator("#subscriptions [data-key=cec]")
    await row.locator("input").fill("505")
    await row.locator("button", has_text="Save").click()
    await expect(page.locator("#toast")).to_contain_text("505")
    await page.locator("#subscriptions [data-key=stem] button", has_text="Remove").click()
    await expect(page.locator("#subscriptions [data-key=stem]")).to_have_count(0)
    async with served.sessions() as session:
        held = (await session.execute(select(Subscription.category, Subscription.max_crs))).all()
    assert sorted(held) == [("cec", 505)]
    assert len(await telegram.await_messages(3, chat_id=USER_ID)) == 3


async def test_a_refused_change_shows_the_commands_error_and_changes_nothing(
    browser: Browser, served: Served, telegram: FakeTelegram
) -> None:
    page = await opened(browser, served, signed(launch_fields(), served.token))
    await page.click("nav button[data-tab=alerts]")
    await page.wait_for_selector("#new-score")
    before = await table_rows(served.sessions)
    await page.fill("#new-score", "1500")
    await page.click("#add")
    await expect(page.locator("#toast")).to_contain_text("1500")
    assert await table_rows(served.sessions) == before
    assert telegram.messages_to(USER_ID) == []


async def test_switching_to_french_shows_french_texts(
    browser: Browser, served: Served, telegram: FakeTelegram
) -> None:
    page = await opened(browser, served, signed(launch_fields(), served.token))
    await page.click("nav button[data-tab=alerts]")
    await page.select_option("#language", "fr")
    await expect(page.locator("nav button[data-tab=draws]")).to_have_text("Tirages")
    await expect(page.locator("h2").first).to_contain_text("Mes alertes")
    await page.click("nav button[data-tab=draws]")
    await expect(page.locator("#draws article").nth(1).locator(".when")).to_contain_text("juin")
    async with served.sessions() as session:
        assert (await session.get(ChatRow, USER_ID)).language == "fr"  # type: ignore[union-attr]
    [told] = await telegram.await_messages(1, chat_id=USER_ID)
    assert "français" in told.text.lower()


async def test_a_tab_tapped_while_the_first_screen_loads_stays_shown(
    browser: Browser, served: Served
) -> None:
    """The draws, answered only after the alerts tab is shown, do not draw over it."""
    page = await browser.new_page(viewport={"width": 390, "height": 844})
    held: list[Route] = []

    async def hold(route: Route) -> None:
        held.append(route)

    await page.route("**/api/draws*", hold)
    await page.goto(launch_url(served.base, signed(launch_fields(), served.token)))
    await page.click("nav button[data-tab=alerts]")
    await expect(page.locator("#language")).to_be_visible()
    assert len(held) == 1
    async with page.expect_response("**/api/draws*"):
        await held[0].continue_()
    await expect(page.locator("#language")).to_be_visible()
    await expect(page.locator("#draws")).to_have_count(0)
    await expect(page.locator("nav button[data-tab=alerts]")).to_have_attribute(
        "aria-selected", "true"
    )


async def test_a_telegram_user_speaking_french_reads_french_first(
    browser: Browser, served: Served
) -> None:
    fields = launch_fields(user_id=5151, language_code="fr-CA")
    page = await opened(browser, served, signed(fields, served.token), theme=DARK)
    await expect(page.locator("nav button[data-tab=pool]")).to_have_text("Bassin")
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"  # the theme's bg_color


async def test_tapping_a_point_of_the_trend_shows_its_draw(
    browser: Browser, served: Served
) -> None:
    page = await opened(browser, served, signed(launch_fields(), served.token))
    await page.click("nav button[data-tab=trends]")
    await page.locator("#trend-chart circle").last.click()
    await expect(page.locator("#picked article h3")).to_be_visible()
    assert await page.locator("#trend-chart line.own").count() == 1  # the score of 520


def _bad_data(served: Served) -> dict[str, str]:
    fields = launch_fields()
    other = {**fields, "user": fields["user"].replace(str(USER_ID), "1001")}
    return {
        "forged": signed(fields, "999:OTHER-TOKEN"),
        "altered": urlencode({**other, "hash": sign(fields, served.token)}),
        "stale": signed(launch_fields(auth_date=int(fields["auth_date"]) - 90_000), served.token),
        "missing": "",
    }


async def test_forged_altered_stale_or_missing_data_is_refused_and_changes_nothing(
    browser: Browser, served: Served, telegram: FakeTelegram
) -> None:
    before = await table_rows(served.sessions)
    for kind, data in _bad_data(served).items():
        page = await opened(browser, served, data)
        refused = page.locator(".error-text")
        await expect(refused, kind).to_contain_text("Open this app from Telegram")
        answer = await page.evaluate(
            """async (data) => (await fetch("api/alerts", {method: "POST",
                headers: {Authorization: "tma " + data, "Content-Type": "application/json"},
                body: JSON.stringify({category: "stem", score: 400})})).status""",
            data,
        )
        assert answer == 401, kind
        await page.close()
    assert await table_rows(served.sessions) == before
    assert telegram.messages_to(USER_ID) == []


async def test_words_from_outside_are_shown_as_text_never_run(
    browser: Browser, served: Served
) -> None:
    hostile = "<img src=x onerror=\"document.title='owned'\">New category"
    async with served.sessions() as session, session.begin():
        session.add(Draw(date=date(2026, 7, 1), category="new-stream", name=hostile,
                         invitations=10, crs=400, source="official", confirmed=True,
                         created_at=NOW, number="9999"))  # fmt: skip
    page = await opened(browser, served, signed(launch_fields(), served.token))
    first = page.locator("#draws article").first
    await expect(first.locator("h3")).to_have_text(hostile)
    assert await page.locator("#draws img").count() == 0
    assert await page.title() != "owned"


async def test_a_month_of_application_is_shown_and_followed_as_the_command_does(
    browser: Browser, served: Served, telegram: FakeTelegram
) -> None:
    page = await opened(browser, served, signed(launch_fields(), served.token))
    await page.click("nav button[data-tab=times]")
    await expect(page.locator("#times")).to_be_visible()
    await expect(page.locator("#screen")).not_to_contain_text("null")  # no month asked yet
    await page.select_option("#times-program", "cec")
    await page.fill("#times-month", "2025-06")
    await page.locator("#screen button", has_text="Show").click()
    await expect(page.locator("#month tr")).to_have_count(3)  # a header, two editions
    await page.click("#follow")
    await expect(page.locator("#toast")).to_contain_text("Canadian Experience Class")
    [told] = await telegram.await_messages(1, chat_id=USER_ID)
    assert "Canadian Experience Class" in told.text
    async with served.sessions() as session:
        keys = set(await session.scalars(select(Subscription.category)))
    assert keys == {"cec", "times-cec-2025-06"}

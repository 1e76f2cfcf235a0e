"""/chart: cut-offs over time and the pool by score, as PNG pictures read on a phone."""

import asyncio
import struct
import threading
from datetime import date
from functools import partial
from typing import Any

import pytest
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application

from bot.chat import charts
from bot.chat.arguments import ArgumentError, Chart, parse_chart
from bot.chat.charts import figures, pictures
from bot.messages.locale import Audience, Language, speaking
from bot.messages.templates import label
from core.categories import in_order
from core.pool import bands
from core.trends import ALL_TIME, DEFAULT_PERIOD, Period, parse_period, period_start
from db.draws import draws_since, latest_draws, pool_distributions, stored_categories
from tests.conftest import Chat
from tests.fakes.telegram import FakeTelegram

pytestmark = pytest.mark.usefixtures("in_english")  # the tests render expected texts themselves

PNG = b"\x89PNG\r\n\x1a\n"


def pixels(picture: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    assert picture.startswith(PNG)
    width, height = struct.unpack(">II", picture[16:24])
    return width, height


async def described(
    sessions: async_sessionmaker[AsyncSession], category: str | None, period: Period,
    score: int | None = None,
) -> charts.Picture:  # fmt: skip
    async with sessions() as session:
        picture = await charts.describe(session, category, period, score)
    assert isinstance(picture, charts.Picture), picture
    return picture


async def expected_draws(
    sessions: async_sessionmaker[AsyncSession], category: str | None, period: Period
) -> dict[str, list[tuple[float, int, int | None]]]:
    """The stored draws a chart should plot, by category: (date as plotted, cut-off,
    invitations)."""
    async with sessions() as session:
        newest = (await latest_draws(session, None, 1))[0]
        assert newest.date is not None
        start = period_start(period, newest.date)
        found: dict[str, list[tuple[float, int, int | None]]] = {}
        for draw in await draws_since(session, category, start):
            if draw.crs is not None and draw.date is not None:
                found.setdefault(draw.category, []).append(
                    (float(date2num(draw.date)), draw.crs, draw.invitations)
                )
    return found


def _one_line(label: object) -> str:
    return " ".join(str(label).split())


def plotted(figure: Figure) -> dict[str, list[tuple[float, int]]]:
    """The cut-off lines of a chart, read from the figure, by legend label (a long label is
    wrapped on the chart; read as one line here)."""
    return {
        _one_line(line.get_label()): list(zip(line.get_xdata(), line.get_ydata(), strict=True))  # type: ignore[arg-type]
        for line in figure.axes[0].get_lines()
        if not str(line.get_label()).startswith("Your score")
    }


async def test_a_png_of_the_expected_size_for_every_category_and_for_all(
    sessions: async_sessionmaker[AsyncSession], history: None
) -> None:
    async with sessions() as session:
        categories = sorted(await stored_categories(session))
    assert len(categories) > 10
    for category in [*categories, None]:
        picture = await described(sessions, category, ALL_TIME)
        assert pixels(charts.png(picture.draw())) == charts.PIXELS, category


@pytest.mark.parametrize(("category", "period"), [("stem", "all"), ("cec", "2y"), ("pnp", "6m")])
async def test_one_category_s_cut_offs_invitations_and_axes_match_its_draws(
    sessions: async_sessionmaker[AsyncSession], history: None, category: str, period: str
) -> None:
    chosen = parse_period(period)
    assert chosen is not None
    expected = (await expected_draws(sessions, category, chosen))[category]
    figure = (await described(sessions, category, chosen, score=470)).draw()
    line = plotted(figure)
    assert list(line) == ["Cut-off"]
    assert line["Cut-off"] == [(day, crs) for day, crs, _n in expected]
    bars = figure.axes[1].patches
    assert [bar.get_height() for bar in bars] == [n for _d, _crs, n in expected if n]
    low, high = figure.axes[0].get_ylim()
    assert low < min(470, *(crs for _d, crs, _n in expected))
    assert high > max(470, *(crs for _d, crs, _n in expected))
    left, right = figure.axes[0].get_xlim()
    assert left < expected[0][0] and right > expected[-1][0]
    score = [line for line in figure.axes[0].get_lines() if line.get_label() == "Your score: 470"]
    assert len(score) == 1 and list(score[0].get_ydata()) == [470, 470]  # type: ignore[arg-type]
    assert label(category) in figure.get_suptitle().replace("\n", " ")


@pytest.mark.parametrize("period", ["1y", "all"])
async def test_every_category_with_draws_in_the_period_gets_its_line(
    sessions: async_sessionmaker[AsyncSession], history: None, period: str
) -> None:
    chosen = parse_period(period)
    assert chosen is not None
    expected = await expected_draws(sessions, None, chosen)
    figure = (await described(sessions, None, chosen)).draw()
    lines = plotted(figure)
    assert list(lines) == [label(category) for category in in_order(expected)]
    for category, draws in expected.items():
        assert lines[label(category)] == [(day, crs) for day, crs, _n in draws]
    assert len(figure.axes) == 1  # no invitation bars when several categories share it
    subtitle = figure.axes[0].get_title()
    async with sessions() as session:
        newest = (await latest_draws(session, None, 1))[0]
    assert f"{newest.date:%B} {newest.date.day}, {newest.date.year}" in subtitle  # type: ignore[union-attr]


async def test_a_french_chat_s_legend_names_the_categories_in_french(
    sessions: async_sessionmaker[AsyncSession], history: None
) -> None:
    with speaking(Audience(Language.FR)):
        picture = await described(sessions, None, ALL_TIME)
        french = [label(key) for key in in_order(await expected_draws(sessions, None, ALL_TIME))]
        legend = list(plotted(picture.draw()))
    assert isinstance(picture.draw, partial)
    chart = picture.draw.args[0]
    assert [series.name for series in chart.series] == french == legend
    assert {"Professions en STIM", "Santé et services sociaux", "Métiers"} <= set(legend)
    assert "stem" not in legend and "STEM occupations" not in legend
    english = await described(sessions, None, ALL_TIME)
    assert english.key != picture.key  # cached apart: the same draws, other words


async def test_the_pool_chart_plots_the_newest_distribution(
    sessions: async_sessionmaker[AsyncSession], history: None
) -> None:
    async with sessions() as session:
        (as_of, distribution), *_ = await pool_distributions(session, 1)
    ranges = bands(distribution)
    assert ranges is not None
    figure = (await described(sessions, charts.POOL, DEFAULT_PERIOD, score=485)).draw()
    assert [bar.get_width() for bar in figure.axes[0].patches] == [b.count for b in ranges]
    labels = [tick.get_text() for tick in figure.axes[0].get_yticklabels()]
    assert labels == [f"{b.low}-{b.high}" for b in ranges]
    held = [bar.get_facecolor() for bar in figure.axes[0].patches]
    assert len({colour for colour in held}) == 2  # the range holding 485 stands out
    assert f"{as_of:%B} {as_of.day}, {as_of.year}" in figure.axes[0].get_title()
    assert pixels(charts.png(figure)) == charts.PIXELS


async def test_the_cache_returns_the_same_bytes_without_drawing_again(
    sessions: async_sessionmaker[AsyncSession], history: None
) -> None:
    cache = charts.ChartCache()
    first = await described(sessions, "stem", ALL_TIME)
    again = await described(sessions, "stem", ALL_TIME)
    assert first.key == again.key
    pictures = await asyncio.gather(
        cache.picture(first.key, first.draw), cache.picture(again.key, again.draw)
    )
    assert pictures[0] == pictures[1] == await cache.picture(first.key, first.draw)
    assert cache.renders == 1
    other = await described(sessions, "stem", ALL_TIME, score=490)  # the chat's score shows
    assert other.key != first.key
    assert await cache.picture(other.key, other.draw) != pictures[0]
    assert cache.renders == 2


def photos(telegram: FakeTelegram, chat_id: int) -> list[dict[str, Any]]:
    return [
        params for method, params in telegram.calls
        if method == "sendPhoto" and params["chat_id"] == chat_id
    ]  # fmt: skip


async def test_chart_stem_arrives_as_a_photo_with_a_png(
    app: Application, telegram: FakeTelegram
) -> None:
    user = Chat(telegram, 1001, application=app)
    await user.ask("/subscribe stem 490")
    caption = await user.ask("/chart stem all")
    assert caption.startswith("<b>STEM occupations</b>: CRS cut-offs, every draw on record")
    (sent,) = photos(telegram, 1001)
    assert pixels(sent["photo"]) == charts.PIXELS
    assert sent["parse_mode"] == "HTML"
    await user.ask("/chart stem all")
    again = photos(telegram, 1001)[1]
    assert again["photo"] == sent["photo"]
    assert app.bot_data.charts.renders == 1  # the second was the cached picture


async def test_every_kind_of_chart_in_a_group(app: Application, telegram: FakeTelegram) -> None:
    group = Chat(telegram, -100123, "supergroup", application=app)
    for command in ("/chart@ee_drawbot_test", "/chart all", "/chart pool", "/chart cec 2y"):
        await group.ask(command)
    assert [pixels(sent["photo"]) for sent in photos(telegram, -100123)] == [charts.PIXELS] * 4


async def test_another_command_is_answered_while_a_chart_renders(
    app: Application, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, released = threading.Event(), threading.Event()
    original = charts.cutoff_figure

    def held(chart: charts.CutoffChart) -> Figure:
        started.set()
        released.wait(60)  # a bound only a blocked event loop reaches
        return original(chart)

    monkeypatch.setattr(pictures, "cutoff_figure", held)
    drawing = asyncio.create_task(Chat(telegram, 1001, application=app).send("/chart stem all"))
    await asyncio.to_thread(started.wait, 60)
    assert "#420" in await Chat(telegram, 1002, application=app).ask("/latest")
    assert photos(telegram, 1001) == []  # still drawing
    released.set()
    await drawing
    assert len(photos(telegram, 1001)) == 1


@pytest.mark.parametrize(
    ("command", "reply"),
    [
        ("/chart stem 3w", "“3w” is not a period"),
        ("/chart 0m", "“0m” is not a period"),
        ("/chart stem 30y", "“30y” is not a period"),
        ("/chart nowhere", "I don't know the category “nowhere”"),
        ("/chart a b c d e f g h i", "longer than any category"),
    ],
)
async def test_bad_input_is_answered_in_words_with_the_usage(
    app: Application, telegram: FakeTelegram, command: str, reply: str
) -> None:
    text = await Chat(telegram, 1001, application=app).ask(command)
    assert reply in text
    assert "Usage: <code>/chart [category] [period]</code>" in text
    assert photos(telegram, 1001) == []


async def test_a_category_without_draws_in_the_period_gets_all_of_them_and_is_told(
    app: Application, telegram: FakeTelegram, sessions: async_sessionmaker[AsyncSession]
) -> None:
    caption = await Chat(telegram, 1001, application=app).ask("/chart stem")
    assert caption.split("\n") == [
        "No STEM occupations draw in the last 12 months; here is every one on record.",
        "<b>STEM occupations</b>: CRS cut-offs, every draw on record (draws to June 23, 2026).",
    ]
    (sent,) = photos(telegram, 1001)
    everything = await described(sessions, "stem", ALL_TIME)
    assert sent["photo"] == charts.png(everything.draw())  # the same picture as /chart stem all


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], Chart(None, DEFAULT_PERIOD)),
        (["stem"], Chart("stem", DEFAULT_PERIOD)),
        (["STEM", "2y"], Chart("stem", Period("2y", 24))),
        (["6m"], Chart(None, Period("6m", 6))),
        (["all"], Chart(None, ALL_TIME)),
        (["all", "1y"], Chart(None, Period("1y", 12))),
        (["senior", "managers", "all"], Chart("senior-managers", ALL_TIME)),
        (["pool"], Chart("pool", DEFAULT_PERIOD)),
    ],
)
def test_chart_requests(args: list[str], expected: Chart) -> None:
    assert parse_chart(args, frozenset()) == expected


@pytest.mark.parametrize("args", [["stem", "5d"], ["1.5y"], ["stem", "0y"], ["241m"], ["x" * 65]])
def test_bad_chart_requests(args: list[str]) -> None:
    with pytest.raises(ArgumentError):
        parse_chart(args, frozenset())


@pytest.mark.parametrize(
    ("text", "months"),
    [("6m", 6), ("1y", 12), ("2Y", 24), ("18m", 18), ("20y", 240), ("all", None),
     ("0m", "none"), ("21y", "none"), ("y", "none"), ("m6", "none"), ("6", "none")],
)  # fmt: skip
def test_periods(text: str, months: int | str | None) -> None:
    found = parse_period(text)
    if months == "none":
        assert found is None
    else:
        assert found is not None and found.months == months


@pytest.mark.parametrize(
    ("period", "end", "start"),
    [
        (Period("6m", 6), date(2026, 8, 31), date(2026, 2, 28)),
        (Period("1y", 12), date(2026, 6, 23), date(2025, 6, 23)),
        (Period("2y", 24), date(2024, 2, 29), date(2022, 2, 28)),
        (Period("18m", 18), date(2026, 1, 15), date(2024, 7, 15)),
        (ALL_TIME, date(2026, 6, 23), None),
    ],
)
def test_a_period_s_first_day(period: Period, end: date, start: date | None) -> None:
    assert period_start(period, end) == start


@pytest.mark.parametrize(
    ("language", "day", "tick"),
    [
        (Language.EN, date(2026, 3, 1), "Mar"),
        (Language.FR, date(2026, 3, 1), "mars"),
        (Language.FR, date(2026, 7, 1), "juill."),
        (Language.FR, date(2026, 1, 1), "2026"),
        (Language.FR, date(2026, 3, 15), "15 mars"),
    ],
)
def test_date_ticks_are_written_in_the_chat_s_language(
    language: Language, day: date, tick: str
) -> None:
    with speaking(Audience(language)):
        assert figures._month(date2num(day), None) == tick


def test_counts_on_charts_are_written_in_the_chat_s_language() -> None:
    with speaking(Audience(Language.FR)):
        assert figures._thousands(51897.0, None) == "51\xa0897"
    assert figures._thousands(51897.0, None) == "51,897"

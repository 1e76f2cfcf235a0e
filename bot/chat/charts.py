"""Charts as PNG pictures: cut-offs over time, the pool by CRS score, and a program's
processing time over IRCC's editions.

A chart is described by a plain value (what to plot, with its words), drawn on its own
matplotlib Figure with the Agg canvas (no pyplot, no global state), in a worker thread so
that the event loop keeps answering, and cached by what it shows.
"""

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import partial
from html import escape
from io import BytesIO
from textwrap import fill

from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import MONTHLY, AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.messages import charts as words
from bot.messages import provinces
from bot.messages import times as times_words
from bot.messages.locale import audience
from bot.messages.templates import day, label, number
from core.categories import in_order
from core.pool import TOTAL, Band, bands
from core.provinces.registry import scale_of
from core.provinces.values import province_of_key
from core.times.values import Approx, read_duration
from core.trends import ALL_TIME, Period, period_start
from db import draws
from db import times as stored_times
from db.models import Draw

WIDTH, HEIGHT, DPI = 8, 6, 150  # inches and dots per inch: 1200 x 900 pixels
PIXELS = (WIDTH * DPI, HEIGHT * DPI)
TITLE_SIZE, TEXT_SIZE, TICK_SIZE, NOTE_SIZE = 19, 16, 14, 13
SCORE_COLOUR, BAR_COLOUR, HIGHLIGHT = "#d62728", "#9aa5b1", "#d62728"
TITLE_WIDTH = 45  # characters on a line of the title
SUBTITLE_WIDTH = 70
LEGEND_COLUMNS = 2
LEGEND_WIDTH = 32  # characters on a line of a legend's entry: two columns fit the width
CACHED_CHARTS = 64
# Ten colours, then the same ten dashed with other markers, so that no two lines look alike.
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79")  # fmt: skip
MARKERS = ("o", "s", "^")
POOL = "pool"  # /chart pool: the pool by score, not the cut-offs
TIMES_EDITIONS = 36  # /chart times cec: three years of monthly editions


@dataclass(frozen=True)
class Series:
    """One category's draws, oldest first: the dates, cut-offs and invitations."""

    name: str
    days: tuple[date, ...]
    cutoffs: tuple[int, ...]
    invitations: tuple[int | None, ...]


@dataclass(frozen=True)
class CutoffChart:
    title: str
    subtitle: str
    series: tuple[Series, ...]  # one: with its invitations as bars
    start: date | None  # the period's first day; None: from the first draw
    end: date
    score: int | None = None
    axis: str = ""  # what the scores are: the CRS cut-off, or a province's minimum score


@dataclass(frozen=True)
class PoolChart:
    title: str
    subtitle: str
    bands: tuple[Band, ...]  # highest first
    score: int | None = None


def _figure() -> Figure:
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _titles(figure: Figure, axes: Axes, title: str, subtitle: str) -> None:
    figure.suptitle(fill(title, TITLE_WIDTH), fontsize=TITLE_SIZE, fontweight="bold")
    axes.set_title(fill(subtitle, SUBTITLE_WIDTH), fontsize=NOTE_SIZE, color="#555555")


def cutoff_figure(chart: CutoffChart) -> Figure:
    """Cut-offs over time: one line per category; for one category, its invitations as bars
    on a second axis; the chat's score as a dashed line."""
    figure = _figure()
    axes = figure.add_subplot()
    _titles(figure, axes, chart.title, chart.subtitle)
    first = min(day for series in chart.series for day in series.days)
    start = chart.start or first
    span = (chart.end - start).days
    margin = timedelta(days=max(7, span // 40))
    if len(chart.series) == 1:
        _invitation_bars(axes, chart.series[0], max(2, span // 120))
    for index, series in enumerate(chart.series):
        axes.plot(
            date2num(series.days), series.cutoffs, linewidth=2.5,
            color=COLOURS[index % len(COLOURS)], marker=MARKERS[index // len(COLOURS) % 3],
            linestyle="-" if index < len(COLOURS) else "--",
            markersize=6 if len(series.days) < 60 else 4,
            label=fill(series.name, LEGEND_WIDTH) if len(chart.series) > 1 else words.CUTOFF_LINE(),
        )  # fmt: skip
    scores = [crs for series in chart.series for crs in series.cutoffs]
    if chart.score is not None:
        axes.axhline(chart.score, color=SCORE_COLOUR, linestyle="--", linewidth=2,
                     label=words.YOUR_SCORE(score=chart.score))  # fmt: skip
        scores.append(chart.score)
    axes.set_ylim(min(scores) - 10, max(scores) + 10)
    axes.set_xlim(date2num(start - margin), date2num(chart.end + margin))
    axes.set_ylabel(chart.axis or words.CUTOFF_AXIS(), fontsize=TEXT_SIZE)
    axes.grid(True, alpha=0.3)
    _date_axis(axes)
    figure.legend(
        loc="outside lower center", ncols=LEGEND_COLUMNS, fontsize=NOTE_SIZE, frameon=False
    )
    return figure


def _invitation_bars(axes: Axes, series: Series, width: int) -> None:
    """The draws' sizes as bars (``width`` days wide) on a second axis, under the line."""
    bars = axes.twinx()
    counted = [(d, n) for d, n in zip(series.days, series.invitations, strict=True) if n]
    if counted:
        days, sizes = zip(*counted, strict=True)
        bars.bar(date2num(days), sizes, width=width, color=BAR_COLOUR, alpha=0.6,
                 label=words.INVITATIONS_BARS())  # fmt: skip
        bars.set_ylim(0, max(sizes) * 2.5)  # the bars keep to the lower part
    bars.set_ylabel(words.INVITATIONS_AXIS(), fontsize=TEXT_SIZE, color="#555555")
    bars.tick_params(labelsize=TICK_SIZE, colors="#555555")
    bars.yaxis.set_major_formatter(_thousands)
    axes.set_zorder(bars.get_zorder() + 1)  # the cut-offs over the bars
    axes.patch.set_visible(False)


def _thousands(value: float, _position: object) -> str:
    return number(round(value))


def _month(value: float, _position: object) -> str:
    """A date tick in the chart's language: the year in January, else the month (and the
    day, when ticks fall inside months)."""
    tick = num2date(value).date()
    pattern = "yyyy" if (tick.month, tick.day) == (1, 1) else "LLL" if tick.day == 1 else "d LLL"
    return format_date(tick, pattern, locale=audience().language.babel_locale)


def _date_axis(axes: Axes) -> None:
    locator = AutoDateLocator(minticks=3, maxticks=6)
    locator.intervald[MONTHLY] = [1, 2, 3, 4, 6, 12]  # past 6: months of 2 to 3 years
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(FuncFormatter(_month))
    axes.tick_params(labelsize=TICK_SIZE)


def pool_figure(chart: PoolChart) -> Figure:
    """The pool by score range, the highest at the top; the range holding the chat's score
    in another colour."""
    figure = _figure()
    axes = figure.add_subplot()
    _titles(figure, axes, chart.title, chart.subtitle)
    labels = [f"{band.low}-{band.high}" for band in chart.bands]
    colours = [
        HIGHLIGHT if chart.score is not None and band.low <= chart.score <= band.high
        else "#1f77b4"
        for band in chart.bands
    ]  # fmt: skip
    counts = [band.count for band in chart.bands]
    bars = axes.barh(labels, counts, color=colours)
    axes.bar_label(bars, labels=[number(count) for count in counts], padding=4, fontsize=11)
    axes.invert_yaxis()
    axes.set_xlim(0, max(counts) * 1.2)
    axes.set_xlabel(words.POOL_AXIS(), fontsize=TEXT_SIZE)
    axes.set_ylabel(words.RANGE_AXIS(), fontsize=TEXT_SIZE)
    axes.tick_params(axis="x", labelsize=TICK_SIZE)
    axes.tick_params(axis="y", labelsize=12)
    axes.xaxis.set_major_formatter(_thousands)
    axes.grid(True, axis="x", alpha=0.3)
    held = [label for label, colour in zip(labels, colours, strict=True) if colour == HIGHLIGHT]
    if chart.score is not None and held:
        note = words.YOUR_RANGE(score=chart.score, range=held[0])
        axes.text(0.98, 0.02, note, transform=axes.transAxes, ha="right", va="bottom",
                  fontsize=TEXT_SIZE, color=HIGHLIGHT)  # fmt: skip
    return figure


@dataclass(frozen=True)
class TimesChart:
    """A program's processing time in each stored edition, in months (a time IRCC gives as
    "more than" is drawn as the bound it is, marked apart)."""

    title: str
    subtitle: str
    days: tuple[date, ...]
    months: tuple[float, ...]
    bounds: tuple[bool, ...]  # the time is a lower bound ("more than 10 years")


def times_figure(chart: TimesChart) -> Figure:
    """The time over the editions, one point each; lower bounds as hollow triangles."""
    figure = _figure()
    axes = figure.add_subplot()
    _titles(figure, axes, chart.title, chart.subtitle)
    axes.plot(date2num(chart.days), chart.months, linewidth=2.5, color=COLOURS[0], marker="o",
              markersize=7, label=times_words.CHART_LINE())  # fmt: skip
    bounded = [(day, months) for day, months, bound in zip(
        chart.days, chart.months, chart.bounds, strict=True) if bound]  # fmt: skip
    if bounded:
        axes.plot(date2num([day for day, _m in bounded]), [m for _d, m in bounded],
                  linestyle="none", marker="^", markersize=12, markerfacecolor="none",
                  color=SCORE_COLOUR, label=times_words.CHART_BOUND())  # fmt: skip
    top = max(chart.months)
    axes.set_ylim(0, top * 1.2 + 1)
    span = max(1, (chart.days[-1] - chart.days[0]).days)
    margin = timedelta(days=max(10, span // 20))
    axes.set_xlim(date2num(chart.days[0] - margin), date2num(chart.days[-1] + margin))
    axes.set_ylabel(times_words.CHART_AXIS(), fontsize=TEXT_SIZE)
    axes.grid(True, alpha=0.3)
    _date_axis(axes)
    figure.legend(
        loc="outside lower center", ncols=LEGEND_COLUMNS, fontsize=NOTE_SIZE, frameon=False
    )
    return figure


def png(figure: Figure) -> bytes:
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


class ChartCache:
    """Pictures by what they show; one rendering per key, even for requests that arrive
    while it is under way. Rendering runs in a worker thread."""

    def __init__(self, size: int = CACHED_CHARTS) -> None:
        self.size = size
        self.renders = 0
        self._pictures: OrderedDict[Hashable, asyncio.Future[bytes]] = OrderedDict()

    async def picture(self, key: Hashable, draw: Callable[[], Figure]) -> bytes:
        found = self._pictures.get(key)
        if found is None:
            found = asyncio.ensure_future(asyncio.to_thread(self._render, draw))
            self._pictures[key] = found
            while len(self._pictures) > self.size:
                self._pictures.popitem(last=False)
        else:
            self._pictures.move_to_end(key)
        try:
            return await asyncio.shield(found)
        except Exception:
            if self._pictures.get(key) is found:
                del self._pictures[key]
            raise

    def _render(self, draw: Callable[[], Figure]) -> bytes:
        self.renders += 1
        return png(draw())


def series_of(name: str, draws: Sequence[tuple[date | None, int | None, int | None]]) -> Series:
    """A category's (date, cut-off, invitations), oldest first, those with both."""
    kept = [(d, crs, n) for d, crs, n in draws if d is not None and crs is not None]
    return Series(
        name,
        tuple(d for d, _crs, _n in kept),
        tuple(crs for _d, crs, _n in kept if crs is not None),
        tuple(n for _d, _crs, n in kept),
    )


def series_by_category(found: Sequence[Draw]) -> tuple[Series, ...]:
    """One series per category of the draws, in /categories' order, each named in the
    chat's language (the legend of a chart of several categories); those with nothing to
    plot are left out."""
    rows: dict[str, list[tuple[date | None, int | None, int | None]]] = {}
    names: dict[str, str] = {}
    for draw in found:
        rows.setdefault(draw.category, []).append((draw.date, draw.crs, draw.invitations))
        names[draw.category] = draw.name
    named = (series_of(label(key, names[key]), rows[key]) for key in in_order(rows))
    return tuple(series for series in named if series.days)


@dataclass(frozen=True)
class Picture:
    """A chart to send: what it shows (its cache key), how to draw it, and its caption."""

    key: Hashable
    draw: Callable[[], Figure]
    caption: str


async def describe(
    session: AsyncSession, category: str | None, period: Period, score: int | None
) -> Picture | str:
    """The chart of the cut-offs (or of the pool, for POOL), or why there is none."""
    version = await draws.stored_version(session)
    newest_day = version[1]
    if category == POOL:
        return await _pool(session, version, score)
    if newest_day is None:
        return words.NO_DRAW_STORED()
    start = period_start(period, newest_day)
    series = series_by_category(await draws.draws_since(session, category, start))
    span, end = words.period_words(period), day(newest_day)
    if not series and category is not None and period != ALL_TIME:
        return await _widened(session, category, span, score)
    if not series:
        return words.no_draws(category, day(start) if start else end)
    axis, subtitle = words.CUTOFF_AXIS(), words.DATA_TO(date=end)
    if category is None:
        title, caption = words.TITLE_ALL(period=span), words.CAPTION_ALL(period=span, date=end)
    elif province_of_key(category) is None:
        name = label(category)
        title = words.TITLE_ONE(category=name, period=span)
        caption = words.CAPTION_ONE(category=escape(name), period=span, date=end)
    else:
        name = provinces.named(category)
        title = words.TITLE_ONE(category=name, period=span)
        scale = scale_of(category)
        axis = words.MIN_SCORE_AXIS()
        subtitle = words.PROVINCIAL_DATA_TO(
            scale=provinces.SCALES[scale]() if scale else axis, date=end
        )
        caption = words.CAPTION_PROVINCIAL(category=escape(name), period=span, date=end)
    chart = CutoffChart(title, subtitle, series, start, newest_day, score, axis)
    key = ("cutoffs", category, period.text, version, score, audience().language)
    return Picture(key, partial(cutoff_figure, chart), caption)


async def _widened(
    session: AsyncSession, category: str, span: str, score: int | None
) -> Picture | str:
    """A category without draws in the period: all of its draws, and the caption says so."""
    found = await describe(session, category, ALL_TIME, score)
    if isinstance(found, str):
        return found
    note = words.WIDENED(category=escape(label(category)), period=span)
    return replace(found, caption=f"{note}\n{found.caption}")


async def _pool(
    session: AsyncSession, version: tuple[object, ...], score: int | None
) -> Picture | str:
    distributions = await draws.pool_distributions(session, 1)
    found = bands(distributions[0][1]) if distributions else None
    if not distributions or found is None:
        return words.NO_POOL()
    as_of, distribution = distributions[0]
    total = distribution.get(TOTAL) or sum(band.count for band in found)
    subtitle = words.POOL_AS_OF(date=day(as_of), total=number(total))
    chart = PoolChart(words.POOL_TITLE(), subtitle, tuple(found), score)
    caption = words.CAPTION_POOL(date=day(as_of), total=number(total))
    key = ("pool", as_of, version, score, audience().language)
    return Picture(key, partial(pool_figure, chart), caption)


async def describe_times(session: AsyncSession, program: str) -> Picture | str:
    """The chart of a program's processing time over the stored editions, or why none."""
    editions = await stored_times.newest_editions(session, TIMES_EDITIONS)
    rows = await stored_times.figures_of(session, [e.id for e in editions], program)
    points = []
    for edition in reversed(editions):  # oldest first
        found = rows[edition.id]
        time = read_duration(found[0].time or "") if found else None
        months = time.months if time is not None else None
        if edition.date is not None and time is not None and months is not None:
            points.append((edition.date, months, time.approx is Approx.MORE_THAN))
    if not points:
        return times_words.NO_CHART(program=times_words.program_name(program))
    name = times_words.program_name(program)
    newest = day(points[-1][0])
    chart = TimesChart(
        times_words.CHART_TITLE(program=name), times_words.CHART_SUBTITLE(date=newest),
        tuple(d for d, _m, _b in points), tuple(m for _d, m, _b in points),
        tuple(b for _d, _m, b in points),
    )  # fmt: skip
    key = ("times", program, tuple(points), audience().language)
    caption = times_words.CHART_CAPTION(program=name, date=newest)
    return Picture(key, partial(times_figure, chart), caption)


async def answer(update: Update, cache: ChartCache, picture: Picture | str) -> None:
    """Send a chart as a photo with its caption, or the words that say why there is none."""
    message = update.effective_message
    if message is None:
        return
    if isinstance(picture, str):
        await message.reply_text(picture)
        return
    await message.reply_photo(
        await cache.picture(picture.key, picture.draw), caption=picture.caption
    )

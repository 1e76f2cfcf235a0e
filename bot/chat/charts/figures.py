"""Charts drawn as PNG pictures: cut-offs over time, the pool by CRS score, and a
program's processing time over IRCC's editions.

Each chart is a plain value (what to plot, with its words), drawn on its own matplotlib
Figure with the Agg canvas: no pyplot, no global state, so that it can be drawn in a
worker thread.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from textwrap import fill

from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import MONTHLY, AutoDateLocator, date2num, num2date
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from bot.messages import charts as words
from bot.messages import times as times_words
from bot.messages.locale import audience
from bot.messages.templates import number
from core.pool import Band

WIDTH, HEIGHT, DPI = 8, 6, 150  # inches and dots per inch: 1200 x 900 pixels
PIXELS = (WIDTH * DPI, HEIGHT * DPI)
TITLE_SIZE, TEXT_SIZE, TICK_SIZE, NOTE_SIZE = 19, 16, 14, 13
SCORE_COLOUR, BAR_COLOUR, HIGHLIGHT = "#d62728", "#9aa5b1", "#d62728"
TITLE_WIDTH = 45  # characters on a line of the title
SUBTITLE_WIDTH = 70
LEGEND_COLUMNS = 2
LEGEND_WIDTH = 32  # characters on a line of a legend's entry: two columns fit the width
# Ten colours, then the same ten dashed with other markers, so that no two lines look alike.
COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79")  # fmt: skip
MARKERS = ("o", "s", "^")


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

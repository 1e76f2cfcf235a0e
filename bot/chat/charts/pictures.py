"""What a /chart asks for, as a picture to send: the draws, the pool or a program's
processing times read from the store and described as a chart (:mod:`.figures`), drawn
in a worker thread so that the event loop keeps answering, and cached by what it shows.
"""

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from html import escape

from matplotlib.figure import Figure
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot.chat.charts.figures import (
    CutoffChart,
    PoolChart,
    Series,
    TimesChart,
    cutoff_figure,
    png,
    pool_figure,
    times_figure,
)
from bot.messages import charts as words
from bot.messages import provinces
from bot.messages import times as times_words
from bot.messages.locale import audience
from bot.messages.templates import day, label, number
from core.categories import in_order
from core.pool import TOTAL, bands
from core.provinces.registry import scale_of
from core.provinces.values import province_of_key
from core.times.values import Approx, read_duration
from core.trends import ALL_TIME, Period, period_start
from db import draws
from db import times as stored_times
from db.models import Draw

CACHED_CHARTS = 64
POOL = "pool"  # /chart pool: the pool by score, not the cut-offs
TIMES_EDITIONS = 36  # /chart times cec: three years of monthly editions


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

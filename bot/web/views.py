"""What the Mini App's API answers, as plain JSON values: draws with their figures and
changes, the pool, processing times. Rendered inside ``speaking(audience)``: every date,
number and word in the reader's language and zone, through bot.messages, never IRCC's own
English words. Raw figures travel beside the words, for the page's charts."""

from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from bot.messages import draws as draw_texts
from bot.messages import pool as pool_texts
from bot.messages import provinces as province_texts
from bot.messages import times as time_texts
from bot.messages import webapp as texts
from bot.messages.locale import clock, number, percent
from bot.messages.templates import day, label, moment_day
from core import pool as pool_rules
from core.categories import ALL
from core.pool import Band, Standing, about
from core.provinces.values import ALBERTA, BC, MANITOBA, ONTARIO, province_of_key
from core.times.follow import followed
from core.times.values import read_duration, read_people
from db.models import Draw, Subscription, TimesEdition, TimesFigure
from jobs.provinces.sources import ProvinceUrls

Json = dict[str, Any]


def key_label(key: str, official_name: str | None = None) -> str:
    """A subscription's or a draw's key as people read it; an unknown key as itself."""
    if key == ALL:
        return texts.LABELS["every_category"]()
    if (follows := followed(key)) is not None:
        return texts.plain(texts.TIMES_SUBSCRIPTION(what=time_texts.followed_name(follows)))
    if province_of_key(key) is not None:
        return texts.plain(province_texts.named(key))
    return label(key, official_name)


def crs_score(held: Sequence[Subscription]) -> int | None:
    """The chat's CRS score, from its Express Entry subscriptions."""
    return pool_rules.own_score([(sub.category, sub.max_crs) for sub in held])


def draws(found: Sequence[Draw], sources: dict[int, list[str]], pages: ProvinceUrls) -> list[Json]:
    """Every draw, newest first, each with the change against the draw of its category
    before it (``found`` oldest first)."""
    before: dict[str, Draw] = {}
    shown = []
    for each in found:
        previous = before.get(each.category)
        shown.append(draw(each, previous, _link(each, sources.get(each.id, []), pages)))
        before[each.category] = each
    shown.reverse()
    return shown


def draw(found: Draw, previous: Draw | None, link: str | None) -> Json:
    """One draw's figures, words and link."""
    delta = None
    if previous is not None and found.crs is not None and previous.crs is not None:
        delta = found.crs - previous.crs
    provincial = found.province is not None
    return {
        "id": found.id,
        "number": found.number,
        "title": draw_texts.TITLE(number=found.number) if found.number else None,
        "tie_break": _tie_break(found),
        "category": found.category,
        "province": found.province,
        "name": key_label(found.category, found.name),
        "date": found.date.isoformat() if found.date else None,
        "day": draw_texts.draw_day(found),
        "time": clock(found.drawn_at) if found.drawn_at else None,
        "invitations": found.invitations,
        "invitations_text": _invitations(found),
        "score": found.crs,
        "score_text": number(found.crs) if found.crs is not None else None,
        "scale": texts.plain(province_texts.scale_name(found)) if provincial else "CRS",
        "change": delta,
        "change_text": texts.change(delta),
        "confirmed": found.confirmed,
        "link": link,
    }


def _tie_break(found: Draw) -> str | None:
    """When the last invited candidate's profile was made, in the reader's zone."""
    moment = found.tie_break
    if moment is None:
        return None
    return texts.plain(draw_texts.TIE_BREAK(date=moment_day(moment), time=clock(moment)))


def _invitations(found: Draw) -> str | None:
    """The count as published ("fewer than 5" for some provinces), None if unknown."""
    if found.invitations is None:
        return None
    if found.province is None:
        return number(found.invitations)
    return texts.plain(province_texts.invitations(found))


def _link(found: Draw, sources: list[str], pages: ProvinceUrls) -> str | None:
    """Where the draw is published: IRCC's round, the province's page, else the news
    article that reported it."""
    if not found.confirmed:
        return sources[0] if sources else None
    if found.province is None:
        return draw_texts.ROUND_URL.format(number=found.number) if found.number else None
    page = _province_page(found, pages)
    return page or None


def _province_page(found: Draw, pages: ProvinceUrls) -> str:
    by_province = {BC: pages.bc, ALBERTA: pages.alberta, ONTARIO: pages.ontario,
                   MANITOBA: pages.manitoba}  # fmt: skip
    page = by_province.get(found.province or "", "")
    if found.province == ONTARIO and found.date is not None:
        return page.replace("{year}", str(found.date.year))
    if page.endswith("/feed/"):  # Manitoba's is a feed: its site is the page to read
        parts = urlsplit(page)
        return f"{parts.scheme}://{parts.netloc}/"
    return page


def pool(found: Standing | None, newest: Sequence[Band], as_of: date | None) -> Json:
    """The newest distribution by score, and where the chat's score stands in it."""
    return {
        "as_of": texts.POOL_AS_OF(date=day(as_of)) if as_of else None,
        "bands": [_band(band) for band in newest],
        "score": found.score if found else None,
        "standing": _standing(found) if found else texts.POOL_NO_SCORE(),
        "change": _pool_change(found) if found else None,
    }


def _band(band: Band) -> Json:
    count = band.count
    return {"low": band.low, "high": band.high, "count": count, "count_text": number(count)}


def _standing(found: Standing) -> str:
    count = round(found.at_or_above) if found.exact else about(found.at_or_above)
    return texts.POOL_STANDING(
        score=found.score, count=number(count), total=number(found.total),
        share=percent(found.share),
    )  # fmt: skip


def _pool_change(found: Standing) -> str | None:
    """The count for the score in the distribution before, and its change (as /rank says)."""
    return texts.plain(" ".join(pool_texts.before(found))) or None


def edition_day(edition: TimesEdition) -> str:
    return day(edition.date) if edition.date else edition.published


def programs(rows: Sequence[TimesFigure], before: Sequence[TimesFigure]) -> list[Json]:
    """Each program's time and people waiting, with what they were in the edition before."""
    was = {row.program: row for row in before}
    return [
        {
            "program": row.program,
            "name": texts.plain(time_texts.program_name(row.program)),
            "time": _time(row), "waiting": _waiting(row),
            "time_before": _time(was[row.program]) if row.program in was else None,
            "waiting_before": _waiting(was[row.program]) if row.program in was else None,
        }
        for row in rows
    ]  # fmt: skip


def month_history(found: Sequence[tuple[TimesEdition, TimesFigure]]) -> list[Json]:
    """A month of application's people ahead and time left, newest edition first."""
    return [
        {"edition": edition_day(edition), "ahead": _waiting(row), "left": _time(row)}
        for edition, row in found
    ]


def _time(row: TimesFigure) -> str:
    return texts.plain(time_texts.duration(read_duration(row.time or "")))


def _waiting(row: TimesFigure) -> str:
    return texts.plain(time_texts.people(read_people(row.people or "")))

"""A provincial draw as people read it: its province, stream, date, minimum score on its
scale, invitations as published (a bound stays a bound), and the notes that came with it."""

import html
from collections.abc import Sequence
from html import escape

from bot.messages import templates
from bot.messages.templates import PROVINCE_NAMES, Plural, Text, day, number
from core.provinces.registry import SOURCED, STREAMS
from core.provinces.values import (
    PROVINCES,
    Bound,
    Scale,
    province_of_key,
)
from db.models import Draw

SCALES = {scale: Text(f"provinces.scale.{scale.name.lower()}") for scale in Scale}

NEW_DRAW = Text("provinces.new_draw")
NEW_DRAWS = Plural("provinces.new_draws")
REPORTED_DRAW = Text("provinces.reported_draw")
REPORTED_DRAWS = Plural("provinces.reported_draws")
UNCONFIRMED = Text("provinces.unconfirmed")
UNCONFIRMED_CITED = Text("provinces.unconfirmed_cited", "sources")
HEADLINE = Text("provinces.headline", "province stream date")
INVITATIONS = Text("provinces.invitations", "invitations")
INVITATIONS_FEWER = Text("provinces.invitations_fewer", "count")
INVITATIONS_AT_MOST = Text("provinces.invitations_at_most", "count")
SCORE = Text("provinces.score", "score scale")
SCORE_UP = Text("provinces.score_up", "score scale change previous previous_date")
SCORE_DOWN = Text("provinces.score_down", "score scale change previous previous_date")
SCORE_SAME = Text("provinces.score_same", "score scale previous_date")
NOTE = "• {note}"  # the same in every language

ABOVE = Text("provinces.above", "score gap")
EXACT = Text("provinces.exact", "score")
BELOW = Text("provinces.below", "score gap")


def province_name(code: str | None) -> str:
    """A province's name in the reader's language (its code, for one we have no name for)."""
    known = PROVINCE_NAMES.get(code or "")
    return known() if known else escape(code or "")


def heading(count: int, confirmed: bool = True) -> str:
    """ "New provincial draw", or "reported" when some are known from the news only."""
    if confirmed:
        return NEW_DRAW() if count == 1 else NEW_DRAWS(count)
    return REPORTED_DRAW() if count == 1 else REPORTED_DRAWS(count)


def invitations(draw: Draw) -> str:
    """The count as published: "1,204", "fewer than 5", or unknown."""
    if draw.invitations is not None and draw.invitations_bound == Bound.FEWER_THAN:
        return INVITATIONS_FEWER(count=number(draw.invitations))
    if draw.invitations is not None and draw.invitations_bound == Bound.AT_MOST:
        return INVITATIONS_AT_MOST(count=number(draw.invitations))
    return number(draw.invitations)


def scale_name(draw: Draw) -> str:
    """What the draw's minimum score is counted in, as the reader calls it."""
    known = {scale.value: text for scale, text in SCALES.items()}.get(draw.scale or "")
    return known() if known else escape(draw.scale or "")


def _score(draw: Draw, previous: Draw | None) -> str:
    """The minimum score on its scale, with the change against the stream's previous draw."""
    figures = {"score": number(draw.crs), "scale": scale_name(draw)}
    if previous is None or draw.crs is None or previous.crs is None:
        return SCORE(**figures)
    delta, before = draw.crs - previous.crs, day(previous.date)
    if delta == 0:
        return SCORE_SAME(previous_date=before, **figures)
    text = SCORE_UP if delta > 0 else SCORE_DOWN
    return text(change=abs(delta), previous=previous.crs, previous_date=before, **figures)


def details(
    draw: Draw, previous: Draw | None, margins: Sequence[str] = (), sources: Sequence[str] = ()
) -> str:
    """The figures of a provincial draw, as the province published them (or, for a draw
    known from the news only, as the articles ``sources`` reported them)."""
    lines = [
        HEADLINE(
            province=province_name(draw.province), stream=escape(draw.name), date=day(draw.date)
        ),
        INVITATIONS(invitations=invitations(draw)),
        _score(draw, previous),
        *(NOTE.format(note=escape(note)) for note in draw.notes or ()),
        *margins,
        *_origin(draw, sources),
    ]
    return "\n".join(lines)


def _origin(draw: Draw, sources: Sequence[str]) -> list[str]:
    """For a draw known from the news only: that it is not confirmed, and who reported it."""
    if draw.confirmed:
        return []
    links = templates.cited(sources)
    return [UNCONFIRMED_CITED(sources=links) if links else UNCONFIRMED()]


def margins(draw: Draw, scores: Sequence[int]) -> list[str]:
    """ "Your 130 is 10 above the minimum score" for each distinct score."""
    return templates.margins(draw.crs, scores, ABOVE, EXACT, BELOW)


# Subscribing to a province (every stream) or to one of its streams.
SUBSCRIBED = Text("provinces.subscribed", "province")
SUBSCRIBED_SCORE = Text("provinces.subscribed_score", "province score")
SUBSCRIBED_STREAM = Text("provinces.subscribed_stream", "province stream")
SUBSCRIBED_STREAM_SCORE = Text("provinces.subscribed_stream_score", "province stream score scale")
REPLACED = Text("provinces.replaced")
SUBSCRIPTION = Text("provinces.subscription", "province key")
SUBSCRIPTION_SCORE = Text("provinces.subscription_score", "province key score")
SUBSCRIPTION_STREAM = Text("provinces.subscription_stream", "province stream key")
SUBSCRIPTION_STREAM_SCORE = Text(
    "provinces.subscription_stream_score", "province stream key score scale"
)


def _stream(key: str) -> tuple[str, str | None, str | None]:
    """A key's province name, and its stream's name and scale name (None: the province)."""
    province = province_of_key(key)
    name = province_name(province)
    if key == province:
        return name, None, None
    stream = STREAMS.get(key)
    scale = SCALES[stream.scale]() if stream else SCALES[Scale.POINTS]()
    return name, escape(stream.names[0] if stream else key), scale


def named(key: str) -> str:
    """A province's name, or a stream's with its province's: "British Columbia · Tech"
    (plain text: the caller escapes it)."""
    province, stream, _scale = _stream(key)
    return province if stream is None else f"{province} · {html.unescape(stream)}"


def subscribed(key: str, max_crs: int | None, replaced: bool) -> str:
    """What a chat is told when it subscribes to a province or one of its streams: what it
    will get, and what the score means there."""
    province, stream, scale = _stream(key)
    if stream is None:
        said = (
            SUBSCRIBED(province=province)
            if max_crs is None
            else SUBSCRIBED_SCORE(province=province, score=max_crs)
        )
    elif max_crs is None:
        said = SUBSCRIBED_STREAM(province=province, stream=stream)
    else:
        said = SUBSCRIBED_STREAM_SCORE(province=province, stream=stream, score=max_crs, scale=scale)
    return "\n".join([said, REPLACED()] if replaced else [said])


def subscription(key: str, max_crs: int | None) -> str:
    """A provincial subscription in /subscriptions' list."""
    province, stream, scale = _stream(key)
    shown = escape(key)
    if stream is None:
        if max_crs is None:
            return SUBSCRIPTION(province=province, key=shown)
        return SUBSCRIPTION_SCORE(province=province, key=shown, score=max_crs)
    if max_crs is None:
        return SUBSCRIPTION_STREAM(province=province, stream=stream, key=shown)
    return SUBSCRIPTION_STREAM_SCORE(
        province=province, stream=stream, key=shown, score=max_crs, scale=scale
    )


PROVINCES_TITLE = Text("provinces.title")
PROVINCE_LINE = Text("provinces.province", "province key")
STREAM_LINE = Text("provinces.stream", "key name date score scale")
NO_DRAW_YET = Text("provinces.no_draw_yet")
FROM_THE_NEWS = Text("provinces.from_the_news")
HOW_TO = Text("provinces.how_to")


def overview(newest: Sequence[Draw]) -> str:
    """/provinces: each province, whether its draws come from its own page or from the news
    only, and each stream's newest stored draw."""
    lines = [PROVINCES_TITLE()]
    by_province: dict[str, list[Draw]] = {}
    for draw in newest:
        by_province.setdefault(draw.province or "", []).append(draw)
    for code in PROVINCES:
        draws = by_province.get(code, [])
        lines.append(PROVINCE_LINE(province=province_name(code), key=escape(code)))
        if code not in SOURCED:
            lines.append(FROM_THE_NEWS())
        lines += [_stream_line(draw) for draw in draws] or [NO_DRAW_YET()]
    lines.append(HOW_TO())
    return "\n".join(lines)


def _stream_line(draw: Draw) -> str:
    return STREAM_LINE(
        key=escape(draw.category), name=escape(draw.name), date=day(draw.date),
        score=number(draw.crs), scale=scale_name(draw),
    )  # fmt: skip

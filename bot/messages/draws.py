"""A draw as people read it: in an alert, a correction, /latest and /categories."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from bot.messages import provinces, templates
from bot.messages.insights import context as context_line
from bot.messages.locale import clock
from bot.messages.templates import Plural, Text, day, label, moment_day, number
from core.categories import KNOWN_KEYS, in_order, strip_version
from core.merge import Correction
from core.provinces.values import PROVINCES
from core.trends import CutoffContext
from db.corrections import SAID
from db.models import Draw

LIST_SEPARATOR = templates.LIST_SEPARATOR

# Markup around texts, the same in every language.
ROUND_URL = (
    "https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/"
    "policies-operational-instructions-agreements/ministerial-instructions/"
    "express-entry-rounds/invitations.html?q={number}"
)
KEY = "<code>{key}</code>"

TITLE = Text("draws.title", "number")
NO_NUMBER = Text("draws.no_number")
HEADLINE = Text("draws.headline", "title category date")
# a draw no source has dated (Draw.undated): the day it was reported, said as such
REPORTED_ON = Text("draws.reported_on", "date")
INVITATIONS = Text("draws.invitations", "invitations")
CUTOFF_FIRST = Text("draws.cutoff_first", "crs category")
_PREVIOUS = "previous previous_date"
CUTOFF_AFTER = Text("draws.cutoff_after", f"crs {_PREVIOUS}")
CUTOFF_UP = Text("draws.cutoff_up", f"crs change previous_crs {_PREVIOUS}")
CUTOFF_DOWN = Text("draws.cutoff_down", f"crs change previous_crs {_PREVIOUS}")
CUTOFF_SAME = Text("draws.cutoff_same", f"crs previous_crs {_PREVIOUS}")
# the previous draw known only from the news, with no number yet: named by its date alone
CUTOFF_AFTER_ON = Text("draws.cutoff_after_on", "crs previous_date")
CUTOFF_UP_ON = Text("draws.cutoff_up_on", "crs change previous_crs previous_date")
CUTOFF_DOWN_ON = Text("draws.cutoff_down_on", "crs change previous_crs previous_date")
CUTOFF_SAME_ON = Text("draws.cutoff_same_on", "crs previous_crs previous_date")
_CUTOFF_AGAINST = {  # the previous draw has a number: (unknown, same, up, down)
    True: (CUTOFF_AFTER, CUTOFF_SAME, CUTOFF_UP, CUTOFF_DOWN),
    False: (CUTOFF_AFTER_ON, CUTOFF_SAME_ON, CUTOFF_UP_ON, CUTOFF_DOWN_ON),
}
TIE_BREAK = Text("draws.tie_break", "date time")
TIE_BREAK_UNKNOWN = Text("draws.tie_break_unknown")
UNCONFIRMED = Text("draws.unconfirmed")
UNCONFIRMED_CITED = Text("draws.unconfirmed_cited", "sources")
OFFICIAL_ROUND = Text("draws.official_round", "url")

ABOVE = Text("draws.above", "score gap")
EXACT = Text("draws.exact", "score")
BELOW = Text("draws.below", "score gap")

NEW_DRAW = Text("draws.new_draw")
NEW_DRAWS = Plural("draws.new_draws")
REPORTED_DRAW = Text("draws.reported_draw")
REPORTED_DRAWS = Plural("draws.reported_draws")
CORRECTION = Text("draws.correction", "correction")

# What an alert got wrong, one figure each, joined by "; ".
CORRECTED = {
    "crs": Text("draws.corrected.crs", "now was"),
    "invitations": Text("draws.corrected.invitations", "now was"),
    "category": Text("draws.corrected.category", "now was"),
    "date": Text("draws.corrected.date", "now was"),
    "tie_break": Text("draws.corrected.tie_break", "now was"),
    SAID: Text("draws.corrected.said", "now"),  # a correction stored in words: sent as written
}
MIN_SCORE_CORRECTED = Text("draws.corrected.min_score", "now was")  # a provincial draw's
CHANGES_SEPARATOR = "; "
MOMENT = Text("draws.moment", "date time")  # a tie-break in a correction

LATEST = Text("draws.latest")
NO_DRAW = Text("draws.no_draw")
NO_DRAW_IN = Text("draws.no_draw_in", "category")

CATEGORIES = Text("draws.categories")
CATEGORY = Plural("draws.category", "key name title date crs")
NAMED_BY_IRCC = Text("draws.named_by_ircc", "label name")
NO_DRAWS_YET = Text("draws.no_draws_yet", "keys")
EVERY_CATEGORY = Text("draws.every_category")


def category_name(draw: Draw) -> str:
    return escape(label(draw.category, draw.name))


def _title(draw: Draw) -> str:
    return TITLE(number=escape(draw.number)) if draw.number else NO_NUMBER()


def _cutoff(draw: Draw, previous: Draw | None) -> str:
    """The cut-off, with the change against the previous draw of its category."""
    crs = number(draw.crs)
    if previous is None:
        return CUTOFF_FIRST(crs=crs, category=category_name(draw))
    numbered = bool(previous.number)
    after, same, up, down = _CUTOFF_AGAINST[numbered]
    before = {"previous_date": day(previous.date)}
    before |= {"previous": _title(previous)} if numbered else {}
    if draw.crs is None or previous.crs is None:
        return after(crs=crs, **before)
    delta = draw.crs - previous.crs
    if delta == 0:
        return same(crs=crs, previous_crs=previous.crs, **before)
    return (up if delta > 0 else down)(
        crs=crs, change=abs(delta), previous_crs=previous.crs, **before
    )


def _tie_break(draw: Draw) -> str:
    moment = draw.tie_break
    if moment is None:
        return TIE_BREAK_UNKNOWN()
    return TIE_BREAK(date=moment_day(moment), time=clock(moment))


def _origin(draw: Draw, sources: Sequence[str]) -> list[str]:
    """Where the figures come from: the news articles, or IRCC's round page."""
    if not draw.confirmed:
        links = templates.cited(sources)
        return [UNCONFIRMED_CITED(sources=links) if links else UNCONFIRMED()]
    if draw.number:
        return [OFFICIAL_ROUND(url=escape(ROUND_URL.format(number=draw.number)))]
    return []


def draw_details(
    draw: Draw,
    previous: Draw | None,
    notes: Sequence[str] = (),
    sources: Sequence[str] = (),
    context: CutoffContext | None = None,
) -> str:
    """The figures of a draw, with the change against the previous one of its category
    and, when known, the draw set against the earlier ones."""
    lines = [
        HEADLINE(title=_title(draw), category=category_name(draw), date=draw_day(draw)),
        INVITATIONS(invitations=number(draw.invitations)),
        _cutoff(draw, previous),
        *context_line(draw, context),
        _tie_break(draw),
        *notes,
        *_origin(draw, sources),
    ]
    return "\n".join(lines)


def draw_day(draw: Draw) -> str:
    """The draw's date, or the day it was reported if no source stated its own."""
    return REPORTED_ON(date=day(draw.date)) if draw.undated and draw.date else day(draw.date)


def margins(draw: Draw, scores: Sequence[int]) -> list[str]:
    """ "Your 490 is 4 above the cut-off" for each distinct score."""
    return templates.margins(draw.crs, scores, ABOVE, EXACT, BELOW)


@dataclass(frozen=True)
class Notice:
    """One draw in a chat's message: a new draw, or a correction of an earlier alert."""

    draw: Draw
    previous: Draw | None
    scores: Sequence[int] = ()
    sources: Sequence[str] = ()  # the articles, for a draw known only from news
    correction: Sequence[Correction] | None = None  # what the earlier alert got wrong
    context: CutoffContext | None = None  # the draw against the earlier ones of its category


def _heading(new: Sequence[Notice]) -> str:
    count = len(new)
    if all(notice.draw.confirmed for notice in new):
        return NEW_DRAW() if count == 1 else NEW_DRAWS(count)
    return REPORTED_DRAW() if count == 1 else REPORTED_DRAWS(count)


def alert(notices: Sequence[Notice]) -> str:
    """One message with every new draw and every correction a chat is owed: Express Entry's
    first, then the provinces'."""
    federal = [notice for notice in notices if notice.draw.province is None]
    provincial = [notice for notice in notices if notice.draw.province is not None]
    blocks = []
    for kind, heading in ((federal, _heading), (provincial, _provincial_heading)):
        new = [notice for notice in kind if notice.correction is None]
        blocks += [heading(new)] if new else []
        blocks += [block for notice in kind for block in _blocks(notice)]
    return "\n\n".join(blocks)


def _provincial_heading(new: Sequence[Notice]) -> str:
    return provinces.heading(len(new), all(notice.draw.confirmed for notice in new))


def _blocks(notice: Notice) -> list[str]:
    """A notice's correction line, if any, and its draw's figures."""
    draw = notice.draw
    blocks = []
    if notice.correction is not None:
        blocks.append(CORRECTION(correction=corrected(notice.correction, draw.province)))
    if draw.province is not None:
        shown = provinces.margins(draw, notice.scores)
        return [*blocks, provinces.details(draw, notice.previous, shown, notice.sources)]
    scores = margins(draw, notice.scores)
    return [*blocks, draw_details(draw, notice.previous, scores, notice.sources, notice.context)]


def corrected(changes: Sequence[Correction], province: str | None = None) -> str:
    """ "cut-off 486, not 485; invitations 500, not 6,000" (a province's: "minimum score
    120, not 115")."""
    return CHANGES_SEPARATOR.join(_change(change, province) for change in changes)


def _change(change: Correction, province: str | None) -> str:
    text = CORRECTED[change.field]
    if province is not None and change.field == "crs":
        text = MIN_SCORE_CORRECTED
    figures = {"now": _figure(change.now), "was": _figure(change.was)}
    return text(**{name: figures[name] for name in text.fields})


def _figure(value: int | str | date) -> str:
    if isinstance(value, int):
        return number(value)
    if isinstance(value, datetime):
        return MOMENT(date=moment_day(value), time=clock(value))
    if isinstance(value, date):
        return day(value)
    return escape(value)


def latest(
    draw: Draw | None,
    previous: Draw | None,
    category: str | None,
    sources: Sequence[str] = (),
    context: CutoffContext | None = None,
) -> str:
    if draw is None:
        return NO_DRAW_IN(category=escape(_named_key(category))) if category else NO_DRAW()
    if draw.province is not None:
        return "\n".join([LATEST(), provinces.details(draw, previous)])
    return "\n".join([LATEST(), draw_details(draw, previous, sources=sources, context=context)])


def _named_key(category: str) -> str:
    """What /latest names when nothing is stored: a category, a province or a stream."""
    return provinces.province_name(category) if category in PROVINCES else label(category)


def _named(key: str, official: str) -> str:
    """Our name for a known category, with IRCC's when it reads otherwise."""
    if key not in KNOWN_KEYS or label(key).casefold() == official.casefold():
        return escape(official)
    return NAMED_BY_IRCC(label=escape(label(key)), name=escape(official))


def categories(overview: Sequence[tuple[Draw, int]]) -> str:
    known = {draw.category: (draw, count) for draw, count in overview}
    order = in_order(known)
    lines = [CATEGORIES()]
    for key in order:
        draw, count = known[key]
        name = _named(key, strip_version(draw.name))
        title, date, crs = _title(draw), draw_day(draw), number(draw.crs)
        lines.append(CATEGORY(count, key=escape(key), name=name, title=title, date=date, crs=crs))
    missing = [KEY.format(key=escape(key)) for key in KNOWN_KEYS if key not in known]
    if missing:
        lines.append(NO_DRAWS_YET(keys=LIST_SEPARATOR.join(missing)))
    lines.append(EVERY_CATEGORY())
    return "\n".join(lines)

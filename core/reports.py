"""What a news article reports about a draw, and when that report deserves a draw of its own.

A plain value and plain rules: how sure the reader is of a report, whether it is good
enough to alert on, and whether it becomes a (not yet confirmed) draw.
"""

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

FIELDS = ("number", "date", "category", "invitations", "crs", "tie_break")  # a report's figures


class Confidence(enum.StrEnum):
    """How sure the reader is of a report; stored as its text ("high", "medium", "low")."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


LATEST = "latest"  # see DrawReport.date_basis


@dataclass(frozen=True)
class DrawReport:
    """What one article says about one draw; None where it says nothing (or nothing exact)."""

    number: str | None  # as core.rounds.normalize_number writes it: "254", "91b"
    date: dt.date | None  # a date without a year takes the published date's (on or before it)
    category: str | None  # a key of core.categories; an all-program draw is "general"
    invitations: int | None  # exact counts only: "over 700" is None
    crs: int | None  # the cut-off: the score of the lowest-ranked candidate invited
    tie_break: dt.datetime | None  # UTC
    confidence: Confidence
    missing: tuple[str, ...]  # the fields above that were not found
    contradictions: tuple[str, ...]  # ("crs: 486 and 485",): the article disagrees with itself
    from_table: bool = False
    # how ``date`` was placed: "stated" in the article, or from its publication date by the
    # words it uses ("today", "yesterday", "weekday": the weekday it names); None: no date;
    # LATEST: no date, but the article calls it the latest draw (the newest of its kind)
    date_basis: str | None = None
    # each contradicted field's values, in the order the article states them: the stored
    # history may choose among them (never add one)
    alternatives: tuple[tuple[str, tuple[object, ...]], ...] = ()

    @property
    def alertable(self) -> bool:
        """Category and cut-off found and nothing contradicts: good enough to alert on."""
        return self.category is not None and self.crs is not None and not self.contradictions


def deserves_a_draw(report: DrawReport, *, main: bool) -> bool:
    """A confident main report, or a complete table row (which is never alerted)."""
    confident_main = main and report.confidence != Confidence.LOW
    return report.alertable and (report.from_table or confident_main)


def graded(report: DrawReport) -> DrawReport:
    """The report with its missing fields and confidence worked out from its values."""
    missing = tuple(field for field in FIELDS if getattr(report, field) is None)
    return replace(report, missing=missing, confidence=_confidence(report))


def _confidence(report: DrawReport) -> Confidence:
    if not report.alertable:
        return Confidence.LOW
    identified = report.number is not None or report.date is not None
    return Confidence.HIGH if identified and report.invitations is not None else Confidence.MEDIUM


def chosen(report: DrawReport, field: str, value: object) -> DrawReport:
    """The report with one of a contradicted field's values chosen (by what the stored
    history tells): the contradiction is settled, the confidence worked out again."""
    values = dict(report.alternatives).get(field, ())
    if value not in values:
        raise ValueError(f"{value!r} is not among the {field} values the article states")
    settled = tuple(text for text in report.contradictions if not text.startswith(f"{field}: "))
    others = tuple((name, found) for name, found in report.alternatives if name != field)
    values_now: dict[str, Any] = {field: value}
    return graded(replace(report, contradictions=settled, alternatives=others, **values_now))


AGREED = ("category", "crs", "invitations")  # what two publishers must both state
RUN = 5  # a category's latest cut-offs that make its run
RUN_MARGIN = 25  # how far outside its run a category's next cut-off may plausibly fall
RUN_TOLD = 3  # the fewest cut-offs of a run that tell anything
# how far outside its category's run an article's cut-off is surely not that category's:
# a PNP-only draw's 720 read as an all-program draw (about 470), a typing error
CATEGORY_MARGIN = 100
# how many times the largest round's invitations a count must be to be surely a total: the
# largest round grew by half at the most, but once, for CEC's 27,332 in February 2021
COUNT_FACTOR = 2


def stated(report: DrawReport, field: str) -> tuple[object, ...]:
    """Every value the article states for a figure: the one, or those it contradicts
    itself between; none if it states none."""
    values = dict(report.alternatives).get(field)
    if values:
        return values
    value = getattr(report, field)
    return () if value is None else (value,)


def agreed(report: DrawReport, other: Mapping[str, Sequence[object]]) -> DrawReport | None:
    """The report with the category, cut-off and invitations that another publisher's
    article also states (``other``: each figure's stated values), when exactly one value of
    each is stated by both; None if they do not agree so. Nothing is added that the article
    does not state."""
    common = {
        field: [value for value in stated(report, field) if value in other.get(field, ())]
        for field in AGREED
    }
    if any(len(values) != 1 for values in common.values()):
        return None
    for field, (value,) in common.items():
        if field in dict(report.alternatives):
            report = chosen(report, field, value)
    return report


@dataclass(frozen=True)
class Recent:
    """An official round just before the report's draw, whose figures an article recalls."""

    number: str
    category: str
    crs: int | None
    invitations: int | None


RECENT = 1  # the latest official rounds before a draw that articles recall beside it


@dataclass(frozen=True)
class History:
    """What the stored official rounds tell of a report: the newest round's number, the run
    of each category the article states (its latest cut-offs, newest first), the most
    invitations any round has had, and the rounds just before the draw (the latest
    ``RECENT``, and each stated category's latest), newest first."""

    newest_number: str | None = None
    runs: Mapping[str, Sequence[int]] = dataclasses.field(default_factory=dict)
    largest: int | None = None
    recent: Sequence[Recent] = ()


def by_history(report: DrawReport, history: History) -> DrawReport:
    """Choose between the values an article states for a figure by what the stored rounds
    tell, and doubt what they contradict.

    Of two draw numbers, the one after the newest official round; of two categories, the
    only one whose run its cut-off falls within (give or take ``RUN_MARGIN``); of two
    cut-offs, the only one within the category's run; of two cut-offs or two counts, the
    only one that is none of the rounds' just before (the others are theirs, recalled).
    Never a value the article does not state; nor is one of two counts chosen by their
    size (two draws' sum is less than twice the largest).

    A cut-off further than ``CATEGORY_MARGIN`` from its category's run is another
    category's, or a misprint, and a count more than ``COUNT_FACTOR`` times the largest
    round's is a total: the report is doubted, and waits for the official round."""
    numbers = dict(report.alternatives).get("number", ())
    newest = history.newest_number
    if numbers and newest is not None and newest.isdigit() and str(int(newest) + 1) in numbers:
        report = chosen(report, "number", str(int(newest) + 1))
    categories = dict(report.alternatives).get("category", ())
    if categories and report.crs is not None and "crs" not in dict(report.alternatives):
        runs = history.runs
        fitting = [name for name in categories if _within(report.crs, runs.get(str(name), ()))]
        if len(fitting) == 1:
            report = chosen(report, "category", fitting[0])
    run = history.runs.get(report.category, ()) if report.category else ()
    cutoffs = dict(report.alternatives).get("crs", ())
    if cutoffs:
        within = [value for value in cutoffs if isinstance(value, int) and _within(value, run)]
        if len(within) == 1:
            report = chosen(report, "crs", within[0])
    report = _not_recalled(report, history.recent)
    return _doubted(report, run, history.largest)


def _not_recalled(report: DrawReport, recent: Sequence[Recent]) -> DrawReport:
    """Of the cut-offs (or counts) an article states, the one that is no recent round's:
    the others are the previous draws' figures, recalled beside the new one's. A count that
    is another it states and a round's it recalls together is the two draws' total ("14,000
    ITAs" beside this draw's 7,000 and the previous one's 7,000): the other is this draw's.

    A cut-off the article states alone that is a round's whose other figure it recalls is
    that round's too: the report is doubted."""
    if report.date is None:  # the rounds were read before its article's day: one may be its own
        recent = [r for r in recent if not _may_be(report, r)]
    recalled: list[Recent] = []
    for field in ("crs", "invitations"):
        values = dict(report.alternatives).get(field, ())
        theirs = [r for r in recent if getattr(r, field) in values]
        if field == "invitations":
            values = _without_totals(values, theirs)
        fresh = [value for value in values if value not in {getattr(r, field) for r in theirs}]
        if len(fresh) == 1 or len(set(values)) == 1:
            report = chosen(report, field, fresh[0] if len(fresh) == 1 else values[0])
            recalled += theirs
    if "crs" in dict(report.alternatives) or report.crs is None:
        return report
    doubts = [
        f"history: {report.crs} is the cut-off of round {r.number}, which it recalls"
        for r in recalled
        if r.crs == report.crs
    ]
    return _doubt(report, doubts[:1])


def _without_totals(counts: tuple[object, ...], recalled: Sequence[Recent]) -> tuple[object, ...]:
    """The counts but those that are another of them and a recalled round's together."""
    stated = [count for count in counts if isinstance(count, int)]
    totals = {count + r.invitations for count in stated for r in recalled if r.invitations}
    return tuple(count for count in counts if count not in totals)


def _may_be(report: DrawReport, round_: Recent) -> bool:
    """Whether a round may be the report's own draw: of its category, with each figure one
    the article states."""
    same = report.category in (None, round_.category)
    return same and all(
        getattr(round_, field) in stated(report, field) or not stated(report, field)
        for field in ("crs", "invitations")
    )


def _within(crs: int, run: Sequence[int], margin: int = RUN_MARGIN) -> bool:
    """Whether a cut-off falls within a run (of at least ``RUN_TOLD`` cut-offs), give or take
    ``margin``."""
    return len(run) >= RUN_TOLD and min(run) - margin <= crs <= max(run) + margin


def _doubted(report: DrawReport, run: Sequence[int], largest: int | None) -> DrawReport:
    """The report, doubted if its one cut-off lies far outside its one category's run, or
    its one count is far larger than any round's."""
    several = set(dict(report.alternatives))
    found = (
        None if several & {"category", "crs"} else _cutoff_doubt(report.category, report.crs, run),
        None if "invitations" in several else _count_doubt(report.invitations, largest),
    )
    return _doubt(report, [doubt for doubt in found if doubt is not None])


def _doubt(report: DrawReport, doubts: Sequence[str]) -> DrawReport:
    """The report with what the stored rounds doubt in it (as it is if nothing)."""
    if not doubts:
        return report
    return graded(replace(report, contradictions=(*report.contradictions, *doubts)))


def _cutoff_doubt(category: str | None, crs: int | None, run: Sequence[int]) -> str | None:
    if crs is None or len(run) < RUN_TOLD or _within(crs, run, CATEGORY_MARGIN):
        return None
    return f"history: {category} cut-offs of {min(run)} to {max(run)}, not {crs}"


def _count_doubt(count: int | None, largest: int | None) -> str | None:
    if count is None or largest is None or count <= largest * COUNT_FACTOR:
        return None
    return f"history: at most {largest} invitations in a round, not {count}"

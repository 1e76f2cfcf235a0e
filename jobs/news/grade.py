"""Grading what an article states into a :class:`DrawReport`, and checking it against tables.

A field stated twice with different values is a contradiction, never chosen between. The
missing fields and the confidence are worked out from the values; a table row with the main
draw's number must agree with it.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from core.reports import FIELDS, Confidence, DrawReport, graded
from jobs.news.lines import Finding
from jobs.news.tables import Row

T = TypeVar("T")


def report_of(findings: Sequence[Finding]) -> DrawReport:
    """One report of the findings: the first value of each field; two values, a contradiction."""
    values = {field: _distinct(v for f, v in findings if f == field) for field in FIELDS}
    contradictions = tuple(
        f"{field}: {' and '.join(map(str, found))}"
        for field, found in values.items()
        if len(found) > 1
    )
    alternatives = tuple((field, tuple(found)) for field, found in values.items() if len(found) > 1)
    basis = next((str(value) for field, value in findings if field == "date_basis"), None)
    report = DrawReport(
        number=_first(values["number"], str),
        date=_first(values["date"], dt.date),
        category=_first(values["category"], str),
        invitations=_first(values["invitations"], int),
        crs=_first(values["crs"], int),
        tie_break=_first(values["tie_break"], dt.datetime),
        confidence=Confidence.LOW,
        missing=(),
        contradictions=contradictions,
        alternatives=alternatives,
    )
    dated = report.date is not None
    # undated, the only basis is core.reports.LATEST
    return graded(replace(report, date_basis=(basis or "stated") if dated else basis))


def _distinct(values: Iterable[object]) -> list[object]:
    return list(dict.fromkeys(values))


def _first(values: Sequence[object], kind: type[T]) -> T | None:
    return next((value for value in values if isinstance(value, kind)), None)


def table_report(row: Row) -> DrawReport:
    """The report of a complete round a table lists."""
    report = DrawReport(
        *row[:5],
        tie_break=None,
        confidence=Confidence.LOW,
        missing=(),
        contradictions=(),
        from_table=True,
    )
    return graded(report)


def reconcile(main: DrawReport, table: Sequence[DrawReport]) -> DrawReport:
    """A table row with the main draw's number must agree with it; a table row with all the
    main draw's figures gives it its number (and date) when the article did not."""
    if main.number is not None:
        same = [row for row in table if row.number == main.number]
        disagreements = tuple(text for row in same for text in _disagreements(main, row))
        if not disagreements:
            return main
        return graded(replace(main, contradictions=main.contradictions + disagreements))
    matches = [row for row in table if _agrees(main, row)]
    if len(matches) != 1:
        return main
    return graded(replace(main, number=matches[0].number, date=main.date or matches[0].date))


def _disagreements(main: DrawReport, row: DrawReport) -> list[str]:
    pairs = ((field, getattr(main, field), getattr(row, field)) for field in FIELDS[1:5])
    return [f"{field}: {a} and {b}" for field, a, b in pairs if None not in (a, b) and a != b]


def _agrees(main: DrawReport, row: DrawReport) -> bool:
    figures = (main.category, main.invitations, main.crs)
    same_figures = None not in figures and figures == (row.category, row.invitations, row.crs)
    return same_figures and main.date in (None, row.date)

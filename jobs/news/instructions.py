"""IRCC's Ministerial Instructions for a round of invitations, read by their own wording.

Each round from 2015 to 2020 was set by Instructions the Minister gave and IRCC published
("Ministerial Instructions respecting invitations to apply for permanent residence under
the Express Entry system #14, August 7, 2015"): the number of invitations that may be
issued in a period, for every class or for one, and the points the invited need. News pages
quote them whole or reworded ("might be issued for the duration that begins on ...").
They are no article: no headline announces the draw, and their figures sit among the
Act's paragraph numbers and the Gazette's dates. So they are read apart, one report for
each Instructions the text holds (two rounds held together are two Instructions).

Only what the Instructions say is taken: a class named by a paragraph letter this module
does not know leaves the category unknown; a round for several classes at once leaves its
category and size unknown (the text states no total). Since December 2020 the Instructions
no longer state the points, so they make no confident report alone; IRCC's rounds page
gives those rounds.
"""

import datetime as dt
import re
from collections.abc import Sequence

from core.categories import GENERAL
from jobs.news.counts import COUNT
from jobs.news.lines import Finding
from jobs.news.when import DATE_TEXT, find_dates

_TITLE = r"Ministerial Instructions respecting invitations to apply for permanent residence under the Express Entry system"  # noqa: E501
# an Instructions' own heading: its number or its date follows the title after a dash ("#23
# - December 18, 2015", "#November 13, 2015", "- January 6, 2016"); "(May 4, 2017)" names the
# annexed text
_HEADING = re.compile(
    rf"{_TITLE}[ \t]*(?:#[ \t]*(?P<number>\d{{1,4}}[a-z]?)\b)?[ \t]*[-\u2013\u2014]?[ \t]*#?[ \t]*"
    rf"(?P<date>{DATE_TEXT})?",
    re.IGNORECASE,
)
# "the number of invitations that may be issued during the period beginning on May 25, 2017,
# and ending on May 26, 2017, is" and its rewordings
_SIZE = re.compile(
    r"\bnumber of invitations that (?:may|might|can|could) be issued (?:during|for|in|over) the"
    r" (?:period|duration) (?:that )?begin(?:ning|s) on [^;:]{5,40}?,? and (?:ending|ends) on"
    r" [^;:]{5,40}?,? is\b(?P<rest>[^\n]*(?:\n(?!\s*\(2\))[^\n]*){0,4})",
    re.IGNORECASE,
)
_WHOLE_SIZE = re.compile(rf"\s*(?P<count>{COUNT})(?![\d,]*\d)")
# one class's share: "members of the class referred to in paragraph 2(c) of ..., 400;" or
# "members of the Canadian experience class, 3,000;"; a Gazette date ("December 1, 2014 and
# as amended") is no share: a share ends its item
_SHARE = re.compile(
    r"members of the (?:class referred to in paragraph 2\s*\((?P<letter>[a-d])\)"
    r"|(?P<name>federal skilled worker|Canadian experience|federal skilled trades"
    r"|provincial nominee) class)"
    rf"[^;]*?,\s*(?P<count>{COUNT})(?=\s*[;.]|\s*$)",
    re.IGNORECASE,
)
# the classes of the Express Entry Instructions' section 2 that rounds were held for: (c) the
# federal skilled trades class, (d) the provincial nominee class (its own paragraph 7 says so)
_CLASS_LETTERS = {"c": "fst", "d": "pnp"}
_CLASS_NAMES = {
    "federal skilled worker": "fsw", "canadian experience": "cec",
    "federal skilled trades": "fst", "provincial nominee": "pnp",
}  # fmt: skip
# a round for a class or a category says so: "members of the ... class", "the ... category"
_NAMES_WHOM = re.compile(r"\bmembers of the\b|\bcategory\b", re.IGNORECASE)
_POINTS = re.compile(
    r"\bassigned a total of (?P<points>\d{2,4}) points or (?:more|further|above|higher)\b",
    re.IGNORECASE,
)
# the round's moment: "Foreign nationals who, on May 26, 2017, at 16:35:48 UTC, have been ..."
_ROUND_MOMENT = re.compile(
    rf"\bon (?P<date>{DATE_TEXT}),? at \d{{1,2}}:\d\d(?::\d\d)? UTC", re.IGNORECASE
)
_OTTAWA = re.compile(rf"^\s*Ottawa,\s*(?P<date>{DATE_TEXT})", re.IGNORECASE | re.MULTILINE)
_MARKUP = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")  # Markdown's bold and italics around words


def instructions_findings(title: str, lines: Sequence[str]) -> list[list[Finding]]:
    """The findings of each set of Instructions the text holds, in its order; none if the
    text quotes no Instructions' number of invitations."""
    text = _MARKUP.sub("", "\n".join([title, *lines]))
    if not _SIZE.search(text):
        return []
    starts = [match for match in _HEADING.finditer(text) if match["number"] or match["date"]]
    if not starts:
        whole = _findings(None, text)
        return [whole] if whole else []
    ends = [match.start() for match in starts[1:]] + [len(text)]
    blocks = zip(starts, ends, strict=True)
    each = [_findings(heading, text[heading.start() : end]) for heading, end in blocks]
    return [findings for findings in each if findings]


def _findings(heading: re.Match[str] | None, block: str) -> list[Finding]:
    size = _SIZE.search(block)
    points = _POINTS.search(block)
    if size is None and points is None:
        return []
    findings: list[Finding] = []
    if heading is not None and heading["number"]:
        findings.append(("number", heading["number"]))
    held = _held(heading, block)
    findings += [("date", held)] if held else []
    findings += _size_findings(size["rest"], block) if size else []
    findings += [("crs", int(points["points"]))] if points else []
    return findings


def _held(heading: re.Match[str] | None, block: str) -> dt.date | None:
    """The round's day: its moment's, else the heading's, else the day they were given."""
    texts = [
        match["date"] if match else None
        for match in (
            _ROUND_MOMENT.search(block),
            heading if heading is not None and heading["date"] else None,
            _OTTAWA.search(block),
        )
    ]
    days = [day for text in texts if text for day in find_dates(text, None)]
    return next(iter(days), None)


def _size_findings(rest: str, block: str) -> list[Finding]:
    """The size and category a determination states: one number for every class (an
    all-program round, unless the Instructions name a class or a category elsewhere), or
    one class's share while every other class gets zero."""
    whole = _WHOLE_SIZE.match(rest)
    if whole:
        size: Finding = ("invitations", int(whole["count"].replace(",", "")))
        return [size] if _NAMES_WHOM.search(block) else [size, ("category", GENERAL)]
    shares = [share for share in _SHARE.finditer(rest) if share["count"] != "0"]
    if len(shares) != 1:
        return []
    share = shares[0]
    key = (
        _CLASS_LETTERS.get(share["letter"].lower())
        if share["letter"]
        else _CLASS_NAMES[share["name"].lower()]
    )
    found: list[Finding] = [("invitations", int(share["count"].replace(",", "")))]
    return found + ([("category", key)] if key else [])

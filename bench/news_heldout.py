"""The news reader on real articles kept outside the repository (run:
python -m bench.news_heldout FOLDER [FOLDER ...] [--verbose]).

Each folder holds articles as files and a ``labels.json`` listing them (see ``Label``):
the rounds each announces, labelled from IRCC's rounds. Every article goes through the
bot's own filing path (`jobs.filing.file_entry`) into a fresh database that holds the
official rounds dated before the first round it announces (before its publication date if
it announces none): what the bot would have stored when the article came. The draws made
from it are then held against the official rounds.

- **found**: an announced round whose cut-off and size the article states, for which the
  bot made a draw with the round's category, cut-off and size (and its number and date,
  where it gives them);
- **invented**: a draw that fits none of the rounds it can be (its number's; else the
  article's rounds and its date's), a figure it leaves unknown contradicting nothing;
- **from non-announcements**: a draw made from an article that announces no round.

The rounds told within a day of being held are counted apart: news may then come before
IRCC's own page, while a draw read days later is only filed against the stored round.

An article without a publication date is given its last round's date, as a feed gives each
entry its own. The article texts are third-party pages: they stay out of the repository;
`bench/heldout/*.json` lists where each set's articles were read and how they are labelled.
"""

import argparse
import asyncio
import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench import silence_job_logs
from core.rounds import Round
from db.draws import store_rounds
from db.engine import create_engine, migrate, session_factory
from db.models import Draw
from jobs.filing import Entry, FeedPoll, file_entry
from jobs.official import list_rounds, parse_round
from jobs.source import PollOutcome, PollReport
from tests.conftest import SNAPSHOT

FEED = "heldout"


@dataclass(frozen=True)
class Label:
    """One article of a set, as ``labels.json`` lists it."""

    file: str
    title: str
    published: dt.date | None
    announces: tuple[str, ...]  # the rounds it reports as news, by number
    states_both: tuple[str, ...]  # those whose cut-off and size its text states
    note: str = ""

    @classmethod
    def of(cls, raw: dict[str, Any]) -> "Label":
        published = raw.get("published")
        return cls(
            file=str(raw["file"]),
            title=str(raw.get("title") or ""),
            published=dt.date.fromisoformat(str(published)) if published else None,
            announces=tuple(str(number) for number in raw.get("announces") or ()),
            states_both=tuple(str(number) for number in raw.get("states_both") or ()),
            note=str(raw.get("note") or ""),
        )


TIMELY = dt.timedelta(days=1)  # an article out this soon after its round may come first


@dataclass
class Tally:
    announcements: int = 0  # announced rounds whose cut-off and size the text states
    found: int = 0
    timely: int = 0  # of the announcements, those told within TIMELY of the round
    timely_found: int = 0
    invented: list[str] = field(default_factory=list)
    from_non_announcements: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.announcements += other.announcements
        self.found += other.found
        self.timely += other.timely
        self.timely_found += other.timely_found
        self.invented += other.invented
        self.from_non_announcements += other.from_non_announcements
        self.missed += other.missed

    def summary(self) -> str:
        share = f" ({self.found / self.announcements:.0%})" if self.announcements else ""
        return (
            f"{self.found} of {self.announcements} found{share} "
            f"({self.timely_found} of the {self.timely} told within a day of the round), "
            f"{len(self.invented)} invented, "
            f"{len(self.from_non_announcements)} from non-announcements"
        )


def official_rounds(snapshot: Path) -> dict[str, Round]:
    document = list_rounds(snapshot.read_bytes())
    problems: list[str] = []
    parsed = (parse_round(listed.raw, problems) for listed in document.listed)
    return {found.number: found for found in parsed if found is not None}


def first_day(label: Label, rounds: dict[str, Round]) -> dt.date | None:
    """The day the article's news begins: its first announced round's, else its own."""
    days = _round_days(label, rounds)
    return min(days) if days else label.published


def published_on(label: Label, rounds: dict[str, Round]) -> dt.date | None:
    """The article's publication date; one a page does not show is its last round's, as a
    feed dates each entry when it is posted, after the draws it reports."""
    days = _round_days(label, rounds)
    return label.published or (max(days) if days else None)


def _round_days(label: Label, rounds: dict[str, Round]) -> list[dt.date]:
    days = (rounds[number].date for number in label.announces if number in rounds)
    return [day for day in days if day is not None]


def judge(label: Label, made: Sequence[Draw], rounds: dict[str, Round]) -> Tally:
    """What the draws made from one article are worth against the official rounds."""
    tally = Tally(announcements=len(label.states_both))
    published = published_on(label, rounds)
    for number in label.states_both:
        expected = rounds[number]
        found = any(_is_round(draw, expected, published) for draw in made)
        timely = _told_within(published, expected.date, TIMELY)
        tally.found += found
        tally.timely += timely
        tally.timely_found += found and timely
        tally.missed += [] if found else [f"{label.file}#{number}"]
    for draw in made:
        named = f"{label.file}: {_shown(draw)}"
        if not label.announces:
            tally.from_non_announcements.append(named)
        elif _contradicted(draw, label, rounds, published):
            tally.invented.append(named)
    return tally


def _told_within(published: dt.date | None, held: dt.date | None, delay: dt.timedelta) -> bool:
    return published is not None and held is not None and published - held <= delay


_FIGURES = ("category", "invitations", "crs")


def _is_round(draw: Draw, expected: Round, published: dt.date | None) -> bool:
    """The draw is the round, all three figures stated and dated (an article that names no
    date dates it by its publication)."""
    stated = all(getattr(draw, name) == getattr(expected, name) for name in _FIGURES)
    return stated and draw.date is not None and _fits(draw, expected, published)


def _contradicted(
    draw: Draw, label: Label, rounds: dict[str, Round], published: dt.date | None
) -> bool:
    """The draw fits none of the official rounds it can be: its number's, or else its
    article's or its date's. A figure the draw leaves unknown contradicts nothing."""
    if draw.number is not None:
        truth = rounds.get(draw.number)
        return truth is None or not _fits(draw, truth, published)
    announced = [rounds[number] for number in label.announces]
    same_day = [found for found in rounds.values() if found.date == draw.date]
    return not any(_fits(draw, found, published) for found in announced + same_day)


def _fits(draw: Draw, truth: Round, published: dt.date | None) -> bool:
    """No figure of the draw contradicts the round's (one it leaves unknown contradicts
    nothing); its date is the round's or its article's."""
    pairs = ((getattr(draw, name), getattr(truth, name)) for name in (*_FIGURES, "number"))
    dated = draw.date in (None, truth.date, published)
    return dated and all(found is None or found == known for found, known in pairs)


def _shown(draw: Draw) -> str:
    number = f"#{draw.number} " if draw.number else ""
    return f"{number}{draw.date} {draw.category} {draw.crs}/{draw.invitations}"


async def read_article(
    template: Path, folder: Path, label: Label, rounds: dict[str, Round]
) -> list[Draw]:
    """The federal draws the bot makes of one article, with the rounds before it stored."""
    day, published = first_day(label, rounds), published_on(label, rounds)
    when = dt.datetime.combine(published, dt.time(18), dt.UTC) if published else None
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "article.sqlite3"
        shutil.copyfile(template, database)
        engine = create_engine(f"sqlite+aiosqlite:///{database}")
        sessions = session_factory(engine)
        now = when or dt.datetime.now(dt.UTC)
        try:
            async with sessions.begin() as session:
                before = [r for r in rounds.values() if day and r.date and r.date < day]
                await store_rounds(session, before, "official", now)
            async with sessions.begin() as session:
                body = (folder / label.file).read_text(encoding="utf-8", errors="replace")
                entry = Entry(label.file, None, label.title, body, when)
                poll = FeedPoll(FEED, first_run=False, official_fresh=False, now=now)
                await file_entry(session, poll, entry, PollReport(FEED, PollOutcome.NEW_CONTENT))
            async with sessions() as session:
                query = select(Draw).where(Draw.confirmed.is_(False), Draw.province.is_(None))
                return list(await session.scalars(query))
        finally:
            await engine.dispose()


async def measure(folders: Iterable[Path], snapshot: Path, verbose: bool) -> Tally:
    rounds = official_rounds(snapshot)
    total = Tally()
    with tempfile.TemporaryDirectory() as scratch:
        template = Path(scratch) / "template.sqlite3"
        engine = create_engine(f"sqlite+aiosqlite:///{template}")
        await migrate(engine)
        await engine.dispose()
        for folder in folders:
            tally = await _measure_set(template, folder, rounds, verbose)
            print(f"{folder}: {tally.summary()}")
            total.add(tally)
    return total


async def _measure_set(
    template: Path, folder: Path, rounds: dict[str, Round], verbose: bool
) -> Tally:
    tally = Tally()
    for raw in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        label = Label.of(raw)
        where = f"{folder.name}/{label.file}"
        unknown = [number for number in label.announces if number not in rounds]
        if unknown:
            print(f"  {where}: rounds {unknown} are not in the snapshot; not measured")
            continue
        made = await read_article(template, folder, label, rounds)
        found = judge(label, made, rounds)
        wrong = found.invented + found.from_non_announcements
        if verbose and (found.missed or wrong):
            print(f"  {where} [{label.note}] made: {', '.join(map(_shown, made)) or 'nothing'}")
            print(f"    missed: {', '.join(found.missed) or '-'}; wrong: {', '.join(wrong) or '-'}")
        tally.add(found)
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    parser.add_argument("--verbose", "-v", action="store_true")
    options = parser.parse_args()
    silence_job_logs()
    total = asyncio.run(measure(options.folders, options.snapshot, options.verbose))
    print(f"all: {total.summary()}")


if __name__ == "__main__":
    main()

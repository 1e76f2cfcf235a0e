"""The held-out measurement (bench/news_heldout.py) on a folder of our own articles: what
it counts found, missed, invented and made from a non-announcement."""

import json
import shutil
from pathlib import Path

from bench.news_heldout import measure
from tests.conftest import SNAPSHOT
from tests.recall_set import BY_FILE, RECALL


def _folder(tmp_path: Path, labels: list[dict[str, object]]) -> Path:
    for label in labels:
        shutil.copy(RECALL / str(label["file"]), tmp_path / str(label["file"]))
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return tmp_path


def _label(file: str, announces: list[str], **changes: object) -> dict[str, object]:
    case = BY_FILE[file]
    return {
        "file": file,
        "title": case.title,
        "published": case.published.date().isoformat(),
        "announces": announces,
        "states_both": announces,
    } | changes


async def test_found_missed_invented_and_from_non_announcements_are_told_apart(
    tmp_path: Path,
) -> None:
    labels = [
        _label("en_third_of_week.txt", ["274"]),  # found: STEM 481/5900, dated
        _label("en_byline_title.txt", ["397"]),  # found: undated, by its publication day
        # labelled with the round of the day before (French 470/1000): its draw is none
        _label("en_third_of_week.txt", ["273"]),
        _label("no_year_in_review.txt", []),  # a look back: no draw
        _label("en_2021_record_cec.txt", ["176"]),  # CEC's 27,332 at 75: doubted, no draw
    ]
    tally = await measure([_folder(tmp_path, labels)], SNAPSHOT, verbose=False)
    assert (tally.announcements, tally.found) == (4, 2)
    # all published within a day of their round but the one labelled #273, two days before
    assert (tally.timely, tally.timely_found) == (3, 2)
    assert tally.missed == ["en_third_of_week.txt#273", "en_2021_record_cec.txt#176"]
    # undated, it is dated by its publication, and that day had no round
    assert tally.invented == ["en_third_of_week.txt: 2023-12-09 stem 481/5900"]
    assert tally.from_non_announcements == []


async def test_a_draw_from_an_article_announcing_none_is_counted(tmp_path: Path) -> None:
    # published on the round's day: the round is not stored yet
    labels = [_label("en_third_of_week.txt", [], published="2023-12-08")]
    tally = await measure([_folder(tmp_path, labels)], SNAPSHOT, verbose=False)
    assert tally.from_non_announcements == ["en_third_of_week.txt: 2023-12-08 stem 481/5900"]
    assert (tally.announcements, tally.invented) == (0, [])

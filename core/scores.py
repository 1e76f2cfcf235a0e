"""CRS scores as people give them: the range a score lies in, the one reader for every way
a score reaches the bot (a command's argument, a button's data, a score typed during
set-up, a deep link's payload), and the scores the set-up keyboard offers: a few round
values around a category's recent cut-offs, so that most people find theirs, or one near
it, in a single tap."""

from collections.abc import Sequence
from statistics import median

MAX_SCORE = 1200  # the CRS's ceiling; scores go from 0
RECENT = 3  # cut-offs the keyboard's choices are centred on, newest first
STEP = 10
AROUND = 2  # choices on each side of the centre
USUAL_CENTRE = 490  # before any draw of the category is stored


def read_score(text: str) -> int | None:
    """The CRS score a text gives, or None: a whole number from 0 to MAX_SCORE, in decimal
    digits (``isdecimal``: "²" is a digit to ``isdigit`` but not a number to ``int``)."""
    if not text.isdecimal() or int(text) > MAX_SCORE:
        return None
    return int(text)


def score_choices(recent_cutoffs: Sequence[int | None]) -> list[int]:
    """Scores a STEP apart around the median of the newest known cut-offs, rounded to a
    STEP: [470, 480, 490, 500, 510] after cut-offs of 491, 481 and 486."""
    known = [cutoff for cutoff in recent_cutoffs if cutoff is not None][:RECENT]
    centre = _rounded(median(known)) if known else USUAL_CENTRE
    around = range(centre - AROUND * STEP, centre + AROUND * STEP + 1, STEP)
    return [score for score in around if 0 <= score <= MAX_SCORE]


def _rounded(value: float) -> int:
    """To the nearest STEP, halves up (485 -> 490), as people round scores."""
    return int((value + STEP / 2) // STEP * STEP)

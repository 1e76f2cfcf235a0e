"""Which scores the set-up keyboard offers: a few round values around a category's recent
cut-offs, so that most people find theirs, or one near it, in a single tap."""

from collections.abc import Sequence
from statistics import median

RECENT = 3  # cut-offs the choices are centred on, newest first
STEP = 10
AROUND = 2  # choices on each side of the centre
USUAL_CENTRE = 490  # before any draw of the category is stored


def score_choices(recent_cutoffs: Sequence[int | None], max_score: int) -> list[int]:
    """Scores a STEP apart around the median of the newest known cut-offs, rounded to a
    STEP: [470, 480, 490, 500, 510] after cut-offs of 491, 481 and 486."""
    known = [cutoff for cutoff in recent_cutoffs if cutoff is not None][:RECENT]
    centre = _rounded(median(known)) if known else USUAL_CENTRE
    around = range(centre - AROUND * STEP, centre + AROUND * STEP + 1, STEP)
    return [score for score in around if 0 <= score <= max_score]


def _rounded(value: float) -> int:
    """To the nearest STEP, halves up (485 -> 490), as people round scores."""
    return int((value + STEP / 2) // STEP * STEP)

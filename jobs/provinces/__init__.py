"""Reading the provinces' own pages and feeds into provincial draws.

Each province has a reader of its own (``bc``, ``alberta``, ``ontario``, ``manitoba``): a
pure function from the body its source serves to the draws it lists, with the rows it
could not read named in ``problems`` (logged, never guessed). A body whose layout no longer
reads (no draw table found) raises ``jobs.source.Unreadable`` with the reason, so that the
poll fails, stored draws stay and the operators hear of it.
"""

from dataclasses import dataclass, field

from core.provinces.values import ProvincialDraw


@dataclass
class ProvincePage:
    """What one page (or feed) of a province lists."""

    draws: list[ProvincialDraw] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows skipped, and why

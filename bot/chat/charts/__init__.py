"""Charts as PNG pictures, for /chart and the provinces' and processing times' charts:
how each is drawn (:mod:`.figures`) and what a request asks for (:mod:`.pictures`)."""

from bot.chat.charts.figures import PIXELS, CutoffChart, cutoff_figure, png
from bot.chat.charts.pictures import (
    POOL,
    ChartCache,
    Picture,
    answer,
    describe,
    describe_times,
)

__all__ = [
    "PIXELS", "POOL", "ChartCache", "CutoffChart", "Picture", "answer", "cutoff_figure",
    "describe", "describe_times", "png",
]  # fmt: skip

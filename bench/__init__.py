"""Benchmarks: each module prints its figures (`python -m bench.<name>`); see BENCHMARKS.md."""

import logging


def silence_job_logs() -> None:
    """Keep the jobs' log lines out of a benchmark's output: the snapshot's one known
    problem (#357's dates disagree) is logged by every import of it and every first poll."""
    jobs = logging.getLogger("jobs")
    jobs.addHandler(logging.NullHandler())
    jobs.propagate = False

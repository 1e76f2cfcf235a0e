"""Importing the official snapshot as history (run: python -m bench.importing).

`jobs.poll.import_file` of tests/fixtures/ee_rounds_123_en.json (421 rounds) into an empty
database: read, parse, store, commit. Each run gets a fresh, migrated SQLite file; the
migration is done before the clock starts. Target: under 1 s (median of 5 runs).
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import silence_job_logs
from db.engine import create_engine, migrate, session_factory
from jobs.poll import import_file
from tests.conftest import SNAPSHOT

NOW = datetime(2026, 7, 1, tzinfo=UTC)


async def import_once(snapshot: Path) -> tuple[float, int]:
    """Seconds to import the file into a fresh database, and how many draws it stored."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_engine(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await migrate(engine)  # not timed; its connection stays in the pool for the import
        started = time.perf_counter()
        report = await import_file(session_factory(engine), snapshot, NOW)
        elapsed = time.perf_counter() - started
        await engine.dispose()
    return elapsed, len(report.new)


async def main(runs: int, snapshot: Path) -> None:
    size = len(await asyncio.to_thread(snapshot.read_bytes))
    results = [await import_once(snapshot) for _run in range(runs)]
    times = [seconds for seconds, _stored in results]
    print(f"import_file of {snapshot.name} ({size:,} bytes, "
          f"{results[-1][1]} draws stored): median {statistics.median(times):.3f} s of {runs} "
          f"runs on fresh databases, migration excluded "
          f"(runs: {', '.join(f'{t:.3f}' for t in times)})")  # fmt: skip


if __name__ == "__main__":
    silence_job_logs()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    options = parser.parse_args()
    asyncio.run(main(options.runs, options.snapshot))

"""The Mini App's speed (run: python -m bench.webapp): the first screen's weight and the
time to draw it in headless Chromium over loopback, and each API answer's time at the 50th
and 95th percentile, with the official history stored (421 rounds since 2015, more than a
year of draws, beside two provincial draws and one reported by the news) and 100,000
subscribed chats, each request from one of them chosen at random.

Targets: the first screen under 200 KB transferred and drawn in under 1 s; API answers
under 50 ms at the 95th percentile.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

from bench.population import insert_subscribers, realistic
from bot.web.site import SITE
from db.draws import store_rounds
from db.engine import create_engine, session_factory
from jobs.official import list_rounds
from tests.conftest import SNAPSHOT, _migrate
from tests.fakes.telegram import FakeTelegram
from tests.webapp import CHROMIUM, Served, launch_fields, launch_url, serving, signed, store_more

CHATS = 100_000
READS = ["session", "draws", "pool", "times", "times?program=cec&month=2025-06", "alerts"]


async def _stored(url: str) -> None:
    await _migrate(url)
    engine = create_engine(url)
    async with session_factory(engine)() as session, session.begin():
        rounds = list_rounds(SNAPSHOT.read_bytes()).read().rounds
        await store_rounds(session, rounds, "official", datetime(2026, 7, 1, tzinfo=UTC))
    await store_more(session_factory(engine))
    await insert_subscribers(engine, realistic(CHATS))
    await engine.dispose()


def _percentiles(times: list[float]) -> str:
    cuts = statistics.quantiles(times, n=100)
    return f"p50 {cuts[49] * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms"


async def _api(served: Served, requests: int) -> dict[str, list[float]]:
    """Each read, ``requests`` times, from random chats (signed ahead, not timed); then a
    subscription changed, which also tells the chat through the fake Bot API."""
    rng = random.Random(21)
    site = served.application.bot_data.web.runner.app[SITE]
    found: dict[str, list[float]] = {}
    async with httpx.AsyncClient(base_url=served.base) as client:
        for path in [*READS, "draws, rendered anew", "change"]:
            found[path] = []
            for _ in range(requests):
                if path.endswith("anew"):
                    site.cache.clear()  # as after a new draw: every draw rendered again
                user = rng.randint(1, CHATS)
                auth = {"Authorization": f"tma {signed(launch_fields(user), served.token)}"}
                started = time.perf_counter()
                if path == "change":
                    answer = await client.post(
                        "/api/alerts", headers=auth,
                        json={"category": "cec", "score": rng.randint(400, 600)},
                    )  # fmt: skip
                else:
                    answer = await client.get(f"/api/{path.split(',')[0]}", headers=auth)
                found[path].append(time.perf_counter() - started)
                assert answer.status_code == 200, answer.text
    return found


async def _first_rendering(served: Served) -> float:
    """Every draw rendered for the first time since start: no number or date formatted yet."""
    auth = {"Authorization": f"tma {signed(launch_fields(1), served.token)}"}
    async with httpx.AsyncClient(base_url=served.base, headers=auth) as client:
        await client.get("/api/session")  # the connection and the chat's row, out of the way
        started = time.perf_counter()
        answer = await client.get("/api/draws")
        assert answer.status_code == 200, answer.text
        return time.perf_counter() - started


SCREEN = """() => {
    const entries = [...performance.getEntriesByType("navigation"),
                     ...performance.getEntriesByType("resource")];
    return [performance.now(), entries.reduce((sum, entry) => sum + entry.transferSize, 0)];
}"""


async def _first_screen(served: Served, runs: int) -> list[tuple[float, float]]:
    """(ms to the first draw drawn, bytes transferred), each in a fresh browser context."""
    found = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        for run in range(runs):
            page = await browser.new_page(viewport={"width": 390, "height": 844})
            await page.goto(launch_url(served.base, signed(launch_fields(run + 1), served.token)))
            await page.wait_for_selector("#draws article")
            found.append(tuple(await page.evaluate(SCREEN)))
            await page.context.close()
        await browser.close()
    return found


async def measure(requests: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder, FakeTelegram() as telegram:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
        await _stored(url)
        async with serving(telegram, url) as served:
            served.application.bot_data.pacer.paces = False
            first = await _first_rendering(served)
            screens = await _first_screen(served, runs)
            times = await _api(served, requests)
    drawn = [ms for ms, _size in screens]
    sizes = [size for _ms, size in screens]
    print(
        f"first screen over {runs} fresh opens: drawn in median {statistics.median(drawn):.0f} "
        f"ms, worst {max(drawn):.0f} ms; {max(sizes) / 1024:.1f} KB transferred"
    )
    print(f"/api/draws, the first rendering after start: {first * 1000:.1f} ms")
    for path, found in times.items():
        print(f"/api/{path}: {_percentiles(found)} over {len(found)} requests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(measure(arguments.requests, arguments.runs))


if __name__ == "__main__":
    main()

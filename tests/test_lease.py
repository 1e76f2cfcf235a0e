"""The claim lease on a clock of the test's own: whether it holds as time passes and its
renewals succeed, fail or stop, without waiting a real second."""

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from sqlalchemy.exc import OperationalError

from bot.delivery.lease import ClaimLease

START = datetime(2026, 7, 2, 15, tzinfo=UTC)
LENGTH = 60.0  # seconds: renewed every 15, holding while 30 are left


class FakeClock:
    """A clock whose time moves only when something sleeps on it: ``sleep`` moves it on at
    once, then lets the other tasks run. Made for one sleeper at a time (a lease's
    renewals): the tasks that only look at the time see it jump a sleep at a time."""

    def __init__(self, start: datetime = START) -> None:
        self.start, self.elapsed = start, 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return self.elapsed

    async def sleep(self, seconds: float) -> None:
        self.elapsed += seconds
        await asyncio.sleep(0)


class Renewals:
    """A renewal that records when it was tried, when it succeeded and to when it
    extended the claims; it fails, as a database out of reach does, while ``failing``."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.failing = clock, False
        self.tried: list[float] = []
        self.renewed: list[float] = []
        self.until: list[datetime] = []

    async def __call__(self, until: datetime) -> None:
        self.tried.append(self.clock.monotonic())
        if self.failing:
            raise OperationalError("UPDATE deliveries", {}, ConnectionError("database gone"))
        self.renewed.append(self.clock.monotonic())
        self.until.append(until)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def renewals(clock: FakeClock) -> Renewals:
    return Renewals(clock)


@pytest.fixture
def lease(clock: FakeClock, renewals: Renewals) -> ClaimLease:
    return ClaimLease(LENGTH, renewals, clock)


async def turns(count: int) -> None:
    """Let the other tasks run ``count`` times: the renewals sleep a quarter each time."""
    for _ in range(count):
        await asyncio.sleep(0)


def test_a_lease_holds_once_taken(clock: FakeClock, lease: ClaimLease) -> None:
    assert not lease.holds()  # nothing claimed yet
    lease.taken(clock.monotonic())
    assert lease.holds()


async def test_without_renewals_it_holds_until_half_of_it_is_left(
    clock: FakeClock, lease: ClaimLease
) -> None:
    """Timed from the moment the claim started, however long the claim took."""
    await clock.sleep(10)
    lease.taken(0.0)  # a claim that started 10 s ago
    await clock.sleep(LENGTH / 2 - 10 - 0.001)
    assert lease.holds()
    await clock.sleep(0.001)
    assert not lease.holds()


async def test_a_later_batch_does_not_stretch_the_earlier_claims(
    clock: FakeClock, lease: ClaimLease
) -> None:
    lease.taken(0.0)
    await clock.sleep(20)
    lease.taken(clock.monotonic())
    await clock.sleep(10)
    assert not lease.holds()  # the first batch's claim is half gone
    await clock.sleep(LENGTH)  # and all of it
    lease.taken(clock.monotonic())
    assert lease.holds()  # a claim taken afresh


async def test_renewals_keep_it_holding_over_many_lengths(
    clock: FakeClock, lease: ClaimLease, renewals: Renewals
) -> None:
    lease.taken(0.0)
    async with lease.renewed():
        while clock.monotonic() < 10 * LENGTH:
            assert lease.holds()
            await turns(1)
    assert len(renewals.renewed) >= 4 * 9  # every quarter
    assert all(later - earlier == LENGTH / 4 for earlier, later in pairwise(renewals.renewed))
    assert renewals.until == [START + timedelta(seconds=t + LENGTH) for t in renewals.renewed]


async def test_a_renewal_that_fails_is_logged_and_the_lease_lapses_at_half_its_length(
    clock: FakeClock, lease: ClaimLease, renewals: Renewals, caplog: pytest.LogCaptureFixture
) -> None:
    renewals.failing = True
    lease.taken(0.0)
    with caplog.at_level(logging.WARNING, logger="bot.delivery.lease"):
        async with lease.renewed():
            while lease.holds() and clock.monotonic() < 10 * LENGTH:
                await turns(1)
    assert clock.monotonic() == LENGTH / 2
    assert renewals.tried and not renewals.renewed
    logged = [record.getMessage() for record in caplog.records]
    assert len(logged) == len(renewals.tried)
    assert all(m.startswith("could not renew the outbox claim: ") for m in logged)
    assert all("database gone" in message for message in logged)


async def test_once_renewals_fail_it_lapses_half_a_length_after_the_last_good_one(
    clock: FakeClock, lease: ClaimLease, renewals: Renewals
) -> None:
    lease.taken(0.0)
    async with lease.renewed():
        while clock.monotonic() < 2 * LENGTH:
            await turns(1)
        renewals.failing = True  # the database goes out of reach
        while lease.holds() and clock.monotonic() < 10 * LENGTH:
            await turns(1)
    assert clock.monotonic() == renewals.renewed[-1] + LENGTH / 2
    assert len(renewals.tried) > len(renewals.renewed)


async def test_renewals_stop_when_asked(
    clock: FakeClock, lease: ClaimLease, renewals: Renewals
) -> None:
    lease.taken(0.0)
    async with lease.renewed():
        await turns(8)
    tried, elapsed = len(renewals.tried), clock.monotonic()
    assert tried > 0
    await turns(8)
    assert (len(renewals.tried), clock.monotonic()) == (tried, elapsed)


async def test_a_renewal_under_way_is_cancelled_when_asked(clock: FakeClock) -> None:
    """A database that no longer answers does not hold up the end of a run."""
    under_way = asyncio.Event()

    async def hangs(until: datetime) -> None:
        under_way.set()
        await asyncio.Event().wait()

    lease = ClaimLease(LENGTH, hangs, clock)
    async with asyncio.timeout(5), lease.renewed():  # a bound only a failing test reaches
        await under_way.wait()

"""The polling schedule and the sources' health, as tables of cases."""

from datetime import UTC, datetime, timedelta

import pytest

from core.health import SourceBack, SourceDown, SourceHealth, StoredHealth
from core.schedule import BACKOFF_CAP, DrawWindow, Schedule, learn_window, next_poll

WED_14 = datetime(2026, 7, 1, 14, 30, tzinfo=UTC)  # a Wednesday
NO_JITTER = {"jitter": lambda low, high: 0.0}
FAST, IDLE = timedelta(seconds=60), timedelta(seconds=300)


def test_the_window_is_learned_from_draw_times_with_an_hour_each_side() -> None:
    window = learn_window([WED_14, WED_14 - timedelta(days=800)], WED_14)
    assert window.slots == {(2, 13), (2, 14), (2, 15)}  # the old draw is forgotten
    assert (window.days, window.hours) == ([2], (13, 16))
    assert window.contains(WED_14 + timedelta(hours=1))
    assert not window.contains(WED_14 + timedelta(hours=2))
    assert not window.contains(WED_14 + timedelta(days=1))


def test_an_unknown_window_means_polling_fast_at_all_hours() -> None:
    window = learn_window([], WED_14)
    assert window.contains(WED_14) and window.contains(WED_14 + timedelta(hours=9))


WINDOW = DrawWindow(frozenset({(2, 14)}))


@pytest.mark.parametrize(
    ("now", "failures", "delay"),
    [
        (WED_14, 0, FAST),  # in the window
        (WED_14 + timedelta(hours=3), 0, IDLE),  # outside it
        (WED_14, 1, FAST * 2),  # backing off from a failing source
        (WED_14, 3, FAST * 8),
        (WED_14 + timedelta(hours=3), 1, IDLE),  # already slower than the backoff
        (WED_14 + timedelta(hours=3), 3, FAST * 8),
        (WED_14, 10, BACKOFF_CAP),  # capped
    ],
)
def test_next_poll(now: datetime, failures: int, delay: timedelta) -> None:
    due = next_poll(now, fast=FAST, idle=IDLE, window=WINDOW, failures=failures, **NO_JITTER)
    assert due - now == delay


def test_jitter_brings_a_poll_forward_by_at_most_a_tenth() -> None:
    for _ in range(200):
        delay = next_poll(WED_14, fast=FAST, idle=IDLE, window=WINDOW) - WED_14
        assert FAST * 0.9 <= delay <= FAST  # never later than the interval promises


ANSWERED = None  # a poll's error when the source answered (a 304 included)


def test_the_operators_hear_once_when_the_official_source_goes_quiet_and_once_back() -> None:
    health = SourceHealth("official", last_success=WED_14, next_due=WED_14)
    stale = timedelta(minutes=30)
    health.record(WED_14 + timedelta(minutes=1), "HTTP 500")
    assert health.notice(WED_14 + timedelta(minutes=1), stale) is None  # not stale yet
    health.record(WED_14 + timedelta(minutes=31), "HTTP 500")
    down = health.notice(WED_14 + timedelta(minutes=31), stale)
    assert down == SourceDown("official", since=WED_14, failures=2, last_error="HTTP 500")
    health.record(WED_14 + timedelta(minutes=40), "HTTP 500")
    assert health.notice(WED_14 + timedelta(minutes=40), stale) is None  # told once
    health.record(WED_14 + timedelta(minutes=50), ANSWERED)
    back = health.notice(WED_14 + timedelta(minutes=50), stale)
    assert back == SourceBack("official", at=WED_14 + timedelta(minutes=50))
    assert health.notice(WED_14 + timedelta(minutes=51), stale) is None


def test_a_document_of_the_wrong_shape_is_told_at_once() -> None:
    health = SourceHealth("official", last_success=WED_14, next_due=WED_14)
    error = "unexpected document: not JSON"
    health.record(WED_14 + timedelta(minutes=1), error, wrong_shape=True)
    notice = health.notice(WED_14 + timedelta(minutes=1), timedelta(minutes=30))
    assert notice == SourceDown("official", since=WED_14, failures=1, last_error=error)


def test_an_ordinary_failure_is_not_told_before_the_source_is_stale() -> None:
    health = SourceHealth("official", last_success=WED_14, next_due=WED_14)
    health.record(WED_14 + timedelta(minutes=1), "unexpected document: but not flagged so")
    assert health.notice(WED_14 + timedelta(minutes=1), timedelta(minutes=30)) is None


def test_a_restart_resumes_an_outage_where_the_stored_state_left_it() -> None:
    stale = timedelta(minutes=30)
    stored = StoredHealth(failures=2, last_error="HTTP 500", failing_since=WED_14)
    restarted = WED_14 + timedelta(minutes=29)
    health = SourceHealth.resumed("official", stored, restarted)
    assert (health.failures, health.last_success) == (2, WED_14)
    health.record(WED_14 + timedelta(minutes=31), "HTTP 500")
    down = health.notice(WED_14 + timedelta(minutes=31), stale)  # timed from the first failure
    assert down == SourceDown("official", since=WED_14, failures=3, last_error="HTTP 500")
    told_before = StoredHealth(failures=3, last_error="HTTP 500", failing_since=WED_14,
                               outage_told=True)  # fmt: skip
    told = SourceHealth.resumed("official", told_before, WED_14 + timedelta(minutes=40))
    told.record(WED_14 + timedelta(minutes=41), "HTTP 500")
    assert told.notice(WED_14 + timedelta(minutes=41), stale) is None  # not told twice
    told.record(WED_14 + timedelta(minutes=42), ANSWERED)
    back = told.notice(WED_14 + timedelta(minutes=42), stale)
    assert back == SourceBack("official", at=WED_14 + timedelta(minutes=42))


def test_a_source_never_polled_or_healthy_starts_healthy() -> None:
    for stored in (None, StoredHealth(failures=0)):
        health = SourceHealth.resumed("official", stored, WED_14)
        assert (health.failures, health.last_success, health.outage_reported) == (0, WED_14, False)


def test_the_schedule_polls_only_what_is_due() -> None:
    schedule = Schedule(["official", "feed:x"], WED_14, fast=60, idle=300)
    assert schedule.due(WED_14) == {"official", "feed:x"}
    schedule.polled("official", WED_14, timedelta(minutes=30), ANSWERED)
    assert schedule.due(WED_14 + timedelta(seconds=5)) == {"feed:x"}
    assert schedule.answered_within_interval("official", WED_14 + timedelta(seconds=59))
    assert not schedule.answered_within_interval("official", WED_14 + timedelta(seconds=61))
    assert schedule.due(WED_14 + timedelta(seconds=70)) == {"official", "feed:x"}

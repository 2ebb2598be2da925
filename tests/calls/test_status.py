"""Status from dates, including the edges and a DST change (Europe/Belgrade, 25 October 2026)."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.utils import translation

from calls.status import CLOSED, CLOSING_SOON, FORTHCOMING, OPEN, call_status, index_sort_key
from home.templatetags.formatting import format_programme_time as programme_time

BELGRADE = ZoneInfo("Europe/Belgrade")
UTC = ZoneInfo("UTC")
OPENING = datetime(2026, 9, 1, 9, 0, tzinfo=BELGRADE)
# The deadline falls on the night the clocks go back (CEST → CET).
DEADLINE = datetime(2026, 10, 25, 12, 0, tzinfo=BELGRADE)


def test_status_over_the_life_of_a_call():
    assert call_status(OPENING, DEADLINE, OPENING - timedelta(seconds=1)) == FORTHCOMING
    assert call_status(OPENING, DEADLINE, OPENING) == OPEN
    assert call_status(OPENING, DEADLINE, DEADLINE - timedelta(days=8)) == OPEN
    assert call_status(OPENING, DEADLINE, DEADLINE - timedelta(days=7)) == CLOSING_SOON
    assert call_status(OPENING, DEADLINE, DEADLINE) == CLOSING_SOON
    assert call_status(OPENING, DEADLINE, DEADLINE + timedelta(seconds=1)) == CLOSED


def test_deadline_across_the_dst_change_is_the_same_instant_in_utc():
    # 12:00 CET on 25 October is 11:00 UTC (not 10:00 as it would be in summer time).
    assert DEADLINE.astimezone(UTC).hour == 11
    one_second_before = datetime(2026, 10, 25, 10, 59, 59, tzinfo=UTC)
    one_second_after = datetime(2026, 10, 25, 11, 0, 1, tzinfo=UTC)
    assert call_status(OPENING, DEADLINE, one_second_before) == CLOSING_SOON
    assert call_status(OPENING, DEADLINE, one_second_after) == CLOSED


def test_programme_time_names_the_zone_on_both_sides_of_the_change():
    with translation.override("en"):
        assert programme_time(DEADLINE) == "25 October 2026, 12:00 (Central European Time)"
        summer = datetime(2026, 10, 24, 10, 0, tzinfo=UTC)
        assert programme_time(summer) == "24 October 2026, 12:00 (Central European Summer Time)"
    with translation.override("sr"):
        assert programme_time(DEADLINE) == "25. октобра 2026. 12:00 (средњоевропско време)"


def test_index_order_open_by_deadline_then_forthcoming_then_closed():
    now = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)

    def make(name, opens, closes):
        return SimpleNamespace(
            name=name, opening_at=now + timedelta(days=opens), deadline=now + timedelta(days=closes)
        )

    calls = [
        make("closed-old", -90, -60),
        make("forthcoming-late", 30, 90),
        make("open-late", -5, 40),
        make("closed-recent", -30, -2),
        make("closing-soon", -20, 3),
        make("forthcoming-soon", 5, 60),
    ]
    ordered = [c.name for c in sorted(calls, key=lambda c: index_sort_key(c, now))]
    assert ordered == [
        "closing-soon",
        "open-late",
        "forthcoming-soon",
        "forthcoming-late",
        "closed-recent",
        "closed-old",
    ]

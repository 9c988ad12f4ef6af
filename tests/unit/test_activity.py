"""The activity strip: counts per column, honest to precision, and the cursor's column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from numbered import numbered, posts_at

from replay_tui.format.read import LoadedSession, load_session
from replay_tui.replay.activity import SPARK, PostTimes, sparkline

ROOT = Path(__file__).resolve().parent.parent.parent


def timed(times: Sequence[str | None], zone: str = "UTC") -> LoadedSession:
    return numbered(posts_at(times), name="activity", zone=zone)


def test_exact_times_fall_in_their_columns() -> None:
    loaded = timed(
        [
            "2015-03-12T10:00:00",
            "2015-03-12T10:00:30",
            "2015-03-12T10:05:00",
            "2015-03-12T10:09:59",
            "2015-03-12T10:10:00",
        ]
    )
    activity = PostTimes(loaded).columns(10)  # one column per minute
    assert activity.counts == [2, 0, 0, 0, 0, 1, 0, 0, 0, 2]
    assert [activity.column_of(i) for i in range(5)] == [0, 0, 5, 9, 9]
    assert activity.columns_of(2) == range(5, 6)
    assert activity.unplaced == 0 and activity.width == 10


def test_day_precision_posts_are_spread_over_their_day_and_unknown_ones_counted() -> None:
    loaded = timed(["2015-03-12", "2015-03-13", "2015-03", None, "2015-03-12T06:00"])
    activity = PostTimes(loaded).columns(8)  # two days: four columns per day, 6 h each
    assert activity.unplaced == 2  # the month-precision post and the unknown one
    assert activity.counts == pytest.approx([0.25, 1.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25])
    assert sum(activity.counts) == pytest.approx(3)
    assert activity.columns_of(0) == range(0, 4) and activity.column_of(0) == 1
    assert activity.columns_of(1) == range(4, 8)
    assert activity.column_of(2) is None and activity.column_of(3) is None
    assert activity.column_of(4) == 1
    assert activity.column_of(99) is None and activity.column_of(-1) is None


def test_a_day_across_a_daylight_saving_change_has_its_real_length() -> None:
    # 27 March 2015: clocks in Jerusalem went forward; the day had 23 hours.
    timeline = PostTimes(timed(["2015-03-27"], zone="Asia/Jerusalem"))
    assert timeline.ends[0] - timeline.starts[0] == 23 * 3600


def test_one_instant_and_nothing_at_all() -> None:
    single = PostTimes(timed(["2015-03-12T10:00", "2015-03-12T10:00"])).columns(5)
    assert single.counts == [2, 0, 0, 0, 0] and single.column_of(1) == 0
    empty = PostTimes(timed([None, None])).columns(5)
    assert empty.counts == [0] * 5 and empty.unplaced == 2 and empty.column_of(0) is None
    assert empty.levels() == [0] * 5 and sparkline(empty) == " " * 5


def test_levels_keep_a_lone_post_visible() -> None:
    times = ["2015-03-12T10:00:00"] * 100 + ["2015-03-12T10:09:00"]
    activity = PostTimes(timed(times)).columns(10)
    assert activity.levels() == [8, 0, 0, 0, 0, 0, 0, 0, 0, 1]
    assert sparkline(activity) == SPARK[8] + " " * 8 + SPARK[1]


def test_bundled_sessions() -> None:
    for path in sorted((ROOT / "sessions").glob("*.toml")):
        loaded = load_session(path)
        timeline = PostTimes(loaded)
        for width in (1, 7, 80, 400):
            activity = timeline.columns(width)
            placed = len(loaded.times) - activity.unplaced
            assert sum(activity.counts) == pytest.approx(placed)
            assert len(sparkline(activity)) == width
            columns = [activity.column_of(i) for i in range(len(loaded.times))]
            # Every post is in a column but the unplaced ones (no known time).
            assert sum(column is None for column in columns) == activity.unplaced
            assert all(0 <= column < width for column in columns if column is not None)

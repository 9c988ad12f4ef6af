"""Autoplay driven by a fake clock: pace, cap, interval, speed, pauses. No sleeping."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from numbered import numbered, posts_at

from replay_tui.format.read import LoadedSession, load_session
from replay_tui.format.times import parse
from replay_tui.replay import filters
from replay_tui.replay.playback import (
    DEFAULT_INTERVAL,
    SPEEDS,
    TITLE,
    Pacing,
    Player,
    speed_label,
)

ROOT = Path(__file__).resolve().parent.parent.parent
ASKHAMAS = ROOT / "sessions" / "askhamas-2015-03.toml"


def session(
    times: list[str | None], pauses: tuple[int, ...] = (), authors: str = "a"
) -> LoadedSession:
    chapters = [{"title": f"c{i}", "start": f"p{i}", "pause": True} for i in pauses]
    return numbered(posts_at(times), name="play", authors=authors, chapters=chapters)


def at(text: str) -> Any:
    return parse(text, UTC)


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "speed", "expected"),
    [
        ("2015-03-12T10:00:00", "2015-03-12T10:00:02", 1.0, 2.0),  # the real gap
        ("2015-03-12T10:00:00", "2015-03-12T10:00:02", 2.0, 1.0),  # divided by the speed
        ("2015-03-12T10:00:00", "2015-03-12T11:00:00", 1.0, 3.0),  # an hour, capped
        ("2015-03-12T10:00:00", "2015-03-12T10:01:00", 16.0, 3.0),  # 3.75 s: still capped
        ("2015-03-12T10:00:00", "2015-03-12T10:00:32", 16.0, 2.0),  # the cap is after speed
        ("2015-03-12T10:00", "2015-03-12T10:01:30", 1.0, 3.0),  # minute precision is exact
        ("2015-03-12T10:00:05", "2015-03-12T10:00:00", 1.0, 0.0),  # backwards: no wait
        ("2015-03-12", "2015-03-12", 1.0, DEFAULT_INTERVAL),  # day precision: fixed interval
        ("2015-03-12T10:00", "2015-03-13", 1.0, DEFAULT_INTERVAL),  # one imprecise: interval
        ("2015-03-12", "2015-03-13", 4.0, DEFAULT_INTERVAL / 4),  # speed applies there too
        (None, "2015-03-12T10:00", 1.0, DEFAULT_INTERVAL),  # unknown
    ],
)
def test_pacing(before: str | None, after: str | None, speed: float, expected: float) -> None:
    pacing = Pacing(speed=speed)
    a = at(before) if before else None
    b = at(after) if after else None
    assert pacing.delay(a, b) == pytest.approx(expected)


def test_a_floor_and_custom_limits() -> None:
    a, b = at("2015-03-12T10:00:00"), at("2015-03-12T10:00:00")
    assert Pacing(floor=0.5).delay(a, b) == 0.5
    assert Pacing(cap=10).delay(a, at("2015-03-12T10:00:08")) == 8.0
    assert Pacing(interval=5).delay(None, None) == 5.0
    with pytest.raises(ValueError):
        Pacing(speed=0)


def test_derived_times_are_exact() -> None:
    loaded = load_session(ROOT / "tests" / "data" / "warn" / "derived_time_mismatch.toml")
    derived = [m for m in loaded.times if m is not None and m.derived]
    assert all(m.exact for m in derived)


def test_delay_to_next_uses_the_cards_and_the_real_gaps() -> None:
    loaded = session(["2015-03-12T10:00:00", "2015-03-12T10:00:01", "2015-03-12"])
    player = Player.for_session(loaded)
    assert player.delay_to_next(TITLE) == DEFAULT_INTERVAL  # title card → first post
    assert player.delay_to_next(0) == 1.0
    assert player.delay_to_next(1) == DEFAULT_INTERVAL  # to a day-precision post
    assert player.delay_to_next(2) == DEFAULT_INTERVAL  # last post → end card


def test_should_pause_at() -> None:
    player = Player.for_session(session([None] * 5, pauses=(2,)))
    assert [player.should_pause_at(i) for i in range(-1, 6)] == [
        False,
        False,
        False,
        True,
        False,
        False,
        True,  # the end card
    ]
    # Jumping over a pause chapter (a filter hides it) still stops there.
    assert player.should_pause_at(4, came_from=1)
    assert not player.should_pause_at(4, came_from=2)


# --- playing with a fake clock ------------------------------------------------------------------


def run(player: Player, position: int, now: float, limit: int = 100) -> tuple[list[int], float]:
    """Tick exactly when each step is due until the player stops; the positions shown."""
    shown: list[int] = []
    for _ in range(limit):
        wait = player.seconds_until(now)
        if wait is None:
            break
        now += wait
        moved = player.tick(position, now)
        assert moved is not None
        position = moved
        shown.append(position)
    return shown, now


def test_play_follows_the_real_gaps_and_stops_at_the_end() -> None:
    loaded = session(
        [
            "2015-03-12T10:00:00",
            "2015-03-12T10:00:01",
            "2015-03-12T10:00:01",
            "2015-03-12T18:00:00",
            "2015-03-12T18:00:02",
        ]
    )
    player = Player.for_session(loaded)
    assert player.play(TITLE, now=100.0)
    times: list[float] = []
    position, now = TITLE, 100.0
    while player.playing:
        now = now + (player.seconds_until(now) or 0.0)
        moved = player.tick(position, now)
        assert moved is not None
        position = moved
        times.append(now)
    assert position == 5  # the end card
    gaps = [round(b - a, 6) for a, b in zip([100.0, *times], times, strict=False)]
    # title→p0 interval, 1 s, 0 s (same second), 8 h capped to 3 s, 2 s, p4→end interval.
    assert gaps == [2.0, 1.0, 0.0, 3.0, 2.0, 2.0]
    assert not player.playing and player.seconds_until(now) is None


def test_nothing_happens_before_the_step_is_due() -> None:
    player = Player.for_session(session(["2015-03-12T10:00:00", "2015-03-12T10:00:02"]))
    player.play(0, now=0.0)
    assert player.tick(0, now=1.999) is None
    assert player.seconds_until(1.5) == pytest.approx(0.5)
    assert player.tick(0, now=2.0) == 1


def test_pause_chapters_of_a_bundled_session_stop_playback() -> None:
    loaded = load_session(ASKHAMAS)
    player = Player.for_session(loaded)
    pauses = sorted(start for start, ch in loaded.chapter_starts if ch.pause)
    assert pauses  # the session has discussion stops
    position, now, stops = TITLE, 0.0, []
    for _ in range(len(loaded.session.posts) + 2):
        if not player.play(position, now):
            break
        shown, now = run(player, position, now)
        position = shown[-1]
        stops.append(position)
    assert stops == [*pauses, len(loaded.session.posts)]
    assert not player.play(position, now)  # at the end card, Space does not start


def test_pause_and_navigation_stop_the_clock() -> None:
    player = Player.for_session(session([None] * 4))
    assert player.toggle(0, now=0.0) is True
    assert player.toggle(0, now=0.5) is False  # Space again pauses
    assert player.tick(0, now=10.0) is None
    player.play(0, now=10.0)
    player.pause()  # a navigation key
    assert player.tick(0, now=100.0) is None


def test_a_cursor_moved_behind_the_players_back_restarts_the_wait() -> None:
    player = Player.for_session(session([None] * 4))
    player.play(0, now=0.0)
    assert player.tick(2, now=1.0) is None  # the cursor is elsewhere now
    assert player.tick(2, now=2.9) is None
    assert player.tick(2, now=3.0) == 3


def test_a_late_tick_resumes_at_pace_without_racing() -> None:
    player = Player.for_session(session([None] * 6))
    player.play(0, now=0.0)
    assert player.tick(0, now=2.1) == 1  # slightly late: the cadence is kept
    assert player.due == pytest.approx(4.0)
    assert player.tick(1, now=500.0) == 2  # after a long sleep: one step…
    assert player.due == pytest.approx(502.0)  # …and the next at the normal pace
    assert player.tick(2, now=500.5) is None


def test_speed_steps_and_label() -> None:
    player = Player.for_session(session([None] * 3))
    assert player.speed == 1.0 and player.label == "⏸ ×1"
    assert [player.faster() for _ in range(5)] == [2.0, 4.0, 8.0, 16.0, 16.0]
    assert [player.slower() for _ in range(7)] == [8.0, 4.0, 2.0, 1.0, 0.5, 0.25, 0.25]
    assert speed_label(0.25) == "×0.25" and list(SPEEDS) == sorted(SPEEDS)
    player.play(0, now=0.0)
    assert player.label == "▶ ×0.25"


def test_changing_speed_mid_wait_keeps_the_share_already_waited() -> None:
    player = Player.for_session(session([None] * 3))
    player.play(0, now=0.0)  # due at 2.0
    player.faster(now=1.0)  # half waited; the remaining half of a 1 s wait is 0.5 s
    assert player.due == pytest.approx(1.5)
    assert player.tick(0, now=1.5) == 1
    assert player.due == pytest.approx(2.5)  # the next wait is the new 1 s


def test_autoplay_through_a_filter_skips_hidden_posts() -> None:
    loaded = session(
        [f"2015-03-12T10:00:0{i}" for i in range(6)], pauses=(3,), authors="ab"
    )  # a writes 0, 2, 4; b writes 1, 3, 5; a pause chapter starts at 3 (b's post)
    view = filters.apply(loaded, filters.Filter(frozenset({"a"})))
    player = Player.for_session(loaded, step=view.next_after)
    player.play(TITLE, now=0.0)
    shown, _ = run(player, TITLE, 0.0)
    assert shown == [0, 2, 4]  # 2 → 4 crosses the pause at 3: it stops at 4
    assert not player.playing
    assert player.delay_to_next(0) == 2.0  # the gap to the next shown post
    player.play(4, now=60.0)
    shown, _ = run(player, 4, 60.0)
    assert shown == [6]  # the end card


def test_positions_mean_the_same_everywhere() -> None:
    from replay_tui.replay import cursor as replay
    from replay_tui.user import state

    assert TITLE == replay.TITLE == state.TITLE

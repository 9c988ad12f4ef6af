"""Autoplay, chapters, the prompt banner, time zones and the activity strip, in the app.

Autoplay runs on a fake clock handed to `build_app(clock=…)`: a test moves the clock and
calls the screen's `tick()` (what the one-shot timer calls), so nothing sleeps and nothing
depends on how fast the machine is. small.toml: the title card and every post whose gap is
not known to the minute wait the fixed 2 s; p2 (09:12) → p3 (11:15:30) is two hours, cut to
the 3 s cap; p3 starts the chapter "Replies", marked `pause`.
"""

from __future__ import annotations

import asyncio
import threading

import arrow
import msgspec
import pytest

from replay_tui.format.check import check_session
from replay_tui.format.read import LoadedSession, load_session
from replay_tui.replay import activity
from replay_tui.replay.cursor import TITLE
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.idle import Idle
from replay_tui.ui.screens.lists import JumpList
from replay_tui.ui.screens.replay import ReplayScreen
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.banner import PromptBanner

from .apps import (
    SMALL,
    at_post,
    replay_app,
    replay_screen,
    screen_lines,
    screen_text,
    settings,
    settle,
)
from .reading import timeline_words

SIZE = (120, 40)


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def clocked_app(clock: FakeClock, loaded: LoadedSession | None = None) -> ReplayApp:
    return build_app(loaded or load_session(SMALL), config=settings(), clock=clock)


def header(app: ReplayApp) -> str:
    return "\n".join(screen_lines(app)[:2])


async def test_space_plays_and_pauses_and_the_header_says_so() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        assert "⏸ ×1" in header(app)
        await pilot.press("space")
        assert screen.autoplay.player.playing
        assert "▶ ×1" in header(app)
        await pilot.press("space")
        assert not screen.autoplay.player.playing
        assert "⏸ ×1" in header(app)


async def test_autoplay_follows_the_clock_and_stops_at_a_pause_chapter() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("space")
        assert (
            screen.autoplay.player.seconds_until(clock.now) == 2.0
        )  # the title card: the interval
        clock.now = 1.9
        screen.autoplay.tick()  # early: nothing happens
        assert screen.replay.at_title
        clock.now = 2.0
        screen.autoplay.tick()
        await pilot.pause()
        assert screen.replay.position == 0
        assert "1/8" in header(app)
        clock.now = 4.0  # p1 is known to the day only: the fixed interval again
        screen.autoplay.tick()
        assert screen.replay.position == 1
        # p2 09:12 → p3 11:15:30 is two hours: cut to the 3 s cap.
        assert screen.autoplay.player.seconds_until(clock.now) == 3.0
        clock.now = 7.0
        screen.autoplay.tick()
        await pilot.pause()
        assert screen.replay.position == 2
        # "Replies" is marked pause: playback stops there, with its prompt for the class.
        assert not screen.autoplay.player.playing
        assert "⏸" in header(app)
        assert "Who is each reply addressed to?" in screen.query_one(PromptBanner).text
        clock.now = 60.0
        screen.autoplay.tick()
        assert screen.replay.position == 2


async def test_plus_and_minus_change_the_speed_and_the_waits() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("plus", "space")
        assert "▶ ×2" in header(app)
        assert screen.autoplay.player.seconds_until(clock.now) == 1.0
        clock.now = 0.5  # half-way through the wait, slow down to ×1: half of 2 s is left
        await pilot.press("minus")
        assert "▶ ×1" in header(app)
        assert screen.autoplay.player.seconds_until(clock.now) == 1.0
        await pilot.press("minus", "minus", "minus", "minus")
        assert "×0.25" in header(app)
        for _ in range(9):
            await pilot.press("plus")
        assert "×16" in header(app)  # the fastest stays the fastest


async def test_any_navigation_pauses_autoplay() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        for keys in (("right",), ("5",), ("G",), ("right_square_bracket",)):
            await pilot.press("home", "space")
            assert screen.autoplay.player.playing
            await pilot.press(*keys)
            assert not screen.autoplay.player.playing, keys
            assert "⏸" in header(app)
        # An autoplay step does not pause itself.
        await pilot.press("home", "space")
        clock.now += 2.0
        screen.autoplay.tick()
        assert screen.replay.position == 1 and screen.autoplay.player.playing


async def test_autoplay_stops_at_the_end_card() -> None:
    clock = FakeClock()
    app = clocked_app(clock)
    async with at_post(app, 6, SIZE) as (pilot, screen):
        await pilot.press("space")
        clock.now = 2.0
        screen.autoplay.tick()
        assert screen.replay.position == 7
        clock.now = 4.0
        screen.autoplay.tick()
        await pilot.pause()
        assert screen.replay.at_end and not screen.autoplay.player.playing
        await pilot.press("space")  # at the end: says so, does not start
        assert not screen.autoplay.player.playing


async def test_autoplay_skips_what_a_filter_hides() -> None:
    from replay_tui.replay.filters import Filter

    clock = FakeClock()
    app = clocked_app(clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        screen.apply_filter(Filter(participants=frozenset({"library"})))  # posts 0, 2, 6
        await pilot.press("space")
        visited = []
        for _ in range(4):
            clock.now += 3.0
            screen.autoplay.tick()
            visited.append(screen.replay.position)
            if not screen.autoplay.player.playing:
                await pilot.press("space")  # on past the pause chapter
        assert visited == [0, 2, 6, 8]


async def test_chapter_keys_and_the_chapter_list() -> None:
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right_square_bracket")
        assert screen.replay.position == 0
        await pilot.press("right_square_bracket")
        assert screen.replay.position == 2
        assert "Chapter 2/2 · Replies" in header(app)
        await pilot.press("right_square_bracket")  # no later chapter: stays
        assert screen.replay.position == 2
        screen.go_to(4)
        await pilot.pause()
        await pilot.press("left_square_bracket")  # the start of this chapter
        assert screen.replay.position == 2
        await pilot.press("left_square_bracket")
        assert screen.replay.position == 0
        await pilot.press("C")
        assert isinstance(app.screen, JumpList)
        assert app.screen.texts[1].startswith("2. Replies")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert screen.replay.position == 2


async def test_the_prompt_banner_shows_at_a_chapter_start_until_the_next_step() -> None:
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        banner = screen.query_one(PromptBanner)
        assert not banner.display
        await pilot.press("right")
        assert banner.display
        assert "The announcement" in banner.text
        assert "What does the library say, and what does it leave out?" in banner.text
        assert "Discuss · chapter 1 of 2" in screen_text(app)
        await pilot.press("right")
        assert not banner.display
        await pilot.press("left")
        assert banner.display


async def test_z_cycles_the_display_zone_and_every_time_follows() -> None:
    app = clocked_app(FakeClock())
    async with at_post(app, 1, SIZE) as (pilot, screen):  # p2, 09:12 in Europe/Berlin (CET)
        assert "session zone · Europe/Berlin" in header(app)
        assert "Thu 4 Mar 2021 · 09:12 CET" in header(app)
        assert "4 Mar 2021 09:12" in timeline_words(app)
        await pilot.press("z")
        assert screen.display_zone.kind == "utc"
        assert "UTC" in header(app)
        assert "Thu 4 Mar 2021 · 08:12 UTC" in header(app)
        assert "4 Mar 2021 08:12" in timeline_words(app)
        # A date known only to the day stays that date in every zone.
        assert "4 Mar 2021" in timeline_words(app)
        # A derived time stays marked as derived.
        screen.go_to(2)
        await pilot.pause()
        assert "≈ Thu 4 Mar 2021 · 10:15:30 UTC (derived from status ID)" in header(app)
        for _ in range(len(screen.zones) - 1):
            await pilot.press("z")
        assert screen.display_zone.kind == "session"
        assert "11:15:30 CET" in header(app)


async def test_the_local_zone_is_named_in_the_header() -> None:
    from zoneinfo import ZoneInfo

    from replay_tui.words.zones import display_zones

    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        screen.zones = display_zones(
            "Europe/Berlin", local=(ZoneInfo("America/New_York"), "America/New_York")
        )
        screen.go_to(1)
        await pilot.pause()
        await pilot.press("z", "z")
        assert "local · America/New_York" in header(app)
        assert "Thu 4 Mar 2021 · 03:12 EST" in header(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "local: America/New_York" in header(app)


async def test_dates_are_in_the_sessions_language() -> None:
    loaded = load_session(SMALL)
    hebrew = msgspec.structs.replace(loaded.session, language="he")
    checked, problems = check_session(hebrew, "he.toml")
    assert checked is not None, problems
    app = clocked_app(FakeClock(), checked)
    async with at_post(app, 1, SIZE) as _:
        thursday = arrow.get(2021, 3, 4).format("ddd", locale="he")
        assert thursday in header(app)
        # Gaps in words come from arrow's Hebrew (and the app's own table): never English.
        assert "same day" not in timeline_words(app)
        assert "באותו יום" in timeline_words(app)


async def test_the_activity_strip_marks_the_cursor_and_counts_only_on_resize() -> None:
    app = clocked_app(FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        strip = screen.query_one(ActivityStrip)
        await settle(app, lambda: strip.activity is not None)  # counted by a worker
        activity = strip.activity
        assert activity is not None
        assert strip.text.endswith("2 without a date")
        assert len(strip.text) == SIZE[0] - 2  # the width, less its padding
        assert not strip.marked
        screen.go_to(1)
        await pilot.pause()
        column = activity.column_of(1)
        assert column is not None and strip.marked == range(column, column + 1)
        screen.go_to(0)  # known to its day: the day's columns are marked
        await pilot.pause()
        assert len(strip.marked) > 1
        screen.go_to(7)  # no time at all: nothing to mark
        await pilot.pause()
        assert not strip.marked
        assert strip.activity is activity  # steps only move the mark
        await pilot.resize_terminal(80, 24)
        await settle(app, lambda: strip.activity is not activity)
        assert len(strip.text) == 78


async def test_from_start_and_resume_share_the_title_card_when_nothing_is_saved() -> None:
    app = build_app(load_session(SMALL), from_start=True, config=settings())
    async with app.run_test(size=SIZE):
        assert replay_screen(app).replay.position == TITLE


async def test_a_hostile_prompt_and_strip_stay_literal() -> None:
    from .apps import HOSTILE
    from .test_hostile import assert_inert

    app = build_app(load_session(HOSTILE), config=settings(), clock=FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("right")
        banner = screen.query_one(PromptBanner).text
        assert "Chapter [@click=app.quit]x[/] | a [/] b [bold | ^[[2J clear" in banner
        assert "Prompt [@click=app.quit]x[/]" in banner
        assert_inert(banner)
        assert_inert(screen.query_one(ActivityStrip).text)
        assert_inert(screen_text(app))
        await pilot.click("#prompt", offset=(12, 1))  # on the literal "[@click=app.quit]"
        assert app.is_running


def test_gap_words_are_arrows_in_compact_form_and_honest_to_precision() -> None:
    from replay_tui.format.times import parse, zone
    from replay_tui.words.zones import compact_gap

    berlin = zone("Europe/Berlin")

    def gap(a: str, b: str, locale: str = "en") -> str:
        return compact_gap(parse(a, berlin), parse(b, berlin), berlin, locale)

    assert gap("2021-03-04T09:12", "2021-03-04T09:16") == "+4 minutes"
    assert gap("2021-03-04T09:12", "2021-03-04T10:12") == "+1 hour"  # not "+an hour"
    assert gap("2021-03-04T09:12", "2021-03-04T09:12") == "same minute"
    assert gap("2021-03-04T09:12:05", "2021-03-04T09:12:35") == "+30 seconds"
    assert gap("2021-03-04", "2021-03-04") == "same day"  # never "0 minutes"
    assert gap("2021-03-04", "2021-03-04T23:59") == "same day"
    assert gap("2021-03-04", "2021-03-05") == "next day"
    assert gap("2021-03-04", "2021-03-08") == "+4 days"
    assert gap("2021-03", "2021-03-20") == "same month"
    assert gap("2021-03-04T09:16", "2021-03-04T09:12") == "4 minutes ago"  # runs backwards
    assert gap("2021-03-04", "2021-03-05", "he") == "למחרת"
    assert compact_gap(None, parse("2021", berlin), berlin, "en") == "gap unknown"


async def test_a_strip_of_one_slice_is_there_while_the_reader_is_still_moving(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening counts as a move, and background work waits for the reader to pause; but a
    pass's first slice never waits, so a session counted in one slice has its strip at
    once. Here the reader never pauses (the gate stays shut): the strip is counted all the
    same."""
    monkeypatch.setattr(Idle, "_quiet", lambda self: None)
    app = replay_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        strip = screen.query_one(ActivityStrip)
        # A guard against a worker that would wait for ever, not a measured time.
        await asyncio.wait_for(settle(app, lambda: strip.activity is not None), 60)
        assert not screen.idle._open.is_set()  # the reader had not paused
        await pilot.pause()
        assert "counting" not in strip.text


async def test_a_strip_of_several_slices_waits_for_the_reader_to_pause(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past its first slice a count waits while the reader moves, so that a large session's
    counting never competes with key presses (two posts a slice stand in for 4,096)."""
    monkeypatch.setattr(activity, "SLICE", 2)
    monkeypatch.setattr(Idle, "_quiet", lambda self: None)
    waiting = threading.Event()
    wait = Idle.wait

    def noted(self: Idle) -> None:
        waiting.set()
        wait(self)

    monkeypatch.setattr(Idle, "wait", noted)
    app = replay_app()
    async with app.run_test(size=SIZE):
        screen = replay_screen(app)
        strip = screen.query_one(ActivityStrip)
        assert await asyncio.to_thread(waiting.wait, 60)  # a guard, not a measured time
        assert strip.activity is None
        screen.idle.release()  # the reader pauses
        await settle(app, lambda: strip.activity is not None)

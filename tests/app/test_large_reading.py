"""Search, filter, the thread view and the activity strip over 100,000 posts: the slow
parts (the search index, the tag index, counting posts over time) run in thread workers,
so keys return at once; behaviour is asserted, and times are printed, not asserted."""

from __future__ import annotations

import time

from replay_tui.format.read import LoadedSession
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.filter import FilterScreen
from replay_tui.ui.screens.search import SearchScreen
from replay_tui.ui.widgets.activity import ActivityStrip
from replay_tui.ui.widgets.timeline import MAX_WINDOW_POSTS, Timeline

from .apps import replay_screen, screen_text, settings, settle
from .test_large import COUNT, big

__all__ = ["big"]  # the 100,000-post session, a module fixture of test_large

SIZE = (120, 40)


def bar(app: ReplayApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen), screen
    return screen


async def search(app: ReplayApp, pilot: object, query: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
    bar(app).query_one("#search-input").value = query  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()


async def test_searching_a_hundred_thousand_posts_keeps_the_screen_alive(
    big: LoadedSession,
) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await pilot.press("slash")
        bar(app).query_one("#search-input").value = "number 98765 "  # type: ignore[attr-defined]
        started = time.perf_counter()
        await pilot.press("enter")
        # The index is built in a worker: the key returns at once and says so.
        assert "searching…" in bar(app).status_text or screen.replay.position == 98765
        await app.workers.wait_for_complete()
        await pilot.pause()
        first_result = time.perf_counter() - started
        assert screen.replay.position == 98765
        assert "match" in bar(app).status_text
        assert f"98,766/{COUNT:,}" in screen_text(app)
        # A broad search: 50,000 matches, counted in a worker; n is instant meanwhile.
        await search(app, pilot, "alice")
        await pilot.press("escape", "n")
        await app.workers.wait_for_complete()
        assert screen.replay.position % 2 == 1
        print(f"\nsearch over {COUNT:,} posts: first result {first_result:.3f} s")


async def test_filter_thread_view_and_activity_over_a_hundred_thousand_posts(
    big: LoadedSession,
) -> None:
    app = build_app(big, config=settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = replay_screen(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        strip = screen.query_one(ActivityStrip)
        assert strip.activity is not None and len(strip.text) == SIZE[0] - 2
        # F: the hashtags are found in a worker, then the filter opens.
        started = time.perf_counter()
        await pilot.press("F")
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = time.perf_counter() - started
        assert isinstance(app.screen, FilterScreen)
        assert "#tag0" in screen_text(app)
        await pilot.press("escape")
        from replay_tui.replay.filters import Filter, PendingView

        started = time.perf_counter()
        screen.apply_filter(Filter(tag="#tag3"))
        await pilot.press("end")
        filtered = time.perf_counter() - started
        # The full count is made in the background once the reader stops moving.
        await settle(app, lambda: not isinstance(screen.replay.shown, PendingView))
        shown = screen.replay.shown
        assert shown is not None and len(shown) == len(range(3, COUNT, 7))
        assert f"{len(shown):,}/{len(shown):,} shown (of {COUNT:,})" in screen_text(app)
        await pilot.press("left")
        assert screen.replay.position == shown.indices[-2]
        # The thread view of 14,286 revealed posts: still only a window is laid out.
        started = time.perf_counter()
        await pilot.press("t", "left", "left")
        threaded = time.perf_counter() - started
        timeline = screen.query_one(Timeline)
        assert len(timeline.window) <= MAX_WINDOW_POSTS
        assert screen.replay.position == shown.indices[-4]
        print(
            f"\n{COUNT:,} posts: filter dialog {opened:.3f} s, tag filter + End "
            f"{filtered:.3f} s, thread view + 2 steps {threaded:.3f} s"
        )
